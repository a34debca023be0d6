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
    """
    cells = sheet.cells
    for r1, c1, r2, c2 in sheet.merged:
        if (r2 - r1 + 1) * (c2 - c1 + 1) > len(cells):  # a whole-column merge: look at cells instead
            covered = [k for k in cells if r1 <= k[0] <= r2 and c1 <= k[1] <= c2 and k != (r1, c1)]
        else:
            covered = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)]
        for key in covered:
            cells.pop(key, None)


def is_blank_value(value: Any) -> bool:
    """A cell value that holds nothing: None or white space (what a sheet stores as no cell)."""
    return value is None or (isinstance(value, str) and value.strip() == "")
