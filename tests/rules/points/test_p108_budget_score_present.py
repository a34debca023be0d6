"""P108: no budget-execution score anywhere."""

from builders import project_rows, standard

from ..helpers import base_is_clean, found


def test_p108_no_budget_execution_score_anywhere(tmp_path):
    rows = project_rows()[:14]
    path = standard(tmp_path, project=rows)
    assert found(path, "P108") == [("P108", None, None, "warning")]
    base_is_clean(tmp_path, "P108")


def test_p108_is_silent_when_the_profile_scores_no_budget_execution(tmp_path):
    rows = project_rows()[:14]
    path = standard(tmp_path, project=rows)
    assert found(path, "P108", profile="framework2013") == []
