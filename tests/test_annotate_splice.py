"""annotate writes by splicing (issue 14; spec: cli.md "Annotated workbook"): a workbook
carrying what real Excel and WPS files hold and openpyxl's load-and-save would drop — WPS
in-cell images (cellimages), Excel in-cell pictures (richData + a vm= cell), an embedded OLE
object, a header picture, a data connection, customXml, a web extension, x14 validations and
formats and sparklines (extension lists), a chart, a picture, a VBA project — is annotated
without --allow-loss; every part of the input is in the copy, byte for byte unless it is one
evalbook edits, and inside the edited sheet every element of the user's is there verbatim.
LibreOffice opens the copy and recalculates evalbook's formulas to the values it cached; a
second annotate of the copy gives the same findings and claims.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from PIL import Image as PILImage

import evalbook
from evalbook.files.splice import Package, add_worksheet, splice_cells
from evalbook.read import RESULT_SHEET
from libreoffice import read_values

ROOT = Path(__file__).resolve().parent.parent
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PNG = None  # set by _png


def _png(tmp: Path) -> bytes:
    p = tmp / "pic.png"
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(p)
    return p.read_bytes()


EXT_LIST = (
    b'<extLst>'
    b'<ext uri="{78C0D931-6437-407D-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<x14:cfRule type="dataBar" id="{00000000-0000-0000-0000-000000000001}"><x14:dataBar minLength="0" maxLength="100">'
    b'<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>F5:F9</xm:sqref>'
    b'</x14:conditionalFormatting></x14:conditionalFormattings></ext>'
    b'<ext uri="{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>\xe9\xa1\xb9\xe7\x9b\xae!$A$1:$A$3</xm:f></x14:formula1>'
    b'<xm:sqref>J30</xm:sqref></x14:dataValidation></x14:dataValidations></ext>'
    b'<ext uri="{05C60535-1F16-4FD2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup>'
    b'<x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline><xm:f>\xe6\x8c\x87\xe6\xa0\x87!F5:F9</xm:f>'
    b'<xm:sqref>K30</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>'
    b'</extLst>')
VM_CELL = b'<c r="M30" t="e" vm="1"><v>#VALUE!</v></c>'
OLE = (f'<oleObjects><oleObject progId="Package" shapeId="3073" {R} r:id="rIdOle"/></oleObjects>').encode()
HF = f'<legacyDrawingHF {R} r:id="rIdHF"/>'.encode()
VBA = b"\xd0\xcf\x11\xe0 evalbook test vbaProject " * 40
HF_VML = (b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
          b'<v:shape id="CH" style="position:absolute;width:20pt;height:20pt"><v:imagedata o:relid="rId1" o:title="hf"/>'
          b"</v:shape></xml>")


def rich_workbook(tmp: Path, name: str = "rich.xlsm") -> Path:
    """smart_city with a chart, a picture and a note of the user's on 指标, then every part
    openpyxl would drop, added to the package as Excel and WPS write them."""
    png = _png(tmp)
    wb = openpyxl.load_workbook(ROOT / "examples" / "smart_city.xlsx")
    ws = wb["指标"]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=6, min_row=5, max_row=9))
    ws.add_chart(chart, "N2")
    ws.add_image(Image(tmp / "pic.png"), "N20")
    ws["A1"].comment = Comment("单位自己的批注", "科员")
    ws.oddHeader.center.text = "&G"
    path = tmp / name
    wb.save(path)

    pkg = Package(path)
    sheet = pkg.sheet_part("指标")
    xml = splice_cells(pkg.read(sheet), {(30, 13): VM_CELL})
    xml = xml.replace(b"</worksheet>", HF + OLE + EXT_LIST + b"</worksheet>")
    pkg.write(sheet, xml)
    pkg.write("xl/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 an embedded package " * 20)
    pkg.write("xl/media/hf.png", png)
    pkg.write("xl/drawings/vmlDrawingHF1.vml", HF_VML)
    pkg.write("xl/drawings/_rels/vmlDrawingHF1.vml.rels",
              b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
              b'relationships"><Relationship Id="rId1" Type="' + RELS.encode() + b'image" Target="../media/hf.png"/>'
              b"</Relationships>")
    rels = pkg.read("xl/worksheets/_rels/sheet2.xml.rels")
    pkg.write("xl/worksheets/_rels/sheet2.xml.rels", rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdOle" Type="' + RELS.encode() + b'oleObject" Target="../embeddings/oleObject1.bin"/>'
        b'<Relationship Id="rIdHF" Type="' + RELS.encode() + b'vmlDrawing" Target="../drawings/vmlDrawingHF1.vml"/>'
        b"</Relationships>"))
    # in-cell pictures: Excel's rich values and WPS's cellimages
    pkg.write("xl/metadata.xml", b'<?xml version="1.0"?><metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                                 b'2006/main"><valueMetadata count="1"><bk><rc t="1" v="0"/></bk></valueMetadata></metadata>',
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml")
    pkg.write("xl/richData/rdrichvalue.xml", b'<?xml version="1.0"?><rvData xmlns="http://schemas.microsoft.com/office/'
                                             b'spreadsheetml/2017/richdata" count="1"><rv s="0"><v>0</v><v>5</v></rv></rvData>',
              "application/vnd.ms-excel.rdrichvalue+xml")
    pkg.write("xl/richData/richValueRel.xml", b'<?xml version="1.0"?><richValueRels xmlns="http://schemas.microsoft.com/'
                                              b'office/spreadsheetml/2022/richvaluerel" ' + R.encode() + b'><rel r:id="rId1"/>'
                                              b"</richValueRels>", "application/vnd.ms-excel.richvaluerel+xml")
    pkg.write("xl/richData/_rels/richValueRel.xml.rels",
              b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              b'<Relationship Id="rId1" Type="' + RELS.encode() + b'image" Target="../media/incell.png"/></Relationships>')
    pkg.write("xl/media/incell.png", png + b"")
    pkg.write("xl/cellimages.xml", b'<?xml version="1.0"?><etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/'
                                   b'etCustomData"/>')
    pkg.write("xl/connections.xml", b'<?xml version="1.0"?><connections xmlns="http://schemas.openxmlformats.org/'
                                    b'spreadsheetml/2006/main"><connection id="1" name="q" type="5" refreshedVersion="6"/>'
                                    b"</connections>",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml")
    pkg.write("customXml/item1.xml", b'<?xml version="1.0"?><b:Sources xmlns:b="urn:x"/>')
    pkg.write("xl/webextensions/webextension1.xml",
              b'<?xml version="1.0"?><we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/'
              b'webextension/2010/11" id="{1}"/>', "application/vnd.ms-office.webextension+xml")
    pkg.write("xl/vbaProject.bin", VBA, "application/vnd.ms-office.vbaProject")
    for rel_type, target in ((RELS + "connections", "xl/connections.xml"),
                             ("http://www.wps.cn/officeDocument/2020/cellImage", "xl/cellimages.xml"),
                             (RELS + "customXml", "customXml/item1.xml"),
                             ("http://schemas.microsoft.com/office/2006/relationships/vbaProject", "xl/vbaProject.bin"),
                             ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata",
                              "xl/metadata.xml"),
                             ("http://schemas.microsoft.com/office/2022/10/relationships/richValueRel",
                              "xl/richData/richValueRel.xml"),
                             ("http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue",
                              "xl/richData/rdrichvalue.xml")):
        pkg.add_relationship("xl/workbook.xml", rel_type, target)
    pkg.add_relationship("", "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
                         "xl/webextensions/webextension1.xml")
    types = pkg.read("[Content_Types].xml").replace(b"spreadsheetml.sheet.main+xml", b"MAIN")
    types = types.replace(b'ContentType="application/vnd.openxmlformats-officedocument.MAIN"',
                          b'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"')
    types = types.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.openxmlformats-'
                                       b'officedocument.oleObject"/></Types>')
    pkg.write("[Content_Types].xml", types)
    out = tmp / ("built-" + name)
    pkg.save(out)
    shutil.move(out, path)
    return path


# The parts evalbook edits: the sheets it marks, its notes, the styles, the workbook's lists.
EDITED = re.compile(r"xl/worksheets/(_rels/)?sheet\d+\.xml(\.rels)?$|xl/comments|xl/drawings/(vml|comments)Drawing\d+\.vml$"
                    r"|xl/styles\.xml$|xl/workbook\.xml$|xl/_rels/workbook\.xml\.rels$|\[Content_Types\]\.xml$")


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rich")
    src = rich_workbook(tmp)
    from evalbook.files.door import sniff
    from evalbook.files.inventory import losses

    assert sniff(src) == "xlsm"
    # openpyxl's load and save would drop these: the old path refused the file without --allow-loss
    assert {"in_cell_pictures", "ole_objects", "header_footer_images", "connections", "web_extensions",
            "x14_validation", "x14_formatting", "sparklines"} <= set(losses(src))
    report, out = evalbook.annotate(src, out=tmp / "rich.checked.xlsm")
    return src, report, out


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_annotate_keeps_every_part_without_allow_loss(rich):
    src, report, out = rich
    assert report.summary.errors > 0  # exit 1: the form has findings, and no refusal
    before, after = members(src), members(out)
    assert set(before) <= set(after)
    changed = sorted(n for n in before if before[n] != after[n])
    assert changed and all(EDITED.match(n) for n in changed), changed
    for name in ("xl/vbaProject.bin", "xl/cellimages.xml", "xl/richData/rdrichvalue.xml", "xl/metadata.xml",
                 "xl/embeddings/oleObject1.bin", "xl/drawings/vmlDrawingHF1.vml", "xl/connections.xml",
                 "customXml/item1.xml", "xl/webextensions/webextension1.xml", "xl/charts/chart1.xml",
                 "xl/drawings/drawing1.xml", "xl/media/image1.png"):
        assert after[name] == before[name], name


def test_inside_the_marked_sheet_the_users_elements_stay_verbatim(rich):
    src, report, out = rich
    sheet = Package(src).sheet_part("指标")
    old, new = members(src)[sheet], members(out)[sheet]
    assert old != new and b"evalbook" in new  # evalbook's marks are in it
    for piece in (EXT_LIST, VM_CELL, OLE, HF, re.search(rb"<drawing\b[^>]*/>", old).group(0),
                  re.search(rb"<headerFooter\b.*?</headerFooter>", old, re.S).group(0)):
        assert piece in new
    # the schema's order holds: the note drawing before the header picture, the extension list last
    assert new.index(b"<conditionalFormatting") < new.index(b"<legacyDrawing ") < new.index(b"<legacyDrawingHF") \
        < new.index(b"<oleObjects") < new.index(b"<extLst")
    # the user's note is still there beside evalbook's
    wb = openpyxl.load_workbook(out)
    assert wb["指标"]["A1"].comment.text.startswith("单位自己的批注")


def test_check_of_the_copy_reports_what_annotate_listed(rich):
    _, report, out = rich
    assert [(f.code, f.cell) for f in evalbook.check(out).findings] == [(f.code, f.cell) for f in report.findings]


def test_libreoffice_recalculates_the_copy_to_its_cached_values(rich, libreoffice, tmp_path):
    src, report, out = rich
    plain = tmp_path / "plain.xlsx"
    shutil.copyfile(ROOT / "examples" / "smart_city.xlsx", plain)
    cached = read_values(out)
    computed = read_values(libreoffice.recalculate([out])[out])
    formulas = {(ws.title, c.coordinate) for ws in openpyxl.load_workbook(out).worksheets
                for c in ws._cells.values() if c.data_type == "f"}
    assert formulas
    wrong = [(t, a1, cached[t].get(a1), computed.get(t, {}).get(a1)) for t, a1 in sorted(formulas)
             if cached[t].get(a1) != pytest.approx(computed.get(t, {}).get(a1))]
    assert wrong == []


def test_a_second_annotate_of_the_copy_keeps_every_part_and_the_findings(rich, tmp_path):
    src, report, out = rich
    again_report, again = evalbook.annotate(out, out=tmp_path / "again.xlsm")
    assert [(f.code, f.cell) for f in again_report.findings] == [(f.code, f.cell) for f in report.findings]
    before, after = members(out), members(again)
    assert set(before) <= set(after) | {n for n in before if n.startswith("xl/comments")}
    for name in before:
        if not EDITED.match(name):
            assert after[name] == before[name], name
    sheet = Package(out).sheet_part("指标")
    assert after[sheet].count(b"evalbook") == before[sheet].count(b"evalbook")  # replaced, not doubled


@pytest.mark.parametrize("app", ["libreoffice", "gnumeric"])
def test_after_another_applications_save_a_second_annotate_gives_the_same_findings_and_claims(
        rich, app, libreoffice, tmp_path):
    from test_annotate_round_trip import gnumeric_save

    if app == "gnumeric" and shutil.which("ssconvert") is None:
        pytest.skip("Gnumeric (ssconvert) is not installed: apt-get install gnumeric")
    _, report, out = rich
    plain = tmp_path / "copy.xlsx"  # the applications save an .xlsx; the VBA project is theirs to keep or not
    shutil.copyfile(out, plain)
    saved = libreoffice.recalculate([plain])[plain] if app == "libreoffice" else gnumeric_save(plain, tmp_path / "g.xlsx")
    first = evalbook.check(out)
    again, _ = evalbook.annotate(saved, out=tmp_path / "again.xlsx")
    assert [(f.code, f.cell) for f in again.findings] == [(f.code, f.cell) for f in first.findings]
    assert again.summary.claimed_total == first.summary.claimed_total


# ---- the style sheet's empty lists, as Excel and openpyxl write them


def _with_styles(src: Path, out: Path, edit) -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            b.writestr(info.filename, edit(data) if info.filename == "xl/styles.xml" else data)
    return out


@pytest.mark.parametrize("empty", [b'<dxfs count="0"/>', b"<dxfs/>", b'<dxfs count="0" />'])
def test_an_empty_list_of_differential_formats_gets_the_marks_not_a_second_list(tmp_path, empty):
    # Excel writes <dxfs count="0"/> after <cellStyles> in every workbook without conditional
    # formats; a second <dxfs> beside it makes Excel "repair" the copy and openpyxl fail on it.
    def edit(styles: bytes) -> bytes:
        styles = re.sub(rb"<dxfs\b[^>]*?/>|<dxfs\b[^>]*>.*?</dxfs\s*>", b"", styles, flags=re.S)
        styles = re.sub(rb"<numFmts\b[^>]*?/>|<numFmts\b[^>]*>.*?</numFmts\s*>", b'<numFmts count="0"/>',
                        styles, count=1, flags=re.S)
        if b"<numFmts" not in styles:
            styles = re.sub(rb"(<styleSheet\b[^>]*>)", rb'\1<numFmts count="0"/>', styles, count=1)
        return re.sub(rb"(</cellStyles\s*>)", rb"\1" + empty, styles, count=1)

    src = _with_styles(ROOT / "examples" / "smart_city.xlsx", tmp_path / "excel_like.xlsx", edit)
    report, out = evalbook.annotate(src, out=tmp_path / "copy.xlsx")
    assert report.findings
    with zipfile.ZipFile(out) as z:
        styles = z.read("xl/styles.xml")
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(re.findall(rb"<dxfs\b", styles)) == 1 and len(re.findall(rb"<numFmts\b", styles)) == 1
    dxfs = re.search(rb"<dxfs\b[^>]*>(.*?)</dxfs>", styles, re.S)
    used = {int(x) for xml in sheets for x in re.findall(rb'dxfId="(\d+)"', xml)}
    assert used and max(used) < len(re.findall(rb"<dxf\b", dxfs.group(1)))
    assert styles.index(b"<dxfs") > styles.index(b"<cellStyles")  # the schema's order
    openpyxl.load_workbook(out)  # it read the first, empty list and failed on the marks' formats


# ---- parts that made the whole openpyxl path crash or blow up


def _pie_of_pie_and_webp(src: Path, out: Path) -> Path:
    """*src* (rich_workbook's, with a chart and a picture on 指标) with its chart made a
    Pie-of-Pie (复合饼图, c:ofPieChart) and its picture a WebP, as Excel 365 writes them."""
    pkg = Package(src)
    chart = next(n for n in pkg.names if re.match(r"xl/charts/chart\d+\.xml$", n))
    xml = pkg.read(chart)
    p = re.search(rb"<(\w+:)?barChart>", xml).group(1) or b""  # openpyxl writes the chart unprefixed
    pie = (b"<P:ofPieChart><P:ofPieType val=\"pie\"/><P:varyColors val=\"1\"/><P:ser><P:idx val=\"0\"/>"
           b"<P:order val=\"0\"/><P:val><P:numRef><P:f>\xe6\x8c\x87\xe6\xa0\x87!$F$5:$F$9</P:f></P:numRef></P:val>"
           b"</P:ser><P:gapWidth val=\"100\"/><P:secondPieSize val=\"75\"/><P:serLines/></P:ofPieChart>")
    xml = re.sub(rb"<" + p + rb"barChart>.*</" + p + rb"barChart>", pie.replace(b"P:", p), xml, flags=re.S)
    assert b"ofPieChart" in xml
    pkg.write(chart, xml)
    image = next(n for n in pkg.names if n.startswith("xl/media/image"))
    webp = io.BytesIO()
    PILImage.new("RGB", (8, 8), (30, 90, 200)).save(webp, "WEBP")
    pkg.remove(image)
    pkg.write(image.rsplit(".", 1)[0] + ".webp", webp.getvalue(), "image/webp")
    for name in list(pkg.names):
        if name.startswith("xl/drawings/_rels/drawing"):
            pkg.write(name, pkg.read(name).replace(image.rsplit("/", 1)[1].encode(),
                                                   image.rsplit("/", 1)[1].rsplit(".", 1)[0].encode() + b".webp"))
    pkg.save(out)
    return out


def test_a_pie_of_pie_chart_and_a_webp_picture_pass_through_untouched(rich, tmp_path):
    src = _pie_of_pie_and_webp(rich[0], tmp_path / "饼图.xlsm")
    report, out = evalbook.annotate(src, out=tmp_path / "饼图.checked.xlsm")
    assert report.findings
    before, after = members(src), members(out)
    assert set(before) <= set(after)
    kept = [n for n in before if not EDITED.match(n)]
    assert any(n.endswith(".webp") for n in kept) and any(b"ofPieChart" in before[n] for n in kept)
    for name in kept:
        assert after[name] == before[name], name


def test_one_long_shared_string_used_by_many_cells_stays_shared(tmp_path):
    # 12,000 cells showing one 1.5 MB string: openpyxl writes each inline (a 705 MB copy after
    # 3 minutes); the splicer copies the string table and the cells as they are.
    pkg = Package(ROOT / "examples" / "smart_city.xlsx")  # its own strings are inline
    pkg.write("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'count="12000" uniqueCount="1"><si><t>{}</t></si></sst>'.format("说明" * 250_000).encode(),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
    pkg.add_relationship("xl/workbook.xml", RELS + "sharedStrings", "xl/sharedStrings.xml")
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{chr(64 + c)}{r}" t="s"><v>0</v></c>' for c in range(1, 11))
                   + "</row>" for r in range(1, 1201))
    add_worksheet(pkg, "附件", ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                              f"<sheetData>{rows}</sheetData></worksheet>").encode())
    big = tmp_path / "长文本.xlsx"
    pkg.save(big)
    assert big.stat().st_size < 200_000
    report, out = evalbook.annotate(big, out=tmp_path / "长文本.checked.xlsx",
                                    limits=evalbook.files.book.Limits.scaled(50_000))
    assert report.findings
    assert out.stat().st_size < 2 * big.stat().st_size
    with zipfile.ZipFile(big) as a, zipfile.ZipFile(out) as b:
        assert a.read("xl/sharedStrings.xml") == b.read("xl/sharedStrings.xml")
        sheet = Package(big).sheet_part("附件")
        assert a.read(sheet) == b.read(sheet) and a.read(sheet).count(b't="s"') == 12_000


# ---- Excel's "Strict Open XML" workbooks

STRICT = [  # Transitional → Strict, as Excel writes a workbook saved as "Strict Open XML Spreadsheet"
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
]


def strict_workbook(src: Path, out: Path, extra: bytes = b"") -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename != "[Content_Types].xml":
                for transitional, strict in STRICT:
                    data = data.replace(transitional, strict)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook ", b'<workbook conformance="strict" ' + extra, 1)
            b.writestr(info, data)
    return out


def test_a_strict_workbook_is_annotated_as_an_ordinary_xlsx_with_its_content(tmp_path):
    src = strict_workbook(ROOT / "examples" / "smart_city.xlsx", tmp_path / "严格.xlsx")
    assert b"purl.oclc.org" in zipfile.ZipFile(src).read("xl/workbook.xml")
    report, out = evalbook.annotate(src, out=tmp_path / "严格.checked.xlsx")  # no --allow-loss
    assert [(f.code, f.cell) for f in report.findings] == [(f.code, f.cell) for f in evalbook.check(src).findings]
    assert [(f.code, f.cell) for f in evalbook.check(out).findings] == [(f.code, f.cell) for f in report.findings]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["项目", "指标", RESULT_SHEET]
    assert any("严格 Open XML" in str(r[1] or "") for r in wb[RESULT_SHEET].iter_rows(values_only=True))
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert set(a.namelist()) <= set(b.namelist())
        assert not any(b"purl.oclc.org" in b.read(n) for n in b.namelist())
        kept = [n for n in a.namelist() if not EDITED.match(n)]
        assert "docProps/app.xml" in kept
        for name in kept:  # the parts evalbook does not edit: the input's, in Transitional words
            data = a.read(name)
            for transitional, strict in STRICT:
                data = data.replace(strict, transitional)
            assert b.read(name) == data, name


def test_a_strict_workbook_with_a_namespace_without_a_twin_is_refused_in_one_line(tmp_path):
    src = strict_workbook(ROOT / "examples" / "smart_city.xlsx", tmp_path / "严格.xlsx",
                          b'xmlns:z="http://purl.oclc.org/ooxml/unheard/of" ')
    run = subprocess.run([sys.executable, "-m", "evalbook.cli", "annotate", str(src)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2 and "严格 Open XML" in run.stderr + run.stdout
    assert len((run.stdout + run.stderr).strip().splitlines()) == 1
