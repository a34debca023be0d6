"""From a Book of cells to the model: which sheet is which, each read by its own module, and
the facts of what the workbook lacks (a required sheet or column), which S101 and S102 report."""

from __future__ import annotations

from typing import Callable

from evalbook.files.book import Book, Formula, Sheet
from evalbook.model.values import normalize
from evalbook.model.workbook import Columns, MissingColumn, MissingSheet, Payments, Ref, Workbook
from evalbook.read.grid import Grid, find_header
from evalbook.read.indicators import RowsRead, read_indicators
from evalbook.read.labels import (
    INDICATOR_COLUMNS, INDICATOR_ESSENTIAL, INDICATOR_MARKS, INDICATOR_REQUIRED, PAYMENT_COLUMNS,
    PAYMENT_MARK, PAYMENT_REQUIRED, PROJECT_NAME_LABEL, REASON_WORD, REMARKS, RESULT_SHEET, SHEET_NAMES, header_key,
    sheet_key,
)
from evalbook.read.payments import read_payments
from evalbook.read.project import read_project
from evalbook.read.records import read_corrections

GridOf = Callable[[Sheet], Grid]


def _ours(sheet: Sheet) -> bool:
    return normalize(sheet.name) == RESULT_SHEET


def find_sheet(book: Book, kind: str) -> Sheet | None:
    by_key = {sheet_key(s.name): s for s in book.sheets}
    for name in SHEET_NAMES[kind]:
        if name in by_key:
            return by_key[name]
    return None


def _indicator_header_score(grid: Grid) -> Columns | None:
    return find_header(grid, INDICATOR_COLUMNS, INDICATOR_MARKS)


class _BookEvaluator:
    """The book's read/compute.Evaluator, made on the first formula cell without a stored result
    (most books have none, and importing it would cost every small check)."""

    def __init__(self, sheets):
        self.sheets, self._evaluator = sheets, None

    def result(self, *args):
        if self._evaluator is None:
            from evalbook.read.compute import Evaluator

            self._evaluator = Evaluator(self.sheets)
        return self._evaluator.result(*args)


class Lent:
    """What a read of a book lends a second read of the same book after a few of its cells
    changed (annotate reads its copy again, as check will read it): the grid of each sheet
    whose cells did not change, and the payment table read from it, which are then the same;
    and of the indicator sheet, every row whose cells did not change (read/indicators.py
    RowsRead), since annotate writes into a few of its rows.

    Only a sheet without formula cells lacking a stored result lends its grid: their values
    are worked out from other sheets' cells, which may be the ones that changed."""

    def __init__(self) -> None:
        # by id(sheet), with the sheet itself: it stays alive, so its id is never another's
        self._grids: dict[int, tuple[Sheet, Grid]] = {}
        self._tables: dict[int, tuple[Payments, list[MissingColumn]]] = {}
        self._rows: dict[int, tuple[Sheet, RowsRead]] = {}
        self._changed: set[str] | None = None  # None while the first read fills it

    def reread(self, changed: set[str]) -> None:
        """The next read: the sheets named *changed* (and any new sheet) are read afresh."""
        self._changed = set(changed)

    def _lends(self, s: Sheet) -> bool:
        kept = self._grids.get(id(s))
        return self._changed is not None and s.name not in self._changed and kept is not None and kept[0] is s

    def grid(self, s: Sheet, make: Callable[[], Grid]) -> Grid:
        if self._lends(s):
            return self._grids[id(s)][1]
        g = make()
        if self._changed is None and not any(c.value.__class__ is Formula for c in s.cells.values()):
            self._grids[id(s)] = (s, g)
        return g

    def rows_read(self, s: Sheet) -> RowsRead:
        """The indicator rows read from *s* so far, for the next read of *s* to take back."""
        kept = self._rows.get(id(s))
        if kept is None or kept[0] is not s:
            kept = self._rows[id(s)] = (s, RowsRead())
        return kept[1]

    def payments(self, s: Sheet, read: Callable[[], tuple[Payments, list[MissingColumn]]]):
        if self._lends(s) and id(s) in self._tables:
            return self._tables[id(s)]
        table = read()
        if self._changed is None:
            self._tables[id(s)] = table
        return table


def _grids(book: Book, lent: Lent | None = None) -> tuple[GridOf, dict[int, Grid]]:
    """Each sheet's grid once per read: building one resolves every merged cell. One evaluator
    for the book computes formula cells without a stored result, across sheets."""
    grids: dict[int, Grid] = {}
    evaluator = _BookEvaluator(book.sheets)

    def grid_of(s: Sheet) -> Grid:
        g = grids.get(id(s))
        if g is None:
            make = lambda: Grid(s, evaluator)  # noqa: E731
            g = grids[id(s)] = lent.grid(s, make) if lent is not None else make()
        return g

    return grid_of, grids


