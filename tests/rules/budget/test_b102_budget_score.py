"""B102: stated budget-execution score ≠ the profile's formula (cap × min(rate, 1))."""

from __future__ import annotations

from .forms import IND_BASE, build, findings, project_rows, where


def test_b102_full_marks_for_partial_execution(tmp_path):
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.98, "10.00"]))
    assert where(path, "B102") == [("项目!G14", "error")]
    f = findings(path, "B102")[0]
    assert (f.stated, f.expected) == (10, 9.8)
    assert "分值 10 × min(执行率 98.00%, 100%) = 9.8" in f.message


def test_b102_a_whole_number_stands_for_its_rounding(tmp_path):
    # rules.md: a stated 10 shown without decimals covers 9.5 … 10.5, so it agrees with 9.8;
    # 9 (8.5 … 9.5) does not.
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.98, 10]), name="a.xlsx")
    assert where(path, "B102") == []
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.98, 9]), name="b.xlsx")
    assert where(path, "B102") == [("项目!G14", "error")]


def test_b102_caps_the_rate_at_100_percent(tmp_path):
    # 52 of 50 is 104%: the score stays at the cap (10), so 10 is right and 10.4 is not.
    project = project_rows(funds=[50, 50, 52, 10, 1.04, 10], parts={}, paid=52, remaining=-2,
                           share=round(52 / 49.5, 4))
    assert where(build(tmp_path, project, payments=None, name="a.xlsx"), "B102") == []
    project = project_rows(funds=[50, 50, 52, 10, 1.04, 10.4], parts={}, paid=52, remaining=-2,
                           share=round(52 / 49.5, 4))
    assert where(build(tmp_path, project, payments=None, name="b.xlsx"), "B102") == [("项目!G14", "error")]


def test_b102_follows_the_profiles_cap(tmp_path):
    # budget20 weighs budget execution 20: 20 × 98% = 19.6; the form's 10-point score of 9.8 is wrong there
    # only when the block's own 分值 says 20.
    project = project_rows(funds=[50, 50, 49, 20, 0.98, 9.8])
    assert where(build(tmp_path, project), "B102", profile="budget20") == [("项目!G14", "error")]
    assert findings(build(tmp_path, project, name="b.xlsx"), "B102")[0].expected == 19.6


def test_b102_score_in_the_indicator_sheets_budget_row(tmp_path):
    # The money in the funds block, the score on a 预算执行率 row of the indicator sheet.
    ind = [list(r) for r in IND_BASE] + [["预算执行率", None, "预算执行率", "≥", "100%", None, "98%", 10, 10.0, 1.0]]
    for score, fires in ((9.8, False), ("10.00", True)):
        ind[-1][8] = score
        path = build(tmp_path, project_rows(funds=[50, 50, 49, None, None, None]), indicators=ind,
                     name=f"{fires}.xlsx")
        assert where(path, "B102") == ([("指标!I9", "error")] if fires else [])
