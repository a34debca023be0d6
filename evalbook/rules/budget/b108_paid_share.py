"""B108: stated 支付占合同比例 ≠ 累计支付 / 合同金额. Doc: b108_paid_share.md beside this file."""

from __future__ import annotations

from evalbook.model.values import pct, shown
from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import funds_total, money_field, money_text
from evalbook.rules import Context, rule


@rule("B108", "error", skips_uncached=True,
      title=('支付占合同比例 ≠ 累计支付 / 合同金额',
         'stated 支付占合同比例 ≠ 累计支付 / 合同金额'),
      messages={
          'B108': ('支付占合同比例填 {shown}，累计支付 {paid} / 合同金额 {contract} = {rate}',
                  '支付占合同比例 states {shown}; 累计支付 {paid} / 合同金额 {contract} = {rate}'),
          'B108.total': ('支付占合同比例填 {shown}：{shown} 是 {paid}/{base}（占项目总投资 {other}），不是占合同金额 {rate}（{paid}/{contract}）',
                  '支付占合同比例 states {shown}: {shown} is {paid}/{base} ({other} of 项目总投资), not the share of the contract, {rate} ({paid}/{contract})'),
          'B108.budget': ('支付占合同比例填 {shown}：{shown} 是 {paid}/{base}（占全年预算数 {other}），不是占合同金额 {rate}（{paid}/{contract}）',
                  '支付占合同比例 states {shown}: {shown} is {paid}/{base} ({other} of 全年预算数), not the share of the contract, {rate} ({paid}/{contract})'),
          'B108.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_paid_share(wb: Workbook, ctx: Context):
    p = wb.project
    share = p.paid_share if p is not None else None
    if share is None or share.num is None:
        return
    paid, contract = money_field(wb, "cumulative_paid"), money_field(wb, "contract")
    pv, cv = val(paid), val(contract)
    expected = ctx.derived.paid_share
    # a share of a contract of no positive amount means nothing to check
    if expected is None or cv <= 0:
        return
    if share.num.agrees(expected):
        return
    fields = [paid, contract]
    params = dict(shown=shown(share), paid=money_text(pv, *fields), contract=money_text(cv, *fields),
                  rate=pct(expected))
    total = funds_total(wb)
    others = [("B108.total", money_field(wb, "total_investment")),
              ("B108.budget", total.budget if total is not None else None)]
    for key, base in others:
        bv = val(base)
        if bv is not None and bv > 0 and share.num.agrees(pv / bv):
            yield ctx.finding("B108", share.ref, key, stated=share.num.value, expected=expected, percent=True,
                              base=money_text(bv, paid, base), other=pct(pv / bv), **params)
            return
    yield ctx.finding("B108", share.ref, stated=share.num.value, expected=expected, percent=True, **params)
