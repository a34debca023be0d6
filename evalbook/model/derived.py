"""Figures derived from a workbook: sums, budget execution, the computed total and grade,
剩余资金 and the paid share.

Rules compare stated figures to these, and annotate writes a formula only where the spreadsheet
will compute the same figure, so both must take them from here and nowhere else: a change to
the arithmetic then changes the finding and the formula together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evalbook.model.interval import round_half_up
from evalbook.model.workbook import Field, Indicators, Leaf, StatedSum, Tier1, Tier2, Workbook


def val(f: Field | None) -> float | None:
    return None if f is None or f.num is None else f.num.value


def tier2_cap(t2: Tier2) -> float:
    """A tier-2's cap: declared, else the sum of its leaves'."""
    if t2.cap is not None and t2.cap.num is not None:
        return t2.cap.num.value
    return sum(val(leaf.cap) or 0.0 for leaf in t2.leaves)


def tier1_cap(t1: Tier1) -> float:
    """A tier-1's cap: declared, else the sum of its tier-2 caps (each declared or summed)."""
    if t1.cap is not None and t1.cap.num is not None:
        return t1.cap.num.value
    return sum(tier2_cap(t2) for t2 in t1.tier2s)


def leaves_sum(leaves: list[Leaf], what: str) -> float | None:
    """The sum of the leaves' stated caps or scores (*what*: "cap" or "score"); None when no
    leaf states a number, which a sum of nothing (0) would hide."""
    numbers = [f.num.value for leaf in leaves
               if (f := getattr(leaf, what)) is not None and f.num is not None and f.num.value is not None]
    return float(sum(numbers)) if numbers else None


def closed_leaves(ind: Indicators, s: StatedSum) -> list[Leaf] | None:
    """The leaves a 小计/指标合计/总分 row closes: a subtotal its tier-1 block's, the others every
    leaf; None for a subtotal whose block is not found."""
    if s.kind != "subtotal":
        return ind.leaves
    blocks = [t1 for t1 in ind.tier1s if t1.name == s.tier1]
    return blocks[0].leaves if blocks else None


def score_rate(score: Field | None, cap: Field | None) -> float | None:
    """得分率 = 得分 / 分值, when the score is a number and the cap a number other than 0."""
    s, c = val(score), val(cap)
    return s / c if s is not None and c else None


@dataclass
class Derived:
    leaf_cap_sum: float = 0.0
    leaf_score_sum: float = 0.0
    total_cap_sum: float = 0.0  # leaf caps + the budget-execution cap: what a 总分 row's cap closes
    # Budget execution: where it is stated, what it computes to
    budget_source: str | None = None  # "funds" or "indicators"
    budget_cap: float | None = None
    budget_cap_field: Field | None = None
    budget: Field | None = None
    executed: Field | None = None
    budget_rate: float | None = None  # 全年执行数 / 全年预算数
    budget_rate_field: Field | None = None  # the stated rate
    budget_score: float | None = None  # by the profile's formula, 2 decimals
    budget_score_field: Field | None = None  # the stated score
    computed_total: float | None = None
    # leaf scores + budget-execution score (computed, else stated), before rounding to computed_total
    total_score_sum: float | None = None
    # What a stated total must be: leaves + stated budget score (computed when none), each score
    # above its cap counted at its cap: that score is wrong too (P101), and is fixed to its cap
    # in the same round, so the total that fits then is the one to ask for now.
    expected_claim: float | None = None
    over_cap: list = field(default_factory=list)  # the leaves counted at their cap in expected_claim
    grade: str | None = None
    # The total the form claims: 自评得分 on the project sheet, else the 总分 row's score
    # (the MoF grid has no 自评得分 field).
    claimed_total: Field | None = None
    # What the unit itself claimed: claimed_total's value, or, where `annotate --fix` replaced
    # that cell by its formula, the figure the workbook's records say it held (P109).
    original_claim: float | None = None
    # A Word report whose tables state no total: the one total its text states (None when it
    # states none, or several; "总分100分" is the form's full mark, not a claim).
    claim_in_text: float | None = None
    # 剩余资金 (workbook.md): 项目总投资 − 累计支付, else 全年预算数 − 全年执行数 where either of
    # the first two is not a number. remaining_from is the (minuend, subtrahend) pair of fields
    # it is taken from, "investment" or "budget" in remaining_source; where neither pair holds
    # two numbers but both investment fields exist, that pair with remaining None.
    remaining_source: str | None = None
    remaining_from: tuple[Field, Field] | None = None
    remaining: float | None = None
    paid_share: float | None = None  # 累计支付 / 合同金额, when the contract is a number other than 0
    payments_sum: float | None = None  # every listed payment's amount; None when none is a number


def budget_score(cap: float, rate: float, profile) -> float:
    """The profile's budget-execution score: cap × min(rate, 1) (or cap × rate), 2 decimals."""
    r = min(rate, 1.0) if profile.budget_formula == "capped" else rate
    return round_half_up(cap * r, 2)


