"""N108: a tier-1's 分值 / 得分 in the text against its table."""

import pytest
from rules.narrative.helpers import n_found, write

import evalbook

HEAD = "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 | 得分率"
OUTPUT = HEAD + """
| 产出（50） | 数量指标（20） | 1个中心 | 10 | 10 | 100%
| ^ | ^ | 2个平台 | 10 | 10 | 100%
| ^ | 质量指标（30） | 工程质量优良 | 30 | {score} | 100%
| 小    计 | < | < | 50 | {subtotal} | 100%"""
SATISFACTION = HEAD + """
| 满意度（10） | 服务对象\\n满意度指标（10） | 群众满意度 | 10 | 10 | 100%
| 小    计 | < | < | 10 | 10 | 100%"""


def report(tmp_path, first, second, name="r.docx", score="30", subtotal="50"):
    text = "\n".join([first, OUTPUT.format(score=score, subtotal=subtotal), second, SATISFACTION]) + "\n"
    return write(tmp_path / name, text)


def test_a_heading_copied_from_the_section_before_fires_once_naming_both(tmp_path):
    p = report(tmp_path, "1.产出指标（指标分值50分，得分50分）", "2.产出指标分析（指标分值10分，得分10分）")
    assert n_found(p, "N108") == [("N108", "报告", "段落2")]
    f = [f for f in evalbook.check(p).findings if f.code == "N108"][0]
    assert f.key == "N108.both" and "10" in f.message and "50" in f.message and "报告写“" in f.message


@pytest.mark.parametrize("heading, key", [("1.产出指标（分值40分，得分50分）", "N108.cap"),
                                          ("1.产出指标分析（分值50分，得分48分）", "N108.score"),
                                          ("（一）产出指标得分４８分", "N108.score")])
def test_a_cap_or_a_score_alone(tmp_path, heading, key):
    p = report(tmp_path, heading, "2.满意度指标（分值10分，得分10分）")
    assert [f.key for f in evalbook.check(p).findings if f.code == "N108"] == [key]


def test_headings_that_agree_are_silent(tmp_path):
    agree = report(tmp_path, "1.产出指标（指标分值50分，得分50分）", "2.满意度指标分析（指标分值10分，得分10分）", "a.docx")
    assert n_found(agree, "N108") == []
    wrong = report(tmp_path, "1.产出指标（指标分值50分，得分50分）", "2.满意度指标分析（指标分值10分，得分9分）", "b.docx")
    assert n_found(wrong, "N108") == [("N108", "报告", "段落2")]


def test_the_tables_stated_subtotal_is_also_its_score(tmp_path):
    # A leaf scored 31 over its cap of 30 (P101): the 小计 says 50, as the heading does.
    p = report(tmp_path, "1.产出指标（分值50分，得分50分）", "", "a.docx", score="31")
    assert n_found(p, "N108") == []
    p = report(tmp_path, "1.产出指标（分值50分，得分49分）", "", "b.docx", score="31")
    assert n_found(p, "N108") == [("N108", "报告", "段落1")]


def test_tier2_names_unknown_tiers_and_score_lines_are_not_read(tmp_path):
    silent = ["1.产出数量指标（分值12分，得分12分）", "1.成本指标（分值10分，得分10分）",
              "1.产出指标本项应得分50分，扣0分，评价得分40分"]
    for n, heading in enumerate(silent):
        assert n_found(report(tmp_path, heading, "", f"s{n}.docx"), "N108") == [], heading
    assert n_found(report(tmp_path, "1.产出指标（分值12分，得分12分）", "", "f.docx"), "N108") == \
        [("N108", "报告", "段落1")]


def test_a_report_without_tables_has_no_n108(tmp_path):
    p = write(tmp_path / "r.docx", "1.产出指标（分值10分，得分10分）\n项目自评得分98分。\n")
    assert n_found(p, "N108") == []
    assert n_found(report(tmp_path, "1.产出指标（分值10分，得分10分）", "", "b.docx"), "N108") != []
