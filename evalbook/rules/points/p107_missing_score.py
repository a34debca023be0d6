"""P107: a leaf row with a cap and no score. Doc: p107_missing_score.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("P107", "error",
      title=('有分值的三级指标没有得分',
         'a leaf row with a cap and no score'),
      messages={
          'P107': ('三级指标“{name}”有分值 {cap} 但没有得分',
                  'leaf “{name}” has a cap of {cap} but no score'),
      })
def check_missing_score(wb: Workbook, ctx: Context):
    ind = wb.indicators
    if ind is None:
        return
    for leaf in ind.leaves + ind.orphans:
        if leaf.cap is not None and leaf.cap.num is not None and leaf.score is not None and leaf.score.blank:
            yield ctx.finding("P107", leaf.score.ref, name=leaf.name, cap=num(leaf.cap.num.value))
