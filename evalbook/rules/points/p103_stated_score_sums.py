"""P103: a stated tier or subtotal score ≠ the sum of its leaves' scores. Doc: p103_stated_score_sums.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import closed_leaves, leaves_sum
from evalbook.model.workbook import Workbook
from evalbook.model.workbook import SUM_LABELS
from evalbook.rules import Context, rule


@rule("P103", "error", skips_uncached=True,
      title=('指标或小计的得分 ≠ 其三级指标得分之和',
         "a stated tier or subtotal score ≠ the sum of its leaves' scores"),
      messages={
          'P103': ('{label}得分填 {stated}，其三级指标得分合计为 {expected}',
                  "{label} states a score of {stated}; its leaves' scores add up to {expected}"),
          'P103.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_stated_score_sums(wb: Workbook, ctx: Context):
    ind = wb.indicators
    if ind is None:
        return
    for t1 in ind.tier1s:
        for t2 in t1.tier2s:
            if t2.score is not None and t2.score.num is not None and t2.leaves:
                total = leaves_sum(t2.leaves, "score") or 0.0
                if not t2.score.num.agrees(total):
                    yield ctx.finding("P103", t2.score.ref, label=f"“{t2.label}”", stated=t2.score.num.value,
                                      expected=total)
        if t1.score is not None and t1.score.num is not None and t1.leaves:
            total = leaves_sum(t1.leaves, "score") or 0.0
            if not t1.score.num.agrees(total):
                yield ctx.finding("P103", t1.score.ref, label=f"“{t1.label}”", stated=t1.score.num.value,
                                  expected=total)
    for s in ind.sums:
        if s.kind == "total" or s.score is None or s.score.num is None:
            continue
        leaves = closed_leaves(ind, s)
        if leaves is None:
            continue
        total = leaves_sum(leaves, "score") or 0.0
        if not s.score.num.agrees(total):
            yield ctx.finding("P103", s.score.ref, label=SUM_LABELS[s.kind], stated=s.score.num.value,
                              expected=total)