def read_book(book: Book, lent: Lent | None = None) -> Workbook:
    """The model of a workbook; what it lacks is recorded as MissingSheet / MissingColumn.
    *lent*: what an earlier read of this book lends this one (annotate's second read)."""
    wb = Workbook(book.path)
    grid_of, grids = _grids(book, lent)
    project_sheet = find_sheet(book, "project")
    ind_sheet = find_sheet(book, "indicators")
    pay_sheet = find_sheet(book, "payments")

    if ind_sheet is not None:
        ind_hdr = _indicator_header_score(grid_of(ind_sheet))
    else:
        ind_sheet, ind_hdr = _indicators_by_content(book, (project_sheet, pay_sheet), grid_of)
    if project_sheet is None:
        project_sheet = _project_by_content(book)

    if project_sheet is None:
        wb.missing_sheets.append(MissingSheet("project"))
    else:
        stop = ind_hdr.header_row if (project_sheet is ind_sheet and ind_hdr) else None
        wb.project = read_project(project_sheet, stop_row=stop, grid=grid_of(project_sheet))

    if ind_sheet is None:
        wb.missing_sheets.append(MissingSheet("indicators"))
    else:
        _read_indicator_sheet(wb, ind_sheet, ind_hdr, grid_of, lent)

    if pay_sheet is None:
        pay_sheet = _payments_by_content(book, (project_sheet, ind_sheet), grid_of)
    if pay_sheet is not None:
        _read_payment_sheet(wb, pay_sheet, grid_of, lent)
    order = {id(s): i for i, s in enumerate(book.sheets)}
    for sid in sorted(grids, key=lambda k: order.get(k, len(order))):
        wb.flagged.extend(sorted(grids[sid].flagged.values(), key=lambda f: (f.ref.row, f.ref.col)))
    wb.corrections = read_corrections(book)
    return wb


def _indicators_by_content(book: Book, taken: tuple[Sheet | None, ...],
                           grid_of: GridOf) -> tuple[Sheet | None, Columns | None]:
    """An indicator sheet of another name: a header row with 三级指标 and 得分."""
    for s in book.sheets:
        if any(s is t for t in taken) or _ours(s):
            continue
        h = _indicator_header_score(grid_of(s))
        if h is not None:
            return s, h
    return None, None


def _project_by_content(book: Book) -> Sheet | None:
    """The central single-sheet grid: project fields above the indicator table."""
    for s in book.sheets:
        if _ours(s):
            continue
        if any(isinstance(c.value, str) and header_key(c.value).startswith(PROJECT_NAME_LABEL)
               for c in s.cells.values()):
            return s
    return None


def _payments_by_content(book: Book, taken: tuple[Sheet | None, ...], grid_of: GridOf) -> Sheet | None:
    """A payments sheet of another name: a header with its required columns, one headed 金额."""
    for s in book.sheets:
        if any(s is t for t in taken) or _ours(s):
            continue
        g = grid_of(s)
        h = find_header(g, PAYMENT_COLUMNS, PAYMENT_REQUIRED)
        if h is not None and PAYMENT_MARK in [header_key(g.at(h.header_row, c)) for c in h.cols.values()]:
            return s
    return None


def _read_indicator_sheet(wb: Workbook, sheet: Sheet, hdr: Columns | None, grid_of: GridOf,
                          lent: Lent | None = None) -> None:
    """The indicator table, unless its header lacks a column it cannot be read without."""
    grid = grid_of(sheet)
    if hdr is None:
        hdr = find_header(grid, INDICATOR_COLUMNS, ("tier3",)) or \
            find_header(grid, INDICATOR_COLUMNS, ("score",))
    if hdr is None:
        wb.missing_columns.append(MissingColumn("indicators", sheet.name, Ref(sheet.name, 1, 1),
                                                INDICATOR_ESSENTIAL))
        return
    missing = [name for name in INDICATOR_REQUIRED if name not in hdr.cols]
    for name in missing:
        wb.missing_columns.append(MissingColumn("indicators", sheet.name, Ref(sheet.name, hdr.header_row, 1),
                                                (name,)))
    if not any(m in INDICATOR_ESSENTIAL for m in missing):
        _reason_column(grid, hdr)
        wb.indicators = read_indicators(sheet, hdr, grid=grid, rows_read=lent.rows_read(sheet) if lent else None)


def _reason_column(grid: Grid, hdr: Columns) -> None:
    """Without a header of the reason column's names, one that names a reason (…原因…), else
    备注, is the reason column (older forms head it 扣分原因说明 or leave reasons in 备注)."""
    if "reason" in hdr.cols:
        return
    taken = set(hdr.cols.values())
    heads = [(c, header_key(v)) for c, cell in sorted(grid.rows.get(hdr.header_row, {}).items())
             if c not in taken and isinstance(v := cell.value, str)]
    for test in (lambda k: REASON_WORD in k, lambda k: k == REMARKS):
        col = next((c for c, k in heads if test(k)), None)
        if col is not None:
            hdr.cols["reason"] = col
            return


def _read_payment_sheet(wb: Workbook, sheet: Sheet, grid_of: GridOf, lent: Lent | None = None) -> None:
    """The payments table, unless its header lacks a required column."""

    def read() -> tuple[Payments, list[MissingColumn]]:
        pay = read_payments(sheet, grid=grid_of(sheet))
        return pay, [MissingColumn("payments", sheet.name, Ref(sheet.name, max(pay.columns.header_row, 1), 1), (name,))
                     for name in PAYMENT_REQUIRED if name not in pay.columns.cols]

    pay, missing = lent.payments(sheet, read) if lent is not None else read()
    wb.missing_columns.extend(missing)
    if not missing:
        wb.payments = pay
