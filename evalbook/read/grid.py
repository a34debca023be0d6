"""A sheet with its merged cells resolved, and the header row finder every table uses."""

from __future__ import annotations

from collections.abc import Iterator

from evalbook.files.book import Formula, Sheet, WALK_BUDGET
from evalbook.files.merges import MergeIndex
from evalbook.model.values import ERROR_CODES, is_blank, read_number
from evalbook.model.workbook import Columns, Field, Ref
from evalbook.read.labels import LABEL_TO_FIELD, header_key


WHOLE_COLUMN = 200_000  # a merged range larger than this says nothing about values
SPELLED_OUT = 256  # ranges up to this area are indexed cell by cell (a real form's all are)
# Larger ranges are spelled out too while the sheet's spelled-out area stays under this: a form
# with tier labels merged down thousands of rows keeps one dict lookup per cell, and the cost
# stays bounded by a constant, not by the area a hostile file declares (issue 15).
SPELL_BUDGET = WALK_BUDGET


def flags(value) -> bool:
    """Whether a field read from a cell holding *value* is flagged (kept in Grid.flagged, for
    S108 and S109): a formula without a stored result, or an error value (#DIV/0! …)."""
    return value.__class__ is Formula or (value.__class__ is str and value[:1] == "#"
                                          and value.strip() in ERROR_CODES)


