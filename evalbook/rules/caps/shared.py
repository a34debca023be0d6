"""What several caps rules use."""

from __future__ import annotations

from evalbook.model.derived import closed_leaves, leaves_sum
from evalbook.model.workbook import Workbook
from evalbook.rules import Context


def clean_label(text: str) -> str:
    return text.replace("\n", "").strip()


def closed_caps(wb: Workbook, ctx: Context, s) -> float | None:
    leaves = closed_leaves(wb.indicators, s)
    if leaves is None:
        return None
    if s.kind == "total":
        return ctx.derived.total_cap_sum
    return leaves_sum(leaves, "cap") or 0.0

