"""Writing into a workbook by splicing: every part of the input is copied as it is, and only
the bytes evalbook must change are changed (issue 14, spec: cli.md "Annotated workbook").

openpyxl's load and save re-writes every part it knows and drops every part it does not
(in-cell pictures, OLE objects, data connections, customXml, web extensions, extension lists…).
This module is the other way round. A :class:`Package` holds the input zip; an edit replaces
or adds a part, or a relationship, or a worksheet; :meth:`Package.save` writes the output
with every other member copied byte for byte (same order, same compression). Inside a part
it edits, the edits are byte-level too: :func:`splice_cells` replaces or inserts exactly the
``<c>`` elements it is given and leaves every other byte of the sheet as it was;
:func:`clone_xf` and :func:`append_dxf` append to the style sheet without renumbering
anything the input's cells point at.

What is here is the package layer and is tested on its own (tests/test_splice.py): parts,
content types, relationships, adding and removing a worksheet (the 校验结果 sheet), cells,
cell formats and differential formats; files/sheet_xml.py edits a sheet's other elements
(conditional formats, validations, the note drawing link), and annotation/splice_copy.py
writes the annotated copy with both. Every function returns None (or raises SpliceError)
rather than guess when a part is not in the shape it handles (a prefixed main namespace,
cells without ``r``), so a caller can fall back to the openpyxl path.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from evalbook.files.cached_values import escape, escape_attribute
from evalbook.files.sheet_scan import (_ROW, SpliceError, _row_number, attributes, row_places,
                                       row_starts, sheet_data)

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_REL = re.compile(rb"<Relationship\b[^>]*?/?>")
_SHEET = re.compile(rb"<sheet\b[^>]*?/?>")
_SHEETS_END = re.compile(rb"</sheets\s*>")
_CELL = re.compile(rb"<c\b[^>]*?(?:/>|>.*?</c\s*>)", re.S)


def rels_name(part: str) -> str:
    """The relationships part of *part* ("" for the package itself)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(source: str, target: str) -> str:
    """A relationship's Target as a part name (relative to the source's folder, or absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


@dataclass
class Relationship:
    id: str
    type: str
    target: str
    external: bool = False


class Package:
    """The input package; edits are kept apart and applied when saving."""

    def __init__(self, path):
        self.path = Path(path)
        with zipfile.ZipFile(self.path) as zf:
            self.infos = zf.infolist()
        self.names = [i.filename for i in self.infos]
        self.changed: dict[str, bytes] = {}
        self.added: list[str] = []
        self.removed: set[str] = set()
        self._small: dict[str, bytes] = {}  # small parts as read (an edit goes into changed)

    # --- parts
    def has(self, name: str) -> bool:
        return (name in self.changed or name in self.names) and name not in self.removed

    def read(self, name: str) -> bytes:
        if name in self.removed:
            raise KeyError(name)
        if name in self.changed:
            return self.changed[name]
        if name not in self._small:  # the relationships and workbook.xml are asked for again and again
            with zipfile.ZipFile(self.path) as zf:
                data = zf.read(name)
            if len(data) > 1 << 16:
                return data
            self._small[name] = data
        return self._small[name]

    def write(self, name: str, data: bytes, content_type: str | None = None) -> None:
        """Replace a part, or add one (with *content_type* as an Override when given)."""
        was_removed = name in self.removed
        self.removed.discard(name)
        if name not in self.names and name not in self.added:
            self.added.append(name)
            if content_type is not None:
                self._override(name, content_type)
        elif was_removed and content_type is not None:  # a removed part's name used again
            self._override(name, content_type)
        self.changed[name] = data

    def remove(self, name: str) -> None:
        self.removed.add(name)
        self.changed.pop(name, None)
        types = self.read("[Content_Types].xml")
        pattern = re.compile(rb'<Override\b[^>]*PartName\s*=\s*"/' + re.escape(name.encode()) + rb'"[^>]*/>\s*')
        self.changed["[Content_Types].xml"] = pattern.sub(b"", types, count=1)

    def _override(self, name: str, content_type: str) -> None:
        types = self.read("[Content_Types].xml")
        entry = f'<Override PartName="/{escape(name)}" ContentType="{escape(content_type)}"/>'.encode()
        end = types.rfind(b"</Types>")
        if end < 0:
            raise SpliceError("[Content_Types].xml has no </Types>")
        self.changed["[Content_Types].xml"] = types[:end] + entry + types[end:]

    # --- relationships
    def relationships(self, source: str) -> list[Relationship]:
        name = rels_name(source) if source else "_rels/.rels"
        if not self.has(name):
            return []
        out = []
        for tag in _REL.findall(self.read(name)):
            a = attributes(tag)
            out.append(Relationship(a.get("Id", ""), a.get("Type", ""), a.get("Target", ""),
                                    a.get("TargetMode") == "External"))
        return out

    def add_relationship(self, source: str, rel_type: str, target_part: str) -> str:
        """A relationship from *source* to *target_part*; returns its new Id."""
        name = rels_name(source) if source else "_rels/.rels"
        taken = {r.id for r in self.relationships(source)}
        n = len(taken) + 1
        while f"rId{n}" in taken:
            n += 1
        rid = f"rId{n}"
        folder = posixpath.dirname(source)
        target = posixpath.relpath(target_part, folder) if folder else target_part
        entry = f'<Relationship Id="{rid}" Type="{escape(rel_type)}" Target="{escape(target)}"/>'.encode()
        if self.has(name):
            data = self.read(name)
            end = data.rfind(b"</Relationships>")
            if end < 0:
                raise SpliceError(f"{name} has no </Relationships>")
            self.write(name, data[:end] + entry + data[end:])
        else:
            self.write(name, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                             b'<Relationships xmlns="' + NS_RELS.encode() + b'">' + entry + b"</Relationships>",
                       None)
            self._default_rels()
        return rid

    def _default_rels(self) -> None:
        types = self.read("[Content_Types].xml")
        if re.search(rb'Extension\s*=\s*"rels"', types):
            return
        entry = b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        end = types.rfind(b"</Types>")
        self.changed["[Content_Types].xml"] = types[:end] + entry + types[end:]

    def remove_relationship(self, source: str, rid: str) -> None:
        name = rels_name(source) if source else "_rels/.rels"
        data = self.read(name)
        out = data
        for tag in _REL.findall(data):
            if attributes(tag).get("Id") == rid:
                out = out.replace(tag, b"", 1)
        self.write(name, out)

    # --- the workbook
    def workbook(self) -> str:
        for r in self.relationships(""):
            if r.type.endswith("/officeDocument"):
                return resolve("", r.target)
        raise SpliceError("no officeDocument relationship")

    def sheets(self) -> list[tuple[str, str, str]]:
        """(name, relationship Id, part) of every sheet, in the workbook's order."""
        wb = self.workbook()
        rels = {r.id: r for r in self.relationships(wb)}
        out = []
        for tag in _SHEET.findall(self.read(wb)):
            a = attributes(tag)
            rid = next((v for k, v in a.items() if k.endswith(":id")), "")
            rel = rels.get(rid)
            out.append((a.get("name", ""), rid, resolve(wb, rel.target) if rel else ""))
        return out

    def sheet_part(self, name: str) -> str | None:
        return next((part for n, _, part in self.sheets() if n == name), None)

    # --- output
    def save(self, out) -> None:
        """Write the package to *out*: untouched members byte for byte, in the input's order."""
        with zipfile.ZipFile(self.path) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in self.infos:
                if info.filename in self.removed:
                    continue
                if info.filename in self.changed:
                    copy = zipfile.ZipInfo(info.filename, info.date_time)
                    copy.compress_type = info.compress_type
                    copy.external_attr = info.external_attr
                    zout.writestr(copy, self.changed[info.filename], compresslevel=DEFLATE_LEVEL)
                    continue
                if not _copy_raw(zin, zout, info):
                    with zin.open(info) as src, zout.open(_same_info(info), "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
            for name in self.added:
                if name not in self.removed:
                    zout.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), self.changed[name],
                                  compress_type=zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL)


