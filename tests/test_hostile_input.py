"""Issue 15: hostile and odd input, round 2. Each test builds its small reproducer itself and
failed before the fix it names: an internal error, a hang, a crash, or a replaced output."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import evalbook
from evalbook.cli import main
from evalbook.errors import InputError
from evalbook.files import door
from evalbook.files.atomic import atomic_write
from evalbook.files.book import Limits
from evalbook.files.door import open_book, sniff
from evalbook.model.formulas import excel_round
from evalbook.model.interval import Interval, round_half_up
from evalbook.model.values import parse_text_number, read_number

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "smart_city.xlsx"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def refusal(path, key, limits=None, seconds=5.0):
    """open_book's one-line refusal *key*, within *seconds*."""
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        open_book(path, limits)
    assert time.perf_counter() - start < seconds
    err = info.value
    assert err.key == key, (err.key, err.params)
    for lang in ("zh", "en"):
        text = err.message(lang)
        assert "\n" not in text and os.path.basename(str(path)) in text
    return err


def sheet_xlsx(path: Path, sheet_data: str, after: str = "", prolog: str = "") -> Path:
    """A one-sheet package whose worksheet XML is written by hand."""
    wb = openpyxl.Workbook()
    wb.active.title = "指标"
    wb.active["A1"] = "x"
    wb.save(path)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{NS}">'
           f"<sheetData>{sheet_data}</sheetData>{after}</worksheet>")
    return replace_part(path, "xl/worksheets/sheet1.xml", xml.encode())


def replace_part(path: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path) as zf:
        parts = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts:
            zf.writestr(n, data if n == name else d)
        if name not in {n for n, _ in parts}:
            zf.writestr(name, data)
    return path


def set_value(src: Path, dst: Path, sheet_part: str, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(src) as zf:
        parts = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts:
            if n == sheet_part:
                assert old in d
                d = d.replace(old, new, 1)
            zf.writestr(n, d)
    return dst


# A comment keeps a part off the regex path, so both readers are held to the same rules.
EXPAT = "<!-- read by expat -->"


# --- cost bounded by work ---------------------------------------------------------------


@pytest.mark.parametrize("path_kind", ["fast", "expat"])
def test_overlapping_merged_ranges_are_refused_quickly_not_walked(tmp_path, path_kind):
    # 300 ranges of 192,000 cells each in a few KB: the grid walk took 87 s before.
    merges = "".join(f'<mergeCell ref="A{i}:L{i + 16000}"/>' for i in range(1, 301))
    path = sheet_xlsx(tmp_path / "merges.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
                      f'<mergeCells count="300">{merges}</mergeCells>', EXPAT if path_kind == "expat" else "")
    assert path.stat().st_size < 16_000
    err = refusal(path, "limit.merged", seconds=2)
    assert "--max-cells" in err.message("en")


@pytest.mark.parametrize("ref", ["ZZZZ1", "ABCDEFGH1", "ABCDEFGHIJKLMN1", "A1000000000000000", "XFE1",
                                 "A1048577", "A0"])
@pytest.mark.parametrize("path_kind", ["fast", "expat"])
def test_a_cell_past_excels_grid_is_refused_on_both_read_paths(tmp_path, ref, path_kind):
    data = f'<row r="1"><c r="{ref}"><v>1</v></c></row>'
    path = sheet_xlsx(tmp_path / "ref.xlsx", data, prolog=EXPAT if path_kind == "expat" else "")
    refusal(path, "outside_grid", seconds=2)


@pytest.mark.parametrize("row", ["1048577", "1e15", "1000000000000000"])
def test_a_row_number_past_the_grid_is_refused(tmp_path, row):
    path = sheet_xlsx(tmp_path / "row.xlsx", f'<row r="{row}"><c><v>1</v></c></row>')
    refusal(path, "outside_grid")


@pytest.mark.parametrize("ref", ["A1:ZZZZ9", "A1:A1048577"])
def test_a_merged_range_past_the_grid_is_refused(tmp_path, ref):
    path = sheet_xlsx(tmp_path / "m.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>',
                      f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>')
    refusal(path, "outside_grid")


def test_cells_past_xfd_by_position_are_refused(tmp_path):
    # Cells without r follow each other: the 16,385th in a row is column XFE.
    path = sheet_xlsx(tmp_path / "wide.xlsx", '<row r="1">' + "<c><v>1</v></c>" * 16_385 + "</row>")
    refusal(path, "outside_grid")


def test_a_hyperlink_over_the_whole_grid_counts_every_cell_it_would_make(tmp_path):
    # openpyxl's load (annotate) makes a cell for each cell a hyperlink covers: 17 billion.
    path = sheet_xlsx(tmp_path / "link.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>',
                      '<hyperlinks><hyperlink ref="A1:XFD1048576" display="x"/></hyperlinks>')
    refusal(path, "limit.cells", seconds=2)


@pytest.mark.parametrize("path_kind", ["fast", "expat"])
def test_too_many_cells_and_rows_are_refused_naming_the_limit(tmp_path, path_kind):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c></row>' for r in range(1, 2001))
    path = sheet_xlsx(tmp_path / "big.xlsx", rows, prolog=EXPAT if path_kind == "expat" else "")
    err = refusal(path, "limit.cells", Limits(cells=3000))
    assert "3,000" in err.message("en") and "指标" in err.message()
    refusal(path, "limit.rows", Limits(rows=1000))
    assert len(open_book(path, Limits(cells=4000)).sheets[0].cells) == 4000
    assert len(open_book(path).sheets[0].cells) == 4000  # the defaults are far above a form


def test_too_many_shared_strings_or_styles_are_refused(tmp_path):
    import xlsxwriter

    path = tmp_path / "ss.xlsx"
    wb = xlsxwriter.Workbook(str(path))  # writes shared strings, as Excel does
    ws = wb.add_worksheet("指标")
    for i in range(50):
        ws.write_string(i, 0, f"s{i}", wb.add_format({"num_format": f'0.{"0" * (i % 20)}"u{i}"'}))
    wb.close()
    refusal(path, "limit.strings", Limits(strings=10))
    refusal(path, "limit.styles", Limits(styles=10))


def test_huge_text_costs_nothing_beyond_its_bytes(tmp_path):
    # Excel holds 32,767 characters a cell; a longer text is cut, not carried through the reader.
    path = sheet_xlsx(tmp_path / "text.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>'
                      + "长" * 200_000 + "</t></is></c></row>")
    assert len(open_book(path).sheets[0].value(1, 1)) == 32_767


def test_max_cells_option_refuses_and_raises_the_limit(tmp_path):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r}</v></c></row>' for r in range(1, 51))
    path = sheet_xlsx(tmp_path / "rows.xlsx", rows)
    r = CliRunner().invoke(main, ["check", "--lang", "en", "--max-cells", "50", str(path)])
    assert r.exit_code == 2 and "more than 50 cells" in r.output and "--max-cells" in r.output
    r = CliRunner().invoke(main, ["check", "--max-cells", "5000", str(path)])
    assert r.exit_code in (0, 1), r.output
    with pytest.raises(InputError):
        evalbook.check(path, limits=Limits.scaled(50))


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [b"1" + b"0" * 400, b"-" + b"9" * 400, b"-1e308", b"1e308", b"1e999",
                                    b"5e-324", b"1000000000000000.5"])
