"""N103: the report's text states a grade other than the table's. Doc: n103_grade_in_text.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import grade_pairs, quote


@rule("N103", "error",
      title=("报告正文的评价等级与表中不符", "the report's text states a grade other than its table's"),
      messages={
          "N103.stated": ("报告写“{quote}”：等级“{word}”，表中自评等级为“{grade}”",
                          "the report says “{quote}”: grade “{word}”; the table states “{grade}”"),
          "N103.claimed": ("报告写“{quote}”：等级“{word}”，表中自评得分 {total} 分应为“{grade}”",
                           "the report says “{quote}”: grade “{word}”; the table's total {total} gives “{grade}”"),
          "N103.computed": ("报告写“{quote}”：等级“{word}”，表中各项得分合计 {total} 分应为“{grade}”",
                            "the report says “{quote}”: grade “{word}”; the table's scores ({total}) give “{grade}”"),
      })
def check_grade_in_text(wb: Workbook, ctx: Context):
    for pair in grade_pairs(wb, ctx):
        if not pair.agrees:
            st = pair.statement
            yield ctx.finding("N103", st.ref, "N103." + pair.variant, quote=quote(st.sentence), word=st.word,
                              total=pair.params["total"], grade=pair.expected)
