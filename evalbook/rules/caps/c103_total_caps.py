"""C103: all caps (indicators + budget execution) ≠ the profile's total. Doc: c103_total_caps.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("C103", "error",
      title=('全部分值（指标 + 预算执行率）≠ 方案总分',
         "all caps (indicators + budget execution) ≠ the profile's total"),
      messages={
          'C103': ('全部分值合计 {stated}（指标 {leaves} + 预算执行率 {budget}），方案 {profile} 要求 {expected}',
                  'all caps add up to {stated} (indicators {leaves} + budget execution {budget}); profile {profile} wants {expected}'),
          'C103.fix': ('调整 {where} 所在列的分值，使全部分值合计为 {expected}', 'adjust the caps in the column of {where} so that all caps add up to {expected}'),
      })
def check_total_caps(wb: Workbook, ctx: Context):
    ind = wb.indicators
    if ind is None:
        return
    d = ctx.derived
    budget = d.budget_cap or 0.0
    total = d.leaf_cap_sum + budget
    if abs(total - ctx.profile.total) > 1e-6:
        cap_col = ind.columns.get("cap")
        from evalbook.model.workbook import Ref

        ref = Ref(ind.sheet, ind.columns.header_row, cap_col) if cap_col else None
        yield ctx.finding("C103", ref, stated=total, expected=ctx.profile.total, leaves=num(d.leaf_cap_sum),
                          budget=num(budget), profile=ctx.profile.name)
