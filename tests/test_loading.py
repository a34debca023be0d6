"""evalbook.files.openpyxl_load.load_workbook is openpyxl's load, only faster: the same cells, styles and
saved bytes on workbooks with merged ranges of every border and protection kind."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Border, Protection, Side

from evalbook.files.openpyxl_load import lean_imports, load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from forms import build_form  # noqa: E402


def _bordered(path: Path) -> Path:
    """Merges whose top-left cells carry different borders (some sides only, none, all) and
    protection, with covered cells that exist in the file with styles of their own."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标"
    thin, thick = Side(style="thin"), Side(style="thick", color="FF0000")
    cases = [
        ("A1:A6", Border(left=thin, right=thin, top=thin, bottom=thin)),
        ("B1:C3", Border(top=thick, bottom=thin)),
        ("D1:F1", Border()),
        ("B4:D6", Border(left=thick, right=thin)),
        ("G2:H9", Border(left=thin, right=thin, top=thin, bottom=thin)),
    ]
    for rng, border in cases:
        first = rng.split(":")[0]
        ws[first] = f"合并{rng}"
        ws[first].border = border
        ws[first].protection = Protection(locked=False)
    for row in ws["A1:H9"]:
        for cell in row:
            if cell.value is None:
                cell.border = Border(bottom=Side(style="dotted"))  # the covered cells' own style
    for rng, _ in cases:
        ws.merge_cells(rng)
    ws2 = wb.create_sheet("支付")
    ws2["A1"] = "合计"
    ws2.merge_cells("A1:B1")  # no border at all
    wb.save(path)
    return path


def _signature(wb) -> tuple:
    sheets = {ws.title: {k: (type(c).__name__, None if c._style is None else tuple(c._style), c.value)
                         for k, c in ws._cells.items()} for ws in wb.worksheets}
    return (sheets, [repr(b) for b in wb._borders], [repr(p) for p in wb._protections],
            [tuple(s) for s in wb._cell_styles], {ws.title: sorted(map(str, ws.merged_cells.ranges))
                                                  for ws in wb.worksheets})


def _saved_parts(wb) -> dict[str, bytes]:
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # holds the save time


FORMS = {
    "bordered": lambda tmp: _bordered(tmp / "bordered.xlsx"),
    "benchmark": lambda tmp: build_form(tmp / "bench.xlsx", 120, 20),
    "smart_city": lambda tmp: ROOT / "examples" / "smart_city.xlsx",
    "template": lambda tmp: ROOT / "templates" / "evalbook-template.xlsx",
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_same_workbook_as_openpyxl_loads(tmp_path, form):
    path = FORMS[form](tmp_path)
    theirs, ours = openpyxl.load_workbook(path), load_workbook(path)
    assert _signature(ours) == _signature(theirs)
    assert _saved_parts(ours) == _saved_parts(theirs)


def test_merged_cells_get_their_edges(tmp_path):
    """What openpyxl's merge formatting means, so that both cannot drift together unnoticed."""
    ws = load_workbook(_bordered(tmp_path / "b.xlsx"))["指标"]
    assert ws["A6"].border.bottom.style == "thin" and ws["A6"].border.left.style == "thin"
    assert ws["A3"].border.top.style is None  # inside the edge: no top
    assert ws["C1"].border.top.style == "thick" and ws["C1"].border.top.color.rgb == "00FF0000"
    assert ws["D6"].border.right.style == "thin" and ws["C5"].protection.locked is False


def test_openpyxl_is_itself_again_afterwards(tmp_path):
    from openpyxl.worksheet.merge import MergedCellRange

    before = MergedCellRange.format
    load_workbook(_bordered(tmp_path / "b.xlsx"))
    assert MergedCellRange.format is before


def test_lean_imports_keep_numpy_out_only_inside(tmp_path):
    code = (
        "import sys\n"
        "from evalbook.files.openpyxl_load import lean_imports\n"
        "with lean_imports():\n"
        "    import openpyxl\n"
        "    inside = 'numpy' in sys.modules and sys.modules['numpy'] is not None\n"
        "print(inside, 'numpy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_lean_imports_leave_a_loaded_numpy_alone():
    np = pytest.importorskip("numpy")
    with lean_imports():
        import numpy

        assert numpy is np
    assert sys.modules["numpy"] is np
