"""A workbook as plain cells: the one shape every read path produces.

The reader and the rules see only :class:`Book`, so the xlsx fast path, a full openpyxl load
and the legacy .xls path must give identical findings (a test runs the suite through each).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# Cell values are raw Python values: str, int, float, bool, datetime/date or None.

# Excel's grid (A1:XFD1048576) and its longest cell text: every read path refuses a workbook
# that points past them, so nothing downstream ever sees row 10**15 or column ZZZZ.
MAX_ROW = 1_048_576
MAX_COL = 16_384
MAX_TEXT = 32_767


class OutsideGrid(ValueError):
    """A cell or range reference past A1:XFD1048576 (the reader turns it into an InputError)."""

    def __init__(self, ref: str):
        super().__init__(ref)
        self.ref = str(ref)[:40]


@dataclass(frozen=True)
class Limits:
    """How much work one workbook may ask for, judged before the work (spec: cli.md).

    The byte limits of the door bound what a zip may inflate to, but not what it asks a reader
    to do: 10 KB of overlapping merged ranges, or 100 MiB of one-cell rows, are within them.
    These count what costs time and memory downstream, across the whole workbook. The
    defaults are far above any real form (the 10,000-leaf benchmark form has about 170,000
    cell elements, 20,000 rows and 20,000 merged cells); ``evalbook check --max-cells`` raises
    the cell limit and the others with it. At the defaults check stays within 10 s and 1 GB
    (docs/performance.md); annotate, whose openpyxl load costs about ten times as much a cell,
    should read with :data:`evalbook.files.door.ANNOTATE_LIMITS`.
    """

    cells: int = 500_000  # cell elements, blank or not, plus the cells hyperlinks cover
    rows: int = 500_000  # row elements
    merged: int = 1_000_000  # cells covered by merged ranges, counted with overlaps
    strings: int = 500_000  # shared strings
    styles: int = 100_000  # cell formats and number formats (Excel allows 64,000)

    @classmethod
    def scaled(cls, cells: int) -> "Limits":
        """The defaults with the cell limit set to *cells* and the others in proportion."""
        base = cls()
        f = max(cells, 1) / base.cells
        return cls(cells=max(cells, 1), rows=max(int(base.rows * f), 1), merged=max(int(base.merged * f), 1),
                   strings=max(int(base.strings * f), 1), styles=max(base.styles, int(base.styles * f)))


class OverLimit(Exception):
    """A workbook asked for more work than its Limits allow (the door names file and option)."""

    def __init__(self, what: str, limit: int, sheet: str = ""):
        super().__init__(what)
        self.what, self.limit, self.sheet = what, limit, sheet


class Budget:
    """The work a workbook has asked for so far, against its Limits."""

    __slots__ = ("limits", "cells", "rows", "merged")

    def __init__(self, limits: "Limits | None" = None):
        self.limits = limits or Limits()
        self.cells = self.rows = self.merged = 0

    def spend(self, what: str, n: int, sheet: str = "") -> None:
        total = getattr(self, what) + n
        setattr(self, what, total)
        limit = getattr(self.limits, what)
        if total > limit:
            raise OverLimit(what, limit, sheet)


def range_area(r1: int, c1: int, r2: int, c2: int) -> int:
    return max(r2 - r1 + 1, 0) * max(c2 - c1 + 1, 0)


def check_range(r1: int, c1: int, r2: int, c2: int, ref: str = "") -> tuple[int, int, int, int]:
    """(r1, c1, r2, c2) if it lies inside Excel's grid, else OutsideGrid."""
    if not (0 < r1 <= MAX_ROW and 0 < r2 <= MAX_ROW and 0 < c1 <= MAX_COL and 0 < c2 <= MAX_COL):
        raise OutsideGrid(ref or f"R{r1}C{c1}:R{r2}C{c2}")
    return r1, c1, r2, c2


