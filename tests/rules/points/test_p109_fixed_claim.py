"""P109: a derived figure `evalbook annotate --fix` replaced, as the workbook's records say."""

import openpyxl
from builders import project_rows, standard

import evalbook
from evalbook.annotation import RESULT_SHEET

from ..helpers import base_is_clean, found

TITLE = "evalbook 写入的单元格（原内容）"


def _wrong_total(tmp_path, name="wrong.xlsx"):
    rows = project_rows()
    rows[11] = ["自评得分", 98]  # leaves 89 + budget 10 = 99
    return standard(tmp_path, name=name, project=rows)


def test_p109_fires_on_every_check_of_a_fix_copy(tmp_path):
    path = _wrong_total(tmp_path)
    assert found(path, "P109") == []
    _, out = evalbook.annotate(path, fix=True)
    assert found(out, "P109") == [("P109", "项目", "B12", "warning")]
    f = next(f for f in evalbook.check(out).findings if f.code == "P109")
    assert (f.stated, f.expected) == (98, 99) and f.message.startswith("原填 98，现为公式 = 99")
    assert found(out, "P104") == []
    base_is_clean(tmp_path, "P109")


def test_p109_is_silent_on_a_copy_that_kept_its_claims(tmp_path):
    _, out = evalbook.annotate(_wrong_total(tmp_path))
    assert found(out, "P109") == [] and found(out, "P104") == [("P104", "项目", "B12", "error")]


def _with_records(path, rows):
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet(RESULT_SHEET)
    ws.append([TITLE])
    ws.append(["工作表", "单元格"])
    for r in rows:
        ws.append(r)
        ws.cell(ws.max_row, 6).data_type = "s"  # evalbook writes its formula there as text
    wb.save(path)
    return path


def test_p109_silent_when_the_cell_states_the_claim_again_and_near_miss(tmp_path):
    # the record says 99.4 shown as 99 was stated: the cell's 99 agrees with it, no correction
    path = _with_records(standard(tmp_path), [["项目", "B12", 99.4, "0", None, "=SUM(1)", "P109"]])
    assert found(path, "P109") == []
    path = _with_records(standard(tmp_path, name="b.xlsx"), [["项目", "B12", 98, "General", None, "=SUM(1)", "P109"]])
    assert found(path, "P109") == [("P109", "项目", "B12", "warning")]


def test_a_crafted_records_block_is_never_trusted(tmp_path):
    path = _with_records(standard(tmp_path), [
        ["项目", "A1:XFD1048576", 98, "General", None, "=SUM(1)", "P109"],  # a range
        ["没有这张表", "B12", 98, "General", None, "=SUM(1)", "P109"],  # no such sheet
        ["项目", "XFE1", 98, "General", None, "=SUM(1)", "P109"],  # outside Excel's grid
        ["项目", "B99999999", 98, "General", None, "=SUM(1)", "P109"],
        ["项目", "B12", 98, "General", None, "=SUM(1)", "p109"],  # the one usable row (case as saved)
    ])
    assert found(path, "P109") == [("P109", "项目", "B12", "warning")]
    # annotate takes nothing from it into a formula or a range
    _, out = evalbook.annotate(path)
    wb = openpyxl.load_workbook(out)
    formulas = [c.value for ws in wb.worksheets for c in ws._cells.values() if c.data_type == "f"]
    assert formulas and not any("SUM(1)" in f for f in formulas)
    assert wb["项目"].max_column < 50 and wb["项目"].max_row < 100
