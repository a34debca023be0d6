"""N104: the report's text states an indicator figure other than its 实际完成值. Doc: n104_indicator_in_text.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import indicator_pairs, quote


@rule("N104", "warning",
      title=("报告正文所写的指标完成值与表中实际完成值不符",
             "the report's text states an indicator figure other than its actual value in the table"),
      messages={
          "N104": ("报告写“{quote}”：“{name}”为 {said}，表中实际完成值为 {actual}",
                   "the report says “{quote}”: “{name}” is {said}; the table's actual value is {actual}"),
      })
def check_indicator_in_text(wb: Workbook, ctx: Context):
    for pair in indicator_pairs(wb, ctx):
        if not pair.agrees:
            st = pair.statement
            said = st.num.value * 100 if st.num.percent else st.num.value
            shown = f"{said:.{max(st.num.decimals - (2 if st.num.percent else 0), 0)}f}" + (st.unit or "")
            yield ctx.finding("N104", st.ref, stated=st.num.value, expected=pair.expected, quote=quote(st.sentence),
                              said=shown, **pair.params)
