"""The xlsx fast path: each part parsed once with expat, straight into a Book.

openpyxl's normal load spends most of its time styling the cells of merged ranges, its
read-only mode drops merged ranges, and importing openpyxl at all costs more than a small
form's whole check (it pulls in numpy when numpy is installed). A check needs only values,
number formats and merges, so this module reads exactly those from the package, with the
meaning openpyxl gives them (data_only): cached values of formulas, shared and inline
strings without their phonetic runs, numbers as int or float, date-formatted numbers as
datetimes in the workbook's epoch, booleans, error codes as text. tests/test_read_paths.py
holds the rule suite to identical findings through this path and openpyxl's.

The guard has already bounded the zip's sizes and refused DTDs before anything gets here;
the parser refuses a DOCTYPE anyway, so no entity can expand even if the guard is bypassed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from xml.parsers import expat

from evalbook.files.book import (MAX_COL, MAX_ROW, MAX_TEXT, Book, Budget, Cell, OutsideGrid, OverLimit, Sheet,
                                 check_range, drop_covered, range_area)

MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
           "http://purl.oclc.org/ooxml/spreadsheetml/main")
REL_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "http://purl.oclc.org/ooxml/officeDocument/relationships")
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
STYLES_PART = "xl/styles.xml"  # where openpyxl looks, whatever the relationships say

# Excel's built-in number formats (ECMA-376 18.8.30), as openpyxl names them.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}

# Which formats make a number a date or a duration: openpyxl's tests, so both paths agree.
_STRIP_RE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_RE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA_RE = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_ISO_RE = re.compile(r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
                     r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})"
                     r"(?P<microsecond>\.\d{1,3})?)?)?Z?")

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
_DIGITS = "0123456789"


def is_date_format(fmt: str | None) -> bool:
    if fmt is None:
        return False
    return _DATE_RE.search(_STRIP_RE.sub("", fmt.split(";")[0])) is not None


def is_timedelta_format(fmt: str | None) -> bool:
    return fmt is not None and _TIMEDELTA_RE.search(fmt.split(";")[0]) is not None


def from_excel(value: float, epoch: dt.datetime, timedelta: bool = False):
    """An Excel serial as openpyxl gives it: datetime, time (below 1) or timedelta."""
    if timedelta:
        td = dt.timedelta(days=value)
        if td.microseconds:
            td = dt.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        mins, seconds = divmod(diff.seconds, 60)
        hours, mins = divmod(mins, 60)
        return dt.time(hours, mins, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel's phantom 1900-02-29
    return epoch + dt.timedelta(days=day) + diff


def _from_iso(text: str):
    m = _ISO_RE.match(text)
    if not (m and any(m.groups())):
        raise ValueError(f"invalid datetime {text!r}")
    p = m.groupdict(0)
    ints = {k: int(p[k]) for k in ("year", "month", "day", "hour", "minute", "second") if p[k]}
    micro = int(float(p["microsecond"]) * 1_000_000) if p["microsecond"] else 0
    if not p["date"]:
        return dt.time(ints.get("hour", 0), ints.get("minute", 0), ints.get("second", 0), micro)
    if not p["time"]:
        return dt.date(ints["year"], ints["month"], ints["day"])
    return dt.datetime(ints["year"], ints["month"], ints["day"], ints.get("hour", 0), ints.get("minute", 0),
                       ints.get("second", 0), micro)


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


def _text(value: str) -> str:
    """Cell text as Excel can hold it: at most 32,767 characters (longer is cut, so a 100 MiB
    string costs the reader nothing beyond its bytes)."""
    return value[:MAX_TEXT] if len(value) > MAX_TEXT else value


def _parser(namespaces: bool = True) -> expat.XMLParserType:
    """An expat parser that refuses any DTD; with *namespaces*, names read "namespace local"."""
    p = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    p.buffer_text = True

    def refuse(*_):
        # As openpyxl reports it (a ValueError caused by defusedxml), so the guard names it.
        from defusedxml import DTDForbidden

        raise ValueError("a DTD in a workbook part") from DTDForbidden(None, None, None)

    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    return p


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


# --- package: content types, workbook, relationships --------------------------------------


def _parse_simple(data: bytes, wanted: set[str]) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes) of every element named in *wanted*, in document order."""
    out: list[tuple[str, dict[str, str]]] = []
    p = _parser()

    def start(name, attrs):
        local = _local(name)
        if local in wanted:
            out.append((local, {_local(k): v for k, v in attrs.items()}))

    p.StartElementHandler = start
    p.Parse(data, True)
    return out


