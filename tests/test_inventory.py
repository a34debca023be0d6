"""Each loss detector names what openpyxl really drops, and stays quiet about what it keeps.

openpyxl cannot create shapes, form controls, x14 extensions, slicers or threaded comments,
so the fixtures write those parts into an openpyxl-saved package by hand; every fixture is
then loaded and saved by openpyxl to show the loss is real, not assumed.
"""

from __future__ import annotations

import warnings
import zipfile

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage

from evalbook.errors import InputError
from evalbook.files.door import sniff
from evalbook.files.inventory import (
    LossError,
    capture_openpyxl_warnings,
    losses,
    merge_losses,
    render_losses,
    warning_key,
)

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XDR = (
    'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{R_NS}"'
)
X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'
XM = 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"'
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
ANCHOR = (
    "<xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>"
    "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff>"
    "<xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
)
SP_PR = (
    '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="914400"/></a:xfrm>'
    '<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom></xdr:spPr>'
)


def anchored(body: str) -> str:
    return f'<xdr:twoCellAnchor>{ANCHOR}{body}<xdr:clientData/></xdr:twoCellAnchor>'


TEXT_BOX = anchored(
    '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"/>'
    '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>' + SP_PR.format(geom="rect")
    + "<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>填表说明：得分不得超过分值</a:t>"
    "</a:r></a:p></xdr:txBody></xdr:sp>"
)
ARROW = anchored(
    '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="RightArrow 2"/>'
    "<xdr:cNvSpPr/></xdr:nvSpPr>" + SP_PR.format(geom="rightArrow") + "</xdr:sp>"
)
CONNECTOR = anchored(
    '<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="4" name="Connector 3"/><xdr:cNvCxnSpPr/>'
    "</xdr:nvCxnSpPr>" + SP_PR.format(geom="line") + "</xdr:cxnSp>"
)
EMF_PICTURE = anchored(
    '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="5" name="Picture 4"/><xdr:cNvPicPr/></xdr:nvPicPr>'
    '<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
    + SP_PR.format(geom="rect").replace("xdr:spPr", "xdr:spPr") + "</xdr:pic>"
)


def drawing(*anchors: str) -> bytes:
    return f'<xdr:wsDr {XDR}>{"".join(anchors)}</xdr:wsDr>'.encode()


def ext(uri: str, body: str) -> str:
    return f'<ext uri="{uri}" {X14}>{body}</ext>'


def base_workbook(path, kind="xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["三级指标", "分值", "得分", "完成值", "年度"])
    ws.append(["培训人次", 10, 9.5, 120, 2024])
    wb.save(path)
    return path


def inject(tmp_path, name="fixture.xlsx", *, parts=None, overrides=None, defaults=None,
           sheet_rels=(), sheet_tail="", book_rels=(), workbook_type=None):
    """An openpyxl-saved workbook with hand-written parts added, as Excel would lay them out.

    sheet_rels: (rId, type, target relative to xl/worksheets/); sheet_tail: XML placed at the
    end of sheet1.xml (the elements Excel writes after pageMargins).
    """
    src = base_workbook(tmp_path / ("base-" + name))
    dst = tmp_path / name
    parts = dict(parts or {})
    with zipfile.ZipFile(src) as z:
        pkg = {i.filename: z.read(i) for i in z.infolist()}
    ct = pkg["[Content_Types].xml"].decode()
    more = "".join(f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in (overrides or {}).items())
    more += "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in (defaults or {}).items())
    if workbook_type:
        ct = ct.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", workbook_type)
    pkg["[Content_Types].xml"] = ct.replace("</Types>", more + "</Types>").encode()
    if sheet_tail:
        sheet = pkg["xl/worksheets/sheet1.xml"].decode()
        sheet = sheet.replace("<worksheet ", f'<worksheet xmlns:r="{R_NS}" ', 1)
        pkg["xl/worksheets/sheet1.xml"] = sheet.replace("</worksheet>", sheet_tail + "</worksheet>").encode()
    if sheet_rels:
        pkg["xl/worksheets/_rels/sheet1.xml.rels"] = rels(sheet_rels)
    if book_rels:
        old = pkg["xl/_rels/workbook.xml.rels"].decode()
        extra = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in book_rels)
        pkg["xl/_rels/workbook.xml.rels"] = old.replace("</Relationships>", extra + "</Relationships>").encode()
    pkg.update({k: v if isinstance(v, bytes) else v.encode() for k, v in parts.items()})
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in pkg.items():
            z.writestr(part, data)
    return dst