def derive(wb: Workbook, profile) -> Derived:
    d = Derived()
    ind = wb.indicators
    if ind is not None:
        d.leaf_cap_sum = leaves_sum(ind.leaves, "cap") or 0.0
        d.leaf_score_sum = leaves_sum(ind.leaves, "score") or 0.0

    funds = wb.project.funds if wb.project else None
    total = funds.total if funds else None
    row = ind.budget_rows[0] if ind is not None and ind.budget_rows else None

    def first_stated(*fields):
        # The funds block first; a 预算执行率 row on the indicator sheet where the block is blank.
        for f in fields:
            if val(f) is not None:
                return f
        return next((f for f in fields if f is not None), None)

    if total is not None and (val(total.budget) is not None or val(total.executed) is not None
                              or val(total.cap) is not None or val(total.score) is not None):
        d.budget_source = "funds"
        d.budget, d.executed = total.budget, total.executed
        d.budget_cap_field = first_stated(total.cap, row.cap if row else None)
        d.budget_rate_field = first_stated(total.rate, row.rate if row else None)
        d.budget_score_field = first_stated(total.score, row.score if row else None)
    elif row is not None:
        d.budget_source = "indicators"
        d.budget_cap_field, d.budget_rate_field, d.budget_score_field = row.cap, row.rate, row.score
    d.budget_cap = val(d.budget_cap_field)
    b, e = val(d.budget), val(d.executed)
    if b is not None and e is not None and b > 0:
        d.budget_rate = e / b
    elif d.budget_source == "indicators":
        d.budget_rate = val(d.budget_rate_field)
        if d.budget_rate is None and ind is not None:
            row = ind.budget_rows[0]
            d.budget_rate = val(row.actual)
    if d.budget_cap is None and d.budget_rate is not None and d.budget_source == "funds":
        # workbook.md: the block's cap is the budget-execution weight, the profile's by default.
        # Only where a rate exists: a block with no figures to score stays unscored (P108).
        d.budget_cap = profile.budget_cap
    if d.budget_cap is not None and d.budget_rate is not None:
        d.budget_score = budget_score(d.budget_cap, d.budget_rate, profile)
    d.total_cap_sum = d.leaf_cap_sum + (d.budget_cap or 0.0)

    claimed = wb.project.claimed_total if wb.project else None
    if val(claimed) is None and ind is not None:
        totals = [t.score for t in ind.sums if t.kind == "total" and val(t.score) is not None]
        claimed = totals[0] if totals else claimed
    d.claimed_total = claimed
    d.original_claim = val(claimed)
    if claimed is None and wb.narrative is not None:
        said = {st.num.value for st in wb.narrative.of("total")
                if st.num is not None and not (st.word == "总分" and st.num.value == profile.total)}
        d.claim_in_text = said.pop() if len(said) == 1 else None
    if claimed is not None:
        for c in wb.corrections:
            if c.ref == claimed.ref and val(c.claimed) is not None:
                d.original_claim = val(c.claimed)

    stated_budget = val(d.budget_score_field)
    if ind is not None or d.budget_source:
        budget_part = d.budget_score if d.budget_score is not None else (stated_budget or 0.0)
        d.total_score_sum = d.leaf_score_sum + budget_part
        d.computed_total = round_half_up(d.total_score_sum, 2)
        claim_part = stated_budget if stated_budget is not None else (d.budget_score or 0.0)
        if stated_budget is not None and d.budget_cap is not None and stated_budget > d.budget_cap:
            claim_part = d.budget_cap
        d.over_cap = [leaf for leaf in (ind.leaves if ind is not None else [])
                      if val(leaf.score) is not None and val(leaf.cap) is not None and val(leaf.cap) > 0
                      and val(leaf.score) > val(leaf.cap)]
        over = sum(val(leaf.score) - val(leaf.cap) for leaf in d.over_cap)
        d.expected_claim = d.leaf_score_sum - over + claim_part
        d.grade = profile.grade(d.computed_total)
    _derive_money(wb, d)
    return d


def _derive_money(wb: Workbook, d: Derived) -> None:
    """剩余资金, the paid share and the payments' sum (workbook.md)."""
    p = wb.project
    money = {k: m.value for k, m in p.money.items()} if p is not None else {}
    ti, paid, contract = money.get("total_investment"), money.get("cumulative_paid"), money.get("contract")
    total = p.funds.total if p is not None and p.funds is not None else None
    if val(ti) is not None and val(paid) is not None:
        d.remaining_source, d.remaining_from = "investment", (ti, paid)
    elif total is not None and val(total.budget) is not None and val(total.executed) is not None:
        d.remaining_source, d.remaining_from = "budget", (total.budget, total.executed)
    elif ti is not None and paid is not None:
        # nothing to compute yet: annotate still writes the formula into a blank 剩余资金
        d.remaining_source, d.remaining_from = "investment", (ti, paid)
    if d.remaining_from is not None:
        minuend, subtrahend = (val(f) for f in d.remaining_from)
        if minuend is not None and subtrahend is not None:
            d.remaining = minuend - subtrahend
    if val(paid) is not None and val(contract):
        d.paid_share = val(paid) / val(contract)
    if wb.payments is not None:
        amounts = [val(r.amount) for r in wb.payments.rows]
        numbers = [v for v in amounts if v is not None]
        d.payments_sum = float(sum(numbers)) if numbers else None
