"""T101: full score although the actual value misses the target. Doc: t101_full_score_missed.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model import scoring as S
from evalbook.model.workbook import Workbook
from evalbook.rules.targets.shared import EPS, OPS, checked_leaves, clean_float, leaf_cap, leaf_score, show_quantity
from evalbook.rules import Context, rule


@rule("T101", "warning",
      title=('实际完成值未达到年度指标值却得满分',
         'full score although the actual value misses the target'),
      messages={
          'T101': ('“{name}”实际完成值 {actual} 未达到年度指标值 {op}{target}，却得满分 {cap}',
                  '“{name}”: the actual {actual} misses the target {op}{target}, yet scores the full {cap}'),
      })
def check_full_score_missed(wb: Workbook, ctx: Context):
    for leaf in checked_leaves(wb):
        score, cap, pair = leaf_score(leaf), leaf_cap(leaf), S.measures(leaf)
        nat = S.nature(leaf)
        if score is None or cap is None or pair is None or nat not in OPS:
            continue
        t, a = pair
        if score.shown < cap - EPS * max(1, cap):
            continue
        if S.misses_target(nat, t.value, a.value):
            yield ctx.finding("T101", leaf.score.ref, name=leaf.name, actual=show_quantity(a), target=show_quantity(t),
                              op=OPS[nat], cap=num(cap), stated=clean_float(a.value), expected=clean_float(t.value),
                              percent=t.percent)
