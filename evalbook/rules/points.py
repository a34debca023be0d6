"""P rules: points (得分) — scores within caps, sums and totals that match, the grade."""

from __future__ import annotations

from evalbook.rules import Context
from evalbook.rules import rule
from evalbook.rules.caps import SUM_LABELS, tier1_cap, tier2_cap
from evalbook.model.derived import val
from evalbook.messages import num
from evalbook.model.workbook import Workbook

_EPS = 1e-9


def _scored_items(wb: Workbook, ctx: Context):
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


@rule("P101", "error")
def check_score_above_cap(wb: Workbook, ctx: Context):
    """A score is above its cap: a tier-3 leaf, a declared tier, or budget execution.

    No indicator can earn more than it weighs; a score above the cap inflates the total.

    Example: 分值 5, 得分 6.

    Fix: lower the score to at most the cap (annotate adds a live check that flags it in Excel).
    """
    for what, score, cap in _scored_items(wb, ctx):
        s = val(score)
        if s is not None and cap is not None and s > cap + _EPS * max(1, abs(cap)):
            yield ctx.finding("P101", score.ref, what=what, stated=s, expected=cap)


@rule("P102", "error")
def check_negative_score(wb: Workbook, ctx: Context):
    """A score is negative.

    Scores run from 0 to the cap; a negative one is a typing slip or a deduction written as
    a score.

    Fix: write the points earned (0 at the least) and explain deductions in 偏差原因.
    """
    for what, score, _cap in _scored_items(wb, ctx):
        s = val(score)
        if s is not None and s < 0:
            yield ctx.finding("P102", score.ref, what=what, stated=s)


@rule("P103", "error")
def check_stated_score_sums(wb: Workbook, ctx: Context):
    """A stated tier or subtotal score (a tier header row's 得分, a 小计 or 指标合计 row) is not
    the sum of the leaf scores it covers.

    Stated sums are what reviewers add up; one that disagrees with its rows means a row was
    changed and the sum was not.

    Fix: make it the sum of its rows (annotate writes a SUM formula there).
    """
    ind = wb.indicators
    if ind is None:
        return
    for t1 in ind.tier1s:
        for t2 in t1.tier2s:
            if t2.score is not None and t2.score.num is not None and t2.leaves:
                total = sum(val(leaf.score) or 0.0 for leaf in t2.leaves)
                if not t2.score.num.agrees(total):
                    yield ctx.finding("P103", t2.score.ref, label=f"“{t2.label}”", stated=t2.score.num.value,
                                      expected=total)
        if t1.score is not None and t1.score.num is not None and t1.leaves:
            total = sum(val(leaf.score) or 0.0 for leaf in t1.leaves)
            if not t1.score.num.agrees(total):
                yield ctx.finding("P103", t1.score.ref, label=f"“{t1.label}”", stated=t1.score.num.value,
                                  expected=total)
    for s in ind.sums:
        if s.kind == "total" or s.score is None or s.score.num is None:
            continue
        if s.kind == "subtotal":
            blocks = [t1 for t1 in ind.tier1s if t1.name == s.tier1]
            if not blocks:
                continue
            total = sum(val(leaf.score) or 0.0 for leaf in blocks[0].leaves)
        else:
            total = ctx.derived.leaf_score_sum
        if not s.score.num.agrees(total):
            yield ctx.finding("P103", s.score.ref, label=SUM_LABELS[s.kind], stated=s.score.num.value,
                              expected=total)


@rule("P104", "error")
def check_total_score(wb: Workbook, ctx: Context):
    """A stated total score — the 总分 row or the project's 自评得分 — is not the leaf scores
    plus the budget-execution score (the stated one; the computed one where none is stated).

    The claimed total decides the grade and is what goes upstream; it must be the sum of what
    the table scores.

    Example: 自评得分 98 over leaves scoring 90 and no budget-execution score.

    Fix: correct the total (annotate writes it as a formula and keeps the old value in a comment).
    """
    d = ctx.derived
    if d.expected_claim is None:
        return
    stated_budget = val(d.budget_score_field)
    budget = stated_budget if stated_budget is not None else d.budget_score
    targets = []
    if wb.indicators is not None:
        targets += [(SUM_LABELS["total"] + "行", s.score) for s in wb.indicators.sums if s.kind == "total"]
    if wb.project is not None and wb.project.claimed_total is not None:
        targets.append(("自评得分", wb.project.claimed_total))
    for label, f in targets:
        if f is None or f.num is None:
            continue
        if not f.num.agrees(d.expected_claim):
            yield ctx.finding("P104", f.ref, label=label, stated=f.num.value, expected=d.expected_claim,
                              leaves=num(d.leaf_score_sum), budget=num(budget))


