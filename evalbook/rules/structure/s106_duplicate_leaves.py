"""S106: the same tier-3 name twice under one tier-2. Doc: s106_duplicate_leaves.md beside this file."""

from __future__ import annotations

from evalbook.model.values import normalize
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("S106", "warning",
      title=('同一二级指标下三级指标重名',
         'the same tier-3 name twice under one tier-2'),
      messages={
          'S106': ('“{tier2}”下三级指标“{name}”重复出现（另见第 {other} 行）',
                  'tier-3 “{name}” appears twice under “{tier2}” (also row {other})'),
      })
def check_duplicate_leaves(wb: Workbook, ctx: Context):
    if wb.indicators is None:
        return
    for t1 in wb.indicators.tier1s:
        for t2 in t1.tier2s:
            seen: dict[str, int] = {}
            for leaf in t2.leaves:
                key = normalize(leaf.name)  # 全角/半角 and spaces do not make a new name
                if key in seen:
                    yield ctx.finding("S106", leaf.name_ref, name=leaf.name, tier2=t2.label.replace("\n", ""),
                                      other=seen[key])
                else:
                    seen[key] = leaf.row
