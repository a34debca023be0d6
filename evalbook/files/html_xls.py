"""An "xls" that is a web page: the HTML table many web systems export under an .xls name.

Excel, WPS and LibreOffice open such a file as one sheet: the page's text blocks and its
tables, one under the other, each table cell where its row and column spans put it. This
reader lays the page out the same way into a :class:`Book` of one sheet, so a finding's cell
is the cell the officer sees when opening the file. Numbers are taken as the spreadsheet
programs take them: a cell reading ``12.50``, ``1,000`` or ``85%`` is a number (Excel's own
HTML keeps the raw value in ``x:num``), a cell marked as text (``x:str``,
``mso-number-format:"\\@"``) stays text, and ``100万元`` is text, as it is in Excel.

The parser is the standard library's :mod:`html.parser`: a tokenizer that never builds a tree
(a page of 100,000 nested tags costs no recursion), resolves no external entities and needs no
new dependency; the table layout (implicit ``</td>``, ``</tr>``, spans) is done here. The page
is bounded before it is parsed (:data:`MAX_BYTES`) and every row, cell and merged area is
counted against the same :class:`~evalbook.files.book.Budget` as an xlsx.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from html.parser import HTMLParser

from evalbook.files.book import (MAX_TEXT, Book, Budget, Cell, OverLimit, Sheet, check_range, drop_covered, sheet_title,
                                 is_blank_value)

MiB = 1024 * 1024
# A 10,000-row form exported as HTML is about 5 MB; the page is parsed from memory.
MAX_BYTES = 32 * MiB
# Parsing in pieces of this size, a tag or comment left open for more than MAX_PENDING
# characters is refused: html.parser scans an open tag again on every piece it is fed, and
# matching one tag of a million attributes costs it hundreds of megabytes. A script or style
# block (buffered whole until it ends, but scanned only for "</") may run to MAX_SCRIPT.
FEED = 64 * 1024
MAX_PENDING = 256 * 1024
MAX_SCRIPT = 4 * MiB
# html.parser's work is one call per tag or text run, whatever the page holds (a page of
# 5,000,000 <div>s, or of "<" after "<"): each counts, up to EVENTS_PER_CELL times the cell
# limit (a real form is about 4 calls a cell, its white space between tags included).
EVENTS_PER_CELL = 2
# Tables nested deeper than this are read as text of the cell around them.
MAX_TABLE_DEPTH = 32
# The HTML standard's caps on spans (colspan 1000, rowspan 65534).
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
SHEET_NAME = "Sheet1"  # what LibreOffice names the sheet; Excel's own export says x:Name

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
# WHATWG encoding labels: the GB family decodes as GB18030, its superset.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "csgb2312": "gb18030", "chinese": "gb18030", "iso-ir-58": "gb18030", "big5-hkscs": "big5hkscs",
            "x-user-defined": "cp1252", "unicode": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}
_CLASS_RULE = re.compile(r"\.([A-Za-z0-9_-]+)\s*\{([^}]*)\}")
_NUMBER_FORMAT = re.compile(r"mso-number-format\s*:\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^;]+)", re.I)
_SHEET_NAME = re.compile(r"<x:Name>([^<]{1,31})</x:Name>", re.I)
# Excel's reading of typed text: sign, digits with thousands commas, decimals, exponent, percent.
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d*)?([eE][+-]?\d{1,3})?(%?)$")
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_NAMED_FORMATS = {"percent": "0.00%", "fixed": "0.00", "standard": "#,##0.00", "general number": "General",
                  "general": "General", "short date": "yyyy/m/d", "medium date": "dd-mmm-yy",
                  "long date": "yyyy年m月d日", "scientific": "0.00E+00"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "pre",
           "blockquote", "center", "form", "section", "article", "header", "footer", "address", "hr",
           "caption"}
_SKIPPED = {"script", "style", "title", "template", "xml"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "param", "source"}


def decode_page(data: bytes) -> str:
    """The page's text: a BOM, else its <meta charset> (or XML declaration) in the first 4 KB,
    else UTF-8 when it is valid UTF-8, else GB18030 (Chinese web systems write GBK)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if found:
        label = found.group(1).decode("ascii").lower()
        enc = _ALIASES.get(label, label)
        try:
            codecs.lookup(enc)
        except LookupError:
            enc = None
        # A page that declares UTF-16 in ASCII bytes cannot be UTF-16: browsers read it as UTF-8.
        if enc and not enc.startswith("utf-16"):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def number_format(style: str | None) -> str | None:
    """The mso-number-format in a style declaration, unescaped; None when there is none."""
    if not style or "mso-number-format" not in style.lower():
        return None
    m = _NUMBER_FORMAT.search(style)
    if not m:
        return None
    raw = m.group(1).strip()
    if raw[:1] in "\"'" and raw[-1:] == raw[:1] and len(raw) >= 2:
        raw = raw[1:-1]
    fmt = re.sub(r"\\(.)", r"\1", raw).strip()
    return _NAMED_FORMATS.get(fmt.lower(), fmt) or None


