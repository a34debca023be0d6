"""S109: formula cells without a stored result; rules comparing a stated derived figure skip them."""

import openpyxl
from builders import indicator_rows, project_rows, standard

import evalbook

from ..helpers import base_is_clean, found


def _program_written(tmp_path, name="generated.xlsx", proj=None, rows=None):
    """The standard form with its derived cells as formulas and no results (openpyxl writes
    them so): the funds total row, the 执行率 and 得分, and the 自评得分."""
    path = standard(tmp_path, name=name, project=proj, indicators=rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["项目"]
    for col in "BCD":
        ws[f"{col}16"] = f"=SUM({col}17:{col}19)"
    ws["F16"] = "=D16/C16"
    ws["G16"] = "=ROUND(E16*MIN(F16,1),2)"
    ws["B12"] = "=SUM(指标!I2:I8)+G16"
    wb.save(path)
    return path


def test_s109_formulas_without_results_are_computed_not_called_wrong(tmp_path):
    path = _program_written(tmp_path)
    report = evalbook.check(path)
    assert [(f.code, f.sheet, f.cell, f.severity) for f in report.findings] == [("S109", "项目", "B12", "warning")]
    assert "Excel/WPS" in report.findings[0].message and "6" in report.findings[0].message
    assert report.summary.computed_total == 99 and report.summary.budget_rate == 1.0
    base_is_clean(tmp_path, "S109")


def test_s109_a_derived_figure_is_not_compared_but_inputs_still_are(tmp_path):
    proj = project_rows()
    proj[16][2:4] = [80, 60]  # 当年财政拨款: the total's formulas follow, the rate is 60/80
    rows = indicator_rows()
    rows[1][8:10] = [11, 1.1]  # a leaf score above its cap: an input, still P101
    report = evalbook.check(_program_written(tmp_path, proj=proj, rows=rows))
    codes = [(f.code, f.cell) for f in report.findings]
    assert report.summary.budget_rate == 0.75 and report.summary.computed_total == 97.5
    assert ("P101", "I2") in codes and ("S109", "B12") in codes
    assert not [c for c in codes if c[0] in ("B101", "B102", "B103", "P104", "P105")]


def test_s109_without_it_b103_called_formula_cells_wrong(tmp_path):
    # the case of the issue: a total row of formulas without results got B103 "总额行应填合计数"
    path = _program_written(tmp_path)
    assert found(path, "B103") == [] and found(path, "P104") == []
