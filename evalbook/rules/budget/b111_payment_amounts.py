"""B111: a payment amount ≤ 0 or not a number. Doc: b111_payment_amounts.md beside this file."""

from __future__ import annotations

from evalbook.model.values import shown
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("B111", "error",
      title=('支付金额 ≤ 0 或不是数字',
         'a payment amount ≤ 0 or not a number'),
      messages={
          'B111.nonpositive': ('支付金额为 {shown}，应大于 0：退款请在备注中说明，并从累计支付中扣除',
                  'payment amount {shown} is not above 0: note refunds in 备注 and deduct them from 累计支付'),
          'B111.text': ('支付金额“{text}”不是数字',
                  'payment amount “{text}” is not a number'),
          'B111.blank': ('这笔支付没有金额',
                  'this payment has no amount'),
      })
def check_payment_amounts(wb: Workbook, ctx: Context):
    pay = wb.payments
    if pay is None:
        return
    for r in pay.rows:
        f = r.amount
        if f is None:
            continue
        if f.num is None:
            if f.blank:
                yield ctx.finding("B111", f.ref, "B111.blank")
            else:
                yield ctx.finding("B111", f.ref, "B111.text", text=str(f.raw).strip()[:40])
        elif f.num.value <= 0:
            yield ctx.finding("B111", f.ref, "B111.nonpositive", stated=f.num.value, shown=shown(f))