def _rels(zf: zipfile.ZipFile, names: set[str], part: str) -> dict[str, tuple[str, str]]:
    """rId → (absolute target, type) for *part*, resolved as openpyxl does."""
    folder, base = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    if rels_path not in names:
        return {}
    out = {}
    for _, a in _parse_simple(zf.read(rels_path), {"Relationship"}):
        target = a.get("Target", "")
        if a.get("TargetMode") != "External":
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[a.get("Id", "")] = (target, a.get("Type", ""))
    return out


def _workbook_part(types: list[tuple[str, dict[str, str]]]) -> str:
    overrides = {a.get("ContentType"): a.get("PartName", "") for tag, a in types if tag == "Override"}
    for ctype in WORKBOOK_TYPES:
        if ctype in overrides:
            return overrides[ctype].lstrip("/")
    return "xl/workbook.xml"  # a writer that made the workbook type the .xml default


# --- styles and shared strings -------------------------------------------------------------


def read_styles(data: bytes | None, budget: Budget | None = None) -> tuple[list[str], set[int], set[int]]:
    """Per cell style index: its number format; and which indexes are date / duration formats."""
    if data is None:
        return [], set(), set()
    cap = (budget or Budget()).limits.styles
    custom: dict[int, str] = {}
    xf_ids: list[int] = []
    depth = {"cellXfs": 0}
    p = _parser()

    def start(name, attrs):
        local = _local(name)
        if local == "numFmt":
            if len(custom) >= cap:
                raise OverLimit("styles", cap)
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif local == "cellXfs":
            depth["cellXfs"] += 1
        elif local == "xf" and depth["cellXfs"]:
            if len(xf_ids) >= cap:
                raise OverLimit("styles", cap)
            try:
                xf_ids.append(int(attrs.get("numFmtId", 0)))
            except ValueError:
                xf_ids.append(0)

    def end(name):
        if _local(name) == "cellXfs":
            depth["cellXfs"] -= 1

    p.StartElementHandler, p.EndElementHandler = start, end
    p.Parse(data, True)
    formats: list[str] = []
    dates: set[int] = set()
    durations: set[int] = set()
    for idx, num_id in enumerate(xf_ids):
        fmt = custom[num_id] if num_id in custom else BUILTIN_FORMATS.get(num_id)
        formats.append(fmt or "General")
        if is_date_format(fmt):
            dates.add(idx)
        if is_timedelta_format(fmt):
            durations.add(idx)
    return formats, dates, durations


class _TextCollector:
    """The plain text of <si> or <is>: its <t> and its runs' <t>, never the phonetic <rPh>."""

    __slots__ = ("parts", "in_t", "skip")

    def __init__(self):
        self.parts: list[str] = []
        self.in_t = False
        self.skip = 0


def read_shared_strings(data: bytes | None, budget: Budget | None = None) -> list[str]:
    if data is None:
        return []
    cap = (budget or Budget()).limits.strings
    strings: list[str] = []
    tc = _TextCollector()
    p = _parser()

    def start(name, attrs):
        local = name[name.rfind(" ") + 1:]
        if local == "t":
            tc.in_t = not tc.skip
        elif local == "si":
            tc.parts = []
        elif local == "rPh":
            tc.skip += 1

    def end(name):
        local = name[name.rfind(" ") + 1:]
        if local == "t":
            tc.in_t = False
        elif local == "si":
            if len(strings) >= cap:
                raise OverLimit("strings", cap)
            strings.append(_text("".join(tc.parts).replace("x005F_", "")))
        elif local == "rPh":
            tc.skip -= 1

    def text(data):
        if tc.in_t:
            tc.parts.append(data)

    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    p.Parse(data, True)
    return strings


# --- worksheets ------------------------------------------------------------------------------


