"""B112: 累计支付 above 合同金额 or 项目总投资. Doc: b112_paid_above.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import EPS, money_field, money_text
from evalbook.rules import Context, rule


@rule("B112", "warning",
      title=('累计支付超过合同金额或项目总投资',
         '累计支付 above 合同金额 or 项目总投资'),
      messages={
          'B112.contract': ('累计支付 {shown} 超过合同金额 {contract}',
                  '累计支付 {shown} is above 合同金额 {contract}'),
          'B112.total_investment': ('累计支付 {shown} 超过项目总投资 {total_investment}',
                  '累计支付 {shown} is above 项目总投资 {total_investment}'),
          'B112.both': ('累计支付 {shown} 超过合同金额 {contract} 和项目总投资 {total_investment}',
                  '累计支付 {shown} is above 合同金额 {contract} and 项目总投资 {total_investment}'),
      })
def check_paid_above(wb: Workbook, ctx: Context):
    paid = money_field(wb, "cumulative_paid")
    if paid is None or paid.num is None:
        return
    above = []
    for name in ("contract", "total_investment"):
        f = money_field(wb, name)
        # A shown figure stands for [x − h, x + h): a paid interval starting where the other's ends
        # is above it for every value the two cells can hold (49.6 vs 49.5), an overlap is not.
        if (f is not None and f.num is not None and paid.num.value > f.num.value
                and paid.num.stated.lo >= f.num.stated.hi - EPS * max(1.0, abs(f.num.value))):
            above.append((name, f))
    if not above:
        return
    key = "B112.both" if len(above) == 2 else f"B112.{above[0][0]}"
    fields = [paid] + [f for _, f in above]
    ref_value = above[0][1].num.value
    yield ctx.finding("B112", paid.ref, key, stated=paid.num.value, expected=ref_value,
                      shown=money_text(paid.num.value, *fields),
                      **{name: money_text(f.num.value, *fields) for name, f in above})
