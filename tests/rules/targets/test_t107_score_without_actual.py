"""T107: a score above zero with no actual value."""

from __future__ import annotations

from builders import IND_HEADER, leaf

from .forms import codes, t_findings


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
