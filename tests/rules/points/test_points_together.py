"""Where the budget-execution score and cap come from when the funds block leaves them blank:
the computed total and the C and P rules agree."""

from builders import indicator_rows, project_rows, standard

import evalbook


def test_budget_score_on_the_indicator_row_counts_when_the_funds_block_has_only_money(tmp_path):
    proj = project_rows()
    proj[15] = ["年度资金总额", 100, 100, 90, None, None, None]  # rate 90%, no cap or score here
    ind = indicator_rows()
    ind.insert(1, ["预算执行率", None, None, None, None, None, None, 10, 9, 0.9])
    proj[11] = ["自评得分", 98]  # leaves 89 + 9
    path = standard(tmp_path, project=proj, indicators=ind)
    report = evalbook.check(path)
    assert report.summary.computed_total == 98
    assert [f.code for f in report.findings if f.code[0] in "CP"] == []


def test_blank_funds_cap_defaults_to_the_profiles_budget_weight(tmp_path):
    proj = project_rows()
    proj[15] = ["年度资金总额", 100, 100, 90, None, None, None]
    proj[11] = ["自评得分", 98]  # leaves 89 + 10 × 90%
    report = evalbook.check(standard(tmp_path, project=proj))
    assert report.summary.computed_total == 98
    assert [f.code for f in report.findings if f.code in ("C103", "P104", "P108")] == []
