"""S108: a cell the rules read holds an error value, or a formula no spreadsheet can evaluate."""

import openpyxl
import pytest
from builders import indicator_rows, project_rows, standard

import evalbook

from ..helpers import base_is_clean, found


@pytest.mark.parametrize("error", ["#NAME?", "#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NUM!", "#NULL!"])
def test_s108_an_error_value_in_a_score_cell(tmp_path, error):
    rows = indicator_rows()
    rows[3][8] = error  # openpyxl stores it as an error value (t="e"), as Excel does
    path = standard(tmp_path, indicators=rows)
    assert openpyxl.load_workbook(path)["指标"]["I4"].data_type == "e"
    report = evalbook.check(path)
    assert [(f.code, f.cell) for f in report.findings if f.code in ("S108", "S103")] == [("S108", "I4")]
    msg = next(f.message for f in report.findings if f.code == "S108")
    assert error in msg and "指标!I4" in msg and "丙" in msg
    base_is_clean(tmp_path, "S108")


def test_s108_error_values_in_the_funds_block_and_an_actual_value(tmp_path):
    proj = project_rows()
    proj[15][5] = "#DIV/0!"  # 执行率
    rows = indicator_rows()
    rows[2][6] = "#N/A"  # 实际完成值: read by T rules
    path = standard(tmp_path, project=proj, indicators=rows)
    assert found(path, "S108") == [("S108", "项目", "F16", "error"), ("S108", "指标", "G3", "error")]


def test_s108_a_formula_no_spreadsheet_can_evaluate(tmp_path):
    rows = indicator_rows()
    path = standard(tmp_path, indicators=rows)
    wb = openpyxl.load_workbook(path)
    wb["指标"]["I2"] = "=8个"  # written as a formula without a result, as programs do
    wb["指标"]["I3"] = "=(10"  # an open bracket
    wb.save(path)
    report = evalbook.check(path)
    s108 = [f for f in report.findings if f.code == "S108"]
    assert [(f.cell, f.expected) for f in s108] == [("I2", 8), ("I3", None)]
    assert "=8个" in s108[0].message and "指标!I2" in s108[0].message and "8" in s108[0].message
    assert not [f for f in report.findings if f.code == "S103"]


def test_s108_silent_on_a_text_cell_that_merely_starts_with_a_hash(tmp_path):
    rows = indicator_rows()
    rows[7][10] = "#1 宣传不足"
    assert found(standard(tmp_path, indicators=rows), "S108") == []
