"""S102: required column missing in the indicator or payments sheet. Doc: s102_required_columns.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.read.labels import TABLE_COLUMNS
from evalbook.rules import Context, rule


@rule("S102", "error",
      title=('指标表或支付表缺少必需的列',
         'required column missing in the indicator or payments sheet'),
      messages={
          'S102': ('{sheet} 表缺少“{column}”列',
                  'sheet {sheet} has no column “{column}”'),
      })
def check_required_columns(wb: Workbook, ctx: Context):
    for missing in wb.missing_columns:
        # Each column as the form heads it: its first accepted header.
        heads = TABLE_COLUMNS[missing.table]
        column = " / ".join(heads[key][0] for key in missing.columns)
        yield ctx.finding("S102", missing.ref, sheet=missing.sheet, column=column)
