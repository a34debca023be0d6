"""N106: the text's own arithmetic — a paid share, a remainder, a score line, parts and their
合计, a count stated whole and in parts. Reports without tables: nothing else to compare."""

import pytest
from rules.narrative.helpers import n_found, write

import evalbook

FUNDS = "预算资金合计1789.95万元，于2021年12月完成招标，招标价1736.18万元。"


def n106(tmp_path, text, name="r.docx"):
    return n_found(write(tmp_path / name, text + "\n"), "N106")


def keys(tmp_path, text):
    return [f.key for f in evalbook.check(write(tmp_path / "k.docx", text + "\n")).findings if f.code == "N106"]


# ---- (a) a paid share


def test_a_share_of_the_contract_that_the_figures_do_not_give(tmp_path):
    text = "二、项目资金情况\n" + FUNDS + "累计支付项目建设资金800万元，占合同总金额的45%，剩余资金989.95万元。"
    assert n106(tmp_path, text) == [("N106", "报告", "段落2")]
    f = [f for f in evalbook.check(write(tmp_path / "m.docx", text)).findings if f.code == "N106"][0]
    assert f.key == "N106.share" and "46.08%" in f.message and "1736.18" in f.message and "报告写“" in f.message


@pytest.mark.parametrize("share", ["46%", "46.08%", "４６．０８％"])
def test_a_share_that_rounds_from_the_figures_is_silent(tmp_path, share):
    assert n106(tmp_path, FUNDS + f"累计支付项目建设资金800万元，占合同总金额的{share}。") == []
    assert n106(tmp_path, FUNDS + "累计支付项目建设资金800万元，占合同总金额的47%。", "b.docx") != []


def test_full_width_digits_and_thousands_separators(tmp_path):
    text = "预算资金合计１,７８９.９５万元，招标价１,７３６.１８万元，累计支付８００万元，占合同金额的４５％。"
    assert n106(tmp_path, text) == [("N106", "报告", "段落1")]


def test_a_share_of_the_budget_and_units_converted(tmp_path):
    assert n106(tmp_path, "项目预算资金合计17899500元，已支付800万元，占预算的44.69%。") == []
    assert n106(tmp_path, "项目预算资金合计17899500元，已支付800万元，占预算的50%。", "b.docx") == \
        [("N106", "报告", "段落1")]


def test_the_contract_stated_in_another_paragraph_counts_only_when_it_is_one(tmp_path):
    one = "合同金额1736.18万元。\n累计支付800万元，占合同金额的45%。"
    assert n106(tmp_path, one) == [("N106", "报告", "段落2")]
    two = "一期合同金额1736.18万元。\n二期合同金额1000万元。\n累计支付800万元，占合同金额的45%。"
    assert n106(tmp_path, two, "b.docx") == []  # which contract? silent


def test_any_stated_contract_that_gives_the_share_is_enough(tmp_path):
    text = "合同金额1736.18万元，中标价1777.78万元，累计支付800万元，占合同金额的45%。"  # 800/1777.78 = 45.0%
    assert n106(tmp_path, text) == []
    assert n106(tmp_path, text.replace("1777.78", "1877.78"), "b.docx") == [("N106", "报告", "段落1")]


def test_contracts_of_several_lots_leave_the_total_unstated_and_the_share_unjudged(tmp_path):
    # 30 + 20 = 50 is the 合同总金额 meant (80%), but the text never states it
    lots = "一标段合同金额30万元，二标段合同金额20万元。累计支付40万元，占合同总金额的80%，剩余10万元。"
    assert n106(tmp_path, lots) == []
    one = "合同金额50万元。累计支付40万元，占合同总金额的70%。"
    assert n106(tmp_path, one, "b.docx") == [("N106", "报告", "段落1")]


def test_approximations_plans_and_an_unpaid_amount_are_not_read(tmp_path):
    assert n106(tmp_path, "合同金额约1736万元，累计支付800万元，占合同金额的45%。") == []
    assert n106(tmp_path, "合同金额1736.18万元，计划支付800万元，占合同金额的45%。", "b.docx") == []
    assert n106(tmp_path, "合同金额1736.18万元，工程造价800万元，占合同金额的45%。", "c.docx") == []
    # under a plans heading nothing but a done count is read
    plans = "六、下一步改进工作的措施\n合同金额1736.18万元，累计支付800万元，占合同金额的45%。"
    assert n106(tmp_path, plans, "d.docx") == []
    assert n106(tmp_path, "合同金额1736.18万元，累计支付800万元，占合同金额的45%。", "e.docx") != []