# The parts the splicer writes are deflated at zlib's level 2, not its default 6: a form's
# 2 MB indicator sheet takes 6 ms instead of 25 and comes out some 15% larger; every part
# not written is copied as it was compressed.
DEFLATE_LEVEL = 2
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # signature … file name length, extra field length


def _copy_raw(zin: zipfile.ZipFile, zout: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Copy a member's compressed bytes as they stand, with their CRC: no inflating and
    deflating again (a sheet or picture nobody edits costs a copy, not two codecs). False,
    with nothing written, for a member this does not copy so (encrypted, or an odd header)."""
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return False
    fp = zin.fp
    fp.seek(info.header_offset)
    head = fp.read(_LOCAL_HEADER.size)
    if len(head) != _LOCAL_HEADER.size:
        return False
    signature, *_, name_length, extra_length = _LOCAL_HEADER.unpack(head)
    if signature != b"PK\x03\x04":
        return False
    fp.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    data = fp.read(info.compress_size)
    if len(data) != info.compress_size:
        return False
    out = _same_info(info)
    out.CRC, out.compress_size = info.CRC, info.compress_size
    out.flag_bits = info.flag_bits & ~0x08  # sizes and CRC go in the local header: no data descriptor
    out.header_offset = zout.fp.tell()
    zout.fp.write(out.FileHeader())
    zout.fp.write(data)
    zout.filelist.append(out)
    zout.NameToInfo[out.filename] = out
    zout.start_dir = zout.fp.tell()  # where zipfile writes the next member and the directory
    zout._didModify = True
    return True


def _same_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.file_size = info.file_size  # lets zipfile choose zip64 up front for huge members
    return copy


# --- worksheets ----------------------------------------------------------------------------


def add_worksheet(pkg: Package, name: str, xml: bytes) -> str:
    """Add a worksheet named *name* at the end of the workbook; returns its part name."""
    wb = pkg.workbook()
    folder = posixpath.join(posixpath.dirname(wb), "worksheets")
    n = 1
    while pkg.has(f"{folder}/sheet{n}.xml"):
        n += 1
    part = f"{folder}/sheet{n}.xml"
    pkg.write(part, xml, CT_WORKSHEET)
    rid = pkg.add_relationship(wb, REL_WORKSHEET, part)
    data = pkg.read(wb)
    ids = [int(attributes(t).get("sheetId", "0") or 0) for t in _SHEET.findall(data)]
    # The relationships namespace is declared on the new element itself: a root may not declare
    # it (openpyxl with lxml declares it on each <sheet>), and a local declaration is always valid.
    tag = (f'<sheet xmlns:r="{NS_OFFICE_RELS}" name="{escape(name)}" sheetId="{max(ids, default=0) + 1}" '
           f'r:id="{rid}"/>').encode()
    end = _SHEETS_END.search(data)
    if end is None:
        raise SpliceError("workbook.xml has no </sheets>")
    pkg.write(wb, data[:end.start()] + tag + data[end.start():])
    return part


def remove_worksheet(pkg: Package, name: str) -> bool:
    """Remove the worksheet *name* (its part, its relationships part, its entry in the workbook,
    its content type; defined names local to it go, later sheets' localSheetId shift down).
    Parts the sheet's own relationships point at are left to the caller. False if absent."""
    wb = pkg.workbook()
    sheets = pkg.sheets()
    index = next((i for i, (n, _, _) in enumerate(sheets) if n == name), None)
    if index is None:
        return False
    _, rid, part = sheets[index]
    data = pkg.read(wb)
    tag = _SHEET.findall(data)[index]
    data = data.replace(tag, b"", 1)
    data = _shift_local_names(data, index)
    data = _clamp_views(data, len(sheets) - 1)
    pkg.write(wb, data)
    pkg.remove_relationship(wb, rid)
    if part:
        pkg.remove(part)
        if pkg.has(rels_name(part)):
            pkg.remove(rels_name(part))
    return True


_DEFINED_NAME = re.compile(rb"<definedName\b[^>]*>.*?</definedName\s*>|<definedName\b[^>]*/>", re.S)
_LOCAL = re.compile(rb'\blocalSheetId\s*=\s*"(\d+)"')


def _shift_local_names(workbook: bytes, index: int) -> bytes:
    def fix(m: re.Match) -> bytes:
        tag = m.group(0)
        local = _LOCAL.search(tag)
        if local is None:
            return tag
        n = int(local.group(1))
        if n == index:
            return b""
        if n > index:
            return tag[:local.start(1)] + str(n - 1).encode() + tag[local.end(1):]
        return tag

    return _DEFINED_NAME.sub(fix, workbook)


def _clamp_views(workbook: bytes, count: int) -> bytes:
    def fix(m: re.Match) -> bytes:
        n = int(m.group(2))
        return m.group(1) + str(min(n, max(count - 1, 0))).encode() + b'"'

    return re.sub(rb'(\b(?:activeTab|firstSheet)\s*=\s*")(\d+)"', fix, workbook)


# --- cells ---------------------------------------------------------------------------------


def col_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def cell_xml(row: int, col: int, *, style: int | None = None, formula: str | None = None,
             value=None) -> bytes:
    """One ``<c>``: a formula with its cached result, or a value (text as an inline string)."""
    ref = f"{col_letters(col)}{row}"
    s = f' s="{style}"' if style else ""
    f = f"<f>{escape(formula.lstrip('='))}</f>" if formula else ""
    if value is None or value == "" and not formula:
        return f'<c r="{ref}"{s}>{f}</c>'.encode() if f else f'<c r="{ref}"{s}/>'.encode()
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b">{f}<v>{int(value)}</v></c>'.encode()
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}>{f}<v>{value!r}</v></c>'.encode()
    text = escape(str(value)).replace("\r", "&#13;")
    if formula:
        return f'<c r="{ref}"{s} t="str">{f}<v>{text}</v></c>'.encode("utf-8")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'.encode("utf-8")


def cell_style(sheet_xml: bytes, row: int, col: int) -> int:
    """The s= of a cell as the sheet stores it (0 when absent)."""
    bounds = sheet_data(sheet_xml)
    body = sheet_xml[bounds[1]:bounds[2]] if bounds else b""
    for row_m in _ROW.finditer(body):
        if _row_number(row_m.group(0)) != row:
            continue
        for c in _CELL.finditer(row_m.group(0)):
            a = attributes(c.group(0)[:c.group(0).find(b">") + 1])
            if _ref_col(a.get("r", "")) == col:
                return int(a.get("s", "0") or 0)
    return 0


def _ref_col(ref: str) -> int:
    letters = re.match(r"\$?([A-Za-z]{1,3})\$?\d+$", ref or "")
    if letters is None:
        raise SpliceError(f"a cell without a usable r ({ref!r})")
    return _col_number(letters.group(1).encode())


def splice_cells(sheet_xml: bytes, cells: dict[tuple[int, int], bytes], replaced: dict | None = None) -> bytes:
    """*sheet_xml* with each (row, col) cell replaced by, or given, the ``<c>`` in *cells*
    (the ``<c>`` each replaced go into *replaced* by (row, col), when given).

    Rows and cells keep their order; every byte outside the cells replaced (and the rows
    they are inserted in, whose spans widen) stays as it was. Raises SpliceError for a sheet
    whose rows or cells carry no r (implicit positions) or whose main namespace is prefixed.
    Only the rows it edits are matched whole: the others are copied as runs of bytes.
    """
    if re.search(rb"<\w+:worksheet\b", sheet_xml[:2048]):
        raise SpliceError("a prefixed worksheet")
    bounds = sheet_data(sheet_xml)
    if bounds is None:
        raise SpliceError("no <sheetData>")
    start, body_start, body_end, end = bounds
    body = sheet_xml[body_start:body_end]
    view = memoryview(body)  # the runs of rows copied once, into the result
    by_row: dict[int, dict[int, bytes]] = {}
    for (r, c), xml in cells.items():
        by_row.setdefault(r, {})[c] = xml
    order, i = sorted(by_row), 0  # the rows still to place, lowest first
    out: list[bytes] = []
    pos = 0
    places = row_places(body, order)
    for r, place in zip(order, places or ()):  # rows in order: each edit found by its row number
        if place is not None:
            at, row_m = place
            out.append(view[pos:at])
            pos = at if row_m is None else row_m.end()
            out.append(_new_row(r, by_row.pop(r)) if row_m is None else
                       _splice_row(row_m.group(0), by_row.pop(r), r, replaced))
    for at, r in row_starts(body) if places is None else ():  # any other order: walked row by row
        if at < pos:
            continue  # inside a row spliced already
        while i < len(order) and order[i] < r:  # new rows go before the first row past them
            if order[i] in by_row:
                out.append(view[pos:at])
                pos = at
                out.append(_new_row(order[i], by_row.pop(order[i])))
            i += 1
        if r in by_row:
            row_m = _ROW.match(body, at)
            if row_m is None:
                raise SpliceError("a <row> without its end")
            out.append(view[pos:at])
            pos = row_m.end()
            out.append(_splice_row(row_m.group(0), by_row.pop(r), r, replaced))
    out.append(view[pos:])
    for new_r in sorted(by_row):
        out.append(_new_row(new_r, by_row[new_r]))
    head = sheet_xml[start:body_start] if end > body_start else b"<sheetData>"  # <sheetData/> opens
    # joined once (each + of megabytes is a copy); <dimension> widened ahead of <sheetData>
    widened = _widen_dimension(before := sheet_xml[:start], cells)
    whole = b"".join([widened, head, *out, b"</sheetData>", memoryview(sheet_xml)[end:]])
    return whole if widened != before or _DIMENSION.search(before) else _widen_dimension(whole, cells)


def _new_row(r: int, cells: dict[int, bytes]) -> bytes:
    return f'<row r="{r}">'.encode() + b"".join(cells[c] for c in sorted(cells)) + b"</row>"


def _splice_row(row_xml: bytes, cells: dict[int, bytes], r: int = 0, replaced: dict | None = None) -> bytes:
    if row_xml.endswith(b"/>"):
        head = row_xml[:-2].rstrip() + b">"
        inner, tail = b"", b"</row>"
    else:
        end_head = row_xml.find(b">") + 1
        head, inner = row_xml[:end_head], row_xml[end_head:row_xml.rfind(b"</row")]
        tail = row_xml[row_xml.rfind(b"</row"):]
    out, pos = [], 0
    for c_m in _CELL.finditer(inner):
        tag = c_m.group(0)
        col = _ref_col(attributes(tag[:tag.find(b">") + 1]).get("r", ""))
        for new_c in sorted(x for x in cells if x < col):
            out.append(inner[pos:c_m.start()])
            pos = c_m.start()
            out.append(cells.pop(new_c))
        out.append(inner[pos:c_m.start()])
        pos = c_m.end()
        if col in cells and replaced is not None:
            replaced[(r, col)] = tag
        out.append(cells.pop(col) if col in cells else tag)
    out.append(inner[pos:])
    out.extend(cells[c] for c in sorted(cells))
    return _widen_spans(head, cells) + b"".join(out) + tail


def _widen_spans(head: bytes, added: dict[int, bytes]) -> bytes:
    m = re.search(rb'\bspans\s*=\s*"(\d+):(\d+)"', head)
    if m is None or not added:
        return head
    lo, hi = int(m.group(1)), int(m.group(2))
    lo, hi = min([lo, *added]), max([hi, *added])
    return head[:m.start(1)] + f"{lo}:{hi}".encode() + head[m.end(2):]


_DIMENSION = re.compile(rb'<dimension\b[^>]*\bref\s*=\s*"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _widen_dimension(sheet_xml: bytes, cells) -> bytes:
    m = _DIMENSION.search(sheet_xml)
    if m is None or not cells:
        return sheet_xml
    c1, r1 = _col_number(m.group(1)), int(m.group(2))
    c2, r2 = (_col_number(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
    rows = [r for r, _ in cells] + [r1, r2]
    cols = [c for _, c in cells] + [c1, c2]
    ref = f"{col_letters(min(cols))}{min(rows)}:{col_letters(max(cols))}{max(rows)}".encode()
    return sheet_xml[:m.start(1)] + ref + sheet_xml[m.end(4) if m.group(3) else m.end(2):]


# --- styles --------------------------------------------------------------------------------

_CELL_XFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs\s*>", re.S)
_XF = re.compile(rb"<xf\b[^>]*?(?:/>|>.*?</xf\s*>)", re.S)
# an empty list is a self-closing tag, with or without its count (tried first: <numFmts count="0"/>
# must not be read as the opening of a list that never closes)
_NUM_FMTS = re.compile(rb"<numFmts\b[^>]*?/>|<numFmts\b[^>]*>(.*?)</numFmts\s*>", re.S)
_NUM_FMT_ID = re.compile(rb'numFmtId\s*=\s*"(\d+)"')


def _append_to(styles: bytes, pattern: re.Pattern, item: bytes, child: re.Pattern) -> tuple[bytes, int]:
    """*item* appended to the list *pattern* finds (its body in group 1; an empty list may be
    written ``<dxfs count="0"/>``, as openpyxl writes it); returns its index."""
    m = pattern.search(styles)
    if m is None:
        raise SpliceError("no such list in styles.xml")
    whole = m.group(0)
    index = len(child.findall(m.group(1) or b""))
    if whole.endswith(b"/>"):  # an empty list: it gets a body and its closing tag
        head = whole[:-2].rstrip() + b">"
        closing = b"</" + re.match(rb"<([\w:.-]+)", whole).group(1) + b">"
    else:
        head = whole[:whole.find(b">") + 1]
        closing = whole[whole.rfind(b"</"):]
    head = re.sub(rb'\bcount\s*=\s*"\d+"', f'count="{index + 1}"'.encode(), head)
    return styles[:m.start()] + head + (m.group(1) or b"") + item + closing + styles[m.end():], index


def number_format_id(styles: bytes, code: str) -> tuple[bytes, int]:
    """The id of number format *code*, added to <numFmts> when the sheet has none like it."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_REVERSE

    if code in BUILTIN_FORMATS_REVERSE:
        return styles, BUILTIN_FORMATS_REVERSE[code]
    m = _NUM_FMTS.search(styles)
    body = (m.group(1) or b"") if m else b""
    for tag in re.findall(rb"<numFmt\b[^>]*/>", body):
        a = attributes(tag)
        if a.get("formatCode") == code:
            return styles, int(a["numFmtId"])
    ids = [int(x) for x in _NUM_FMT_ID.findall(body)]
    new = max([163, *ids]) + 1
    item = f'<numFmt numFmtId="{new}" formatCode="{escape_attribute(code)}"/>'.encode()
    if m is None:
        at = re.search(rb"<styleSheet\b[^>]*>", styles)
        if at is None:
            raise SpliceError("no <styleSheet>")
        block = b'<numFmts count="1">' + item + b"</numFmts>"
        return styles[:at.end()] + block + styles[at.end():], new
    styles, _ = _append_to(styles, _NUM_FMTS, item, re.compile(rb"<numFmt\b"))
    return styles, new


def clone_xf(styles: bytes, index: int, number_format: str | None = None) -> tuple[bytes, int]:
    """Append a copy of cell format *index* (with *number_format* when given); returns the
    style sheet and the new format's index. Formats the input's cells use keep their index."""
    m = _CELL_XFS.search(styles)
    if m is None:
        raise SpliceError("no <cellXfs>")
    xfs = _XF.findall(m.group(1))
    xf = xfs[index] if 0 <= index < len(xfs) else xfs[0]
    if number_format is not None:
        styles, fid = number_format_id(styles, number_format)
        end = xf.find(b">")
        closed = xf[end - 1:end] == b"/"
        head = xf[:end - 1] if closed else xf[:end]
        if _NUM_FMT_ID.search(head):
            head = _NUM_FMT_ID.sub(f'numFmtId="{fid}"'.encode(), head, count=1)
        else:
            head = head.rstrip() + f' numFmtId="{fid}"'.encode()
        head = re.sub(rb'\s*applyNumberFormat\s*=\s*"[^"]*"', b"", head) + b' applyNumberFormat="1"'
        xf = head + (b"/>" if closed else xf[end:])
    return _append_to(styles, _CELL_XFS, xf, _XF)


def append_dxf(styles: bytes, dxf: bytes) -> tuple[bytes, int]:
    """Append a differential format (a conditional format's look); returns its index."""
    pattern = re.compile(rb"<dxfs\b[^>]*?/>|<dxfs\b[^>]*>(.*?)</dxfs\s*>", re.S)
    if pattern.search(styles) is None:  # none yet: after <cellStyles> (else <cellXfs>), as the schema orders
        at = re.search(rb"</cellStyles\s*>|<cellStyles\b[^>]*?/>", styles) or re.search(rb"</cellXfs\s*>", styles)
        if at is None:
            raise SpliceError("no place for <dxfs>")
        return styles[:at.end()] + b'<dxfs count="1">' + dxf + b"</dxfs>" + styles[at.end():], 0
    return _append_to(styles, pattern, dxf, re.compile(rb"<dxf\b"))
