"""Every kind of bad input cli.md lists gets one InputError with a one-line message, never a
traceback, and nothing a parser could choke on reaches a parser."""

from __future__ import annotations

import os
import struct
import time
import zipfile

import openpyxl
import pytest

from evalbook.files import door as guard
from evalbook.errors import InputError
from evalbook.files.door import open_book, sniff

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def refused(path, key):
    """open_book's refusal, checked to be the one expected and printable as one line."""
    with pytest.raises(InputError) as info:
        open_book(path)
    err = info.value
    assert err.key == key, err.params
    zh, en = err.message(), err.message("en")
    for text in (zh, en):
        assert "\n" not in text and text.strip() == text
    assert zh != en
    assert os.path.basename(str(path)) in zh and os.path.basename(str(path)) in en
    return err


def plain_xlsx(path, value="绩效自评"):
    wb = openpyxl.Workbook()
    wb.active.title = "指标"
    wb.active["A1"] = value
    wb.save(path)
    return path


def rewrite_part(src, dst, name, data: bytes, method=zipfile.ZIP_DEFLATED, level=None):
    """Copy a package, replacing one part."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", method, compresslevel=level) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr(name, data)
    return dst


def central_entry(data: bytes, name: str) -> int:
    """Offset of `name`'s central directory record."""
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack_from("<H", data, at + 28)
        if data[at + 46 : at + 46 + length] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise LookupError(name)


# --- files that are not there, or not files ----------------------------------------------


def test_missing_file(tmp_path):
    refused(tmp_path / "没有这个文件.xlsx", "missing")


def test_folder(tmp_path):
    folder = tmp_path / "自评表.xlsx"
    folder.mkdir()
    refused(folder, "is_dir")


def test_empty_file(tmp_path):
    path = tmp_path / "下载失败.xlsx"
    path.write_bytes(b"")
    refused(path, "empty")


# --- files that are not workbooks ----------------------------------------------------------


def test_text_file(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("项目名称,得分\n培训,90\n", encoding="utf-8")
    refused(path, "not_workbook")


def test_pdf_renamed_xlsx(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    err = refused(path, "pdf")
    assert "PDF" in err.message() and "PDF" in err.message("en")


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.xlsx"
    path.write_bytes(os.urandom(4096).replace(b"PK", b"pk"))
    refused(path, "not_workbook")


def test_docx_is_a_word_document_not_a_workbook(tmp_path):
    """Spec: a Word document given where a workbook is expected: "这是 Word 文档：用 evalbook check …"."""
    path = tmp_path / "说明.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("word/document.xml", "<w:document/>")
    refused(path, "word")


def test_empty_zip_is_not_a_workbook(tmp_path):
    path = tmp_path / "empty.xlsx"
    zipfile.ZipFile(path, "w").close()
    refused(path, "not_workbook")


def test_ods_refused_with_hint(tmp_path):
    path = tmp_path / "自评表.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    err = refused(path, "ods")
    assert ".xlsx" in err.message() and ".xlsx" in err.message("en")


# --- broken workbooks -----------------------------------------------------------------------


def test_truncated_xlsx(tmp_path):
    good = plain_xlsx(tmp_path / "good.xlsx")
    data = good.read_bytes()
    path = tmp_path / "半截.xlsx"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "corrupt")


def test_corrupted_part_data(tmp_path):
    """Directory intact, a part's bytes scrambled: the failure comes from inflating."""
    good = plain_xlsx(tmp_path / "good.xlsx")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start, start + info.compress_size):
        data[i] ^= 0x5A
    path = tmp_path / "scrambled.xlsx"
    path.write_bytes(bytes(data))
    refused(path, "corrupt")


def test_missing_workbook_part(tmp_path):
    good = plain_xlsx(tmp_path / "good.xlsx")
    path = tmp_path / "no-workbook.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            if info.filename != "xl/workbook.xml":
                zout.writestr(info, zin.read(info))
    refused(path, "corrupt")


def test_broken_sheet_xml_from_the_parser(tmp_path):
    """Passes every pre-check, fails inside openpyxl: still one InputError."""
    good = plain_xlsx(tmp_path / "good.xlsx")
    path = rewrite_part(good, tmp_path / "bad-xml.xlsx", "xl/worksheets/sheet1.xml",
                        f'<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1"'.encode())
    err = refused(path, "corrupt")
    assert err.__cause__ is not None  # the parser's exception is kept for debugging