# The cells of a worksheet as Excel, WPS, LibreOffice, xlsxwriter and openpyxl write them:
# r, then s, then t; an optional formula; a value or a plain inline string. A match is a
# whole <c> element of exactly that shape, so a part whose every <c> matches means exactly
# what an XML parser would make of it (see _fast_cells for the conditions).
_CELL_RE = re.compile(
    rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]{1,6})")?(?: t="([a-zA-Z]{1,9})")?'
    rb'(?:\s*/>|>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?'
    rb'(?:<v>([^<]*)</v>|<v\s*/>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)?</c>)')
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
    if not _ROOT_RE.match(data) or b"<!" in data or b"\r" in data or b"<?" in data[5:]:
        return False
    # The work is counted before it is done; what the count cannot see (a <c> the regex
    # does not take) sends the part to read_sheet, which counts as it goes.
    n_cells = len(_CELL_START_RE.findall(data))
    n_rows = len(_ROW_START_RE.findall(data))
    n_links = _link_area(data)
    budget.spend("rows", n_rows, sheet.name)
    budget.spend("cells", n_cells + n_links, sheet.name)
    found = []
    for m in _CELL_RE.finditer(data):
        found.append(m.groups())
    merges = _MERGE_RE.findall(data) if len(found) == n_cells else None
    if merges is None or len(merges) != len(_MERGE_START_RE.findall(data)):
        budget.rows -= n_rows  # read_sheet counts them again
        budget.cells -= n_cells + n_links
        return False
    ranges = [_range(ref.decode()) for ref in merges]
    budget.spend("merged", sum(range_area(*r) for r in ranges), sheet.name)
    cells: dict = {}
    fmt_count = len(formats)
    cols: dict[bytes, int] = {}
    for letters, row, style, t, v, inline in found:
        if inline is not None:
            if t != b"inlineStr":
                continue  # an <is> on another type: openpyxl ignores it too
            value = _unescape(inline)
            if len(value) > MAX_TEXT:
                value = value[:MAX_TEXT]
        else:
            if not v:
                continue
            if t is None or t == b"n":
                value = float(v) if (b"." in v or b"E" in v or b"e" in v) else int(v)
                if style is not None and int(style) in dates:
                    try:
                        value = from_excel(value, epoch, timedelta=int(style) in durations)
                    except (OverflowError, ValueError):
                        value = "#VALUE!"
            elif t == b"s":
                value = strings[int(v)]
            elif t == b"b":
                value = bool(int(v))
            elif t == b"inlineStr":
                continue  # a <v> without <is>: no value for openpyxl
            elif t == b"d":
                value = _from_iso(_unescape(v))
            else:  # str, e
                value = _text(_unescape(v))
        if type(value) is str and not value.strip():
            continue
        col = cols.get(letters)
        if col is None:
            col = cols[letters] = _col_index(letters.decode())
        s = int(style) if style is not None else 0
        r = int(row)
        if r > MAX_ROW:
            raise OutsideGrid(letters.decode() + row.decode())
        cells[(r, col)] = Cell(value, formats[s] if s < fmt_count else "General")
    sheet.cells.update(cells)
    sheet.merged.extend(ranges)
    return True


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


