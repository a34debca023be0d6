"""annotate decides on a skeleton of the workbook (files/skeleton.py), not on openpyxl's load
of the whole of it: the copy must be the one a whole load would have given, byte for byte,
and an ordinary .xlsx must never fall back to the slow openpyxl path."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

import evalbook
import evalbook.annotation.annotated_copy as copy_module
from evalbook.files.openpyxl_load import load_workbook, mend_styles
from evalbook.files.skeleton import formula_cells, formulas_at
from evalbook.files.splice import Package, SpliceError
from test_annotate_invariant import CASES, inputs

TIME = re.compile(rb"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?")


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("skeleton")
    out = inputs(folder)
    # a user's note, validation and conditional format, and a sheet name that needs escaping
    noted = folder / "noted.xlsx"
    wb = openpyxl.load_workbook(out["form"])
    ws = wb["指标"]
    ws["A1"].comment = openpyxl.comments.Comment("单位的批注", "张三")
    theirs = DataValidation(type="whole", operator="between", formula1="0", formula2="40")
    theirs.add("G4:G5")  # two leaf scores: the live check leaves them theirs
    ws.add_data_validation(theirs)
    for where in ("E3:E9", "G3"):  # G3 also gets evalbook's mark (a score above its cap)
        ws.conditional_formatting.add(where, CellIsRule(operator="lessThan", formula=["0"],
                                                        fill=PatternFill("solid", start_color="FFCCCCFF")))
    wb.create_sheet("说明 & <附>")["A1"] = "备注"
    wb.save(noted)
    out["noted"] = noted
    return out


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: TIME.sub(b"T", z.read(n)) for n in z.namelist()}


def whole_load(pkg: Package, keep, merges, book, read=None):
    """What the skeleton stands for: openpyxl's load of the whole input. Less the user's
    conditional formats, which the skeleton leaves out by design (the splicer keeps them in the
    sheet's bytes and puts evalbook's after them): in a whole load, openpyxl files a mark whose
    range equals one of the user's under the user's block, and the marks' order then depends
    on the user's ranges."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    wb = load_workbook(pkg.path, rich_text=True)
    mend_styles(wb)
    for ws in wb.worksheets:
        ws.conditional_formatting = ConditionalFormattingList()
    return wb


@pytest.mark.parametrize("fix", [False, True], ids=["claims_stay", "fix"])
@pytest.mark.parametrize("name", CASES + ["noted"])
def test_the_skeleton_decides_what_a_whole_load_decides(books, tmp_path, monkeypatch, name, fix):
    src = books[name]
    if src.suffix.lower() not in (".xlsx", ".xlsm"):
        pytest.skip("converted inputs are written by openpyxl")

    def no_fallback(*a, **k):
        raise AssertionError("an ordinary workbook fell back to the openpyxl path")

    monkeypatch.setattr(copy_module, "_annotate_openpyxl", no_fallback)
    fast, _ = evalbook.annotate(src, out=tmp_path / ("fast" + src.suffix), fix=fix)
    monkeypatch.setattr(copy_module, "_skeleton_workbook", whole_load)
    slow, _ = evalbook.annotate(src, out=tmp_path / ("slow" + src.suffix), fix=fix)
    assert [f.to_json() for f in fast.findings] == [f.to_json() for f in slow.findings]
    assert parts(tmp_path / ("fast" + src.suffix)) == parts(tmp_path / ("slow" + src.suffix))


@pytest.mark.parametrize("fix", [False, True], ids=["claims_stay", "fix"])
def test_a_second_run_over_the_copy_decides_on_the_skeleton_too(books, tmp_path, monkeypatch, fix):
    # the records of the first run: the cells evalbook wrote are found by their formulas (and
    # the 得分率 header by its text) in the bytes, taken back and planned afresh
    first = tmp_path / "first.xlsx"
    evalbook.annotate(books["noted"], out=first, fix=fix)
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"

    def no_fallback(*a, **k):
        raise AssertionError("the annotated copy fell back to the openpyxl path")

    monkeypatch.setattr(copy_module, "_annotate_openpyxl", no_fallback)
    report, _ = evalbook.annotate(first, out=fast, fix=fix)
    assert any(f.code == "P109" for f in report.findings) == fix
    monkeypatch.setattr(copy_module, "_skeleton_workbook", whole_load)
    evalbook.annotate(first, out=slow, fix=fix)
    assert parts(fast) == parts(slow)


