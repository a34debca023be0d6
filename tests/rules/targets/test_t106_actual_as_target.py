"""T106: the actual value is written as a target (≥, ≤, 不少于 …)."""

from __future__ import annotations

from builders import leaf

from .forms import codes, t_findings


def test_t106_actual_written_as_a_target(tmp_path):
    found, report = t_findings(tmp_path, [
        leaf("产出指标", "质量指标", "合格率", 10, 10, target="≥95%", unit=None, actual="≥95%"),
        leaf("产出指标", "数量指标", "品种", 10, 10, target="不少于12种", unit=None, actual="不少于12种"),
        leaf("产出指标", "数量指标", "覆盖", 10, 10, target="≥90%", unit=None, actual="95%以上"),
        leaf("产出指标", "质量指标", "好的", 10, 10, target="≥95%", unit=None, actual="96.3%"),
    ])
    assert codes(found, "T106") == ["G2", "G3", "G4"]
    assert "≥95%" in report.findings[0].message