def typed_value(text: str, fmt: str | None, raw: str | None):
    """(value, number format) of a cell's text as Excel types it on opening the page."""
    if fmt == "@":
        return text, "@"
    if raw is not None:  # Excel's own export: x:num holds the value, the text is how it shows
        got = _number(raw.strip() or text)
        if got is not None:
            return got[0], fmt or got[1]
    got = _number(text)
    if got is not None:
        return got[0], fmt or got[1]
    m = _DATE.match(text)
    if m:
        try:
            return dt.datetime(int(m[1]), int(m[2]), int(m[3])), fmt or "yyyy-mm-dd"
        except ValueError:
            pass
    return text, fmt or "General"


def _number(text: str):
    m = _NUMBER.match(text)
    if not m or not (m[2] or (m[3] and len(m[3]) > 1)):
        return None
    sign, whole, frac, exp, pct = m.groups()
    digits = (whole or "0").replace(",", "")
    if len(digits.lstrip("0")) > 15:  # past Excel's 15 digits: an ID, not an amount
        return None
    if not frac and not exp and not pct:
        value = int(sign + digits)
    else:
        value = float(sign + digits + (frac or "") + (exp or ""))
        if pct:
            value = value / 100
        if value != value or value in (float("inf"), float("-inf")):
            return None
        if not pct and value.is_integer() and abs(value) < 2 ** 53:
            value = int(value)
    places = len(frac) - 1 if frac else 0
    if pct:
        fmt = "0%" if not places else "0." + "0" * min(places, 10) + "%"
    elif "," in (whole or ""):
        fmt = "#,##0" if not places else "#,##0." + "0" * min(places, 10)
    else:
        fmt = "General"
    return value, fmt


