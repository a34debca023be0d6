"""B102: stated budget-execution score ≠ the profile's formula (cap × min(rate, 1)). Doc: b102_budget_score.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num, pct
from evalbook.model.derived import budget_score, val
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("B102", "error", skips_uncached=True,
      title=('预算执行得分 ≠ 方案公式（分值 × min(执行率, 100%)）',
         "stated budget-execution score ≠ the profile's formula (cap × min(rate, 1))"),
      messages={
          'B102': ('预算执行得分填 {stated}，按方案 {profile}：分值 {cap} × min(执行率 {rate}, 100%) = {expected}',
                  'the budget-execution score states {stated}; profile {profile} gives cap {cap} × min(rate {rate}, 100%) = {expected}'),
          'B102.linear': ('预算执行得分填 {stated}，按方案 {profile}：分值 {cap} × 执行率 {rate} = {expected}',
                  'the budget-execution score states {stated}; profile {profile} gives cap {cap} × rate {rate} = {expected}'),
          'B102.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_budget_score(wb: Workbook, ctx: Context):
    d = ctx.derived
    if d.budget_rate is None:
        return
    scored = [(d.budget_score_field, d.budget_cap)]
    if d.budget_source == "funds" and wb.indicators is not None:
        scored += [(row.score, val(row.cap)) for row in wb.indicators.budget_rows
                   if row.score is not d.budget_score_field]
    r = min(d.budget_rate, 1.0) if ctx.profile.budget_formula == "capped" else d.budget_rate
    key = "B102" if ctx.profile.budget_formula == "capped" else "B102.linear"
    for f, cap in scored:
        if f is None or f.num is None or cap is None:
            continue
        expected = budget_score(cap, d.budget_rate, ctx.profile)
        # The formula rounds to two decimals; a score stated with more may match the unrounded value.
        if f.num.agrees(expected) or f.num.agrees(cap * r):
            continue
        yield ctx.finding("B102", f.ref, key, stated=f.num.value, expected=expected,
                          cap=num(cap), rate=pct(d.budget_rate), profile=ctx.profile.name)