def read_sheet(sheet: Sheet, source, strings: list[str], formats: list[str], dates: set[int],
               durations: set[int], epoch: dt.datetime, budget: Budget | None = None) -> None:
    """Fill *sheet* from a worksheet part (a binary file object), keeping non-blank cells.

    This is the hot loop of every check (a 10,000-row form is half a million elements), so
    it is written for speed: no namespace processing (names are compared with the prefix
    the root element uses), state in closure variables, one comparison per common element,
    and a cell's address and style are only worked out once it turns out to hold a value
    (the styled blanks inside merged ranges are a third of a form's cells).

    Every cell, row, merged range and hyperlink is counted against *budget* as it is met, so
    a part that asks for too much stops early; every address is held to Excel's grid.
    """
    budget = budget or Budget()
    limits = budget.limits
    cell_room = limits.cells - budget.cells
    row_room = limits.rows - budget.rows
    merge_room = limits.merged - budget.merged
    n_cells = n_rows = n_merged = 0
    cells = sheet.cells
    merged = sheet.merged
    fmt_count = len(formats)
    # The element names, with the prefix of the root (usually none); set on the first element.
    C = V = IS = T = RPH = ROW = MERGE = LINK = None
    row_no = skip = 0
    ref = None  # the last cell's r attribute in this row (None before the first)
    implicit = 0  # cells since then without one: they follow it column by column
    ctype = "n"
    style = None
    # Where the parser is inside a cell: 0 outside a value, 1 in <v>, 2 after </v>,
    # 3 in <is>, 4 in <is>'s <t>, 5 after </is>
    where = 0
    buf: list[str] = []
    p = _parser(namespaces=False)

    def start(name, attrs):
        nonlocal C, V, IS, T, RPH, ROW, MERGE, LINK, row_no, skip, ref, implicit, ctype, style, where
        nonlocal n_cells, n_rows, n_merged
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
        elif name == V:
            where = 1
            buf.clear()
        elif name == ROW:
            n_rows += 1
            if n_rows > row_room:
                raise OverLimit("rows", limits.rows, sheet.name)
            rr = attrs.get("r")
            if rr:
                try:
                    row_no = int(rr)
                except ValueError:
                    row_no = int(float(rr))
                if not 0 < row_no <= MAX_ROW:
                    raise OutsideGrid(rr)
            else:
                row_no += 1
            ref, implicit = None, 0
        elif name == T:
            if where == 3 and not skip:
                where = 4
        elif name == IS:
            where = 3
            buf.clear()
        elif name == RPH:
            skip += 1
        elif name == MERGE:
            rng = attrs.get("ref")
            if rng:
                box = _range(rng)
                n_merged += range_area(*box)
                if n_merged > merge_room:
                    raise OverLimit("merged", limits.merged, sheet.name)
                merged.append(box)
        elif name == LINK:
            n_cells += _ref_area(attrs.get("ref", ""))
            if n_cells > cell_room:
                raise OverLimit("cells", limits.cells, sheet.name)
        elif C is None:  # the root: learn its prefix
            prefix = name[: name.index(":") + 1] if ":" in name else ""
            C, V, IS, T, RPH, ROW, MERGE, LINK = (
                prefix + n for n in ("c", "v", "is", "t", "rPh", "row", "mergeCell", "hyperlink"))

    def end(name):
        nonlocal skip, where
        if name == C:
            if where == 2 or where == 5:
                _finish()
            where = 0
        elif name == V:
            if where == 1:
                where = 2
        elif name == T:
            if where == 4:
                where = 3
        elif name == IS:
            where = 5
        elif name == RPH:
            skip -= 1

    def text(data):
        if where == 1 or where == 4:
            buf.append(data)

    def _finish():
        t = ctype
        s = int(style) if style else 0
        if t == "inlineStr":
            value = _text("".join(buf))
        else:
            raw = "".join(buf)
            if not raw:
                return
            if t == "n":
                value = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
                if s in dates:
                    try:
                        value = from_excel(value, epoch, timedelta=s in durations)
                    except (OverflowError, ValueError):
                        value = "#VALUE!"
            elif t == "s":
                value = strings[int(raw)]
            elif t == "b":
                value = bool(int(raw))
            elif t == "d":
                value = _from_iso(raw)
            else:  # "str" (a formula's text result), "e" (an error code)
                value = _text(raw)
        if type(value) is str and not value.strip():
            return
        if ref is None:
            row, col = row_no, implicit
        else:
            letters = ref.rstrip(_DIGITS)
            row, col = _row_index(ref[len(letters):]), _col_index(letters) + implicit
        if not (0 < row <= MAX_ROW and 0 < col <= MAX_COL):
            raise OutsideGrid(ref or f"R{row}C{col}")
        cells[(row, col)] = Cell(value, formats[s] if s < fmt_count else "General")

    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    p.ParseFile(source)
    budget.cells += n_cells
    budget.rows += n_rows
    budget.merged += n_merged


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
        types = _parse_simple(zf.read("[Content_Types].xml"), {"Override", "Default"})
        wb_part = _workbook_part(types)
        entries = _parse_simple(zf.read(wb_part), {"sheet", "workbookPr"})
        date1904 = any(tag == "workbookPr" and a.get("date1904", "").lower() in ("1", "true")
                       for tag, a in entries)
        epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        rels = _rels(zf, names, wb_part)
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
