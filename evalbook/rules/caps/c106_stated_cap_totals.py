"""C106: a stated cap total (subtotal or 总分 row) ≠ the sum it closes. Doc: c106_stated_cap_totals.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.caps.shared import closed_caps
from evalbook.model.workbook import SUM_LABELS
from evalbook.rules import Context, rule


@rule("C106", "error", skips_uncached=True,
      title=('小计/总分行的分值合计 ≠ 其所合计的分值之和',
         'a stated cap total (subtotal or 总分 row) ≠ the sum it closes'),
      messages={
          'C106': ('{label}行分值填 {stated}，所合计的分值之和为 {expected}',
                  'the {label} row states {stated} points; the caps it closes add up to {expected}'),
          'C106.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_stated_cap_totals(wb: Workbook, ctx: Context):
    if wb.indicators is None:
        return
    for s in wb.indicators.sums:
        if s.cap is None or s.cap.num is None:
            continue
        expected = closed_caps(wb, ctx, s)
        if expected is not None and not s.cap.num.agrees(expected):
            yield ctx.finding("C106", s.cap.ref, label=SUM_LABELS[s.kind], stated=s.cap.num.value,
                              expected=expected)
