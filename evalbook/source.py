"""A workbook as plain cells: the one shape every read path produces.

The reader and the rules see only :class:`Book`, so the xlsx fast path, a full openpyxl load
and the legacy .xls path must give identical findings (a test runs the suite through each).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Cell values are raw Python values: str, int, float, bool, datetime/date or None.


@dataclass(slots=True)
class Cell:
    value: Any
    fmt: str = "General"


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    # (min_row, min_col, max_row, max_col), 1-based and inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def get(self, row: int, col: int) -> Cell | None:
        return self.cells.get((row, col))

    def value(self, row: int, col: int) -> Any:
        cell = self.cells.get((row, col))
        return None if cell is None else cell.value

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def rows(self) -> dict[int, dict[int, Cell]]:
        """Cells grouped by row, rows in order: the shape every scanner wants."""
        out: dict[int, dict[int, Cell]] = {}
        for (r, c), cell in sorted(self.cells.items()):
            out.setdefault(r, {})[c] = cell
        return out

    def merge_anchor(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, col), else the cell itself."""
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return r1, c1
        return row, col


@dataclass
class Book:
    path: str
    kind: str  # "xlsx", "xlsm" or "xls"
    sheets: list[Sheet] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def book_from_openpyxl(wb, path: str, kind: str = "xlsx") -> Book:
    """A Book from a workbook openpyxl loaded in normal mode (values as cached, i.e. data_only)."""
    book = Book(path=path, kind=kind)
    for ws in wb.worksheets:
        sheet = Sheet(ws.title)
        for (r, c), cell in ws._cells.items():
            if not _is_blank(cell.value):
                sheet.cells[(r, c)] = Cell(cell.value, cell.number_format or "General")
        sheet.merged = [
            (m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges
        ]
        book.sheets.append(sheet)
    return book


def read_xlsx(path: str, kind: str = "xlsx") -> Book:
    """The fast path: stream each sheet's XML once, keeping values, number formats and merges.

    openpyxl's normal load spends most of its time styling merged cells, and its read-only
    mode drops merged ranges and trusts the declared sheet size; driving its sheet parser
    directly gives both the merges and every cell without either cost.
    """
    import openpyxl
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        styles = wb._cell_styles
        custom = wb._number_formats
        fmt_cache: dict[int, str] = {}

        def fmt_of(style_id: int) -> str:
            f = fmt_cache.get(style_id)
            if f is None:
                try:
                    num_id = styles[style_id].numFmtId
                except IndexError:
                    num_id = 0
                if num_id < BUILTIN_FORMATS_MAX_SIZE:
                    f = BUILTIN_FORMATS.get(num_id, "General")
                else:
                    try:
                        f = custom[num_id - BUILTIN_FORMATS_MAX_SIZE]
                    except IndexError:
                        f = "General"
                fmt_cache[style_id] = f
            return f

        book = Book(path=path, kind=kind)
        for ws in wb.worksheets:
            sheet = Sheet(ws.title)
            if not hasattr(ws, "_get_source"):  # chartsheets have no cells
                book.sheets.append(sheet)
                continue
            with ws._get_source() as src:
                parser = WorkSheetParser(
                    src,
                    ws._shared_strings,
                    data_only=True,
                    epoch=wb.epoch,
                    date_formats=wb._date_formats,
                    timedelta_formats=wb._timedelta_formats,
                )
                cells = sheet.cells
                for _idx, row in parser.parse():
                    for c in row:
                        v = c["value"]
                        if v is None or (type(v) is str and not v.strip()):
                            continue
                        cells[(c["row"], c["column"])] = Cell(v, fmt_of(c["style_id"]))
                merged = getattr(parser, "merged_cells", None)
                if merged is not None:
                    from openpyxl.utils.cell import range_boundaries

                    for m in merged.mergeCell:
                        c1, r1, c2, r2 = range_boundaries(m.ref)
                        sheet.merged.append((r1, c1, r2, c2))
            book.sheets.append(sheet)
        return book
    finally:
        wb.close()


def read_xls(path: str) -> Book:
    """Legacy .xls through xlrd, into the same Book (formatting_info gives merges and formats)."""

    import io

    import xlrd

    # xlrd logs to sys.stdout as it was at import; that stream carries --format json.
    wbk = xlrd.open_workbook(path, formatting_info=True, on_demand=True, logfile=io.StringIO())
    try:
        book = Book(path=path, kind="xls")
        for idx in range(wbk.nsheets):
            sh = wbk.sheet_by_index(idx)
            sheet = Sheet(sh.name)
            for r in range(sh.nrows):
                for c in range(sh.ncols):
                    xc = sh.cell(r, c)
                    if xc.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    fmt = "General"
                    try:
                        xf = wbk.xf_list[xc.xf_index]
                        fmt = wbk.format_map[xf.format_key].format_str or "General"
                    except (IndexError, KeyError, TypeError, AttributeError):
                        pass
                    v = xc.value
                    if xc.ctype == xlrd.XL_CELL_DATE:
                        try:
                            v = xlrd.xldate.xldate_as_datetime(v, wbk.datemode)
                        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                            pass
                    elif xc.ctype == xlrd.XL_CELL_BOOLEAN:
                        v = bool(v)
                    elif xc.ctype == xlrd.XL_CELL_ERROR:
                        v = xlrd.error_text_from_code.get(v, "#ERR")
                    elif xc.ctype == xlrd.XL_CELL_NUMBER and float(v).is_integer():
                        v = int(v)
                    if _is_blank(v):
                        continue
                    sheet.cells[(r + 1, c + 1)] = Cell(v, fmt)
            sheet.merged = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells]
            book.sheets.append(sheet)
            wbk.unload_sheet(idx)
        return book
    finally:
        wbk.release_resources()
