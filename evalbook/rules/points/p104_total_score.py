"""P104: a stated total score ≠ leaf scores + budget-execution score. Doc: p104_total_score.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.model.workbook import SUM_LABELS
from evalbook.rules import Context, rule


@rule("P104", "error", skips_uncached=True,
      title=('总分/自评得分 ≠ 三级指标得分 + 预算执行得分',
         'a stated total score ≠ leaf scores + budget-execution score'),
      messages={
          'P104': ('{label}填 {stated}，三级指标得分 {leaves} + 预算执行得分 {budget} = {expected}{capped}：把 {where} 改为 {expected}',
                  '{label} states {stated}; leaf scores {leaves} + budget-execution score {budget} = {expected}{capped}: '
                  'change {where} to {expected}'),
          'P104.capped': ('（{names}得分超过分值，按分值计）', ' (counting {names} at its cap)'),
          'P104.unscored': ('{label}填 {stated}，但指标表中没有任何三级指标得分（预算执行得分 {budget}）：'
                            '请先在指标表填写各项得分，再核对 {where}',
                            '{label} states {stated}, but no indicator row states a score (budget-execution score '
                            '{budget}): fill in the indicator scores first, then check {where}'),
      })
def check_total_score(wb: Workbook, ctx: Context):
    d = ctx.derived
    if d.expected_claim is None:
        return
    stated_budget = val(d.budget_score_field)
    budget = stated_budget if stated_budget is not None else d.budget_score
    targets = []
    if wb.indicators is not None:
        targets += [(SUM_LABELS["total"] + "行", s.score) for s in wb.indicators.sums if s.kind == "total"]
    if wb.project is not None and wb.project.claimed_total is not None:
        targets.append(("自评得分", wb.project.claimed_total))
    capped = ""
    if d.over_cap:
        capped = ctx.text("P104.capped", names="、".join(f"“{leaf.name}”" for leaf in d.over_cap[:3]))
    leaves = d.leaf_score_sum - sum(val(leaf.score) - val(leaf.cap) for leaf in d.over_cap)
    if budget is not None and d.budget_cap is not None and budget > d.budget_cap:
        budget = d.budget_cap
    # No indicator row states a score (a table of targets only, or none read): the total cannot
    # be told from the parts yet, and "改为 0" would be the wrong advice.
    ind = wb.indicators
    unscored = ind is None or all(val(leaf.score) is None for leaf in ind.leaves + ind.orphans)
    for label, f in targets:
        if f is None or f.num is None:
            continue
        if not f.num.agrees(d.expected_claim):
            yield ctx.finding("P104", f.ref, "P104.unscored" if unscored else "P104", label=label,
                              stated=f.num.value, expected=None if unscored else d.expected_claim,
                              leaves=num(leaves), budget=num(budget), capped=capped, where=str(f.ref))
