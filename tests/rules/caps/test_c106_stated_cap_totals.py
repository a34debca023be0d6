"""C106: a stated cap total (subtotal or 总分 row) ≠ the sum it closes."""

from builders import indicator_rows, standard

from ..helpers import found


def test_c106_subtotal_cap_differs(tmp_path):
    rows = indicator_rows()
    rows.insert(5, ["小计", None, None, None, None, None, None, 48, 50, 1.0])
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C106") == [("C106", "指标", "H6", "error")]
    rows[5][7] = 50
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "C106") == []


def test_c106_total_row_includes_budget_execution(tmp_path):
    rows = indicator_rows() + [["总分", None, None, None, None, None, None, 90, 99]]
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C106") == [("C106", "指标", "H9", "error")]
    rows[-1][7] = 100
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "C106") == []