class Grid:
    """A sheet with merged ranges resolved: `own(r, c)` is the text a cell shows on its row.

    *evaluator* (read/compute.py) computes formula cells without a stored result; every field
    read from a cell holding an error value or such a formula is kept in `flagged` (S108, S109).
    """

    def __init__(self, sheet: Sheet, evaluator=None):
        self.sheet = sheet
        self.evaluator = evaluator
        self.flagged: dict[Ref, Field] = {}
        self.cells = sheet.cells
        # Small ranges (every range of a real form) are spelled out cell by cell: the lookups
        # every reader makes stay one dict access. Larger ones go into a MergeIndex, whose
        # cost depends on how many ranges there are, not on their area (issue 15).
        self._anchor: dict[tuple[int, int], tuple[int, int]] = {}
        self._vertical: set[tuple[int, int]] = set()
        self._order: dict[tuple[int, int], int] = {}  # cell → its small range's place, beside large ones
        self._big: MergeIndex | None = None
        self._big_cols: set[int] | None = None
        self._big_rows = (0, -1)
        self._big_place: list[int] = []  # the sheet's list place of each range in _big
        self._tops: dict[tuple[int, int], int] = {}  # top-left cell → last column of its widest range
        small: list[tuple[int, int, int, int, int]] = []
        big: list[tuple[int, int, int, int]] = []
        spelled = 0
        for place, (r1, c1, r2, c2) in enumerate(sheet.merged):
            area = (r2 - r1 + 1) * (c2 - c1 + 1)
            if area > WHOLE_COLUMN or r2 < r1 or c2 < c1:
                continue  # a whole-column merge says nothing about values
            if c2 > self._tops.get((r1, c1), 0):
                self._tops[(r1, c1)] = c2
            if area <= SPELLED_OUT or spelled + area <= SPELL_BUDGET:
                spelled += area
                small.append((r1, c1, r2, c2, place))
            else:
                big.append((r1, c1, r2, c2))
                self._big_place.append(place)
        if big:
            self._big = MergeIndex(big)
            # Most cells lie in no large range: a column and row filter answers them without the
            # index (on a form, tier labels merged down columns A and B are the large ranges).
            widths = sum(c2 - c1 + 1 for _, c1, _, c2 in big)
            self._big_cols = ({c for _, c1, _, c2 in big for c in range(c1, c2 + 1)}
                              if widths <= 100_000 else None)
            self._big_rows = (min(r1 for r1, _, _, _ in big), max(r2 for _, _, r2, _ in big))
        anchor, vertical, order = self._anchor, self._vertical, self._order
        for r1, c1, r2, c2, place in small:
            top = (r1, c1)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    anchor[(r, c)] = top
                    if r > r1:
                        vertical.add((r, c))
                    if big:
                        order[(r, c)] = place
        self.rows = sheet.rows()
        self._header_texts: list[tuple[int, list[tuple[int, str]]]] = []
        self._header_rows: Iterator | None = None

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        """The top-left cell of the merged range (r, c) lies in (the last one listed, should
        ranges overlap), else (r, c) itself."""
        key = (r, c)
        found = self._anchor.get(key, key)
        big = self._big
        if big is None:
            return found
        lo, hi = self._big_rows  # _may_be_big, inlined: this runs for every cell read
        if not lo <= r <= hi or (self._big_cols is not None and c not in self._big_cols):
            return found
        i, _ = big.at(r, c)
        if i < 0 or (found is not key and self._order[key] > self._big_place[i]):
            return found
        r1, c1, _, _ = big.ranges[i]
        return r1, c1

    def merged_anchor(self, r: int, c: int) -> tuple[int, int] | None:
        """anchor(r, c) when (r, c) lies in a merged range, else None."""
        key = (r, c)
        if self._big is None or not self._may_be_big(r, c):
            return self._anchor.get(key)
        found = self.anchor(r, c)
        if found != key or key in self._anchor:
            return found
        return found if self._big.at(r, c)[0] >= 0 else None

    def is_merged_below(self, r: int, c: int) -> bool:
        """Whether (r, c) lies in a merged range that started on a row above it."""
        if (r, c) in self._vertical:
            return True
        big = self._big
        if big is None:
            return False
        lo, hi = self._big_rows  # _may_be_big, inlined: this runs for every cell read
        if not lo <= r <= hi or (self._big_cols is not None and c not in self._big_cols):
            return False
        return big.at(r, c)[1]

    def _may_be_big(self, r: int, c: int) -> bool:
        """Whether (r, c) may lie in a large range (False: it surely does not)."""
        lo, hi = self._big_rows
        return lo <= r <= hi and (self._big_cols is None or c in self._big_cols)

    def merge_end(self, r: int, c: int) -> int:
        """The last column of the widest merged range starting at (r, c), else c."""
        return self._tops.get((r, c), c)

    # at, own and field run for every cell a reader looks at: without large ranges (every real
    # form) they ask the dicts themselves rather than anchor()/is_merged_below().
    def at(self, r: int, c: int):
        """Value shown at (r, c): a merged range's value shows in all its cells."""
        key = (r, c)
        cell = self.cells.get(self._anchor.get(key, key) if self._big is None else self.anchor(r, c))
        return None if cell is None else cell.value

    def own(self, r: int, c: int):
        """Value at (r, c) unless it comes from a merge that started on a row above."""
        if (r, c) in self._vertical if self._big is None else self.is_merged_below(r, c):
            return None
        return self.at(r, c)

    def fmt(self, r: int, c: int) -> str:
        ar, ac = self.anchor(r, c)
        cell = self.sheet.get(ar, ac)
        return cell.fmt if cell else "General"

    def ref(self, r: int, c: int) -> Ref:
        ar, ac = self.anchor(r, c)
        return Ref(self.sheet.name, ar, ac)

    def field(self, r: int, c: int | None, *, rate: bool = False) -> Field | None:
        if c is None:
            return None
        key = (r, c)
        ar, ac = self._anchor.get(key, key) if self._big is None else self.anchor(r, c)
        ref = Ref(self.sheet.name, ar, ac)
        if key in self._vertical if self._big is None else self.is_merged_below(r, c):
            # Part of a range merged from above: the value belongs to the first row only.
            return Field(ref, None, None)
        cell = self.cells.get((ar, ac))
        if cell is None:
            return Field(ref, None, None)
        v = cell.value
        if flags(v):
            return self._flagged(ref, cell, rate)
        return Field(ref, v, read_number(v, cell.fmt, rate=rate))

    def _flagged(self, ref: Ref, cell, rate: bool) -> Field:
        """A field from an error value, or from a formula without a stored result (computed
        when evalbook can: read/compute.py)."""
        v = cell.value
        if v.__class__ is str:
            f = Field(ref, v, None, error=v.strip())
        else:
            from evalbook.read.compute import Evaluator

            ev = self.evaluator or Evaluator([self.sheet])
            value, error, invalid = ev.result(self.sheet.name, ref.row, ref.col, v)
            num = read_number(value, cell.fmt, rate=rate) if value is not None else None
            f = Field(ref, str(v), num, formula=str(v), error=error, invalid=invalid)
        self.flagged.setdefault(ref, f)
        return f

    def header_texts(self) -> Iterator[tuple[int, list[tuple[int, str]]]]:
        """Each row's text cells as (column, header_key), merged-down header cells included:
        worked out as far as a search goes and kept, since every table's header is sought
        here (500,000 distinct texts would otherwise cost their keys again each time)."""
        done = self._header_texts
        if self._header_rows is None:
            self._header_rows = _header_texts(self)
        i = 0
        while True:
            if i == len(done):
                row = next(self._header_rows, None)
                if row is None:
                    return
                done.append(row)
            yield done[i]
            i += 1

    def next_value_col(self, r: int, c: int) -> int | None:
        """The first non-empty cell right of (r, c), skipping the rest of c's own merge."""
        row = self.rows.get(r, {})
        own_anchor = self.anchor(r, c)
        for col in sorted(row):
            if col <= c or self.anchor(r, col) == own_anchor:
                continue
            v = row[col].value
            if not is_blank(v):
                if isinstance(v, str) and header_key(v) in LABEL_TO_FIELD:
                    return None  # the next label: this one's value was left empty
                return col
        return None


