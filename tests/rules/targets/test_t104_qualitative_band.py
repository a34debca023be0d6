"""T104: a qualitative score outside the band of its stated grade."""

from __future__ import annotations

from builders import leaf

from evalbook import profiles

from .forms import codes, t_findings


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
