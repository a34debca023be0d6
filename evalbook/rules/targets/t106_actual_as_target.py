"""T106: the actual value is written as a target (≥, ≤, 不少于 …). Doc: t106_actual_as_target.md beside this file."""

from __future__ import annotations

from evalbook.model import scoring as S
from evalbook.model.workbook import Workbook
from evalbook.rules.targets.shared import checked_leaves
from evalbook.rules import Context, rule


@rule("T106", "warning",
      title=('实际完成值写成了目标值的形式（≥、≤、不少于 …）',
         'the actual value is written as a target (≥, ≤, 不少于 …)'),
      messages={
          'T106': ('“{name}”实际完成值“{text}”写成了目标值的形式：请填写实际达到的数值',
                  '“{name}”: the actual “{text}” is written as a target: write the figure achieved'),
      })
def check_actual_as_target(wb: Workbook, ctx: Context):
    for leaf in checked_leaves(wb):
        if leaf.actual is not None and S.written_as_target(leaf.actual.raw):
            yield ctx.finding("T106", leaf.actual.ref, name=leaf.name, text=str(leaf.actual.raw).strip())
