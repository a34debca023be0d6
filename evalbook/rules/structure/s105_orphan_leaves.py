"""S105: leaf row with no tier-1 or tier-2 name after fill-down. Doc: s105_orphan_leaves.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("S105", "error",
      title=('三级指标行向上填充后仍没有一级或二级指标',
         'leaf row with no tier-1 or tier-2 name after fill-down'),
      messages={
          'S105': ('三级指标“{name}”没有{missing}（合并单元格向上填充后仍为空）：请在 {where} 填写{missing}',
                  'leaf “{name}” has no {missing_en} (blank even after fill-down): enter it in {where}'),
      })
def check_orphan_leaves(wb: Workbook, ctx: Context):
    if wb.indicators is None:
        return
    for leaf in wb.indicators.orphans:
        missing, missing_en = ("一级指标", "tier-1 name") if leaf.tier1 is None else ("二级指标", "tier-2 name")
        ref = leaf.blank_tier_ref or leaf.name_ref  # the blank tier cell, where the name belongs
        yield ctx.finding("S105", ref, name=leaf.name, missing=missing, missing_en=missing_en, where=str(ref))
