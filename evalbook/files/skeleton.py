"""A workbook's skeleton: what annotate needs to decide its edits, without loading the rest.

annotate decides on an openpyxl workbook (the cells it writes, their formats, the user's notes,
conditional formats and validations it adds to) and the splicer (annotation/splice_copy.py)
then writes those decisions into the input package itself. openpyxl's load of a whole
5,000-row form costs more than the rest of annotate together, while annotate edits a few dozen
cells. So openpyxl loads a skeleton instead, built here from the input's bytes:

- the same worksheets, in the same order and under the same part names, with the same style
  sheet (a cell's format index means the same), its date system, and its notes;
- in each worksheet only the cells asked for (the ones annotate writes or gives back, the
  ones whose format a new cell copies) and the anchor of any shared formula they follow, their
  strings made inline; the merged ranges that cover those cells (a cell a range covers is
  not written); and the sheet's validations (a score cell with the user's own keeps it). Conditional formats are not
  needed: the splicer takes evalbook's old ones out of the sheet's bytes by their tag and
  puts the new ones after every other.

Everything else (other cells, drawings, charts, pictures, tables, VBA, links, names…) is
never parsed: the splicer copies it byte for byte. A package in a shape this does not read
(a prefixed or Strict main namespace, cells or rows without r, a sheet that is not a
worksheet) raises SpliceError, and annotate loads the whole workbook instead.

:func:`formula_cells` and :func:`formulas_at` answer, from the same bytes, what annotate
asks before it knows which cells it needs: where the user's formulas are, and what formula
stands in a cell an earlier run wrote (a shared formula's follower as Excel would show it).
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

from evalbook.files.cached_values import escape_attribute
from evalbook.files.sheet_scan import _ROW, SpliceError, attributes, row_places, row_starts
from evalbook.files.splice import (_CELL, NS_OFFICE_RELS, NS_RELS, REL_OFFICE_DOCUMENT, Package, _col_number,
                                   col_letters, rels_name, resolve)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
_CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
_REL = NS_OFFICE_RELS + "/"

# a cell's start tag and, when it holds one, its formula: <c …><f …>text</f> or <f …/>
_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>\s*<f\b([^>]*?)(?:/>|>([^<]*)</f\s*>)")
_R = re.compile(rb'\br\s*=\s*"\$?([A-Za-z]{1,3})\$?(\d+)"')
_SI = re.compile(rb"<si\b[^>]*?(?:/>|>(.*?)</si\s*>)", re.S)
_SHARED_STRING = re.compile(rb'(<c\b[^>]*?)\s+t\s*=\s*"s"([^>]*>)\s*<v>\s*(\d+)\s*</v>\s*(</c\s*>)')
_DVS = re.compile(rb"<dataValidations\b[^>]*?(?:/>|>.*?</dataValidations\s*>)", re.S)
_WORKBOOK_PR = re.compile(rb"<workbookPr\b[^>]*?/>|<workbookPr\b[^>]*>.*?</workbookPr\s*>", re.S)
_ROOT = re.compile(rb"<worksheet\b[^>]*>")


def _position(attrs: bytes) -> tuple[int, int]:
    m = _R.search(attrs)
    if m is None:
        raise SpliceError("a cell without r")
    return int(m.group(2)), _column(m.group(1))


@lru_cache(maxsize=4096)
def _column(letters: bytes) -> int:  # a sheet's cells share a few dozen column letters
    return _col_number(letters)


_F_START = re.compile(rb"<f\b")
_SPACE = b" \t\n\r\f\v"  # what \s is in a bytes pattern
_C_START = re.compile(rb"<c\b")


def formula_matches(sheet_xml: bytes):
    """What ``_FORMULA_CELL.finditer(sheet_xml)`` yields, found from each ``<f`` back to its
    cell's start tag: the pattern tried at every one of a form's 40,000 cells took 20 ms a
    sheet, the few thousand formulas are found in one."""
    passed = 0
    for f in _F_START.finditer(sheet_xml):
        j = f.start()
        if j < passed:
            continue
        while j > 0 and sheet_xml[j - 1] in _SPACE:
            j -= 1
        if j == 0 or sheet_xml[j - 1] != 0x3E:  # ">": the end of a tag right before it
            continue
        # the tag's start: the first <c after the '>' before it, where the pattern's leftmost
        # match would begin
        start = sheet_xml.rfind(b">", 0, j - 1) + 1
        c = _C_START.search(sheet_xml, start if start > passed else passed, j)
        if c is None:
            continue
        m = _FORMULA_CELL.match(sheet_xml, c.start())
        if m is not None and m.start(2) - 2 == f.start():
            passed = m.end()
            yield m


def formula_cells(sheet_xml: bytes) -> set[tuple[int, int]]:
    """(row, col) of every cell that holds a formula, a shared formula's followers included."""
    return {_position(m.group(1)) for m in formula_matches(sheet_xml)}


