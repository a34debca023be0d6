"""Interval arithmetic for the rounding-aware notion of "equal" (spec: rules.md).

A stated figure is the interval its shown decimals allow; a computed figure is the interval
that follows from its inputs. Two figures are consistent when their intervals overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Binary floating point turns 0.445 into 0.44499999…; a relative slack this small only
# undoes that and never hides a difference a person could see.
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float

    @classmethod
    def exact(cls, x: float) -> "Interval":
        return cls(x, x)

    @classmethod
    def around(cls, x: float, decimals: int) -> "Interval":
        """The values that show as *x* when rounded to *decimals* places."""
        half = 0.5 * 10.0 ** (-min(max(decimals, -308), 400))
        return cls(x - half, x + half)

    def __add__(self, other: "Interval | float") -> "Interval":
        o = _iv(other)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, other: "Interval | float") -> "Interval":
        o = _iv(other)
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, other: float) -> "Interval":
        return _iv(other) - self

    def __mul__(self, other: "Interval | float") -> "Interval":
        o = _iv(other)
        p = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(p), max(p))

    __rmul__ = __mul__

    def __truediv__(self, other: "Interval | float") -> "Interval | None":
        o = _iv(other)
        if o.lo <= 0 <= o.hi:
            return None  # the divisor may be zero: no finite bound
        q = (self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi)
        return Interval(min(q), max(q))

    def overlaps(self, other: "Interval") -> bool:
        slack = _EPS * max(1.0, abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack

    def holds_near(self, x: float) -> bool:
        """``self.overlaps(Interval.exact(x))``, without making that interval: annotate's plan
        and the rules ask it of every leaf."""
        slack = _EPS * max(1.0, abs(self.lo), abs(self.hi), abs(x))
        return self.lo <= x + slack and x <= self.hi + slack

    def distance(self, other: "Interval") -> float:
        """0 when they overlap, else the gap between them."""
        if self.overlaps(other):
            return 0.0
        return max(other.lo - self.hi, self.lo - other.hi)


def _iv(x: "Interval | float") -> Interval:
    return x if isinstance(x, Interval) else Interval(float(x), float(x))


def round_half_up(x: float, decimals: int) -> float:
    """Round as Excel shows a number (half away from zero), not Python's banker's rounding."""
    if not math.isfinite(x) or abs(x) >= 1e15 or decimals > 340:
        return x  # beyond 15 significant digits a float has no decimals left to round
    if decimals >= 0:
        # Most figures have no more decimals than they show (a score of 9.5 shown with one):
        # nothing to round, and repr round-trips, so Decimal's answer would be x itself.
        text = repr(x)
        if "e" not in text:
            dot = text.find(".")
            if dot < 0 or len(text.rstrip("0")) - dot - 1 <= decimals:
                return float(x)
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

    q = Decimal(1).scaleb(-decimals)
    try:
        return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))
    except InvalidOperation:  # more digits than Decimal's context holds: nothing to round
        return x