def grade_of(text) -> str | None:
    """The grade a cell states: 优/良/中/差, also 优秀/良好/合格(中)/不合格(差)."""
    if text is None:
        return None
    s = str(text).strip()
    for word, g in (("不合格", "差"), ("优", "优"), ("良", "良"), ("中", "中"), ("合格", "中"),
                    ("及格", "中"), ("差", "差")):
        if s.startswith(word):
            return g
    return None


@rule("P105", "error")
def check_grade(wb: Workbook, ctx: Context):
    """The stated grade (自评等级) is not the grade the profile gives the computed total
    (mof2020: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below).

    The grade is read straight off the total; a grade that does not follow from it is either a
    typing slip or a total that was changed after the grade was written.

    Fix: write the grade that follows from the computed total (annotate writes it as a formula).
    """
    p, d = wb.project, ctx.derived
    if p is None or p.claimed_grade is None or p.claimed_grade.blank or d.grade is None:
        return
    stated = grade_of(p.claimed_grade.raw)
    if stated != d.grade:
        yield ctx.finding("P105", p.claimed_grade.ref, stated_grade=str(p.claimed_grade.raw).strip(),
                          expected_grade=d.grade, total=num(d.computed_total))


@rule("P106", "error")
def check_score_rates(wb: Workbook, ctx: Context):
    """A stated 得分率 is not 得分 / 分值 (rounding at the shown decimals is allowed).

    The rate is what a reader scans for weak indicators; one that disagrees with the score
    points at the wrong row.

    Fix: make it 得分/分值 (annotate writes it as a formula).
    """
    ind = wb.indicators
    if ind is None:
        return
    rows = [(leaf.rate, val(leaf.score), val(leaf.cap)) for leaf in ind.leaves]
    for s in ind.sums:
        rows.append((s.rate, val(s.score), val(s.cap)))
    for rate, score, cap in rows:
        if rate is None or rate.num is None or score is None or not cap:
            continue
        expected = score / cap
        if not rate.num.agrees(expected):
            yield ctx.finding("P106", rate.ref, stated=rate.num.value, expected=expected, percent=True)


@rule("P107", "error")
def check_missing_score(wb: Workbook, ctx: Context):
    """A tier-3 row has a cap but no score.

    An unscored indicator silently counts as zero in every total.

    Fix: score it (0 if nothing was achieved, with the reason in 偏差原因).
    """
    ind = wb.indicators
    if ind is None:
        return
    for leaf in ind.leaves + ind.orphans:
        if leaf.cap is not None and leaf.cap.num is not None and leaf.score is not None and leaf.score.blank:
            yield ctx.finding("P107", leaf.score.ref, name=leaf.name, cap=num(leaf.cap.num.value))


@rule("P108", "warning")
def check_budget_score_present(wb: Workbook, ctx: Context):
    """No budget-execution score anywhere: neither the funds block nor a 预算执行率 row gives
    one, and it cannot be computed (no 全年预算数, 全年执行数 and 分值).

    Budget execution is part of the total under every profile; without it the total cannot be
    checked against the claimed score.

    Fix: fill in 全年预算数, 全年执行数 and 分值 in the funds block.
    """
    d = ctx.derived
    if wb.indicators is None and wb.project is None:
        return
    if d.budget_score is None and val(d.budget_score_field) is None:
        ref = None
        if d.budget_score_field is not None:
            ref = d.budget_score_field.ref
        elif wb.project is not None and wb.project.funds and wb.project.funds.total:
            score = wb.project.funds.total.score
            ref = score.ref if score is not None else wb.project.funds.total.ref
        yield ctx.finding("P108", ref)
