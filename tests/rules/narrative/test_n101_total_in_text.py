from rules.narrative.helpers import at, base_report, n_found, write

import evalbook


def test_fires_at_the_conclusion_when_the_text_claims_another_total(tmp_path):
    assert n_found(base_report(tmp_path / "r.docx", total="98"), "N101") == [("N101", "报告", at("conclusion"))]


def test_silent_on_the_consistent_report_and_on_a_rounded_total(tmp_path):
    assert n_found(base_report(tmp_path / "a.docx"), "N101") == []
    # 99.6 written as 100 in the text is rounding, not a different total.
    assert n_found(base_report(tmp_path / "b.docx", total="100"), "N101") == []


def test_full_width_digits_are_read(tmp_path):
    assert n_found(base_report(tmp_path / "r.docx", total="９２"), "N101") == [("N101", "报告", at("conclusion"))]


def test_compares_with_the_computed_total_when_the_table_states_none(tmp_path):
    # No 自评得分 in the table: the text's 99.6 agrees with 90 + 9.6, 95 does not.
    assert n_found(base_report(tmp_path / "a.docx", claimed=""), "N101") == []
    f = [f for f in evalbook.check(base_report(tmp_path / "b.docx", claimed="", total="95")).findings
         if f.code == "N101"]
    assert [(f.cell, f.stated, f.expected) for f in f] == [(at("conclusion"), 95, 99.6)]


def test_tier_and_cap_clauses_are_not_the_total(tmp_path):
    text = "\n".join([
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分",
        "| 产出（90） | 数量（90） | 甲 | 90 | 90",
        "产出指标得分80分。",          # a tier's score (and wrong), not the total
        "项目总分100分，满分100分。",   # the form's full mark
        "项目自评得分应得分值为100分。",
    ])
    assert n_found(write(tmp_path / "r.docx", text), "N101") == []


def test_plans_are_not_claims(tmp_path):
    text = "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分\n| 产出（90） | 数量（90） | 甲 | 90 | 90\n力争明年自评得分达到95分。"
    assert n_found(write(tmp_path / "r.docx", text), "N101") == []


def test_nothing_under_a_plans_heading_is_a_claim(tmp_path):
    head = "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分\n| 产出（90） | 数量（90） | 甲 | 90 | 90\n"
    plans = write(tmp_path / "a.docx", head + "六、下一步改进工作的措施\n自评得分95分。")
    assert n_found(plans, "N101") == []
    # The next top-level heading ends the plans.
    after = write(tmp_path / "b.docx", head + "六、下一步改进工作的措施\n七、自评结论\n自评得分95分。")
    assert n_found(after, "N101") == [("N101", "报告", "段落3")]