class _Page(HTMLParser):
    """The page as one sheet: text blocks and tables in document order."""

    def __init__(self, budget: Budget, sheet: Sheet):
        super().__init__(convert_charrefs=True)
        self.budget, self.sheet = budget, sheet
        self.next_row = 1  # the first sheet row nothing has been placed on
        self.tables: list[dict] = []  # open tables, innermost last
        self.cell: dict | None = None  # the open cell of the innermost table
        self.block: list[str] = []  # text outside any table, waiting for its row
        self.block_size = 0
        self.skip = 0  # inside script, style, head …
        self.class_formats: dict[str, str] = {}
        self.style_text: list[str] | None = None
        self.names: list[str] = []
        self.xml_text: list[str] | None = None
        self.deep = 0  # tables past MAX_TABLE_DEPTH, read as text
        self.found_table = False
        self.events = 0
        self.max_events = EVENTS_PER_CELL * budget.limits.cells

    def _count(self) -> None:
        self.events += 1
        if self.events > self.max_events:
            raise OverLimit("cells", self.budget.limits.cells, self.sheet.name)

    # --- tags ---------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._count()
        if tag in _SKIPPED:
            if tag == "style":
                self.style_text = []
            if tag == "xml":
                self.xml_text = []
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self._open_table()
        elif tag == "body":
            self._clear_block()  # text of a head left open
        elif tag in ("tr", "thead", "tbody", "tfoot") and self.tables and not self.deep:
            self._close_row()
        elif tag in ("td", "th") and self.tables and not self.deep:
            self._open_cell(dict(attrs))
        elif tag == "br":
            self._text("\n")
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in ("td", "th"):  # <td/>: an empty cell that still takes its place
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        elif tag not in _SKIPPED and tag != "table":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._count()
        if tag in _SKIPPED:
            if tag == "style" and self.style_text is not None:
                self._class_formats("".join(self.style_text))
                self.style_text = None
            if tag == "xml" and self.xml_text is not None:
                self.names += _SHEET_NAME.findall("".join(self.xml_text))
                self.xml_text = None
            self.skip = max(self.skip - 1, 0)
            return
        if self.skip:
            return
        if tag == "table":
            self._close_table()
        elif tag in ("tr", "thead", "tbody", "tfoot") and self.tables and not self.deep:
            self._close_row()
        elif tag in ("td", "th") and self.tables and not self.deep:
            self._close_cell()
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        self._count()
        if self.style_text is not None:
            self.style_text.append(data)
        elif self.xml_text is not None:
            self.xml_text.append(data)
        elif not self.skip:
            self._text(data)

    def handle_comment(self, data):
        self._count()
        # Excel's export hides its sheet names in <!--[if gte mso 9]><xml>…</xml><![endif]-->.
        if "x:Name" in data or "x:name" in data:
            self.names += _SHEET_NAME.findall(data)

    # --- text ---------------------------------------------------------------------------
    def _text(self, data: str) -> None:
        if self.cell is not None:
            if self.cell["size"] <= MAX_TEXT:
                self.cell["size"] += len(data)
                self.cell["text"].append(data)
        elif self.block_size <= MAX_TEXT:
            self.block_size += len(data)
            self.block.append(data)

    def _break(self) -> None:
        if self.cell is not None:
            self._text("\n")
        elif self.tables:
            self._clear_block()  # stray text between rows: browsers move it above the table
        else:
            self._flush_block()

    def _clear_block(self) -> None:
        self.block.clear()
        self.block_size = 0

    def _flush_block(self) -> None:
        text = _clean(self.block)
        self._clear_block()
        if text:
            self.budget.spend("rows", 1, self.sheet.name)
            self.budget.spend("cells", 1, self.sheet.name)
            check_range(self.next_row, 1, self.next_row, 1)
            self.sheet.cells[(self.next_row, 1)] = Cell(text)
            self.next_row += 1

    def _class_formats(self, css: str) -> None:
        for name, body in _CLASS_RULE.findall(css):
            fmt = number_format(body)
            if fmt:
                self.class_formats[name] = fmt

    # --- tables -------------------------------------------------------------------------
    def _open_table(self) -> None:
        if self.deep or len(self.tables) >= MAX_TABLE_DEPTH:
            self.deep += 1
            return
        if self.cell is None:
            self._flush_block()
        self.found_table = True
        # A nested table is laid out below what is placed so far (the row of the cell around it
        # included); that cell keeps its own text.
        last = self.next_row - 1
        if self.tables:
            outer = self.tables[-1]
            last = max(last, outer["row"] or 0, outer["last"])
        self.tables.append({"row": None, "col": 1, "down": {}, "last": last, "floor": last + 1,
                            "outer_cell": self.cell})
        self.cell = None

    def _close_table(self) -> None:
        if self.deep:
            self.deep -= 1
            return
        if not self.tables:
            return
        self._close_row()
        table = self.tables.pop()
        self.next_row = max(self.next_row, table["last"] + 1)
        self.cell = table["outer_cell"]
        if not self.tables:
            self._clear_block()  # text inside the table but in no cell
        if self.tables:  # the enclosing table's open row continues below the nested one
            outer = self.tables[-1]
            outer["last"] = max(outer["last"], table["last"])

    def _close_row(self) -> None:
        self._close_cell()
        table = self.tables[-1]
        if table["row"] is not None:
            table["last"] = max(table["last"], table["row"])
            self.next_row = max(self.next_row, table["row"] + 1)
            table["row"] = None

    def _open_cell(self, attrs: dict) -> None:
        self._close_cell()
        table = self.tables[-1]
        if table["row"] is None:
            table["row"] = max(self.next_row, table["floor"])
            table["col"] = 1
            self.budget.spend("rows", 1, self.sheet.name)
        self.budget.spend("cells", 1, self.sheet.name)
        self.cell = {"attrs": attrs, "text": [], "size": 0}

    def _close_cell(self) -> None:
        cell, self.cell = self.cell, None
        if cell is None:
            return
        table = self.tables[-1]
        r, down = table["row"], table["down"]
        c = table["col"]
        while down.get(c, 0) >= r:  # a cell spanning down from a row above holds this column
            c += 1
        attrs = cell["attrs"]
        cs = min(_span(attrs.get("colspan")), MAX_COLSPAN)
        rs = min(_span(attrs.get("rowspan")), MAX_ROWSPAN)
        r2, c2 = r + rs - 1, c + cs - 1
        check_range(r, c, r2, c2)
        table["col"] = c2 + 1
        if rs > 1:
            for col in range(c, c2 + 1):
                down[col] = max(down.get(col, 0), r2)
            table["last"] = max(table["last"], r2)
        if rs > 1 or cs > 1:
            self.budget.spend("merged", rs * cs, self.sheet.name)
            self.sheet.merged.append((r, c, r2, c2))
        if "display:none" in (attrs.get("style") or "").replace(" ", "").lower():
            return
        text = _clean(cell["text"])
        fmt = number_format(attrs.get("style"))
        if fmt is None:
            for name in (attrs.get("class") or "").split():
                fmt = self.class_formats.get(name) or fmt
        if "x:str" in attrs:
            value = attrs["x:str"] if attrs["x:str"] not in (None, "") else text
            self._put(r, c, value, fmt or "General")
            return
        value, fmt = typed_value(text, fmt, attrs.get("x:num") if "x:num" in attrs else None)
        self._put(r, c, value, fmt)

    def _put(self, r: int, c: int, value, fmt: str) -> None:
        if not is_blank_value(value):
            self.sheet.cells[(r, c)] = Cell(value, fmt)

    def finish(self) -> None:
        self.close()
        self.cell = None if not self.tables else self.cell
        while self.tables:
            self._close_table()
        self._flush_block()


