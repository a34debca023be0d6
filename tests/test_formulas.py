"""The derived-cell formulas: their exact text, and that their Python twins agree with a spreadsheet."""

from __future__ import annotations

import itertools

import pytest
import xlsxwriter

from evalbook.model import formulas as F
from evalbook import profiles

MOF = profiles.load("mof2020")


def test_references_to_other_sheets_are_always_quoted():
    assert F.ref("项目", "G16") == "'项目'!G16"
    assert F.ref("O'Neil", "A1") == "'O''Neil'!A1"
    assert F.ref(None, "G16") == "G16"
    assert F.area("I2", "I13", "指标") == "'指标'!I2:I13"


def test_constants_are_written_without_float_noise():
    assert [F.number_text(x) for x in (90.0, 0.5, 100, 1e-7, 12.25)] == ["90", "0.5", "100", "0.0000001", "12.25"]


def test_ratios_stay_blank_without_a_numerator_or_a_nonzero_denominator():
    assert F.score_rate("I2", "H2") == '=IF(OR(COUNT(I2)=0,COUNT(H2)=0),"",IF(H2=0,"",I2/H2))'
    assert F.budget_rate("D16", "C16") == '=IF(OR(COUNT(D16)=0,COUNT(C16)=0),"",IF(C16=0,"",D16/C16))'
    assert F.paid_share("B9", "B8") == '=IF(OR(COUNT(B9)=0,COUNT(B8)=0),"",IF(B8=0,"",B9/B8))'


def test_remaining_needs_both_figures():
    assert F.remaining("B7", "B9") == '=IF(COUNT(B7,B9)<2,"",B7-B9)'


def test_budget_score_is_capped_at_full_execution_unless_the_profile_is_linear():
    assert F.budget_score("E16", "F16", MOF) == '=IF(ISNUMBER(F16),ROUND(E16*MIN(F16,1),2),"")'
    linear = profiles.Profile(name="lin", budget_formula="linear")
    assert F.budget_score(20, "F16", linear) == '=IF(ISNUMBER(F16),ROUND(20*F16,2),"")'


def test_total_adds_the_leaf_ranges_and_the_budget_score_on_another_sheet():
    text = F.total(["'指标'!I2:I13", "'指标'!I15:I26"], "G16")
    assert text == ("=IF(COUNT('指标'!I2:I13,'指标'!I15:I26,G16)=0,\"\","
                    "SUM('指标'!I2:I13,'指标'!I15:I26,G16))")
    assert F.total(["I2:I5"], None) == '=IF(COUNT(I2:I5)=0,"",SUM(I2:I5))'


def test_sum_of_is_a_plain_sum():
    assert F.sum_of(["C2:C21"]) == "=SUM(C2:C21)"
    with pytest.raises(ValueError):
        F.sum_of([])


def test_grade_nests_the_profile_bounds_best_first_and_guards_against_text():
    assert F.grade("B12", MOF) == '=IF(ISNUMBER(B12),IF(B12>=90,"优",IF(B12>=80,"良",IF(B12>=60,"中","差"))),"")'
    two = profiles.Profile(name="two", grades=(("合格", 60.0), ("不合格", 0.0)))
    assert F.grade("X1", two) == '=IF(ISNUMBER(X1),IF(X1>=60,"合格","不合格"),"")'


@pytest.mark.parametrize(("x", "digits", "expected"), [(2.675, 2, 2.68), (9.805, 2, 9.81), (-1.005, 2, -1.01), (4.885, 2, 4.89)])
def test_excel_round_is_half_away_from_zero_on_the_decimal_digits(x, digits, expected):
    # Python's round(2.675, 2) is 2.67 (binary float, banker's); Excel shows 2.68.
    assert F.excel_round(x, digits) == expected


def test_value_twins_on_a_blank_form():
    assert F.value_ratio(None, None) == ""
    assert F.value_remaining(50, None) == ""
    assert F.value_sum_if_any([None, ""]) == ""
    assert F.value_budget_score(10, "", MOF) == ""
    assert F.value_grade("", MOF) == ""
    assert F.value_grade(0.0, MOF) == "差"


# Inputs a user may leave in a cell: blank, text, a no-value mark, zero, ordinary numbers.
SAMPLES = [None, "", "—", "abc", 0, 5, 49, 49.5, 12.25, 1.2, -3]
SAMPLE_PAIRS = list(itertools.product(SAMPLES, SAMPLES))


def _twin_rows():
    """(label, formula builder over (a, b) refs, python twin over (a, b) values)."""
    return [
        ("ratio", lambda a, b: F.score_rate(a, b), F.value_ratio),
        ("remaining", lambda a, b: F.remaining(a, b), F.value_remaining),
        ("sum", lambda a, b: F.sum_if_any([a, b]), lambda x, y: F.value_sum_if_any([x, y])),
        ("budget", lambda a, b: F.budget_score(b, a, MOF),
         lambda x, y: F.value_budget_score(y, x, MOF) if F.is_number(y) else "BUDGET-CAP-NOT-A-NUMBER"),
        ("grade", lambda a, b: F.grade(a, MOF), lambda x, y: F.value_grade(x, MOF)),
    ]


@pytest.fixture(scope="module")
def twin_book(tmp_path_factory, libreoffice):
    """Every formula over every pair of sample inputs, cached with the Python twin's value."""
    path = tmp_path_factory.mktemp("twins") / "twins.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("twins")
    expected = {}
    row = 0
    grade_inputs = [None, "", "x", 0, 59.999, 60, 79.99, 80, 89.995, 90, 100]
    cases = [(name, a, b) for name, *_ in _twin_rows() for a, b in SAMPLE_PAIRS if name != "grade"]
    cases += [("grade", a, None) for a in grade_inputs]
    twins = {name: (build, twin) for name, build, twin in _twin_rows()}
    for name, a, b in cases:
        build, twin = twins[name]
        for col, v in ((0, a), (1, b)):
            if v is not None:
                ws.write(row, col, v)
        value = twin(a, b)
        if value == "BUDGET-CAP-NOT-A-NUMBER":
            row += 1
            continue  # the builder is only ever given a numeric cap cell
        ws.write_formula(row, 2, build(f"A{row + 1}", f"B{row + 1}"), None, value)
        expected[f"C{row + 1}"] = (name, a, b, value)
        row += 1
    wb.close()
    return libreoffice.values(path)["twins"], expected


def test_python_twins_agree_with_libreoffice_on_every_sample(twin_book):
    values, expected = twin_book
    wrong = []
    for cell, (name, a, b, value) in expected.items():
        got = values.get(cell)
        got = "" if got is None else got
        same = got == pytest.approx(value, abs=1e-12) if F.is_number(value) else got == value
        if not same:
            wrong.append((name, a, b, value, got))
    assert wrong == []
