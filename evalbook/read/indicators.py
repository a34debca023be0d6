"""The tiered indicator table, with every variant workbook.md tolerates: tier names merged or
left blank below their first row, caps declared in labels or on tier header rows, subtotal and
total rows, 预算执行 rows, breakdown (其中) rows and notes under the table."""

from __future__ import annotations

from dataclasses import dataclass
from operator import is_
from typing import Any

from evalbook.files.book import Cell, Sheet
from evalbook.model.values import is_blank, normalize, read_number
from evalbook.model.workbook import (
    BudgetRow, Columns, Field, Indicators, Leaf, Ref, StatedSum, Tier1, Tier2,
)
from evalbook.read.grid import Grid, cell_text, flags
from evalbook.read.labels import (
    INDICATOR_TOTAL, KEY_MARKS, PART_PREFIX, SCORE_TOTAL_WORD, SUBTOTAL_WORD, TOTAL_WORDS,
    canonical_tier1, canonical_tier2, edge_word, is_note, is_numbered_line, split_cap,
)


def read_indicators(sheet: Sheet, hdr: Columns, grid: Grid | None = None,
                    rows_read: "RowsRead | None" = None) -> Indicators:
    """*rows_read*: what an earlier read of this sheet made of its rows, and where this read
    leaves what it makes of them (annotate reads its copy again after writing a few cells)."""
    return _TableReader(sheet, hdr, grid or Grid(sheet), rows_read).read()


@dataclass(slots=True)
class _Row:
    """What one row of the table says, read from its cells once: the reader's passes and
    annotate's second read take it from here. It depends on the row's own cells, the header's
    columns and the sheet's merged ranges only (a range merged from a row above shows nothing
    on this one), never on the rows around it."""

    first: str  # the first text in the row, normalized ("" for none)
    t3_raw: Any  # the tier-3 cell as it is on this row
    t3: str  # …normalized, "" when blank
    own1: Any  # the tier-1 and tier-2 cells as they are on this row
    own2: Any
    sum_word: str | None  # what the words left of the figures call the row (_sum_word)
    text_line: bool  # one merged cell runs from the tier-3 name over 分值 or 得分
    lendable: bool  # no formula and no error value: its fields were flagged in no grid
    # Fields are read when the reader first asks for them, as the grid flags the formula and
    # error cells it reads (a row below the total that nothing reads is not flagged).
    figures: tuple[Field | None, Field | None] | None = None  # (分值, 得分)
    leaf_fields: tuple | None = None  # (rate, target, actual, reason, nature, unit)
    # The indicator the row made, with the tier labels it was made under: the next read
    # takes it back when they are the same (nothing changes a Leaf once it is made).
    leaf: tuple[tuple, Leaf] | None = None


