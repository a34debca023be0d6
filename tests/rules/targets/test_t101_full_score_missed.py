"""T101: full score although the actual value misses the target."""

from __future__ import annotations

from builders import leaf

from .forms import codes, t_findings


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
