"""How an indicator is scored: targets and actuals as (operator, number, unit), the nature of
an indicator, qualitative grades, and the profile's scoring rules (spec: rules.md, "Scoring
rules"). The T rules compare stated scores to what this module says the rules give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evalbook.model.interval import Interval
from evalbook.model.workbook import Field, Leaf
from evalbook.model.values import Num, is_blank, normalize, read_number

_EPS = 1e-9

POSITIVE, REVERSE, EQUAL, QUALITATIVE = ">=", "<=", "=", "定性"

FULL, PARTIAL, NONE = "达成", "部分达成", "未达成"

_PERCENT_UNITS = {"%", "百分比", "百分点"}

# Words that open a target, not an actual: `≥95%`, `不少于12种`. 达到 is left out on purpose:
# "达到95%" reports what was reached, it does not set a bound.
_TARGET_WORDS = ("≥", "≤", ">", "<", "=", "≧", "≦", "⩾", "⩽", "═", "≡", "不少于", "不低于", "不小于",
                 "不超过", "不高于", "不大于", "大于等于", "小于等于", "大于", "小于", "高于", "低于",
                 "控制在", "超过")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A target or actual as written: operator (or None), the number, its unit.

    Percents are fractions (95% → 0.95) with `percent` set; `unit` never holds the % sign.
    `decimals` are the shown decimals of `value` (2 more than a percent shows)."""

    op: str | None
    value: float
    unit: str | None
    percent: bool = False
    decimals: int = 0

    @property
    def stated(self) -> Interval:
        """The values that show as written (a measured actual may have been rounded)."""
        return Interval.around(self.value, self.decimals)


def _unit(text: str | None) -> str | None:
    if text is None or is_blank(text):
        return None
    u = normalize(str(text)).strip("()（）")
    return u or None


def quantity(raw: Any, fmt: str | None = None, unit: str | None = None) -> Quantity | None:
    """*raw* (a cell value) as a Quantity, or None when it holds no number.

    *unit* is the row's 度量单位: it applies when the cell writes none, and a unit of `%`
    makes a plain 95 mean 95%."""
    n = raw if isinstance(raw, Num) else read_number(raw, fmt)
    if n is None:
        return None
    return _from_num(n, unit)


def _from_num(n: Num, unit_column: str | None) -> Quantity:
    unit = _unit(n.unit) or _unit(unit_column)
    value, decimals, percent = n.value, n.decimals, n.percent
    if unit in _PERCENT_UNITS:
        unit = None
        if not percent:
            value, decimals, percent = value / 100, decimals + 2, True
    return Quantity(n.op, value, unit, percent, decimals)


def field_quantity(f: Field | None, unit_column: str | None = None) -> Quantity | None:
    if f is None or f.num is None:
        return None
    return _from_num(f.num, unit_column)


def _as_percent(q: Quantity) -> Quantity:
    """A bare number read against a percent: 0.96 is 96%, 96 is 96% too (as in a 率 column)."""
    if abs(q.value) > 2:
        return Quantity(q.op, q.value / 100, None, True, q.decimals + 2)
    return Quantity(q.op, q.value, None, True, q.decimals)


def comparable(target: Quantity | None, actual: Quantity | None) -> tuple[Quantity, Quantity] | None:
    """The pair in one unit, or None when they cannot be compared: units differ (个 vs 台),
    or one is a percent and the other a number with a unit. A unit missing on one side is
    taken to be the other's; a bare number against a percent is read as a percent."""
    if target is None or actual is None:
        return None
    if target.percent != actual.percent:
        if target.percent and actual.unit is None:
            actual = _as_percent(actual)
        elif actual.percent and target.unit is None:
            target = _as_percent(target)
        else:
            return None
    elif target.unit and actual.unit and target.unit != actual.unit:
        return None
    return target, actual


# ---------------------------------------------------------------- qualitative values

