"""What the reader makes of a workbook: every figure keeps its cell and its shown decimals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from evalbook.model.values import Num, is_blank


def get_column_letter(col: int) -> str:
    """1 → A, 28 → AB. Here rather than from openpyxl: importing openpyxl (and the numpy it
    pulls in) would cost a small form's check more than all its work."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Ref:
    sheet: str
    row: int
    col: int

    @property
    def a1(self) -> str:
        return f"{get_column_letter(self.col)}{self.row}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.a1}"


@dataclass(slots=True)
class Field:
    """One located value. `num` is None when the cell holds no number; `raw` is what it holds."""

    ref: Ref
    raw: Any = None
    num: Num | None = None
    # True when the value was declared inside a label (`数量指标（12）`): there is no cell of
    # its own to write into, and the finding points at the label cell.
    in_label: bool = False
    # A formula cell with no stored result: its text ("=SUM(H2:H8)"); `num` is what evalbook
    # computed from it, or None (S109). Rules that compare a stated derived figure skip it.
    formula: str | None = None
    # An error value the cell holds or its formula gives (#NAME?, #DIV/0! …), S108
    error: str | None = None
    # The formula does not parse: no spreadsheet can evaluate it (`=8个`), S108
    invalid: bool = False

    @property
    def blank(self) -> bool:
        return is_blank(self.raw) and not self.in_label

    @property
    def bad(self) -> bool:
        """Holds something that is not a number where a number belongs (S103); an error value
        or a formula is S108/S109's, not text."""
        return self.num is None and not self.blank and self.formula is None and self.error is None

    @property
    def value(self) -> float | None:
        return None if self.num is None else self.num.value


@dataclass
class Leaf:
    """A scored indicator row (tier-3)."""

    row: int
    tier1: str | None
    tier2: str | None
    name: str
    name_ref: Ref
    tier1_ref: Ref | None = None
    tier2_ref: Ref | None = None
    key: bool = False  # ★ / ☆
    nature: str | None = None  # from a 指标性质 column: ">=", "<=", "=", "定性"
    target: Field | None = None
    unit: str | None = None
    actual: Field | None = None
    cap: Field | None = None
    score: Field | None = None
    rate: Field | None = None
    reason: Field | None = None
    # an orphan leaf (S105): the tier cell left blank, where the missing name belongs
    blank_tier_ref: Ref | None = None
    # model/scoring.py's nature and measures, with the inputs they were worked out from
    scoring_memo: tuple | None = field(default=None, init=False, repr=False, compare=False)


@dataclass
class Tier2:
    name: str
    label: str
    ref: Ref | None
    cap: Field | None = None  # declared (in its label or on a tier header row)
    score: Field | None = None
    leaves: list[Leaf] = field(default_factory=list)


@dataclass
class Tier1:
    name: str  # canonical: 产出, 效益, 满意度, 成本, 预算执行 …
    label: str
    ref: Ref | None
    cap: Field | None = None
    score: Field | None = None
    tier2s: list[Tier2] = field(default_factory=list)

    @property
    def leaves(self) -> list[Leaf]:
        return [leaf for t2 in self.tier2s for leaf in t2.leaves]


# What a stated-sum row is called, by its kind (messages name the row this way).
SUM_LABELS = {"subtotal": "小计", "indicators": "指标合计", "total": "总分"}


@dataclass
class StatedSum:
    """A 小计 / 指标合计 / 总分 row: stated sums of the rows it closes."""

    kind: str  # "subtotal" (a tier-1 block), "indicators" (all leaves), "total" (whole form)
    row: int
    label_ref: Ref
    tier1: str | None = None  # the block a subtotal closes
    cap: Field | None = None
    score: Field | None = None
    rate: Field | None = None


@dataclass
class BudgetRow:
    """Budget execution scored in the indicator sheet (tier-1 预算执行率)."""

    row: int
    label_ref: Ref
    cap: Field | None = None
    score: Field | None = None
    rate: Field | None = None
    target: Field | None = None
    actual: Field | None = None


@dataclass
class Columns:
    """Column numbers of a table (1-based), by field name; header row too."""

    header_row: int
    cols: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> int | None:
        return self.cols.get(name)


