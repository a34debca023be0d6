from rules.narrative.helpers import at, base_report, n_found, write


def test_fires_when_the_text_grades_otherwise(tmp_path):
    for i, word in enumerate(("良", "良好", "合格")):
        assert n_found(base_report(tmp_path / f"r{i}.docx", grade=word), "N103") == [("N103", "报告", at("conclusion"))]


def test_silent_on_the_same_grade_in_other_words(tmp_path):
    assert n_found(base_report(tmp_path / "r.docx", grade="优秀"), "N103") == []


def test_without_a_stated_grade_the_claimed_total_decides(tmp_path):
    # No 自评等级 row: 99.6 is 优, so 良 is wrong and 优 right.
    assert n_found(base_report(tmp_path / "a.docx", stated_grade="", grade="良"), "N103") == [
        ("N103", "报告", at("conclusion"))]
    assert n_found(base_report(tmp_path / "b.docx", stated_grade=""), "N103") == []


def test_words_that_are_not_the_grade(tmp_path):
    text = "\n".join([
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分",
        "| 产出（90） | 数量（90） | 甲 | 90 | 70",
        "系统运行情况良好，工程验收等级为合格，工程质量优良。",
    ])
    assert n_found(write(tmp_path / "r.docx", text), "N103") == []
