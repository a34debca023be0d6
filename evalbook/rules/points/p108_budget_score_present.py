"""P108: no budget-execution score anywhere. Doc: p108_budget_score_present.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("P108", "warning",
      title=('找不到预算执行率得分（资金表与指标表都没有）',
         'no budget-execution score anywhere'),
      messages={
          'P108': ('没有预算执行率得分：请在项目资金表填写全年预算数、全年执行数和分值{at}',
                  "no budget-execution score: fill in the funds block's budget, executed and cap{at}"),
          'P108.at': ('，{where} 即为预算执行得分', '; {where} then holds the budget-execution score'),
      })
def check_budget_score_present(wb: Workbook, ctx: Context):
    d = ctx.derived
    if wb.indicators is None and wb.project is None:
        return
    if ctx.profile.budget_cap == 0:
        return  # the profile scores no budget execution (framework2013, 70/20/10): none is missing
    if d.budget_score is None and val(d.budget_score_field) is None:
        ref = None
        if d.budget_score_field is not None:
            ref = d.budget_score_field.ref
        elif wb.project is not None and wb.project.funds and wb.project.funds.total:
            score = wb.project.funds.total.score
            ref = score.ref if score is not None else wb.project.funds.total.ref
        yield ctx.finding("P108", ref, at=ctx.text("P108.at", where=str(ref)) if ref is not None else "")
