"""Formula cells written by openpyxl get cached results that non-calculating readers see."""

import re
import time
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from python_calamine import CalamineWorkbook

from evalbook.files.cached_values import add_cached_values
from libreoffice import read_values

# What the formulas below evaluate to, as LibreOffice and Excel compute them.
RESULTS = {
    "指标": {"D2": 8, "D3": 2.25, "D4": 10.25, "E2": "产出 合计", "F2": True, "F3": False},
    "S&P <2>": {"B1": 0.30000000000000004},
}


def _build(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["指标", "分值", "得分率"])
    ws.append(["产出", 10, 0.8, "=B2*C2", '=A2&" 合计"', "=D2>=8"])
    ws.append(["效益", 5, 0.45, "=ROUND(B3*C3,2)", None, "=D3>=8"])
    ws["D4"] = "=SUM(D2:D3)"
    ws["D4"].font = Font(bold=True)  # a styled formula cell: <c r="D4" s="1">
    other = wb.create_sheet("S&P <2>")
    other["A1"] = 0.1
    other["B1"] = "=A1+0.2"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, libreoffice):
    path = _build(tmp_path_factory.mktemp("cached") / "自评 表.xlsx")
    add_cached_values(path, RESULTS)
    libreoffice.register(path)
    return path


def _cells(values, wanted):
    return {title: {ref: values[title].get(ref) for ref in refs} for title, refs in wanted.items()}


def test_openpyxl_data_only_reads_the_cached_results(annotated):
    assert _cells(read_values(annotated), RESULTS) == RESULTS


def test_formulas_and_styles_stay_as_they_were(annotated):
    wb = openpyxl.load_workbook(annotated)
    assert wb["指标"]["D4"].value == "=SUM(D2:D3)"
    assert wb["指标"]["D4"].font.bold
    assert wb["指标"]["E2"].value == '=A2&" 合计"'
    assert wb["S&P <2>"]["B1"].value == "=A1+0.2"


def test_python_calamine_reads_the_cached_results(annotated):
    book = CalamineWorkbook.from_path(str(annotated))
    rows = book.get_sheet_by_name("指标").to_python()
    assert rows[1][3:6] == [8, "产出 合计", True]
    assert rows[2][3] == 2.25 and rows[2][5] is False
    assert rows[3][3] == 10.25
    assert book.get_sheet_by_name("S&P <2>").to_python()[0][1] == 0.30000000000000004


def test_libreoffice_computes_the_same_results(annotated, libreoffice):
    # LibreOffice saves 15 significant digits (0.30000000000000004 comes back as 0.3).
    def digits15(values):
        return {t: {r: float(f"{v:.15g}") if isinstance(v, float) else v for r, v in c.items()} for t, c in values.items()}

    assert _cells(libreoffice.values(annotated), RESULTS) == digits15(RESULTS)


def test_the_workbook_asks_for_full_recalculation_even_if_openpyxl_kept_it_off(tmp_path):
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "=1+1"
    wb.calculation.fullCalcOnLoad = False  # what openpyxl keeps from an input that says so
    wb.save(path)
    add_cached_values(path, {"Sheet": {"A1": 2}})
    calc = re.search(rb"<calcPr\b[^>]*>", zipfile.ZipFile(path).read("xl/workbook.xml")).group(0)
    assert b'fullCalcOnLoad="1"' in calc and b'fullCalcOnLoad="0"' not in calc
    assert openpyxl.load_workbook(path).calculation.fullCalcOnLoad is True


def test_other_zip_members_are_copied_byte_for_byte(tmp_path):
    path = _build(tmp_path / "book.xlsx")
    before = {i.filename: zipfile.ZipFile(path).read(i) for i in zipfile.ZipFile(path).infolist()}
    add_cached_values(path, {"指标": {"D2": 8}})
    with zipfile.ZipFile(path) as z:
        after = {i.filename: z.read(i) for i in z.infolist()}
    changed = sorted(name for name in before if before[name] != after[name])
    assert list(after) == list(before)
    assert changed == ["xl/worksheets/sheet1.xml"]  # openpyxl already asked for full recalculation
    # openpyxl writes an empty value as <v />, or as <v></v> when lxml is installed
    empty = re.compile(rb"<v\s*/>|<v></v>")
    assert (empty.sub(b"<v/>", after["xl/worksheets/sheet1.xml"].replace(b"<v>8</v>", b"<v/>", 1))
            == empty.sub(b"<v/>", before["xl/worksheets/sheet1.xml"]))


