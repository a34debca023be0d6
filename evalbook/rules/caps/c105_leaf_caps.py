"""C105: a leaf row has no cap, or a cap ≤ 0. Doc: c105_leaf_caps.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("C105", "error",
      title=('三级指标没有分值，或分值 ≤ 0',
         'a leaf row has no cap, or a cap ≤ 0'),
      messages={
          'C105.missing': ('三级指标“{name}”没有分值',
                  'leaf “{name}” has no cap'),
          'C105.nonpositive': ('三级指标“{name}”的分值为 {stated}，应大于 0',
                  'leaf “{name}” has a cap of {stated}; it must be above 0'),
      })
def check_leaf_caps(wb: Workbook, ctx: Context):
    if wb.indicators is None:
        return
    for leaf in wb.indicators.leaves + wb.indicators.orphans:
        cap = leaf.cap
        if cap is None or cap.bad:
            continue  # no cap column is S102's; text in it is S103's
        if cap.num is None:
            yield ctx.finding("C105", cap.ref, "C105.missing", name=leaf.name)
        elif cap.num.value <= 0:
            yield ctx.finding("C105", cap.ref, "C105.nonpositive", name=leaf.name, stated=cap.num.value)