def test_huge_and_odd_numbers_in_the_budget_are_read_never_a_crash(tmp_path, number):
    # B5 of the project sheet is the year's budget.
    wb = openpyxl.load_workbook(EXAMPLE)
    ws = wb["项目"] if "项目" in wb.sheetnames else wb.worksheets[0]
    ws["B5"] = 987654.321
    base = tmp_path / "base.xlsx"
    wb.save(base)
    part = "xl/worksheets/sheet1.xml" if wb.worksheets[0] is ws else f"xl/worksheets/sheet{wb.worksheets.index(ws) + 1}.xml"
    path = set_value(base, tmp_path / "n.xlsx", part, b"<v>987654.321</v>", b"<v>" + number + b"</v>")
    report = evalbook.check(path)  # before: OverflowError for 400 digits
    assert report.summary is not None


def test_number_helpers_take_every_float_and_huge_integers():
    for x in (10 ** 400, -(10 ** 400), float("nan"), float("inf"), float("-inf")):
        assert read_number(x) is None
    assert read_number(-1e308).value == -1e308
    assert round_half_up(-1e308, 2) == -1e308
    assert round_half_up(1.5, 400) == 1.5
    assert excel_round(-1e308, 2) == -1e308  # before: decimal.InvalidOperation
    assert excel_round(123456789012.5, 20) == 123456789012.5
    assert excel_round(float("nan"), 2) != excel_round(float("nan"), 2)
    assert parse_text_number("0e" + "9" * 5000) is not None  # before: ValueError (int digits limit)
    assert parse_text_number("1." + "0" * 400).value == 1.0
    assert parse_text_number("9" * 400) is None
    assert Interval.around(1.0, 400).overlaps(Interval.exact(1.0))


# --- the door: FIFOs and DTDs ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "form.xlsx"
    os.mkfifo(fifo)
    # Opening a FIFO with no writer blocks for ever: run it where a hang cannot stall the suite.
    code = "import sys; from evalbook.cli import main; main()"
    run = subprocess.run([sys.executable, "-c", code, "check", str(fifo)], capture_output=True, text=True,
                         timeout=30, cwd=ROOT)
    assert run.returncode == 2 and "不是普通文件" in run.stderr and "Traceback" not in run.stderr
    with pytest.raises(InputError) as info:
        sniff(fifo)
    assert info.value.key == "not_regular"


