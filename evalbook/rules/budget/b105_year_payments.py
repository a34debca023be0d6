"""B105: payments dated in the evaluation year ≠ 全年执行数. Doc: b105_year_payments.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import funds_total, money_text, year_payments
from evalbook.rules import Context, rule


@rule("B105", "error",
      title=('评价年度内的支付合计 ≠ 全年执行数',
         'payments dated in the evaluation year ≠ 全年执行数'),
      messages={
          'B105': ('全年执行数填 {shown}，支付表中 {year} 年的 {count} 笔支付合计 {sum}',
                  '全年执行数 states {shown}; the {count} payments dated {year} add up to {sum}'),
          'B105.all': ('全年执行数填 {shown}，与支付表全部 {all} 笔有日期的支付（含其他年度）合计相符；{year} 年的 {count} 笔支付合计 {sum}',
                  '全年执行数 states {shown}, the sum of all {all} dated payments, other years included; the {count} payments dated {year} add up to {sum}'),
          'B105.undated': ('全年执行数填 {shown}，支付表中 {year} 年的 {count} 笔支付合计 {sum}（另有 {undated} 笔日期无法识别，未计入）',
                  '全年执行数 states {shown}; the {count} payments dated {year} add up to {sum} ({undated} more have no readable date and are not counted)'),
      })
def check_year_payments(wb: Workbook, ctx: Context):
    total, p = funds_total(wb), wb.project
    if wb.payments is None or not wb.payments.rows or p is None or p.year is None:
        return
    if total is None or total.executed is None or total.executed.num is None:
        return
    rows = year_payments(wb, p.year)
    amounts = [r.amount for r in rows if r.amount is not None and r.amount.num is not None]
    expected = sum(f.num.value for f in amounts)
    if total.executed.num.agrees(expected):
        return
    undated = sum(1 for r in wb.payments.rows if r.date is None)
    dated = [r.amount for r in wb.payments.rows
             if r.date is not None and r.amount is not None and r.amount.num is not None]
    key = "B105.undated" if undated else "B105"
    if len(dated) > len(amounts) and total.executed.num.agrees(sum(f.num.value for f in dated)):
        key = "B105.all"
    fields = dated + [total.executed]
    yield ctx.finding("B105", total.executed.ref, key, stated=total.executed.num.value, expected=expected,
                      shown=money_text(total.executed.num.value, *fields), sum=money_text(expected, *fields),
                      year=p.year, count=len(rows), undated=undated, all=len(dated))
