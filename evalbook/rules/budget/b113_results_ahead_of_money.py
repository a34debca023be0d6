"""B113: results ahead of money: indicator completion exceeds the execution rate by more than 5% of itself. Doc: b113_results_ahead_of_money.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num, pct
from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import EPS
from evalbook.rules import Context, rule


@rule("B113", "warning",
      title=('成果领先于资金：指标完成度超过预算执行率 5% 以上',
         'results ahead of money: indicator completion exceeds the execution rate by more than 5% of itself'),
      messages={
          'B113': ('指标完成度 {stated}（得分 {score} / 分值 {cap}）超过预算执行率 {expected} 的 {margin} 以上（上限 {limit}）：成果领先于资金，请核实得分或执行数',
                  'indicator completion {stated} (score {score} / cap {cap}) exceeds the execution rate {expected} by more than {margin} of it (limit {limit}): results ahead of money, check the scores or the executed amount'),
      })
def check_results_ahead_of_money(wb: Workbook, ctx: Context):
    d = ctx.derived
    if d.budget_rate is None or d.leaf_cap_sum <= 0 or wb.indicators is None:
        return
    completion = d.leaf_score_sum / d.leaf_cap_sum
    margin = ctx.profile.b113_margin
    limit = d.budget_rate * (1 + margin)
    if completion <= limit + EPS:
        return
    f = d.budget_rate_field if d.budget_rate_field is not None else d.executed
    if f is None:
        return
    yield ctx.finding("B113", f.ref, stated=completion, expected=d.budget_rate, percent=True,
                      score=num(d.leaf_score_sum), cap=num(d.leaf_cap_sum), margin=pct(margin, 0),
                      limit=pct(limit))
