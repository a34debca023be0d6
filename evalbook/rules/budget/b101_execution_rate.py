"""B101: stated 执行率 ≠ 全年执行数 / 全年预算数. Doc: b101_execution_rate.md beside this file."""

from __future__ import annotations

from evalbook.model.values import pct, shown
from evalbook.model.derived import val
from evalbook.model.workbook import FundsRow, Workbook
from evalbook.rules.budget.shared import funds_total, money_text
from evalbook.rules import Context, rule


@rule("B101", "error", skips_uncached=True,
      title=('执行率 ≠ 全年执行数 / 全年预算数（每个填了执行率的资金行，含其中行）',
         'stated 执行率 ≠ 全年执行数 / 全年预算数, on every funds row that states a rate (其中 rows too)'),
      messages={
          'B101': ('{row}执行率填 {shown}，全年执行数 {executed} / 全年预算数 {budget} = {rate}：把 {where} 改为 {rate}',
                  '{row} 执行率 states {shown}; 全年执行数 {executed} / 全年预算数 {budget} = {rate}: change {where} to {rate}'),
          'B101.initial': ('{row}执行率填 {shown}：这是全年执行数 {executed} / 年初预算数 {initial}（{other}），应为全年执行数 {executed} / 全年预算数 {budget} = {rate}：把 {where} 改为 {rate}',
                  '{row} 执行率 states {shown}: that is 全年执行数 {executed} / 年初预算数 {initial} ({other}); it should be 全年执行数 {executed} / 全年预算数 {budget} = {rate}: change {where} to {rate}'),
      })
def check_execution_rate(wb: Workbook, ctx: Context):
    total = funds_total(wb)
    if total is None:
        return
    for row in [total] + wb.project.funds.parts:
        yield from _check_row(row, ctx)


def _check_row(row: FundsRow, ctx: Context):
    if row.rate is None or row.rate.num is None:
        return
    b, e = val(row.budget), val(row.executed)
    if b is None or e is None or b <= 0:
        return
    expected = e / b
    if row.rate.num.agrees(expected):
        return
    decimals = max(row.rate.num.decimals - 2, 2)
    params = dict(row=row.label, shown=shown(row.rate), executed=money_text(e, row.executed),
                  budget=money_text(b, row.budget), rate=pct(expected, decimals), where=str(row.rate.ref))
    initial = val(row.initial_budget)
    key = "B101"
    if initial is not None and initial > 0 and row.rate.num.agrees(e / initial):
        key = "B101.initial"
        params.update(initial=money_text(initial, row.initial_budget), other=pct(e / initial))
    yield ctx.finding("B101", row.rate.ref, key, stated=row.rate.num.value, expected=expected,
                      percent=True, **params)