@dataclass
class Indicators:
    sheet: str
    columns: Columns
    tier1s: list[Tier1] = field(default_factory=list)
    sums: list[StatedSum] = field(default_factory=list)
    budget_rows: list[BudgetRow] = field(default_factory=list)
    breakdown_rows: list[int] = field(default_factory=list)
    # leaf rows left without a tier-1 or tier-2 name after fill-down (S105)
    orphans: list[Leaf] = field(default_factory=list)
    last_row: int = 0

    @property
    def leaves(self) -> list[Leaf]:
        return [leaf for t1 in self.tier1s for leaf in t1.leaves]


@dataclass
class FundsRow:
    label: str
    ref: Ref
    part: bool  # a 其中 row
    initial_budget: Field | None = None
    budget: Field | None = None
    executed: Field | None = None
    cap: Field | None = None
    rate: Field | None = None
    score: Field | None = None


@dataclass
class Funds:
    columns: Columns
    total: FundsRow | None = None
    parts: list[FundsRow] = field(default_factory=list)


@dataclass
class MoneyField:
    """A project money field with the 其中 rows directly under it."""

    name: str
    value: Field
    parts: list[tuple[str, Field]] = field(default_factory=list)


@dataclass
class Project:
    sheet: str
    # text fields by name (name, department, unit, year, goals …) → (label ref, value field)
    texts: dict[str, Field] = field(default_factory=dict)
    labels: dict[str, Ref] = field(default_factory=dict)  # every field found → its label cell
    money: dict[str, MoneyField] = field(default_factory=dict)  # total_investment, contract, cumulative_paid, remaining
    paid_share: Field | None = None
    claimed_total: Field | None = None
    claimed_grade: Field | None = None
    year: int | None = None
    year_ref: Ref | None = None  # the cell the year was read from (a title such as （2023年度）)
    money_unit: str = "万元"
    funds: Funds | None = None


@dataclass
class Payment:
    row: int
    date: date | None
    date_field: Field
    amount: Field
    item: str | None = None
    source: str | None = None


@dataclass
class Payments:
    sheet: str
    columns: Columns
    rows: list[Payment] = field(default_factory=list)
    total: Field | None = None  # the stated 合计


@dataclass(frozen=True)
class MissingSheet:
    """A sheet the workbook needs and the reader found neither by name nor by content (S101)."""

    kind: str  # "project" or "indicators"


@dataclass(frozen=True)
class MissingColumn:
    """A table whose header lacks a column the reader needs (S102).

    *columns* are the reader's column keys (read/labels.py: "tier3", "amount"): one missing
    column, or, when no header row was found at all, the columns the table cannot be read
    without, together. *ref* is column A of the header row (row 1 without one).
    """

    table: str  # "indicators" or "payments"
    sheet: str
    ref: Ref
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Correction:
    """A derived figure `evalbook annotate --fix` replaced by its formula, as the workbook's own
    record (the 校验结果 sheet's records block) tells it: P109 reports it on every later check."""

    ref: Ref
    claimed: Field  # what the unit had stated
    now: Field  # what the cell holds now


@dataclass
class Workbook:
    path: str
    project: Project | None = None
    indicators: Indicators | None = None
    payments: Payments | None = None
    # what the reader looked for and did not find: facts, which S101 and S102 report
    missing_sheets: list[MissingSheet] = field(default_factory=list)
    missing_columns: list[MissingColumn] = field(default_factory=list)
    # every field read as a number from text (S107) or as text where a number belongs (S103)
    numeric_fields: list[Field] = field(default_factory=list)
    # every field read from a cell holding an error value or a formula without a stored
    # result (S108, S109), in sheet, row, column order
    flagged: list[Field] = field(default_factory=list)
    # Word reports (workbook.md "Word reports"): every table cell is text, so a number written
    # as text is no mistake there (S107 stays silent); the report's text, read for the N rules
    text_cells: bool = False
    narrative: Any = None  # evalbook.model.narrative.Narrative, when a report's text was read
    # derived figures annotate --fix replaced, from the workbook's records (P109)
    corrections: list[Correction] = field(default_factory=list)

    @property
    def uncached_refs(self) -> set[Ref]:
        """Cells whose formula has no stored result: no stated figure to compare (S109)."""
        return {f.ref for f in self.flagged if f.formula is not None}
