"""annotate on odd files that check accepts (issue 15): each ends as exit 0/1 or one line,
never an internal error, and the copy is a file Excel opens without repair."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import indicator_rows, project_rows, standard, write_book

import evalbook
from evalbook.errors import InputError

ROOT = Path(__file__).resolve().parent.parent


def patch(path: Path, part: str, edit) -> Path:
    with zipfile.ZipFile(path) as z:
        data = {i.filename: z.read(i) for i in z.infolist()}
    data[part] = edit(data[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in data.items():
            z.writestr(name, body)
    return path


def test_a_date_typed_cell(tmp_path):
    p = patch(standard(tmp_path), "xl/worksheets/sheet2.xml", lambda x: x.replace(
        b"</sheetData>", b'<row r="40"><c r="K40" t="d"><v>2023-05-01T00:00:00</v></c></row></sheetData>', 1))
    report, out = evalbook.annotate(p)
    assert openpyxl.load_workbook(out)["指标"]["K40"].value.year == 2023  # a date still, not 45047


def test_a_style_naming_a_number_format_the_file_lacks(tmp_path):
    p = standard(tmp_path)

    def add_xf(x):
        m = re.search(rb'<cellXfs count="(\d+)">', x)
        add_xf.index = int(m.group(1))
        x = x.replace(m.group(0), b'<cellXfs count="%d">' % (add_xf.index + 1))
        return x.replace(b"</cellXfs>", b'<xf numFmtId="200" fontId="0" fillId="0" borderId="0" '
                                        b'applyNumberFormat="1"/></cellXfs>')

    patch(p, "xl/styles.xml", add_xf)
    patch(p, "xl/worksheets/sheet1.xml",
          lambda x: re.sub(rb'<c r="B12"( s="\d+")?', b'<c r="B12" s="%d"' % add_xf.index, x))
    report, out = evalbook.annotate(p)
    assert openpyxl.load_workbook(out)["项目"]["B12"].number_format == "General"


def test_a_value_in_column_xfd_leaves_no_room_for_a_new_rate_column(tmp_path):
    p = standard(tmp_path, indicators=[r[:9] + r[10:] for r in indicator_rows()])  # no 得分率
    patch(p, "xl/worksheets/sheet2.xml",
          lambda x: x.replace(b"</row>", b'<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', 1))
    report, out = evalbook.annotate(p)
    with zipfile.ZipFile(out) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert not re.search(rb'r="XF[E-Z]\d+"|r="X[G-Z][A-Z]\d+"', sheets)
    assert evalbook.check(out).summary.errors == report.summary.errors


def test_a_row_past_the_grid_is_refused_as_check_refuses_it(tmp_path):
    p = patch(standard(tmp_path), "xl/worksheets/sheet2.xml", lambda x: x.replace(
        b"</sheetData>", b'<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>', 1))
    with pytest.raises(InputError) as check_err:
        evalbook.check(p)
    with pytest.raises(InputError) as annotate_err:
        evalbook.annotate(p)
    assert annotate_err.value.key == check_err.value.key


def test_a_number_no_spreadsheet_can_hold_is_one_line(tmp_path):
    p = patch(standard(tmp_path), "xl/worksheets/sheet1.xml", lambda x: x.replace(
        b"</sheetData>", b'<row r="20"><c r="B20"><v>1' + b"0" * 400 + b"</v></c></row></sheetData>", 1))
    evalbook.check(p)
    with pytest.raises(InputError) as err:
        evalbook.annotate(p)
    assert err.value.key == "annotate_number_too_large" and "项目!B20" in err.value.message()


def test_max_cells_reaches_annotate(tmp_path):
    p = standard(tmp_path)
    with pytest.raises(InputError) as err:
        evalbook.annotate(p, limits=evalbook.files.book.Limits.scaled(20))
    assert "--max-cells" in err.value.message() or "20" in err.value.message()
    run = subprocess.run([sys.executable, "-m", "evalbook.cli", "annotate", str(p), "--max-cells", "20"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and len(run.stdout.strip().splitlines() + run.stderr.strip().splitlines()) == 1
    run = subprocess.run([sys.executable, "-m", "evalbook.cli", "annotate", str(p), "--max-cells", "100000"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode in (0, 1), run.stderr


def test_annotating_an_xlsm_prints_nothing_on_stderr(tmp_path, monkeypatch):
    src = standard(tmp_path)
    wb = openpyxl.load_workbook(src)
    xlsm = tmp_path / "宏.xlsm"
    wb.save(xlsm)
    with zipfile.ZipFile(xlsm, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 508)
    patch(xlsm, "[Content_Types].xml", lambda x: x.replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>').replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"))
    run = subprocess.run([sys.executable, "-X", "dev", "-m", "evalbook.cli", "annotate", str(xlsm)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode in (0, 1) and run.stderr == "", run.stderr
    # the package openpyxl keeps open for the VBA part is closed when annotate returns (on the
    # openpyxl path: the splicer's skeleton holds no VBA)
    import evalbook.annotation.annotated_copy as copy_module
    from evalbook.files.splice import SpliceError

    def no_splice(*a, **k):
        raise SpliceError("test: the openpyxl path")

    monkeypatch.setattr(copy_module, "_annotate_spliced", no_splice)
    loaded = []
    real = copy_module.load_workbook
    monkeypatch.setattr(copy_module, "load_workbook", lambda *a, **k: loaded.append(real(*a, **k)) or loaded[-1])
    evalbook.annotate(xlsm, out=tmp_path / "again.xlsm")
    assert loaded and loaded[0].vba_archive.fp is None


def test_in_place_of_an_xls_never_overwrites_another_workbook(tmp_path, monkeypatch):
    from evalbook.annotation.target import target_path

    xls = tmp_path / "report.xls"
    xls.write_bytes(b"")
    assert target_path(xls, None, True, "xls") == tmp_path / "report.xlsx"
    other = tmp_path / "report.xlsx"
    shutil.copyfile(ROOT / "examples" / "consistent.xlsx", other)
    assert target_path(xls, None, True, "xls") == tmp_path / "report.checked.xlsx"
    monkeypatch.chdir(tmp_path)
