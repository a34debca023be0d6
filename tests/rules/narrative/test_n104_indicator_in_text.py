from rules.narrative.helpers import at, base_report, n_found, write


def test_fires_at_the_sentence_naming_the_indicator(tmp_path):
    assert n_found(base_report(tmp_path / "r.docx", awareness="90%"), "N104") == [("N104", "报告", at("awareness"))]


def test_silent_when_equal_or_rounded(tmp_path):
    assert n_found(base_report(tmp_path / "a.docx"), "N104") == []
    assert n_found(base_report(tmp_path / "b.docx", awareness="95.0%"), "N104") == []
    assert n_found(base_report(tmp_path / "c.docx", awareness="９５％"), "N104") == []


HEAD = "| 一级指标 | 二级指标 | 三级指标 | 实际完成值 | 计量单位 | 分值 | 得分"


def _report(tmp_path, rows, sentence):
    return write(tmp_path / "r.docx", "\n".join([HEAD, *rows, sentence]))


def test_silent_when_the_match_is_not_unique(tmp_path):
    rows = ["| 产出（20） | 数量（10） | 培训人次 | 100 | 人次 | 10 | 10",
            "| ^ | 质量（10） | 培训人次 | 120 | 人次 | 10 | 10"]
    assert n_found(_report(tmp_path, rows, "全年培训人次达到200。"), "N104") == []


def test_silent_with_two_numbers_or_another_unit(tmp_path):
    rows = ["| 产出（10） | 数量（10） | 培训人次 | 100 | 人次 | 10 | 10"]
    assert n_found(_report(tmp_path, rows, "2023年培训人次150人次。"), "N104") == []
    assert n_found(_report(tmp_path, rows, "培训人次投入经费5万元。"), "N104") == []
    assert n_found(_report(tmp_path, rows, "共完成培训人次150人次。"), "N104") == [("N104", "报告", "段落1")]


def test_a_longer_name_wins_over_a_name_inside_it(tmp_path):
    rows = ["| 满意度（20） | 满意度（20） | 满意度 | 90% | % | 10 | 10",
            "| ^ | ^ | 群众满意度 | 98% | % | 10 | 10"]
    assert n_found(_report(tmp_path, rows, "群众满意度为98%。"), "N104") == []
    assert n_found(_report(tmp_path, rows, "群众满意度为90%。"), "N104") == [("N104", "报告", "段落1")]
