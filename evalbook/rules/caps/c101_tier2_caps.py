"""C101: a tier-2's declared cap ≠ the sum of its leaves' caps. Doc: c101_tier2_caps.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.caps.shared import clean_label
from evalbook.rules import Context, rule


@rule("C101", "error", skips_uncached=True,
      title=('二级指标分值 ≠ 其三级指标分值之和',
         "a tier-2's declared cap ≠ the sum of its leaves' caps"),
      messages={
          'C101': ('二级指标“{name}”标明分值 {stated}，其三级指标分值合计为 {expected}',
                  "tier-2 “{name}” declares {stated} points but its leaves' caps add up to {expected}"),
          'C101.fix': ('把 {where} 中的分值改为 {expected}，或调整其三级指标的分值', 'change the cap in {where} to {expected}, or the caps of its leaves'),
      })
def check_tier2_caps(wb: Workbook, ctx: Context):
    if wb.indicators is None:
        return
    for t1 in wb.indicators.tier1s:
        for t2 in t1.tier2s:
            if t2.cap is None or t2.cap.num is None or not t2.leaves:
                continue
            total = sum(val(leaf.cap) or 0.0 for leaf in t2.leaves)
            if not t2.cap.num.agrees(total):
                yield ctx.finding("C101", t2.cap.ref, name=clean_label(t2.label), stated=t2.cap.num.value,
                                  expected=total)
