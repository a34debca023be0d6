"""files/splice.py: writing into a package by splicing keeps every other part byte for byte.

The workbooks carry what openpyxl's load-and-save drops (customXml, WPS in-cell images, data
connections, a web extension, an x14 extension list in a sheet, a VBA-like binary): after
cells, formats, a differential format and a worksheet are spliced in, each of those parts is
byte-identical, LibreOffice opens the result and recalculates the spliced formula, and
openpyxl and calamine read the spliced cells.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import standard
from python_calamine import CalamineWorkbook

from evalbook.files.splice import (Package, SpliceError, add_worksheet, append_dxf, cell_style, cell_xml,
                                   clone_xf, number_format_id, remove_worksheet, splice_cells)

EXTRA = {
    "customXml/item1.xml": b'<?xml version="1.0"?><b:Sources xmlns:b="urn:x"/>',
    "xl/cellimages.xml": b'<?xml version="1.0"?><etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>',
    "xl/connections.xml": b'<?xml version="1.0"?><connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" name="q" type="5" refreshedVersion="6"/></connections>',
    "xl/webextensions/webextension1.xml": b'<?xml version="1.0"?><we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{1}"/>',
    "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(range(256)) * 4,
}
X14 = (b'<extLst><ext uri="{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}" '
       b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0" '
       b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst>')


def rich_package(tmp_path: Path) -> Path:
    src = standard(tmp_path)
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts.update(EXTRA)
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"</worksheet>", X14 + b"</worksheet>")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/connections" '
        b'Target="connections.xml"/><Relationship Id="rIdI" Type="http://www.wps.cn/officeDocument/2020/cellImage" '
        b'Target="cellimages.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/connections.xml" '
                     b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"/></Types>')
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return src


RESULT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          + b'<row r="1">' + cell_xml(1, 1, value="evalbook 校验结果") + b"</row></sheetData></worksheet>")


def spliced(src: Path, out: Path) -> tuple[Package, str]:
    pkg = Package(src)
    part = pkg.sheet_part("项目")
    xml = pkg.read(part)
    styles = pkg.read("xl/styles.xml")
    styles, pct = clone_xf(styles, cell_style(xml, 11, 2), "0.00%")
    styles, dxf = append_dxf(styles, b'<dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/>'
                                     b"</patternFill></fill></dxf>")
    pkg.write("xl/styles.xml", styles)
    xml = splice_cells(xml, {
        (12, 2): cell_xml(12, 2, formula='=IF(COUNT(B9)=0,"",B9-1)', value=99),
        (11, 5): cell_xml(11, 5, style=pct, formula="=B9/B8", value=1.0),
        (40, 3): cell_xml(40, 3, value="新的 <文本> & 更多"),
        (1, 30): cell_xml(1, 30, value=7),
    })
    pkg.write(part, xml)
    add_worksheet(pkg, "校验结果", RESULT)
    pkg.save(out)
    return pkg, part


def test_every_part_evalbook_does_not_edit_is_copied_byte_for_byte(tmp_path):
    src = rich_package(tmp_path)
    out = tmp_path / "out.xlsx"
    _, part = spliced(src, out)
    edited = {part, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        names_a, names_b = a.namelist(), b.namelist()
        assert names_b[:len(names_a)] == names_a  # the input's members, in their order, first
        for name in names_a:
            if name not in edited:
                assert a.read(name) == b.read(name), name
        for name in EXTRA:
            assert b.read(name) == EXTRA[name]
        before, after = a.read(part), b.read(part)
    # inside the sheet, what evalbook does not own is as it was: all but <dimension> and <sheetData>
    strip = lambda x: re.sub(rb"<sheetData.*</sheetData>|<dimension[^>]*/>", b"", x, flags=re.S)  # noqa: E731
    assert strip(before) == strip(after) and X14 in after


def _raw_members(path: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each member's (compression, CRC, compressed bytes) as the zip stores them."""
    out = {}
    with zipfile.ZipFile(path) as z, open(path, "rb") as fh:
        for info in z.infolist():
            fh.seek(info.header_offset + 26)
            name_length, extra_length = int.from_bytes(fh.read(2), "little"), int.from_bytes(fh.read(2), "little")
            fh.seek(info.header_offset + 30 + name_length + extra_length)
            out[info.filename] = (info.compress_type, info.CRC, fh.read(info.compress_size))
    return out


