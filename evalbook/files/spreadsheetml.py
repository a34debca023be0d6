"""An "xls" that is Excel 2003 XML (SpreadsheetML): what many web systems export under an .xls
name, and what Excel and WPS open as a workbook of several sheets.

Read in one streaming pass with expat set up to refuse any DTD (as for every xlsx part), into
the same :class:`Book`: each ``<Worksheet ss:Name>`` a sheet; ``<Row ss:Index>`` and
``<Cell ss:Index>`` place cells; ``ss:MergeAcross`` / ``ss:MergeDown`` are merged ranges;
``<Data ss:Type>`` gives the value's type; a cell's ``ss:StyleID`` (else its row's, else its
column's) names a ``<Style>`` whose ``<NumberFormat ss:Format>`` (named formats such as
``Percent`` spelled out) is the cell's number format, inherited through ``ss:Parent``. Every
row, cell, merged area and style is counted against the same Budget as an xlsx.
"""

from __future__ import annotations

from evalbook.files.book import (MAX_TEXT, Book, Budget, Cell, OutsideGrid, OverLimit, Sheet, check_range, drop_covered,
                                 is_blank_value, sheet_title)
from evalbook.files.xlsx_parts import from_iso, new_parser

SS_NS = "urn:schemas-microsoft-com:office:spreadsheet"
MiB = 1024 * 1024
MAX_BYTES = 64 * MiB  # streamed; a 10,000-row form is about 10 MB
# Every element costs a call, whatever it is: up to this many times the cell limit (a cell is
# two elements, <Cell> and <Data>).
ELEMENTS_PER_CELL = 3
CHUNK = 1 * MiB

# Excel 2003's named number formats, as it writes them in ss:Format.
NAMED_FORMATS = {"General": "General", "General Number": "General", "Fixed": "0.00", "Standard": "#,##0.00",
                 "Percent": "0.00%", "Scientific": "0.00E+00", "General Date": "yyyy/m/d h:mm",
                 "Short Date": "yyyy/m/d", "Medium Date": "dd-mmm-yy", "Long Date": "yyyy年m月d日",
                 "Short Time": "h:mm", "Medium Time": "h:mm AM/PM", "Long Time": "h:mm:ss",
                 "Currency": "¥#,##0.00", "Euro Currency": "€#,##0.00", "Yes/No": "General",
                 "True/False": "General", "On/Off": "General"}


class NotSpreadsheetML(ValueError):
    """XML that is not an Excel 2003 workbook (the door names it)."""