@dataclass(frozen=True, slots=True)
class Formula:
    """The value of a formula cell that has no stored result (``<c><f>SUM(H2:H8)</f></c>``):
    the file was written by a program and never opened and saved in Excel/WPS, so there is no
    figure to read, only the formula. The reader computes what it can (read/compute.py);
    a blank cell is no cell at all, so the two are never confused."""

    text: str  # without the leading "="; "" for a shared formula's follower cell

    def __str__(self) -> str:
        return "=" + self.text


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
        grouped: dict[int, dict[int, Cell]] = {}
        for (r, c), cell in self.cells.items():
            row = grouped.get(r)
            if row is None:
                grouped[r] = row = {}
            row[c] = cell
        # Grouping first sorts rows and then a dozen columns each, not every cell as a tuple.
        return {r: dict(sorted(grouped[r].items())) for r in sorted(grouped)}

    def merge_anchor(self, row: int, col: int) -> tuple[int, int]:
        # One call walks the ranges; the readers' grids index them once instead.
        """The top-left cell of the merged range holding (row, col), else the cell itself."""
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return r1, c1
        return row, col


@dataclass
class Book:
    path: str
    kind: str  # "xlsx", "xlsm", "xls", "html" (a web page's table) or "spreadsheetml" (Excel 2003 XML)
    sheets: list[Sheet] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None


@contextmanager
def paused_gc():
    """Run a read without the cycle collector.

    Reading a form allocates hundreds of thousands of small objects and no reference cycles
    worth collecting; the collector's full passes over them made a 10,000-row form take 2.6
    times as long as a 5,000-row one instead of twice. Refcounting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def drop_covered(sheet: Sheet) -> None:
    """Forget values in the covered cells of merged ranges, as openpyxl's load does.

    Excel empties them when it merges, but a file may still carry them; every read path must
    agree on what a sheet holds, and openpyxl (annotate's path) keeps only the top-left cell.
    A small range is walked cell by cell; the cells of a sheet with larger ones are each asked
    of a MergeIndex, so the cost follows the number of ranges and cells, never the area.
    """
    cells = sheet.cells
    if not cells or not sheet.merged:
        return
    large = []
    walked = 0
    for r1, c1, r2, c2 in sheet.merged:
        area = (r2 - r1 + 1) * (c2 - c1 + 1)
        if area > _WALKED and walked + area > WALK_BUDGET:
            large.append((r1, c1, r2, c2))
            continue
        walked += area
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if r != r1 or c != c1:
                    cells.pop((r, c), None)
    if large:
        from evalbook.files.merges import MergeIndex

        index = MergeIndex(large)
        top, bottom = min(m[0] for m in large), max(m[2] for m in large)
        for key in [k for k in cells if top <= k[0] <= bottom and index.hidden(*k)]:
            del cells[key]


_WALKED = 256  # drop_covered walks a range up to this area cell by cell
# ... and larger ones too while a sheet's walked area stays under this: tier labels merged down
# thousands of rows cost a walk of their cells, and a hostile file's cost stays bounded.
WALK_BUDGET = 200_000


def is_blank_value(value: Any) -> bool:
    """A cell value that holds nothing: None or white space (what a sheet stores as no cell)."""
    return value is None or (isinstance(value, str) and value.strip() == "")


_BAD_TITLE = str.maketrans({ch: " " for ch in "[]:*?/\\"})


def sheet_title(name: str, taken: set[str] | tuple = ()) -> str:
    """*name* as Excel allows a sheet to be named (no []:*?/\\, at most 31 characters, not blank,
    not a name already *taken*): for formats whose sheet names no spreadsheet program checked."""
    title = " ".join(str(name).translate(_BAD_TITLE).split())[:31].strip("'") or "Sheet"
    lower = {t.lower() for t in taken}
    base, n = title, 1
    while title.lower() in lower:
        n += 1
        title = f"{base[:31 - len(str(n))]}{n}"
    return title
