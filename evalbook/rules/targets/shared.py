"""What several targets rules use."""

from __future__ import annotations

from evalbook.model import scoring as S
from evalbook.model.values import num, pct
from evalbook.model.workbook import Leaf, Workbook


EPS = 1e-9


def checked_leaves(wb: Workbook) -> list[Leaf]:
    ind = wb.indicators
    return [] if ind is None else ind.leaves + ind.orphans


def leaf_cap(leaf: Leaf) -> float | None:
    n = leaf.cap.num if leaf.cap is not None else None
    return n.value if n is not None and n.value > 0 else None


def leaf_score(leaf: Leaf):
    return leaf.score.num if leaf.score is not None else None


def show_quantity(q: S.Quantity) -> str:
    if q.percent:
        return pct(q.value, max(0, q.decimals - 2))
    return num(q.value, max(2, q.decimals)) + (q.unit or "")


def clean_float(x: float) -> float:
    """95 × 0.01 reported as 0.95, not 0.9500000000000001."""
    return round(x, 10)


OPS = {S.POSITIVE: "≥", S.REVERSE: "≤", S.EQUAL: "="}


RULE_NAMES = {S.POSITIVE: "positive", S.EQUAL: "equal", S.REVERSE: "reverse"}
