"""T102: points deducted and no deviation reason. Doc: t102_deduction_reason.md beside this file."""

from __future__ import annotations

from evalbook.model import scoring as S
from evalbook.model.workbook import Workbook
from evalbook.rules.targets.shared import EPS, checked_leaves, leaf_cap, leaf_score
from evalbook.rules import Context, rule


@rule("T102", "warning",
      title=('扣分但未说明偏差原因',
         'points deducted and no deviation reason'),
      messages={
          'T102': ('“{name}”得分 {stated}（分值 {expected}）被扣分，但未填写偏差原因分析及改进措施',
                  '“{name}” scores {stated} of {expected} and gives no reason for the deviation'),
          'T102.nocolumn': ('“{name}”得分 {stated}（分值 {expected}）被扣分，但表中没有偏差原因分析及改进措施列',
                  '“{name}” scores {stated} of {expected}, and the sheet has no deviation-reason column'),
      })
def check_deduction_reason(wb: Workbook, ctx: Context):
    has_column = wb.indicators is not None and wb.indicators.columns.get("reason") is not None
    for leaf in checked_leaves(wb):
        score, cap = leaf_score(leaf), leaf_cap(leaf)
        if score is None or cap is None or score.value < 0:
            continue  # a negative score is P102's
        if score.shown >= cap - EPS * max(1, cap):
            continue
        if S.has_reason(leaf.reason):
            continue
        if has_column and leaf.reason is not None:
            yield ctx.finding("T102", leaf.reason.ref, name=leaf.name, stated=score.value, expected=cap)
        else:
            yield ctx.finding("T102", leaf.score.ref, "T102.nocolumn", name=leaf.name, stated=score.value,
                              expected=cap)
