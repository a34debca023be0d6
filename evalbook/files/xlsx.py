"""The xlsx fast path: each part parsed once with expat, straight into a Book.

openpyxl's normal load spends most of its time styling the cells of merged ranges, its
read-only mode drops merged ranges, and importing openpyxl at all costs more than a small
form's whole check (it pulls in numpy when numpy is installed). A check needs only values,
number formats and merges, so this module reads exactly those from the package, with the
meaning openpyxl gives them (data_only): cached values of formulas, shared and inline
strings without their phonetic runs, numbers as int or float, date-formatted numbers as
datetimes in the workbook's epoch, booleans, error codes as text. One thing openpyxl's
data_only load loses is kept: a formula cell without a stored result is a
:class:`~evalbook.files.book.Formula`, not a blank (S109). tests/test_read_paths.py
holds the rule suite to identical findings through this path and openpyxl's.

The guard has already bounded the zip's sizes and refused DTDs before anything gets here;
the parser refuses a DOCTYPE anyway, so no entity can expand even if the guard is bypassed.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

from evalbook.files.book import (MAX_COL, MAX_ROW, MAX_TEXT, Book, Budget, Cell, Formula, Limits, OutsideGrid,
                                 OverLimit, Sheet, drop_covered, range_area)
from evalbook.files.xlsx_parts import (MAC_EPOCH, SHARED_STRINGS_TYPE, STYLES_PART, WINDOWS_EPOCH, from_excel, from_iso,
                                       new_parser, parse_simple, part_rels, read_shared_strings, read_styles,
                                       workbook_part, xml_text)


_DIGITS = "0123456789"


def _col_index(letters: str, cache: dict[str, int] = {}) -> int:  # noqa: B006 - a memo on purpose
    """"AB" → 28; OutsideGrid for anything that is not a column of Excel's grid (A-XFD)."""
    n = cache.get(letters)
    if n is None:
        if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
            raise OutsideGrid(letters)
        n = 0
        for ch in letters.upper():
            n = n * 26 + ord(ch) - 64
        if n > MAX_COL:
            raise OutsideGrid(letters)
        cache[letters] = n
    return n


def _row_index(digits: str) -> int:
    """"12" → 12; OutsideGrid past row 1,048,576 (or for 0, or for text that is no row)."""
    if not (0 < len(digits) <= 7 and digits.isascii() and digits.isdigit()):
        raise OutsideGrid(digits)
    n = int(digits)
    if not 0 < n <= MAX_ROW:
        raise OutsideGrid(digits)
    return n


# --- package: content types, workbook, relationships --------------------------------------


# --- styles and shared strings -------------------------------------------------------------


# --- worksheets ------------------------------------------------------------------------------


# The cells of a worksheet as Excel, WPS, LibreOffice, xlsxwriter and openpyxl write them:
# r, then s, then t; an optional formula; a value or a plain inline string. A match is a
# whole <c> element of exactly that shape, so a part whose every <c> matches means exactly
# what an XML parser would make of it (see _fast_cells for the conditions).
_CELL_RE = re.compile(  # possessive (*+): nothing a quantifier took is ever worth giving back
    rb'<c r="([A-Z]{1,3}+)([1-9][0-9]{0,6}+)"(?: s="([0-9]{1,6}+)")?(?: t="([a-zA-Z]{1,9}+)")?'
    rb'(?:>(?:<f[^>]*?(/>|>([^<]*+)</f>))?'
    rb'(?:<v>([^<]*+)</v>|<v\s*/>|<is><t(?: xml:space="preserve")?>([^<]*+</t>)</is>)?</c>|\s*/>)')
_CELL_START_RE = re.compile(rb"<c[\s/>]")
_MERGE_RE = re.compile(rb'<mergeCell ref="([A-Z$0-9:]+)"\s*/>')
_MERGE_START_RE = re.compile(rb"<mergeCell[\s/>]")
_ROW_START_RE = re.compile(rb"<row[\s/>]")
_LINK_RE = re.compile(rb'<hyperlink\b[^>]*?\bref="([^"]*)"')
_ROOT_RE = re.compile(rb'^\s*(?:<\?xml version="1\.0"(?: encoding="(?:UTF|utf)-8")?(?: standalone="(?:yes|no)")?\s*\?>)?\s*<worksheet[\s>]')
FAST_PART_LIMIT = 48 * 1024 * 1024  # larger parts stream through expat instead of sitting in memory


