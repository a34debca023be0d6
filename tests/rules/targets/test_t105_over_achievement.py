"""T105: actual far above the target (over-achievement) with no explanation."""

from __future__ import annotations

from builders import leaf

from evalbook import profiles

from .forms import codes, t_findings


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