class RowsRead:
    """The rows one read of an indicator sheet made out, for the next read of the same sheet:
    a row whose cells are the very objects they were (annotate replaces the cells it writes),
    under the same header and the same merged ranges, says what it said. A row holding a
    formula or an error value is read again, so that its grid flags it (S108, S109)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._rows: dict[int, tuple[dict[int, Cell], _Row]] = {}

    def start(self, sheet: Sheet, hdr: Columns, label_cols: list[int]) -> dict[int, tuple[dict[int, Cell], _Row]]:
        """What the earlier read left that still holds, and an empty store for this read."""
        key = (hdr.header_row, tuple(sorted(hdr.cols.items())), tuple(label_cols), tuple(sheet.merged))
        earlier = self._rows if key == self._key else {}
        self._key, self._rows = key, {}
        return earlier

    def keep(self, r: int, cells: dict[int, Cell], row: _Row) -> None:
        self._rows[r] = (cells, row)


def _same_cells(was: dict[int, Cell], now: dict[int, Cell]) -> bool:
    """The very cell objects, column by column (a row's cells are in column order)."""
    return was.keys() == now.keys() and all(map(is_, was.values(), now.values()))


def _flaggable(cells: dict[int, Cell]) -> bool:
    """Whether the grid flags a field read from any of *cells* (grid.flags)."""
    return any(flags(cell.value) for cell in cells.values())


def _row_label_texts(grid: Grid, r: int, cols: list[int]) -> list[str]:
    out = []
    for c in cols:
        v = grid.own(r, c)
        if isinstance(v, str) and v.strip():
            out.append(normalize(v))
    return out


TOTAL_EITHER = "合计"  # _sum_word of a plain 合计: a subtotal or the total, by what follows


def _sum_word(texts: list[str]) -> str | None:
    """What a row's label texts call it: "subtotal", "indicators", "total", TOTAL_EITHER, or
    None for a row that states no sum."""
    # The word stands alone or at an end (产出指标小计, 总分合计), never inside a name.
    if any(edge_word(t, SUBTOTAL_WORD) for t in texts):
        return "subtotal"
    if any(t in INDICATOR_TOTAL or t.startswith(INDICATOR_TOTAL) for t in texts):
        return "indicators"
    if any(edge_word(t, SCORE_TOTAL_WORD) for t in texts):
        return "total"
    if any(t in TOTAL_WORDS for t in texts):
        return TOTAL_EITHER
    return None


def _nature(raw) -> str | None:
    if raw is None or is_blank(raw):
        return None
    s = normalize(str(raw))
    if s.startswith(("≥", ">", "正向")) or s in ("≧",):
        return ">="
    if s.startswith(("≤", "<", "反向")) or s in ("≦",):
        return "<="
    if s.startswith(("=", "＝", "═")):
        return "="
    if "定性" in s:
        return "定性"
    return None


def _declare(target, label: str, ref: Ref) -> None:
    """A cap in the tier's label (产出指标（50分）) is its cap, unless it has one already."""
    _, cap = split_cap(label)
    if cap is not None and target.cap is None:
        target.cap = Field(ref, label, read_number(cap), in_label=True)


class _TableReader:
    """One pass down the table, row by row, carrying the tier names filled down so far."""

    def __init__(self, sheet: Sheet, hdr: Columns, grid: Grid, rows_read: RowsRead | None = None):
        self.grid = grid
        self.ind = Indicators(sheet.name, hdr)
        self.col = col = hdr.get
        self.t1_col, self.t2_col, self.t3_col = col("tier1"), col("tier2"), col("tier3")
        self.rows = [r for r in sorted(grid.rows) if r > hdr.header_row]
        self.tier1s: dict[str, Tier1] = {}
        self.tier2_index: dict[tuple[str, str], Tier2] = {}  # (tier-1, tier-2) names: one lookup per row
        self.cur_t1: Tier1 | None = None
        self.cur_t1_label: tuple[str, Ref] | None = None  # (label text, ref) as filled down
        self.cur_t2_label: tuple[str, Ref] | None = None
        self.label_cols = self._label_cols()
        self._read: dict[int, _Row] = {}
        self._rows_read = rows_read
        self._earlier = rows_read.start(sheet, hdr, self.label_cols) if rows_read is not None else {}
        self.leaf_rows = self._leaf_rows()
        self.leaf_set = set(self.leaf_rows)
        self.after_total = False  # a total row has been read: what follows is notes or budget rows

    def _row(self, r: int) -> _Row:
        """Row *r* as read (once per read), or as the earlier read left it."""
        row = self._read.get(r)
        if row is None:
            cells = self.grid.rows[r]
            was = self._earlier.get(r)
            row = was[1] if was is not None and was[1].lendable and _same_cells(was[0], cells) else self._read_row(r, cells)
            self._read[r] = row
            if self._rows_read is not None:
                self._rows_read.keep(r, cells, row)
        return row

    def _read_row(self, r: int, cells: dict[int, Cell]) -> _Row:
        grid = self.grid
        first = next((normalize(str(cells[c].value)) for c in sorted(cells)
                      if isinstance(cells[c].value, str) and cells[c].value.strip()), "")
        t3_raw = grid.own(r, self.t3_col) if self.t3_col else None
        t3 = normalize(str(t3_raw)) if t3_raw is not None and not is_blank(t3_raw) else ""
        return _Row(
            first=first, t3_raw=t3_raw, t3=t3,
            own1=grid.own(r, self.t1_col) if self.t1_col else None,
            own2=grid.own(r, self.t2_col) if self.t2_col else None,
            sum_word=_sum_word(_row_label_texts(grid, r, self.label_cols)),
            text_line=bool(t3) and self._text_line(r),
            lendable=not _flaggable(cells),
        )

    def _figures(self, r: int, row: _Row) -> tuple[Field | None, Field | None]:
        """(分值, 得分) of row *r*, read when first asked."""
        if row.figures is None:
            row.figures = (self.grid.field(r, self.col("cap")), self.grid.field(r, self.col("score")))
        return row.figures

    def _leaf_fields(self, r: int, row: _Row) -> tuple:
        """(rate, target, actual, reason, nature, unit) of an indicator row, read when first asked."""
        if row.leaf_fields is None:
            grid, col = self.grid, self.col
            row.leaf_fields = (
                grid.field(r, col("rate"), rate=True), grid.field(r, col("target")),
                grid.field(r, col("actual")), grid.field(r, col("reason")),
                grid.own(r, col("nature")) if col("nature") else None,
                grid.own(r, col("unit")) if col("unit") else None,
            )
        return row.leaf_fields

    def _leaf_rows(self) -> list[int]:
        """Which rows hold indicators: a 合计 row above one is a subtotal, and a 合计 row followed
        by nothing but a notes block the total (workbook.md). Rows from the first note on are
        not read; a numbered line (1.…, 2、…, （3）…) or a row of text across the figure columns,
        with no figure in 分值 or 得分, is a line of notes, not an indicator."""
        out = []
        if self.t3_col is None:
            return out
        for r in self.rows:
            row = self._row(r)
            first = row.first
            if first and is_note(first):
                break
            v = row.t3_raw
            if not (isinstance(v, str) and v.strip()):
                continue
            t3 = row.t3
            if is_note(t3) or t3.lstrip(KEY_MARKS).startswith(PART_PREFIX) or row.text_line:
                continue
            figures = self._figures(r, row)
            if any(f is not None and f.num is not None for f in figures):
                out.append(r)
            elif not is_numbered_line(first) and any(f is not None and not f.blank for f in figures):
                out.append(r)  # a leaf whose 分值/得分 hold text: still an indicator (S103)
        return out

    def _text_line(self, r: int) -> bool:
        """One merged cell runs from the tier-3 name over 分值 or 得分: a line of text."""
        grid = self.grid
        name = grid.anchor(r, self.t3_col)
        return any(c is not None and grid.merged_anchor(r, c) == name for c in (self.col("cap"), self.col("score")))

    def _label_cols(self) -> list[int]:
        """A sum row's label may stand left of the tier columns too (the MoF grid writes 总分 in
        its 绩效指标 column): every column left of the figures is a label column."""
        col = self.col
        tier_cols = [c for c in (self.t1_col, self.t2_col, self.t3_col) if c is not None]
        figure_cols = [c for c in (col("cap"), col("score")) if c is not None]
        return list(range(1, min(figure_cols))) if figure_cols else tier_cols

    def read(self) -> Indicators:
        for r in self.rows:
            row = self._row(r)
            if row.first and is_note(row.first):
                break  # notes close the table; what follows is not read
            if not self.grid.rows[r] or (self.after_total and r not in self.leaf_set and not self._budget_label(row)):
                continue  # below the total: a notes block (1.…, 2、…) is not read either
            kind = self._sum_kind(r, row)
            if kind:
                self._add_sum(r, row, kind)
                continue
            own1, own2 = self._fill_down(r, row)
            cap, score = self._figures(r, row)
            if self.cur_t1_label and canonical_tier1(self.cur_t1_label[0]) == "预算执行":
                self._budget_row(r, row.t3, cap, score)
                continue
            if self.cur_t1_label is not None:
                self.cur_t1 = self._tier1(*self.cur_t1_label)
                _declare(self.cur_t1, *self.cur_t1_label)
            if not row.t3:
                self._tier_header(r, own1, own2, cap, score)
            else:
                self._leaf(r, row, cap, score)
        return self.ind

    # ---- tiers

    def _tier1(self, label: str, ref: Ref) -> Tier1:
        name = canonical_tier1(label)
        t1 = self.tier1s.get(name)
        if t1 is None:
            t1 = Tier1(name=name, label=label, ref=ref)
            self.tier1s[name] = t1
            self.ind.tier1s.append(t1)
        return t1

    def _tier2(self, t1: Tier1, label: str, ref: Ref) -> Tier2:
        name = canonical_tier2(label)
        t2 = self.tier2_index.get((t1.name, name))
        if t2 is None:
            t2 = Tier2(name=name, label=label, ref=ref)
            t1.tier2s.append(t2)
            self.tier2_index[(t1.name, name)] = t2
        return t2

    def _fill_down(self, r: int, row: _Row):
        """Tier names carry down (merged or just left blank) until a row names new ones; the
        row's own tier-1 and tier-2 cells."""
        grid = self.grid
        own1, own2 = row.own1, row.own2
        if isinstance(own1, str) and own1.strip():
            self.cur_t1_label = (own1.strip(), grid.ref(r, self.t1_col))
            self.cur_t2_label = None
        elif own1 is not None and not is_blank(own1):
            self.cur_t1_label = (str(own1), grid.ref(r, self.t1_col))
            self.cur_t2_label = None
        if isinstance(own2, str) and own2.strip():
            self.cur_t2_label = (own2.strip(), grid.ref(r, self.t2_col))
        elif own2 is not None and not is_blank(own2):
            self.cur_t2_label = (str(own2), grid.ref(r, self.t2_col))
        return own1, own2

    def _tier_header(self, r: int, own1, own2, cap: Field | None, score: Field | None) -> None:
        """A row without a tier-3 name: with a figure, it declares the cap of the tier-2 it
        names, else of the tier-1; without one, it is a blank or text-only row."""
        has_cap = cap is not None and not cap.blank
        if not has_cap:
            return
        target = None
        if isinstance(own2, str) and own2.strip() and self.cur_t1 is not None:
            target = self._tier2(self.cur_t1, *self.cur_t2_label)
            _declare(target, *self.cur_t2_label)
        elif self.cur_t1 is not None and isinstance(own1, str) and own1.strip():
            target = self.cur_t1
        if target is not None:
            # A cap declared in the tier's label wins over the one on its header row.
            if not (target.cap is not None and target.cap.in_label and target.cap.num is not None):
                target.cap = cap
            if target.score is None:
                target.score = score
            self.ind.last_row = r

    # ---- sum rows and budget rows

    def _sum_kind(self, r: int, row: _Row) -> str | None:
        """"subtotal", "indicators", "total", or None for a row that states no sum: a plain
        合计 sums a block when indicators follow it, else the table."""
        if row.sum_word == TOTAL_EITHER:
            return "subtotal" if self._leaf_below(r) else "total"
        return row.sum_word

    def _leaf_below(self, r: int) -> bool:
        return bool(self.leaf_rows) and self.leaf_rows[-1] > r  # leaf_rows ascend

    @staticmethod
    def _budget_label(row: _Row) -> bool:
        own1 = row.own1
        return isinstance(own1, str) and canonical_tier1(own1.strip()) == "预算执行"

    def _add_sum(self, r: int, row: _Row, kind: str) -> None:
        grid, col = self.grid, self.col
        cap, score = self._figures(r, row)
        if kind == "total" and not self._leaf_below(r):
            self.after_total = True
        label_c = next(c for c in self.label_cols if isinstance(grid.own(r, c), str) and grid.own(r, c).strip())
        self.ind.sums.append(StatedSum(
            kind=kind, row=r, label_ref=grid.ref(r, label_c),
            tier1=self.cur_t1.name if (kind == "subtotal" and self.cur_t1) else None,
            cap=cap, score=score, rate=grid.field(r, col("rate"), rate=True),
        ))
        self.ind.last_row = r
        if kind == "subtotal":
            # A block is closed: its vertical labels do not run on into the next one.
            self.cur_t1_label = self.cur_t2_label = None
            self.cur_t1 = None

    def _budget_row(self, r: int, t3: str, cap: Field | None, score: Field | None) -> None:
        """A row of the 预算执行 tier-1: a budget row when it has a figure or a name."""
        grid, col = self.grid, self.col
        if cap and (cap.num is not None or (score and score.num is not None)) or t3:
            self.ind.budget_rows.append(BudgetRow(
                row=r, label_ref=self.cur_t1_label[1], cap=cap, score=score,
                rate=grid.field(r, col("rate"), rate=True),
                target=grid.field(r, col("target"), rate=True),
                actual=grid.field(r, col("actual"), rate=True),
            ))
            self.ind.last_row = r
            self.cur_t1_label = self.cur_t2_label = None

    # ---- indicators

    def _leaf(self, r: int, row: _Row, cap: Field | None, score: Field | None) -> None:
        """A row with a tier-3 name: an indicator, or a breakdown row (其中…, or no figures)."""
        t3 = row.t3
        has_cap = cap is not None and not cap.blank
        has_score = score is not None and not score.blank
        if t3.lstrip(KEY_MARKS).startswith(PART_PREFIX) or (not has_cap and not has_score):
            self.ind.breakdown_rows.append(r)
            return
        t2_label = self.cur_t2_label
        orphan = self.cur_t1 is None or t2_label is None
        made_under = (self.cur_t1_label, t2_label, self.cur_t1 is None)
        if row.leaf is not None and row.leaf[0] == made_under:
            leaf = row.leaf[1]
        else:
            leaf = self._new_leaf(r, row, cap, score)
            if orphan:
                blank_col = self.t1_col if self.cur_t1 is None else self.t2_col
                leaf.blank_tier_ref = self.grid.ref(r, blank_col) if blank_col is not None else None
            row.leaf = (made_under, leaf)
        self.ind.last_row = r
        if orphan:
            self.ind.orphans.append(leaf)
            return
        t2 = self._tier2(self.cur_t1, *t2_label)
        _declare(t2, *t2_label)
        t2.leaves.append(leaf)

    def _new_leaf(self, r: int, row: _Row, cap: Field | None, score: Field | None) -> Leaf:
        t1_label, t2_label, t3 = self.cur_t1_label, self.cur_t2_label, row.t3
        rate, target, actual, reason, nature_raw, unit_raw = self._leaf_fields(r, row)
        return Leaf(
            row=r,
            tier1=canonical_tier1(t1_label[0]) if t1_label else None,
            tier2=canonical_tier2(t2_label[0]) if t2_label else None,
            # Messages quote the name as the user wrote it (full-width brackets and all).
            name=str(row.t3_raw).strip().lstrip(KEY_MARKS + " \u3000").strip(),
            name_ref=self.grid.ref(r, self.t3_col),
            tier1_ref=t1_label[1] if t1_label else None,
            tier2_ref=t2_label[1] if t2_label else None,
            key=t3[0] in KEY_MARKS,
            nature=_nature(nature_raw),
            target=target,
            unit=cell_text(unit_raw),
            actual=actual,
            cap=cap,
            score=score,
            rate=rate,
            reason=reason,
        )