# ---- (b) a remainder


def test_a_remainder_that_no_stated_total_leaves(tmp_path):
    text = ("预算资金合计36.92万元，合同价格36.92万元。其中：运维合同7.2万元；外包合同29.72万元，合计36.92万元。"
            "截止2023年11月，已支付36.92万元，剩余0.08万元退回财政。")
    assert n106(tmp_path, text) == [("N106", "报告", "段落1")]
    assert keys(tmp_path, text) == ["N106.remainder"]


def test_a_remainder_of_the_budget_or_of_the_contract_is_silent(tmp_path):
    of_budget = FUNDS + "累计支付项目建设资金800万元，剩余资金989.95万元。"
    of_contract = FUNDS + "累计支付项目建设资金800万元，剩余资金936.18万元。"
    neither = FUNDS + "累计支付项目建设资金800万元，剩余资金900万元。"
    assert n106(tmp_path, of_budget, "a.docx") == []
    assert n106(tmp_path, of_contract, "b.docx") == []  # matches the contract, not the budget: fine
    assert n106(tmp_path, neither, "c.docx") == [("N106", "报告", "段落1")]


def test_a_remainder_with_another_figure_between_it_and_the_payment_is_silent(tmp_path):
    text = FUNDS + "累计支付项目建设资金800万元，完成3项建设内容，剩余资金900万元。"
    assert n106(tmp_path, text) == []
    assert n106(tmp_path, text.replace("完成3项", "完成全部"), "b.docx") == [("N106", "报告", "段落1")]


# ---- (c) a score line


def test_a_deduction_that_does_not_leave_the_score(tmp_path):
    text = "本项应得分10分，扣10分，评价得分10分，得分率100%。"
    assert n106(tmp_path, text) == [("N106", "报告", "段落1")]
    assert keys(tmp_path, text) == ["N106.deduction"]


def test_a_score_rate_that_is_not_score_over_due(tmp_path):
    text = "本项应得分50分，扣5分，评价得分45分，得分率100%。"
    assert n106(tmp_path, text) == [("N106", "报告", "段落1")]
    assert keys(tmp_path, text) == ["N106.rate"]


@pytest.mark.parametrize("line", ["本项应得分50分，扣0分，评价得分50分，得分率100%。",
                                  "本项应得分30分，扣1.5分，评价得分28.5分，得分率95%。",
                                  "本项应得分30分，扣１.５分，评价得分２８.５分。",
                                  "本项应得分30分，评价得分20分，得分率66.67%。"])
def test_score_lines_that_add_up_are_silent(tmp_path, line):
    assert n106(tmp_path, line) == []
    assert n106(tmp_path, line.replace("应得分", "应得分1"), "b.docx") == [("N106", "报告", "段落1")]


def test_two_due_figures_in_one_sentence_are_not_read(tmp_path):
    assert n106(tmp_path, "产出应得分50分，效益应得分30分，扣10分，评价得分50分。") == []
    assert n106(tmp_path, "产出应得分50分，扣10分，评价得分50分。", "b.docx") == [("N106", "报告", "段落1")]


# ---- (d) parts and their 合计; a count whole and in parts


def test_parts_that_do_not_add_up_to_their_total(tmp_path):
    text = "其中：运维合同7.2万元；外包合同29.72万元，合计36.29万元。"  # 37万元 would agree: 36.92 rounded
    assert n106(tmp_path, text) == [("N106", "报告", "段落1")]
    assert keys(tmp_path, text) == ["N106.parts"]


def test_parts_that_add_up_as_rounded_are_silent(tmp_path):
    assert n106(tmp_path, "其中：运维合同7.2万元；外包合同29.72万元，合计36.92万元。") == []
    assert n106(tmp_path, "其中：甲1.24万元；乙1.24万元，合计2.47万元。", "b.docx") == []  # 1.235 + 1.235
    assert n106(tmp_path, "其中：甲72000元；乙29.72万元，合计36.92万元。", "c.docx") == []
    assert n106(tmp_path, "其中：甲1.24万元；乙1.24万元，合计2.46万元。", "d.docx") == [("N106", "报告", "段落1")]


