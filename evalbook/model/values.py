"""Numbers as staff write them: numeric cells, text numbers, full-width digits, units,
operators, percents, and the decimals a reader is shown (spec: workbook.md "Values")."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from evalbook.model.interval import Interval, round_half_up

# The error values a cell can hold (what Excel, WPS and LibreOffice show; S108).
ERROR_CODES = frozenset({"#NAME?", "#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NUM!", "#NULL!",
                         "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"})

# "No value" marks that offices put in cells they leave empty on purpose.
NO_VALUE = {"", "—", "——", "-", "--", "/", "／", "－", "–", "无数据", "N/A", "n/a", "NA"}

# Longest first, so 不少于 wins over a shorter prefix. Strict < and > count as their bound:
# a target of ">95%" is scored like "≥95%" in every office table we have seen.
_LEADING_OPS = [
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("大于等于", ">="), ("高于", ">="),
    ("大于", ">="), ("达到", ">="), ("超过", ">="),
    ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("小于等于", "<="), ("低于", "<="),
    ("小于", "<="), ("控制在", "<="),
    (">=", ">="), ("=>", ">="), ("≥", ">="), ("≧", ">="), ("⩾", ">="), (">", ">="),
    ("<=", "<="), ("=<", "<="), ("≤", "<="), ("≦", "<="), ("⩽", "<="), ("<", "<="),
    ("==", "="), ("=", "="), ("═", "="), ("≡", "="),
]
_TRAILING_OPS = [("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<=")]

_NUM_RE = re.compile(r"([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?")
# "1,234,567" as staff write it: the commas between digit groups, which no number keeps.
THOUSANDS_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Num:
    """A number read from a cell, with what a reader of the cell is shown."""

    value: float  # percents as fractions: 45% → 0.45
    decimals: int  # shown decimals of `value` (a percent's are on the fraction: 45% → 2)
    percent: bool = False
    text: bool = False  # stored as text: Excel's SUM skips it
    op: str | None = None  # ">=", "<=" or "=" when the cell wrote one
    unit: str | None = None

    @property
    def shown(self) -> float:
        return round_half_up(self.value, self.decimals)

    @property
    def stated(self) -> Interval:
        """The interval a stated figure stands for (round-to-nearest at its shown decimals)."""
        return Interval.around(self.shown, self.decimals)

    @property
    def exact(self) -> Interval:
        """The stored value, as Excel computes with it."""
        return Interval.exact(self.value)

    def agrees(self, computed: float) -> bool:
        """The spec's "equal": this stated figure (the interval its shown decimals allow)
        against a figure computed from stored values."""
        return self.stated.holds_near(computed)


@lru_cache(maxsize=8192, typed=True)  # labels, units and marks repeat on every row
def normalize(text: str) -> str:
    """Full-width to half-width (NFKC) and no white space: how labels and numbers are compared."""
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", text))


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return normalize(value) in NO_VALUE
    return False


def _float(value: int | float) -> float:
    """float(value), or inf for an integer past the float range (Excel never stores one)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _repr_decimals(x: float) -> int:
    if isinstance(x, int) or float(x).is_integer():
        return 0
    text = repr(float(x))
    if "e" not in text and "n" not in text:  # 0.45: repr is the shortest spelling, no trailing zero
        return len(text) - text.index(".") - 1
    try:
        exp = Decimal(repr(float(x))).normalize().as_tuple().exponent
    except InvalidOperation:
        return 0
    return max(0, -int(exp)) if isinstance(exp, int) else 0


def _strip_format_literals(section: str) -> str:
    section = re.sub(r'"[^"]*"', "", section)
    section = re.sub(r"\[[^\]]*\]", "", section)
    section = re.sub(r"\\.", "", section)
    return re.sub(r"_.|\*.", "", section)


@lru_cache(maxsize=1024)  # a workbook has a handful of formats and a 10,000-row form asks 100,000 times
def format_info(fmt: str | None) -> tuple[int | None, bool]:
    """(decimals fixed by the number format, or None for General/text; percent format?)"""
    if not fmt or fmt in ("General", "@"):
        return None, False
    section = _strip_format_literals(fmt.split(";")[0])
    percent = "%" in section
    if not re.search(r"[0#?]", section):
        return None, percent
    m = re.search(r"\.([0#?]*)", section)
    decimals = len(m.group(1)) if m else 0
    return decimals, percent


def read_number(value: Any, fmt: str | None = None, *, rate: bool = False) -> Num | None:
    """The number in a cell, or None when it holds none (blank, a no-value mark, or text).

    *rate* is set for columns and fields that hold a rate (执行率, 得分率): a plain
    fraction there is a percent, and a plain number above 2 is percent points (100 → 100%).
    """
    cls = value.__class__
    if cls is int or (cls is float and value):  # a float 0 may be -0.0, which equals 0.0 as a key
        return _stored_number(value, fmt, rate)
    if value is None or isinstance(value, bool) or isinstance(value, (datetime, date)):
        return None
    if isinstance(value, (int, float)):
        return _number(value, fmt, rate)
    if isinstance(value, str):
        return parse_text_number(value, rate=rate)
    return None


