"""S102: required column missing in the indicator or payments sheet. Doc: s102_required_columns.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("S102", "error",
      title=('指标表或支付表缺少必需的列',
         'required column missing in the indicator or payments sheet'),
      messages={
          'S102': ('{sheet} 表缺少“{column}”列',
                  'sheet {sheet} has no column “{column}”'),
      })
def check_required_columns(wb: Workbook, ctx: Context):
    for p in wb.problems:
        if p.code == "S102":
            yield ctx.finding("S102", p.ref, sheet=p.params["sheet"], column=p.params["column"])