# Checked in this order: "未达成" contains "达成" and "部分达成" does too, so the negative and
# the partial words must win before the plain ones are looked for.
_PARTIAL_NEG = ("未全部", "未完全", "没有全部", "未全面", "尚未全部")
# 未按期完成, 没有全面达成: a negation a few characters before the verb still negates it.
_NONE_RE = re.compile(r"(未|没有|没|不能|无法|尚未)[^，。,;；]{0,4}?(达成|完成|达到|实现|达标|满足|符合)"
                      r"|不达成|不达标|不符合|不满足|达不到|未能|不合格")
_PARTIAL_WORDS = ("部分达成", "部分完成", "部分实现", "部分达到", "基本达成", "基本完成", "基本实现",
                  "基本达到", "基本达标", "大部分", "大体完成", "较好完成", "部分")
_FULL_WORDS = ("达成", "完成", "实现", "达到", "达标", "满足", "符合")

_PUNCT = re.compile(r"[。，,.;；:：!！、\"'“”‘’()（）]")


def qualitative_grade(raw: Any) -> str | None:
    """达成 / 部分达成 / 未达成 for a qualitative value such as 达成年度指标, 基本完成,
    未达成预期指标; None when the text says none of them (or is a number)."""
    if raw is None or not isinstance(raw, str) or is_blank(raw):
        return None
    if read_number(raw) is not None:
        return None
    s = _PUNCT.sub("", normalize(raw))
    if any(w in s for w in _PARTIAL_NEG):
        return PARTIAL
    if _NONE_RE.search(s):
        return NONE
    if any(w in s for w in _PARTIAL_WORDS):
        return PARTIAL
    if any(w in s for w in _FULL_WORDS):
        return FULL
    return None


def qualitative_band(grade: str, profile) -> tuple[float, float]:
    """The share of the cap a grade earns: 达成 [full, 1], 部分达成 [partial, full),
    未达成 [0, partial) — 0.8/0.6 under mof2020."""
    if grade == FULL:
        return profile.qualitative_full, 1.0
    if grade == PARTIAL:
        return profile.qualitative_partial, profile.qualitative_full
    if grade == NONE:
        return 0.0, profile.qualitative_partial
    raise ValueError(grade)


# ---------------------------------------------------------------- nature

def nature(leaf: Leaf) -> str | None:
    """≥, ≤, = or 定性: the 指标性质 column when present, else the target's operator; a target
    that is a bare number counts as "=" (scored as ≥ when above 0), a target in words as
    定性. None when there is no target to tell."""
    return _worked_out(leaf)[4]


def measures(leaf: Leaf) -> tuple[Quantity, Quantity] | None:
    """(target, actual) of a quantitative leaf in one unit, or None."""
    return _worked_out(leaf)[5]


def _worked_out(leaf: Leaf) -> tuple:
    """(target, actual, nature column, unit, nature, measures): half a dozen rules ask every
    leaf for its nature and measures, so they are worked out once and kept on the leaf with
    the inputs they came from, and worked out again should any of them be another."""
    memo = leaf.scoring_memo
    if memo is not None and memo[0] is leaf.target and memo[1] is leaf.actual and memo[2] == leaf.nature \
            and memo[3] == leaf.unit:
        return memo
    memo = leaf.scoring_memo = (leaf.target, leaf.actual, leaf.nature, leaf.unit, _nature(leaf), _measures(leaf))
    return memo


def _nature(leaf: Leaf) -> str | None:
    if leaf.nature is not None:
        return leaf.nature
    t = leaf.target
    if t is None or t.blank:
        if leaf.actual is not None and qualitative_grade(leaf.actual.raw) is not None:
            return QUALITATIVE
        return None
    if t.num is None:
        return QUALITATIVE
    return t.num.op or EQUAL


def _measures(leaf: Leaf) -> tuple[Quantity, Quantity] | None:
    return comparable(field_quantity(leaf.target, leaf.unit), field_quantity(leaf.actual, leaf.unit))


