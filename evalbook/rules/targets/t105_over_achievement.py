"""T105: actual far above the target (over-achievement) with no explanation. Doc: t105_over_achievement.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model import scoring as S
from evalbook.model.workbook import Workbook
from evalbook.rules.targets.shared import EPS, checked_leaves, clean_float, show_quantity
from evalbook.rules import Context, rule


@rule("T105", "warning",
      title=('实际完成值大幅超过年度指标值且未说明原因',
         'actual far above the target (over-achievement) with no explanation'),
      messages={
          'T105': ('“{name}”实际完成值 {actual} 达到年度指标值 {target} 的 {factor} 倍以上，未说明原因',
                  '“{name}”: the actual {actual} is at least {factor} times the target {target}, with no explanation'),
      })
def check_over_achievement(wb: Workbook, ctx: Context):
    factor = ctx.profile.over_factor
    for leaf in checked_leaves(wb):
        nat, pair = S.nature(leaf), S.measures(leaf)
        if pair is None or nat not in (S.POSITIVE, S.EQUAL):
            continue
        t, a = pair
        if t.value <= 0 or S.has_reason(leaf.reason):
            continue
        if a.value >= factor * t.value * (1 - EPS):
            yield ctx.finding("T105", leaf.actual.ref, name=leaf.name, actual=show_quantity(a), target=show_quantity(t),
                              factor=num(factor), stated=clean_float(a.value), expected=clean_float(t.value),
                              percent=t.percent)
