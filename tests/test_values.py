"""Numbers as staff write them (spec: workbook.md "Values")."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalbook.model.values import is_blank, read_number


@pytest.mark.parametrize("raw, value, op, unit", [
    ("１２．５", 12.5, None, None),
    ("≥266米", 266, ">=", "米"),
    ("=8个", 8, "=", "个"),
    ("＝8个", 8, "=", "个"),
    ("≤202.6万元", 202.6, "<=", "万元"),
    ("不少于12种", 12, ">=", "种"),
    ("不超过5天", 5, "<=", "天"),
    ("1,234.5", 1234.5, None, None),
    ("98分", 98, None, "分"),
    ("95%以上", 0.95, ">=", None),
    (" 10 ", 10, None, None),
])
def test_text_numbers_are_read_with_operator_and_unit(raw, value, op, unit):
    n = read_number(raw)
    assert math.isclose(n.value, value) and n.op == op and n.unit == unit and n.text


@pytest.mark.parametrize("raw", ["达成年度指标", "95%-100%", "2023年9月", "满分", "约十个"])
def test_text_that_is_not_a_number_reads_as_none(raw):
    assert read_number(raw) is None
    assert not is_blank(raw)


@pytest.mark.parametrize("raw", [None, "", "  ", "—", "/", "-", "－"])
def test_no_value_marks_are_blank(raw):
    assert is_blank(raw) and read_number(raw) is None


def test_percent_text_is_a_fraction_with_its_shown_decimals():
    n = read_number("100.00%")
    assert n.value == 1.0 and n.percent and n.decimals == 4


def test_number_format_fixes_shown_decimals():
    assert read_number(94.4666, "0.00").decimals == 2
    assert read_number(94.4666, "0.00").shown == 94.47
    assert read_number(0.4469, "0%").decimals == 2
    assert read_number(0.4469, '#,##0.0"%"').decimals == 1


def test_general_format_uses_the_shortest_repr():
    assert read_number(12, "General").decimals == 0
    assert read_number(14.86, "General").decimals == 2


def test_rate_columns_take_fractions_and_percent_points():
    assert read_number(0.98, rate=True).percent
    n = read_number(100, rate=True)
    assert n.value == 1.0 and n.percent


def test_nan_and_infinity_are_not_numbers():
    assert read_number(float("nan")) is None
    assert read_number(float("inf")) is None


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10**20, 10**20))
def test_shown_decimals_of_a_stored_number_are_its_shortest_spelling(x):
    """The fast count of a float's decimals (its repr) is what Decimal's exponent gives."""
    from decimal import Decimal, InvalidOperation

    from evalbook.model.values import _repr_decimals

    if isinstance(x, int) or float(x).is_integer():
        expected = 0
    else:
        try:
            exp = Decimal(repr(float(x))).normalize().as_tuple().exponent
            expected = max(0, -int(exp)) if isinstance(exp, int) else 0
        except InvalidOperation:
            expected = 0
    assert _repr_decimals(x) == expected


@given(st.one_of(st.floats(), st.integers(-10**30, 10**30), st.booleans()),
       st.sampled_from([None, "General", "0.00", "0%", "0.0%", "#,##0.00", "@"]), st.booleans())
def test_a_stored_number_reads_the_same_asked_once_or_again(value, fmt, rate):
    """read_number keeps what it made of a stored number: the second answer is the first,
    and both are what the uncached reading gives (-0.0, NaN, True and 1 apart)."""
    from evalbook.model.values import _number

    first, again = read_number(value, fmt, rate=rate), read_number(value, fmt, rate=rate)
    fresh = None if isinstance(value, bool) else _number(value, fmt, rate)
    assert repr(first) == repr(again) == repr(fresh)
