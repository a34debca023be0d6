"""`evalbook new`: the committed template, its protection and checks, and that it fills and adds up.

The filled-form tests write the figures of examples/consistent.xlsx (copied below, not read
from it) into the template's input cells only, then let LibreOffice recalculate.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

import evalbook
from evalbook import profiles, template
from evalbook.files.cached_values import add_cached_values
from evalbook.errors import InputError
from libreoffice import read_values

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "templates" / "evalbook-template.xlsx"
MOF = profiles.load("mof2020")
LAYOUT = template.layout(MOF)

# --- the figures of examples/consistent.xlsx ---------------------------------------------
PROJECT = {
    "项目名称": "山丹县政务服务大厅运维项目", "主管部门": "山丹县人民政府办公室",
    "实施单位": "山丹县政务服务中心", "评价年度": 2023, "项目总投资": 50, "合同金额": 49.5, "累计支付": 49,
}
FUNDS = {"其中：当年财政拨款": (50, 50, 49), "上年结转资金": (0, 0, 0), "其他资金": (0, 0, 0)}
NARRATIVES = {
    "年度总体目标": "保障政务服务大厅30个服务窗口和20台自助服务终端全年正常运行。",
    "实际完成情况": "全年运维服务窗口32个、自助服务终端20台，办事群众满意度93%。",
    "存在问题": "办事群众满意度93%，未达到95%的年度目标。",
    "改进措施": "高峰时段增开潮汐窗口，推行预约办理。",
}
# tier-2 → leaves: (三级指标, 指标性质, 年度指标值, 度量单位, 实际完成值, 分值, 得分, 偏差原因)
LEAVES = {
    "数量指标": [("运维服务窗口数量", "≥", 30, "个", 32, 10, 10, None),
                 ("自助服务终端运维数量", "≥", 20, "台", 20, 10, 10, None)],
    "质量指标": [("设备完好率", "≥", 95, "%", 98, 8, 8, None),
                 ("系统故障修复及时率", "≥", 95, "%", 97, 7, 7, None)],
    "时效指标": [("故障响应时间", "≤", 2, "小时", 1.5, 5, 5, None),
                 ("运维服务按期完成率", "=", 100, "%", 100, 5, 5, None)],
    "成本指标": [("年度运维成本", "≤", 50, "万元", 49, 5, 5, None)],
    "社会效益指标": [("政务服务办理效率", "定性", "有效提升", None, "达成年度指标", 10, 10, None),
                     ("群众办事平均等候时间", "≤", 15, "分钟", 12, 10, 10, None)],
    "可持续影响指标": [("运维服务长效机制", "定性", "建立并运行", None, "达成年度指标", 10, 10, None)],
    "服务对象满意度指标": [
        ("办事群众满意度", "≥", 95, "%", 93, 5, 4.89, "高峰时段窗口等候时间偏长，部分群众不满意；拟增开潮汐窗口、推行预约办理。"),
        ("窗口工作人员满意度", "≥", 90, "%", 92, 5, 5, None)],
}
PAYMENTS = [
    (dt.datetime(2023, 3, 31), "第一季度运维服务费", 12.25, "当年财政拨款", "记-2023-03-018"),
    (dt.datetime(2023, 6, 30), "第二季度运维服务费", 12.25, "当年财政拨款", "记-2023-06-021"),
    (dt.datetime(2023, 9, 28), "第三季度运维服务费", 12.25, "当年财政拨款", "记-2023-09-016"),
    (dt.datetime(2023, 12, 20), "第四季度运维服务费", 12.25, "当年财政拨款", "记-2023-12-024"),
]


def _tier2_rows() -> dict[str, tuple[int, ...]]:
    return {t2: rows for b in LAYOUT.blocks for t2, rows in b.tier2_rows.items()}


def _leaf_cells() -> dict[str, object]:
    cells = {}
    for t2, leaves in LEAVES.items():
        for row, leaf in zip(_tier2_rows()[t2], leaves, strict=False):
            for col, value in zip("CDEFGHIK", leaf, strict=True):
                if value is not None:
                    cells[f"{col}{row}"] = value
    return cells


def _expected() -> dict[str, dict[str, object]]:
    """What every derived cell of the filled form must show."""
    blocks = {b.tier1: b for b in LAYOUT.blocks}
    f, t = LAYOUT.funds_total_row, LAYOUT.total_row
    ind = {}
    leaf = _leaf_cells()
    for b in LAYOUT.blocks:
        for r in b.leaf_rows:
            if f"H{r}" in leaf:
                ind[f"J{r}"] = leaf[f"I{r}"] / leaf[f"H{r}"]
    for name, cap, score in (("产出", 50, 50), ("效益", 30, 30), ("满意度", 10, 9.89)):
        s = blocks[name].subtotal_row
        ind.update({f"H{s}": cap, f"I{s}": score, f"J{s}": score / cap})
    ind.update({f"H{t}": 100, f"I{t}": 99.69, f"J{t}": 0.9969})
    p = LAYOUT.project
    proj = {
        p["剩余资金"]: 1, p["支付占合同比例"]: 49 / 49.5, p["自评得分"]: 99.69, p["自评等级"]: "优",
        f"B{f}": 50, f"C{f}": 50, f"D{f}": 49, f"F{f}": 0.98, f"G{f}": 9.8,
    }
    return {"项目": proj, "指标": ind, "支付": {f"C{LAYOUT.payment_total_row}": 49}}


def _put(ws, ref, value):
    cell = ws[ref]
    assert not cell.protection.locked, f"{ws.title}!{ref} is not an input cell"
    cell.value = value


def fill(path: Path) -> Path:
    """Write the consistent figures into the input cells (and only those) of the template at *path*."""
    wb = openpyxl.load_workbook(path)
    proj, ind, pay = wb["项目"], wb["指标"], wb["支付"]
    for label, value in PROJECT.items():
        _put(proj, LAYOUT.project[label], value)
    for part, figures in FUNDS.items():
        row = LAYOUT.funds_part_rows[part]
        for col, value in zip("BCD", figures, strict=True):
            _put(proj, f"{col}{row}", value)
    for label, text in NARRATIVES.items():
        _put(proj, LAYOUT.narratives[label], text)
    for ref, value in _leaf_cells().items():
        _put(ind, ref, value)
    for row, payment in zip(LAYOUT.payment_rows, PAYMENTS, strict=False):
        for col, value in zip("ABCDE", payment, strict=True):
            _put(pay, f"{col}{row}", value)
    wb.save(path)
    return path


def _values_no_blanks(values):
    return {s: {k: v for k, v in cells.items() if v != ""} for s, cells in values.items()}


def _approx_subset(actual: dict, expected: dict) -> list:
    wrong = []
    for sheet, cells in expected.items():
        for ref, want in cells.items():
            got = actual.get(sheet, {}).get(ref)
            ok = got == pytest.approx(want, abs=1e-9) if isinstance(want, (int, float)) else got == want
            if not ok:
                wrong.append((sheet, ref, got, want))
    return wrong


# --- the committed file --------------------------------------------------------------------


def test_committed_template_is_byte_for_byte_what_new_writes_for_the_default_profile():
    assert COMMITTED.read_bytes() == template.template_bytes("mof2020"), (
        "regenerate with: python -m evalbook.template templates/evalbook-template.xlsx")


def test_write_template_writes_the_same_bytes_as_template_bytes(tmp_path):
    out = tmp_path / "自评 表.xlsx"
    template.write_template(out)
    assert out.read_bytes() == template.template_bytes(None)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left over


def test_new_keeps_an_existing_file_unless_told_to_overwrite(tmp_path):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"filled in by hand")
    with pytest.raises(InputError) as err:
        template.write_template(out)
    assert err.value.key == "new_exists"
    assert out.read_bytes() == b"filled in by hand"
    template.write_template(out, overwrite=True)
    assert out.read_bytes() == template.template_bytes()


def test_new_refuses_a_name_that_is_not_xlsx(tmp_path):
    with pytest.raises(InputError) as err:
        template.write_template(tmp_path / "x.xls")
    assert err.value.key == "new_suffix"
    assert list(tmp_path.iterdir()) == []


# --- layout ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(COMMITTED)


def test_sheets_headers_and_labels(book):
    assert book.sheetnames == ["项目", "指标", "支付", "填表说明"]
    proj, ind, pay = book["项目"], book["指标"], book["支付"]
    assert proj["A1"].value == "项目支出绩效自评表" and "A1:G1" in {str(r) for r in proj.merged_cells.ranges}
    assert [proj[f"A{r}"].value for r in range(2, 14)] == [
        "项目名称", "主管部门", "实施单位", "评价年度", "金额单位", "项目总投资", "合同金额", "累计支付",
        "剩余资金", "支付占合同比例", "自评得分", "自评等级"]
    assert proj["B6"].value == "万元"
    assert [c.value for c in proj[15]] == list(template.FUNDS_HEADER)
    assert [proj[f"A{r}"].value for r in (16, 17, 18, 19)] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert proj["E16"].value == 10
    assert [proj[f"A{r}"].value for r in range(21, 25)] == ["年度总体目标", "实际完成情况", "存在问题", "改进措施"]
    assert [c.value for c in ind[1]] == list(template.INDICATOR_HEADER)
    assert [c.value for c in pay[1]] == list(template.PAYMENT_HEADER)
    assert pay["A22"].value == "合计" and pay["C22"].value == "=IF(COUNT(C2:C21)=0,\"\",SUM(C2:C21))"
    assert book["填表说明"]["B2"].value.startswith("本工作簿由 evalbook new 生成")


def test_indicator_blocks_carry_the_profile_caps_and_close_with_subtotals(book):
    ind = book["指标"]
    merged = {str(r) for r in ind.merged_cells.ranges}
    assert (ind["A2"].value, ind["A15"].value, ind["A28"].value) == ("产出指标（50分）", "效益指标（30分）", "满意度指标（10分）")
    assert {"A2:A13", "A15:A26", "A28:A30", "B2:B4", "B11:B13", "B28:B30"} <= merged
    assert [ind[f"B{r}"].value for r in (2, 5, 8, 11, 15, 18, 21, 24, 28)] == [
        "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
        "可持续影响指标", "服务对象满意度指标"]
    for row, first, last in ((14, 2, 13), (27, 15, 26), (31, 28, 30)):
        assert ind[f"A{row}"].value == "小计" and f"A{row}:G{row}" in merged
        assert ind[f"H{row}"].value == f'=IF(COUNT(H{first}:H{last})=0,"",SUM(H{first}:H{last}))'
    assert ind["A32"].value == "总分"
    assert ind["H32"].value == "=IF(COUNT(H2:H13,H15:H26,H28:H30,'项目'!E16)=0,\"\",SUM(H2:H13,H15:H26,H28:H30,'项目'!E16))"
    assert ind["J2"].value == '=IF(OR(COUNT(I2)=0,COUNT(H2)=0),"",IF(H2=0,"",I2/H2))' and ind["J2"].number_format == "0.00%"


def test_free_weight_profiles_put_no_cap_in_the_tier1_labels_and_their_budget_cap_in_the_funds_block(tmp_path):
    for name, cap in (("free10", 10), ("budget20", 20)):
        out = tmp_path / f"{name}.xlsx"
        template.write_template(out, name)
        wb = openpyxl.load_workbook(out)
        assert (wb["指标"]["A2"].value, wb["指标"]["A28"].value) == ("产出指标", "满意度指标")
        assert wb["项目"]["E16"].value == cap


def test_blank_template_caches_blanks_and_only_the_budget_cap(book):
    values = read_values(COMMITTED)
    formula_cells = {(ws.title, c.coordinate) for ws in book.worksheets for row in ws.iter_rows()
                     for c in row if isinstance(c.value, str) and c.value.startswith("=")}
    cached = {(s, ref): v for s, cells in values.items() for ref, v in cells.items() if (s, ref) in formula_cells}
    # 总分's cap is the budget cap alone until indicator caps are entered.
    assert cached == {("指标", "H32"): 10}


# --- checks and protection ---------------------------------------------------------------


def _validations(ws) -> dict[str, tuple]:
    # "between" is the file format's default operator, so the file (and openpyxl) leave it out.
    return {str(dv.sqref): (dv.type, dv.operator or ("between" if dv.type not in ("list", None) else None),
                            dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}


def test_data_validation_guards_scores_caps_natures_sources_and_dates(book):
    ind = _validations(book["指标"])
    assert ind["I2:I13"] == ("decimal", "between", "0", "$H2")
    assert ind["I28:I30"] == ("decimal", "between", "0", "$H28")
    assert ind["H15:H26"] == ("decimal", "greaterThan", "0", None)
    assert ind["D2:D13"] == ("list", None, '"≥,≤,=,定性"', None)
    pay = _validations(book["支付"])
    assert pay["D2:D21"] == ("list", None, '"当年财政拨款,上年结转资金,其他资金"', None)
    assert pay["A2:A21"][:2] == ("date", "between")
    assert pay["C2:C21"] == ("decimal", "greaterThan", "0", None)
    proj = _validations(book["项目"])
    assert proj["B6"] == ("list", None, '"万元,元"', None)
    assert proj["B17:D19"] == ("decimal", "greaterThanOrEqual", "0", None)


def test_form_sheets_are_protected_without_a_password_and_print_on_a4_landscape(book):
    for title in ("项目", "指标", "支付"):
        ws = book[title]
        assert ws.protection.sheet and not ws.protection.password, title
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9", title
        # 1 is the file format's default for both, written as nothing.
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1), title
        assert ws.page_setup.fitToHeight in ((None, 1) if title == "项目" else (0,)), title
    for title in ("指标", "支付"):
        assert book[title].freeze_panes == "A2" and book[title].print_title_rows == "$1:$1"
    assert template.template_bytes(protect=False) != template.template_bytes()


def _input_cells() -> dict[str, set[str]]:
    p = LAYOUT.project
    proj = {p[label] for label, kind in template.PROJECT_FIELDS if kind in ("text", "year", "unit", "money")}
    proj |= {f"{c}{r}" for r in LAYOUT.funds_part_rows.values() for c in "BCD"}
    proj |= set(LAYOUT.narratives.values())
    ind = {f"{c}{r}" for b in LAYOUT.blocks for r in b.leaf_rows for c in "CDEFGHIK"}
    pay = {f"{c}{r}" for r in LAYOUT.payment_rows for c in "ABCDEF"}
    return {"项目": proj, "指标": ind, "支付": pay}


def test_inputs_are_unlocked_and_everything_else_including_every_formula_is_locked(book):
    for title, inputs in _input_cells().items():
        ws = book[title]
        unlocked, locked_formulas = set(), 0
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c, MergedCell):
                    continue
                if not c.protection.locked:
                    unlocked.add(c.coordinate)
                elif isinstance(c.value, str) and c.value.startswith("="):
                    locked_formulas += 1
                assert not (isinstance(c.value, str) and c.value.startswith("=") and not c.protection.locked)
        assert unlocked == inputs, title
        assert locked_formulas > 0, title


# --- filled with the consistent figures --------------------------------------------------


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("filled")
    path = folder / "consistent-from-template.xlsx"
    shutil.copyfile(COMMITTED, path)
    return fill(path)


@pytest.fixture(scope="module")
def recalculated(filled, libreoffice):
    out = libreoffice.recalculate([filled, COMMITTED])
    return out


def test_libreoffice_recalculates_the_blank_template_to_its_cached_values(recalculated):
    assert _values_no_blanks(read_values(recalculated[COMMITTED])) == _values_no_blanks(read_values(COMMITTED))


def test_filled_template_recalculates_to_the_consistent_totals(recalculated, filled):
    assert _approx_subset(read_values(recalculated[filled]), _expected()) == []


# source.read_xlsx parses sheets with wb.shared_strings, which openpyxl leaves empty in
# read-only mode (the strings live in each ReadOnlyWorksheet._shared_strings): every workbook
# with a shared-string table (Excel's, WPS's, xlsxwriter's, LibreOffice's) is reported as corrupt.
# strict: these start failing the moment source.py is fixed, so the marks get removed.


def test_blank_template_gives_missing_value_findings_not_an_error():
    report = evalbook.check(COMMITTED)
    codes = {f.code for f in report.findings}
    assert {"S104", "P108"} <= codes


def test_filled_template_recalculated_by_libreoffice_checks_clean(recalculated, filled):
    report = evalbook.check(recalculated[filled])
    assert [(f.code, f.cell, f.message) for f in report.findings] == []


def test_filled_template_with_cached_values_checks_clean_without_a_spreadsheet(filled, tmp_path):
    path = tmp_path / "cached.xlsx"
    shutil.copyfile(filled, path)
    add_cached_values(path, _expected())
    report = evalbook.check(path)
    assert [(f.code, f.cell, f.message) for f in report.findings] == []


def test_framework2013_lays_out_its_own_tier1s_with_no_budget_cap(tmp_path):
    out = tmp_path / "framework2013.xlsx"
    template.write_template(out, "framework2013")
    ind = openpyxl.load_workbook(out)["指标"]
    labels = [ind[f"A{r}"].value for r in range(2, ind.max_row + 1)]
    assert [v for v in labels if v and v != "小计"][:5] == ["决策指标", "过程指标", "产出指标", "效益指标", "总分"]
    assert openpyxl.load_workbook(out)["项目"]["E16"].value == 0
