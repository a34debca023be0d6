"""N101: the report's text states a total other than the table's. Doc: n101_total_in_text.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import quote, total_pairs


@rule("N101", "error",
      title=("报告正文的自评得分与表中不符", "the report's text states a total score other than its table's"),
      messages={
          "N101": ("报告写“{quote}”：得分 {stated} 分，表中自评得分为 {expected} 分",
                   "the report says “{quote}”: {stated} points; the table's claimed total is {expected}"),
          "N101.computed": ("报告写“{quote}”：得分 {stated} 分，表中各项得分合计为 {expected} 分",
                            "the report says “{quote}”: {stated} points; the table's scores add up to {expected}"),
          "N101.computed.no_budget": (
              "报告写“{quote}”：得分 {stated} 分，表中各项得分合计为 {expected} 分（表中没有预算执行得分）",
              "the report says “{quote}”: {stated} points; the table's scores add up to {expected} "
              "(the tables score no budget execution)"),
      })
def check_total_in_text(wb: Workbook, ctx: Context):
    for pair in total_pairs(wb, ctx):
        if not pair.agrees:
            st = pair.statement
            key = "N101." + pair.variant if pair.variant else None
            yield ctx.finding("N101", st.ref, key, stated=st.num.value, expected=pair.expected,
                              quote=quote(st.sentence))
