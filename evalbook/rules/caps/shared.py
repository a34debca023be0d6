"""What several caps rules use."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules import Context


def tier2_cap(t2: Tier2) -> float:
    """A tier-2's cap: declared, else the sum of its leaves'."""
    if t2.cap is not None and t2.cap.num is not None:
        return t2.cap.num.value
    return sum(val(leaf.cap) or 0.0 for leaf in t2.leaves)


def tier1_cap(t1: Tier1) -> float:
    if t1.cap is not None and t1.cap.num is not None:
        return t1.cap.num.value
    return sum(tier2_cap(t2) for t2 in t1.tier2s)


def clean_label(text: str) -> str:
    return text.replace("\n", "").strip()


def closed_caps(wb: Workbook, ctx: Context, s) -> float | None:
    ind = wb.indicators
    if s.kind == "subtotal":
        blocks = [t1 for t1 in ind.tier1s if t1.name == s.tier1]
        if not blocks:
            return None
        return sum(val(leaf.cap) or 0.0 for leaf in blocks[0].leaves)
    total = ctx.derived.leaf_cap_sum
    if s.kind == "total":
        total += ctx.derived.budget_cap or 0.0
    return total

