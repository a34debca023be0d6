"""B101: stated 执行率 ≠ 全年执行数 / 全年预算数. Doc: b101_execution_rate.md beside this file."""

from __future__ import annotations

from evalbook.model.values import pct, shown
from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import funds_total, money_text
from evalbook.rules import Context, rule


@rule("B101", "error", skips_uncached=True,
      title=('执行率 ≠ 全年执行数 / 全年预算数',
         'stated 执行率 ≠ 全年执行数 / 全年预算数'),
      messages={
          'B101': ('执行率填 {shown}，全年执行数 {executed} / 全年预算数 {budget} = {rate}',
                  '执行率 states {shown}; 全年执行数 {executed} / 全年预算数 {budget} = {rate}'),
          'B101.initial': ('执行率填 {shown}：这是全年执行数 {executed} / 年初预算数 {initial}（{other}），应为全年执行数 {executed} / 全年预算数 {budget} = {rate}',
                  '执行率 states {shown}: that is 全年执行数 {executed} / 年初预算数 {initial} ({other}); it should be 全年执行数 {executed} / 全年预算数 {budget} = {rate}'),
      })
def check_execution_rate(wb: Workbook, ctx: Context):
    total = funds_total(wb)
    if total is None or total.rate is None or total.rate.num is None:
        return
    b, e = val(total.budget), val(total.executed)
    if b is None or e is None or b <= 0:
        return
    expected = e / b
    if total.rate.num.agrees(expected):
        return
    params = dict(shown=shown(total.rate), executed=money_text(e, total.executed), budget=money_text(b, total.budget),
                  rate=pct(expected))
    initial = val(total.initial_budget)
    key = "B101"
    if initial is not None and initial > 0 and total.rate.num.agrees(e / initial):
        key = "B101.initial"
        params.update(initial=money_text(initial, total.initial_budget), other=pct(e / initial))
    yield ctx.finding("B101", total.rate.ref, key, stated=total.rate.num.value, expected=expected,
                      percent=True, **params)