SHEET = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         b'<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>2</v></c></row>'
         b'<row r="3"><c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c></row>'
         b'<row r="4"><c r="B4" s="1"><f t="shared" si="0"/><v>0</v></c><c r="C4" t="str">'
         b'<f>IF(B4&gt;1,"a&amp;b","")</f><v></v></c><c r="D4"><v>3</v></c></row></sheetData></worksheet>')


def test_formula_cells_are_found_in_the_bytes_shared_followers_included():
    assert formula_cells(SHEET) == {(2, 2), (3, 2), (4, 2), (4, 3)}


def test_formulas_at_moves_a_shared_formula_to_its_follower_as_excel_shows_it():
    got = formulas_at(SHEET, {(2, 2), (4, 2), (4, 3), (4, 4), (9, 9)})
    assert got == {(2, 2): "=A2*2", (4, 2): "=A4*2", (4, 3): '=IF(B4>1,"a&b","")'}


def test_cells_without_r_are_not_guessed():
    with pytest.raises(SpliceError):
        formula_cells(b"<sheetData><row><c><f>1+1</f></c></row></sheetData>")


def test_a_kept_shared_formula_follower_comes_with_its_anchor(tmp_path):
    # after Excel or LibreOffice saved the copy, evalbook's formulas may be a shared formula's
    # followers: openpyxl shows a follower's formula only when it has met the anchor first
    from evalbook.files.skeleton import skeleton

    src = tmp_path / "shared.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "表"
    wb.active["A1"] = "x"
    wb.save(src)
    pkg = Package(src)
    part = pkg.sheet_part("表")
    data = SHEET[SHEET.index(b"<sheetData>"):SHEET.index(b"</sheetData>") + 12].replace(b' s="1"', b"")
    pkg.write(part, re.sub(rb"<sheetData>.*</sheetData>|<sheetData\s*/>", data, pkg.read(part), flags=re.S))
    pkg.save(tmp_path / "patched.xlsx")
    loaded = openpyxl.load_workbook(skeleton(Package(tmp_path / "patched.xlsx"), {"表": {(4, 2)}}))
    ws = loaded["表"]
    assert ws["B4"].value == "=A4*2"
    assert ws["B2"].value == "=A2*2" and ws["A2"].value is None  # the anchor, and nothing else


def test_a_mark_goes_on_the_first_cell_of_the_range_that_covers_its_cell(tmp_path):
    from evalbook.annotation.annotated_copy import _Merges
    from evalbook.files.book import Book, Sheet

    book = Book("x.xlsx", "xlsx", [Sheet("表", merged=[(3, 2, 5, 4), (8, 1, 8, 3)])])
    merges = _Merges(book)
    ws = openpyxl.Workbook().active
    ws.title = "表"
    assert [merges.anchor(ws, a1) for a1 in ("C4", "B3", "D5", "E4", "C8", "A9")] == ["B3", "B3", "B3", "E4", "A8", "A9"]
    assert merges.covering({"表": {(4, 3), (9, 9)}}) == {"表": [(3, 2, 5, 4)]}


def test_the_skeleton_holds_the_ranges_it_is_given_and_no_others(tmp_path):
    # a kept cell that a range covers must load as openpyxl's MergedCell (nothing is written
    # into it); the sheet's other ranges, which may be millions of cells, are left out
    from evalbook.files.skeleton import skeleton

    src = tmp_path / "merged.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws["B3"], ws["A10"] = "x", "y"
    ws.merge_cells("B3:D5")
    ws.merge_cells("A10:Z9000")
    wb.save(src)
    loaded = openpyxl.load_workbook(skeleton(Package(src), {"表": {(4, 3), (3, 2)}}, {"表": [(3, 2, 5, 4)]}))
    ws = loaded["表"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["B3:D5"]
    assert type(ws["C4"]).__name__ == "MergedCell" and ws["B3"].value == "x"
    assert len(ws._cells) < 20  # not the 233,000 cells of A10:Z9000
