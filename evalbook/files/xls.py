"""Legacy .xls workbooks, read through xlrd into the same Book every read path yields."""

from __future__ import annotations

import io

from evalbook.files.book import Book, Budget, Cell, Sheet, check_range, drop_covered, is_blank_value, range_area


def read_xls(path: str, budget: Budget | None = None) -> Book:
    """Legacy .xls through xlrd, into the same Book (formatting_info gives merges and formats).

    Rows are read ragged (as stored), so one cell at IV65536 costs one cell, not a padded
    16-million-cell grid; cells and merged areas are counted against *budget*."""
    import xlrd  # only .xls needs it: kept off the import path of every other check

    budget = budget or Budget()
    # xlrd logs to sys.stdout as it was at import; that stream carries --format json.
    wbk = xlrd.open_workbook(path, formatting_info=True, on_demand=True, ragged_rows=True,
                             logfile=io.StringIO())
    try:
        book = Book(path=path, kind="xls")
        for idx in range(wbk.nsheets):
            sh = wbk.sheet_by_index(idx)
            sheet = Sheet(sh.name)
            budget.spend("rows", sh.nrows, sh.name)
            budget.spend("cells", sum(sh.row_len(r) for r in range(sh.nrows)), sh.name)
            for r in range(sh.nrows):
                for c in range(sh.row_len(r)):
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
                    if is_blank_value(v):
                        continue
                    sheet.cells[(r + 1, c + 1)] = Cell(v, fmt)
            sheet.merged = [check_range(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells]
            budget.spend("merged", sum(range_area(*m) for m in sheet.merged), sh.name)
            drop_covered(sheet)
            book.sheets.append(sheet)
            wbk.unload_sheet(idx)
        return book
    finally:
        wbk.release_resources()
