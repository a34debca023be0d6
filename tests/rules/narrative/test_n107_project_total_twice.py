"""N107: the project's total amount stated twice with different values."""

import pytest
from rules.narrative.helpers import n_found, write

import evalbook

SUB_PROJECTS = [
    "一、项目基本情况",
    "2.山丹县县级延伸乡镇视频会议系统建设项目。为进一步推进我县信息化建设进程，提升公共突发事件应急调度能力，"
    "经县政府常务会议讨论通过实施，项目总投资{sub}万元。",
    "该项目使用政务专网联通各乡镇高清视频会议系统，该项目总投资{sub}万元。",
    "二、项目资金情况",
    "以上信息化建设项目总投资237.95万元，目前已全部建成并投入使用。",
    "五、存在的问题",
    "因该项目总金额{later}万元项目资金支付缓慢，影响信息化项目运维保障。",
]


def report(tmp_path, name="r.docx", *, sub="约78.82", later="237.5"):
    return write(tmp_path / name, "\n".join(SUB_PROJECTS).format(sub=sub, later=later) + "\n")


def test_the_total_stated_twice_differently_fires_at_the_second(tmp_path):
    assert n_found(report(tmp_path), "N107") == [("N107", "报告", "段落7")]
    f = [f for f in evalbook.check(report(tmp_path, "m.docx")).findings if f.code == "N107"][0]
    assert "237.95" in f.message and "237.5" in f.message and "段落5" in f.message and "报告写“" in f.message


def test_agreeing_rounded_or_converted_totals_are_silent(tmp_path):
    assert n_found(report(tmp_path, "a.docx", later="237.95"), "N107") == []
    assert n_found(report(tmp_path, "b.docx", later="238"), "N107") == []  # 237.95 rounded
    assert n_found(write(tmp_path / "c.docx", "项目总投资237.95万元。\n项目总金额2379500元。\n"), "N107") == []
    assert n_found(write(tmp_path / "d.docx", "项目总投资237.95万元。\n项目总金额2375000元。\n"), "N107") == \
        [("N107", "报告", "段落2")]


def test_a_sub_project_total_is_not_the_project_total(tmp_path):
    # no 约: still the sub-project's (a numbered item naming a 项目, and the paragraph after it)
    assert n_found(report(tmp_path, "a.docx", sub="78.82", later="237.95"), "N107") == []
    assert n_found(report(tmp_path, "b.docx", sub="78.82"), "N107") == [("N107", "报告", "段落7")]


def test_approximations_and_contract_amounts_are_not_the_total(tmp_path):
    text = "项目总投资237.95万元。\n项目总投资约240万元。\n合同总金额230万元。\n总投资237.5万元左右。\n"
    assert n_found(write(tmp_path / "a.docx", text), "N107") == []
    assert n_found(write(tmp_path / "b.docx", text + "项目总投资240万元。\n"), "N107") == [("N107", "报告", "段落5")]


def test_investment_and_budget_are_compared_each_with_itself(tmp_path):
    text = "项目总投资500万元，本年预算资金合计120万元。\n项目资金合计120万元。\n"
    assert n_found(write(tmp_path / "a.docx", text), "N107") == []
    assert n_found(write(tmp_path / "b.docx", text + "预算资金合计102万元。\n"), "N107") == [("N107", "报告", "段落3")]


def test_a_phase_or_a_year_of_the_project_is_not_its_total(tmp_path):
    text = "项目总投资800万元，其中一期总投资500万元，2023年度总投资300万元。\n"
    assert n_found(write(tmp_path / "a.docx", text), "N107") == []
    assert n_found(write(tmp_path / "b.docx", text + "该项目总投资880万元。\n"), "N107") == [("N107", "报告", "段落2")]


def test_a_years_budget_is_not_the_projects(tmp_path):
    text = "项目预算资金合计100万元。\n2023年度预算资金合计30万元，已支付30万元。\n"
    assert n_found(write(tmp_path / "a.docx", text), "N107") == []
    assert n_found(write(tmp_path / "b.docx", text + "项目资金合计90万元。\n"), "N107") == [("N107", "报告", "段落3")]


@pytest.mark.parametrize("part", ["二期工程总投资120万元。", "本次评价范围内项目总投资120万元。", "其中县级配套部分总投资120万元。"])
def test_a_total_whose_clause_names_a_part_of_the_project_is_not_its_total(tmp_path, part):
    text = "项目总投资300万元。\n" + part + "\n"
    assert n_found(write(tmp_path / "a.docx", text), "N107") == []
    assert n_found(write(tmp_path / "b.docx", text + "该项目总投资320万元。\n"), "N107") == [("N107", "报告", "段落3")]
