"""What several points rules use."""

from __future__ import annotations

from evalbook.model.derived import tier1_cap, tier2_cap, val
from evalbook.model.workbook import Workbook
from evalbook.rules import Context


EPS = 1e-9


def scored_items(wb: Workbook, ctx: Context):
    """(what, score field, cap value) for leaves, declared tiers and budget execution."""
    ind = wb.indicators
    if ind is not None:
        for leaf in ind.leaves + ind.orphans:
            yield f"“{leaf.name}”", leaf.score, val(leaf.cap)
        for t1 in ind.tier1s:
            if t1.score is not None:
                yield f"“{t1.label}”", t1.score, tier1_cap(t1)
            for t2 in t1.tier2s:
                if t2.score is not None:
                    yield f"“{t2.label}”", t2.score, tier2_cap(t2)
    d = ctx.derived
    if d.budget_score_field is not None:
        yield "预算执行率", d.budget_score_field, d.budget_cap