def test_parts_with_a_part_that_is_not_one_amount_are_not_read(tmp_path):
    assert n106(tmp_path, "其中：运维合同7.2万元；外包合同待结算，合计37万元。") == []
    assert n106(tmp_path, "县财政拨付30万元，其中支付甲项目15万元、乙项目14万元。", "b.docx") == []  # no 合计
    assert n106(tmp_path, "其中：运维合同7.2万元；外包合同28万元，合计37万元。", "c.docx") == [("N106", "报告", "段落1")]


VILLAGES = ["2021年10月同意在全县105个行政村开通村级电子政务外网。",
            "五、存在的问题",
            "我县尚有6个行政村由于自身村级条件未能达到开通要求，暂未开通村级电子政务外网。",
            "六、下一步改进工作的措施",
            "保障我县已开通的105个行政村政务外网带宽不低于100M。"]


def test_done_and_not_done_that_do_not_make_the_whole(tmp_path):
    # the done count stands under the plans heading: a count is read there too
    assert n106(tmp_path, "\n".join(VILLAGES)) == [("N106", "报告", "段落5")]
    f = [f for f in evalbook.check(write(tmp_path / "m.docx", "\n".join(VILLAGES))).findings if f.code == "N106"][0]
    assert f.key == "N106.count" and "段落3" in f.message and "段落1" in f.message and "111" in f.message


def test_counts_that_add_up_or_lack_a_part_are_silent(tmp_path):
    agree = VILLAGES[:4] + ["保障我县已开通的99个行政村政务外网带宽不低于100M。"]
    assert n106(tmp_path, "\n".join(agree), "a.docx") == []
    no_done = VILLAGES[:4] + ["保障我县各行政村政务外网带宽不低于100M。"]
    assert n106(tmp_path, "\n".join(no_done), "b.docx") == []
    no_whole = VILLAGES[1:]
    assert n106(tmp_path, "\n".join(no_whole), "c.docx") == []
    assert n106(tmp_path, "\n".join(VILLAGES), "d.docx") == [("N106", "报告", "段落5")]


@pytest.mark.parametrize("done", ["今年已开通30个行政村", "2023年已开通30个行政村", "新开通的30个行政村已开通",
                                  "30个行政村今年已开通"])
def test_a_count_done_in_one_period_is_not_all_that_is_done(tmp_path, done):
    text = f"全县共有105个行政村。\n{done}。\n目前尚有6个行政村未开通。"
    assert n106(tmp_path, text) == []
    assert n106(tmp_path, text.replace(done, "已开通的98个行政村"), "b.docx") == [("N106", "报告", "段落2")]


def test_counts_of_another_noun_or_verb_are_not_parts(tmp_path):
    other_noun = VILLAGES[:4] + ["保障我县已开通的105个自然村政务外网带宽不低于100M。"]
    assert n106(tmp_path, "\n".join(other_noun), "a.docx") == []
    other_verb = VILLAGES[:4] + ["保障我县已验收的105个行政村政务外网带宽不低于100M。"]
    assert n106(tmp_path, "\n".join(other_verb), "b.docx") == []
    two_wholes = ["全县105个行政村。", "全县110个行政村。"] + VILLAGES[1:]
    assert n106(tmp_path, "\n".join(two_wholes), "c.docx") == []
    assert n106(tmp_path, "\n".join(VILLAGES), "d.docx") == [("N106", "报告", "段落5")]


def test_a_report_whose_text_agrees_with_itself_has_no_n106(tmp_path):
    text = "\n".join(["预算资金合计36.92万元，合同价格36.92万元。", "已支付36.92万元，剩余0万元。",
                      "本项应得分50分，扣0分，评价得分50分，得分率100%。"])
    assert n106(tmp_path, text) == []
    assert n106(tmp_path, text.replace("剩余0万元", "剩余0.08万元"), "b.docx") == [("N106", "报告", "段落2")]


def test_the_cumulative_payment_counts_when_a_part_of_it_stands_nearer(tmp_path):
    text = "合同金额100万元，累计支付60万元，其中本年支付30万元，占合同金额的60%，剩余40万元。"
    assert n106(tmp_path, text) == []
    assert n106(tmp_path, text.replace("60%", "50%"), "b.docx") == [("N106", "报告", "段落1")]
    assert n106(tmp_path, text.replace("剩余40", "剩余45"), "c.docx") == [("N106", "报告", "段落1")]