def rels(entries) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in entries)
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{body}</Relationships>").encode()


def with_drawing(tmp_path, xml: bytes, extra_parts=None, drawing_rels=None):
    parts = {"xl/drawings/drawing1.xml": xml, **(extra_parts or {})}
    if drawing_rels:
        parts["xl/drawings/_rels/drawing1.xml.rels"] = rels(drawing_rels)
    return inject(
        tmp_path,
        parts=parts,
        overrides={"xl/drawings/drawing1.xml": DRAWING_TYPE},
        sheet_rels=[("rId1", REL + "drawing", "../drawings/drawing1.xml")],
        sheet_tail='<drawing r:id="rId1"/>',
    )


def with_extension(tmp_path, uri: str, body: str, **kw):
    return inject(tmp_path, sheet_tail=f"<extLst>{ext(uri, body)}</extLst>", **kw)


def saved_package(path, tmp_path) -> bytes:
    """Load and save as annotate does; every part name and byte of the result, for searching."""
    kind = sniff(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, keep_vba=kind == "xlsm", keep_links=True)
    out = tmp_path / f"saved.{kind}"
    wb.save(out)
    if wb.vba_archive is not None:  # openpyxl leaves its copy of the package open
        wb.vba_archive.close()
    with zipfile.ZipFile(out) as z:
        return b"".join(i.filename.encode() + b"\n" + z.read(i) for i in z.infolist())


def package(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(i.filename.encode() + b"\n" + z.read(i) for i in z.infolist())


# --- fixtures openpyxl drops ----------------------------------------------------------------

URI_VALIDATION = "{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}"
URI_FORMATTING = "{78C0D931-6437-407D-A8EE-F0AAD7539E65}"
URI_SPARKLINES = "{05C60535-1F16-4FD2-B633-F4F36F0B64E0}"
URI_SLICERS = "{A8765BA9-456A-4DAB-B4F3-ACF838C121DE}"
URI_TIMELINES = "{7E03D99C-DC04-49d9-9315-930204A7B6E9}"
URI_IGNORED_ERRORS = "{01252117-D84E-4E92-8308-4BE1C098FCBB}"


def text_box(tmp_path):
    return with_drawing(tmp_path, drawing(TEXT_BOX))


def arrow_and_connector(tmp_path):
    return with_drawing(tmp_path, drawing(ARROW, CONNECTOR))


def form_control(tmp_path):
    vml = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t201">'
        '<x:ClientData ObjectType="Checkbox"><x:Anchor>6, 0, 1, 0, 8, 0, 2, 0</x:Anchor>'
        "<x:Checked>1</x:Checked></x:ClientData></v:shape></xml>"
    )
    return inject(
        tmp_path,
        parts={
            "xl/drawings/vmlDrawing1.vml": vml,
            "xl/ctrlProps/ctrlProp1.xml": (
                '<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
                'objectType="CheckBox" checked="Checked" lockText="1"/>'
            ),
        },
        overrides={"xl/ctrlProps/ctrlProp1.xml": "application/vnd.ms-excel.controlproperties+xml"},
        defaults={"vml": "application/vnd.openxmlformats-officedocument.vmlDrawing"},
        sheet_rels=[
            ("rId2", REL + "vmlDrawing", "../drawings/vmlDrawing1.vml"),
            ("rId3", REL + "ctrlProp", "../ctrlProps/ctrlProp1.xml"),
        ],
        sheet_tail=('<legacyDrawing r:id="rId2"/><controls>'
                    '<control shapeId="1025" r:id="rId3" name="Check Box 1"/></controls>'),
    )


def x14_validation(tmp_path):
    return with_extension(tmp_path, URI_VALIDATION, (
        f'<x14:dataValidations count="1" {XM}><x14:dataValidation type="list" allowBlank="1">'
        "<x14:formula1><xm:f>参数!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>E2:E20</xm:sqref>"
        "</x14:dataValidation></x14:dataValidations>"))


