"""Which derived cells annotate writes a formula into, which formula, and the value it caches.

Derived cells: 得分率, the tier and 小计/指标合计/总分 rows, the funds block's 执行率 and score,
自评得分, 自评等级, 剩余资金, 支付占合同比例, the payments 合计. Each formula is built by
:mod:`evalbook.model.formulas`, and its value by the formula's Python twin, fed with the cells
as the spreadsheet will see them (a cell evalbook writes counts with its own twin value, which
is why cells are planned in dependency order).

A formula is written only where that value equals the figure the checker derived
(:mod:`evalbook.model.derived`, the same figures the rules judge by): where the two part (a
score stored as text, which SUM skips; a derived cell whose inputs are missing but which states
a value) the cell keeps what the user wrote and the findings say why. So the workbook and
校验结果 never disagree. Input cells are never written.

A missing 得分率 column is written into the column right of 得分 when that column is empty in
every row, else into the first column right of everything on the sheet: inserting a column
would shift the user's cells, merges, formulas and validations, which openpyxl does not adjust.
A payments sheet without a 合计 row gets none (a row added below could land on the user's
notes); a user's own formula in a derived cell that already gives the right figure stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evalbook.annotation.cells import row_runs
from evalbook.files.book import MAX_COL, Book
from evalbook.model import formulas as F
from evalbook.model.derived import Derived, closed_leaves, leaves_sum, score_rate, val
from evalbook.model.values import read_grade
from evalbook.model.workbook import Field, Ref, Workbook

RATE_HEADER = "得分率"
RATE_FORMAT = "0.00%"


@dataclass
class Write:
    """One cell annotate writes: what goes in, the value it caches, and how it looks."""

    ref: Ref
    content: str  # a formula, or the 得分率 header text
    value: Any = None  # the cached result ("" for blank); None for plain text
    fmt: str | None = None  # number format for a cell whose own is General
    stated: Field | None = None  # what the cell stated: the 原填 note compares it with value
    percent: bool = False  # a rate, shown as a percent
    grade: bool = False  # 自评等级: compared as a grade, not a number
    style_from: Ref | None = None  # a new cell takes this cell's look
    basis: str = "formula"  # what the formula computes from, for the note (texts.py annotate.basis.*)


def agree(twin, checker) -> bool:
    """Whether the spreadsheet's value (*twin*) is the checker's figure, up to float noise."""
    if checker is None:
        return False
    if isinstance(checker, str) or isinstance(twin, str):
        return twin == checker
    return abs(float(twin) - float(checker)) <= 1e-9 * max(1.0, abs(float(checker)))


def holds(f: Field | None, checker, grade: bool) -> bool:
    """Whether a stated value is the checker's figure (the interval notion of equal)."""
    if field_blank(f):
        return checker is None
    if checker is None:
        return False
    if grade:
        return read_grade(f.raw) == checker
    return f.num is not None and f.num.agrees(float(checker))


def field_blank(f: Field | None) -> bool:
    return f is None or f.blank


def column_ranges(col: int, rows: list[int], sheet: str | None) -> list[str]:
    """The rows of one column as the fewest ranges (``I2:I9``, ``I12``), on *sheet* when given."""
    from openpyxl.utils import get_column_letter

    L = get_column_letter(col)
    out = []
    for a, b in row_runs(rows):
        out.append(F.ref(sheet, f"{L}{a}" if a == b else f"{L}{a}:{L}{b}"))
    return out


def sum_if_any(parts: list[str]) -> str:
    # Excel takes 255 arguments; more runs than that are folded into SUMs of their own.
    if len(parts) > 250:
        parts = ["SUM(" + ",".join(parts[i:i + 250]) + ")" for i in range(0, len(parts), 250)]
    return F.sum_if_any(parts)


