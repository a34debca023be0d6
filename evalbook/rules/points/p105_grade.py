"""P105: a stated grade ≠ the profile's grade for the computed total. Doc: p105_grade.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model.workbook import Workbook
from evalbook.model.values import read_grade
from evalbook.rules import Context, rule


@rule("P105", "error", skips_uncached=True,
      title=('自评等级与计算出的总分不符',
         "a stated grade ≠ the profile's grade for the computed total"),
      messages={
          'P105': ('自评等级填“{stated_grade}”，按计算得分 {total} 应为“{expected_grade}”',
                  'the grade says “{stated_grade}”; the computed total {total} gives “{expected_grade}”'),
      })
def check_grade(wb: Workbook, ctx: Context):
    p, d = wb.project, ctx.derived
    if p is None or p.claimed_grade is None or p.claimed_grade.blank or d.grade is None:
        return
    stated = read_grade(p.claimed_grade.raw)
    if stated != d.grade:
        yield ctx.finding("P105", p.claimed_grade.ref, stated_grade=str(p.claimed_grade.raw).strip(),
                          expected_grade=d.grade, total=num(d.computed_total))