def x14_formatting(tmp_path):
    return with_extension(tmp_path, URI_FORMATTING, (
        f'<x14:conditionalFormattings><x14:conditionalFormatting {XM}>'
        '<x14:cfRule type="dataBar" id="{00000000-000E-0000-0000-000001000000}">'
        '<x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/>'
        "</x14:dataBar></x14:cfRule><xm:sqref>C2:C20</xm:sqref></x14:conditionalFormatting>"
        "</x14:conditionalFormattings>"))


def sparklines(tmp_path):
    return with_extension(tmp_path, URI_SPARKLINES, (
        f'<x14:sparklineGroups {XM}><x14:sparklineGroup><x14:colorSeries rgb="FF376092"/>'
        "<x14:sparklines><x14:sparkline><xm:f>指标!B2:D2</xm:f><xm:sqref>F2</xm:sqref>"
        "</x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups>"))


def slicers(tmp_path):
    return with_extension(
        tmp_path, URI_SLICERS, f'<x14:slicerList><x14:slicer xmlns:r="{R_NS}" r:id="rId9"/></x14:slicerList>',
        parts={"xl/slicers/slicer1.xml": (
            '<slicers xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
            '<slicer name="年度" cache="Slicer_年度" caption="年度" rowHeight="241300"/></slicers>')},
        overrides={"xl/slicers/slicer1.xml": "application/vnd.ms-excel.slicer+xml"},
        sheet_rels=[("rId9", "http://schemas.microsoft.com/office/2007/relationships/slicer",
                     "../slicers/slicer1.xml")],
    )


def timelines(tmp_path):
    return with_extension(
        tmp_path, URI_TIMELINES,
        '<x15:timelineRefs xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        f'<x15:timelineRef xmlns:r="{R_NS}" r:id="rId9"/></x15:timelineRefs>',
        parts={"xl/timelines/timeline1.xml": (
            '<timelines xmlns="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
            '<timeline name="日期" cache="NativeTimeline_日期" caption="日期" level="2"/></timelines>')},
        sheet_rels=[("rId9", "http://schemas.microsoft.com/office/2011/relationships/timeline",
                     "../timelines/timeline1.xml")],
    )


def unknown_extension(tmp_path):
    return with_extension(tmp_path, URI_IGNORED_ERRORS, (
        '<x14:ignoredErrors><x14:ignoredError numberStoredAsText="1"><xm:sqref '
        f'{XM}>A1:A9</xm:sqref></x14:ignoredError></x14:ignoredErrors>'))


def threaded_comments(tmp_path):
    return inject(
        tmp_path,
        parts={"xl/threadedComments/threadedComment1.xml": (
            '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            '<threadedComment ref="C2" dT="2024-03-01T09:00:00.00" '
            'personId="{6B1A6AB1-0000-0000-0000-000000000001}" id="{6B1A6AB1-0000-0000-0000-000000000002}">'
            "<text>得分依据请补充</text></threadedComment></ThreadedComments>")},
        overrides={"xl/threadedComments/threadedComment1.xml": "application/vnd.ms-excel.threadedcomments+xml"},
        sheet_rels=[("rId4", "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
                     "../threadedComments/threadedComment1.xml")],
    )


def emf_picture(tmp_path):
    return with_drawing(
        tmp_path, drawing(EMF_PICTURE),
        extra_parts={"xl/media/image1.emf": b"\x01\x00\x00\x00" + bytes(100)},
        drawing_rels=[("rId1", REL + "image", "../media/image1.emf")],
    )