class Planner:
    """Decides the formula of every derived cell and its value, in dependency order."""

    def __init__(self, wb: Workbook, derived: Derived, profile, book: Book, user_formulas=frozenset(),
                 fix: bool = False):
        self.wb, self.d, self.profile, self.book = wb, derived, profile, book
        self.user_formulas = user_formulas
        self.fix = fix  # --fix: wrong stated figures get their formulas too (and are recorded)
        self.writes: dict[tuple[str, int, int], Write] = {}
        # claims that stay (not --fix): the formula that would have gone there, for the note
        self.kept: list[Write] = []
        self.wrong: set[tuple[str, int, int]] = set()
        self.new_rate_col: int | None = None  # the 得分率 column evalbook adds, if any
        self.planned: list[Write] = []
        self._sheets: dict = {}  # by name, the first of a name as Book.sheet finds it
        for sheet in book.sheets:
            self._sheets.setdefault(sheet.name, sheet)
        self._blocked: set[int] | None = None

    # the cells as the spreadsheet will see them
    def see(self, ref: Ref | None):
        if ref is None:
            return None
        w = self.writes.get((ref.sheet, ref.row, ref.col))
        if w is not None:
            return w.value
        sheet = self._sheets.get(ref.sheet)
        return None if sheet is None else sheet.value(ref.row, ref.col)

    def see_column(self, sheet_name: str, col: int, rows) -> list:
        """:meth:`see` of the cell in *col* of each of *rows*: a sum's thousands of cells
        looked up without a Ref each."""
        sheet = self._sheets.get(sheet_name)
        get = {}.get if sheet is None else sheet.cells.get
        seen = [None if (cell := get((r, col))) is None else cell.value for r in rows]
        written = {r: w.value for (s, r, c), w in self.writes.items() if c == col and s == sheet_name}
        if written:
            seen = [written[r] if r in written else v for r, v in zip(rows, seen)]
        return seen

    def offer(self, field: Field | None, row: int | None, formula: str, twin, checker, *,
              percent=False, grade=False, ref: Ref | None = None, style_from=None,
              basis: str = "formula") -> bool:
        """Write *formula* into the field's cell when the spreadsheet's value agrees with the
        checker's, or when neither has one and the cell is blank; and (unless --fix) only where
        the cell is blank or states that figure: a wrong claim stays, with a note of the formula."""
        if ref is None:
            if field is None or field.in_label:
                return False
            ref = field.ref
        if row is not None and ref.row != row:
            return False  # the field is part of a range merged from a row above
        if (ref.sheet, ref.row, ref.col) in self.writes:
            return False
        blank_twin = twin == F.EMPTY or twin is None
        if (ref.sheet, ref.row, ref.col) in self.user_formulas and holds(field, checker, grade):
            return False  # the user's own formula already gives the right figure: theirs stays
        if not (agree(twin, checker) or (checker is None and blank_twin and field_blank(field))):
            return False
        w = Write(ref, formula, twin, RATE_FORMAT if percent else None, field, percent, grade, style_from, basis)
        if not self.fix and not field_blank(field) and not holds(field, checker, grade):
            self.kept.append(w)
            self.wrong.add((ref.sheet, ref.row, ref.col))
            return False
        self.writes[(ref.sheet, ref.row, ref.col)] = w
        self.planned.append(w)
        return True

    def a1(self, ref: Ref, home: str) -> str:
        return F.ref(None if ref.sheet == home else ref.sheet, ref.a1)

    def plan(self) -> list[Write]:
        ind = self.wb.indicators
        if ind is not None:
            self.leaf_rates(ind)
        self.funds()
        self.budget_row()
        if ind is not None:
            self.tier_scores(ind)
            self.sums(ind)
        self.project()
        self.payments()
        return self.planned

    # --- indicator sheet
    def rate_column(self, ind) -> tuple[int, bool] | None:
        """The 得分率 column and whether evalbook adds it; None when the sheet has no column
        left for it (a cell in XFD: a column past it would make Excel repair the file)."""
        col = ind.columns.get("rate")
        if col is not None:
            return col, False
        sheet = self.book.sheet(ind.sheet)
        score_col = ind.columns.get("score")
        first, last = ind.columns.header_row, max(ind.last_row, ind.columns.header_row)

        def empty(c: int) -> bool:
            if any(cc == c and first <= r <= last for r, cc in sheet.cells):
                return False
            return not any(c1 <= c <= c2 and r1 <= last and r2 >= first for r1, c1, r2, c2 in sheet.merged)

        if empty(score_col + 1):
            return score_col + 1, True
        right = max([sheet.max_col] + [c2 for _, _, _, c2 in sheet.merged])
        return (right + 1, True) if right < MAX_COL else None

    def leaf_rates(self, ind) -> None:
        leaves = sorted(ind.leaves + ind.orphans, key=lambda lf: lf.row)
        if not leaves or ind.columns.get("score") is None or ind.columns.get("cap") is None:
            return
        where = self.rate_column(ind)
        if where is None:
            return
        col, new = where
        hdr = ind.columns.header_row
        if new:
            self.new_rate_col = col
            score_hdr = Ref(ind.sheet, hdr, ind.columns.get("score"))
            w = Write(Ref(ind.sheet, hdr, col), RATE_HEADER, None, style_from=score_hdr)
            self.writes[(ind.sheet, hdr, col)] = w
            self.planned.append(w)
        for leaf in leaves:
            if leaf.cap is None or leaf.score is None or leaf.cap.ref.row != leaf.row \
                    or leaf.score.ref.row != leaf.row:
                continue
            checker = score_rate(leaf.score, leaf.cap)
            field = None if new else leaf.rate
            key = (ind.sheet, leaf.row, col)
            if key in self.writes or (key in self.user_formulas and holds(field, checker, False)):
                continue  # what offer declines before it looks at the formula (their own rates)
            twin = F.value_score_rate(self.see(leaf.score.ref), self.see(leaf.cap.ref))
            formula = F.score_rate(leaf.score.ref.a1, leaf.cap.ref.a1)
            self.offer(field, leaf.row, formula, twin, checker, percent=True,
                       ref=Ref(ind.sheet, leaf.row, col),
                       style_from=leaf.score.ref if new else None, basis="rate")

    def leaf_sum(self, ind, leaves, what: str, home: str):
        """(range texts, twin value, checker value, rows summed) of the leaves' caps or scores."""
        rows = [lf.row for lf in leaves if (f := getattr(lf, what)) is not None and f.ref.row == lf.row]
        col = ind.columns.get(what)
        if col is None or not rows:
            return [], None, None, []
        rows = self.spread(ind.sheet, col, rows, self.blocked_rows(ind), ind.last_row)
        sheet = None if home == ind.sheet else ind.sheet
        twin = F.value_sum_if_any(self.see_column(ind.sheet, col, rows))
        return column_ranges(col, rows, sheet), twin, leaves_sum(leaves, what), rows

    def blocked_rows(self, ind) -> set[int]:
        """Rows a sum must never reach into: every row that means something of its own."""
        if self._blocked is not None:
            return self._blocked
        rows = {ind.columns.header_row, *(s.row for s in ind.sums), *(b.row for b in ind.budget_rows),
                *ind.breakdown_rows, *(lf.row for lf in ind.leaves + ind.orphans)}
        for t1 in ind.tier1s:
            for tier in [t1, *t1.tier2s]:
                for f in (tier.cap, tier.score):
                    if f is not None and not f.in_label:
                        rows.add(f.ref.row)
        self._blocked = rows  # the one indicator sheet's, asked by every sum on it
        return rows

    def spread(self, sheet_name: str, col: int, rows: list[int], blocked: set[int], last: int) -> list[int]:
        """The rows of a sum, widened over the blank rows after each of them up to the next row
        that means something (the next block, the 小计 row): the spare rows a form leaves for
        more indicators or payments are then summed once the user fills them, as the
        template's own formulas do. Blank cells add nothing, so the value does not change."""
        sheet = self._sheets.get(sheet_name)
        mine = set(rows)
        out = set(rows)
        for r in sorted(rows):
            nxt = r + 1
            if nxt in mine:
                continue  # the next row is summed too: no blank rows after this one
            while nxt <= last and nxt not in mine and nxt not in blocked and \
                    (sheet is None or sheet.value(nxt, col) is None) and \
                    (sheet_name, nxt, col) not in self.writes:
                nxt += 1
            if nxt in mine or nxt in blocked or nxt > last:
                out.update(range(r + 1, nxt))
        return sorted(out)

    def tier_scores(self, ind) -> None:
        leaf_rows = {lf.row for lf in ind.leaves}
        tiers = [(t2, t2.leaves) for t1 in ind.tier1s for t2 in t1.tier2s]
        tiers += [(t1, t1.leaves) for t1 in ind.tier1s]
        for tier, leaves in tiers:
            f = tier.score
            if f is None or f.in_label or not leaves or f.ref.row in leaf_rows \
                    or f.ref.col != ind.columns.get("score"):
                continue
            parts, twin, checker, _ = self.leaf_sum(ind, leaves, "score", ind.sheet)
            if parts:
                self.offer(f, None, sum_if_any(parts), twin, checker, basis="scores")

    def is_wrong(self, ref: Ref | None) -> bool:
        """A stated derived figure that is wrong and stays: no formula may refer to it."""
        return ref is not None and (ref.sheet, ref.row, ref.col) in self.wrong

    def budget_cells(self) -> tuple[Ref | float | None, Ref | None]:
        """(cap, score) of budget execution as the totals take them: the cells holding the
        figures derive used (a cap may be the profile's weight, a number, where the funds block
        leaves its cap blank), else the funds block's own cells, blank until filled."""
        d, wb = self.d, self.wb
        funds = wb.project.funds if wb.project else None
        pick = lambda f: None if f is None or f.in_label else f.ref  # noqa: E731
        if d.budget_source == "indicators" and wb.indicators and wb.indicators.budget_rows:
            row = wb.indicators.budget_rows[0]
            return pick(row.cap), pick(row.score)
        if funds is None or funds.total is None:
            return None, None
        t = funds.total
        if val(d.budget_cap_field) is not None:
            cap = pick(d.budget_cap_field)
        elif d.budget_cap is not None:
            cap = d.budget_cap  # the profile's weight (workbook.md)
        else:
            cap = pick(t.cap)
        score = pick(t.score)
        written = score is not None and (score.sheet, score.row, score.col) in self.writes
        if d.budget_score is None or not written:
            if val(d.budget_score_field) is not None:
                score = pick(d.budget_score_field)
        return cap, score

    def term(self, x: Ref | float, home: str) -> tuple[str, object]:
        """A budget figure as a formula operand and its value: a cell, or the profile's number."""
        if isinstance(x, Ref):
            return self.a1(x, home), self.see(x)
        return F.number_text(x), float(x)

    def sums(self, ind) -> None:
        cap_ref, score_ref = self.budget_cells()
        for s in ind.sums:
            leaves = closed_leaves(ind, s)
            if leaves is None:
                continue
            for what, extra_ref in (("cap", cap_ref), ("score", score_ref)):
                f = getattr(s, what)
                parts, twin, checker, _ = self.leaf_sum(ind, leaves, what, ind.sheet)
                if s.kind == "total" and extra_ref is not None:
                    text, value = self.term(extra_ref, ind.sheet)
                    parts = parts + [text]
                    twin = F.value_sum_if_any([*([] if twin in (None, F.EMPTY) else [twin]), value])
                    checker = self.d.total_cap_sum if what == "cap" else self.d.total_score_sum
                if parts:
                    self.offer(f, s.row, sum_if_any(parts), twin, checker, basis=what + "s")
            rate_ref = None
            if s.rate is not None:
                rate_ref = s.rate.ref
            elif self.new_rate_col is not None:
                rate_ref = Ref(ind.sheet, s.row, self.new_rate_col)
            if rate_ref is not None and s.cap is not None and s.score is not None \
                    and not self.is_wrong(s.score.ref) and not self.is_wrong(s.cap.ref):
                sc, cp = self.see(s.score.ref), self.see(s.cap.ref)
                checker = None
                w_s = self.writes.get((ind.sheet, s.row, s.score.ref.col))
                w_c = self.writes.get((ind.sheet, s.row, s.cap.ref.col))
                if w_s and w_c and F.is_number(sc) and F.n(cp) != 0:
                    checker = sc / cp  # both are evalbook's sums: its rate is of what they show
                else:
                    checker = score_rate(s.score, s.cap)
                self.offer(s.rate, s.row, F.score_rate(s.score.ref.a1, s.cap.ref.a1),
                           F.value_score_rate(sc, cp), checker, percent=True, ref=rate_ref,
                           style_from=None if s.rate is not None else s.score.ref, basis="rate")

    def budget_row(self) -> None:
        """Budget execution scored on the indicator sheet (a 预算执行率 row): its score from its
        cap and the rate the row states (its 得分率/执行率 cell, else its 实际完成值)."""
        d, ind = self.d, self.wb.indicators
        if d.budget_source != "indicators" or ind is None or not ind.budget_rows:
            return
        row = ind.budget_rows[0]
        rate = row.rate if val(row.rate) is not None else row.actual
        if rate is None or row.cap is None or rate.ref.row != row.row or row.cap.ref.row != row.row:
            return
        self.budget_score_formula(row.score, row.row, row.cap.ref, rate.ref.a1, self.see(rate.ref), home=ind.sheet)

    def budget_score_formula(self, score: Field | None, row: int, cap_ref: Ref | float, rate_expr: str,
                             rate_value, home: str | None = None) -> None:
        home = home or (cap_ref.sheet if isinstance(cap_ref, Ref) else "")
        cap, cap_value = self.term(cap_ref, home)
        formula = F.budget_score(cap, rate_expr, self.profile)
        if not F.is_number(cap_value):
            # Without a cap there is no score (derive says so too), rather than 0.
            formula = f'=IF(ISNUMBER({cap}),{formula[1:]},"")'
        twin = F.value_budget_score(cap_value, rate_value, self.profile) if F.is_number(cap_value) else F.EMPTY
        self.offer(score, row, formula, twin, self.d.budget_score, basis="budget_score")

    # --- project sheet
    def funds(self) -> None:
        p, d = self.wb.project, self.d
        if p is None or p.funds is None or p.funds.total is None:
            return
        t = p.funds.total
        row = t.ref.row
        rate_expr = None
        if t.budget is not None and t.executed is not None:
            formula = F.budget_rate(t.executed.ref.a1, t.budget.ref.a1)
            twin = F.value_budget_rate(self.see(t.executed.ref), self.see(t.budget.ref))
            checker = d.budget_rate if d.budget_source == "funds" else None
            self.offer(t.rate, row, formula, twin, checker, percent=True, basis="budget_rate")
            if t.rate is not None and t.rate.ref.row == row and not self.is_wrong(t.rate.ref):
                rate_expr, rate_value = t.rate.ref.a1, self.see(t.rate.ref)
            else:  # no 执行率 column (or a wrong one that stays): the score computes the rate itself
                rate_expr, rate_value = "(" + formula[1:] + ")", twin
        elif t.rate is not None and t.rate.ref.row == row:
            rate_expr, rate_value = t.rate.ref.a1, self.see(t.rate.ref)
        if rate_expr is None or d.budget_source == "indicators":
            return
        cap, _ = self.budget_cells()
        if cap is None or (isinstance(cap, Ref) and t.cap is not None and cap == t.cap.ref
                           and t.cap.ref.row != row):
            return
        self.budget_score_formula(t.score, row, cap, rate_expr, rate_value, home=t.ref.sheet)

    def project(self) -> None:
        p, d, ind = self.wb.project, self.d, self.wb.indicators
        if p is None:
            return
        home = p.sheet
        money = {k: m.value for k, m in p.money.items()}

        def own(name: str, f: Field | None) -> Field | None:
            # a value written inside its label ("剩余资金：0.08") has no cell of its own
            if f is None or p.labels.get(name) == f.ref:
                return None
            return f

        rem = own("remaining", money.get("remaining"))
        if rem is not None and d.remaining_from is not None:
            a, b = d.remaining_from  # the pair derived.py takes 剩余资金 from
            self.offer(rem, None, F.remaining(self.a1(a.ref, home), self.a1(b.ref, home)),
                       F.value_remaining(self.see(a.ref), self.see(b.ref)), d.remaining, basis="remaining")
        paid, contract = money.get("cumulative_paid"), money.get("contract")
        share = own("paid_share", p.paid_share)
        if share is not None and paid is not None and contract is not None:
            self.offer(share, None, F.paid_share(self.a1(paid.ref, home), self.a1(contract.ref, home)),
                       F.value_paid_share(self.see(paid.ref), self.see(contract.ref)), d.paid_share,
                       percent=True, basis="paid_share")

        total_ref = None
        claimed = own("claimed_total", p.claimed_total)
        _, budget_score_ref = self.budget_cells()
        if claimed is not None and ind is not None:
            parts, twin, _, rows = self.leaf_sum(ind, ind.leaves, "score", home)
            extra = [self.term(budget_score_ref, home)] if budget_score_ref is not None else []
            parts = parts + [text for text, _ in extra]
            if parts:
                values = self.see_column(ind.sheet, ind.columns.get("score"), rows)
                twin = F.value_sum_if_any(values + [value for _, value in extra])
                if self.offer(claimed, None, F.total(parts, None), twin, d.total_score_sum, basis="scores"):
                    total_ref = claimed.ref
        if total_ref is None and ind is not None:
            for s in ind.sums:
                if s.kind == "total" and s.score is not None and \
                        (s.score.ref.sheet, s.score.ref.row, s.score.ref.col) in self.writes:
                    total_ref = s.score.ref
        grade = own("claimed_grade", p.claimed_grade)
        if grade is not None and total_ref is not None:
            self.offer(grade, None, F.grade(self.a1(total_ref, home), self.profile),
                       F.value_grade(self.see(total_ref), self.profile), d.grade, grade=True, basis="grade")

    # --- payments sheet
    def payments(self) -> None:
        pay = self.wb.payments
        if pay is None or pay.total is None or pay.columns.get("amount") is None:
            return
        col = pay.columns.get("amount")
        rows = [p.row for p in pay.rows if p.amount is not None and p.amount.ref.row == p.row]
        if not rows:
            return
        total_row = pay.total.ref.row
        rows = self.spread(pay.sheet, col, [r for r in rows if r < total_row],
                           {pay.columns.header_row, total_row}, total_row - 1) + [r for r in rows if r > total_row]
        twin = F.value_sum_if_any(self.see_column(pay.sheet, col, rows))
        self.offer(pay.total, None, sum_if_any(column_ranges(col, rows, None)), twin, self.d.payments_sum,
                   basis="payments")
