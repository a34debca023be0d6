"""P109: a derived figure `evalbook annotate --fix` replaced. Doc: p109_fixed_claim.md beside this file."""

from __future__ import annotations

from evalbook.model.values import shown
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("P109", "warning",
      title=('evalbook annotate --fix 改写过的派生数（原填值见记录）',
             'a derived figure evalbook annotate --fix replaced (the record keeps what was stated)'),
      messages={
          'P109': ('原填 {stated}，现为公式 = {expected}（evalbook --fix 更正，原值记在校验结果表）',
                   'was {stated}, now a formula = {expected} (corrected by evalbook --fix; the original is recorded in 校验结果)'),
          'P109.text': ('原填 {was}，现为公式 = {now}（evalbook --fix 更正，原值记在校验结果表）',
                        'was {was}, now a formula = {now} (corrected by evalbook --fix; the original is recorded in 校验结果)'),
      })
def check_fixed_claim(wb: Workbook, ctx: Context):
    for c in wb.corrections:
        now, was = c.now, c.claimed
        if now.blank:
            continue  # the user cleared the cell: nothing stands in for the claim
        if was.num is not None and now.num is not None and was.num.agrees(now.num.value):
            continue  # the cell states the original figure again: a claim, judged as one
        if was.num is None and now.num is None and str(was.raw).strip() == str(now.raw).strip():
            continue  # a grade typed back as it was
        if was.num is None or now.num is None:  # a grade, or text on either side
            yield ctx.finding("P109", c.ref, "P109.text", was=shown(was), now=shown(now))
            continue
        percent = was.num.percent or now.num.percent
        yield ctx.finding("P109", c.ref, stated=was.num.value, expected=now.num.value, percent=percent)