def find_header(grid: Grid, columns: dict[str, tuple[str, ...]], must: tuple[str, ...],
                start: int = 1) -> Columns | None:
    """The first row from *start* whose cells name every column in *must*.

    A two-row header (绩效指标 merged over 一级/二级/三级, 分值 merged down both rows) is read
    at its second row: a header cell merged down from the row above counts there too.
    """
    names_of: dict[str, list[str]] = {}  # header text → the columns it may head, in order
    for name, heads in columns.items():
        for head in heads:
            names_of.setdefault(head, []).append(name)
    for r, texts in grid.header_texts():
        if r < start:
            continue
        found: dict[str, int] = {}
        for c, key in texts:
            for name in names_of.get(key, ()):
                if name not in found:
                    found[name] = c
                    break
        if all(m in found for m in must):
            return Columns(r, found)
    return None


def _header_texts(grid: Grid) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """Each row's text cells as (column, header_key), with the header cells merged down into
    it, rows and columns in order."""
    down = _merged_down(grid)
    for r in sorted(set(grid.rows) | set(down)):
        cells = {c: cell.value for c, cell in grid.rows.get(r, {}).items()}
        for c, v in down.get(r, {}).items():
            cells.setdefault(c, v)
        texts = [(c, header_key(cells[c])) for c in sorted(cells) if isinstance(cells[c], str)]
        if texts:
            yield r, texts


def _merged_down(grid: Grid) -> dict[int, dict[int, object]]:
    """row → {column: text} of header cells merged down into that row from up to 3 rows above."""
    down: dict[int, dict[int, object]] = {}
    for r1, c1, r2, c2 in grid.sheet.merged:
        if r2 > r1 and r2 - r1 < 4:
            v = grid.sheet.value(r1, c1)
            if isinstance(v, str):
                for r in range(r1 + 1, r2 + 1):
                    down.setdefault(r, {})[c1] = v
    return down


def cell_text(v) -> str | None:
    """A cell's value as stripped text (12.0 as "12"); None when it shows nothing."""
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None