def _rewrite_member(path, name, edit):
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info, edit(data) if info.filename == name else data)


@pytest.mark.parametrize("empty", [b"<v />", b"<v/>", b"<v></v>", b""], ids=["etree", "lxml", "open-close", "none"])
def test_every_empty_result_form_openpyxl_writes_is_filled(tmp_path, empty):
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = 2
    wb.active["A2"] = "=A1*2"
    wb.save(path)
    _rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<v />", empty))
    add_cached_values(path, {"Sheet": {"A2": 4}})
    assert read_values(path)["Sheet"]["A2"] == 4


def test_array_formula_gets_its_result(tmp_path):
    from openpyxl.worksheet.formula import ArrayFormula

    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append([1, 2])
    wb.active["C1"] = ArrayFormula("C1", "=SUM(A1:B1*2)")
    wb.save(path)
    add_cached_values(path, {"Sheet": {"C1": 6}})
    assert read_values(path)["Sheet"]["C1"] == 6


def test_none_leaves_the_formula_without_a_result(tmp_path):
    path = _build(tmp_path / "book.xlsx")
    add_cached_values(path, {"指标": {"D2": None, "D3": 2.25}})
    got = read_values(path)["指标"]
    assert "D2" not in got and got["D3"] == 2.25


@pytest.mark.parametrize(
    "values, complaint",
    [
        ({"指标": {"B2": 10}}, "not formula cells in sheet '指标': B2"),  # an input value, not a formula
        ({"指标": {"Z99": 1, "D2": 8}}, "not formula cells in sheet '指标': Z99"),  # no such cell
        ({"没有": {"A1": 1}}, "no sheet named 没有"),
        ({"指标": {"D2": float("nan")}}, "cannot store nan"),
        ({"指标": {"D2": [8]}}, "cannot store [8]"),
    ],
)
def test_values_for_cells_that_are_not_formulas_are_refused_and_the_file_is_unchanged(tmp_path, values, complaint):
    path = _build(tmp_path / "book.xlsx")
    before = path.read_bytes()
    with pytest.raises(ValueError, match=re.escape(complaint)):
        add_cached_values(path, values)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


_TEXT = st.text(st.characters(blacklist_categories=("Cs",))).filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s))


@settings(max_examples=60, deadline=None)
@given(text=_TEXT, number=st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**15), 10**15))
def test_any_text_or_number_reads_back_exactly(tmp_path_factory, text, number):
    path = tmp_path_factory.mktemp("prop") / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = '="x"'
    wb.active["A2"] = "=1"
    wb.save(path)
    add_cached_values(path, {"Sheet": {"A1": text, "A2": number}})
    got = openpyxl.load_workbook(path, data_only=True).active
    assert got["A1"].value == (text or None)  # openpyxl reads an empty <v></v> as no value
    assert got["A2"].value == number


def test_ten_thousand_rows_patch_faster_than_openpyxl_saves_them(tmp_path):
    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 10_001):
        ws.append([f"指标{r}", r, 0.5, f"=B{r}*C{r}", f'=A{r}&"!"'])
    started = time.perf_counter()
    wb.save(path)
    save_seconds = time.perf_counter() - started
    values = {"Sheet": {f"D{r}": r * 0.5 for r in range(1, 10_001)} | {f"E{r}": f"指标{r}!" for r in range(1, 10_001)}}
    started = time.perf_counter()
    add_cached_values(path, values)
    assert time.perf_counter() - started < save_seconds
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Sheet").to_python()
    assert rows[-1][3:] == [5000.0, "指标10000!"]
