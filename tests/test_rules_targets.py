"""T101–T107 on built workbooks: each fires where the score does not follow from the target
and the actual, and stays silent on rows that are consistent (within rounding and the T103
tolerance)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import IND_HEADER, leaf, standard

from evalbook.pipeline import check
from evalbook import profiles

ROOT = Path(__file__).resolve().parent.parent


def t_findings(tmp_path, rows, profile=None, merges=None, header=IND_HEADER, name="form.xlsx"):
    path = standard(tmp_path, name=name, indicators=[header, *rows], merges={"指标": merges or []})
    report = check(path, profile=profile, select=["T"])
    return [(f.code, f.cell) for f in report.findings], report


def codes(found, code):
    return [cell for c, cell in found if c == code]


# ---------------------------------------------------------------- T101

def test_t101_full_score_on_a_missed_target(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("产出指标", "质量指标", "设备完好率", 5, 5, target="≥95%", unit=None, actual="93%"),
        leaf("产出指标", "时效指标", "响应时间", 5, 5, nature="≤", target=2, unit="小时", actual=2.5),
        leaf("产出指标", "数量指标", "窗口数量", 5, 5, nature="=", target="=8个", unit=None, actual="7个"),
    ])
    assert codes(found, "T101") == ["I2", "I3", "I4"]
    f = next(f for f in report.findings if f.code == "T101")
    assert f.severity == "warning"
    assert (f.stated, f.expected) == (0.93, 0.95)  # not 0.9500000000000001
    assert "93.00%" in f.message or "93%" in f.message


def test_t101_silent_when_the_target_is_met_or_points_were_taken(tmp_path):
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "质量指标", "达到", 5, 5, target="≥95%", unit=None, actual="96%"),
        leaf("产出指标", "质量指标", "刚好", 5, 5, target=95, unit="%", actual=95),
        leaf("产出指标", "质量指标", "扣了分", 5, 4.89, target="≥95%", unit=None, actual="93%", reason="故障多"),
        leaf("产出指标", "时效指标", "反向达到", 5, 5, nature="≤", target=2, unit="小时", actual=1.5),
        # units differ: 台 cannot be compared with 个
        leaf("产出指标", "数量指标", "单位不同", 5, 5, target="≥30个", unit=None, actual="20台"),
    ])
    assert codes(found, "T101") == []


# ---------------------------------------------------------------- T102

@pytest.mark.parametrize("reason", [None, "无", "0", "—", "/"])
def test_t102_points_deducted_without_reason(tmp_path, reason):
    found, report = t_findings(tmp_path, [
        leaf("满意度指标", "满意度指标", "群众满意度", 5, 4.89, target=95, unit="%", actual=93, reason=reason),
    ])
    assert codes(found, "T102") == ["K2"]
    f = report.findings[0]
    assert (f.stated, f.expected) == (4.89, 5)


def test_t102_silent_with_a_reason_or_full_marks(tmp_path):
    found, _ = t_findings(tmp_path, [
        leaf("满意度指标", "满意度指标", "有原因", 5, 4.89, target=95, unit="%", actual=93,
             reason="高峰时段等候偏长，拟增开潮汐窗口"),
        leaf("满意度指标", "满意度指标", "满分", 5, 5, target=95, unit="%", actual=96),
    ])
    assert codes(found, "T102") == []


def test_t102_without_a_reason_column_points_at_the_score(tmp_path):
    header = IND_HEADER[:-1]
    found, report = t_findings(tmp_path, [
        leaf("满意度指标", "满意度指标", "群众满意度", 5, 4.89, target=95, unit="%", actual=93)[:-1],
    ], header=header)
    assert codes(found, "T102") == ["I2"]
    assert "没有偏差原因" in report.findings[0].message


# ---------------------------------------------------------------- T103

def test_t103_the_spec_example_is_within_tolerance(tmp_path):
    # cap 15, rule score 14.86; 13 is 1.36 away from it, within 10% of 15
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "管网长度", 15, 13, nature="≥", target=150, unit="米", actual=148.6,
             reason="征地延误"),
    ])
    assert codes(found, "T103") == []


def test_t103_fires_beyond_tolerance(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "管网长度", 15, 12, nature="≥", target=150, unit="米", actual=148.6,
             reason="征地延误"),
    ])
    assert codes(found, "T103") == ["I2"]
    f = report.findings[0]
    assert (f.stated, f.expected) == (12, 14.86)
    assert f.severity == "warning"
    # an office that allows more judgement says so in its profile
    wide = profiles.from_mapping({"t103_tolerance": 0.2}, "wide")
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "管网长度", 15, 12, nature="≥", target=150, unit="米", actual=148.6,
             reason="征地延误"),
    ], profile=wide, name="wide.xlsx")
    assert codes(found, "T103") == []


def test_t103_reverse_rule_follows_the_profile(tmp_path):
    rows = [leaf("产出指标", "时效指标", "响应时间", 10, 6.67, nature="≤", target=2, unit="小时", actual="3.0",
                 reason="人手不足")]
    found, report = t_findings(tmp_path, rows)  # fasp2: 10 × (1 − 1/2) = 5, at most 5.25 for 3.05
    assert codes(found, "T103") == ["I2"]
    assert report.findings[0].expected == 5
    ratio = profiles.from_mapping({"reverse_rule": "ratio"}, "ratio")  # 10 × 2/3 = 6.67
    found, _ = t_findings(tmp_path, rows, profile=ratio, name="ratio.xlsx")
    assert codes(found, "T103") == []
    # a bare 3 may stand for 2.5 … 3.5, and 10 × (1 − 0.5/2) = 7.5 is within reach of 6.67
    rows[0][6] = 3
    found, _ = t_findings(tmp_path, rows, name="whole.xlsx")
    assert codes(found, "T103") == []


def test_t103_equality_rule_on_a_workbook(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "等于八", 10, 7.5, nature=None, target="=8个", unit=None, actual="6个", reason="缺货"),
        leaf("产出指标", "数量指标", "等于八满分", 10, 10, nature=None, target="=8个", unit=None, actual="6个"),
        leaf("产出指标", "质量指标", "零事故", 10, 10, nature="=", target=0, unit="起", actual=0),
        leaf("产出指标", "质量指标", "出了事故", 10, 10, nature="=", target=0, unit="起", actual=2),
    ])
    assert codes(found, "T103") == ["I3", "I5"]
    assert [f.expected for f in report.findings if f.code == "T103"] == [7.5, 0]
    assert codes(found, "T101") == ["I3", "I5"]


def test_t103_uses_the_rounding_of_the_actual(tmp_path):
    # actual 0.9 shown with one decimal may be 0.85 … 0.95: 10 × 0.85 = 8.5 is within reach of 7.5
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "质量指标", "合格率", 10, 7.5, nature="≥", target=1, unit=None, actual=0.9, reason="返工"),
        leaf("产出指标", "质量指标", "优良率", 10, 7.4, nature="≥", target=1, unit=None, actual=0.9, reason="返工"),
    ])
    assert codes(found, "T103") == ["I3"]


# ---------------------------------------------------------------- T104

def test_t104_qualitative_score_outside_its_band(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("效益指标", "社会效益指标", "未达成满分", 10, 10, nature="定性", target="有效提升", unit=None,
             actual="未达成年度指标", reason="推进缓慢"),
        leaf("效益指标", "社会效益指标", "达成低分", 10, 5, nature="定性", target="有效提升", unit=None,
             actual="达成年度指标", reason="评价从严"),
        leaf("效益指标", "社会效益指标", "部分达成低分", 10, 5.5, nature="定性", target="有效提升", unit=None,
             actual="基本达成", reason="推进缓慢"),
    ])
    assert codes(found, "T104") == ["I2", "I3", "I4"]
    first = report.findings[0]
    assert (first.stated, first.expected) == (10, 6)


def test_t104_silent_inside_the_band_and_bands_follow_the_profile(tmp_path):
    rows = [
        leaf("效益指标", "社会效益指标", "达成", 10, 9, nature="定性", target="有效提升", unit=None,
             actual="达成年度指标", reason="个别事项延后"),
        leaf("效益指标", "社会效益指标", "部分达成", 10, 7, nature="定性", target="有效提升", unit=None,
             actual="部分达成年度指标", reason="推进缓慢"),
        leaf("效益指标", "社会效益指标", "未达成", 10, 3, nature="定性", target="有效提升", unit=None,
             actual="未完成", reason="项目延期"),
    ]
    found, _ = t_findings(tmp_path, rows)
    assert codes(found, "T104") == []
    partial = [leaf("效益指标", "社会效益指标", "部分达成", 10, 5.5, nature="定性", target="有效提升", unit=None,
                    actual="部分达成", reason="推进缓慢")]
    found, _ = t_findings(tmp_path, partial, name="mof.xlsx")
    assert codes(found, "T104") == ["I2"]
    half = profiles.from_mapping({"qualitative": {"full": 0.8, "partial": 0.5}}, "half")
    found, _ = t_findings(tmp_path, partial, profile=half, name="half.xlsx")
    assert codes(found, "T104") == []


# ---------------------------------------------------------------- T105

def test_t105_over_achievement_without_explanation(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "培训人次", 10, 10, target="≥30", unit="人次", actual=40),
        leaf("产出指标", "数量指标", "覆盖率", 10, 10, target="≥50%", unit=None, actual="60%"),
    ])
    assert codes(found, "T105") == ["G2", "G3"]
    assert (report.findings[0].stated, report.findings[0].expected) == (40, 30)


def test_t105_silent_below_the_factor_or_with_a_reason(tmp_path):
    rows = [
        leaf("产出指标", "数量指标", "略超", 10, 10, target="≥30", unit="人次", actual=35),
        leaf("产出指标", "数量指标", "有说明", 10, 10, target="≥30", unit="人次", actual=40, reason="需求增加，加开两期"),
        leaf("产出指标", "时效指标", "反向", 10, 10, nature="≤", target=2, unit="小时", actual=1),
    ]
    found, _ = t_findings(tmp_path, rows)
    assert codes(found, "T105") == []
    loose = profiles.from_mapping({"over_factor": 1.5}, "loose")
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "培训人次", 10, 10, target="≥30", unit="人次", actual=40),
    ], profile=loose, name="loose.xlsx")
    assert codes(found, "T105") == []


# ---------------------------------------------------------------- T106

def test_t106_actual_written_as_a_target(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("产出指标", "质量指标", "合格率", 10, 10, target="≥95%", unit=None, actual="≥95%"),
        leaf("产出指标", "数量指标", "品种", 10, 10, target="不少于12种", unit=None, actual="不少于12种"),
        leaf("产出指标", "数量指标", "覆盖", 10, 10, target="≥90%", unit=None, actual="95%以上"),
        leaf("产出指标", "质量指标", "好的", 10, 10, target="≥95%", unit=None, actual="96.3%"),
    ])
    assert codes(found, "T106") == ["G2", "G3", "G4"]
    assert "≥95%" in report.findings[0].message


# ---------------------------------------------------------------- T107

def test_t107_score_without_actual(tmp_path):
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "系统投入运行", 10, 10, nature=None, target=None, unit=None, actual=None),
        leaf("产出指标", "数量指标", "零分", 10, 0, target=5, unit="个", actual=None, reason="项目未启动"),
        leaf("产出指标", "数量指标", "有值", 10, 10, target=5, unit="个", actual=5),
        leaf("产出指标", "数量指标", "划线", 10, 10, target=5, unit="个", actual="—"),
    ])
    assert codes(found, "T107") == ["G2", "G5"]


def test_t107_silent_without_an_actual_column(tmp_path):
    header = [h for h in IND_HEADER if h != "实际完成值"]
    row = leaf("产出指标", "数量指标", "系统投入运行", 10, 10, nature=None, target=None, unit=None, actual=None)
    del row[6]
    found, _ = t_findings(tmp_path, [row], header=header)
    assert codes(found, "T107") == []


# ---------------------------------------------------------------- consistent rows

def test_consistent_rows_give_no_t_finding(tmp_path):
    """Merged tier cells, text numbers, full-width digits, percent formats: all consistent."""
    rows = [
        leaf("产出指标", "数量指标", "窗口数量", 10, 10, target="≥30个", unit=None, actual="32个"),
        leaf(None, None, "终端数量", 10, 10, nature=None, target="不少于２０台", unit=None, actual="２０台"),
        leaf(None, "质量指标", "完好率", 8, 7.83, target="≥９５％", unit=None, actual="93%", reason="设备老化"),
        leaf(None, None, "及时率", 7, 7, target=95, unit="%", actual=97),
        leaf(None, "时效指标", "响应时间", 5, 5, nature="≤", target=2, unit="小时", actual=1.5),
        leaf(None, "成本指标", "运维成本", 5, 4.5, nature="≤", target="≤50万元", unit=None, actual="55万元",
             reason="备件涨价"),
        leaf("效益指标", "社会效益指标", "办理效率", 10, 10, nature="定性", target="有效提升", unit=None,
             actual="达成年度指标"),
        leaf(None, None, "长效机制", 10, 7, nature="定性", target="建立并运行", unit=None,
             actual="部分达成", reason="制度待完善"),
        leaf("满意度指标", "满意度指标", "群众满意度", 5, 4.89, target=95, unit="%", actual=93,
             reason="高峰时段等候偏长"),
        leaf(None, None, "人员满意度", 5, 5, target="≥90%", unit=None, actual=0.92),
    ]
    found, report = t_findings(tmp_path, rows, merges=["A2:A7", "B2:B3", "B4:B5", "A8:A9", "B8:B9", "A10:A11",
                                                        "B10:B11"])
    assert len(report.workbook.indicators.leaves) == 10
    assert found == []


def test_consistent_example_has_no_t_finding():
    report = check(ROOT / "examples" / "consistent.xlsx", select=["T"])
    assert report.findings == []


def test_t_rules_are_warnings_and_can_be_ignored_as_a_family(tmp_path):
    rows = [leaf("产出指标", "质量指标", "设备完好率", 5, 5, target="≥95%", unit=None, actual="≥93%")]
    path = standard(tmp_path, indicators=[IND_HEADER, *rows])
    report = check(path, select=["T"])
    assert {f.code for f in report.findings} == {"T101", "T106"}
    assert {f.severity for f in report.findings} == {"warning"}
    assert check(path, ignore=["T"]).findings == [] or all(
        not f.code.startswith("T") for f in check(path, ignore=["T"]).findings)
