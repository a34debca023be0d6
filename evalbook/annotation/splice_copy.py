"""The annotated copy written by splicing (issue 14; spec: cli.md "Annotated workbook").

annotate decides on an openpyxl workbook (for an .xlsx/.xlsm, the skeleton files/skeleton.py
builds: the cells it writes, their formats, the notes, merges and validations): the plan, the
records, the marks, the notes, 校验结果. The copy is then the INPUT package with only
evalbook's own pieces changed (files/splice.py, files/sheet_xml.py):

- in each user sheet, the cells evalbook writes or gives back (formula + cached value, the
  cell's own format or a copy of it with the number format it needs), the conditional formats
  and validations evalbook owns (the ones of an earlier run taken out by the same recognisers
  as rerun.py), and the note drawing where evalbook has notes;
- 校验结果: the sheet openpyxl writes for it in a workbook of its own, its strings made inline
  and its formats appended to the input's style sheet; its print titles as a defined name;
- workbook.xml (the sheet, fullCalcOnLoad), relationships, content types; calcChain.xml goes
  when cells changed (Excel rebuilds it; a stale chain is what it "repairs").

Every other part, and every byte of an edited sheet outside those pieces, is the input's.
Notes: where a sheet gets or had evalbook notes, its comments part and note drawing are
written afresh from openpyxl's notes of that sheet (the user's notes keep their text and
author, as on the openpyxl path, not their rich formatting); a note drawing that also holds
form controls keeps them byte for byte, and only its notes are replaced. A part in a shape
this does not handle (threaded comments beside the notes) raises SpliceError, and annotate
takes the openpyxl path instead.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime, time

from evalbook.annotation.cells import is_formula, plain
from evalbook.annotation.marks import MARKER, notes_beside_their_cells
from evalbook.annotation.rerun import is_ours_cf, is_ours_dv, ours_cf_formula, ours_dv_title
from evalbook.files.cached_values import escape, escape_attribute, full_calc_on_load
from evalbook.files.inventory import vml_holds_controls
from evalbook.files.sheet_xml import (add_conditional_formats, add_validations, legacy_drawing_id, max_priority,
                                      remove_conditional_formats, remove_validations, set_legacy_drawing)
from evalbook.files.splice import (Package, SpliceError, _append_to, add_worksheet, attributes, cell_xml,
                                   clone_xf, append_dxf, number_format_id, remove_worksheet, resolve, splice_cells,
                                   _XF, _CELL_XFS)
from evalbook.model.values import normalize
from evalbook.read import RESULT_SHEET

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_FONTS = re.compile(rb"<fonts\b[^>]*>(.*?)</fonts\s*>", re.S)
_FILLS = re.compile(rb"<fills\b[^>]*>(.*?)</fills\s*>", re.S)
_BORDERS = re.compile(rb"<borders\b[^>]*>(.*?)</borders\s*>", re.S)
_FONT = re.compile(rb"<font\b[^>]*?(?:/>|>.*?</font\s*>)", re.S)
_FILL = re.compile(rb"<fill\b[^>]*?(?:/>|>.*?</fill\s*>)", re.S)
_BORDER = re.compile(rb"<border\b[^>]*?(?:/>|>.*?</border\s*>)", re.S)
_SI = re.compile(rb"<si>(.*?)</si>", re.S)
_SHARED = re.compile(rb'<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)</v>\s*</c>')
_STYLE_ATTR = re.compile(rb'(<c\b[^>]*?\ss=")(\d+)(")')
_F_REF = re.compile(rb"<f\b[^>]*\bref\s*=", re.S)


def write_spliced(src, out, wb, style_count: int, cells: dict[str, set], cached: dict, results) -> None:
    """Write the annotated copy of *src* to *out* by splicing (see the module's text).

    *wb* is openpyxl's decided workbook (the skeleton, or a whole load), whose first
    *style_count* cell formats are the input's; *cells* the (row, col) evalbook wrote or gave back, by sheet; *cached* their
    computed values by sheet and A1; *results* an openpyxl workbook holding 校验结果 alone.
    """
    pkg = Package(src)
    book_part = pkg.workbook()
    head = pkg.read(book_part)[:4096]
    if re.search(rb"<\w+:workbook\b", head) or b"purl.oclc.org/ooxml" in head:
        raise SpliceError("a prefixed or Strict workbook")
    rels = pkg.relationships(book_part)
    style_rel = next((r for r in rels if r.type == REL + "styles"), None)
    if style_rel is None:
        raise SpliceError("no style sheet")
    style_part = resolve(book_part, style_rel.target)
    styles = Styles(pkg.read(style_part), wb, style_count)
    parts = {name: part for name, _, part in pkg.sheets()}
    changed_cells = False
    for ws in wb.worksheets:
        part = parts.get(ws.title)
        if not part:
            raise SpliceError(f"no part for sheet {ws.title}")
        xml = pkg.read(part)
        new = xml
        if cells.get(ws.title):
            new = _cells(new, ws, cells[ws.title], cached.get(ws.title, {}), styles)
            changed_cells = True
        new = _marks(new, ws, styles)
        if new != xml:
            pkg.write(part, new)
    _notes(pkg, wb, parts)
    _results(pkg, results, styles)
    pkg.write(style_part, styles.xml)
    if changed_cells:
        for r in rels:
            if r.type == REL + "calcChain":
                pkg.remove(resolve(book_part, r.target))
                pkg.remove_relationship(book_part, r.id)
    pkg.write(book_part, full_calc_on_load(pkg.read(book_part)))
    pkg.save(out)


class Styles:
    """The input's style sheet, with the formats evalbook needs appended (never renumbered)."""

    def __init__(self, xml: bytes, wb, count: int):
        m = _CELL_XFS.search(xml)
        if m is None or len(_XF.findall(m.group(1))) != count:
            raise SpliceError("cellXfs not as openpyxl read them")
        self.xml = xml
        self.exact: dict[tuple, int] = {}
        self.but_format: dict[tuple, int] = {}
        for i in range(count):
            key = tuple(wb._cell_styles[i])
            self.exact.setdefault(key, i)
            self.but_format.setdefault(key[:3] + key[4:], i)
        self.made: dict = {}

    def index(self, style, number_format: str) -> int:
        """The input's format for openpyxl's cell format *style*: one of the input's own, or a
        copy of one with another number format."""
        key = tuple(style) if style is not None else (0,) * 9
        if key in self.exact:
            return self.exact[key]
        base = self.but_format.get(key[:3] + key[4:])
        if base is None:
            raise SpliceError("a cell format that is not the input's")
        if (base, number_format) not in self.made:
            self.xml, self.made[(base, number_format)] = clone_xf(self.xml, base, number_format)
        return self.made[(base, number_format)]

    def dxf(self, color: str) -> int:
        if ("dxf", color) not in self.made:
            fill = (f'<dxf><fill><patternFill patternType="solid"><fgColor rgb="{color}"/><bgColor rgb="{color}"/>'
                    f"</patternFill></fill></dxf>").encode()
            self.xml, self.made[("dxf", color)] = append_dxf(self.xml, fill)
        return self.made[("dxf", color)]

    def append(self, pattern, item: bytes, child) -> int:
        if (pattern, item) not in self.made:
            self.xml, self.made[(pattern, item)] = _append_to(self.xml, pattern, item, child)
        return self.made[(pattern, item)]


def _cells(xml: bytes, ws, where: set, cached: dict, styles: Styles) -> bytes:
    new = {}
    # Row by row: the formats a cell needs are appended in the order it is met, and a set's
    # order follows how it was filled (by the hash of sheet names, which changes per process).
    for r, c in sorted(where):
        cell = ws._cells.get((r, c))
        if cell is None or type(cell).__name__ == "MergedCell":
            continue
        style = styles.index(cell._style, cell.number_format or "General")
        if is_formula(cell):
            value = cached.get(cell.coordinate)
            if isinstance(value, float) and not math.isfinite(value):
                value = None
            new[(r, c)] = cell_xml(r, c, style=style, formula=cell.value, value=value)
        else:
            new[(r, c)] = cell_xml(r, c, style=style, value=_value(plain(cell.value)))
    replaced: dict = {}
    out = splice_cells(xml, new, replaced)
    if any(_F_REF.search(tag) for tag in replaced.values()):
        raise SpliceError("a shared or array formula's anchor cell")
    return out


def _value(value):
    if isinstance(value, (datetime, date, time)):
        from openpyxl.utils.datetime import to_excel

        return to_excel(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise SpliceError(f"a value the splicer does not write ({type(value).__name__})")


def _marks(xml: bytes, ws, styles: Styles) -> bytes:
    """The sheet's evalbook conditional formats and validations: the old ones out, the new in."""
    xml = remove_conditional_formats(xml, ours_cf_formula)
    xml = remove_validations(xml, lambda a: ours_dv_title(a.get("errorTitle")))
    prio = max_priority(xml) + 1
    blocks = []
    for cf in ws.conditional_formatting:
        rules = []
        for rule in cf.rules:
            if not is_ours_cf(rule):
                continue
            color = rule.dxf.fill.fgColor.rgb
            rules.append(f'<cfRule type="expression" dxfId="{styles.dxf(color)}" priority="{prio}">'
                         f"<formula>{escape(rule.formula[0])}</formula></cfRule>")
            prio += 1
        if rules:
            blocks.append(f'<conditionalFormatting sqref="{escape_attribute(str(cf.sqref))}">{"".join(rules)}'
                          f"</conditionalFormatting>".encode())
    xml = add_conditional_formats(xml, blocks)
    items = []
    for dv in ws.data_validations.dataValidation:
        if not is_ours_dv(dv):
            continue
        a = {"type": dv.type, "operator": dv.operator, "allowBlank": "1" if dv.allow_blank else None,
             "showErrorMessage": "1" if dv.showErrorMessage else None, "errorStyle": dv.errorStyle,
             "errorTitle": dv.errorTitle, "error": dv.error, "sqref": str(dv.sqref)}
        head = " ".join(f'{k}="{escape_attribute(str(v))}"' for k, v in a.items() if v is not None)
        body = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in (("formula1", dv.formula1), ("formula2", dv.formula2))
                       if v is not None)
        items.append(f"<dataValidation {head}>{body}</dataValidation>".encode("utf-8"))
    return add_validations(xml, items)


# --- notes ---------------------------------------------------------------------------------


def _has_ours(ws) -> bool:
    return any(c.comment is not None and MARKER in (plain(c.comment.text) or "") for c in ws._cells.values())


def _notes(pkg: Package, wb, parts: dict) -> None:
    """Sheets that get or had evalbook notes: their comments and note drawing from openpyxl."""
    touched = []
    for ws in wb.worksheets:
        part = parts[ws.title]
        rels = pkg.relationships(part)
        comments = next((r for r in rels if r.type == REL + "comments"), None)
        had = comments is not None and b"evalbook" in pkg.read(resolve(part, comments.target))
        if had or _has_ours(ws):
            touched.append((ws, part, rels, comments))
    for ws, part, rels, comments in touched:
        _put_notes(pkg, part, rels, comments, _openpyxl_notes(ws))


def _openpyxl_notes(ws) -> tuple[bytes, bytes] | None:
    """(comments part, note drawing) of the notes of *ws* (their text and author, not their
    rich formatting), None when it has none: what openpyxl's save writes for a sheet holding
    them (its comment records in row and column order, the drawing with each note beside its
    cell), made by openpyxl's own comment writers without saving a workbook around them."""
    from openpyxl.comments.comment_sheet import CommentRecord, CommentSheet
    from openpyxl.xml.functions import tostring

    records = []
    for cell in sorted((c for c in ws._cells.values() if c.comment is not None and type(c).__name__ == "Cell"),
                       key=lambda c: (c.row, c.column)):
        record = CommentRecord(ref=cell.coordinate, author=cell.comment.author)
        record.text.t = plain(cell.comment.text) or ""
        record.height, record.width = cell.comment.height, cell.comment.width
        records.append(record)
    if not records:
        return None
    sheet = CommentSheet.from_comments(records)
    with notes_beside_their_cells():
        return tostring(sheet.to_tree()), sheet.write_shapes(None)


def _free(pkg: Package, pattern: str) -> str:
    n = 1
    while pkg.has(pattern.format(n)):
        n += 1
    return pattern.format(n)


def _put_notes(pkg: Package, part: str, rels: list, comments, written) -> None:
    """The sheet's comments part and note drawing: openpyxl's *written* (comments, drawing), or
    none (*written* None). A drawing that also holds form controls (check boxes, buttons) keeps
    them: only its notes are replaced (:func:`notes_into_drawing`)."""
    if any(r.type.endswith("/threadedComment") for r in rels):
        raise SpliceError("threaded comments beside the notes")
    xml = pkg.read(part)
    rid = legacy_drawing_id(xml)
    vml = next((r for r in rels if r.id == rid), None) if rid else None
    vml_part = resolve(part, vml.target) if vml is not None else None
    shared = vml_part is not None and pkg.has(vml_part) and vml_holds_controls(pkg.read(vml_part))
    if written is None:  # no notes any more: evalbook's were all there was
        if comments is not None:
            pkg.remove_relationship(part, comments.id)
            if pkg.has(resolve(part, comments.target)):
                pkg.remove(resolve(part, comments.target))
        if shared:  # the controls stay, in their drawing
            pkg.write(vml_part, notes_into_drawing(pkg.read(vml_part), None))
            return
        if vml is not None:
            pkg.remove_relationship(part, vml.id)
            if pkg.has(vml_part):
                pkg.remove(vml_part)
        pkg.write(part, set_legacy_drawing(pkg.read(part), None))
        return
    text, drawing = written
    if comments is not None:
        pkg.write(resolve(part, comments.target), text)
    else:
        name = _free(pkg, "xl/comments{}.xml")
        pkg.write(name, text, CT_COMMENTS)
        pkg.add_relationship(part, REL + "comments", name)
    if vml_part is not None:
        pkg.write(vml_part, notes_into_drawing(pkg.read(vml_part), drawing) if shared else drawing)
        return
    name = _free(pkg, "xl/drawings/vmlDrawing{}.vml")
    types = pkg.read("[Content_Types].xml")
    pkg.write(name, drawing, None if re.search(rb'Extension\s*=\s*"vml"', types, re.I) else CT_VML)
    new_rid = pkg.add_relationship(part, REL + "vmlDrawing", name)
    pkg.write(part, set_legacy_drawing(pkg.read(part), new_rid))


_VML_SHAPE = re.compile(rb"<(\w+:)?shape\b[^>]*?(?:/>|>.*?</\1shape\s*>)", re.S)
_VML_NOTE_TYPE = re.compile(rb"<(\w+:)?shapetype\b[^>]*\bid\s*=\s*\"_x0000_t202\"[^>]*?(?:/>|>.*?</\1shapetype\s*>)", re.S)
_SHAPE_ID = re.compile(rb'\bid\s*=\s*"_x0000_s(\d+)"')
_IDMAP = re.compile(rb'(<(?:\w+:)?idmap\b[^>]*\bdata\s*=\s*")([\d,\s]*)(")')


def _is_note(shape: bytes) -> bool:
    return re.search(rb'ObjectType\s*=\s*"Note"', shape) is not None


def notes_into_drawing(old: bytes, drawing: bytes | None) -> bytes:
    """*old*, a note drawing that also holds form controls, with its notes replaced by the notes
    of openpyxl's *drawing* (None: no notes): every other shape stays byte for byte, and the new
    notes are numbered after the highest shape id it holds (a control is found by its id)."""
    kept = _VML_SHAPE.sub(lambda m: b"" if _is_note(m.group(0)) else m.group(0), old)
    end = kept.rfind(b"</xml>")
    if end < 0:
        raise SpliceError("a note drawing without </xml>")
    if drawing is None:
        return kept
    notes = [m.group(0) for m in _VML_SHAPE.finditer(drawing) if _is_note(m.group(0))]
    next_id = max((int(x) for x in _SHAPE_ID.findall(kept)), default=1024) + 1
    numbered = []
    for shape in notes:
        numbered.append(_SHAPE_ID.sub(f'id="_x0000_s{next_id}"'.encode(), shape, count=1))
        next_id += 1
    blocks = {n // 1024 for n in range(next_id - len(notes), next_id)}
    kept = _IDMAP.sub(lambda m: m.group(1) + _blocks(m.group(2), blocks) + m.group(3), kept, count=1)
    shapetype = b""
    if not _VML_NOTE_TYPE.search(kept):  # the notes' shape type, where only controls had one
        m = _VML_NOTE_TYPE.search(drawing)
        shapetype = m.group(0) if m else b""
    end = kept.rfind(b"</xml>")
    return kept[:end] + shapetype + b"".join(numbered) + kept[end:]


def _blocks(data: bytes, blocks: set[int]) -> bytes:
    """An idmap's list of shape-id blocks (1024 ids each) with *blocks* added."""
    have = {int(x) for x in re.findall(rb"\d+", data)}
    return ",".join(str(b) for b in sorted(have | blocks)).encode()


# --- 校验结果 ------------------------------------------------------------------------------


def _results(pkg: Package, results, styles: Styles) -> None:
    xml, strings, theirs, names = _results_parts(results)

    def inline(m: re.Match) -> bytes:
        return b'<c%s t="inlineStr"%s><is>%s</is></c>' % (m.group(1), m.group(2), strings[int(m.group(3))])

    xml = _SHARED.sub(inline, xml)
    mapping: dict[int, int] = {}

    def restyle(m: re.Match) -> bytes:
        s = int(m.group(2))
        if s not in mapping:
            mapping[s] = _their_xf(theirs, s, styles)
        return m.group(1) + str(mapping[s]).encode() + m.group(3)

    xml = _STYLE_ATTR.sub(restyle, xml)
    for name, _, _ in pkg.sheets():
        if normalize(name) == RESULT_SHEET:
            remove_worksheet(pkg, name)
    add_worksheet(pkg, RESULT_SHEET, xml)
    index = len(pkg.sheets()) - 1
    titles = [re.sub(rb'localSheetId="\d+"', f'localSheetId="{index}"'.encode(), n) for n in names
              if b"_xlnm.Print_Titles" in n]
    if titles:
        _add_defined_names(pkg, b"".join(titles))


def _results_parts(results) -> tuple[bytes, list[bytes], bytes, list[bytes]]:
    """The 校验结果 workbook's sheet, shared strings (their <si> bodies), style sheet and
    <definedName>s, as openpyxl's save writes them: made by the writers its save calls, in
    its order (the sheet first: writing it registers the cells' formats), without the
    package around them or the temporary file its worksheet writer would use. An openpyxl
    that writes shared strings has them taken from its save."""
    from openpyxl.styles.stylesheet import write_stylesheet
    from openpyxl.workbook._writer import WorkbookWriter
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.xml.functions import tostring

    ws = results.worksheets[0]
    ws._id = 1
    writer = WorksheetWriter(ws, io.BytesIO())
    writer.write()
    if len(results.shared_strings):
        buf = io.BytesIO()
        results.save(buf)
        with zipfile.ZipFile(buf) as z:
            return (z.read("xl/worksheets/sheet1.xml"), _SI.findall(z.read("xl/sharedStrings.xml")),
                    z.read("xl/styles.xml"), _DEFINED_NAME.findall(z.read("xl/workbook.xml")))
    return (writer.read(), [], tostring(write_stylesheet(results)),
            _DEFINED_NAME.findall(WorkbookWriter(results).write()))


_DEFINED_NAME = re.compile(rb"<definedName\b[^>]*>.*?</definedName>", re.S)


def _their_xf(theirs: bytes, index: int, styles: Styles) -> int:
    """openpyxl's cell format *index* (of the 校验结果 workbook) appended to the input's styles."""
    if index == 0:
        return 0
    xf = _XF.findall(_CELL_XFS.search(theirs).group(1))[index]
    a = attributes(xf[:xf.find(b">") + 1])
    ids = {}
    for key, pattern, child, count, keep in (("fontId", _FONTS, _FONT, rb"<font\b", 0),
                                             ("fillId", _FILLS, _FILL, rb"<fill\b", 1),
                                             ("borderId", _BORDERS, _BORDER, rb"<border\b", 0)):
        n = int(a.get(key, "0") or 0)
        if n <= keep:
            ids[key] = n
            continue
        item = child.findall(pattern.search(theirs).group(1))[n]
        m = pattern.search(styles.xml)
        if m is None:
            raise SpliceError(f"no {key} list in the style sheet")
        ids[key] = styles.append(pattern, item, re.compile(count))
    fmt = int(a.get("numFmtId", "0") or 0)
    if fmt >= 164:
        code = re.search(rb'<numFmt\b[^>]*numFmtId="%d"[^>]*formatCode="([^"]*)"' % fmt, theirs)
        import html

        styles.xml, fmt = number_format_id(styles.xml, html.unescape(code.group(1).decode("utf-8")))
    ids["numFmtId"] = fmt
    for key, value in ids.items():
        xf = re.sub(rb'\b' + key.encode() + rb'="\d+"', f'{key}="{value}"'.encode(), xf, count=1)
    xf = re.sub(rb'\bxfId="\d+"', b'xfId="0"', xf)
    return styles.append(_CELL_XFS, xf, _XF)


_DEFINED_NAMES_END = re.compile(rb"</definedNames\s*>")
_AFTER_NAMES = re.compile(rb"<(?:calcPr|oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|"
                          rb"webPublishing|fileRecoveryPr|webPublishObjects|extLst)[\s/>]|</workbook\s*>")


def _add_defined_names(pkg: Package, names: bytes) -> None:
    part = pkg.workbook()
    data = pkg.read(part)
    data = re.sub(rb"<definedNames\s*/>", b"<definedNames></definedNames>", data, count=1)
    end = _DEFINED_NAMES_END.search(data)
    if end is not None:
        data = data[:end.start()] + names + data[end.start():]
    else:
        m = _AFTER_NAMES.search(data, data.find(b"</sheets"))
        if m is None:
            raise SpliceError("no place for <definedNames>")
        data = data[:m.start()] + b"<definedNames>" + names + b"</definedNames>" + data[m.start():]
    pkg.write(part, data)
