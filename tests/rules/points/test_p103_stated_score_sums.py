"""P103: a stated tier or subtotal score ≠ the sum of its leaves' scores."""

from builders import indicator_rows, standard

from ..helpers import found


def test_p103_subtotal_score_differs(tmp_path):
    rows = indicator_rows()
    rows.insert(5, ["小计", None, None, None, None, None, None, 50, 48, 0.96])
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P103") == [("P103", "指标", "I6", "error")]
    rows[5][8], rows[5][9] = 50, 1.0
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "P103") == []