def _number(value: int | float, fmt: str | None, rate: bool) -> Num | None:
    """read_number of an int or a float."""
    x = _float(value)
    if not math.isfinite(x):
        return None  # NaN, ±inf, or an integer no float can hold (400 digits): no figure
    fixed, percent = format_info(fmt)
    if percent:
        d = fixed if fixed is not None else max(0, _repr_decimals(x * 100))
        return Num(x, d + 2, percent=True)
    if rate:
        if abs(x) > 2:
            return Num(x / 100, (fixed if fixed is not None else _repr_decimals(x)) + 2, percent=True)
        return Num(x, fixed if fixed is not None else _repr_decimals(x), percent=True)
    return Num(x, fixed if fixed is not None else _repr_decimals(x))


# A Num is immutable, and a form's caps, scores and targets repeat on every row: each stored
# number is worked out once per number format (typed: 1 and 1.0 are not one key).
_stored_number = lru_cache(maxsize=65536, typed=True)(_number)


@lru_cache(maxsize=8192, typed=True)  # targets such as ≥95% repeat on many rows; a Num is immutable
def parse_text_number(text: str, *, rate: bool = False) -> Num | None:
    """A number written as text: `１２．５`, `1,234.5万元`, `≥95%`, `不少于12种`, `98分`."""
    s = normalize(text)
    if s in NO_VALUE:
        return None
    op = None
    for word, canon in _LEADING_OPS:
        if s.startswith(word):
            op, s = canon, s[len(word):]
            break
    for word, canon in _TRAILING_OPS:
        if s.endswith(word):
            op = op or canon
            s = s[: -len(word)]
            break
    s = THOUSANDS_SEPARATOR.sub("", s)
    m = _NUM_RE.match(s)
    if not m:
        return None
    sign, digits, exp = m.groups()
    rest = s[m.end():]
    percent = False
    scale = 1.0
    if rest.startswith("%"):
        percent, scale, rest = True, 0.01, rest[1:]
    elif rest.startswith("‰"):
        percent, scale, rest = True, 0.001, rest[1:]
    unit = rest or None
    # A unit is a short word with no digits in it; "2023年9月" or "95%-100%" is not a number.
    if unit is not None and (len(unit) > 8 or re.search(r"[\d%.]", unit)):
        return None
    try:
        x = float(sign + digits + (("e" + exp) if exp else ""))
    except ValueError:
        return None
    if not math.isfinite(x):
        return None
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    if exp:
        # A finite x bounds a real exponent; a longer one ("0e999…") only pads a zero.
        decimals = max(0, decimals - int(exp)) if len(exp) <= 6 else (0 if exp[0] != "-" else decimals)
    if percent:
        return Num(x * scale, decimals + (2 if scale == 0.01 else 3), percent=True, text=True, op=op, unit=unit)
    if rate and abs(x) > 2:
        return Num(x / 100, decimals + 2, percent=True, text=True, op=op, unit=unit)
    return Num(x, decimals, percent=rate, text=True, op=op, unit=unit)


# ---- numbers as evalbook shows them in messages


def num(x, decimals: int = 2) -> str:
    """A figure as a person reads it: 12, 12.5, 94.47 (no trailing zeros, no float noise)."""
    if x is None:
        return "—"
    s = f"{float(x):.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def distinct(a, b, show=None) -> tuple[str, str]:
    """Two figures shown with the fewest decimals (2 at least) that tell them apart, so a
    message never reads "98.33 … = 98.33" when they differ in the third decimal."""
    show = show or num
    if a is None or b is None:
        return show(a), show(b)
    for d in range(2, 7):
        sa, sb = show(a, d), show(b, d)
        if sa != sb:
            return sa, sb
    return show(a), show(b)


def pct(x, decimals: int = 2) -> str:
    """A fraction as a percent: 0.46078 → 46.08%."""
    return "—" if x is None else f"{float(x) * 100:.{decimals}f}%"


def shown(f) -> str:
    """A stated field as its cell shows it."""
    if f is None or f.num is None:
        return "—" if f is None or f.raw is None else str(f.raw)
    n = f.num
    if n.percent:
        return pct(n.value, max(0, n.decimals - 2))
    return num(n.value, max(n.decimals, 0))


def read_grade(text) -> str | None:
    """The grade a cell states: 优/良/中/差, also 优秀/良好/合格(中)/不合格(差)."""
    if text is None:
        return None
    s = str(text).strip()
    for word, g in (("不合格", "差"), ("优", "优"), ("良", "良"), ("中", "中"), ("合格", "中"),
                    ("及格", "中"), ("差", "差")):
        if s.startswith(word):
            return g
    return None
