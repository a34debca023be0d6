"""B104: execution above budget (rate > 100%). Doc: b104_execution_above_budget.md beside this file."""

from __future__ import annotations

from evalbook.model.values import pct
from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import EPS, funds_total, money_text
from evalbook.rules import Context, rule


@rule("B104", "warning",
      title=('执行数超过预算数（执行率 > 100%）',
         'execution above budget (rate > 100%)'),
      messages={
          'B104': ('全年执行数 {executed} 超过全年预算数 {budget}（执行率 {rate}）：请核实执行数，或将调整后的预算填入全年预算数',
                  '全年执行数 {executed} is above 全年预算数 {budget} (rate {rate}): check the executed amount, or enter the adjusted budget'),
      })
def check_execution_above_budget(wb: Workbook, ctx: Context):
    total = funds_total(wb)
    if total is None or total.executed is None:
        return
    b, e = val(total.budget), val(total.executed)
    if b is None or e is None:
        return
    # Money spent against a budget of 0 is above it too; its rate has no value to show.
    if e > b + EPS * max(1.0, abs(b)):
        yield ctx.finding("B104", total.executed.ref, stated=e, expected=b,
                          executed=money_text(e, total.executed, total.budget),
                          budget=money_text(b, total.executed, total.budget), rate=pct(e / b) if b > 0 else pct(None))
