"""Issue 18: web-system "xls" exports (HTML tables, Excel 2003 XML), WPS .et, Excel lock files
and Word documents where a workbook is expected (spec: cli.md "Inputs that must get a clear
error", the lock-file paragraph). Every form here is built by the test; each export is checked
against the same form written as .xlsx: the same findings, only "file" differs."""

from __future__ import annotations

import copy
import json
import shutil
import time

import openpyxl
import pytest
from click.testing import CliRunner

import evalbook
from builders import PROJECT_FORMATS, indicator_rows, mof_grid, project_rows, write_book
from evalbook.cli import main
from evalbook.errors import InputError
from evalbook.files.book import Limits
from evalbook.files.door import is_lock_file, lock_target, open_book, sniff
from web_exports import html_page, html_table, spreadsheetml


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1, 2), result.output
    assert "内部错误" not in result.output and "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def findings(path, *extra):
    result = run("check", "--format", "json", path, *extra)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    data = lines[0]
    data.pop("file")
    return result.exit_code, data


def refused(path, key, **kwargs):
    with pytest.raises(InputError) as info:
        open_book(path, **kwargs)
    assert info.value.key == key, info.value.params
    return info.value


# --- the single-grid form as a web system exports it -------------------------------------

def grid_form():
    """The MoF single-sheet grid with two mistakes: 全年预算数 typed as "100万元" (S107) and a
    total of 95 where the parts give 99 (P104); its title sits above the table, as a heading."""
    rows, merges = mof_grid(total_score=95)
    rows = copy.deepcopy(rows)
    rows[5][3] = "100万元"
    merges = [m for m in merges if m != "A1:H1"]
    return rows, merges, {"G6": "0%"}


def grid_pair(tmp_path, charset="utf-8", encoding="utf-8"):
    rows, merges, fmts = grid_form()
    xlsx = write_book(tmp_path / "grid.xlsx", {"Sheet1": rows}, {"Sheet1": merges}, {"Sheet1": fmts})
    page = html_page("<h2>项目支出绩效自评表</h2>\n" + html_table(rows[1:], merges, fmts, start_row=2), charset=charset)
    xls = tmp_path / "grid_export.xls"
    xls.write_bytes(page.encode(encoding))
    return xlsx, xls


@pytest.mark.parametrize("charset,encoding", [("utf-8", "utf-8"), ("gb2312", "gbk")])
def test_an_html_table_saved_as_xls_gives_the_findings_of_the_same_form_as_xlsx(tmp_path, charset, encoding):
    xlsx, xls = grid_pair(tmp_path, charset, encoding)
    assert sniff(xls) == "html"
    want_code, want = findings(xlsx)
    got_code, got = findings(xls)
    assert [(f["code"], f["cell"]) for f in want["findings"]] == [("S107", "D6"), ("P104", "H17")]
    assert (got_code, got) == (want_code, want) == (1, want)


def test_a_gbk_page_without_a_charset_is_read_as_chinese(tmp_path):
    rows, merges, fmts = grid_form()
    page = html_page(html_table(rows, merges + ["A1:H1"], fmts)).replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n', "")
    path = tmp_path / "nocharset.xls"
    path.write_bytes(page.encode("gbk"))
    book = open_book(path)
    assert book.sheets[0].value(3, 1) == "项目名称"
    assert book.sheets[0].value(5, 1) == "项目资金（万元）"


def test_html_spans_merge_and_place_cells_as_a_spreadsheet_opens_the_page(tmp_path):
    path = tmp_path / "spans.xls"
    path.write_text(html_page(
        "<p>单位：万元</p><table><tr><td rowspan=2>产出指标<td colspan=2>数量指标<td>1,000"
        "<tr><td>12.50<td>85%<td x:str>007</table><p>注：1.说明</p>"))
    sheet = open_book(path).sheets[0]
    assert sheet.value(1, 1) == "单位：万元"
    assert sheet.merged == [(2, 1, 3, 1), (2, 2, 2, 3)]
    assert (sheet.value(2, 4), sheet.get(2, 4).fmt) == (1000, "#,##0")
    # row 3 starts right of the rowspan
    assert sheet.value(3, 2) == 12.5
    assert (sheet.value(3, 3), sheet.get(3, 3).fmt) == (0.85, "0%")
    assert sheet.value(3, 4) == "007"  # x:str: text, as Excel keeps it
    assert sheet.value(4, 1) == "注：1.说明"