def ole_object(tmp_path):
    return inject(
        tmp_path, "ole.xlsx",
        parts={"xl/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + bytes(200)},
        defaults={"bin": "application/vnd.openxmlformats-officedocument.oleObject"},
        sheet_rels=[("rId7", REL + "oleObject", "../embeddings/oleObject1.bin")],
        sheet_tail='<oleObjects><oleObject progId="Word.Document.12" shapeId="1025" r:id="rId7"/></oleObjects>')


def header_footer_picture(tmp_path):
    return inject(
        tmp_path, "hf.xlsx",
        parts={"xl/drawings/vmlDrawingHF1.vml": b'<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape id="LH"/></xml>'},
        defaults={"vml": "application/vnd.openxmlformats-officedocument.vmlDrawing"},
        sheet_rels=[("rId8", REL + "vmlDrawing", "../drawings/vmlDrawingHF1.vml")],
        sheet_tail='<legacyDrawingHF r:id="rId8"/>')


def in_cell_pictures_wps(tmp_path):
    return inject(
        tmp_path, "cellimages.xlsx",
        parts={"xl/cellimages.xml": '<etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>'},
        book_rels=[("rId90", "http://www.wps.cn/officeDocument/2020/cellImage", "cellimages.xml")])


def data_connection(tmp_path):
    return inject(
        tmp_path, "connections.xlsx",
        parts={"xl/connections.xml": '<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     '<connection id="1" name="查询" type="5" refreshedVersion="6"/></connections>'},
        overrides={"xl/connections.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"},
        book_rels=[("rId91", REL + "connections", "connections.xml")])


DROPPED = [
    (ole_object, ["ole_objects"], b"oleObject1.bin"),
    (header_footer_picture, ["header_footer_images"], b"vmlDrawingHF1"),
    (in_cell_pictures_wps, ["in_cell_pictures"], b"cellImages"),
    (data_connection, ["connections"], b"refreshedVersion"),
    # (fixture, keys losses() names, bytes that are in the file and gone after a save)
    (text_box, ["text_box"], "填表说明".encode()),
    (arrow_and_connector, ["shape"], b"rightArrow"),
    (form_control, ["form_control"], b"Check Box 1"),
    (x14_validation, ["x14_validation"], b"x14:dataValidation"),
    (x14_formatting, ["x14_formatting"], b"x14:conditionalFormatting"),
    (sparklines, ["sparklines"], b"sparklineGroup"),
    (slicers, ["slicers"], b"slicer"),
    (timelines, ["timelines"], b"timeline"),
    (unknown_extension, ["extensions"], URI_IGNORED_ERRORS.encode()),
    (threaded_comments, ["threaded_comments"], b"threadedComment"),
    (emf_picture, ["images"], b"image1.emf"),
]


@pytest.mark.parametrize("make, keys, marker", DROPPED, ids=[d[0].__name__ for d in DROPPED])
def test_detector_names_what_openpyxl_drops(tmp_path, make, keys, marker):
    path = make(tmp_path)
    assert losses(path) == keys
    assert marker in package(path)
    assert marker not in saved_package(path, tmp_path)  # the loss is real


def test_text_box_beside_a_picture_names_only_the_text_box(tmp_path):
    png = tmp_path / "logo.png"
    PILImage.new("RGB", (8, 8), "red").save(png)
    wb = openpyxl.Workbook()
    wb.active.add_image(Image(str(png)), "A1")
    wb.save(tmp_path / "pic.xlsx")
    with zipfile.ZipFile(tmp_path / "pic.xlsx") as z:
        pic = z.read("xl/drawings/drawing1.xml").decode()
    both = tmp_path / "both.xlsx"
    with zipfile.ZipFile(tmp_path / "pic.xlsx") as zin, zipfile.ZipFile(both, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/drawings/drawing1.xml":
                # openpyxl writes the drawing namespace as the default, so declare xdr here
                box = TEXT_BOX.replace("<xdr:twoCellAnchor>", f"<xdr:twoCellAnchor {XDR}>", 1)
                assert pic.endswith("</wsDr>")
                data = pic.replace("</wsDr>", box + "</wsDr>").encode()
            zout.writestr(info, data)
    assert losses(both) == ["text_box"]
    saved = saved_package(both, tmp_path)
    assert "填表说明".encode() not in saved and b"xl/media/image1.png" in saved


# --- what openpyxl keeps: no loss -------------------------------------------------------------


def test_kept_features_are_not_losses(tmp_path):
    png = tmp_path / "seal.png"
    PILImage.new("RGB", (16, 16), "blue").save(png)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["三级指标", "分值", "得分"])
    ws.append(["培训人次", 10, 9.5])
    ws.merge_cells("D1:E1")
    ws["C2"].comment = Comment("同事的批注", "张三")
    ws.add_image(Image(str(png)), "F2")
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    ws.add_chart(chart, "H2")
    dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="10")
    ws.add_data_validation(dv)
    dv.add("C2")
    ws.conditional_formatting.add("C2", CellIsRule(operator="greaterThan", formula=["B2"], fill=None))
    path = tmp_path / "kept.xlsx"
    wb.save(path)

    assert losses(path) == []
    with capture_openpyxl_warnings() as lost:
        openpyxl.load_workbook(path)
    assert lost == []
    saved = saved_package(path, tmp_path)
    for part in (b"xl/media/image1.png", b"xl/charts/chart1.xml", "同事的批注".encode(),
                 b"dataValidation", b"conditionalFormatting"):
        assert part in saved


def test_vba_is_a_loss_only_without_keep_vba(tmp_path):
    path = inject(
        tmp_path, "宏.xlsm",
        parts={"xl/vbaProject.bin": b"VBA-PROJECT-STREAM" + bytes(64)},
        defaults={"bin": "application/vnd.ms-office.vbaProject"},
        book_rels=[("rId99", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                    "vbaProject.bin")],
        workbook_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert sniff(path) == "xlsm"
    assert losses(path) == []
    assert losses(path, keep_vba=False) == ["vba"]
    assert b"VBA-PROJECT-STREAM" in saved_package(path, tmp_path)  # keep_vba=True keeps it
    wb = openpyxl.load_workbook(path)
    wb.save(tmp_path / "dropped.xlsx")
    assert b"VBA-PROJECT-STREAM" not in package(tmp_path / "dropped.xlsx")


def test_xls_has_nothing_for_openpyxl_to_drop(tmp_path):
    import xlwt

    wbx = xlwt.Workbook()
    wbx.add_sheet("指标").write(0, 0, "x")
    wbx.save(str(tmp_path / "old.xls"))
    assert losses(tmp_path / "old.xls") == []


# --- openpyxl's own warnings ----------------------------------------------------------------


def test_capture_turns_openpyxl_warnings_into_loss_keys(tmp_path):
    path = x14_validation(tmp_path)
    with capture_openpyxl_warnings() as lost:
        openpyxl.load_workbook(path)
    assert lost == ["x14_validation"]


def test_capture_names_an_unreadable_drawing(tmp_path):
    path = emf_picture(tmp_path)
    with capture_openpyxl_warnings() as lost:
        openpyxl.load_workbook(path)
    assert lost == ["images"]


def test_capture_passes_other_warnings_on():
    with pytest.warns(DeprecationWarning, match="not openpyxl"):
        with capture_openpyxl_warnings() as lost:
            warnings.warn("not openpyxl", DeprecationWarning)
    assert lost == []


def test_warning_texts():
    assert warning_key("Sparkline Group extension is not supported and will be removed") == "sparklines"
    assert warning_key("Unknown extension is not supported and will be removed") == "extensions"
    assert warning_key("Workbook contains no default style, apply openpyxl's default") is None
    odd = warning_key("Cannot parse header or footer so it will be ignored")
    assert odd == "other:Cannot parse header or footer so it will be ignored"
    assert merge_losses(["images", odd], ["text_box", "images"]) == ["text_box", "images", odd]


# --- the refusal --------------------------------------------------------------------------------


def test_loss_error_names_the_parts_in_each_language(tmp_path):
    keys = losses(text_box(tmp_path)) + ["other:Cannot parse header or footer"]
    err = LossError("自评 表.xlsx", keys)
    assert isinstance(err, InputError) and err.key == "loss"
    zh, en = err.message(), err.message("en")
    assert "自评 表.xlsx" in zh and "文本框" in zh and "--allow-loss" in zh and "Cannot parse" in zh
    assert "text boxes" in en and "--allow-loss" in en
    assert "\n" not in zh + en
    assert render_losses(["shape", "sparklines"]) == "形状、迷你图"
    assert render_losses(["shape", "sparklines"], "en") == "shapes, sparklines"
