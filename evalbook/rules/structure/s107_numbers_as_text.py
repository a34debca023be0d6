"""S107: a number stored as text (Excel's SUM would skip it). Doc: s107_numbers_as_text.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.structure.shared import numeric_fields
from evalbook.rules import Context, rule


@rule("S107", "warning",
      title=('数字以文本形式存储（Excel 的 SUM 会跳过它）',
         "a number stored as text (Excel's SUM would skip it)"),
      messages={
          'S107': ('{what}“{text}”是以文本存储的数字，Excel 求和时会跳过它：请改为数值',
                  "{what} “{text}” is a number stored as text, which Excel's SUM skips: make it a number"),
      })
def check_numbers_as_text(wb: Workbook, ctx: Context):
    if wb.text_cells:
        return  # a Word table: every cell is text, and no SUM skips it
    for f, what in numeric_fields(wb):
        if f.num is not None and f.num.text and not f.in_label:
            yield ctx.finding("S107", f.ref, what=what, text=str(f.raw).strip()[:40])