def test_excels_own_html_keeps_sheet_name_raw_values_and_class_formats(tmp_path):
    path = tmp_path / "excel.xls"
    path.write_text(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
        '<style>.xl65 {mso-number-format:"0\\.00%";} .xl66 {mso-number-format:"\\@";}</style>'
        "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>"
        "<x:Name>指标</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->"
        '</head><body><table><tr><td class=xl65 x:num="0.9876">98.76%</td><td class=xl66>12</td>'
        "<td style='mso-number-format:Percent'>50%</td></tr></table></body></html>")
    sheet = open_book(path).sheets[0]
    assert sheet.name == "指标"
    assert (sheet.value(1, 1), sheet.get(1, 1).fmt) == (0.9876, "0.00%")
    assert sheet.value(1, 2) == "12"
    assert (sheet.value(1, 3), sheet.get(1, 3).fmt) == (0.5, "0.00%")


def test_a_web_page_with_no_table_gets_a_clear_message(tmp_path):
    path = tmp_path / "timeout.xls"
    path.write_text("<html><body><p>会话已超时，请重新登录</p></body></html>", encoding="utf-8")
    refused(path, "html_no_table")
    result = run("check", path)
    assert result.exit_code == 2 and "没有表格" in result.stderr and "重新导出" in result.stderr


# --- Excel 2003 XML -----------------------------------------------------------------------

def ss_form():
    """The two-sheet standard form, tier-1 and tier-2 merged down, 自评得分 97 (parts give 99)."""
    project = project_rows()
    project[11][1] = 97
    ind = indicator_rows()
    merges = ["A2:A5", "B2:B3", "B4:B5", "A6:A7", "B6:B7"]
    for r in (3, 4, 5, 7):
        ind[r - 1][0] = None
    for r in (3, 5, 7):
        ind[r - 1][1] = None
    sheets = {"项目": project, "指标": ind}
    formats = {"项目": dict(PROJECT_FORMATS), "指标": {f"J{r}": "0%" for r in range(2, 9)}}
    return sheets, {"指标": merges}, formats


def test_spreadsheetml_gives_the_findings_of_the_same_form_as_xlsx(tmp_path):
    sheets, merges, formats = ss_form()
    xlsx = write_book(tmp_path / "form.xlsx", sheets, merges, formats)
    xml = tmp_path / "form_export.xls"
    xml.write_text(spreadsheetml(sheets, merges, formats, named={"0.00%": "Percent"}), encoding="utf-8")
    assert sniff(xml) == "spreadsheetml"
    book = open_book(xml)
    ind = book.sheet("指标")
    assert (2, 1, 5, 1) in ind.merged and ind.value(2, 1) == "产出指标" and ind.value(3, 1) is None
    assert book.sheet("项目").get(16, 6).fmt == "0.00%"  # the named format "Percent"
    want_code, want = findings(xlsx)
    got_code, got = findings(xml)
    assert want["findings"], "the form has a mistake to find"
    assert "P" in {f["code"][0] for f in want["findings"]}
    assert (got_code, got) == (want_code, want)


def test_spreadsheetml_merge_down_and_index_place_cells(tmp_path):
    path = tmp_path / "m.xml"
    path.write_text(spreadsheetml({"S": [["a", None, "c"], [None, "x"]]}, {"S": ["A1:A2"]}))
    sheet = open_book(path).sheets[0]
    assert sheet.merged == [(1, 1, 2, 1)]
    assert (sheet.value(1, 3), sheet.value(2, 2)) == ("c", "x")


def test_spreadsheetml_with_a_dtd_is_refused_before_any_entity_is_expanded(tmp_path):
    sheets, merges, formats = ss_form()
    bomb = ('<!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n')
    path = tmp_path / "bomb.xls"
    path.write_text(spreadsheetml(sheets, merges, formats, prolog=bomb).replace("测试项目", "&c;"), encoding="utf-8")
    refused(path, "xml_entities")
    result = run("check", path)
    assert result.exit_code == 2 and "DOCTYPE" in result.stderr


