"""C102: a tier-1's declared cap ≠ the sum of its tier-2 caps. Doc: c102_tier1_caps.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model.workbook import Workbook
from evalbook.rules.caps.shared import clean_label
from evalbook.model.derived import tier2_cap
from evalbook.rules import Context, rule


@rule("C102", "error", skips_uncached=True,
      title=('一级指标分值 ≠ 其二级指标分值之和',
         "a tier-1's declared cap ≠ the sum of its tier-2 caps"),
      messages={
          'C102': ('一级指标“{name}”标明分值 {stated}，其二级指标分值合计为 {expected}（{parts}）',
                  'tier-1 “{name}” declares {stated} points but its tier-2 caps add up to {expected} ({parts})'),
          'C102.fix': ('把 {where} 中的分值改为 {expected}，或调整其二级指标的分值', 'change the cap in {where} to {expected}, or its tier-2 caps'),
      })
def check_tier1_caps(wb: Workbook, ctx: Context):
    if wb.indicators is None:
        return
    for t1 in wb.indicators.tier1s:
        if t1.cap is None or t1.cap.num is None or not t1.tier2s:
            continue
        caps = [tier2_cap(t2) for t2 in t1.tier2s]
        total = sum(caps)
        if not t1.cap.num.agrees(total):
            parts = " + ".join(num(c) for c in caps)
            yield ctx.finding("C102", t1.cap.ref, name=clean_label(t1.label), stated=t1.cap.num.value,
                              expected=total, parts=parts)
