"""N105: nothing of the report's text could be cross-checked. Doc: n105_nothing_checked.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import all_pairs


@rule("N105", "warning",
      title=("报告没有可读的自评表，或正文没有可与表核对的数字：未做核对",
             "the report has no readable self-evaluation table, or no figure to compare: nothing was cross-checked"),
      messages={
          "N105.no_table": ("报告中没有可读的自评表（绩效指标表、项目资金表）：正文所写的得分、资金和指标未能核对",
                            "the report has no self-evaluation table evalbook can read (indicators, funds): "
                            "its score, funds and indicator figures were not cross-checked"),
          "N105.no_figure": ("报告正文没有写出可与表核对的自评得分、等级、预算执行率、资金或指标完成值：未做核对",
                             "the report's text states no total, grade, execution rate, funds or indicator figure "
                             "the tables hold: nothing was cross-checked"),
      })
def check_nothing_checked(wb: Workbook, ctx: Context):
    if wb.narrative is None:
        return
    if wb.indicators is None and wb.project is None:
        yield ctx.finding("N105", None, "N105.no_table")
    elif not all_pairs(wb, ctx):
        yield ctx.finding("N105", None, "N105.no_figure")
