"""校验结果 prints and reads well; notes show beside their cells; a locked OUT is one line."""

from __future__ import annotations

import errno
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import evalbook
from evalbook.annotation import RESULT_SHEET
from evalbook.annotation.results_sheet import local_time
from evalbook.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _copy(tmp_path, name="smart_city"):
    p = tmp_path / f"{name}.xlsx"
    shutil.copyfile(ROOT / "examples" / f"{name}.xlsx", p)
    return p


def test_results_sheet_prints_a4_landscape_one_page_wide_with_its_header_repeated(tmp_path):
    _, out = evalbook.annotate(_copy(tmp_path))
    ws = openpyxl.load_workbook(out)[RESULT_SHEET]
    header = next(c.row for c in ws["A"] if c.value == "代码")
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${header}:${header}"
    assert all(ws.cell(r, 4).alignment.wrap_text for r in range(header + 1, header + 4))


def test_the_time_is_local_with_its_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        from datetime import datetime, timezone

        shown = local_time(datetime(2024, 5, 6, 6, 3, tzinfo=timezone.utc))
        assert shown == "2024-05-06 14:03:00 (UTC+08:00)"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_percentages_show_as_percentages(tmp_path):
    _, out = evalbook.annotate(_copy(tmp_path), fix=True)
    ws = openpyxl.load_workbook(out)[RESULT_SHEET]
    row = next(r for r in ws.iter_rows() if r[0].value == "P109" and r[2].value.endswith("B11"))
    assert (row[4].value, row[4].number_format) == (0.45, "0.00%") and row[5].number_format == "0.00%"
    rec = next(r for r in ws.iter_rows() if r[0].value == "项目" and r[1].value == "B11")
    assert rec[2].value == 0.45 and "%" in rec[2].number_format


def _anchors(path: Path) -> list[tuple[int, int, int, int, int]]:
    """(column, row, anchor's left column, anchor's top row, height in px) of every note."""
    out = []
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.endswith(".vml"):
                xml = z.read(n).decode()
                for shape in re.findall(r"<[\w:]*shape\b[^>]*height:\d+px.*?</[\w:]*shape>", xml, re.S):
                    height = int(re.search(r"height:(\d+)px", shape).group(1))
                    anchor = re.search(r"Anchor>([^<]+)<", shape).group(1).split(",")
                    row = int(re.search(r"Row>(\d+)<", shape).group(1))
                    col = int(re.search(r"Column>(\d+)<", shape).group(1))
                    out.append((col, row, int(anchor[0]), int(anchor[2]), height))
    return out


def test_notes_sit_beside_their_cells_sized_to_their_text(tmp_path):
    _, out = evalbook.annotate(_copy(tmp_path))
    anchors = _anchors(out)
    assert anchors and all(left == col + 1 and top in (row - 1, 0) for col, row, left, top, _ in anchors)
    heights = {h for *_, h in anchors}
    assert len(heights) > 1 and min(heights) < 60 < max(heights)


def test_an_out_that_is_open_elsewhere_is_one_line_exit_2(tmp_path, monkeypatch):
    src = _copy(tmp_path)
    real = os.replace

    def locked(a, b, *args, **kw):
        if str(b).endswith("out.xlsx"):
            raise PermissionError(errno.EACCES, "Permission denied", str(b))
        return real(a, b, *args, **kw)

    monkeypatch.setattr(os, "replace", locked)
    result = CliRunner().invoke(main, ["annotate", str(src), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()
    assert len(line) == 1 and line[0].startswith("请先关闭") and "再运行" in line[0] and "Traceback" not in result.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") or "tmp" in p.name]
