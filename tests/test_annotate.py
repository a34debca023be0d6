"""evalbook annotate: formulas whose cached results LibreOffice confirms, marks that belong to
evalbook and go away when fixed, nothing of the user's changed or lost (spec: cli.md).

The module fixture annotates the five examples and a feature-rich form into a temporary
folder and recalculates all of them in one LibreOffice call.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import evalbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from builders import add_checkbox, mof_grid, write_book
from PIL import Image as PILImage
from python_calamine import CalamineWorkbook

from evalbook.annotation import MARKER, RESULT_SHEET, annotate
from evalbook.errors import InputError
from evalbook.files.inventory import LossError
from libreoffice import read_values

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ["smart_city", "hotline", "informatization", "village_network", "consistent"]
HYPERLINK = '=HYPERLINK("http://x","y")'
USER_FILL = "FFFFFF00"


def _text(cell, value):
    """A string the user typed: text even when it begins with = (as Excel stores it)."""
    cell.value = value
    cell.data_type = "s"


def build_form(path: Path, *, reason_col: bool = True, score_text: str | None = None,
               budget_row: bool = False, funds_cap: bool = True) -> Path:
    """A form with merged tier labels, a tier-3 name that looks like a formula, a full-width
    text target, no 得分率 column, a score above its cap carrying the user's own fill, font and
    comment, and (for the round trip) everything else openpyxl keeps."""
    wb = openpyxl.Workbook()
    p = wb.active
    p.title = "项目"
    p["A1"] = "项目支出绩效自评表"
    p.merge_cells("A1:D1")
    rows = [("项目名称", "测试项目"), ("评价年度", 2023), ("项目总投资", 100), ("合同金额", 80),
            ("累计支付", 60), ("剩余资金", 40), ("支付占合同比例", 0.75), ("自评得分", 95)]
    for i, (label, value) in enumerate(rows, start=2):
        p.cell(i, 1, label)
        p.cell(i, 2, value)
    p["B8"].number_format = "0%"
    p["A10"] = "自评等级"
    _text(p["B10"], HYPERLINK)  # a grade cell holding formula-like text: P105, and its 原填 is text
    if not budget_row:  # else budget execution is scored on the indicator sheet
        p.append([])
        p.append(["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])  # row 12
        p.append(["年度资金总额", 100, 100, 60, 10, 0.6, 6])
        p.append(["其中：当年财政拨款", 100, 100, 60])
        p["F13"].number_format = "0%"
        if not funds_cap:  # the block's cap left blank: the profile's weight (10) applies
            p["E13"] = p["G13"] = None

    ws = wb.create_sheet("指标")
    ws["A1"] = "绩效指标"
    ws.merge_cells("A1:H1")
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    if reason_col:
        head.append("偏差原因分析及改进措施")
    for c, h in enumerate(head, start=1):
        ws.cell(2, c, h)
    leaves = [  # row, tier1, tier2, name, target, actual, cap, score, reason
        (3, "产出指标（50分）", "数量指标", HYPERLINK, "≥９５%", 0.96, 30, 32, None),
        (4, None, None, "指标B", None, None, 10, 10, None),
        (5, None, "质量指标", "指标C", None, None, 5, 5, None),
        (6, None, None, "指标D", None, None, 5, 4, "原因"),
        (8, "效益指标（40分）", "社会效益", "指标E", None, None, 20, 20, None),
        (9, None, None, "指标F", None, None, 20, 18, "原因"),
    ]
    for r, t1, t2, name, target, actual, cap, score, reason in leaves:
        if t1:
            ws.cell(r, 1, t1)
        if t2:
            ws.cell(r, 2, t2)
        _text(ws.cell(r, 3), name)
        if target:
            ws.cell(r, 4, target)
        if actual is not None:
            ws.cell(r, 5, actual)
        ws.cell(r, 6, cap)
        ws.cell(r, 7, score)
        if reason and reason_col:
            ws.cell(r, 8, reason)
    if score_text is not None:
        _text(ws["G4"], score_text)
    ws.merge_cells("A3:A6")
    ws.merge_cells("B3:B4")
    ws.merge_cells("B5:B6")
    ws.merge_cells("A8:A9")
    ws.merge_cells("B8:B9")
    sums = [(7, "小计", 50, 51), (10, "小计", 40, 38), (11, "总分", 100, 95)]
    if budget_row:
        sums[2] = (12, "总分", 100, 95)
        ws["A11"], ws["E11"], ws["F11"], ws["G11"] = "预算执行率", 0.6, 10, 6
        ws["E11"].number_format = "0%"
    for r, label, cap, score in sums:
        ws.cell(r, 1, label)
        ws.cell(r, 6, cap)
        ws.cell(r, 7, score)
    # The user's own look and note on the cell a finding (P101) will mark.
    ws["G3"].fill = PatternFill("solid", start_color=USER_FILL, end_color=USER_FILL)
    ws["G3"].font = Font(bold=True, color="FFFF0000")
    ws["G3"].comment = Comment("张三：已与主管部门确认", "张三")
    ws.column_dimensions["C"].width = 30
    ws.freeze_panes = "C3"
    user_dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="20",
                             errorTitle="输入有误", error="0-20")
    user_dv.add("G8:G9")
    ws.add_data_validation(user_dv)
    ws.conditional_formatting.add("F3:F9", CellIsRule(operator="greaterThan", formula=["25"],
                                                      fill=PatternFill("solid", start_color="FF00FF00",
                                                                       end_color="FF00FF00")))

    other = wb.create_sheet("其他")
    other["A1"] = "季度"
    other["B1"] = "金额"
    for i, v in enumerate([10, 20, 30, 40], start=2):
        other.cell(i, 1, f"Q{i - 1}")
        other.cell(i, 2, v)
    other["B6"] = "=SUM(B2:B5)"
    other["A1"].font = Font(name="宋体", size=14, italic=True)
    other["A1"].border = Border(bottom=Side(style="thick"))
    other["B2"].number_format = "#,##0.00"
    other.merge_cells("D1:F2")
    other["D1"] = "合并"
    other.column_dimensions["A"].width = 22
    other.row_dimensions[3].height = 30
    other.freeze_panes = "A2"
    other.page_setup.orientation = "landscape"
    other.page_setup.paperSize = other.PAPERSIZE_A4
    other.print_area = "A1:F10"
    other.print_title_rows = "1:1"
    dv = DataValidation(type="list", formula1='"甲,乙"', allow_blank=True)
    dv.add("C2:C5")
    other.add_data_validation(dv)
    other.conditional_formatting.add("B2:B5", CellIsRule(operator="lessThan", formula=["15"],
                                                         fill=PatternFill("solid", start_color="FFFF9999",
                                                                          end_color="FFFF9999")))
    other["C2"].comment = Comment("李四的批注", "李四")
    png = path.with_suffix(".png")
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(png)
    other.add_image(Image(str(png)), "H2")
    chart = BarChart()
    chart.add_data(Reference(other, min_col=2, min_row=1, max_row=5), titles_from_data=True)
    other.add_chart(chart, "H10")
    wb.defined_names["金额区"] = DefinedName("金额区", attr_text="'其他'!$B$2:$B$5")
    wb.save(path)
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("annotate")
    inputs = {}
    for name in EXAMPLES:
        inputs[name] = folder / f"{name}.xlsx"
        shutil.copyfile(ROOT / "examples" / f"{name}.xlsx", inputs[name])
    inputs["form"] = build_form(folder / "自评 表.xlsx")
    inputs["budget_row"] = build_form(folder / "budget_row.xlsx", budget_row=True)
    inputs["default_cap"] = build_form(folder / "default_cap.xlsx", funds_cap=False)
    # the MoF single-sheet grid: project, funds and indicators on one sheet, 总分 in column A
    rows, merges = mof_grid(total_score=100)
    inputs["mof_grid"] = write_book(folder / "mof_grid.xlsx", {"表": rows}, {"表": merges}, {"表": {"G6": "0.00%"}})
    before = {name: sha(p) for name, p in inputs.items()}
    outputs, reports = {}, {}
    for name, path in inputs.items():
        reports[name], outputs[name] = annotate(path)
    recalculated = libreoffice.recalculate(list(outputs.values()))
    return {"inputs": inputs, "before": before, "outputs": outputs, "reports": reports,
            "recalculated": recalculated}


def formula_cells(path: Path) -> dict[str, set[str]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate for c in ws._cells.values() if c.data_type == "f"} for ws in wb.worksheets}


def written_by_evalbook(source: Path, out: Path) -> dict[str, set[str]]:
    before, after = formula_cells(source), formula_cells(out)
    return {t: cells - before.get(t, set()) for t, cells in after.items() if cells - before.get(t, set())}


def blank(v):
    return None if v == "" else v


def mismatches(cells: dict[str, set[str]], cached: dict, computed: dict) -> list:
    out = []
    for title, refs in cells.items():
        for ref in sorted(refs):
            a, b = blank(cached.get(title, {}).get(ref)), blank(computed.get(title, {}).get(ref))
            if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
                if abs(a - b) <= 1e-9 * max(1.0, abs(b)):
                    continue
            elif a == b:
                continue
            out.append((title, ref, a, b))
    return out


@pytest.mark.parametrize("name", EXAMPLES + ["form", "budget_row", "default_cap", "mof_grid"])
def test_every_formula_recalculates_to_the_cached_value(annotated, name):
    out = annotated["outputs"][name]
    ours = written_by_evalbook(annotated["inputs"][name], out)
    assert ours, "annotate wrote no formula"
    lo = read_values(annotated["recalculated"][out])
    assert mismatches(ours, read_values(out), lo) == []
    # And not vacuously: LibreOffice computed real numbers for them.
    numbers = sum(isinstance(lo.get(t, {}).get(r), (int, float)) for t, refs in ours.items() for r in refs)
    assert numbers >= {"consistent": 25, "smart_city": 20, "form": 15, "budget_row": 15, "mof_grid": 7}.get(name, 1)  # mof_grid: its wrong 总分 100 stays


def test_the_comparison_fails_when_cached_values_are_missing(annotated, tmp_path):
    out = annotated["outputs"]["consistent"]
    bare = tmp_path / "bare.xlsx"
    openpyxl.load_workbook(out).save(bare)  # openpyxl writes formulas without results
    ours = written_by_evalbook(annotated["inputs"]["consistent"], out)
    lo = read_values(annotated["recalculated"][out])
    assert mismatches(ours, read_values(bare), lo)
    assert not mismatches(ours, read_values(out), lo)


def test_python_calamine_sees_the_computed_figures(annotated):
    out = annotated["outputs"]["consistent"]
    book = CalamineWorkbook.from_path(str(out))
    project = book.get_sheet_by_name("项目").to_python()
    report = annotated["reports"]["consistent"]
    assert project[11][1] == pytest.approx(report.summary.computed_total)  # B12 自评得分
    assert project[12][1] == report.summary.grade  # B13 自评等级
    assert project[15][5] == pytest.approx(report.summary.budget_rate)  # F16 执行率
    indicators = book.get_sheet_by_name("指标").to_python()
    assert indicators[15][8] == pytest.approx(9.89)  # I16 小计 score
    assert indicators[13][9] == pytest.approx(4.89 / 5)  # J14 得分率


def test_budget_execution_scored_on_the_indicator_sheet(annotated):
    wb = openpyxl.load_workbook(annotated["outputs"]["budget_row"])
    ws = wb["指标"]
    assert ws["G11"].value == '=IF(ISNUMBER(E11),ROUND(F11*MIN(E11,1),2),"")'
    assert ws["G12"].value == '=IF(COUNT(G3:G6,G8:G9,G11)=0,"",SUM(G3:G6,G8:G9,G11))'
    assert ws["F12"].value == '=IF(COUNT(F3:F6,F8:F9,F11)=0,"",SUM(F3:F6,F8:F9,F11))'
    assert wb["项目"]["B9"].value.endswith("SUM('指标'!G3:G6,'指标'!G8:G9,'指标'!G11))")
    assert read_values(annotated["outputs"]["budget_row"])["指标"]["G11"] == 6


def test_a_blank_funds_cap_scores_with_the_profiles_weight(annotated):
    report = annotated["reports"]["default_cap"]
    wb = openpyxl.load_workbook(annotated["outputs"]["default_cap"])
    assert wb["项目"]["G13"].value == '=IF(ISNUMBER(F13),ROUND(10*MIN(F13,1),2),"")'
    assert wb["指标"]["F11"].value.endswith("SUM(F3:F6,F8:F9,10))")
    assert wb["指标"]["G11"].value.endswith("SUM(G3:G6,G8:G9,'项目'!G13))")
    values = read_values(annotated["outputs"]["default_cap"])
    assert values["项目"]["G13"] == 6 and report.derived.budget_score == 6
    assert values["指标"]["F11"] == 100 and values["项目"]["B9"] == pytest.approx(95)


def test_cached_totals_are_the_derived_figures_unless_a_wrong_claim_stays(annotated):
    for name in ("smart_city", "consistent", "form", "budget_row", "default_cap"):
        report = annotated["reports"][name]
        values = read_values(annotated["outputs"][name])["项目"]
        cell = {"smart_city": "B12", "consistent": "B12"}.get(name, "B9")
        # smart_city states 98 over leaves scoring 90: the unit's claim stays (spec: claims stay)
        expected = 98 if name == "smart_city" else report.summary.computed_total
        assert values[cell] == pytest.approx(expected)


def test_input_files_are_unchanged(annotated):
    assert {n: sha(p) for n, p in annotated["inputs"].items()} == annotated["before"]


def test_default_output_name(annotated):
    for name, path in annotated["inputs"].items():
        assert annotated["outputs"][name] == path.with_name(path.stem + ".checked.xlsx")
        assert annotated["outputs"][name].is_file()


def comment(path: Path, sheet: str, a1: str):
    return openpyxl.load_workbook(path)[sheet][a1].comment


def test_a_wrong_claim_stays_with_what_the_formula_gives_in_its_comment(annotated):
    smart = annotated["outputs"]["smart_city"]
    b12 = comment(smart, "项目", "B12")
    assert "填写 98，按各项得分应为 90（=IF(COUNT(" in b12.text and b12.author == "evalbook"
    assert "填写 45%，按累计支付/合同金额应为 46.08%（=IF(" in comment(smart, "项目", "B11").text
    assert "填写 0.08，按项目总投资−累计支付应为 0（=IF(" in comment(annotated["outputs"]["hotline"], "项目", "B12").text
    wb = openpyxl.load_workbook(smart)
    assert wb["项目"]["B12"].value == 98 and wb["项目"]["B11"].value == 0.45
    # a consistent stated value is replaced by its formula without a note
    assert wb["项目"]["B10"].comment is None and wb["项目"]["B10"].value.startswith("=")
    # and the copy says what the input says: the same errors, P104 and B108 among them
    again = evalbook.check(smart)
    assert [(f.code, f.cell) for f in again.findings] == \
        [(f.code, f.cell) for f in evalbook.check(annotated["inputs"]["smart_city"]).findings]


def test_fix_replaces_wrong_claims_and_every_later_check_reports_p109(tmp_path):
    src = tmp_path / "smart.xlsx"
    shutil.copyfile(ROOT / "examples" / "smart_city.xlsx", src)
    report, out = annotate(src, fix=True)
    wb = openpyxl.load_workbook(out)
    assert wb["项目"]["B12"].value.startswith("=IF(COUNT(")
    assert "P109 警告：原填 98，现为公式 = 90" in wb["项目"]["B12"].comment.text
    p109 = [(f.cell, f.stated, f.expected) for f in report.findings if f.code == "P109"]
    assert p109 == [("B11", 0.45, pytest.approx(0.4607817)), ("B12", 98, 90)]
    codes = [f.code for f in report.findings]
    assert "P104" not in codes and "B108" not in codes
    again = evalbook.check(out)
    assert [(f.code, f.cell, f.message) for f in again.findings] == \
        [(f.code, f.cell, f.message) for f in report.findings]
    # a second annotate (without --fix) keeps the correction and its record
    report2, out2 = annotate(out, out=tmp_path / "again.xlsx")
    assert [(f.code, f.cell) for f in report2.findings] == [(f.code, f.cell) for f in report.findings]
    assert openpyxl.load_workbook(out2)["项目"]["B12"].value.startswith("=IF(COUNT(")
    # the user types the claim back: it is theirs again, judged as a claim (P104), no P109
    wb = openpyxl.load_workbook(out2)
    wb["项目"]["B12"] = 98
    wb.save(out2)
    codes = [(f.code, f.cell) for f in evalbook.check(out2).findings]
    assert ("P104", "B12") in codes and ("P109", "B12") not in codes


def style(cell) -> tuple:
    # openpyxl's style proxies do not compare equal to each other; their text does
    return tuple(repr(x) for x in (cell.font, cell.fill, cell.border, cell.alignment, cell.protection))


def test_input_cells_keep_their_values_and_styles(annotated):
    src = openpyxl.load_workbook(annotated["inputs"]["form"])
    out = openpyxl.load_workbook(annotated["outputs"]["form"])
    ours = written_by_evalbook(annotated["inputs"]["form"], annotated["outputs"]["form"])
    ours["指标"] = ours.get("指标", set()) | {"I2"}  # the 得分率 header evalbook added
    checked = 0
    for ws in src.worksheets:
        for cell in ws._cells.values():
            if cell.coordinate in ours.get(ws.title, set()):
                continue
            new = out[ws.title][cell.coordinate]
            assert (new.value, new.data_type, new.number_format) == (cell.value, cell.data_type, cell.number_format)
            assert style(new) == style(cell)
            checked += 1
    assert checked > 80


def test_user_fill_font_and_comment_survive_on_a_marked_cell(annotated):
    ws = openpyxl.load_workbook(annotated["outputs"]["form"])["指标"]
    g3 = ws["G3"]
    assert g3.fill.fgColor.rgb == USER_FILL and g3.font.bold and g3.font.color.rgb == "FFFF0000"
    text = g3.comment.text
    assert text.startswith("张三：已与主管部门确认\n" + MARKER) and "P101" in text
    assert g3.comment.author == "张三"
    marked = [str(cf.sqref) for cf in ws.conditional_formatting for r in cf.rules if "evalbook" in r.formula[0]]
    assert any("G3" in sq.split() for sq in marked)


def test_missing_score_rate_column_is_written_beside_the_table(annotated, tmp_path):
    # 偏差原因 sits right of 得分, so the rates go to the first free column (I)
    ws = openpyxl.load_workbook(annotated["outputs"]["form"])["指标"]
    assert ws["I2"].value == "得分率" and ws["H3"].value is None
    assert ws["I3"].value == '=IF(OR(COUNT(G3)=0,COUNT(F3)=0),"",IF(F3=0,"",G3/F3))'
    assert ws["I7"].value == '=IF(OR(COUNT(G7)=0,COUNT(F7)=0),"",IF(F7=0,"",G7/F7))' and ws["I7"].number_format == "0.00%"
    # no column right of 得分: the rates go there
    _, out = annotate(build_form(tmp_path / "narrow.xlsx", reason_col=False))
    ws = openpyxl.load_workbook(out)["指标"]
    assert ws["H2"].value == "得分率" and ws["H4"].value == '=IF(OR(COUNT(G4)=0,COUNT(F4)=0),"",IF(F4=0,"",G4/F4))'


def test_formula_like_user_text_stays_text(annotated, tmp_path):
    out = annotated["outputs"]["form"]
    wb = openpyxl.load_workbook(out)
    assert wb["指标"]["C3"].value == HYPERLINK and wb["指标"]["C3"].data_type == "s"
    # the grade cell's wrong claim stays, as text
    assert wb["项目"]["B10"].value == HYPERLINK and wb["项目"]["B10"].data_type == "s"
    # with --fix it is replaced, and its record lists the old content as text
    _, out = annotate(annotated["inputs"]["form"], out=tmp_path / "fixed.xlsx", fix=True)
    wb = openpyxl.load_workbook(out)
    results = wb[RESULT_SHEET]
    assert all(c.data_type != "f" for row in results.iter_rows() for c in row)
    texts = [c.value for row in results.iter_rows() for c in row if isinstance(c.value, str)]
    assert HYPERLINK in texts  # the grade cell's old content, listed as text
    assert any(HYPERLINK in t and t != HYPERLINK for t in texts)  # the P101 message names the leaf
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>HYPERLINK" in xml for xml in sheets)
    # LibreOffice, which evaluates formulas, also shows it as text
    lo = read_values(annotated["recalculated"][annotated["outputs"]["form"]])
    assert lo["指标"]["C3"] == HYPERLINK


def test_results_sheet_lists_every_finding_with_a_link(annotated):
    report = annotated["reports"]["smart_city"]
    ws = openpyxl.load_workbook(annotated["outputs"]["smart_city"])[RESULT_SHEET]
    rows = [[c for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0].value == "代码")
    found = rows[header + 1: header + 1 + len(report.findings)]
    assert [r[0].value for r in found] == [f.code for f in report.findings]
    for r, f in zip(found, report.findings):
        assert r[2].hyperlink.location == f"'{f.ref.sheet}'!{f.ref.a1}"
        assert r[3].value == f.message
    labels = {r[0].value: r[1].value for r in rows[:header]}
    assert labels["计算得分"] == report.summary.computed_total and labels["错误"] == report.summary.errors


def marks(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    out = {"comments": {}, "cf": [], "dv": []}
    for ws in wb.worksheets:
        for c in ws._cells.values():
            if c.comment is not None:
                out["comments"][(ws.title, c.coordinate)] = (c.comment.text, c.comment.author)
        for cf in ws.conditional_formatting:
            for r in cf.rules:
                out["cf"].append((ws.title, str(cf.sqref), tuple(r.formula), r.priority))
        for dv in ws.data_validations.dataValidation:
            out["dv"].append((ws.title, str(dv.sqref), dv.formula1, dv.formula2, dv.errorTitle))
    rows = list(wb[RESULT_SHEET].iter_rows(values_only=True))
    out["rows"] = [r for r in rows if r[0] != "校验时间"]
    return out


@pytest.mark.parametrize("name", ["smart_city", "form"])
def test_annotating_twice_gives_the_same_marks(annotated, tmp_path, name):
    path = tmp_path / "自评.xlsx"
    shutil.copyfile(annotated["inputs"][name], path)
    first_report, _ = annotate(path, in_place=True)
    first = marks(path)
    assert first["comments"] and first["cf"] and first["rows"]
    report, written = annotate(path, in_place=True)
    assert written == path
    assert marks(path) == first
    assert [f.to_json() for f in report.findings] == [f.to_json() for f in first_report.findings]
    assert [f.code for f in report.findings] == [f.code for f in annotated["reports"][name].findings]


def test_a_fixed_finding_leaves_no_trace(annotated, tmp_path):
    path = tmp_path / "fixed.xlsx"
    shutil.copyfile(annotated["outputs"]["form"], path)
    wb = openpyxl.load_workbook(path)
    wb["指标"]["G3"] = 30  # the score above its cap, corrected by the user
    wb.save(path)
    report, _ = annotate(path, in_place=True)
    assert "P101" not in [f.code for f in report.findings]
    ws = openpyxl.load_workbook(path)["指标"]
    assert ws["G3"].comment.text == "张三：已与主管部门确认" and ws["G3"].comment.author == "张三"
    static = [str(cf.sqref).split() for cf in ws.conditional_formatting for r in cf.rules
              if r.formula == ['N("evalbook")=0']]
    assert not any("G3" in refs for refs in static)
    rows = list(openpyxl.load_workbook(path)[RESULT_SHEET].iter_rows(values_only=True))
    assert not any(r[0] == "P101" for r in rows)
    # the subtotal formula, still evalbook's, now sums the corrected score
    assert read_values(path)["指标"]["G7"] == 49


def test_live_checks_on_score_cells(annotated):
    ws = openpyxl.load_workbook(annotated["outputs"]["form"])["指标"]
    ours = [(str(dv.sqref), dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation
            if dv.errorTitle == "evalbook"]
    assert ours == [("G3:G6", "0", "F3")]  # G8:G9 keep the user's own validation
    theirs = [str(dv.sqref) for dv in ws.data_validations.dataValidation if dv.errorTitle == "输入有误"]
    assert theirs == ["G8:G9"]
    live = [(str(cf.sqref), r.formula[0]) for cf in ws.conditional_formatting for r in cf.rules
            if "ISNUMBER" in r.formula[0] and "evalbook" in r.formula[0]]
    assert [sq for sq, _ in live] == ["G3:G6", "G8:G9"]
    assert "G3>F3" in live[0][1]


def test_score_above_cap_turns_the_live_mark_on_in_libreoffice(annotated):
    # The live rule's condition, evaluated by LibreOffice on the same cells: G3 32 > F3 30.
    lo = read_values(annotated["recalculated"][annotated["outputs"]["form"]])["指标"]
    assert lo["G3"] > lo["F3"] and lo["G4"] <= lo["F4"]


def test_text_scores_leave_the_totals_to_the_user(tmp_path):
    # SUM skips a score stored as text; the checker counts it. Rather than two totals that
    # disagree, the stated total stays and S107 marks the text score.
    report, out = annotate(build_form(tmp_path / "text.xlsx", score_text="１０"))
    wb = openpyxl.load_workbook(out)
    assert wb["项目"]["B9"].value == 95  # not replaced by a formula
    assert wb["指标"]["G7"].value == 51
    assert "S107" in wb["指标"]["G4"].comment.text
    assert "S107" in [f.code for f in report.findings]


def test_round_trip_keeps_everything_openpyxl_keeps(annotated):
    src = openpyxl.load_workbook(annotated["inputs"]["form"])
    out = openpyxl.load_workbook(annotated["outputs"]["form"])
    assert out.sheetnames == src.sheetnames + [RESULT_SHEET]
    assert out.defined_names["金额区"].attr_text == "'其他'!$B$2:$B$5"
    a, b = src["其他"], out["其他"]
    for cell in a._cells.values():
        new = b[cell.coordinate]
        assert (new.value, new.number_format, style(new)) == (cell.value, cell.number_format, style(cell))
    assert set(map(str, b.merged_cells.ranges)) == set(map(str, a.merged_cells.ranges))
    assert b.column_dimensions["A"].width == 22 and b.row_dimensions[3].height == 30
    assert b.freeze_panes == "A2" and out["指标"].freeze_panes == "C3"
    assert out["指标"].column_dimensions["C"].width == 30
    assert b.page_setup.orientation == "landscape" and b.page_setup.paperSize == a.page_setup.paperSize
    assert b.print_area == a.print_area and b.print_title_rows == a.print_title_rows
    assert [(str(d.sqref), d.formula1) for d in b.data_validations.dataValidation] == [("C2:C5", '"甲,乙"')]
    assert [(str(cf.sqref), r.formula) for cf in b.conditional_formatting for r in cf.rules] == [("B2:B5", ["15"])]
    user_cf = [(str(cf.sqref), r.formula) for cf in out["指标"].conditional_formatting for r in cf.rules
               if "evalbook" not in r.formula[0]]
    assert user_cf == [("F3:F9", ["25"])]
    assert (b["C2"].comment.text, b["C2"].comment.author) == ("李四的批注", "李四")
    assert len(b._images) == 1 and len(b._charts) == 1
    assert b["B6"].value == "=SUM(B2:B5)"


def test_in_place_keeps_a_backup(tmp_path):
    path = build_form(tmp_path / "form.xlsx")
    original = path.read_bytes()
    _, written = annotate(path, in_place=True)
    assert written == path
    assert (tmp_path / "form.bak.xlsx").read_bytes() == original
    assert RESULT_SHEET in openpyxl.load_workbook(path).sheetnames


def run_cli(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "evalbook.cli", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd)


def test_cli_refuses_to_write_over_its_input(tmp_path):
    path = build_form(tmp_path / "form.xlsx")
    before = sha(path)
    done = run_cli("annotate", path, "-o", path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--in-place" in done.stderr and "Traceback" not in done.stderr
    assert sha(path) == before
    with pytest.raises(InputError):
        annotate(path, out=tmp_path / "." / "form.xlsx")


def test_cli_default_output_and_exit_status(tmp_path):
    path = tmp_path / "consistent.xlsx"
    shutil.copyfile(ROOT / "examples" / "consistent.xlsx", path)
    done = run_cli("annotate", path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "consistent.checked.xlsx").is_file()
    assert "consistent.checked.xlsx" in done.stdout
    smart = tmp_path / "smart.xlsx"
    shutil.copyfile(ROOT / "examples" / "smart_city.xlsx", smart)
    assert run_cli("annotate", smart, "-o", tmp_path / "out.xlsx").returncode == 1
    assert (tmp_path / "out.xlsx").is_file()


def _add_part(path: Path, name: str, data: bytes, edit=None) -> None:
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members:
            z.writestr(n, edit(n, d) if edit else d)
        z.writestr(name, data)


def _threaded_comments_on(path: Path, sheet: str) -> None:
    """Threaded comments (Excel 365's discussion comments) on *sheet*, beside its notes."""
    from evalbook.files.splice import Package

    pkg = Package(path)
    part = pkg.sheet_part(sheet)
    pkg.write("xl/threadedComments/threadedComment1.xml", b"<ThreadedComments/>",
              "application/vnd.ms-excel.threadedcomments+xml")
    pkg.add_relationship(part, "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
                         "xl/threadedComments/threadedComment1.xml")
    tmp = path.with_name("tmp-" + path.name)
    pkg.save(tmp)
    tmp.replace(path)


def test_content_the_splicer_must_leave_to_openpyxl_is_refused_unless_allowed(tmp_path):
    # Threaded comments on a sheet evalbook puts notes on: the splicer does not merge notes
    # beside them, openpyxl writes the copy and would turn them into plain notes.
    path = build_form(tmp_path / "threads.xlsx")
    _threaded_comments_on(path, "指标")
    with pytest.raises(LossError) as err:
        annotate(path)
    assert "批注" in err.value.message("zh")
    assert not (tmp_path / "threads.checked.xlsx").exists()
    done = run_cli("annotate", path)
    assert done.returncode == 2 and "--allow-loss" in done.stderr
    _, out = annotate(path, allow_loss=True)
    rows = list(openpyxl.load_workbook(out)[RESULT_SHEET].iter_rows(values_only=True))
    assert any(r[0] == "说明" and "--allow-loss" in r[1] for r in rows)


def test_form_controls_beside_the_notes_are_kept(tmp_path):
    # A check box in the note drawing of a sheet evalbook puts notes on: the drawing keeps it
    # byte for byte, the notes go in after it with ids of their own, and a second run replaces
    # the notes, not the control.
    from builders import CHECKBOX

    path = build_form(tmp_path / "control.xlsx")
    add_checkbox(path, "指标")
    report, out = annotate(path)  # no --allow-loss: nothing is lost
    assert report.findings

    def drawing(p: Path) -> bytes:
        with zipfile.ZipFile(p) as z:
            return next(z.read(n) for n in z.namelist() if n.endswith(".vml") and b"Checkbox" in z.read(n))

    first = drawing(out)
    assert CHECKBOX in first
    ids = re.findall(rb'\bid="(_x0000_s\d+)"', first)
    assert len(ids) == len(set(ids)) and len(ids) > 1
    notes = first.count(b'ObjectType="Note"')
    assert notes == len([c for c in openpyxl.load_workbook(out)["指标"]._cells.values() if c.comment])
    again, out2 = annotate(out, out=tmp_path / "again.xlsx")
    second = drawing(out2)
    assert CHECKBOX in second and second.count(b'ObjectType="Note"') == notes
    assert [(f.code, f.cell) for f in again.findings] == [(f.code, f.cell) for f in report.findings]


def test_threaded_comments_are_kept_not_refused(tmp_path):
    path = build_form(tmp_path / "threaded.xlsx")
    _add_part(path, "xl/threadedComments/threadedComment1.xml", b"<ThreadedComments/>")
    _, out = annotate(path)
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/threadedComments/threadedComment1.xml") == b"<ThreadedComments/>"


def test_xlsm_keeps_its_vba_part(tmp_path):
    # A real VBA project cannot be made here; the part is arbitrary bytes under the real name,
    # content type and relationship, which is all openpyxl's keep_vba looks at.
    path = build_form(tmp_path / "macro.xlsx").rename(tmp_path / "macro.xlsm")
    blob = b"evalbook test vbaProject " * 40
    rel = (b'<Relationship Id="rIdVBA" Type="http://schemas.microsoft.com/office/2006/relationships/'
           b'vbaProject" Target="vbaProject.bin"/></Relationships>')

    def edit(name, data):
        if name == "[Content_Types].xml":
            data = data.replace(b"spreadsheetml.sheet.main+xml", b"").replace(
                b"application/vnd.openxmlformats-officedocument.</", b"</")
            data = data.replace(b'ContentType="application/vnd.openxmlformats-officedocument."',
                                b'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"')
            return data.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/'
                                             b'vnd.ms-office.vbaProject"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", rel)
        return data

    _add_part(path, "xl/vbaProject.bin", blob, edit)
    from evalbook.files.door import sniff

    assert sniff(path) == "xlsm"
    _, out = annotate(path)
    assert out.name == "macro.checked.xlsm"
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert len(names) == len(set(names))  # openpyxl's keep_vba can write a comment drawing twice
        assert z.read("xl/vbaProject.bin") == blob
        assert b"macroEnabled" in z.read("[Content_Types].xml")


@pytest.fixture(scope="module")
def xls_copy(libreoffice, tmp_path_factory):
    """smart_city as a legacy .xls, written by LibreOffice (nothing in Python writes .xls)."""
    folder = tmp_path_factory.mktemp("xls")
    src = folder / "smart_city.xlsx"
    shutil.copyfile(ROOT / "examples" / "smart_city.xlsx", src)
    subprocess.run([libreoffice.soffice, f"-env:UserInstallation={libreoffice.profile_url}", "--headless",
                    "--norestore", "--convert-to", "xls", "--outdir", str(folder), str(src)],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=180, check=True,
                   env=dict(os.environ, HOME=os.environ.get("HOME") or str(folder)))
    src.unlink()
    return folder / "smart_city.xls"


def test_xls_is_written_as_a_new_xlsx(xls_copy, tmp_path):
    path = tmp_path / "旧表.xls"
    shutil.copyfile(xls_copy, path)
    before = sha(path)
    report, out = annotate(path)
    assert out == tmp_path / "旧表.checked.xlsx" and sha(path) == before
    assert "P104" in [f.code for f in report.findings]
    wb = openpyxl.load_workbook(out)
    assert "A2:A11" in set(map(str, wb["指标"].merged_cells.ranges))
    assert wb["项目"]["B11"].number_format == "0%"
    assert "填写 98，按各项得分应为 90" in wb["项目"]["B12"].comment.text
    notes = [r[1] for r in wb[RESULT_SHEET].iter_rows(values_only=True) if r[0] == "说明"]
    assert notes and ".xls" in notes[0]
    done = run_cli("annotate", path, "-o", tmp_path / "cli.xlsx")
    assert done.returncode == 1 and ".xls" in done.stdout.splitlines()[-1]
    # --in-place cannot turn the .xls itself into an .xlsx: the .xlsx goes beside it
    _, written = annotate(path, in_place=True)
    assert written == tmp_path / "旧表.xlsx" and sha(path) == before


def test_a_derived_cell_the_user_overwrites_is_theirs_again(tmp_path):
    path = tmp_path / "smart.xlsx"
    shutil.copyfile(ROOT / "examples" / "smart_city.xlsx", path)
    annotate(path, in_place=True)
    wb = openpyxl.load_workbook(path)
    wb["项目"]["B12"] = 90  # the user accepts the figure and types it over evalbook's formula
    wb.save(path)
    report, _ = annotate(path, in_place=True)
    assert "P104" not in [f.code for f in report.findings]
    b12 = openpyxl.load_workbook(path)["项目"]["B12"]
    assert b12.value.startswith("=IF(COUNT(") and b12.comment is None
    records = [r for r in openpyxl.load_workbook(path)[RESULT_SHEET].iter_rows(values_only=True)
               if r[:2] == ("项目", "B12")]
    assert [r[2] for r in records] == [90]


def test_a_rerun_in_another_language_still_knows_what_evalbook_wrote(tmp_path):
    path = tmp_path / "smart.xlsx"
    shutil.copyfile(ROOT / "examples" / "smart_city.xlsx", path)
    report_en, _ = annotate(path, in_place=True, lang="en", fix=True)
    wb = openpyxl.load_workbook(path)
    assert "P109 warning: was 98, now a formula = 90" in wb["项目"]["B12"].comment.text
    assert any(r[0] == "cells evalbook wrote (what they held before)"
               for r in wb[RESULT_SHEET].iter_rows(values_only=True))
    report_zh, _ = annotate(path, in_place=True, lang="zh")
    assert [f.to_json()["stated"] for f in report_zh.findings] == [f.to_json()["stated"] for f in report_en.findings]
    assert "P109 警告：原填 98，现为公式 = 90" in openpyxl.load_workbook(path)["项目"]["B12"].comment.text
    assert [f.code for f in report_zh.findings].count("P109") == 2


def test_rates_in_the_findings_rows_show_as_percents(tmp_path):
    _, out = annotate(ROOT / "examples" / "smart_city.xlsx", out=tmp_path / "sc.xlsx")
    ws = openpyxl.load_workbook(out)["校验结果"]
    row = next(r for r in ws.iter_rows() if r[0].value == "B108")
    assert (row[4].value, row[4].number_format) == (0.45, "0.00%")
    assert row[5].number_format == "0.00%"


def test_the_copy_is_the_same_whatever_the_hash_seed(tmp_path):
    """Every run writes the same bytes: nothing in the copy follows the order of a set, which
    changes with the process's hash seed (sheet names are strings). Before, the formats a
    new 得分率 column needs were appended to styles.xml in a set's order."""
    src = build_form(tmp_path / "narrow.xlsx", reason_col=False)
    made = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        out = tmp_path / f"copy{seed}.xlsx"
        subprocess.run([sys.executable, "-m", "evalbook", "annotate", "-q", str(src), "-o", str(out)],
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=False)
        with zipfile.ZipFile(out) as z:
            made.add(tuple((n, re.sub(rb"\d{4}-\d\d-\d\d[ T][\d:]+[^<]*", b"T", z.read(n))) for n in z.namelist()))
    assert len(made) == 1