# ---------------------------------------------------------------- the scoring rules

def score_for(nat: str, target: float, actual: float, cap: float, profile) -> float:
    """The profile's score for one quantitative indicator (rules.md):
    positive: actual ≥ target → cap, else cap × actual / target;
    equality: as positive when target > 0; when target = 0, cap if actual ≤ 0 else 0;
    reverse fasp2: ≤ target → cap; below 2·target → cap × (1 − (actual − target)/target); else 0;
    reverse ratio: ≤ target → cap; else cap × target / actual."""
    if nat == REVERSE:
        if actual <= target:
            return cap
        if target <= 0:
            return 0.0
        if profile.reverse_rule == "ratio":
            return cap * target / actual
        if actual < 2 * target:
            return cap * (1 - (actual - target) / target)
        return 0.0
    if target <= 0:
        if target == 0 and nat == EQUAL:
            return cap if actual <= 0 else 0.0
        return cap if actual >= target else 0.0
    if actual >= target:
        return cap
    return max(0.0, cap * actual / target)


def _cap(leaf: Leaf) -> float | None:
    c = leaf.cap.num if leaf.cap is not None else None
    return c.value if c is not None and c.value > 0 else None


def rule_score(leaf: Leaf, profile) -> float | None:
    """The score the profile's rule gives a quantitative leaf, from its target and actual as
    written; None for a qualitative leaf (see qualitative_band) or when target, actual, cap
    or nature is missing or the units cannot be compared."""
    pair, cap, nat = _inputs(leaf)
    if pair is None:
        return None
    t, a = pair
    return score_for(nat, t.value, a.value, cap, profile)


def _inputs(leaf: Leaf):
    nat = nature(leaf)
    cap = _cap(leaf)
    pair = measures(leaf)
    if nat not in (POSITIVE, REVERSE, EQUAL) or cap is None or pair is None:
        return None, None, None
    return pair, cap, nat


def rule_score_interval(leaf: Leaf, profile) -> Interval | None:
    """The rule's score over every actual that shows as written (a measured actual may have
    been rounded; a target is set, so it is taken as written). The rules are monotone in the
    actual, so the two ends of the actual's interval bound the score."""
    pair, cap, nat = _inputs(leaf)
    if pair is None:
        return None
    t, a = pair
    iv = a.stated
    ends = [score_for(nat, t.value, x, cap, profile) for x in (iv.lo, a.value, iv.hi)]
    return Interval(min(ends), max(ends))


def misses_target(nat: str, target: float, actual: float) -> bool:
    """The actual falls short: below a ≥ or = target, above a ≤ one (an = target of 0 is
    missed by anything above 0)."""
    slack = _EPS * max(1.0, abs(target), abs(actual))  # 95 × 0.01 is 0.9500000000000001
    if nat == REVERSE:
        return actual > target + slack
    if nat == EQUAL and target == 0:
        return actual > slack
    return actual < target - slack


def written_as_target(raw: Any) -> bool:
    """An actual written like a target (≥95%, 不少于12种, 95%以上): it states a bound, not
    what was achieved."""
    if raw is None or isinstance(raw, (int, float)):
        return False
    s = normalize(str(raw))
    if s.startswith(_TARGET_WORDS):
        return True
    n = read_number(s)
    return n is not None and n.op is not None and not s.startswith("达到")


_NO_REASON = {"0", "无", "没有", "暂无", "无偏差", "不适用", "无。", "0.0"}


def has_reason(f: Field | None) -> bool:
    """A deviation reason is written: blank, 0, 无, —, / count as none."""
    if f is None or f.raw is None or is_blank(f.raw):
        return False
    if isinstance(f.raw, (int, float)) and not isinstance(f.raw, bool):
        return f.raw != 0
    s = _PUNCT.sub("", normalize(str(f.raw)))
    return s not in _NO_REASON and s != ""
