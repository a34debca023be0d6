"""Workbooks the tests build: a consistent standard form as plain rows, and a writer that
turns rows, merges and number formats into an .xlsx, so each test states only what it changes."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl

IND_HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位",
              "实际完成值", "分值", "得分", "得分率", "偏差原因分析及改进措施"]


def project_rows():
    """项目 sheet rows of a consistent form: leaves 89 + budget execution 10 = 99, 优."""
    return [
        ["项目支出绩效自评表"],
        ["项目名称", "测试项目"],
        ["主管部门", "测试局"],
        ["实施单位", "测试中心"],
        ["评价年度", 2023],
        ["金额单位", "万元"],
        ["项目总投资", 100],
        ["合同金额", 100],
        ["累计支付", 100],
        ["剩余资金", 0],
        ["支付占合同比例", 1.0],
        ["自评得分", 99],
        ["自评等级", "优"],
        [],
        ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", 100, 100, 100, 10, 1.0, 10],
        ["其中：当年财政拨款", 100, 100, 100],
        ["上年结转资金", 0, 0, 0],
        ["其他资金", 0, 0, 0],
    ]


PROJECT_FORMATS = {"B11": "0%", "F16": "0.00%"}


def leaf(t1, t2, name, cap, score, *, nature="≥", target=10, unit="个", actual=10, reason=None):
    rate = score / cap if cap else None
    return [t1, t2, name, nature, target, unit, actual, cap, score, rate, reason]


def indicator_rows():
    """Leaves only (no subtotal rows); tier names written on every row (no merges)."""
    return [
        IND_HEADER,
        leaf("产出指标", "数量指标", "甲", 10, 10),
        leaf("产出指标", "数量指标", "乙", 10, 10),
        leaf("产出指标", "质量指标", "丙", 15, 15),
        leaf("产出指标", "质量指标", "丁", 15, 15),
        leaf("效益指标", "社会效益指标", "戊", 15, 15),
        leaf("效益指标", "社会效益指标", "己", 15, 15),
        leaf("满意度指标", "服务对象满意度指标", "庚", 10, 9, target="95%", unit=None, actual="85.5%",
             reason="个别群众对办理时限不满意"),
    ]


def write_book(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
               formats: dict[str, dict[str, str]] | None = None, text_cells: dict[str, list[str]] | None = None
               ) -> Path:
    """Write *sheets* (name → rows from row 1) to *path*; merges and number formats per sheet.
    Cells named in *text_cells* are stored as text even when they begin with '='."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    cell = ws.cell(r, c, v)
                    if isinstance(v, str) and v.startswith("="):
                        cell.data_type = "s"
        for rng in (merges or {}).get(name, []):
            # openpyxl empties the covered cells, as Excel does
            ws.merge_cells(rng)
        for a1, fmt in (formats or {}).get(name, {}).items():
            ws[a1].number_format = fmt
        for a1 in (text_cells or {}).get(name, []):
            ws[a1].data_type = "s"
    wb.save(path)
    return path


def standard(tmp_path: Path, name="form.xlsx", project=None, indicators=None, merges=None,
             formats=None, extra: dict | None = None) -> Path:
    """The consistent form, with any sheet's rows replaced."""
    sheets = {"项目": project if project is not None else project_rows(),
              "指标": indicators if indicators is not None else indicator_rows()}
    sheets.update(extra or {})
    fmts = {"项目": dict(PROJECT_FORMATS), "指标": {f"J{r}": "0%" for r in range(2, 60)}}
    for k, v in (formats or {}).items():
        fmts.setdefault(k, {}).update(v)
    return write_book(tmp_path / name, sheets, merges, fmts)


def rows_copy(rows):
    return copy.deepcopy(rows)


def mof_grid(total_score=99):
    """The central 项目支出绩效自评表 on one sheet: 项目资金 merged down column A, the goals
    block right under the funds block, 绩效指标 merged down column A, 总分 in column A."""
    rows = [
        ["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "测试项目"],
        ["主管部门", "测试局", None, None, "实施单位", "测试中心"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 100, 100, 100, 10, 1.0, 10],
        [None, "其中：当年财政拨款", 100, 100, 100, "—", "—", "—"],
        [None, "上年结转资金", 0, 0, 0, "—", "—", "—"],
        [None, "其他资金", None, None, None, "—", "—", "—"],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "完成建设任务", None, None, "已完成"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "指标1：建设数量", "≥10个", "10个", 25, 25],
        [None, None, None, "指标2：覆盖数量", "≥20个", "20个", 25, 25],
        [None, "效益指标", "社会效益指标", "指标1：服务人次", "≥1000人次", "1100人次", 30, 30],
        [None, "满意度指标", "服务对象满意度指标", "指标1：群众满意度", "≥95%", "90%", 10, 9, "宣传不足"],
        ["总分", None, None, None, None, None, 100, total_score],
    ]
    merges = ["A1:H1", "A2:H2", "B3:H3", "A5:A9", "A10:A11", "B10:D10", "B11:D11", "E10:H10", "E11:H11",
              "A12:A16", "B13:B14", "C13:C14", "A17:F17"]
    return rows, merges


CHECKBOX = (b'<v:shape id="_x0000_s2049" type="#_x0000_t201" style="position:absolute;width:60pt;height:15pt" '
            b'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">'
            b'<x:ClientData ObjectType="Checkbox"><x:Anchor>8, 0, 1, 0, 9, 0, 2, 0</x:Anchor>'
            b'<x:AutoFill>False</x:AutoFill></x:ClientData></v:shape>')


def add_checkbox(path: Path, sheet: str) -> None:
    """A form control (a check box, in the sheet's legacy VML drawing, as Excel keeps it) on
    *sheet*: the note drawing of that sheet then holds more than notes."""
    import re
    import zipfile

    from evalbook.files.sheet_xml import legacy_drawing_id, set_legacy_drawing
    from evalbook.files.splice import Package, resolve

    pkg = Package(path)
    part = pkg.sheet_part(sheet)
    xml = pkg.read(part)
    rid = legacy_drawing_id(xml)
    if rid is not None:
        vml = resolve(part, next(r for r in pkg.relationships(part) if r.id == rid).target)
        data = pkg.read(vml)
        pkg.write(vml, data[:data.rfind(b"</xml>")] + CHECKBOX + b"</xml>")
    else:
        vml = "xl/drawings/vmlDrawing9.vml"
        pkg.write(vml, b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                       b'xmlns:x="urn:schemas-microsoft-com:office:excel">' + CHECKBOX + b"</xml>")
        types = pkg.read("[Content_Types].xml")
        if not re.search(rb'Extension="vml"', types):
            pkg.write("[Content_Types].xml", types.replace(
                b"</Types>", b'<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>'))
        rid = pkg.add_relationship(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing", vml)
        pkg.write(part, set_legacy_drawing(pkg.read(part), rid))
    tmp = path.with_name(path.name + ".tmp")
    pkg.save(tmp)
    tmp.replace(path)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
