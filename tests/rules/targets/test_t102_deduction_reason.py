"""T102: points deducted and no deviation reason."""

from __future__ import annotations

import pytest
from builders import IND_HEADER, leaf

from .forms import codes, t_findings


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
