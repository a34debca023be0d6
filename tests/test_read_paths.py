"""Every read path gives the same Book and, through the whole rule suite, the same findings.

The check reads .xlsx with its own expat parser (evalbook.files.xlsx, for speed); annotate and
anything else that loads with openpyxl see openpyxl's meaning of the same cells; .xls comes
through xlrd. The fast reader itself has two parsers: one regular expression for cells of
the shape every writer uses, expat for anything else. A form must not pass on one path and
fail on another, so each path is run on
the same workbooks and compared: cell by cell on a hand-written package that holds every
cell kind OOXML has, and finding by finding (JSON) on built forms with merged tier cells,
text numbers and full-width digits.
"""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import PROJECT_FORMATS, indicator_rows, project_rows, standard, write_book

from evalbook import profiles
from evalbook.pipeline import run_rules
from evalbook.read import read_book
from evalbook.files.book import Formula
from evalbook.files.openpyxl_load import book_from_openpyxl
from evalbook.files.xls import read_xls
from evalbook.files.xlsx import read_xlsx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from forms import build_form  # noqa: E402

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def fast(path: Path):
    return read_xlsx(str(path))


def full_load(path: Path):
    wb = openpyxl.load_workbook(path, data_only=True)
    try:
        return book_from_openpyxl(wb, str(path))
    finally:
        wb.close()


def cells(book, formulas: bool = False):
    """Every cell of *book*; without *formulas*, not the formula cells that have no stored
    result, which only evalbook's reader keeps (openpyxl's data_only load makes them blanks)."""
    return {s.name: ({k: (type(c.value).__name__, c.value, c.fmt) for k, c in s.cells.items()
                      if formulas or not isinstance(c.value, Formula)},
                     sorted(s.merged)) for s in book.sheets}


def findings_json(book) -> dict:
    report = run_rules(read_book(book), profiles.load(None), "zh", sheet_order=[s.name for s in book.sheets])
    out = report.to_json()
    out.pop("file")
    return out


# --- a package written by hand: every kind of cell ------------------------------------------

SHARED = [
    # a rich-text run split in two, with a phonetic guide that is not part of the text
    '<si><r><t>产出</t></r><r><rPr><b/></rPr><t>指标</t></r><rPh sb="0" eb="2"><t>チャン</t></rPh></si>',
    "<si><t>&lt;5&gt; 分</t></si>",
    '<si><t xml:space="preserve">  </t></si>',  # blank: not a cell
    "<si><t>a_x005F_x000D_b</t></si>",  # Excel's escaped underscore
    "<si><t>１２．５</t></si>",
]

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="165" formatCode="0.00&quot;分&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts>
<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="10"/>
<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/></cellXfs>
</styleSheet>"""

SHEET = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5E2</v></c><c r="C1" t="s"><v>4</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>１２．５</t></is></c><c r="B2" t="s"><v>2</v></c><c r="C2" s="3"/></row>
<row r="3"><c r="A3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B3" t="s"><v>3</v></c><c r="C3"><v>9</v></c></row>
<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c></row>
<row r="5"><c r="A5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B5" t="s"><v>1</v></c></row>
<row r="6"><c r="A6" s="1"><v>45000</v></c><c r="B6" s="2"><v>45291.5</v></c></row>
<row r="7"><c r="A7" s="3"><v>0.4469</v></c><c r="B7" s="4"><v>12</v></c></row>
<row r="8"><c r="A8"><f>SUM(B1:B2)</f></c><c r="B8" s="5"><v>1.5</v></c><c r="C8" s="6"><v>0.5</v></c></row>
<row r="9"><c r="A9" s="1"><v>30</v></c><c r="B9" s="1"><v>3000000</v></c></row>
<row><c t="s"><v>1</v></c><c><v>3</v></c><c r="E10" t="inlineStr"><is><r><t>合</t></r><r><t>计</t></r></is></c></row>
<row><c><v>-0.25</v></c><c><v>7</v></c></row>
</sheetData><mergeCells count="2"><mergeCell ref="C1:C5"/><mergeCell ref="D6:E7"/></mergeCells></worksheet>"""


