"""B107: stated 剩余资金 ≠ 项目总投资 − 累计支付. Doc: b107_remaining.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import funds_total, money_field, money_text
from evalbook.rules import Context, rule


# The names of the (minuend, subtrahend) pairs derived.py takes 剩余资金 from.
READING_NAMES = {"investment": ("项目总投资", "累计支付"), "budget": ("全年预算数", "全年执行数")}


@rule("B107", "error", skips_uncached=True,
      title=('剩余资金 ≠ 项目总投资 − 累计支付',
         'stated 剩余资金 ≠ 项目总投资 − 累计支付'),
      messages={
          'B107': ('剩余资金填 {shown}，{base_name} {base} − {sub_name} {sub} = {diff}',
                  '剩余资金 states {shown}; {base_name} {base} − {sub_name} {sub} = {diff}'),
          'B107.other': ('剩余资金填 {shown}，这是 {other_base_name} {other_base} − {other_sub_name} {other_sub}，应为 {base_name} {base} − {sub_name} {sub} = {diff}',
                  '剩余资金 states {shown}, which is {other_base_name} {other_base} − {other_sub_name} {other_sub}; it should be {base_name} {base} − {sub_name} {sub} = {diff}'),
          'B107.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_remaining(wb: Workbook, ctx: Context):
    rem = money_field(wb, "remaining")
    if rem is None or rem.num is None:
        return
    d = ctx.derived
    expected = d.remaining  # derived.py decides which pair 剩余资金 is taken from
    if expected is None:
        return
    if rem.num.agrees(expected):
        return
    base, sub = d.remaining_from
    base_name, sub_name = READING_NAMES[d.remaining_source]
    # Other pairs a wrong 剩余资金 may have been taken from, named in the message when it is one.
    readings = [(base_name, base, sub_name, sub)]
    total = funds_total(wb)
    paid, contract = money_field(wb, "cumulative_paid"), money_field(wb, "contract")
    if d.remaining_source == "investment" and total is not None and val(total.budget) is not None \
            and val(total.executed) is not None:
        readings.append(("全年预算数", total.budget, "全年执行数", total.executed))
    if val(contract) is not None and val(paid) is not None:
        readings.append(("合同金额", contract, "累计支付", paid))
    fields = [rem, base, sub]
    params = dict(shown=money_text(rem.num.value, *fields), base_name=base_name, base=money_text(base.num.value, *fields),
                  sub_name=sub_name, sub=money_text(sub.num.value, *fields), diff=money_text(expected, *fields))
    for o_base_name, o_base, o_sub_name, o_sub in readings[1:]:
        other = o_base.num.value - o_sub.num.value
        if rem.num.agrees(other):
            yield ctx.finding("B107", rem.ref, "B107.other", stated=rem.num.value, expected=expected,
                              other_base_name=o_base_name, other_base=money_text(o_base.num.value, rem, o_base),
                              other_sub_name=o_sub_name, other_sub=money_text(o_sub.num.value, rem, o_sub),
                              **params)
            return
    yield ctx.finding("B107", rem.ref, stated=rem.num.value, expected=expected, **params)
