"""T rules together: consistent rows and the consistent example give none, and all of them are
warnings that can be ignored as a family."""

from __future__ import annotations

from pathlib import Path

from builders import IND_HEADER, leaf, standard

from evalbook.pipeline import check

from .forms import t_findings


ROOT = Path(__file__).resolve().parents[3]


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
