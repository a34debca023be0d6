"""P102: a negative score. Doc: p102_negative_score.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.points.shared import scored_items
from evalbook.rules import Context, rule


@rule("P102", "error",
      title=('得分为负数',
         'a negative score'),
      messages={
          'P102': ('{what}得分为负数（{stated}）',
                  '{what} has a negative score ({stated})'),
      })
def check_negative_score(wb: Workbook, ctx: Context):
    for what, score, _cap in scored_items(wb, ctx):
        s = val(score)
        if s is not None and s < 0:
            yield ctx.finding("P102", score.ref, what=what, stated=s)
