"""C107: a tier-1 name the profile does not know. Doc: c107_unknown_tier1.md beside this file."""

from __future__ import annotations

import re

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.caps.shared import clean_label

# Known under every profile: budget execution (weighed by budget_cap) and 成本, which some
# 2021-style forms raise from a 产出 tier-2 to a tier-1 of its own.
ALWAYS_KNOWN = ("预算执行", "成本")
# Tier-1s that only the older 共性指标框架 has: one of them on the form names that framework.
FRAMEWORK2013_MARKS = ("决策", "过程")
# 一、产出指标 / （二）效益 / 3. 满意度: the numbering is not part of the name.
_NUMBERING = re.compile(r"^\s*[（(]?\s*(?:[一二三四五六七八九十]+|\d+)\s*[）)、.．]\s*")


def bare(name: str) -> str:
    return _NUMBERING.sub("", name).strip()


@rule("C107", "warning",
      title=('一级指标名称不在评分方案之内（如旧共性指标框架的“决策”“过程”）',
         'a tier-1 name the profile does not know (e.g. 决策, 过程 of the older 共性指标框架)'),
      messages={
          'C107': ('一级指标“{name}”不在方案 {profile} 之内：表格似乎按旧的共性指标框架（决策/过程/产出/效益）填写，'
                   '请用 --profile {fits} 检查',
                   'tier-1 “{name}” is not one profile {profile} knows: this form seems to follow the older '
                   '共性指标框架 (决策/过程/产出/效益): use --profile {fits}'),
          'C107.other': ('一级指标“{name}”不在方案 {profile} 之内（方案的一级指标：{known}）；'
                         '如本单位另有指标框架，请用 --profile 指定本单位的方案',
                         'tier-1 “{name}” is not one profile {profile} knows (its tier-1s: {known}); '
                         "if the office uses a framework of its own, check with --profile set to the office's profile"),
      })
def check_unknown_tier1(wb: Workbook, ctx: Context):
    ind = wb.indicators
    if ind is None:
        return
    profile = ctx.profile
    known = {*profile.known_tier1s(), *ALWAYS_KNOWN}
    unknown = [t1 for t1 in ind.tier1s if bare(t1.name) and bare(t1.name) not in known]
    if not unknown:
        return
    # The hint names framework2013 only where the profile lacks what marks that framework.
    older = any(bare(t1.name) in FRAMEWORK2013_MARKS for t1 in unknown)
    shown_known = "、".join(profile.known_tier1s())
    for t1 in unknown:
        ref = t1.ref if t1.ref is not None else (t1.cap.ref if t1.cap is not None else None)
        if older:
            yield ctx.finding("C107", ref, name=clean_label(t1.label), profile=profile.name,
                              fits="framework2013", known=shown_known)
        else:
            yield ctx.finding("C107", ref, "C107.other", name=clean_label(t1.label), profile=profile.name,
                              fits="", known=shown_known)