def test_other_xml_is_named_not_parsed_as_a_workbook(tmp_path):
    path = tmp_path / "data.xls"
    path.write_text('<?xml version="1.0"?><root><row>1</row></root>')
    assert sniff(path) == "xml"
    refused(path, "xml_not_workbook")
    path.write_text('<?xml version="1.0"?><Workbook xmlns="urn:other"><Worksheet/></Workbook>')
    refused(path, "xml_not_workbook")


@pytest.mark.parametrize("cell,key", [
    ('<Cell ss:Index="16385"><Data ss:Type="String">x</Data></Cell>', "outside_grid"),
    ('<Cell ss:MergeDown="1048576"><Data ss:Type="String">x</Data></Cell>', "outside_grid"),
    ('<Cell ss:MergeDown="1000000" ss:MergeAcross="2"><Data ss:Type="String">x</Data></Cell>', "limit.merged"),
    ('<Cell ss:Index="x"/>', "outside_grid"),
])
def test_hostile_spreadsheetml_cells_are_refused_in_a_line(tmp_path, cell, key):
    path = tmp_path / "h.xls"
    path.write_text(f'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    f'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="a">'
                    f"<Table><Row>{cell}</Row></Table></Worksheet></Workbook>")
    refused(path, key)


# --- hostile pages ------------------------------------------------------------------------

def test_a_huge_html_table_stops_at_the_cell_limit(tmp_path):
    path = tmp_path / "huge.xls"
    row = "<tr>" + "<td>1</td>" * 100 + "</tr>"
    path.write_text("<table>" + row * 600 + "</table>")  # 60,000 cells
    refused(path, "limit.cells", limits=Limits.scaled(50_000))
    result = run("check", "--max-cells", "50000", path)
    assert result.exit_code == 2 and "50,000" in result.stderr


def test_the_default_cell_limit_holds_for_a_page_of_empty_cells(tmp_path):
    path = tmp_path / "empty-cells.xls"
    path.write_text("<table>" + ("<tr>" + "<td>" * 100) * 5_100 + "</table>")  # no end tags, as HTML allows
    start = time.perf_counter()
    refused(path, "limit.cells")
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("body", [
    "<div>" * 200_000 + "<table><tr><td>项目名称<td>x</table>",
    "<table><tr><td>" * 5_000 + "深",
    "<table><tr><td rowspan=65534 colspan=1000>x</table>",
    "<table><tr><td colspan=999999999>x<td colspan=20000>y</table>",
    "<table><tr><td>" + "长" * 100_000 + "</table>",
    "<!--" + "x" * 2_000_000,
    "<table" + " a" * 200_000,
    '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa">]><table><tr><td>&a;&amp;&#x4e2d;</table>',
])
def test_hostile_pages_end_as_a_report_or_one_line_never_an_internal_error(tmp_path, body):
    path = tmp_path / "hostile.xls"
    path.write_text("<html><body>" + body, encoding="utf-8")
    start = time.perf_counter()
    result = run("check", path)
    assert time.perf_counter() - start < 10
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1
    try:
        book = open_book(path)
    except InputError:
        return
    for sheet in book.sheets:
        assert all(len(c.value) <= 32_767 for c in sheet.cells.values() if isinstance(c.value, str))
        assert all(c2 <= 16_384 and r2 <= 1_048_576 for _, _, r2, c2 in sheet.merged)


# --- WPS .et ------------------------------------------------------------------------------

def test_an_et_that_is_an_xlsx_inside_is_read_and_annotated(tmp_path):
    sheets, merges, formats = ss_form()
    xlsx = write_book(tmp_path / "form.xlsx", sheets, merges, formats)
    et = tmp_path / "form.et"
    shutil.copyfile(xlsx, et)
    assert sniff(et) == "xlsx"
    assert findings(et) == findings(xlsx)
    result = run("annotate", et)
    assert result.exit_code == 1, result.output
    out = tmp_path / "form.checked.xlsx"
    assert "校验结果" in openpyxl.load_workbook(out).sheetnames


