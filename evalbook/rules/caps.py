"""C rules: caps (分值) — tiers that add up, totals that match the profile."""

from __future__ import annotations

from evalbook.rules import Context
from evalbook.rules import rule
from evalbook.model.derived import val
from evalbook.messages import num
from evalbook.model.workbook import Tier1, Tier2, Workbook


def tier2_cap(t2: Tier2) -> float:
    """A tier-2's cap: declared, else the sum of its leaves'."""
    if t2.cap is not None and t2.cap.num is not None:
        return t2.cap.num.value
    return sum(val(leaf.cap) or 0.0 for leaf in t2.leaves)


def tier1_cap(t1: Tier1) -> float:
    if t1.cap is not None and t1.cap.num is not None:
        return t1.cap.num.value
    return sum(tier2_cap(t2) for t2 in t1.tier2s)


def _label(text: str) -> str:
    return text.replace("\n", "").strip()


@rule("C101", "error")
def check_tier2_caps(wb: Workbook, ctx: Context):
    """A tier-2's declared cap (in its label, e.g. 数量指标（12）, or on its header row) is not the
    sum of its tier-3 caps.

    The declared cap is what the reviewer reads as the weight of the tier; leaves that add up
    to something else mean points were moved without the weight being changed, or a row was lost.

    Example: 数量指标（12） over four leaves of 2 points each (8).

    Fix: make the leaves' caps add up to the declared cap, or correct the declared cap.
    """
    if wb.indicators is None:
        return
    for t1 in wb.indicators.tier1s:
        for t2 in t1.tier2s:
            if t2.cap is None or t2.cap.num is None or not t2.leaves:
                continue
            total = sum(val(leaf.cap) or 0.0 for leaf in t2.leaves)
            if not t2.cap.num.agrees(total):
                yield ctx.finding("C101", t2.cap.ref, name=_label(t2.label), stated=t2.cap.num.value,
                                  expected=total)


@rule("C102", "error")
def check_tier1_caps(wb: Workbook, ctx: Context):
    """A tier-1's declared cap (产出（50）) is not the sum of its tier-2 caps (each tier-2's
    declared cap, or the sum of its leaves where it declares none).

    The tier-1 weights are fixed by the profile; tier-2s that add up to more or less mean the
    table's weights do not hold.

    Example: 产出（50） over 数量（12）+ 质量（10）+ 时效（12）+ 成本（20） = 54.

    Fix: correct the tier-2 caps (and their leaves) so that they add up to the tier-1 cap.
    """
    if wb.indicators is None:
        return
    for t1 in wb.indicators.tier1s:
        if t1.cap is None or t1.cap.num is None or not t1.tier2s:
            continue
        caps = [tier2_cap(t2) for t2 in t1.tier2s]
        total = sum(caps)
        if not t1.cap.num.agrees(total):
            parts = " + ".join(num(c) for c in caps)
            yield ctx.finding("C102", t1.cap.ref, name=_label(t1.label), stated=t1.cap.num.value,
                              expected=total, parts=parts)


@rule("C103", "error")
def check_total_caps(wb: Workbook, ctx: Context):
    """All caps — the indicator leaves plus budget execution — do not add up to the profile's
    total (100 under mof2020).

    A form whose caps do not add up to 100 cannot yield a score on the 100-point scale the
    grades are set on.

    Fix: adjust the caps (and the budget-execution 分值) so that they total 100.
    """
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


@rule("C104", "warning")
def check_profile_weights(wb: Workbook, ctx: Context):
    """A tier-1's cap differs from the weight the profile gives it (mof2020: 产出 50, 效益 30,
    满意度 10, 预算执行率 10).

    Offices weigh differently; a profile file states an office's own weights, and this warning
    says the form departs from the one chosen. A profile with free indicator weights (free10,
    budget20) still fixes the budget-execution cap, which is checked under every profile.

    Fix: use the profile's weights, or check with `--profile` set to the office's own.
    """
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
            yield ctx.finding("C104", ref, name=_label(t1.label), stated=cap, expected=w,
                              profile=ctx.profile.name)
    d = ctx.derived
    if d.budget_cap is not None and abs(d.budget_cap - ctx.profile.budget_cap) > 1e-6:
        yield ctx.finding("C104", d.budget_cap_field.ref, name="预算执行率", stated=d.budget_cap,
                          expected=ctx.profile.budget_cap, profile=ctx.profile.name)


@rule("C105", "error")
def check_leaf_caps(wb: Workbook, ctx: Context):
    """A scored tier-3 row has no cap, or a cap of zero or less.

    A score without a cap cannot be judged, and a zero cap makes the 得分率 undefined.

    Fix: give the indicator its cap (分值).
    """
    if wb.indicators is None:
        return
    for leaf in wb.indicators.leaves + wb.indicators.orphans:
        cap = leaf.cap
        if cap is None or cap.bad:
            continue  # no cap column is S102's; text in it is S103's
        if cap.num is None:
            yield ctx.finding("C105", cap.ref, "C105.missing", name=leaf.name)
        elif cap.num.value <= 0:
            yield ctx.finding("C105", cap.ref, "C105.nonpositive", name=leaf.name, stated=cap.num.value)


def _closed_caps(wb: Workbook, ctx: Context, s) -> float | None:
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


SUM_LABELS = {"subtotal": "小计", "indicators": "指标合计", "total": "总分"}


@rule("C106", "error")
def check_stated_cap_totals(wb: Workbook, ctx: Context):
    """A stated cap total — a 小计, 指标合计 or 总分 row — is not the sum of the caps it closes.

    Reviewers read the totals first; a total that does not match its rows hides where the
    points went.

    Fix: make the row's 分值 the sum of the rows above it (annotate writes it as a SUM formula).
    """
    if wb.indicators is None:
        return
    for s in wb.indicators.sums:
        if s.cap is None or s.cap.num is None:
            continue
        expected = _closed_caps(wb, ctx, s)
        if expected is not None and not s.cap.num.agrees(expected):
            yield ctx.finding("C106", s.cap.ref, label=SUM_LABELS[s.kind], stated=s.cap.num.value,
                              expected=expected)