def test_untouched_members_keep_their_compressed_bytes(tmp_path):
    # A member nobody edits is copied as the zip stores it, neither inflated nor deflated
    # again: members streamed with a data descriptor (as openpyxl and Excel write them), one
    # deflated at another level than Python's, and a stored one (a picture zipped as it is).
    src = tmp_path / "in.xlsx"
    with zipfile.ZipFile(rich_package(tmp_path)) as a, \
            zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename.startswith("customXml/"):
                b.writestr(info.filename, data, compress_type=zipfile.ZIP_STORED)
            else:
                member = zipfile.ZipInfo(info.filename, info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                with b.open(member, "w") as w:  # a data descriptor
                    w.write(data)
        # large enough for deflate's levels 1 and 6 (Python's) to give other bytes
        b.writestr("xl/printerSettings/printerSettings1.bin",
                   b"".join(b"%d,%d;" % (i, i * i % 977) for i in range(20000)), compresslevel=1)
    out = tmp_path / "out.xlsx"
    _, part = spliced(src, out)
    before, after = _raw_members(src), _raw_members(out)
    edited = {part, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    kept = [n for n in before if n not in edited]
    assert any(before[n][0] == zipfile.ZIP_STORED for n in kept)
    for name in kept:
        assert after[name] == before[name], name
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
    openpyxl.load_workbook(out)  # a reader that checks each member's CRC


def test_the_spliced_cells_read_back_and_recalculate(tmp_path, libreoffice):
    src = rich_package(tmp_path)
    out = tmp_path / "out.xlsx"
    spliced(src, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["项目"]
    assert wb.sheetnames == ["项目", "指标", "校验结果"]
    assert ws["B12"].value == '=IF(COUNT(B9)=0,"",B9-1)' and ws["E11"].value == "=B9/B8"
    assert ws["E11"].number_format == "0.00%" and ws["B11"].number_format == "0%"  # B11 keeps its own
    assert ws["C40"].value == "新的 <文本> & 更多" and ws["AD1"].value == 7
    assert ws["A2"].value == "项目名称"  # the cells around are untouched
    assert wb["校验结果"]["A1"].value == "evalbook 校验结果"
    values = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("项目").to_python()
    assert values[11][1] == 99
    lo = libreoffice.values(out)
    assert lo["项目"]["B12"] == 99 and lo["项目"]["E11"] == 1 and lo["校验结果"]["A1"] == "evalbook 校验结果"


def test_removing_the_sheet_again_gives_back_the_workbook_part(tmp_path):
    src = rich_package(tmp_path)
    out = tmp_path / "out.xlsx"
    spliced(src, out)
    # a print-titles name local to 校验结果 (localSheetId 2) goes with it
    pkg = Package(out)
    wb_xml = pkg.read("xl/workbook.xml")
    names = b'<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="2">\'x\'!$1:$1</definedName></definedNames>'
    if b"<definedNames/>" in wb_xml:
        wb_xml = wb_xml.replace(b"<definedNames/>", names)
    else:
        wb_xml = wb_xml.replace(b"</sheets>", b"</sheets>" + names)
    pkg.write("xl/workbook.xml", wb_xml)
    again = tmp_path / "again.xlsx"
    pkg.save(again)
    pkg = Package(again)
    assert remove_worksheet(pkg, "校验结果") and not remove_worksheet(pkg, "没有")
    final = tmp_path / "final.xlsx"
    pkg.save(final)
    wb = openpyxl.load_workbook(final)
    assert wb.sheetnames == ["项目", "指标"] and "_xlnm.Print_Titles" not in Package(final).read("xl/workbook.xml").decode()
    with zipfile.ZipFile(final) as z:
        assert not any("sheet3" in n for n in z.namelist())
        assert b"sheet3" not in z.read("[Content_Types].xml")


def test_sheets_the_splicer_cannot_place_cells_in_are_refused_not_guessed():
    with pytest.raises(SpliceError):
        splice_cells(b'<worksheet><sheetData><row><c r="A1"/></row></sheetData></worksheet>', {(1, 2): b"<c/>"})
    with pytest.raises(SpliceError):
        splice_cells(b'<x:worksheet xmlns:x="m"><x:sheetData/></x:worksheet>', {(1, 1): b"<c/>"})
    xml = splice_cells(b'<worksheet><dimension ref="A1"/><sheetData/></worksheet>', {(2, 3): cell_xml(2, 3, value=1)})
    assert xml == b'<worksheet><dimension ref="A1:C2"/><sheetData><row r="2"><c r="C2"><v>1</v></c></row></sheetData></worksheet>'


@pytest.mark.parametrize("empty", [b"", b'<numFmts count="0"/>', b"<numFmts/>"])
def test_lists_written_empty_get_their_items_in_place_not_a_second_list(empty):
    styles = (b'<styleSheet xmlns="x">' + empty + b'<cellXfs count="1"><xf/></cellXfs>'
              b'<cellStyles count="1"><cellStyle/></cellStyles><dxfs count="0"/><tableStyles/></styleSheet>')
    styles, first = append_dxf(styles, b"<dxf><fill/></dxf>")
    styles, second = append_dxf(styles, b"<dxf><font/></dxf>")
    styles, fmt = number_format_id(styles, '0.000"分"')
    assert (first, second, fmt) == (0, 1, 164)
    assert styles.count(b"<dxfs") == 1 and b'<dxfs count="2"><dxf><fill/></dxf><dxf><font/></dxf></dxfs>' in styles
    assert styles.count(b"<numFmts") == 1 and re.search(rb'<numFmts(?: count="1")?><numFmt numFmtId="164"', styles)
    assert styles.index(b"</cellStyles>") < styles.index(b"<dxfs") < styles.index(b"<tableStyles")
