"""P101: a score above its cap. Doc: p101_score_above_cap.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.points.shared import EPS, scored_items
from evalbook.rules import Context, rule


@rule("P101", "error",
      title=('得分超过分值',
         'a score above its cap'),
      messages={
          'P101': ('{what}得分 {stated} 超过分值 {expected}',
                  '{what} scores {stated}, above its cap {expected}'),
          'P101.fix': ('把 {where} 改为不超过 {expected} 的得分', 'change {where} to a score of at most {expected}'),
      })
def check_score_above_cap(wb: Workbook, ctx: Context):
    for what, score, cap in scored_items(wb, ctx):
        s = val(score)
        if s is not None and cap is not None and s > cap + EPS * max(1, abs(cap)):
            yield ctx.finding("P101", score.ref, what=what, stated=s, expected=cap)