def _fast_cells(sheet: Sheet, data: bytes, strings: list[str], formats: list[str], dates: set[int],
                durations: set[int], epoch: dt.datetime, budget: Budget) -> bool:
    """Read *data* with one regular expression if every cell has the usual shape; else leave
    *sheet* untouched and return False (read_sheet's expat parser then reads it).

    About half the time of the expat loop on a large form. Conditions: UTF-8 with an
    unprefixed <worksheet> root, no comment, CDATA, DTD or carriage return anywhere (they
    change what text means), and as many matches as <c> and <mergeCell> elements.
    """
    root = _ROOT_RE.match(data)
    if not root or b"\r" in data or _marked(data, root.end()):
        return False
    # The work is counted before it is done; what the count cannot see (a <c> the regex
    # does not take) sends the part to read_sheet, which counts as it goes.
    n_cells = len(_CELL_START_RE.findall(data))
    n_rows = len(_ROW_START_RE.findall(data))
    n_links = _link_area(data)
    budget.spend("rows", n_rows, sheet.name)
    budget.spend("cells", n_cells + n_links, sheet.name)
    found = _CELL_RE.findall(data)  # unmatched groups are b"": every group that matches is not empty
    merges = _MERGE_RE.findall(data) if len(found) == n_cells else None
    if merges is None or len(merges) != len(_MERGE_START_RE.findall(data)):
        budget.rows -= n_rows  # read_sheet counts them again
        budget.cells -= n_cells + n_links
        return False
    ranges = [_range(ref.decode()) for ref in merges]
    budget.spend("merged", sum(range_area(*r) for r in ranges), sheet.name)
    sheet.cells.update(_found_cells(found, strings, formats, dates, durations, epoch))
    sheet.merged.extend(ranges)
    return True


def _marked(data: bytes, start: int) -> bool:
    """Whether *data* holds "<!" anywhere, or "<?" past its first 5 bytes (the declaration);
    "!" and "?" are rare in a sheet, so most parts are passed over by two memchr scans."""
    if b"!" in data and b"<!" in data:
        return True
    return data.find(b"<?", 5, start) >= 0 or (data.find(b"?", start) >= 0 and data.find(b"<?", max(start - 1, 5)) >= 0)


def _found_cells(found: list[tuple], strings: list[str], formats: list[str], dates: set[int],
                 durations: set[int], epoch: dt.datetime) -> dict:
    """The cells _CELL_RE found, each as read_sheet reads it; blanks are left out."""
    cells: dict = {}
    fmt_count = len(formats)
    cols: dict[bytes, int] = {}
    fmts: dict[bytes, str] = {}  # the s attribute → its number format, worked out once a sheet
    dated: dict[bytes, bool] = {}  # s attributes of date formats → whether a duration
    for letters, row, style, t, f, ftext, v, inline in found:
        fmt = fmts.get(style)
        if fmt is None:
            s = int(style) if style else 0
            fmt = fmts[style] = formats[s] if s < fmt_count else "General"
            if style and s in dates:  # a cell without s is not read as a date here (as before)
                dated[style] = s in durations
        if inline:  # <is><t>…</t></is>: the group holds its </t> too, so it is never empty
            if t != b"inlineStr":
                continue  # an <is> on another type: openpyxl ignores it too
            value = _unescape(inline[:-4])
            if len(value) > MAX_TEXT:
                value = value[:MAX_TEXT]
            if not value.strip():
                continue
        elif not v:
            if not f or t == b"str":
                continue  # no formula, or one whose stored result is the empty string
            value = Formula(_unescape(ftext) if ftext else "")  # no stored result (S109)
        elif t == b"s":
            value = strings[int(v)]
            if not value.strip():
                continue
        elif not t or t == b"n":
            value = float(v) if (b"." in v or b"E" in v or b"e" in v) else int(v)
            if style in dated:
                try:
                    value = from_excel(value, epoch, timedelta=dated[style])
                except (OverflowError, ValueError):
                    value = "#VALUE!"
        elif t == b"b":
            value = bool(int(v))
        elif t == b"inlineStr":
            continue  # a <v> without <is>: no value for openpyxl
        elif t == b"d":
            value = from_iso(_unescape(v))
        else:  # str, e
            value = xml_text(_unescape(v))
            if not value.strip():
                continue
        col = cols.get(letters)
        if col is None:
            col = cols[letters] = _col_index(letters.decode())
        r = int(row)
        if r > MAX_ROW:
            raise OutsideGrid(letters.decode() + row.decode())
        cells[(r, col)] = Cell(value, fmt)
    return cells


def _link_area(data: bytes) -> int:
    """The cells a sheet's hyperlinks cover: openpyxl's load makes a cell for each of them."""
    if b"<hyperlink" not in data:
        return 0
    return sum(_ref_area(ref.decode("utf-8", "replace")) for ref in _LINK_RE.findall(data))


def _ref_area(ref: str) -> int:
    total = 0
    for part in ref.split():
        try:
            total += range_area(*_range(part))
        except (ValueError, IndexError):
            total += 1
    return total


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8")
    if "&" not in text:
        return text
    import html  # the five XML entities and character references mean the same in HTML

    return html.unescape(text)


