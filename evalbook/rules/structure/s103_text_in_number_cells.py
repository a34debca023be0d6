"""S103: a cell that must hold a number holds text that is not a number. Doc: s103_text_in_number_cells.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.structure.shared import numeric_fields
from evalbook.rules import Context, rule


@rule("S103", "error",
      title=('应填数字的单元格填了非数字文本',
         'a cell that must hold a number holds text that is not a number'),
      messages={
          'S103': ('{what} 应为数字，但填的是“{text}”',
                  '{what} must be a number but holds “{text}”'),
      })
def check_text_in_number_cells(wb: Workbook, ctx: Context):
    for f, what in numeric_fields(wb):
        if f.bad and not f.in_label:
            yield ctx.finding("S103", f.ref, what=what, text=str(f.raw).strip()[:40])
