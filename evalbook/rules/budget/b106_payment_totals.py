"""B106: all payments ≠ stated 累计支付; or a stated 合计 row ≠ the payments above it. Doc: b106_payment_totals.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import money_field, money_text, year_payments
from evalbook.rules import Context, rule


@rule("B106", "error", skips_uncached=True,
      title=('支付合计 ≠ 累计支付，或支付表合计行 ≠ 其上各笔之和',
         'all payments ≠ stated 累计支付; or a stated 合计 row ≠ the payments above it'),
      messages={
          'B106.paid': ('累计支付填 {shown}，支付表全部 {count} 笔支付合计 {sum}',
                  '累计支付 states {shown}; all {count} payments listed add up to {sum}'),
          'B106.paid_year': ('累计支付填 {shown}，只是 {year} 年 {year_count} 笔支付的合计；支付表全部 {count} 笔支付合计 {sum}',
                  '累计支付 states {shown}, only the {year_count} payments dated {year}; all {count} payments listed add up to {sum}'),
          'B106.total': ('支付表合计填 {shown}，其上 {count} 笔支付合计 {sum}',
                  'the payments 合计 row states {shown}; the {count} payments above it add up to {sum}'),
          'B106.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_payment_totals(wb: Workbook, ctx: Context):
    pay = wb.payments
    if pay is None:
        return
    amounts = [r.amount for r in pay.rows if r.amount is not None and r.amount.num is not None]
    listed = ctx.derived.payments_sum or 0.0
    paid = money_field(wb, "cumulative_paid")
    if pay.rows and paid is not None and paid.num is not None and not paid.num.agrees(listed):
        fields = amounts + [paid]
        key, year, year_count = "B106.paid", None, 0
        if wb.project is not None and wb.project.year is not None:
            year = wb.project.year
            in_year = [r.amount for r in year_payments(wb, year) if r.amount is not None and r.amount.num is not None]
            year_count = len(in_year)
            if year_count < len(amounts) and paid.num.agrees(sum(f.num.value for f in in_year)):
                key = "B106.paid_year"
        yield ctx.finding("B106", paid.ref, key, stated=paid.num.value, expected=listed,
                          shown=money_text(paid.num.value, *fields), sum=money_text(listed, *fields),
                          count=len(pay.rows), year=year, year_count=year_count)
    t = pay.total
    if t is not None and t.num is not None and not t.num.agrees(listed):
        fields = amounts + [t]
        yield ctx.finding("B106", t.ref, "B106.total", stated=t.num.value, expected=listed,
                          shown=money_text(t.num.value, *fields), sum=money_text(listed, *fields),
                          count=len(pay.rows))
