"""P106: a stated 得分率 ≠ 得分 / 分值. Doc: p106_score_rates.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import score_rate
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("P106", "error", skips_uncached=True,
      title=('得分率 ≠ 得分 / 分值',
         'a stated 得分率 ≠ 得分 / 分值'),
      messages={
          'P106': ('得分率填 {stated}，得分/分值 = {expected}',
                  '得分率 states {stated}; score/cap = {expected}'),
          'P106.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_score_rates(wb: Workbook, ctx: Context):
    ind = wb.indicators
    if ind is None:
        return
    rows = [(leaf.rate, leaf.score, leaf.cap) for leaf in ind.leaves]
    rows += [(s.rate, s.score, s.cap) for s in ind.sums]
    for rate, score, cap in rows:
        expected = score_rate(score, cap)
        if rate is None or rate.num is None or expected is None:
            continue
        if not rate.num.agrees(expected):
            yield ctx.finding("P106", rate.ref, stated=rate.num.value, expected=expected, percent=True)