@pytest.mark.parametrize("part", ["docProps/app.xml", "xl/theme/theme1.xml", "_rels/.rels", "xl/worksheets/sheet1.xml"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_dtd_after_a_long_prolog_comment_is_refused_in_any_part(tmp_path, part, encoding):
    path = tmp_path / "dtd.xlsx"
    openpyxl.Workbook().save(path)
    with zipfile.ZipFile(path) as zf:
        text = zf.read(part).decode("utf-8")
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    # A 64 KB comment took the DTD past the prolog the guard read before.
    xml = ('<?xml version="1.0" encoding="%s"?><!--%s--><!DOCTYPE x [<!ENTITY a "b">]>%s'
           % (encoding.upper(), "c" * 70_000, body))
    replace_part(path, part, xml.encode(encoding))
    refusal(path, "xml_entities")


def test_a_dtd_in_a_part_named_as_binary_is_refused(tmp_path):
    path = tmp_path / "bin.xlsx"
    openpyxl.Workbook().save(path)
    replace_part(path, "xl/media/image1.bin", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    refusal(path, "xml_entities")


# --- outputs: atomic_write ----------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_folder_target_is_never_replaced(tmp_path):
    fifo = tmp_path / "out.xlsx"
    os.mkfifo(fifo)
    folder = tmp_path / "form.bak.xlsx"  # a .bak that is a folder: IsADirectoryError before
    folder.mkdir()
    for target in (fifo, folder):
        with pytest.raises(InputError) as info:
            with atomic_write(target) as tmp:
                tmp.write_bytes(b"new")
        assert info.value.key == "output_not_regular"
    assert fifo.is_fifo() and folder.is_dir() and leftovers(tmp_path) == []


def test_annotate_onto_a_fifo_leaves_it_a_fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "out.xlsx"
    os.mkfifo(fifo)
    r = CliRunner().invoke(main, ["annotate", str(EXAMPLE), "-o", str(fifo)])
    assert r.exit_code == 2 and "不是普通文件" in r.output
    assert fifo.is_fifo()


def test_annotate_onto_a_device_node_leaves_it_a_device(tmp_path):
    # -o /dev/null run as root would have replaced the device with a workbook.
    import stat

    node = tmp_path / "null.xlsx"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device's numbers
    except (PermissionError, AttributeError, OSError):
        pytest.skip("no device nodes can be made here")
    r = CliRunner().invoke(main, ["annotate", str(EXAMPLE), "-o", str(node)])
    assert r.exit_code == 2 and "不是普通文件" in r.output and len(r.output.strip().splitlines()) == 1
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.xlsx"]


@pytest.mark.parametrize("code,key", [(errno.ENOSPC, "output_disk_full"), (errno.EDQUOT, "output_disk_full"),
                                      (errno.ENAMETOOLONG, "output_name_too_long"), (errno.EIO, "output_failed")])
def test_write_failures_are_one_line_and_leave_nothing_behind(tmp_path, code, key):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(InputError) as info:
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"half")
            raise OSError(code, os.strerror(code))
    assert info.value.key == key and "\n" not in info.value.message()
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_a_locked_target_is_one_line(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def refuse(src, dst):  # what Windows says when Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError) as info:
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"new")
    assert info.value.key == "output_locked"
    monkeypatch.undo()
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_an_error_reading_something_else_is_not_called_an_output_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_write(tmp_path / "out.xlsx"):
            open(tmp_path / "no such source.xlsx", "rb")
    assert leftovers(tmp_path) == []


def test_a_long_chinese_name_that_fits_can_be_written(tmp_path):
    # 80 characters are 240 of NAME_MAX's 255 bytes; the old temporary name added 19 more.
    target = tmp_path / ("绩" * 80 + ".xlsx")
    with atomic_write(target) as tmp:
        assert len(tmp.name.encode()) < 40
        tmp.write_bytes(b"ok")
    assert target.read_bytes() == b"ok"
    too_long = tmp_path / ("绩" * 90 + ".xlsx")
    with pytest.raises(InputError) as info:
        with atomic_write(too_long) as tmp:
            tmp.write_bytes(b"x")
            os.replace(tmp, too_long)
    assert info.value.key == "output_name_too_long"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_mid_write_removes_the_temporary_file(tmp_path, sig):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    code = ("import sys, time; from pathlib import Path; from evalbook.files.atomic import atomic_write\n"
            "with atomic_write(Path(sys.argv[1])) as tmp:\n"
            "    tmp.write_bytes(b'half'); print('writing', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    assert proc.stdout.readline() == b"writing\n"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    if sig == signal.SIGTERM:
        assert proc.returncode == -signal.SIGTERM  # it still ends as the signal asked
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_four_100_mib_sheets_within_the_zip_limits_cost_seconds_not_gigabytes(tmp_path):
    # Issue 15: four sheets of 100 MiB each (few cells, long text) took 37 s and 1.9 GB; a
    # cell's text is now cut at Excel's 32,767 characters as it streams. Measured in a child
    # process, so that its peak memory is its own.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from hostile import four_big_sheets

    path = four_big_sheets(tmp_path / "big.xlsx")
    code = ("import resource, sys, time, evalbook\n"
            "t = time.monotonic()\n"
            "try:\n    evalbook.check(sys.argv[1])\nexcept evalbook.errors.InputError:\n    pass\n"
            "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    run = subprocess.run([sys.executable, "-c", "import evalbook.errors\n" + code, str(path)],
                         capture_output=True, text=True, timeout=120, check=True)
    seconds, peak_kib = run.stdout.split()
    assert float(seconds) < 15 and int(peak_kib) < 1024 * 1024, run.stdout