def _element_names(root: str) -> tuple[str, ...]:
    """The names read_sheet compares, with the prefix the root element uses (usually none)."""
    prefix = root[: root.index(":") + 1] if ":" in root else ""
    return tuple(prefix + n for n in ("c", "v", "is", "t", "rPh", "row", "mergeCell", "hyperlink", "f"))


def _add_merge(ref: str | None, merged: list, area: int, limits: Limits, sheet: str) -> int:
    """Record a <mergeCell>; returns the workbook's merged area so far, held to its limit."""
    if ref:
        box = _range(ref)
        area += range_area(*box)
        if area > limits.merged:
            raise OverLimit("merged", limits.merged, sheet)
        merged.append(box)
    return area


def _address(ref: str | None, row_no: int, implicit: int) -> tuple[int, int]:
    """(row, col) of a cell: its r attribute, or the implicit-th cell after the last one that
    had one (or from column 1 of its row); outside Excel's grid is refused."""
    if ref is None:
        row, col = row_no, implicit
    else:
        letters = ref.rstrip(_DIGITS)
        row, col = _row_index(ref[len(letters):]), _col_index(letters) + implicit
    if not (0 < row <= MAX_ROW and 0 < col <= MAX_COL):
        raise OutsideGrid(ref or f"R{row}C{col}")
    return row, col


def _row_number(r: str | None, previous: int) -> int:
    """A <row>'s number: its r attribute held to Excel's grid, else the one after *previous*."""
    if not r:
        return previous + 1
    try:
        row_no = int(r)
    except ValueError:
        row_no = int(float(r))
    if not 0 < row_no <= MAX_ROW:
        raise OutsideGrid(r)
    return row_no