def _index(text: str | None, ref: str) -> int:
    try:
        n = int(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise OutsideGrid(ref) from None
    return n


class _Reader:
    """The parser's handlers and state: one pass over the document."""

    def __init__(self, path: str, budget: Budget):
        self.book = Book(path=path, kind="spreadsheetml")
        self.budget = budget
        self.styles: dict[str, tuple[str | None, str | None]] = {}  # ID → (format, parent)
        self.style_id: str | None = None
        self.sheet: Sheet | None = None
        self.columns: dict[int, str] = {}
        self.col_cursor = 0
        self.row = 0
        self.row_style: str | None = None
        self.col = 0
        self.cell: dict | None = None
        self.data: list[str] | None = None
        self.size = 0
        self.root_seen = False
        self.comment = 0
        self.elements = 0
        self.max_elements = ELEMENTS_PER_CELL * budget.limits.cells

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise OverLimit("cells", self.budget.limits.cells, self.sheet.name if self.sheet else "")
        ns, _, local = name.rpartition(" ")
        if not self.root_seen:
            self.root_seen = True
            if local != "Workbook" or ns != SS_NS:
                raise NotSpreadsheetML(local)
        if self.data is not None:  # rich text inside <ss:Data>: its text counts, its tags do not
            return
        if ns != SS_NS:
            return
        a = {k.rpartition(" ")[2]: v for k, v in attrs.items()}
        if local == "Cell":
            self._cell(a)
        elif local == "Data" and self.cell is not None and not self.comment:
            self.cell["type"] = a.get("Type", "String")
            self.data, self.size = [], 0
        elif local == "Row" and self.sheet is not None:
            self._row(a)
        elif local == "Comment":
            self.comment += 1
        elif local == "Column" and self.sheet is not None:
            self._column(a)
        elif local == "Worksheet":
            self._worksheet(a)
        elif local == "Style":
            self.style_id = a.get("ID")
            if self.style_id is not None:
                self.budget.spend("cells", 1)  # a style costs what a cell does: bounded with them
                self.styles[self.style_id] = (None, a.get("Parent"))
        elif local == "NumberFormat" and self.style_id is not None:
            fmt = a.get("Format")
            if fmt is not None:
                self.styles[self.style_id] = (NAMED_FORMATS.get(fmt, fmt), self.styles[self.style_id][1])

    def end(self, name: str) -> None:
        ns, _, local = name.rpartition(" ")
        if ns != SS_NS:
            return
        if local == "Data" and self.data is not None:
            self.cell["raw"] = "".join(self.data)
            self.data = None
        elif local == "Cell" and self.cell is not None:
            self._put(self.cell)
            self.cell = None
        elif local == "Comment":
            self.comment = max(self.comment - 1, 0)
        elif local == "Style":
            self.style_id = None
        elif local == "Worksheet" and self.sheet is not None:
            drop_covered(self.sheet)
            self.sheet = None

    def text(self, data: str) -> None:
        if self.data is not None and self.size <= MAX_TEXT:
            self.size += len(data)
            self.data.append(data)

    # --- elements -----------------------------------------------------------------------
    def _worksheet(self, a: dict[str, str]) -> None:
        taken = {s.name for s in self.book.sheets}
        self.sheet = Sheet(sheet_title(a.get("Name") or f"Sheet{len(self.book.sheets) + 1}", taken))
        self.book.sheets.append(self.sheet)
        self.columns, self.col_cursor, self.row = {}, 0, 0

    def _column(self, a: dict[str, str]) -> None:
        c = _index(a["Index"], "Column ss:Index") if "Index" in a else self.col_cursor + 1
        span = _index(a.get("Span", "0"), "Column ss:Span")
        check_range(1, c, 1, c + max(span, 0))
        self.budget.spend("cells", span + 1, self.sheet.name)
        style = a.get("StyleID")
        if style is not None:
            for col in range(c, c + span + 1):
                self.columns[col] = style
        self.col_cursor = c + max(span, 0)

    def _row(self, a: dict[str, str]) -> None:
        r = _index(a["Index"], "Row ss:Index") if "Index" in a else self.row + 1
        check_range(r, 1, r, 1)
        self.budget.spend("rows", 1, self.sheet.name)
        self.row, self.col, self.row_style = r, 0, a.get("StyleID")

    def _cell(self, a: dict[str, str]) -> None:
        if self.sheet is None or self.row == 0:
            return
        c = _index(a["Index"], "Cell ss:Index") if "Index" in a else self.col + 1
        across = _index(a.get("MergeAcross", "0"), "ss:MergeAcross")
        down = _index(a.get("MergeDown", "0"), "ss:MergeDown")
        r1, c1, r2, c2 = check_range(self.row, c, self.row + max(down, 0), c + max(across, 0))
        self.budget.spend("cells", 1, self.sheet.name)
        if (r1, c1) != (r2, c2):
            self.budget.spend("merged", (r2 - r1 + 1) * (c2 - c1 + 1), self.sheet.name)
            self.sheet.merged.append((r1, c1, r2, c2))
        self.col = c2
        style = a.get("StyleID") or self.row_style or self.columns.get(c)
        self.cell = {"at": (r1, c1), "style": style, "type": None, "raw": None}

    def _format(self, style: str | None) -> str:
        seen = 0
        while style is not None and seen < 64:  # a Parent loop ends here
            fmt, parent = self.styles.get(style, (None, None))
            if fmt is not None:
                return fmt
            style, seen = parent, seen + 1
        return "General"

    def _put(self, cell: dict) -> None:
        raw = cell["raw"]
        if raw is None:
            return
        fmt = self._format(cell["style"])
        value = _value(cell["type"], raw[:MAX_TEXT])
        if not is_blank_value(value):
            self.sheet.cells[cell["at"]] = Cell(value, fmt)


def _value(kind: str, raw: str):
    if kind == "Number":
        try:
            value = float(raw.strip())
        except ValueError:
            return raw
        if value != value or value in (float("inf"), float("-inf")):
            return raw.strip()
        if value.is_integer() and abs(value) < 2 ** 53:
            return int(value)
        return value
    if kind == "DateTime":
        try:
            return from_iso(raw.strip())
        except (ValueError, OverflowError):
            return raw
    if kind == "Boolean":
        return raw.strip() not in ("0", "", "false", "FALSE")
    return raw  # String, Error ("#N/A"), anything else


def read_spreadsheetml(path: str, budget: Budget | None = None) -> Book:
    """The Excel 2003 XML workbook at *path* as a Book; NotSpreadsheetML for other XML."""
    reader = _Reader(path, budget or Budget())
    p = new_parser(namespaces=True)
    p.StartElementHandler = reader.start
    p.EndElementHandler = reader.end
    p.CharacterDataHandler = reader.text
    read = 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            read += len(chunk)
            if read > MAX_BYTES:
                raise MemoryError("SpreadsheetML too large")
            p.Parse(chunk, not chunk)
            if not chunk:
                break
    if not reader.book.sheets:
        raise NotSpreadsheetML("no Worksheet")
    return reader.book