def test_an_et_that_is_an_xls_inside_is_read(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    for name, rows in ss_form()[0].items():
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is not None:
                    ws.write(r, c, v)
    et = tmp_path / "old.et"
    wb.save(str(et))
    assert sniff(et) == "xls"
    assert evalbook.check(et).summary.claimed_total == 97


@pytest.mark.parametrize("data", [b"\x00ET\x01" + bytes(range(256)) * 4, b"PK\x03\x04garbage" * 10])
def test_an_et_that_is_neither_is_told_to_save_as_xlsx_in_wps(tmp_path, data):
    et = tmp_path / "wps.et"
    et.write_bytes(data)
    refused(et, "et")
    result = run("check", et)
    assert result.exit_code == 2 and "请在 WPS 中另存为 .xlsx" in result.stderr


# --- annotate on the new kinds ------------------------------------------------------------

@pytest.mark.parametrize("kind", ["html", "spreadsheetml"])
def test_annotate_writes_an_xlsx_beside_an_export_like_the_same_form_as_xlsx(tmp_path, kind):
    if kind == "html":
        xlsx, src = grid_pair(tmp_path)
    else:
        sheets, merges, formats = ss_form()
        xlsx = write_book(tmp_path / "grid.xlsx", sheets, merges, formats)
        src = tmp_path / "grid_export.xls"
        src.write_text(spreadsheetml(sheets, merges, formats), encoding="utf-8")
    result = run("annotate", src)
    out = tmp_path / "grid_export.checked.xlsx"
    assert out.exists() and sniff(out) == "xlsx", result.output
    assert "另存为 .xlsx" in result.output
    assert result.exit_code == run("annotate", xlsx).exit_code == 1
    # the annotated export is the annotated xlsx: same findings when checked again
    assert findings(out) == findings(tmp_path / "grid.checked.xlsx")
    run("annotate", "--in-place", src)
    assert (tmp_path / "grid_export.xlsx").exists() and sniff(src) == kind


# --- lock files and Word documents --------------------------------------------------------

def test_lock_files_are_named_by_the_workbook_they_stand_for():
    assert lock_target("/a/~$自评表.xlsx") == "自评表.xlsx"
    assert lock_target(".~lock.form.xlsx#") == "form.xlsx"
    assert not is_lock_file("自评表.xlsx") and not is_lock_file("~$") and not is_lock_file("a~$b.xlsx")


def test_check_skips_a_lock_file_beside_its_workbook_with_the_specs_note(tmp_path):
    sheets, merges, formats = ss_form()
    form = write_book(tmp_path / "自评表.xlsx", sheets, merges, formats)
    lock = tmp_path / "~$自评表.xlsx"
    lock.write_bytes(b"\x06user  " + b"\x00" * 150)
    result = run("check", "--format", "json", lock, form)
    assert result.exit_code == 1
    assert result.stderr.strip() == "自评表.xlsx 正在 Excel/WPS 中打开：检查的是上次保存的内容"
    assert [json.loads(x)["file"] for x in result.stdout.splitlines()] == [str(form)]


def test_a_lock_file_alone_is_never_read_and_exits_2(tmp_path):
    lock = tmp_path / "~$自评表.xlsx"
    shutil.copyfile(write_book(tmp_path / "自评表.xlsx", *ss_form()), lock)  # even a real workbook
    with pytest.raises(InputError) as info:
        evalbook.check(lock)
    assert info.value.key == "lock_file"
    for cmd in ("check", "annotate"):
        result = run(cmd, lock)
        assert result.exit_code == 2 and "自评表.xlsx 正在 Excel/WPS 中打开" in result.stderr


def _docx(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    return path


def test_a_word_document_given_to_annotate_is_named(tmp_path):
    doc = _docx(tmp_path / "报告.docx")
    assert sniff(doc, documents=True) == "docx"
    result = run("annotate", doc)
    assert result.exit_code == 2
    assert "这是 Word 文档" in result.stderr and "evalbook check 报告.docx" in result.stderr
