"""N102: the report's text states a budget, execution or rate other than the funds block's. Doc: n102_funds_in_text.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import funds_pairs, quote


@rule("N102", "error",
      title=("报告正文的全年预算数、全年执行数或预算执行率与资金表不符",
             "the report's text states a budget, execution or rate other than the funds block's"),
      messages={
          "N102.rate": ("报告写“{quote}”：预算执行率 {stated}，资金表为 {expected}",
                        "the report says “{quote}”: budget execution {stated}; the funds block gives {expected}"),
          "N102.budget": ("报告写“{quote}”：全年预算数 {said}（= {converted} {unit}），资金表为 {expected} {unit}",
                          "the report says “{quote}”: annual budget {said} (= {converted} {unit}); "
                          "the funds block gives {expected} {unit}"),
          "N102.executed": ("报告写“{quote}”：全年执行数 {said}（= {converted} {unit}），资金表为 {expected} {unit}",
                            "the report says “{quote}”: executed {said} (= {converted} {unit}); "
                            "the funds block gives {expected} {unit}"),
      })
def check_funds_in_text(wb: Workbook, ctx: Context):
    for pair in funds_pairs(wb, ctx):
        if not pair.agrees:
            st = pair.statement
            yield ctx.finding("N102", st.ref, "N102." + pair.variant, stated=st.num.value, expected=pair.expected,
                              percent=pair.variant == "rate", quote=quote(st.sentence), **pair.params)
