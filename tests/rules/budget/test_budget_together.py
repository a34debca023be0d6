"""B rules together: the consistent form gives none, text in a money total is S103's and
neither B103's nor B109's, money in 元, every B message in both languages, and no money value
makes a B rule raise."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import evalbook
from evalbook.pipeline import check

from .forms import build, findings, payment_rows, project_rows, where, yuan_payments, yuan_project


def test_the_consistent_form_has_no_b_finding(tmp_path):
    path = build(tmp_path)
    assert [(f.code, f.cell, f.message) for f in findings(path)] == []
    report = evalbook.check(path)
    # The form is read as built: every payment dated and summed, 98% execution, 9.8 points.
    pay = report.workbook.payments
    assert [p.date.isoformat() for p in pay.rows] == ["2023-03-31", "2023-06-30", "2023-09-28", "2023-12-01"]
    assert sum(p.amount.value for p in pay.rows) == pytest.approx(49)
    assert report.derived.budget_rate == pytest.approx(0.98)
    assert report.summary.computed_total == pytest.approx(98.8)


def test_b103_b109_leave_text_in_the_total_to_s103(tmp_path):
    project = project_rows(funds=["见附表", 50, 49, 10, 0.98, 9.8], total="约50万", total_parts=[("设备", 50)])
    path = build(tmp_path, project)
    assert where(path, "B103") == [] and where(path, "B109") == []
    assert {f.cell for f in check(path, select=["S103"]).findings} == {"B5", "B15"}


def test_money_in_yuan_is_consistent_as_it_stands(tmp_path):
    path = build(tmp_path, yuan_project(), payments=yuan_payments(), money_format="#,##0.00")
    assert evalbook.check(path).workbook.project.money_unit == "元"
    assert findings(path) == []


def test_every_b_message_has_both_languages_and_every_title(tmp_path):
    from evalbook.rules import all_rules

    rules = [r for r in all_rules() if r.code.startswith("B")]
    assert [r.code for r in rules] == [f"B1{n:02d}" for n in range(1, 14)]
    for r in rules:
        zh, en = r.title
        assert zh and en and zh != en
    import string

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, (zh, en) in ((k, v) for r in rules for k, v in r.messages.items()):
        if key.startswith("B1"):
            # Both languages fill from the same parameters: a field only one uses would fail
            # (KeyError) in the other the first time that finding is shown.
            assert zh and en and zh != en and fields(zh) == fields(en), key


money_values = st.one_of(
    st.none(), st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["—", "/", "１２．５", "1,234.5万元", "45%", "≥95%", "待付", "2023年9月15日", "2023.9", "-0",
                     "1e308", "0.000000000000000000000001", "9" * 40]),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(money_values, min_size=16, max_size=16), st.lists(st.tuples(money_values, money_values), max_size=4),
       money_values)
def test_b_rules_never_raise_on_any_money_values(tmp_path, values, pays, total):
    it = iter(values)
    project = project_rows(total=next(it), contract=next(it), paid=next(it), remaining=next(it), share=next(it),
                           funds=[next(it) for _ in range(6)], total_parts=[("甲", next(it)), ("乙", next(it))],
                           parts={"其中：当年财政拨款": [next(it), next(it), next(it)]})
    path = build(tmp_path, project, payments=payment_rows([[d, "x", a] for d, a in pays], total=total))
    report = check(path)
    assert all(f.message and f.code for f in report.findings)