def formulas_at(sheet_xml: bytes, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The formula ("=…") of each *wanted* cell that holds one: as stored, or for a shared
    formula's follower, its anchor's formula moved to it (what Excel and openpyxl show)."""
    from evalbook.files.xlsx import _unescape

    found: dict[tuple[int, int], tuple[dict, bytes | None]] = {}
    anchors: dict[str, tuple[str, str]] = {}
    for m in formula_matches(sheet_xml):
        f = attributes(b"<f" + m.group(2) + b">")
        pos = _position(m.group(1))
        if f.get("t") == "shared" and f.get("ref") and m.group(3) is not None:
            anchors[f.get("si", "")] = (_unescape(m.group(3)), f"{col_letters(pos[1])}{pos[0]}")
        if pos in wanted:
            found[pos] = (f, m.group(3))
    out = {}
    for (r, c), (f, text) in found.items():
        if text:
            out[(r, c)] = "=" + _unescape(text)
        elif f.get("t") == "shared" and f.get("si", "") in anchors:
            from openpyxl.formula.translate import Translator

            formula, origin = anchors[f["si"]]
            out[(r, c)] = Translator("=" + formula, origin=origin).translate_formula(f"{col_letters(c)}{r}")
    return out


def skeleton(pkg: Package, keep: dict[str, set[tuple[int, int]]],
             merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
             read: dict[str, bytes] | None = None) -> io.BytesIO:
    """The skeleton (see the module's text) of *pkg* holding the cells *keep* names by sheet
    and the merged ranges *merges* names (those that cover a kept cell: a range's covered
    cells cost openpyxl an object each, and a sheet may declare millions), as an .xlsx in
    memory for openpyxl to load. *read*: worksheets' bytes the caller has read already, by
    part name, taken out of it as they are used instead of being inflated again."""
    read = {} if read is None else read
    book_part = pkg.workbook()
    book_xml = pkg.read(book_part)
    if re.search(rb"<\w+:workbook\b", book_xml[:4096]) or b"purl.oclc.org/ooxml" in book_xml[:4096]:
        raise SpliceError("a prefixed or Strict workbook")
    rels = pkg.relationships(book_part)
    style_rel = next((r for r in rels if r.type == _REL + "styles"), None)
    if style_rel is None:
        raise SpliceError("no style sheet")
    strings = _Strings(pkg, book_part, rels)
    out = io.BytesIO()
    types = [f'<Override PartName="/{escape_attribute(book_part)}" ContentType="{_CT_MAIN}"/>',
             f'<Override PartName="/xl/styles.xml" ContentType="{_CT_STYLES}"/>']
    sheets, book_rels = [], [f'<Relationship Id="rIdStyles" Type="{_REL}styles" Target="/xl/styles.xml"/>']
    by_id = {r.id: r for r in rels}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("xl/styles.xml", pkg.read(resolve(book_part, style_rel.target)))
        for n, (tag, rid) in enumerate(_sheet_tags(book_xml), start=1):  # the workbook's order
            rel = by_id.get(rid)
            if rel is None or rel.type != _REL + "worksheet":
                continue  # a chartsheet: not a worksheet openpyxl would list, nothing annotate edits
            part = resolve(book_part, rel.target)
            name = attributes(tag).get("name", "")
            xml = read.pop(part, None)
            xml = pkg.read(part) if xml is None else xml
            z.writestr(part, _sheet(xml, keep.get(name, set()), (merges or {}).get(name, []), strings))
            del xml
            types.append(f'<Override PartName="/{escape_attribute(part)}" ContentType="{_CT_SHEET}"/>')
            book_rels.append(f'<Relationship Id="rIdSheet{n}" Type="{_REL}worksheet" Target="/{escape_attribute(part)}"/>')
            sheets.append(f'<sheet name="{escape_attribute(name)}" sheetId="{n}" r:id="rIdSheet{n}"/>'.encode("utf-8"))
            types.extend(_notes(pkg, part, z))
        pr = _WORKBOOK_PR.search(book_xml)
        z.writestr(book_part, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="'
                   + _MAIN.encode() + b'" xmlns:r="' + NS_OFFICE_RELS.encode() + b'">'
                   + (pr.group(0) if pr else b"") + b"<sheets>" + b"".join(sheets) + b"</sheets></workbook>")
        z.writestr(rels_name(book_part), _rels(book_rels))
        z.writestr("_rels/.rels", _rels([f'<Relationship Id="rId1" Type="{REL_OFFICE_DOCUMENT}" '
                                         f'Target="/{escape_attribute(book_part)}"/>']))
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(types) + "</Types>").encode())
    out.seek(0)
    return out


_SHEET_TAG = re.compile(rb"<sheet\b[^>]*?/?>")


def _sheet_tags(book_xml: bytes) -> list[tuple[bytes, str]]:
    """Each <sheet> tag with its relationship id, which must be in the relationships namespace
    (where openpyxl and Excel look for it; a file that says otherwise has no sheets for them)."""
    def declared(tag: bytes) -> dict[str, str]:  # prefix → namespace
        return {k.split(":", 1)[1]: v for k, v in attributes(tag).items() if k.startswith("xmlns:")}

    outer: dict[str, str] = {}
    for m in re.finditer(rb"<workbook\b[^>]*>|<sheets\b[^>]*>", book_xml):  # the sheets' ancestors
        outer.update(declared(m.group(0)))
    out = []
    for tag in _SHEET_TAG.findall(book_xml):
        names = {**outer, **declared(tag)}
        ids = [(k.split(":", 1)[0], v) for k, v in attributes(tag).items() if k.endswith(":id")]
        if len(ids) != 1 or names.get(ids[0][0]) != NS_OFFICE_RELS:
            raise SpliceError("a sheet whose relationship id is not in the relationships namespace")
        out.append((tag, ids[0][1]))
    return out


def _rels(items: list[str]) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_RELS}">'
            + "".join(items) + "</Relationships>").encode()


class _Strings:
    """The shared strings, read only when a kept cell holds one, and only as far as the
    highest one asked for (a form's table holds thousands; a kept cell's is often early)."""

    def __init__(self, pkg: Package, book_part: str, rels):
        rel = next((r for r in rels if r.type == _REL + "sharedStrings"), None)
        self._load = (lambda: pkg.read(resolve(book_part, rel.target))) if rel is not None else None
        self._items: list[bytes] = []
        self._found = None  # the <si> matches not yet taken

    def _item(self, i: int) -> bytes:
        if self._found is None:
            self._found = _SI.finditer(self._load()) if self._load else iter(())
        while len(self._items) <= i:
            m = next(self._found, None)
            if m is None:
                raise SpliceError("a shared string index past the table")
            self._items.append(m.group(1) or b"")  # b"" for <si/>
        return self._items[i]

    def inline(self, m: re.Match) -> bytes:
        """A kept ``t="s"`` cell with its string inline (its runs and all)."""
        text = self._item(int(m.group(3)))
        return m.group(1) + b' t="inlineStr"' + m.group(2) + b"<is>" + text + b"</is>" + m.group(4)


def _sheet(xml: bytes, keep: set[tuple[int, int]], merges: list[tuple[int, int, int, int]], strings: _Strings) -> bytes:
    """The skeleton of one worksheet: its root tag, the kept cells (and the anchors of the shared
    formulas they follow), the merged ranges given, and its validations."""
    root = _ROOT.search(xml[:8192])
    if root is None:
        raise SpliceError("a prefixed worksheet")
    # <sheetData>'s bounds by plain search: a lazy pattern over a sheet of a hundred megabytes
    # took a second a sheet
    start = xml.find(b"<sheetData")
    if start < 0:
        raise SpliceError("no <sheetData>")
    head_end = xml.find(b">", start) + 1
    if xml[head_end - 2:head_end] == b"/>":
        body, tail = b"", xml[head_end:]
    else:
        end = xml.rfind(b"</sheetData")
        if end < head_end:
            raise SpliceError("no </sheetData>")
        body, tail = xml[head_end:end], xml[xml.find(b">", end) + 1:]
    rows: dict[int, list[bytes]] = {}
    anchors_needed: set[str] = set()
    if keep:
        for r, row_m in _kept_rows(body, sorted({r for r, _ in keep})):
            for c_m in _CELL.finditer(row_m.group(0)):
                cell = c_m.group(0)
                if _position(cell[:cell.find(b">") + 1]) in keep:
                    rows.setdefault(r, []).append(cell)
                    f = re.search(rb"<f\b([^>]*)", cell)
                    if f is not None and b"shared" in f.group(1):
                        anchors_needed.add(attributes(b"<f" + f.group(1) + b">").get("si", ""))
    if anchors_needed:  # a follower needs its shared formula's anchor before it
        for m in formula_matches(xml):
            f = attributes(b"<f" + m.group(2) + b">")
            if f.get("si") in anchors_needed and f.get("ref") and m.group(3) is not None:
                r, c = _position(m.group(1))
                if (r, c) not in keep:
                    cell = _CELL.match(xml, m.start()).group(0)
                    rows.setdefault(r, []).append(cell)
    rows_xml = []
    for r in sorted(rows):
        cells = sorted(rows[r], key=lambda x: _position(x[:x.find(b">") + 1])[1])
        rows_xml.append(b'<row r="%d">' % r + _SHARED_STRING.sub(strings.inline, b"".join(cells)) + b"</row>")
    parts = [root.group(0), b"<sheetData>", *rows_xml, b"</sheetData>"]
    if merges:
        refs = "".join(f'<mergeCell ref="{col_letters(c1)}{r1}:{col_letters(c2)}{r2}"/>' for r1, c1, r2, c2 in merges)
        parts.append(f'<mergeCells count="{len(merges)}">{refs}</mergeCells>'.encode())
    parts.extend(_DVS.findall(tail))
    return b"".join(parts) + b"</worksheet>"


def _kept_rows(body: bytes, wanted: list[int]):
    """(number, match) of each row of *body* whose number is *wanted* (ascending), in the
    sheet's order; the other rows are passed over (found by number where row_places can)."""
    places = row_places(body, wanted)
    if places is not None:
        yield from ((r, place[1]) for r, place in zip(wanted, places) if place is not None and place[1] is not None)
        return
    wanted_rows, passed = set(wanted), 0
    for at, r in row_starts(body):  # the other rows are passed over by their start tags
        if at < passed or r not in wanted_rows:
            continue
        row_m = _ROW.match(body, at)
        if row_m is None:
            raise SpliceError("a <row> without its end")
        passed = row_m.end()
        yield r, row_m


def _notes(pkg: Package, part: str, z: zipfile.ZipFile) -> list[str]:
    """The sheet's notes (comments part) in the skeleton, with the relationship to them."""
    found = [r for r in pkg.relationships(part) if r.type == _REL + "comments" and not r.external]
    if not found:
        return []
    items, types = [], []
    for r in found:
        target = resolve(part, r.target)
        if not pkg.has(target):
            continue
        z.writestr(target, pkg.read(target))
        items.append(f'<Relationship Id="{escape_attribute(r.id)}" Type="{escape_attribute(r.type)}" Target="/{escape_attribute(target)}"/>')
        types.append(f'<Override PartName="/{escape_attribute(target)}" ContentType="{_CT_COMMENTS}"/>')
    z.writestr(rels_name(part), _rels(items))
    return types