def test_lying_zip_is_bounded_by_declared_size(tmp_path):
    """A part declaring 100 bytes that inflates to 50 MB: zipfile stops at the declared size
    and fails the CRC, so the declared sizes the guard judges are a real bound."""
    good = plain_xlsx(tmp_path / "good.xlsx")
    big = f'<worksheet xmlns="{SHEET_NS}"><sheetData/>'.encode() + b" " * (50 << 20) + b"</worksheet>"
    path = rewrite_part(good, tmp_path / "lying.xlsx", "xl/worksheets/sheet1.xml", big)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 100)  # local header
    struct.pack_into("<I", data, central_entry(data, info.filename) + 24, 100)  # directory
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z:
        with pytest.raises(zipfile.BadZipFile):
            z.read("xl/worksheets/sheet1.xml")
    refused(path, "corrupt")


# --- passwords ------------------------------------------------------------------------------


def test_encrypted_xlsx(tmp_path):
    """A real password-protected workbook: Office wraps the package in an OLE2 file."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = plain_xlsx(tmp_path / "plain.xlsx")
    path = tmp_path / "加密 自评表.xlsx"
    with open(plain, "rb") as src, open(path, "wb") as out:
        OOXMLFile(src).encrypt("123456", out)
    err = refused(path, "encrypted")
    assert "请先在 Excel 中取消密码后再检查" in err.message()
    assert "password" in err.message("en")


def test_encrypted_xls(tmp_path):
    """xlwt cannot encrypt, so put a FILEPASS record after the globals' BOF, as Excel does."""
    import xlwt
    from xlwt import CompoundDoc

    wb = xlwt.Workbook()
    wb.add_sheet("指标").write(0, 0, "x")
    biff = wb.get_biff_data()
    _, bof_len = struct.unpack("<HH", biff[:4])
    filepass = struct.pack("<HHHHH", 0x2F, 54, 1, 1, 1) + bytes(48)  # RC4, version 1.1
    path = tmp_path / "旧表.xls"
    CompoundDoc.XlsDoc().save(str(path), biff[: 4 + bof_len] + filepass + biff[4 + bof_len :])
    assert sniff(path) == "xls"  # only xlrd can tell, from inside the stream
    err = refused(path, "encrypted")
    assert "请先在 Excel 中取消密码后再检查" in err.message()


def test_ole_file_that_is_not_excel(tmp_path):
    """A .doc renamed .xls: OLE2 without a Workbook stream."""
    from xlwt import CompoundDoc

    path = tmp_path / "memo.xls"
    CompoundDoc.XlsDoc().save(str(path), b"\x00" * 5000)
    data = path.read_bytes()
    name = "Workbook".encode("utf-16-le")  # xlwt's stream name, in the directory entry
    assert data.count(name) == 1
    path.write_bytes(data.replace(name, "Contents".encode("utf-16-le")))
    refused(path, "not_workbook")


# --- bombs ----------------------------------------------------------------------------------


def test_zip_bomb_refused_quickly(tmp_path):
    """1 GiB of sheet XML in a ~5 MB file, the size the issue measured at 100 s to MemoryError."""
    good = plain_xlsx(tmp_path / "good.xlsx")
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with zout.open(info.filename, "w", force_zip64=True) as fh:
                    fh.write(f'<worksheet xmlns="{SHEET_NS}"><sheetData>'.encode())
                    block = b" " * (1 << 20)
                    for _ in range(1024):
                        fh.write(block)
                    fh.write(b"</sheetData></worksheet>")
            else:
                zout.writestr(info.filename, zin.read(info))
    assert path.stat().st_size < 10 << 20
    start = time.monotonic()
    refused(path, "bomb")
    assert time.monotonic() - start < 10


def test_high_ratio_part_under_the_size_limit(tmp_path):
    good = plain_xlsx(tmp_path / "good.xlsx")
    body = f'<worksheet xmlns="{SHEET_NS}"><sheetData/>'.encode() + b" " * (64 << 20) + b"</worksheet>"
    assert len(body) < guard.MAX_PART_BYTES
    path = rewrite_part(good, tmp_path / "dense.xlsx", "xl/worksheets/sheet1.xml", body, level=9)
    refused(path, "bomb")


