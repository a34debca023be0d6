"""What several caps rules use."""

from __future__ import annotations

from evalbook.model.derived import closed_leaves, leaves_sum, val
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
    leaves = closed_leaves(wb.indicators, s)
    if leaves is None:
        return None
    if s.kind == "total":
        return ctx.derived.total_cap_sum
    return leaves_sum(leaves, "cap") or 0.0

