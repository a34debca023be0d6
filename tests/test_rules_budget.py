"""B rules: funds block, project money fields and payments. Each rule fires on the mistake it
names, at the cell holding the stated figure, and stays silent on the consistent form below —
whose money is spread over 其中 rows, a merged 累计支付 cell, payments dated in every accepted
way (an Excel date, 2023/6/30, 2023年9月28日, full-width ２０２３．１２) and a full-width text amount."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from builders import indicator_rows, leaf, write_book

import evalbook
from evalbook import profiles
from evalbook.pipeline import check
from evalbook.model.interval import round_half_up

IND_BASE = indicator_rows()  # caps 90, leaf scores 89


def project_rows(**change):
    """项目 sheet: 50 invested, 49.5 contracted, 49 paid; funds 50 budgeted, 49 executed (98%)."""
    v = {
        "year": 2023, "unit": "万元", "total": 50, "contract": 49.5, "paid": 49, "remaining": 1,
        "share": 0.9899, "claimed": 98.8, "grade": "优",
        "funds": [50, 50, 49, 10, 0.98, 9.8],
        "parts": {"其中：当年财政拨款": [40, 40, 39], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]},
        "total_parts": [],
    }
    v.update(change)
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "测试项目"],                   # 2, value merged B2:G2
        ["评价年度", v["year"]],                    # 3
        ["金额单位", v["unit"]],                    # 4
        ["项目总投资", v["total"]],                 # 5
    ]
    rows += [[f"其中：{name}", amount] for name, amount in v["total_parts"]]
    rows += [
        ["合同金额", v["contract"]],
        ["累计支付", v["paid"]],                    # value merged over B:C
        ["剩余资金", v["remaining"]],
        ["支付占合同比例", v["share"]],
        ["自评得分", v["claimed"]],
        ["自评等级", v["grade"]],
        [],
        ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", *v["funds"]],
    ]
    rows += [[label, *amounts] for label, amounts in v["parts"].items()]
    return rows


def payment_rows(rows=None, total=49):
    body = rows if rows is not None else [
        [datetime(2023, 3, 31), "一季度运维费", 12.25, "当年财政拨款"],
        ["2023/6/30", "二季度运维费", 12.25, "当年财政拨款"],
        ["2023年9月28日", "三季度运维费", 12.25, "上年结转资金"],
        ["２０２３．１２", "四季度运维费", "１２．２５", "当年财政拨款"],
    ]
    out = [["支付日期", "支付事项", "金额", "资金来源"], *body]
    if total is not None:
        out.append(["合计", None, total])
    return out


def build(tmp_path, project=None, payments="default", indicators=None, name="form.xlsx",
          share_format="0.00%", money_format=None):
    project = project if project is not None else project_rows()
    sheets = {"项目": project, "指标": indicators if indicators is not None else IND_BASE}
    if payments == "default":
        payments = payment_rows()
    if payments is not None:
        sheets["支付"] = payments
    paid_row = next(i for i, r in enumerate(project, start=1) if r and r[0] == "累计支付")
    share_row = next(i for i, r in enumerate(project, start=1) if r and r[0] == "支付占合同比例")
    funds_row = next(i for i, r in enumerate(project, start=1) if r and r[0] == "年度资金总额")
    formats = {"项目": {f"B{share_row}": share_format, f"F{funds_row}": "0.00%"},
               "指标": {f"J{r}": "0%" for r in range(2, 30)}}
    if money_format:
        for r in range(5, len(project) + 1):
            if r != share_row:
                for col in "BCD":
                    formats["项目"][f"{col}{r}"] = money_format
        if payments:
            formats["支付"] = {f"C{r}": money_format for r in range(2, len(payments) + 1)}
    for r, row in enumerate(payments or [], start=1):
        if row and isinstance(row[0], datetime):
            formats.setdefault("支付", {})[f"A{r}"] = "yyyy-mm-dd"
    merges = {"项目": ["B2:G2", f"B{paid_row}:C{paid_row}"]}
    return write_book(tmp_path / name, sheets, merges, formats)


def findings(path, code=None, **kw):
    report = check(path, select=["B"], **kw)
    return [f for f in report.findings if code is None or f.code == code]


def where(path, code, **kw):
    """(cell, severity) of each finding of *code*."""
    return [(f"{f.sheet}!{f.cell}", f.severity) for f in findings(path, code, **kw)]


def test_the_consistent_form_has_no_b_finding(tmp_path):
    path = build(tmp_path)
    assert [(f.code, f.cell, f.message) for f in findings(path)] == []
    report = evalbook.check(path)
    # The form is read as built: every payment dated and summed, 98% execution, 9.8 points.
    pay = report.workbook.payments
    assert [p.date.isoformat() for p in pay.rows] == ["2023-03-31", "2023-06-30", "2023-09-28", "2023-12-01"]
    assert sum(p.amount.value for p in pay.rows) == pytest.approx(49)
    assert report.derived.budget_rate == pytest.approx(0.98)
    assert report.summary.computed_total == pytest.approx(98.8)


# ---------------------------------------------------------------- B101


def test_b101_rate_not_executed_over_budget(tmp_path):
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.9, 9.8]))
    assert where(path, "B101") == [("项目!F14", "error")]
    f = findings(path, "B101")[0]
    assert (f.stated, round(f.expected, 4)) == (0.9, 0.98)
    assert "49 / 全年预算数 50 = 98.00%" in f.message


@pytest.mark.parametrize("rate, fires", [("45%", False), ("44.7%", False), ("46%", True), ("44.6%", True)])
def test_b101_judges_the_rate_at_its_shown_decimals(tmp_path, rate, fires):
    # 800 / 1789.95 = 44.69%: "45%" and "44.7%" are that rate rounded, "46%" and "44.6%" are not.
    project = project_rows(total=1789.95, contract=1789.95, paid=800, remaining=989.95, share=0.4469,
                           funds=[1789.95, 1789.95, 800, 10, rate, 4.47], parts={})
    path = build(tmp_path, project, payments=None)
    assert bool(where(path, "B101")) is fires


def test_b101_names_the_initial_budget_reading(tmp_path):
    # 49 / 45 = 108.89% is the rate against 年初预算数; against 全年预算数 50 it is 98%.
    path = build(tmp_path, project_rows(funds=[45, 50, 49, 10, 1.0889, 9.8], parts={}))
    f = findings(path, "B101")[0]
    assert f.key == "B101.initial" and "年初预算数 45（108.89%）" in f.message


# ---------------------------------------------------------------- B102


def test_b102_full_marks_for_partial_execution(tmp_path):
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.98, "10.00"]))
    assert where(path, "B102") == [("项目!G14", "error")]
    f = findings(path, "B102")[0]
    assert (f.stated, f.expected) == (10, 9.8)
    assert "分值 10 × min(执行率 98.00%, 100%) = 9.8" in f.message


def test_b102_a_whole_number_stands_for_its_rounding(tmp_path):
    # rules.md: a stated 10 shown without decimals covers 9.5 … 10.5, so it agrees with 9.8;
    # 9 (8.5 … 9.5) does not.
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.98, 10]), name="a.xlsx")
    assert where(path, "B102") == []
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.98, 9]), name="b.xlsx")
    assert where(path, "B102") == [("项目!G14", "error")]


def test_b102_caps_the_rate_at_100_percent(tmp_path):
    # 52 of 50 is 104%: the score stays at the cap (10), so 10 is right and 10.4 is not.
    project = project_rows(funds=[50, 50, 52, 10, 1.04, 10], parts={}, paid=52, remaining=-2,
                           share=round(52 / 49.5, 4))
    assert where(build(tmp_path, project, payments=None, name="a.xlsx"), "B102") == []
    project = project_rows(funds=[50, 50, 52, 10, 1.04, 10.4], parts={}, paid=52, remaining=-2,
                           share=round(52 / 49.5, 4))
    assert where(build(tmp_path, project, payments=None, name="b.xlsx"), "B102") == [("项目!G14", "error")]


def test_b102_follows_the_profiles_cap(tmp_path):
    # budget20 weighs budget execution 20: 20 × 98% = 19.6; the form's 10-point score of 9.8 is wrong there
    # only when the block's own 分值 says 20.
    project = project_rows(funds=[50, 50, 49, 20, 0.98, 9.8])
    assert where(build(tmp_path, project), "B102", profile="budget20") == [("项目!G14", "error")]
    assert findings(build(tmp_path, project, name="b.xlsx"), "B102")[0].expected == 19.6


def test_b102_score_in_the_indicator_sheets_budget_row(tmp_path):
    # The money in the funds block, the score on a 预算执行率 row of the indicator sheet.
    ind = [list(r) for r in IND_BASE] + [["预算执行率", None, "预算执行率", "≥", "100%", None, "98%", 10, 10.0, 1.0]]
    for score, fires in ((9.8, False), ("10.00", True)):
        ind[-1][8] = score
        path = build(tmp_path, project_rows(funds=[50, 50, 49, None, None, None]), indicators=ind,
                     name=f"{fires}.xlsx")
        assert where(path, "B102") == ([("指标!I9", "error")] if fires else [])


# ---------------------------------------------------------------- B103


def test_b103_per_column_only_where_the_parts_disagree(tmp_path):
    parts = {"其中：当年财政拨款": [40, 35, 39], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]}
    path = build(tmp_path, project_rows(parts=parts))
    assert where(path, "B103") == [("项目!C14", "error")]
    f = findings(path, "B103")[0]
    assert (f.stated, f.expected) == (50, 45)
    assert "全年预算数" in f.message and "当年财政拨款 35 + 上年结转资金 10 + 其他资金 0" in f.message


def test_b103_each_column_on_its_own(tmp_path):
    parts = {"其中：当年财政拨款": [30, 40, 38], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]}
    path = build(tmp_path, project_rows(parts=parts))
    assert where(path, "B103") == [("项目!B14", "error"), ("项目!D14", "error")]


@pytest.mark.parametrize("total", [0, None, "—"])
def test_b103_total_row_left_empty_while_a_part_carries_the_money(tmp_path, total):
    project = project_rows(funds=[total, total, total, 10, None, None])
    path = build(tmp_path, project)
    assert where(path, "B103") == [("项目!B14", "error"), ("项目!C14", "error"), ("项目!D14", "error")]
    assert "为空或为 0" in findings(path, "B103")[0].message


def test_b103_b109_leave_text_in_the_total_to_s103(tmp_path):
    project = project_rows(funds=["见附表", 50, 49, 10, 0.98, 9.8], total="约50万", total_parts=[("设备", 50)])
    path = build(tmp_path, project)
    assert where(path, "B103") == [] and where(path, "B109") == []
    assert {f.cell for f in check(path, select=["S103"]).findings} == {"B5", "B15"}


def test_b103_parts_left_blank_or_full_width_text(tmp_path):
    # Blank 其中 rows (the seed reports give the total alone) are no finding; full-width text
    # numbers that add up are none either.
    blank = {"其中：当年财政拨款": [None, None, None], "上年结转资金": ["—", "—", "—"], "其他资金": [None] * 3}
    assert where(build(tmp_path, project_rows(parts=blank), name="a.xlsx"), "B103") == []
    text = {"其中：当年财政拨款": ["４０", "４０．００", "３９"], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]}
    assert where(build(tmp_path, project_rows(parts=text), name="b.xlsx"), "B103") == []


def test_b103_respects_shown_decimals(tmp_path):
    # 50.0 shown with one decimal covers 49.95 … 50.05: parts of 49.96 agree, 49.9 do not.
    for parts_sum, fires in ((49.96, False), (49.9, True)):
        parts = {"其中：当年财政拨款": [40, round(parts_sum - 10, 2), 39], "上年结转资金": [10, 10, 10]}
        project = project_rows(parts=parts, funds=[50, "50.0", 49, 10, 0.98, 9.8])
        path = build(tmp_path, project, name=f"{parts_sum}.xlsx")
        assert bool(where(path, "B103")) is fires


# ---------------------------------------------------------------- B104


def test_b104_execution_above_budget(tmp_path):
    project = project_rows(funds=[50, 50, 52, 10, 1.04, 10], parts={}, paid=52, remaining=-2)
    path = build(tmp_path, project, payments=None)
    assert where(path, "B104") == [("项目!D14", "warning")]
    assert "104.00%" in findings(path, "B104")[0].message


def test_b104_money_spent_against_a_zero_budget(tmp_path):
    project = project_rows(funds=[0, 0, 5, 10, None, None], parts={}, paid=5, remaining=45)
    assert where(build(tmp_path, project, payments=None), "B104") == [("项目!D14", "warning")]


def test_b104_execution_equal_to_budget_is_fine(tmp_path):
    project = project_rows(funds=[50, 50, 50, 10, 1.0, 10], parts={}, paid=50, remaining=0)
    assert where(build(tmp_path, project, payments=None), "B104") == []


# ---------------------------------------------------------------- B105


def test_b105_year_payments_short_of_executed(tmp_path):
    rows = payment_rows()[1:4]  # three quarters: 36.75
    path = build(tmp_path, payments=payment_rows(rows, total=36.75))
    assert where(path, "B105") == [("项目!D14", "error")]
    f = findings(path, "B105")[0]
    assert (f.stated, f.expected) == (49, 36.75)


def test_b105_counts_only_the_evaluation_year(tmp_path):
    # A 2022 payment belongs in 累计支付 (54) but not in 2023's 全年执行数 (49).
    rows = payment_rows()[1:5] + [["2022-12-28", "上年尾款", 5, "上年结转资金"]]
    project = project_rows(total=60, contract=59.5, paid=54, remaining=6, share=round(54 / 59.5, 4))
    path = build(tmp_path, project, payments=payment_rows(rows, total=54))
    assert where(path, "B105") == []
    assert where(path, "B110") == [("支付!A6", "warning")]
    # Moved into the year, the same payment breaks the year's total.
    rows[-1][0] = "2023-12-28"
    path = build(tmp_path, project, payments=payment_rows(rows, total=54), name="b.xlsx")
    assert where(path, "B105") == [("项目!D14", "error")]


def test_b105_names_executed_that_counts_other_years(tmp_path):
    rows = payment_rows()[1:5] + [["2022-12-28", "上年尾款", 5, "上年结转资金"]]
    project = project_rows(total=60, contract=59.5, paid=54, remaining=6, share=round(54 / 59.5, 4),
                           funds=[54, 54, 54, 10, 1.0, 10], parts={})
    f = findings(build(tmp_path, project, payments=payment_rows(rows, total=54)), "B105")[0]
    assert (f.key, f.stated, f.expected) == ("B105.all", 54, 49)
    assert "含其他年度" in f.message


def test_b105_says_how_many_payments_had_no_readable_date(tmp_path):
    rows = payment_rows()[1:5]
    rows[1][0] = "年中"
    path = build(tmp_path, payments=payment_rows(rows))
    f = findings(path, "B105")[0]
    assert f.expected == 36.75 and "1 笔日期无法识别" in f.message


def test_b105_skipped_when_the_year_is_unknown(tmp_path):
    rows = payment_rows()[1:4]
    path = build(tmp_path, project_rows(year=None), payments=payment_rows(rows, total=36.75))
    assert where(path, "B105") == []


# ---------------------------------------------------------------- B106


def test_b106_payments_do_not_add_up_to_cumulative_paid(tmp_path):
    path = build(tmp_path, project_rows(paid=50, remaining=0, share=round(50 / 49.5, 4)))
    # 累计支付's value is merged over B:C: the finding is at the top-left cell.
    assert where(path, "B106") == [("项目!B7", "error")]
    f = findings(path, "B106")[0]
    assert (f.stated, f.expected) == (50, 49)


def test_b106_names_cumulative_paid_that_is_only_the_year(tmp_path):
    # 49 paid in 2023, 5 in 2022: a 累计支付 of 49 leaves out the earlier year.
    rows = payment_rows()[1:5] + [["2022-12-28", "上年尾款", 5, "上年结转资金"]]
    path = build(tmp_path, payments=payment_rows(rows, total=54))
    f = findings(path, "B106")[0]
    assert (f.cell, f.key, f.stated, f.expected) == ("B7", "B106.paid_year", 49, 54)
    assert "只是 2023 年 4 笔支付的合计" in f.message


def test_b106_stated_total_row_disagrees_with_its_rows(tmp_path):
    path = build(tmp_path, payments=payment_rows(total=48))
    assert where(path, "B106") == [("支付!C6", "error")]
    assert "48" in findings(path, "B106")[0].message and "49" in findings(path, "B106")[0].message


def test_b106_total_row_as_text_with_decimals_agrees(tmp_path):
    assert where(build(tmp_path, payments=payment_rows(total="49.00万元")), "B106") == []


# ---------------------------------------------------------------- B107


def test_b107_remaining_not_total_minus_paid(tmp_path):
    # The hotline report: 36.92 invested, 36.92 paid, 0.08 "remaining".
    project = project_rows(total=36.92, contract=36.92, paid=36.92, remaining=0.08, share=1.0,
                           funds=[None] * 6, parts={})
    path = build(tmp_path, project, payments=None)
    assert where(path, "B107") == [("项目!B8", "error")]
    f = findings(path, "B107")[0]
    assert (f.stated, f.expected) == (0.08, 0)
    assert "项目总投资 36.92 − 累计支付 36.92 = 0" in f.message


def test_b107_names_the_other_reading_it_matches(tmp_path):
    # 0.5 is 合同金额 49.5 − 累计支付 49, not 项目总投资 50 − 49.
    path = build(tmp_path, project_rows(remaining=0.5))
    f = findings(path, "B107")[0]
    assert f.cell == "B8" and f.expected == 1
    assert "合同金额 49.5 − 累计支付 49" in f.message


def test_b107_falls_back_to_budget_minus_executed(tmp_path):
    project = project_rows(total=None, paid=None, remaining=1, share=None)
    assert where(build(tmp_path, project, payments=None, name="a.xlsx"), "B107") == []
    project = project_rows(total=None, paid=None, remaining=2, share=None)
    path = build(tmp_path, project, payments=None, name="b.xlsx")
    assert where(path, "B107") == [("项目!B8", "error")]
    assert "全年预算数 50 − 全年执行数 49 = 1" in findings(path, "B107")[0].message


# ---------------------------------------------------------------- B108


def smart_city(share, contract=1736.18, total=1789.95, budget=None):
    remaining = round((total or budget) - 800, 2)
    return project_rows(total=total, contract=contract, paid=800, remaining=remaining, share=share,
                        funds=[None, budget, None, None, None, None], parts={}, claimed=None, grade=None)


def test_b108_share_of_the_budget_called_share_of_the_contract(tmp_path):
    path = build(tmp_path, smart_city(0.45), payments=None, share_format="0%")
    assert where(path, "B108") == [("项目!B9", "error")]
    f = findings(path, "B108")[0]
    assert f.stated == 0.45 and round(f.expected, 4) == 0.4608
    assert "45% 是 800/1789.95（占项目总投资 44.69%），不是占合同金额 46.08%" in f.message
    en = findings(path, "B108", lang="en")[0].message
    assert "800/1789.95 (44.69% of 项目总投资)" in en


def test_b108_share_of_the_year_budget(tmp_path):
    project = smart_city(0.45, total=None, budget=1789.95)
    f = findings(build(tmp_path, project, payments=None, share_format="0%"), "B108")[0]
    assert "占全年预算数 44.69%" in f.message


def test_b108_a_share_that_matches_nothing(tmp_path):
    f = findings(build(tmp_path, smart_city(0.5), payments=None, share_format="0%"), "B108")[0]
    assert f.message == "支付占合同比例填 50%，累计支付 800 / 合同金额 1736.18 = 46.08%"


@pytest.mark.parametrize("share, fmt", [(0.46, "0%"), (0.4608, "0.00%"), ("46.1%", "General"), ("４６％", "General")])
def test_b108_the_right_share_at_any_shown_decimals(tmp_path, share, fmt):
    assert where(build(tmp_path, smart_city(share), payments=None, share_format=fmt), "B108") == []


# ---------------------------------------------------------------- B109


def test_b109_parts_above_the_field_is_an_error(tmp_path):
    # The informatization report: 80 + 78.82 + 81 = 239.82 under a total of 237.95.
    parts = [("电子政务外网IPv6升级改造", 80), ("视频会议系统", 78.82), ("廉情监督热线", 81)]
    project = project_rows(total=237.95, total_parts=parts, contract=None, paid=None, remaining=None,
                           share=None, parts={})
    path = build(tmp_path, project, payments=None)
    assert where(path, "B109") == [("项目!B5", "error")]
    f = findings(path, "B109")[0]
    assert (f.stated, f.expected) == (237.95, pytest.approx(239.82))
    assert "80 + 78.82 + 81" in f.message and "多出 1.87" in f.message


def test_b109_parts_below_the_field_is_a_warning(tmp_path):
    project = project_rows(total_parts=[("设备", 30), ("服务", 15)])
    path = build(tmp_path, project)
    assert where(path, "B109") == [("项目!B5", "warning")]
    assert "少 5" in findings(path, "B109")[0].message


def test_b109_parts_that_add_up_even_as_full_width_text(tmp_path):
    project = project_rows(total_parts=[("设备", "３５"), ("服务", "１５．００")])
    assert where(build(tmp_path, project), "B109") == []


def test_b109_field_left_blank_while_parts_carry_money(tmp_path):
    project = project_rows(total=None, total_parts=[("设备", 35), ("服务", 15)], remaining=None)
    path = build(tmp_path, project)
    assert where(path, "B109") == [("项目!B5", "error")]


# ---------------------------------------------------------------- B110


def test_b110_payment_outside_the_year_or_without_a_readable_date(tmp_path):
    rows = [
        [datetime(2022, 12, 28), "上年尾款", 5],
        ["九月中旬", "不知哪天", 5],
        [None, "没写日期", 5],
        ["2023年9月15日", "正常", 10],
        ["2023.9", "正常", 10],
        ["２０２３－１０－０８", "正常", 14],
    ]
    project = project_rows(paid=49, funds=[50, 50, 49, 10, 0.98, 9.8])
    path = build(tmp_path, project, payments=payment_rows(rows, total=49))
    assert where(path, "B110") == [("支付!A2", "warning"), ("支付!A3", "warning"), ("支付!A4", "warning")]
    messages = [f.message for f in findings(path, "B110")]
    assert "2022-12-28" in messages[0] and "2023" in messages[0]
    assert "九月中旬" in messages[1]
    assert messages[2] == "这笔支付没有日期"


def test_b110_without_a_year_only_unreadable_dates(tmp_path):
    rows = [[datetime(2022, 12, 28), "上年尾款", 5], ["九月中旬", "不知哪天", 44]]
    path = build(tmp_path, project_rows(year=None), payments=payment_rows(rows))
    assert where(path, "B110") == [("支付!A3", "warning")]


# ---------------------------------------------------------------- B111


def test_b111_amounts_zero_negative_missing_or_text(tmp_path):
    rows = payment_rows()[1:5] + [
        ["2023-12-30", "冲销", -5],
        ["2023-12-30", "空付", 0],
        ["2023-12-30", "待付", "待定"],
        ["2023-12-30", "漏填金额", None],
    ]
    path = build(tmp_path, payments=payment_rows(rows, total=44))
    assert where(path, "B111") == [(f"支付!C{r}", "error") for r in (6, 7, 8, 9)]
    assert [f.stated for f in findings(path, "B111")] == [-5, 0, None, None]
    # The four good payments, one of them a full-width text amount, are none of them.
    assert where(build(tmp_path, name="ok.xlsx"), "B111") == []


# ---------------------------------------------------------------- B112


@pytest.mark.parametrize("paid, key", [
    (49.6, "B112.contract"),  # above the contract, within the investment
    (51, "B112.both"),
    (49.5, None),  # equal is not above
])
def test_b112_paid_above_contract_or_investment(tmp_path, paid, key):
    project = project_rows(paid=paid, remaining=round(50 - paid, 2), share=round(paid / 49.5, 4),
                           funds=[50, 50, paid, 10, round(paid / 50, 4), round_half_up(10 * min(paid / 50, 1), 2)],
                           parts={})
    path = build(tmp_path, project, payments=None)
    got = findings(path, "B112")
    assert [f.key for f in got] == ([key] if key else [])
    if key:
        assert (got[0].cell, got[0].severity) == ("B7", "warning")


def test_b112_above_the_investment_only(tmp_path):
    project = project_rows(total=45, remaining=-4, paid=49, contract=49.5)
    got = findings(build(tmp_path, project), "B112")
    assert [f.key for f in got] == ["B112.total_investment"]


# ---------------------------------------------------------------- B113


def indicators_scoring(total_score):
    """The base indicators (caps 90) with the satisfaction leaf scored so the leaves total *total_score*."""
    rows = [list(r) for r in IND_BASE]
    rows[-1] = leaf("满意度指标", "服务对象满意度指标", "庚", 10, round(total_score - 80, 2), target="95%",
                    unit=None, actual="85.5%", reason="个别群众对办理时限不满意")
    return rows


@pytest.mark.parametrize("executed, score, fires", [
    (49, 90, False),    # 100% done at 98% spent: 100% ≤ 98% × 1.05 = 102.9%
    (42, 90, True),     # 100% done at 84% spent: above 88.2%
    (45, 85.5, True),   # 95% done at 90% spent: above 94.5%
    (45, 85, False),    # 94.44% done at 90% spent: within 94.5%
])
def test_b113_results_ahead_of_money(tmp_path, executed, score, fires):
    rate = executed / 50
    project = project_rows(funds=[50, 50, executed, 10, round(rate, 4), round_half_up(10 * rate, 2)], parts={},
                           paid=executed, remaining=50 - executed, share=round(executed / 49.5, 4),
                           claimed=round(score + round_half_up(10 * rate, 2), 2), grade=None)
    path = build(tmp_path, project, payments=None, indicators=indicators_scoring(score))
    assert where(path, "B113") == ([("项目!F14", "warning")] if fires else [])
    if fires:
        f = findings(path, "B113")[0]
        assert (round(f.stated, 4), round(f.expected, 4)) == (round(score / 90, 4), rate)


def test_b113_margin_comes_from_the_profile(tmp_path):
    project = project_rows(funds=[50, 50, 45, 10, 0.9, 9], parts={}, paid=45, remaining=5,
                           share=round(45 / 49.5, 4), claimed=94.5, grade=None)
    path = build(tmp_path, project, payments=None, indicators=indicators_scoring(85.5))
    wide = dataclasses.replace(profiles.load("mof2020"), b113_margin=0.10)
    assert where(path, "B113") == [("项目!F14", "warning")]
    assert where(path, "B113", profile=wide) == []


# ---------------------------------------------------------------- money in 元


def yuan_project(**change):
    v = dict(unit="元", total=500000, contract=495000, paid=490000, remaining=10000, share=0.9899,
             funds=[500000, 500000, 490000, 10, 0.98, 9.8],
             parts={"其中：当年财政拨款": [400000, 400000, 390000], "上年结转资金": [100000, 100000, 100000],
                    "其他资金": [0, 0, 0]})
    v.update(change)
    return project_rows(**v)


def yuan_payments(last="122500.00", total=490000):
    rows = [
        [datetime(2023, 3, 31), "一季度", 122500],
        [datetime(2023, 6, 30), "二季度", 122500],
        [datetime(2023, 9, 28), "三季度", "122,500.00元"],
        [datetime(2023, 12, 20), "四季度", last],
    ]
    return payment_rows(rows, total=total)


def test_money_in_yuan_is_consistent_as_it_stands(tmp_path):
    path = build(tmp_path, yuan_project(), payments=yuan_payments(), money_format="#,##0.00")
    assert evalbook.check(path).workbook.project.money_unit == "元"
    assert findings(path) == []


def test_money_in_yuan_is_judged_to_the_cent(tmp_path):
    # Shown with two decimals, 490,000.01 is one cent off the payments' 490,000.00.
    path = build(tmp_path, yuan_project(paid=490000.01, remaining=9999.99), payments=yuan_payments(),
                 money_format="#,##0.00")
    assert where(path, "B106") == [("项目!B7", "error")]
    assert "累计支付填 490000.01，支付表全部 4 笔支付合计 490000" in findings(path, "B106")[0].message
    # A text amount written to the cent is judged to the cent too.
    path = build(tmp_path, yuan_project(), payments=yuan_payments(last="122500.01"), name="b.xlsx",
                 money_format="#,##0.00")
    assert [f.cell for f in findings(path, "B106")] == ["B7", "C6"]


def test_money_in_yuan_shown_in_whole_yuan(tmp_path):
    # With whole-yuan formatting 490,000 stands for 489,999.5 … 490,000.5: a payment list of
    # 490,000.40 agrees; 490,001 does not.
    path = build(tmp_path, yuan_project(), payments=yuan_payments(last=122500.4, total=None), money_format="#,##0")
    assert where(path, "B106") == []
    path = build(tmp_path, yuan_project(), payments=yuan_payments(last=122501, total=None), name="b.xlsx",
                 money_format="#,##0")
    assert where(path, "B106") == [("项目!B7", "error")]


# ---------------------------------------------------------------- every message in both languages


def test_every_b_message_has_both_languages_and_every_title(tmp_path):
    from evalbook.rules import all_rules

    rules = [r for r in all_rules() if r.code.startswith("B")]
    assert [r.code for r in rules] == [f"B1{n:02d}" for n in range(1, 14)]
    for r in rules:
        zh, en = r.title
        assert zh and en and zh != en
    import string

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, (zh, en) in ((k, v) for r in rules for k, v in r.messages.items()):
        if key.startswith("B1"):
            # Both languages fill from the same parameters: a field only one uses would fail
            # (KeyError) in the other the first time that finding is shown.
            assert zh and en and zh != en and fields(zh) == fields(en), key


def test_year_month_typed_as_a_number_is_a_date_in_that_year(tmp_path):
    # The seed writes "2023.9"; typed into Excel it becomes the number 2023.9.
    rows = [[2023.9, "外网改造", 15], [2023.12, "视频会议", 15], [2022.12, "上年", 19]]
    project = project_rows(paid=49, funds=[50, 50, 30, 10, 0.6, 6], parts={})
    path = build(tmp_path, project, payments=payment_rows(rows))
    assert where(path, "B110") == [("支付!A4", "warning")]
    assert where(path, "B105") == []


# ---------------------------------------------------------------- any value in a money cell

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

money_values = st.one_of(
    st.none(), st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["—", "/", "１２．５", "1,234.5万元", "45%", "≥95%", "待付", "2023年9月15日", "2023.9", "-0",
                     "1e308", "0.000000000000000000000001", "9" * 40]),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(money_values, min_size=16, max_size=16), st.lists(st.tuples(money_values, money_values), max_size=4),
       money_values)
def test_b_rules_never_raise_on_any_money_values(tmp_path, values, pays, total):
    it = iter(values)
    project = project_rows(total=next(it), contract=next(it), paid=next(it), remaining=next(it), share=next(it),
                           funds=[next(it) for _ in range(6)], total_parts=[("甲", next(it)), ("乙", next(it))],
                           parts={"其中：当年财政拨款": [next(it), next(it), next(it)]})
    path = build(tmp_path, project, payments=payment_rows([[d, "x", a] for d, a in pays], total=total))
    report = check(path)
    assert all(f.message and f.code for f in report.findings)