def test_too_many_parts(tmp_path):
    good = plain_xlsx(tmp_path / "good.xlsx")
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        for i in range(guard.MAX_ENTRIES):
            zout.writestr(f"xl/media/x{i}.bin", b"")
    refused(path, "bomb")


def test_real_sized_form_passes_the_limits(tmp_path):
    """10,000 rows, the largest form the limits are meant to be generous for."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 10_001):
        ws.append([f"指标{r}", "数量指标", r * 1.5, 10, 9.5, "完成", "说明" * 10])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    assert sniff(path) == "xlsx"


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    + "]>\n"
)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_xml_bomb_refused(tmp_path, part):
    good = plain_xlsx(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as z:
        original = z.read(part).decode()
    body = original.split("?>", 1)[1] if original.startswith("<?xml") else original
    path = rewrite_part(good, tmp_path / "laughs.xlsx", part, (LAUGHS + body).encode())
    refused(path, "xml_entities")


def test_xml_bomb_in_utf16_refused(tmp_path):
    good = plain_xlsx(tmp_path / "good.xlsx")
    body = (LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
            + f'<worksheet xmlns="{SHEET_NS}"><sheetData/></worksheet>')
    path = rewrite_part(good, tmp_path / "laughs16.xlsx", "xl/worksheets/sheet1.xml",
                        body.encode("utf-16"))
    refused(path, "xml_entities")


def test_openpyxl_parses_through_defusedxml(tmp_path):
    """The second wall behind the prolog scan: openpyxl itself refuses entities."""
    import openpyxl.xml
    from defusedxml import DefusedXmlException

    from evalbook.files.xlsx import read_xlsx

    assert openpyxl.xml.DEFUSEDXML
    good = plain_xlsx(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as z:
        body = z.read("xl/worksheets/sheet1.xml").decode()
    path = rewrite_part(good, tmp_path / "laughs.xlsx", "xl/worksheets/sheet1.xml", (LAUGHS + body).encode())
    with pytest.raises(ValueError) as info:
        read_xlsx(str(path))
    assert isinstance(info.value.__cause__, DefusedXmlException)
    assert guard._translate(info.value, str(path)).key == "xml_entities"


# --- inputs that work -------------------------------------------------------------------------


def test_chinese_path_with_spaces(tmp_path):
    folder = tmp_path / "2024 年 绩效 自评"
    folder.mkdir()
    path = plain_xlsx(folder / "某某 项目 支出绩效自评表.xlsx", "培训 项目")
    book = open_book(path)
    assert book.kind == "xlsx"
    assert book.sheet("指标").value(1, 1) == "培训 项目"


def test_shared_strings_workbook_reads(tmp_path):
    """Excel, WPS and xlsxwriter store text as shared strings (openpyxl writes it inline), and
    read-only openpyxl keeps them per sheet (ws._shared_strings), not in wb.shared_strings."""
    import xlsxwriter

    path = tmp_path / "excel-style.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("指标")
    ws.write_string(0, 0, "三级指标")
    ws.write_string(1, 0, "培训人次")
    wb.close()
    assert open_book(path).sheet("指标").value(2, 1) == "培训人次"


XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _with_content_types(good, path, edit):
    """A copy of *good* at *path* whose [Content_Types].xml went through *edit*."""
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(data) if info.filename == "[Content_Types].xml" else data)
    return path


def test_pathlike_and_str_give_the_same_book(tmp_path):
    path = plain_xlsx(tmp_path / "a.xlsx")
    assert open_book(path).sheets == open_book(str(path)).sheets


def test_xlsm_is_read_as_xlsm(tmp_path):
    path = _with_content_types(plain_xlsx(tmp_path / "good.xlsx"), tmp_path / "宏.xlsm", lambda data: data.replace(
        XLSX_MAIN, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"))
    assert sniff(path) == "xlsm"
    book = open_book(path)
    assert book.kind == "xlsm" and book.sheet("指标").value(1, 1) == "绩效自评"


def test_workbook_type_given_as_the_xml_default(tmp_path):
    """Some writers declare the workbook type as the default for .xml; openpyxl accepts it."""
    import re

    def as_default(data):
        data = re.sub(rb'<Override PartName="/xl/workbook.xml"[^>]*/>', b"", data)
        data = data.replace(b'Extension="xml" ContentType="application/xml"',
                            b'Extension="xml" ContentType="' + XLSX_MAIN + b'"')
        assert b"/xl/workbook.xml" not in data and XLSX_MAIN in data
        return data

    path = _with_content_types(plain_xlsx(tmp_path / "good.xlsx"), tmp_path / "default-type.xlsx", as_default)
    assert open_book(path).sheet("指标").value(1, 1) == "绩效自评"


def test_xlsb_refused_with_hint(tmp_path):
    path = _with_content_types(plain_xlsx(tmp_path / "good.xlsx"), tmp_path / "binary.xlsb", lambda data: data.replace(
        XLSX_MAIN, b"application/vnd.ms-excel.sheet.binary.macroEnabled.main"))
    refused(path, "xlsb")


def test_xls_reads_into_the_same_book_as_xlsx(tmp_path):
    """An old .xls with a merged tier cell gives the Book the same layout gives as .xlsx."""
    import xlwt

    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出指标", "数量指标", "培训人次", 10, 9.5],
        [None, None, "培训天数", 10, 10],
        [None, "质量指标", "合格率", 20, 18],
    ]
    xls = tmp_path / "旧 自评表.xls"
    wbx = xlwt.Workbook(encoding="utf-8")
    ws = wbx.add_sheet("指标")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None and not (r == 1 and c == 0):
                ws.write(r, c, v)
    ws.write_merge(1, 3, 0, 0, "产出指标")  # rows 2-4, column A
    wbx.save(str(xls))

    xlsx = tmp_path / "新 自评表.xlsx"
    wb = openpyxl.Workbook()
    ws2 = wb.active
    ws2.title = "指标"
    for row in rows:
        ws2.append(row)
    ws2.merge_cells("A2:A4")
    wb.save(xlsx)

    old, new = open_book(xls), open_book(xlsx)
    assert old.kind == "xls" and sniff(xls) == "xls"
    assert [s.name for s in old.sheets] == [s.name for s in new.sheets]
    a, b = old.sheet("指标"), new.sheet("指标")
    assert {k: c.value for k, c in a.cells.items()} == {k: c.value for k, c in b.cells.items()}
    assert a.merged == b.merged == [(2, 1, 4, 1)]
    assert a.merge_anchor(3, 1) == (2, 1)


def test_sniff_names_the_kind_without_parsing(tmp_path):
    path = plain_xlsx(tmp_path / "a.xlsx")
    assert sniff(path) == "xlsx"
    with pytest.raises(InputError):
        sniff(tmp_path / "nope.xlsx")


def test_guard_prints_nothing_for_a_good_xls(tmp_path, capfd):
    import xlwt

    xls = tmp_path / "a.xls"
    wbx = xlwt.Workbook()
    wbx.add_sheet("S").write(0, 0, 1)
    wbx.save(str(xls))
    assert open_book(xls).sheet("S").value(1, 1) == 1
    with pytest.raises(InputError):
        open_book(tmp_path / "missing.xlsx")
    out = capfd.readouterr()
    assert out.out == "" and out.err == ""


def test_xlrd_warnings_stay_off_stdout(tmp_path):
    """A .xls padded past its last sector (common from other writers) makes xlrd warn, and
    --format json shares stdout. Run in a fresh interpreter: xlrd binds sys.stdout when imported, before pytest's capture.
    """
    import subprocess
    import sys

    import xlwt

    xls = tmp_path / "padded.xls"
    wbx = xlwt.Workbook()
    wbx.add_sheet("S").write(0, 0, 1)
    wbx.save(str(xls))
    xls.write_bytes(xls.read_bytes() + bytes(100))
    code = "import sys; from evalbook.files.door import open_book; open_book(sys.argv[1])"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    run = subprocess.run([sys.executable, "-c", code, str(xls)], capture_output=True, text=True,
                         cwd=root, check=True)
    assert run.stdout == ""


def test_every_error_key_has_both_languages():
    from evalbook.errors import ERRORS

    for key in ("missing", "is_dir", "unreadable", "empty", "not_workbook", "pdf", "corrupt",
                "encrypted", "ods", "xlsb", "bomb", "too_large", "xml_entities", "loss"):
        zh, en = ERRORS[key]
        assert "{path}" in zh and "{path}" in en, key


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = plain_xlsx(tmp_path / "locked.xlsx")
    path.chmod(0)
    try:
        refused(path, "unreadable")
    finally:
        path.chmod(0o644)