def _span(text) -> int:
    try:
        n = int(str(text).strip().split(".")[0]) if text not in (None, "") else 1
    except ValueError:
        return 1
    return n if n > 0 else 1


def _clean(parts: list[str]) -> str:
    """HTML's white space: runs collapse to one space; <br> lines kept, each trimmed."""
    text = "".join(parts)
    if not text:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    out = "\n".join(line for line in lines if line)
    return out[:MAX_TEXT].replace("\xa0", " ").strip()


def read_html(path: str, budget: Budget | None = None) -> Book:
    """The page at *path* as a Book of one sheet. Raises NoTable when it holds no table."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise MemoryError("page too large")
    return read_html_text(decode_page(data), path, budget)


class NoTable(ValueError):
    """A web page with no table in it (the door names it: an export that failed)."""


def read_html_text(text: str, path: str = "", budget: Budget | None = None) -> Book:
    sheet = Sheet(SHEET_NAME)
    page = _Page(budget or Budget(), sheet)
    for at in range(0, len(text), FEED):
        page.feed(text[at:at + FEED])
        if len(page.rawdata) > (MAX_SCRIPT if page.cdata_elem else MAX_PENDING):
            raise ValueError("a tag or comment that does not end")
    page.finish()
    if not page.found_table:
        raise NoTable(path)
    if page.names:
        sheet.name = sheet_title(page.names[0].strip() or SHEET_NAME)
    drop_covered(sheet)
    return Book(path=path, kind="html", sheets=[sheet])