# The same kinds again in the shape every writer uses (r, s, t; <v> or a plain <is>), which
# the one-regex reader takes; SHEET above has cells without r, which send it to expat.
CANONICAL_SHEET = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:E9"/><sheetData>
<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5E2</v></c><c r="C1" t="s"><v>4</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">１２．５ &amp; 分</t></is></c><c r="B2" t="s"><v>2</v></c><c r="C2" s="3"/></row>
<row r="3"><c r="A3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B3" t="s"><v>3</v></c><c r="C3" t="inlineStr"><is><t></t></is></c></row>
<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c><c r="C4" s="1" t="n"><v>45000</v></c></row>
<row r="5"><c r="A5" t="str"><f>"a"&amp;"&lt;b&gt;"</f><v>a&lt;b&gt;&#x4E2D;</v></c><c r="B5" t="s"><v>1</v></c></row>
<row r="6"><c r="A6" s="2"><f t="shared" ref="A6:A7" si="0">B6+1</f><v>45291.5</v></c><c r="B6" s="4"><v>12</v></c></row>
<row r="7"><c r="A7" s="3"><f t="shared" si="0"/><v>0.4469</v></c><c r="B7"><f>SUM(B1:B2)</f><v /></c></row>
<row r="8"><c r="AA8" s="5"><v>1.5</v></c><c r="AB8" s="6"><v>0.5</v></c><c r="AC8" s="1"><v>3000000</v></c></row>
<row r="9"><c r="E9"><v>-0.25</v></c><c r="F9" t="str"><f>IF(E9&gt;0,"x","")</f><v></v></c></row>
</sheetData><mergeCells count="2"><mergeCell ref="C1:C5"/><mergeCell ref="$D$6:E7"/></mergeCells></worksheet>"""


def handmade(path: Path, date1904: bool, sheet: str = SHEET) -> Path:
    wbpr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f'{wbpr}<sheets><sheet name="杂项 表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" count="{len(SHARED)}">'
            + "".join(SHARED) + "</sst>"),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return path


@pytest.mark.filterwarnings("ignore:Workbook contains no default style", "ignore:Cell B9 is marked as a date")
@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_every_cell_kind_reads_as_openpyxl_reads_it(tmp_path, date1904):
    path = handmade(tmp_path / "kinds.xlsx", date1904)
    ours = fast(path)
    assert cells(ours) == cells(full_load(path))
    # and what that is, so that both paths cannot drift together unnoticed
    got, merged = cells(ours)["杂项 表"]
    epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    assert got[(1, 1)] == ("str", "产出指标", "General")
    assert got[(1, 2)] == ("float", 150.0, "General")
    assert got[(2, 1)] == ("str", "１２．５", "General")
    assert (2, 2) not in got and (2, 3) not in got and (8, 1) not in got  # blank, styled, uncached
    # a formula without a stored result is kept as such, not read as a blank (S109)
    assert cells(ours, formulas=True)["杂项 表"][0][(8, 1)] == ("Formula", Formula("SUM(B1:B2)"), "General")
    assert (3, 3) not in got  # a value under a merge: gone, as openpyxl drops it
    assert got[(3, 1)][1] == "#DIV/0!" and got[(3, 2)][1] == "a_x000D_b"
    assert got[(4, 1)] == ("bool", True, "General") and got[(4, 2)] == ("bool", False, "General")
    assert got[(5, 1)][1] == "ab" and got[(5, 2)][1] == "<5> 分"
    assert got[(6, 1)] == ("datetime", epoch + dt.timedelta(days=45000), "mm-dd-yy")
    assert got[(6, 2)][1] == epoch + dt.timedelta(days=45291, hours=12)
    assert got[(7, 1)] == ("float", 0.4469, "0.00%") and got[(7, 2)] == ("int", 12, '0.00"分"')
    assert got[(8, 2)] == ("timedelta", dt.timedelta(hours=36), "[h]:mm")
    assert got[(8, 3)] == ("time", dt.time(12, 0), "h:mm")
    assert got[(9, 2)][1] == "#VALUE!"  # a date past year 9999
    assert got[(10, 1)][1] == "<5> 分" and got[(10, 2)][1] == 3 and got[(10, 5)][1] == "合计"
    assert got[(11, 1)][1] == -0.25 and got[(11, 2)] == ("int", 7, "General")
    assert merged == [(1, 3, 5, 3), (6, 4, 7, 5)]


@pytest.mark.filterwarnings("ignore:Workbook contains no default style", "ignore:Cell AC8 is marked as a date")
@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_the_usual_cell_shape_reads_the_same_through_the_regex(tmp_path, date1904, monkeypatch):
    path = handmade(tmp_path / "canonical.xlsx", date1904, CANONICAL_SHEET)
    used = _fast_path_used(path)
    assert used == [True]
    ours = fast(path)
    assert cells(ours) == cells(full_load(path)) == cells(_expat_only(path, monkeypatch))
    assert cells(ours, True) == cells(_expat_only(path, monkeypatch), True)
    assert cells(ours, True)["杂项 表"][0][(7, 2)] == ("Formula", Formula("SUM(B1:B2)"), "General")
    # a formula whose stored result is the empty string (t="str", <v></v>) is a blank, not S109
    assert (9, 6) not in cells(ours, True)["杂项 表"][0]
    got, merged = cells(ours)["杂项 表"]
    assert got[(2, 1)][1] == "１２．５ & 分" and got[(5, 1)][1] == "a<b>中" and (3, 3) not in got
    assert got[(6, 1)][0] == "datetime" and got[(7, 1)] == ("float", 0.4469, "0.00%") and (7, 2) not in got
    assert got[(8, 27)][1] == dt.timedelta(hours=36) and merged == [(1, 3, 5, 3), (6, 4, 7, 5)]
    assert (4, 3) not in got  # a value under a merge: gone, as openpyxl drops it


def _fast_path_used(path: Path) -> list[bool]:
    """Which sheets the one-regex reader took (the others went to expat)."""
    from evalbook.files import xlsx as ooxml

    seen = []
    original = ooxml._fast_cells

    def spy(*args):
        seen.append(original(*args))
        return seen[-1]

    ooxml._fast_cells = spy
    try:
        fast(path)
    finally:
        ooxml._fast_cells = original
    return seen


def _expat_only(path: Path, monkeypatch):
    from evalbook.files import xlsx as ooxml

    with monkeypatch.context() as m:
        m.setattr(ooxml, "_fast_cells", lambda *args: False)
        return fast(path)


def test_unusual_cells_go_to_expat(tmp_path):
    assert _fast_path_used(handmade(tmp_path / "kinds.xlsx", False)) == [False]  # cells without r


# --- whole forms through the rule suite -------------------------------------------------------


def _merged_form(tmp_path: Path) -> Path:
    """The consistent form with its tier names merged down, text numbers, full-width digits
    and a few mistakes, so that there are findings to compare."""
    rows = indicator_rows()
    rows[1][7] = "１０"  # a full-width text cap
    rows[2][8] = "9"  # a text score: S103-adjacent, SUM skips it
    rows[4][8] = "满分"  # text that is not a number
    for r in range(2, len(rows) + 1):
        if r not in (2, 4, 6, 8):
            rows[r - 1][0] = None  # covered by the merge below, as Excel empties them
        if r not in (2, 4, 6, 8):
            rows[r - 1][1] = None
    project = project_rows()
    project[11][1] = "９８"  # claimed total as full-width text, one point short
    payments = [["支付日期", "支付事项", "金额"], [dt.date(2023, 3, 1), "首付", 60], ["2023年9月1日", "尾款", "40"],
                ["合计", None, 100]]
    merges = {"指标": ["A2:A5", "B2:B3", "B4:B5", "A6:A7", "B6:B7"]}
    formats = {"支付": {"A2": "yyyy-mm-dd"}, "项目": dict(PROJECT_FORMATS)}
    return standard(tmp_path, "merged.xlsx", project=project, indicators=rows, merges=merges, formats=formats,
                    extra={"支付": payments})


FORMS = {
    "merged": _merged_form,
    "benchmark": lambda tmp: build_form(tmp / "bench.xlsx", 60, 40),
    "benchmark_consistent": lambda tmp: build_form(tmp / "clean.xlsx", 30, mistakes=False),
    "smart_city": lambda tmp: ROOT / "examples" / "smart_city.xlsx",
    "hotline": lambda tmp: ROOT / "examples" / "hotline.xlsx",
    "village_network": lambda tmp: ROOT / "examples" / "village_network.xlsx",
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_findings_are_the_same_on_every_xlsx_path(tmp_path, form, monkeypatch):
    path = FORMS[form](tmp_path)
    ours, theirs = fast(path), full_load(path)
    assert cells(ours) == cells(theirs) == cells(_expat_only(path, monkeypatch))
    assert all(_fast_path_used(path)), "every writer's sheets take the one-regex reader"
    got = findings_json(ours)
    assert got == findings_json(theirs)
    if form != "benchmark_consistent":
        assert got["findings"], "a form without findings would compare nothing"


def test_the_benchmark_form_without_mistakes_is_clean(tmp_path):
    """The forms benchmarks/run.py times are the standard layout, read as intended."""
    book = fast(build_form(tmp_path / "clean.xlsx", 40, 12, mistakes=False))
    got = findings_json(book)
    assert got["findings"] == [] and got["summary"]["grade"] == "优"
    wb = read_book(book)
    assert len(wb.indicators.leaves) == 40 and len(wb.payments.rows) == 12


# --- .xls through xlrd -----------------------------------------------------------------------


def _xls_and_xlsx(tmp_path: Path) -> tuple[Path, Path]:
    """The same form written as .xls (xlwt) and .xlsx (openpyxl): merged tier cells, a text
    number, a full-width digit, percent and date formats."""
    xlwt = pytest.importorskip("xlwt")
    rows = indicator_rows()
    rows[3][8] = "１４"  # full-width text score
    for r in (3, 5, 7):
        rows[r - 1][0] = rows[r - 1][1] = None
    sheets = {
        "项目": project_rows(),
        "指标": rows,
        "支付": [["支付日期", "支付事项", "金额"], [dt.datetime(2023, 3, 1), "首付", 60],
               [dt.datetime(2023, 9, 1), "尾款", 40], ["合计", None, 100]],
    }
    merges = {"指标": [(2, 3, 1), (4, 5, 1), (6, 7, 1), (2, 3, 2), (4, 5, 2), (6, 7, 2)]}
    formats = {"项目": {(11, 2): "0%", (16, 6): "0.00%"}, "支付": {(2, 1): "yyyy-mm-dd", (3, 1): "yyyy-mm-dd"}}
    formats["指标"] = {(r, 10): "0%" for r in range(2, 9)}

    book = xlwt.Workbook(encoding="utf-8")
    for name, sheet_rows in sheets.items():
        ws = book.add_sheet(name)
        merged = {(r1, c): r2 for r1, r2, c in merges.get(name, [])}
        covered = {(r, c) for (r1, c), r2 in merged.items() for r in range(r1 + 1, r2 + 1)}
        for r, row in enumerate(sheet_rows, start=1):
            for c, v in enumerate(row, start=1):
                if (r, c) in covered:
                    continue
                style = xlwt.XFStyle()
                fmt = formats.get(name, {}).get((r, c))
                if fmt:
                    style.num_format_str = fmt
                if (r, c) in merged:
                    ws.write_merge(r - 1, merged[(r, c)] - 1, c - 1, c - 1, v, style)
                elif v is not None:
                    ws.write(r - 1, c - 1, v, style)
    xls = tmp_path / "form.xls"
    book.save(str(xls))

    a1 = {name: {f"{openpyxl.utils.get_column_letter(c)}{r}": f for (r, c), f in fm.items()}
          for name, fm in formats.items()}
    xlsx = write_book(tmp_path / "form.xlsx", sheets,
                      {"指标": [f"{col}{r1}:{col}{r2}" for r1, r2, c in merges["指标"] for col in "AB"[c - 1]]},
                      a1)
    return xls, xlsx


def test_xls_reads_as_the_same_form_in_xlsx(tmp_path):
    xls, xlsx = _xls_and_xlsx(tmp_path)
    old = read_xls(str(xls))
    assert cells(old) == cells(fast(xlsx))
    got = findings_json(old)
    assert got == findings_json(fast(xlsx)) == findings_json(full_load(xlsx))
    # the full-width text score is found on every path: read as text, kept as the form's own
    assert {(f["code"], f["cell"]) for f in got["findings"]} >= {("S107", "I4"), ("P104", "B12")}
    assert len(read_book(old).indicators.leaves) == 7