def _typed_value(ctype: str, raw: str, style: int, strings: list[str], dates: set[int],
                 durations: set[int], epoch: dt.datetime):
    """A cell's <v> text as the value its type (and, for numbers, its date style) makes it."""
    if ctype == "n":
        value = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
        if style in dates:
            try:
                return from_excel(value, epoch, timedelta=style in durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return value
    if ctype == "s":
        return strings[int(raw)]
    if ctype == "b":
        return bool(int(raw))
    if ctype == "d":
        return from_iso(raw)
    return xml_text(raw)  # "str" (a formula's text result), "e" (an error code)


def _cell_value(ctype: str, raw: str | None, formula: list[str] | None, style: int, strings: list[str],
                dates: set[int], durations: set[int], epoch: dt.datetime):
    """A cell's value from its <v>/<is> text (*raw*, None without one) and its <f> text; None
    for a cell that holds nothing."""
    if ctype == "inlineStr" and raw is not None:
        value = xml_text(raw)
    elif raw:
        value = _typed_value(ctype, raw, style, strings, dates, durations, epoch)
    elif formula is not None and ctype != "str":  # t="str": the stored result is "" (a blank)
        return Formula("".join(formula))  # no stored result (S109)
    else:
        return None
    return None if type(value) is str and not value.strip() else value


# read_sheet is the hot loop of every check (a 10,000-row form is half a million elements), so
# it is written for speed: no namespace processing (names compared with the root's prefix),
# state in closure variables, one comparison per common element, and a cell's address and
# style worked out only once it holds a value (styled blanks in merged ranges are a third of a
# form's cells). Rare elements (rows, merges, links) go through small helpers.
def read_sheet(sheet: Sheet, source, strings: list[str], formats: list[str], dates: set[int],
               durations: set[int], epoch: dt.datetime, budget: Budget | None = None) -> None:
    """Fill *sheet* from a worksheet part (a binary file object), keeping non-blank cells.
    Every cell, row, merge and hyperlink counts against *budget* as it is met; every address
    is held to Excel's grid."""
    budget = budget or Budget()
    limits = budget.limits
    cell_room, row_room = limits.cells - budget.cells, limits.rows - budget.rows
    n_cells = n_rows = 0
    merged_area = budget.merged  # the workbook's merged area so far
    cells, merged, fmt_count = sheet.cells, sheet.merged, len(formats)
    # The element names, with the prefix of the root (usually none); set on the first element.
    C = V = IS = T = RPH = ROW = MERGE = LINK = F = None
    row_no = skip = 0
    ref = None  # the last cell's r attribute in this row (None before the first)
    implicit = 0  # cells since then without one: they follow it column by column
    ctype, style = "n", None
    # Where the parser is inside a cell: 0 outside a value, 1 in <v>, 2 after </v>,
    # 3 in <is>, 4 in <is>'s <t>, 5 after </is>, 6 in <f>; *formula* is the cell's <f> text
    where, buf, formula = 0, [], None
    p = new_parser(namespaces=False)

    def start(name, attrs):
        nonlocal C, V, IS, T, RPH, ROW, MERGE, LINK, F, row_no, skip, ref, implicit, ctype, style, where
        nonlocal n_cells, n_rows, merged_area, formula
        if name == C:
            n_cells += 1
            if n_cells > cell_room:
                raise OverLimit("cells", limits.cells, sheet.name)
            r = attrs.get("r")
            if r:
                ref, implicit = r, 0
            else:
                implicit += 1
            ctype = attrs.get("t", "n")
            style = attrs.get("s")
            where = 0
            formula = None
        elif name == V:
            where = 1
            buf.clear()
        elif name == ROW:
            n_rows += 1
            if n_rows > row_room:
                raise OverLimit("rows", limits.rows, sheet.name)
            row_no = _row_number(attrs.get("r"), row_no)
            ref, implicit = None, 0
        elif name == T and where == 3 and not skip:
            where = 4
        elif name == IS:
            where = 3
            buf.clear()
        elif name == RPH:
            skip += 1
        elif name == MERGE:
            merged_area = _add_merge(attrs.get("ref"), merged, merged_area, limits, sheet.name)
        elif name == LINK:
            n_cells += _ref_area(attrs.get("ref", ""))
            if n_cells > cell_room:
                raise OverLimit("cells", limits.cells, sheet.name)
        elif name == F:
            where, formula = 6, []
        elif C is None:  # the root: learn its prefix
            C, V, IS, T, RPH, ROW, MERGE, LINK, F = _element_names(name)

    def end(name):
        nonlocal skip, where
        if name == C:
            if where == 2 or where == 5 or formula is not None:
                _finish()
            where = 0
        elif name == F:
            where = 0 if where == 6 else where
        elif name == V and where == 1:
            where = 2
        elif name == T and where == 4:
            where = 3
        elif name == IS:
            where = 5
        elif name == RPH:
            skip -= 1

    def text(data):
        if where == 1 or where == 4:
            buf.append(data)
        elif where == 6:
            formula.append(data)

    def _finish():
        s = int(style) if style else 0
        raw = "".join(buf) if where == 2 or where == 5 else None
        value = _cell_value(ctype, raw, formula, s, strings, dates, durations, epoch)
        if value is not None:
            cells[_address(ref, row_no, implicit)] = Cell(value, formats[s] if s < fmt_count else "General")

    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    p.ParseFile(source)
    budget.cells += n_cells
    budget.rows += n_rows
    budget.merged = merged_area


def _range(ref: str) -> tuple[int, int, int, int]:
    """"B2:C5" → (2, 2, 5, 3): min_row, min_col, max_row, max_col."""
    first, _, last = ref.replace("$", "").partition(":")
    last = last or first
    out = []
    for a1 in (first, last):
        letters = a1.rstrip(_DIGITS)
        out.append((_row_index(a1[len(letters):]), _col_index(letters)))
    (r1, c1), (r2, c2) = out
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def read_xlsx(path: str, kind: str = "xlsx", budget: Budget | None = None) -> Book:
    """The Book of an xlsx/xlsm package. Raises OutsideGrid or OverLimit (the door names them)."""
    budget = budget or Budget()
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        types = parse_simple(zf.read("[Content_Types].xml"), {"Override", "Default"})
        wb_part = workbook_part(types)
        entries = parse_simple(zf.read(wb_part), {"sheet", "workbookPr"})
        date1904 = any(tag == "workbookPr" and a.get("date1904", "").lower() in ("1", "true")
                       for tag, a in entries)
        epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        rels = part_rels(zf, names, wb_part)
        ss_part = next((a.get("PartName", "").lstrip("/") for tag, a in types
                        if tag == "Override" and a.get("ContentType") == SHARED_STRINGS_TYPE), None)
        strings = read_shared_strings(zf.read(ss_part) if ss_part in names else None, budget)
        formats, dates, durations = read_styles(zf.read(STYLES_PART) if STYLES_PART in names else None, budget)
        book = Book(path=path, kind=kind)
        for tag, a in entries:
            if tag != "sheet":
                continue
            rid = a.get("id")  # r:id, namespace stripped
            if not rid or rid not in rels:
                continue
            target, rtype = rels[rid]
            if target not in names or "chartsheet" in rtype:
                continue  # openpyxl's worksheets skip both as well
            sheet = Sheet(a.get("name", ""))
            info = zf.getinfo(target)
            if info.file_size > FAST_PART_LIMIT or not _fast_cells(
                    sheet, zf.read(target), strings, formats, dates, durations, epoch, budget):
                with zf.open(target) as src:
                    read_sheet(sheet, src, strings, formats, dates, durations, epoch, budget)
            drop_covered(sheet)
            book.sheets.append(sheet)
        return book
