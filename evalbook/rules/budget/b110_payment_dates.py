"""B110: a payment dated outside the evaluation year, or with no readable date. Doc: b110_payment_dates.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("B110", "warning",
      title=('支付日期不在评价年度内，或无法识别',
         'a payment dated outside the evaluation year, or with no readable date'),
      messages={
          'B110.outside': ('支付日期 {date} 不在评价年度 {year} 年内',
                  'payment dated {date}, outside the evaluation year {year}'),
          'B110.unreadable': ('支付日期“{text}”无法识别：请填写日期，如 2023-09-15',
                  'payment date “{text}” cannot be read: write a date such as 2023-09-15'),
          'B110.blank': ('这笔支付没有日期',
                  'this payment has no date'),
      })
def check_payment_dates(wb: Workbook, ctx: Context):
    pay, p = wb.payments, wb.project
    if pay is None:
        return
    year = p.year if p is not None else None
    for r in pay.rows:
        f = r.date_field
        if r.date is None:
            if f.blank:
                yield ctx.finding("B110", f.ref, "B110.blank")
            else:
                yield ctx.finding("B110", f.ref, "B110.unreadable", text=str(f.raw).strip()[:40])
        elif year is not None and r.date.year != year:
            yield ctx.finding("B110", f.ref, "B110.outside", date=r.date.isoformat(), year=year)
