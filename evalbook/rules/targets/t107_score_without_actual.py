"""T107: a score above zero with no actual value. Doc: t107_score_without_actual.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.targets.shared import checked_leaves, leaf_score
from evalbook.rules import Context, rule


@rule("T107", "warning",
      title=('有得分但没有实际完成值',
         'a score above zero with no actual value'),
      messages={
          'T107': ('“{name}”得分 {stated}，但没有填写实际完成值',
                  '“{name}” scores {stated} but has no actual value'),
          'T107.fix': ('请在 {where} 填写实际完成值', 'enter the actual value in {where}'),
      })
def check_score_without_actual(wb: Workbook, ctx: Context):
    ind = wb.indicators
    if ind is None or ind.columns.get("actual") is None:
        return
    for leaf in checked_leaves(wb):
        score = leaf_score(leaf)
        if score is None or score.value <= 0 or leaf.actual is None:
            continue
        if leaf.actual.blank:
            yield ctx.finding("T107", leaf.actual.ref, name=leaf.name, stated=score.value)
