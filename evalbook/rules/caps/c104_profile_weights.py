"""C104: a tier-1's cap ≠ the profile's weight for it. Doc: c104_profile_weights.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules.caps.shared import clean_label
from evalbook.model.derived import tier1_cap
from evalbook.rules import Context, rule


@rule("C104", "warning",
      title=('一级指标分值 ≠ 方案规定的权重',
         "a tier-1's cap ≠ the profile's weight for it"),
      messages={
          'C104': ('一级指标“{name}”分值为 {stated}，方案 {profile} 规定为 {expected}',
                  'tier-1 “{name}” has {stated} points; profile {profile} gives it {expected}'),
      })
def check_profile_weights(wb: Workbook, ctx: Context):
    ind = wb.indicators
    weights = ctx.profile.weights or {}  # free weights: only budget execution has a fixed cap
    if ind is None:
        return
    for t1 in ind.tier1s:
        w = weights.get(t1.name)
        if w is None:
            continue
        cap = tier1_cap(t1)
        if abs(cap - w) > 1e-6:
            ref = t1.cap.ref if t1.cap is not None else t1.ref
            yield ctx.finding("C104", ref, name=clean_label(t1.label), stated=cap, expected=w,
                              profile=ctx.profile.name)
    d = ctx.derived
    if d.budget_cap is not None and abs(d.budget_cap - ctx.profile.budget_cap) > 1e-6:
        yield ctx.finding("C104", d.budget_cap_field.ref, name="预算执行率", stated=d.budget_cap,
                          expected=ctx.profile.budget_cap, profile=ctx.profile.name)
