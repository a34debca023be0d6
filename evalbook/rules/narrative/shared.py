"""What the N rules share: each statement of the report's text paired with the table figure it
is compared against (spec: workbook.md "Word reports", rules.md N101–N105).

A pair is made only where the table holds the figure; N105 says so when no pair was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evalbook.model.derived import val
from evalbook.model.interval import Interval
from evalbook.model.narrative import IN_WAN
from evalbook.model.values import read_grade
from evalbook.model.workbook import Workbook
from evalbook.rules import Context

QUOTE_CHARS = 80


@dataclass
class Pair:
    statement: Any  # evalbook.model.narrative.Statement
    agrees: bool
    expected: float | str | None = None
    variant: str = ""  # the message variant ("" for the rule's own)
    params: dict = field(default_factory=dict)


def same(a: Interval, b: Interval) -> bool:
    """Two stated figures can be one value: their rounding intervals share more than an end.

    Both were rounded half up, so each interval holds its lower end and not its upper one:
    96% ([95.5%, 96.5%)) and 97% ([96.5%, 97.5%)) cannot be the same rate, whereas 98 and 97.6
    can (97.6 written as 98)."""
    slack = 1e-9 * max(1.0, abs(a.lo), abs(a.hi), abs(b.lo), abs(b.hi))
    return a.lo < b.hi - slack and b.lo < a.hi - slack


def quote(sentence: str) -> str:
    s = " ".join(sentence.split())
    return s if len(s) <= QUOTE_CHARS else s[:QUOTE_CHARS - 1] + "…"


def statements(wb: Workbook, kind: str) -> list:
    return wb.narrative.of(kind) if wb.narrative is not None else []


def total_pairs(wb: Workbook, ctx: Context) -> list[Pair]:
    """自评得分 sentences against the table's claimed total, else (when it states none) the
    computed total. A bare 总分 of the profile's total (总分100分) is the form's cap, not a claim."""
    d = ctx.derived
    claimed = d.claimed_total
    out = []
    for st in statements(wb, "total"):
        if st.num is None or (st.word == "总分" and abs(st.num.value - ctx.profile.total) < 1e-9):
            continue
        if val(claimed) is not None:
            out.append(Pair(st, same(st.num.stated, claimed.num.stated), claimed.num.value))
        elif d.total_score_sum is not None and wb.indicators is not None:
            no_budget = d.budget_score is None and val(d.budget_score_field) is None
            out.append(Pair(st, st.num.agrees(d.total_score_sum), d.computed_total,
                            "computed.no_budget" if no_budget else "computed"))
    return out


def funds_pairs(wb: Workbook, ctx: Context) -> list[Pair]:
    """预算执行率 against the stated rate (or the rate 全年执行数 / 全年预算数 gives), and
    全年预算数 / 全年执行数 against the funds block, the text's unit converted to the table's."""
    d = ctx.derived
    out = []
    stated_rate = d.budget_rate_field if val(d.budget_rate_field) is not None else None
    for st in statements(wb, "rate"):
        if st.num is None or (stated_rate is None and d.budget_rate is None):
            continue
        agrees = (stated_rate is not None and same(st.num.stated, stated_rate.num.stated)) or \
                 (d.budget_rate is not None and st.num.agrees(d.budget_rate))
        expected = stated_rate.num.value if stated_rate is not None else d.budget_rate
        out.append(Pair(st, agrees, expected, "rate"))
    unit = wb.project.money_unit if wb.project is not None else "万元"
    for kind, fld in (("budget", d.budget), ("executed", d.executed)):
        if d.budget_source != "funds" or val(fld) is None:
            continue
        for st in statements(wb, kind):
            if st.num is None or st.unit not in IN_WAN:
                continue
            factor = IN_WAN[st.unit] / IN_WAN.get(unit, 1.0)
            said = Interval(st.num.stated.lo * factor, st.num.stated.hi * factor)
            out.append(Pair(st, same(said, fld.num.stated), fld.num.value, kind,
                            {"said": f"{_shown(st.num)}{st.unit}", "unit": unit,
                             "converted": _plain(st.num.value * factor)}))
    return out


def grade_pairs(wb: Workbook, ctx: Context) -> list[Pair]:
    """A grade the text states against the table's 自评等级, else the grade of the total the
    table claims, else of the computed total (as its cell would show it: 89.995 accepts 优)."""
    d, prof = ctx.derived, ctx.profile
    stated = read_grade(wb.project.claimed_grade.raw) if wb.project and wb.project.claimed_grade else None
    accepted: set[str] = set()
    basis = ""
    if stated is not None:
        accepted, basis = {stated}, "stated"
    elif val(d.claimed_total) is not None:
        iv = d.claimed_total.num.stated
        accepted = {prof.grade(iv.lo), prof.grade(d.claimed_total.num.shown)}
        basis = "claimed"
    elif d.computed_total is not None and wb.indicators is not None:
        accepted, basis = {prof.grade(d.computed_total)}, "computed"
    if not accepted:
        return []
    total = val(d.claimed_total) if basis == "claimed" else d.computed_total
    expected = stated if basis == "stated" else prof.grade(total)
    return [Pair(st, st.grade in accepted, expected, basis, {"total": _plain(total)})
            for st in statements(wb, "grade")]


def indicator_pairs(wb: Workbook, ctx: Context) -> list[Pair]:
    """An indicator's figure in the text against its 实际完成值: only for a name that matches
    one indicator row, an actual that is one plain number, and units that agree."""
    out = []
    for st in statements(wb, "indicator"):
        if len(st.leaves) != 1 or st.num is None:
            continue
        leaf = st.leaves[0]
        actual = leaf.actual.num if leaf.actual is not None else None
        if actual is None or actual.op is not None:
            continue
        if not _same_unit(st, leaf, actual):
            continue
        said = st.num
        agrees = same(said.stated, actual.stated)
        if said.percent != actual.percent:
            # 98% said of an actual written 98 (its unit column says %), or the other way round
            scale = 100.0 if said.percent else 0.01
            agrees = agrees or same(Interval(said.stated.lo * scale, said.stated.hi * scale), actual.stated)
        out.append(Pair(st, agrees, actual.value, "", {"name": leaf.name, "actual": str(leaf.actual.raw).strip()}))
    return out


def _same_unit(st, leaf, actual) -> bool:
    said = st.unit
    theirs = leaf.unit or actual.unit or ("%" if actual.percent else None)
    money = ("元", "万元", "亿元", "万", "亿")
    if said in money or (said and said[0] in "万亿元"):
        return bool(theirs) and theirs.lstrip("(（").startswith(said[0])
    if said and theirs and said != "%" and not theirs.lstrip("(（").startswith(said[0]):
        return False
    return True


def all_pairs(wb: Workbook, ctx: Context) -> list[Pair]:
    return total_pairs(wb, ctx) + funds_pairs(wb, ctx) + grade_pairs(wb, ctx) + indicator_pairs(wb, ctx)


def _shown(n) -> str:
    if n.percent:
        return f"{n.value * 100:.{max(n.decimals - 2, 0)}f}%"
    return f"{n.value:.{max(n.decimals, 0)}f}"


def _plain(x) -> str:
    from evalbook.model.values import num

    return num(x, 4)


def said_wan(said) -> Interval:
    """A money figure the text states (evalbook.model.narrative.Said), as the interval its
    shown decimals allow, in 万元."""
    factor = IN_WAN.get(said.unit or "", 1.0)
    iv = said.num.stated
    return Interval(iv.lo * factor, iv.hi * factor)


def money(said) -> str:
    """A stated amount as the text wrote it: 36.92万元."""
    return f"{_shown(said.num)}{said.unit or ''}"


def plain(x) -> str:
    return _plain(x)


def arithmetic(wb: Workbook, what: str) -> list:
    """The narrative's arithmetic facts of one kind (Narrative.shares, .remainders …)."""
    return list(getattr(wb.narrative, what)) if wb.narrative is not None else []
