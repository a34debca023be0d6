"""The formulas evalbook writes into derived cells, and what each one evaluates to.

`evalbook new` and `evalbook annotate` must write the same formula for the same derived cell,
so both build the text here. Each builder takes A1 references (``"I7"``, ``ref("项目",
"G16")`` → ``'项目'!G16``, or a parenthesised expression) and returns the formula with its
leading ``=``. Only functions that Excel, WPS and LibreOffice all evaluate alike are used.

Every formula also has a ``value_*`` twin that computes, in Python, what the spreadsheet
shows for given cell values, so the writer can store a cached value that a reader which does
not recalculate (previews, pandas, python-calamine) sees exactly as Excel will. The twins follow
the spreadsheet's rules, not the checker's: a blank cell is nothing, text is not a number, a
result that cannot be computed is the empty string "".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# What a formula cell shows when it has nothing to compute from.
EMPTY = ""


def quote_sheet(name: str) -> str:
    """The sheet name as a formula prefix; always quoted, since CJK and spaces need it anyway."""
    return "'" + name.replace("'", "''") + "'"


def ref(sheet: str | None, cell: str) -> str:
    """``'项目'!B12`` — a cell (or ``A1:B2`` range) on another sheet; *sheet* None keeps it local."""
    return cell if sheet is None else f"{quote_sheet(sheet)}!{cell}"


def area(first: str, last: str, sheet: str | None = None) -> str:
    """A range ``I2:I13`` (with its sheet when given)."""
    return ref(sheet, f"{first}:{last}")


def _operand(x: str | float | int) -> str:
    if isinstance(x, str):
        return x
    return number_text(x)


def number_text(x: float | int) -> str:
    """A constant as formula text: 90 not 90.0, and no exponent notation Excel might misread."""
    return format(Decimal(repr(float(x))).normalize(), "f")


def sum_of(refs: Iterable[str]) -> str:
    """``=SUM(a,b,…)``: SUM skips text and blanks, so a cell showing "" adds nothing."""
    parts = [r for r in refs if r]
    if not parts:
        raise ValueError("sum_of needs at least one reference")
    return "=SUM(" + ",".join(parts) + ")"


def sum_if_any(refs: Iterable[str]) -> str:
    """``=IF(COUNT(…)=0,"",SUM(…))``: a total that stays blank until something is entered.

    A blank form then shows no 0 and no grade 差, and the checker reports the missing values
    rather than a zero total.
    """
    parts = ",".join(r for r in refs if r)
    if not parts:
        raise ValueError("sum_if_any needs at least one reference")
    return f'=IF(COUNT({parts})=0,"",SUM({parts}))'


def _ratio(num: str, den: str) -> str:
    # Blank (not 0%) until there is a number to divide; a denominator that is no number (text,
    # "", blank) or 0 shows "" instead of #VALUE! or #DIV/0!. No N(): Gnumeric's N() of a blank
    # cell is #NUM!, where Excel, WPS and LibreOffice give 0.
    return f'=IF(OR(COUNT({num})=0,COUNT({den})=0),"",IF({den}=0,"",{num}/{den}))'


def score_rate(score: str, cap: str) -> str:
    """得分率 = 得分 / 分值, blank while either is missing."""
    return _ratio(score, cap)


def budget_rate(executed: str, budget: str) -> str:
    """执行率 = 全年执行数 / 全年预算数."""
    return _ratio(executed, budget)


def paid_share(paid: str, contract: str) -> str:
    """支付占合同比例 = 累计支付 / 合同金额."""
    return _ratio(paid, contract)


def remaining(total_investment: str, paid: str) -> str:
    """剩余资金 = 项目总投资 − 累计支付, blank unless both are numbers."""
    return f'=IF(COUNT({total_investment},{paid})<2,"",{total_investment}-{paid})'


def budget_score(cap: str | float, rate: str, profile) -> str:
    """The budget-execution score from its cap and 执行率: ROUND(cap × MIN(rate, 1), 2).

    A profile whose budget_formula is "linear" scores cap × rate without the ceiling.
    """
    c = _operand(cap)
    scaled = f"{c}*MIN({rate},1)" if profile.budget_formula == "capped" else f"{c}*{rate}"
    return f'=IF(ISNUMBER({rate}),ROUND({scaled},2),"")'


def total(leaf_score_ranges: Sequence[str], budget_score_ref: str | None) -> str:
    """自评得分 / 总分: every leaf score plus the budget-execution score (when there is one)."""
    return sum_if_any([*leaf_score_ranges, *([budget_score_ref] if budget_score_ref else [])])


def grade(total_ref: str, profile) -> str:
    """自评等级 from the profile's grade bounds, best first; blank unless the total is a number.

    The ISNUMBER guard matters: Excel ranks any text above every number, so ``"">=90`` is TRUE.
    """
    grades = list(profile.grades)
    expr = f'"{grades[-1][0]}"'
    for name, lower in reversed(grades[:-1]):
        expr = f'IF({total_ref}>={number_text(lower)},"{name}",{expr})'
    return f'=IF(ISNUMBER({total_ref}),{expr},"")'


# --- what the formulas show -------------------------------------------------------------


def is_number(value: Any) -> bool:
    """What COUNT/ISNUMBER count: numbers, never booleans, text or blanks."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def n(value: Any) -> float:
    """Excel's N(): the number, else 0."""
    return float(value) if is_number(value) else 0.0


def excel_round(x: float, digits: int) -> float:
    """ROUND as the spreadsheet does it: half away from zero on the shown decimal digits."""
    from decimal import InvalidOperation

    x = float(x)
    if not math.isfinite(x):
        return x
    q = Decimal(1).scaleb(-digits)
    try:
        d = Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # -1e308 to 2 places: more digits than Decimal holds, none to round
        return x
    return float(d)


def value_ratio(num: Any, den: Any) -> float | str:
    if not is_number(num) or n(den) == 0:
        return EMPTY
    return float(num) / float(den)


value_score_rate = value_ratio
value_budget_rate = value_ratio
value_paid_share = value_ratio


def value_remaining(total_investment: Any, paid: Any) -> float | str:
    if not (is_number(total_investment) and is_number(paid)):
        return EMPTY
    return float(total_investment) - float(paid)


def value_sum(values: Iterable[Any]) -> float:
    return float(sum(float(v) for v in values if is_number(v)))


def value_sum_if_any(values: Iterable[Any]) -> float | str:
    # is_number, spelled out: a sum of thousands of leaves calls it for each
    numbers = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return float(sum(numbers)) if numbers else EMPTY


def value_budget_score(cap: float, rate: Any, profile) -> float | str:
    if not is_number(rate):
        return EMPTY
    r = min(float(rate), 1.0) if profile.budget_formula == "capped" else float(rate)
    return excel_round(float(cap) * r, 2)


def value_grade(total_value: Any, profile) -> str:
    if not is_number(total_value):
        return EMPTY
    for name, lower in profile.grades[:-1]:
        if total_value >= lower:
            return name
    return profile.grades[-1][0]
