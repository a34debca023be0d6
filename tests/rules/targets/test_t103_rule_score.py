"""T103: a quantitative score far from the profile's scoring rule."""

from __future__ import annotations

from builders import leaf

from evalbook import profiles

from .forms import codes, t_findings


def test_t103_the_spec_example_is_within_tolerance(tmp_path):
    # cap 15, rule score 14.86; 13 is 1.36 away from it, within 10% of 15
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "管网长度", 15, 13, nature="≥", target=150, unit="米", actual=148.6,
             reason="征地延误"),
    ])
    assert codes(found, "T103") == []


def test_t103_fires_beyond_tolerance(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "管网长度", 15, 12, nature="≥", target=150, unit="米", actual=148.6),
    ])
    assert codes(found, "T103") == ["I2"]
    f = report.findings[0]
    assert (f.stated, f.expected) == (12, 14.86)
    assert f.severity == "warning"
    # information, not an order to raise a judgement score
    assert "约为 14.86" in f.message and "如有理由请在偏差原因中说明" in f.message and "应为" not in f.message
    # an office that allows more judgement says so in its profile
    wide = profiles.from_mapping({"t103_tolerance": 0.2}, "wide")
    found, _ = t_findings(tmp_path, [
        leaf("产出指标", "数量指标", "管网长度", 15, 12, nature="≥", target=150, unit="米", actual=148.6,
             reason="征地延误"),
    ], profile=wide, name="wide.xlsx")
    assert codes(found, "T103") == []


def test_t103_reverse_rule_follows_the_profile(tmp_path):
    rows = [leaf("产出指标", "时效指标", "响应时间", 10, 6.67, nature="≤", target=2, unit="小时", actual="3.0")]
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
        leaf("产出指标", "数量指标", "等于八", 10, 7.5, nature=None, target="=8个", unit=None, actual="6个"),
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
        leaf("产出指标", "质量指标", "合格率", 10, 7.5, nature="≥", target=1, unit=None, actual=0.9),
        leaf("产出指标", "质量指标", "优良率", 10, 7.4, nature="≥", target=1, unit=None, actual=0.9),
    ])
    assert codes(found, "T103") == ["I3"]


def test_t103_is_silent_when_a_reason_is_written(tmp_path):
    rows = [leaf("产出指标", "数量指标", "管网长度", 15, 12, nature="≥", target=150, unit="米", actual=148.6,
                 reason="征地延误，按合同约定扣减")]
    found, _ = t_findings(tmp_path, rows)
    assert codes(found, "T103") == []
    rows[0][10] = "无"  # no reason: the finding comes back
    found, _ = t_findings(tmp_path, rows, name="none.xlsx")
    assert codes(found, "T103") == ["I2"]
