"""N107: the text states the project's total amount twice with different values (evalbook's
extension beyond the spec). Doc: n107_project_total_twice.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import arithmetic, money, quote, said_wan, same


@rule("N107", "warning",
      title=("报告正文前后写的项目总金额不一致", "the report's text states the project's total amount twice, differently"),
      messages={
          "N107": ("报告写“{quote}”：{word} {said}，而 {first_at} 写{first_word} {first}",
                   "the report says “{quote}”: {word} {said}, while {first_at} says {first_word} {first}"),
      })
def check_project_total_twice(wb: Workbook, ctx: Context):
    for kind in ("investment", "budget"):
        stated = [said for k, said in arithmetic(wb, "project_totals") if k == kind]
        for n, said in enumerate(stated[1:], start=1):
            if any(same(said_wan(said), said_wan(earlier)) for earlier in stated[:n]):
                continue
            first = stated[0]
            yield ctx.finding("N107", said.ref, stated=said.wan, expected=first.wan, quote=quote(said.sentence),
                              word=said.word, said=money(said), first_at=str(first.ref), first_word=first.word,
                              first=money(first))
