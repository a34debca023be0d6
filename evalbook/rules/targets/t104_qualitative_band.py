"""T104: a qualitative score outside the band of its stated grade. Doc: t104_qualitative_band.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model import scoring as S
from evalbook.model.interval import Interval
from evalbook.model.workbook import Workbook
from evalbook.rules.targets.shared import checked_leaves, leaf_cap, leaf_score
from evalbook.rules import Context, rule


@rule("T104", "warning",
      title=('定性指标得分不在其完成等级对应的分数段内',
         'a qualitative score outside the band of its stated grade'),
      messages={
          'T104': ('“{name}”完成情况为“{grade}”，对应得分 {band}，实填 {stated}',
                  '“{name}” is graded “{grade}”, which earns {band}, but scores {stated}'),
      })
def check_qualitative_band(wb: Workbook, ctx: Context):
    for leaf in checked_leaves(wb):
        score, cap = leaf_score(leaf), leaf_cap(leaf)
        if score is None or cap is None or leaf.actual is None:
            continue
        grade = S.qualitative_grade(leaf.actual.raw)
        if grade is None:
            continue
        lo, hi = S.qualitative_band(grade, ctx.profile)
        band_lo, band_hi = lo * cap, hi * cap
        if score.stated.overlaps(Interval(band_lo, band_hi)):
            continue
        nearest = band_lo if score.value < band_lo else band_hi
        yield ctx.finding("T104", leaf.score.ref, name=leaf.name, grade=str(leaf.actual.raw).strip(),
                          band=f"{num(band_lo)}–{num(band_hi)}", stated=score.value, expected=nearest)
