"""`evalbook annotate`: the user's own workbook, made self-checking, with every finding shown
where it is and nothing of theirs lost (spec: cli.md "Annotated workbook").

What is written
- Derived cells (得分率, tier and 小计/指标合计/总分 rows, the funds block's 执行率 and score,
  自评得分, 自评等级, 剩余资金, 支付占合同比例, the payments 合计) get formulas built by
  :mod:`evalbook.model.formulas`. A formula is written only where what the spreadsheet will compute
  from the cells equals the figure the checker derived (derive.py and the model's values):
  where the two part (a score stored as text, which SUM skips; a derived cell whose inputs are
  missing but which states a value) the cell keeps what the user wrote and the findings say why.
  So the workbook and 校验结果 never disagree. Input cells are never written.
- A missing 得分率 column is written into the column right of 得分 when that column is empty
  in every row, else into the first column right of everything on the sheet: inserting a
  column would shift the user's cells, merges, formulas and validations, which openpyxl does
  not adjust. A payments sheet without a 合计 row gets none (a row added below could land on
  the user's notes); a user's own formula in a derived cell that already gives the right
  figure stays as it is.
- Output: OUT, default ``<stem>.checked.xlsx`` (``.xlsm`` keeps its suffix and its VBA);
  --in-place first copies the input to ``<stem>.bak.xlsx``. An .xls is read through xlrd and
  written as a new .xlsx from its values, number formats and merges (with --in-place, as
  ``<stem>.xlsx`` beside it: the .xls itself is never overwritten); 校验结果 and the command
  line say so. Every file is written to a temporary file and renamed into place.

Cached values
openpyxl writes formula cells without results. Each formula's value comes from the Python twin
in formulas.py, fed with the cells as the spreadsheet sees them (a cell evalbook writes counts
with its own twin value), and :func:`evalbook.files.cached_values.add_cached_values` patches those results
into the saved file before it is renamed into place; it also sets fullCalcOnLoad so Excel,
WPS and LibreOffice recalculate on open. Formulas of the user's own get back the results their
input file cached (openpyxl would drop those too). tests/test_annotate.py recalculates every
example with LibreOffice and compares each formula cell with the value cached here.

Ownership, so that a re-run replaces exactly what evalbook wrote
- 校验结果: the whole sheet is evalbook's; it is removed and rebuilt. Its last block lists
  every cell evalbook wrote, with what the cell held before (value, number format, formula).
  A re-run first puts those originals back (in the workbook and in what the rules read) for
  every cell that still holds exactly what evalbook wrote, so the rules judge the user's own
  figures again and a second run gives the same findings, comments and rows. A cell the user
  has since overwritten is theirs again, and its record is dropped.
- Comments: evalbook's text starts at the marker line ``—— evalbook ——``. On a cell with a
  comment of the user's, it is appended below the marker and the comment keeps its author;
  otherwise the comment is evalbook's (author evalbook). A re-run cuts everything from the
  marker on and drops comments that held nothing else.
- Conditional formatting (the red/amber finding marks and the live "score above cap" check)
  and data validation (0 ≤ 得分 ≤ 分值): a conditional format is evalbook's when its formula
  holds ``N("evalbook")`` (always 0, so it changes nothing), a validation when its error title
  is ``evalbook``. Only those are removed on a re-run. Neither touches the cell's own style.
  Score cells that carry a validation of the user's keep theirs (Excel does not allow two).
"""

from __future__ import annotations

import os
import sys
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from evalbook import __version__
from evalbook import profiles
from evalbook.model import formulas as F
from evalbook.files.atomic import atomic_write
from evalbook.files.cached_values import add_cached_values
from evalbook.model.derived import val
from evalbook.errors import InputError
from evalbook.files.door import _translate, open_book, sniff
from evalbook.files.inventory import LossError, capture_openpyxl_warnings, losses, merge_losses, render_losses
from evalbook.files.openpyxl_load import load_workbook
from evalbook.annotation.texts import ANNOTATE_TEXTS, annotate_text
from evalbook.model.values import num, pct, shown
from evalbook.report.text import report_text
from evalbook.model.workbook import Field, Ref, Workbook
from evalbook.read import RESULT_SHEET, read_book
from evalbook.report.findings import Report, _num
from evalbook.files.book import Book, Cell

MARKER = "—— evalbook ——"
AUTHOR = "evalbook"
CF_TAG = 'N("evalbook")=0'
DV_TITLE = "evalbook"
RATE_HEADER = "得分率"
RATE_FORMAT = "0.00%"
ERROR_FILL = "FFFFC7CE"
WARNING_FILL = "FFFFEB9C"
# The records block of 校验结果 is found by its title in either language.
RECORD_COLUMNS = 6  # sheet, cell, value, number format, formula, what evalbook wrote


def annotate(path, out=None, profile=None, lang: str = "zh", in_place: bool = False,
             allow_loss: bool = False, select=None, ignore=None) -> tuple[Report, Path]:
    """Write the annotated copy of *path* and return (its Report, the path written).

    Raises InputError (exit 2) for unusable input, an OUT equal to the input without
    *in_place*, and, unless *allow_loss*, content openpyxl would drop (LossError).
    """
    src = Path(path)
    prof = profile if isinstance(profile, profiles.Profile) else profiles.load(profile)
    kind = sniff(src)
    target = _target(src, out, in_place, kind)
    book = open_book(src)
    lost: list[str] = []
    if kind == "xls":
        wb = _workbook_from_book(book)
    else:
        lost = losses(src, keep_vba=True)
        try:
            with capture_openpyxl_warnings() as warned:
                wb = load_workbook(src, keep_vba=(kind == "xlsm"), keep_links=True, rich_text=True)
        except MemoryError as e:
            raise InputError("too_large", path=str(src)) from e
        except Exception as e:  # the guard's translation: one line, never a traceback
            raise _translate(e, str(src)) from e
        lost = merge_losses(lost, warned)
    if lost and not allow_loss:
        raise LossError(src, lost)

    records = _take_back(wb, book)
    _strip_marks(wb)
    model = read_book(book)
    from evalbook.pipeline import run_rules

    report = run_rules(model, prof, lang, select, ignore, [s.name for s in book.sheets])
    user_formulas = {(ws.title, c.row, c.column) for ws in wb.worksheets
                     for c in ws._cells.values() if _is_formula(c)}
    plan = _Planner(model, report.derived, prof, book, user_formulas).plan()
    cached, written, was = _write_formulas(wb, book, plan, records, lang)
    _mark_findings(wb, report, was, lang)
    _live_checks(wb, model, lang)
    notes = []
    if kind == "xls":
        notes.append(annotate_text("annotate.converted", lang, path=src.name))
    if lost:
        notes.append(annotate_text("annotate.lost", lang, parts=render_losses(lost, lang)))
    _result_sheet(wb, report, prof, src, written, notes, lang)
    _user_cached(wb, book, cached)

    if in_place and target == src:
        backup = src.with_name(src.stem + ".bak" + src.suffix)
        with atomic_write(backup) as tmp:
            shutil.copyfile(src, tmp)
    if kind == "xlsm":
        _comment_drawings_afresh(wb)
    with atomic_write(target) as tmp:
        wb.save(tmp)
        add_cached_values(tmp, {t: v for t, v in cached.items() if v})
    return report, target


def _comment_drawings_afresh(wb) -> None:
    """With keep_vba, openpyxl reuses each sheet's old comment drawing (VML) by name and names
    new ones commentsDrawing<n>, so a sheet gaining comments can collide with another's kept
    drawing (a duplicate zip member), and a sheet losing evalbook's comments keeps a link to a
    drawing no longer written. A drawing that holds only notes is rebuilt from the comments;
    one with form controls is kept as openpyxl keeps it."""
    from evalbook.files.inventory import VML_OBJECT

    archive = wb.vba_archive
    for ws in wb.worksheets:
        if not ws.legacy_drawing:
            continue
        try:
            kinds = {k.decode() for k in VML_OBJECT.findall(archive.read(ws.legacy_drawing))}
        except KeyError:
            kinds = set()
        if kinds <= {"Note"}:
            ws.legacy_drawing = None


def output_path(path, kind: str) -> Path:
    """The default OUT: ``<stem>.checked.xlsx`` beside the input (.xlsm stays .xlsm)."""
    src = Path(path)
    suffix = ".xlsm" if kind == "xlsm" else ".xlsx"
    return src.with_name(src.stem + ".checked" + suffix)


def _target(src: Path, out, in_place: bool, kind: str) -> Path:
    if in_place:
        if out is not None and not _same(Path(out), src):
            raise InputError("annotate_in_place_out", path=str(out))
        # An .xls cannot hold what annotate writes: the .xlsx goes beside it, the .xls stays.
        return src.with_suffix(".xlsx") if kind == "xls" else src
    if out is None:
        return output_path(src, kind)
    target = Path(out)
    if target.is_dir():
        target = output_path(target / src.name, kind)
    if _same(target, src):
        raise InputError("annotate_same", path=str(src))
    return target


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _workbook_from_book(book: Book):
    """An .xls as a new openpyxl workbook: values, number formats and merges (what xlrd gives)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name[:31])
        for (r, c), cell in sheet.cells.items():
            _put(ws.cell(r, c), cell.value)
            if cell.fmt and cell.fmt != "General":
                ws.cell(r, c).number_format = cell.fmt
        for r1, c1, r2, c2 in sheet.merged:
            if (r1, c1) != (r2, c2):
                ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    return wb


def _put(cell, value) -> None:
    """Write *value*; a string is always text, even one beginning with = (openpyxl would make
    it a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


# --------------------------------------------------------------------------- re-runs


@dataclass
class Record:
    """A cell evalbook wrote, and what it held before."""

    sheet: str
    cell: str
    value: Any = None  # as the rules read it (a formula's cached result)
    fmt: str = "General"
    formula: str | None = None  # the user's formula, when the cell held one
    wrote: str = ""  # evalbook's formula (or header text)


def _record_titles() -> set[str]:

    return set(ANNOTATE_TEXTS["annotate.records"])


def _read_records(wb) -> list[Record]:
    if RESULT_SHEET not in wb.sheetnames:
        return []
    ws = wb[RESULT_SHEET]
    titles = _record_titles()
    rows = list(ws.iter_rows(values_only=True))
    out: list[Record] = []
    for i, row in enumerate(rows):
        if row and row[0] in titles:
            for rec in rows[i + 2:]:
                if not rec or rec[0] is None:
                    break
                rec = list(rec) + [None] * RECORD_COLUMNS
                sheet, cell, value, fmt, formula, wrote = rec[:RECORD_COLUMNS]
                if isinstance(sheet, str) and isinstance(cell, str) and isinstance(wrote, str):
                    out.append(Record(sheet, cell, value, fmt or "General", formula or None, wrote))
            break
    return out


def _take_back(wb, book: Book) -> list[Record]:
    """Put back the originals of cells that still hold what evalbook wrote; drop the rest.

    Afterwards the workbook and the Book hold the user's own figures, as before the first run.
    """
    kept = []
    for rec in _read_records(wb):
        if rec.sheet not in wb.sheetnames:
            continue
        ws = wb[rec.sheet]
        try:
            cell = ws[rec.cell]
        except (ValueError, KeyError):
            continue
        if type(cell).__name__ != "Cell":
            continue
        if cell.value != rec.wrote:
            continue  # the user has written over it: theirs again
        _put(cell, rec.value)
        if rec.formula:
            cell.value = rec.formula
        cell.number_format = rec.fmt
        sheet = book.sheet(rec.sheet)
        if sheet is not None:
            key = (cell.row, cell.column)
            if rec.value is None or (isinstance(rec.value, str) and not rec.value.strip()):
                sheet.cells.pop(key, None)
            else:
                sheet.cells[key] = Cell(rec.value, rec.fmt)
        kept.append(rec)
    if RESULT_SHEET in wb.sheetnames:
        wb.remove(wb[RESULT_SHEET])
    for sheet in list(book.sheets):
        if sheet.name == RESULT_SHEET:
            book.sheets.remove(sheet)
    return kept


def _is_ours_cf(rule) -> bool:
    return any("evalbook" in str(f) for f in (rule.formula or ()))


def _strip_marks(wb) -> None:
    """Remove evalbook's comments (its part of a shared one), conditional formats and validations."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    for ws in wb.worksheets:
        for cell in list(ws._cells.values()):
            comment = cell.comment
            if comment is None or MARKER not in (comment.text or ""):
                continue
            theirs = _user_part(comment.text)
            # back to openpyxl's default box, which is what their comment had after loading
            cell.comment = _comment(theirs, comment.author) if theirs else None
        old = ws.conditional_formatting
        if any(_is_ours_cf(rule) for cf in old for rule in cf.rules):
            fresh = ConditionalFormattingList()
            for cf in old:
                for rule in cf.rules:
                    if not _is_ours_cf(rule):
                        fresh.add(str(cf.sqref), rule)
            ws.conditional_formatting = fresh
        dvs = ws.data_validations.dataValidation
        ws.data_validations.dataValidation = [dv for dv in dvs if dv.errorTitle != DV_TITLE]


def _user_part(text: str) -> str:
    return text.split(MARKER, 1)[0].rstrip("\n")


def _comment(text: str, author: str | None, like=None):
    from openpyxl.comments import Comment

    c = Comment(text, author or AUTHOR)
    if like is not None:
        c.width, c.height = like.width, like.height
    return c


# --------------------------------------------------------------------------- formulas


@dataclass
class Write:
    ref: Ref
    content: str  # a formula, or the 得分率 header text
    value: Any = None  # the cached result ("" for blank); None for plain text
    fmt: str | None = None  # number format for a cell whose own is General
    stated: Field | None = None
    percent: bool = False
    grade: bool = False
    style_from: Ref | None = None  # a new cell takes this cell's look


def _agree(twin, checker) -> bool:
    if checker is None:
        return False
    if isinstance(checker, str) or isinstance(twin, str):
        return twin == checker
    return abs(float(twin) - float(checker)) <= 1e-9 * max(1.0, abs(float(checker)))


def _holds(f: Field | None, checker, grade: bool) -> bool:
    """Whether a stated value is the checker's figure (the interval notion of equal)."""
    if _blank(f):
        return checker is None
    if checker is None:
        return False
    if grade:
        from evalbook.model.values import read_grade

        return read_grade(f.raw) == checker
    return f.num is not None and f.num.agrees(float(checker))


def _blank(f: Field | None) -> bool:
    return f is None or f.blank


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for r in sorted(set(rows)):
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def _ranges(col: int, rows: list[int], sheet: str | None) -> list[str]:
    from openpyxl.utils import get_column_letter

    L = get_column_letter(col)
    out = []
    for a, b in _runs(rows):
        out.append(F.ref(sheet, f"{L}{a}" if a == b else f"{L}{a}:{L}{b}"))
    return out


def _sum_if_any(parts: list[str]) -> str:
    # Excel takes 255 arguments; more runs than that are folded into SUMs of their own.
    if len(parts) > 250:
        parts = ["SUM(" + ",".join(parts[i:i + 250]) + ")" for i in range(0, len(parts), 250)]
    return F.sum_if_any(parts)


class _Planner:
    """Decides the formula of every derived cell and its value, in dependency order."""

    def __init__(self, wb: Workbook, derived, profile, book: Book, user_formulas=frozenset()):
        self.wb, self.d, self.profile, self.book = wb, derived, profile, book
        self.user_formulas = user_formulas
        self.writes: dict[tuple[str, int, int], Write] = {}
        self.new_rate_col: int | None = None  # the 得分率 column evalbook adds, if any
        self.planned: list[Write] = []

    # the cells as the spreadsheet will see them
    def see(self, ref: Ref | None):
        if ref is None:
            return None
        w = self.writes.get((ref.sheet, ref.row, ref.col))
        if w is not None:
            return w.value
        sheet = self.book.sheet(ref.sheet)
        return None if sheet is None else sheet.value(ref.row, ref.col)

    def offer(self, field: Field | None, row: int | None, formula: str, twin, checker, *,
              percent=False, grade=False, ref: Ref | None = None, style_from=None) -> bool:
        """Write *formula* into the field's cell when the spreadsheet's value agrees with the
        checker's, or when neither has one and the cell is blank."""
        if ref is None:
            if field is None or field.in_label:
                return False
            ref = field.ref
        if row is not None and ref.row != row:
            return False  # the field is part of a range merged from a row above
        if (ref.sheet, ref.row, ref.col) in self.writes:
            return False
        blank_twin = twin == F.EMPTY or twin is None
        if (ref.sheet, ref.row, ref.col) in self.user_formulas and _holds(field, checker, grade):
            return False  # the user's own formula already gives the right figure: theirs stays
        if not (_agree(twin, checker) or (checker is None and blank_twin and _blank(field))):
            return False
        w = Write(ref, formula, twin, RATE_FORMAT if percent else None, field, percent, grade, style_from)
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
    def rate_column(self, ind) -> tuple[int, bool]:
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
        return right + 1, True

    def leaf_rates(self, ind) -> None:
        leaves = sorted(ind.leaves + ind.orphans, key=lambda lf: lf.row)
        if not leaves or ind.columns.get("score") is None or ind.columns.get("cap") is None:
            return
        col, new = self.rate_column(ind)
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
            s, c = val(leaf.score), val(leaf.cap)
            checker = s / c if s is not None and c else None
            twin = F.value_score_rate(self.see(leaf.score.ref), self.see(leaf.cap.ref))
            formula = F.score_rate(leaf.score.ref.a1, leaf.cap.ref.a1)
            field = None if new else leaf.rate
            self.offer(field, leaf.row, formula, twin, checker, percent=True,
                       ref=Ref(ind.sheet, leaf.row, col),
                       style_from=leaf.score.ref if new else None)

    def leaf_sum(self, ind, leaves, what: str, home: str):
        """(range texts, twin value, checker value, rows summed) of the leaves' caps or scores."""
        fields = [getattr(lf, what) for lf in leaves]
        rows = [lf.row for lf, f in zip(leaves, fields) if f is not None and f.ref.row == lf.row]
        col = ind.columns.get(what)
        if col is None or not rows:
            return [], None, None, []
        rows = self.spread(ind.sheet, col, rows, self.blocked_rows(ind), ind.last_row)
        sheet = None if home == ind.sheet else ind.sheet
        twin = F.value_sum_if_any(self.see(Ref(ind.sheet, r, col)) for r in rows)
        vals = [val(f) for f in fields if f is not None]
        numbers = [v for v in vals if v is not None]
        checker = float(sum(numbers)) if numbers else None
        return _ranges(col, rows, sheet), twin, checker, rows

    def blocked_rows(self, ind) -> set[int]:
        """Rows a sum must never reach into: every row that means something of its own."""
        rows = {ind.columns.header_row, *(s.row for s in ind.sums), *(b.row for b in ind.budget_rows),
                *ind.breakdown_rows, *(lf.row for lf in ind.leaves + ind.orphans)}
        for t1 in ind.tier1s:
            for tier in [t1, *t1.tier2s]:
                for f in (tier.cap, tier.score):
                    if f is not None and not f.in_label:
                        rows.add(f.ref.row)
        return rows

    def spread(self, sheet_name: str, col: int, rows: list[int], blocked: set[int], last: int) -> list[int]:
        """The rows of a sum, widened over the blank rows after each of them up to the next row
        that means something (the next block, the 小计 row): the spare rows a form leaves for
        more indicators or payments are then summed once the user fills them, as the
        template's own formulas do. Blank cells add nothing, so the value does not change."""
        sheet = self.book.sheet(sheet_name)
        mine = set(rows)
        out = set(rows)
        for r in sorted(rows):
            nxt = r + 1
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
                self.offer(f, None, _sum_if_any(parts), twin, checker)

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

    def budget_part(self) -> float:
        d = self.d
        if d.budget_score is not None:
            return d.budget_score
        return val(d.budget_score_field) or 0.0

    def sums(self, ind) -> None:
        cap_ref, score_ref = self.budget_cells()
        for s in ind.sums:
            if s.kind == "subtotal":
                blocks = [t1 for t1 in ind.tier1s if t1.name == s.tier1]
                if not blocks:
                    continue
                leaves = blocks[0].leaves
            else:
                leaves = ind.leaves
            for what, extra_ref in (("cap", cap_ref), ("score", score_ref)):
                f = getattr(s, what)
                parts, twin, checker, _ = self.leaf_sum(ind, leaves, what, ind.sheet)
                if s.kind == "total" and extra_ref is not None:
                    text, value = self.term(extra_ref, ind.sheet)
                    parts = parts + [text]
                    twin = F.value_sum_if_any([*([] if twin in (None, F.EMPTY) else [twin]), value])
                    if what == "cap":
                        checker = self.d.leaf_cap_sum + (self.d.budget_cap or 0.0)
                    else:
                        checker = self.d.leaf_score_sum + self.budget_part()
                if parts:
                    self.offer(f, s.row, _sum_if_any(parts), twin, checker)
            rate_ref = None
            if s.rate is not None:
                rate_ref = s.rate.ref
            elif self.new_rate_col is not None:
                rate_ref = Ref(ind.sheet, s.row, self.new_rate_col)
            if rate_ref is not None and s.cap is not None and s.score is not None:
                sc, cp = self.see(s.score.ref), self.see(s.cap.ref)
                checker = None
                w_s = self.writes.get((ind.sheet, s.row, s.score.ref.col))
                w_c = self.writes.get((ind.sheet, s.row, s.cap.ref.col))
                if w_s and w_c and F.is_number(sc) and F.n(cp) != 0:
                    checker = sc / cp
                elif val(s.score) is not None and val(s.cap):
                    checker = val(s.score) / val(s.cap)
                self.offer(s.rate, s.row, F.score_rate(s.score.ref.a1, s.cap.ref.a1),
                           F.value_score_rate(sc, cp), checker, percent=True, ref=rate_ref,
                           style_from=None if s.rate is not None else s.score.ref)

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
        self.offer(score, row, formula, twin, self.d.budget_score)

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
            self.offer(t.rate, row, formula, twin, checker, percent=True)
            if t.rate is not None and t.rate.ref.row == row:
                rate_expr, rate_value = t.rate.ref.a1, self.see(t.rate.ref)
            else:  # no 执行率 column: the score computes the rate itself
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

        ti, paid = money.get("total_investment"), money.get("cumulative_paid")
        rem = own("remaining", money.get("remaining"))
        if rem is not None:
            pair = None
            if val(ti) is not None and val(paid) is not None:
                pair = (ti, paid)
            elif p.funds and p.funds.total and val(p.funds.total.budget) is not None \
                    and val(p.funds.total.executed) is not None:
                pair = (p.funds.total.budget, p.funds.total.executed)
            elif ti is not None and paid is not None:
                pair = (ti, paid)
            if pair is not None:
                a, b = pair
                checker = val(a) - val(b) if val(a) is not None and val(b) is not None else None
                self.offer(rem, None, F.remaining(self.a1(a.ref, home), self.a1(b.ref, home)),
                           F.value_remaining(self.see(a.ref), self.see(b.ref)), checker)
        contract = money.get("contract")
        share = own("paid_share", p.paid_share)
        if share is not None and paid is not None and contract is not None:
            checker = val(paid) / val(contract) if val(paid) is not None and val(contract) else None
            self.offer(share, None, F.paid_share(self.a1(paid.ref, home), self.a1(contract.ref, home)),
                       F.value_paid_share(self.see(paid.ref), self.see(contract.ref)), checker, percent=True)

        total_ref = None
        claimed = own("claimed_total", p.claimed_total)
        _, budget_score_ref = self.budget_cells()
        if claimed is not None and ind is not None:
            parts, twin, _, rows = self.leaf_sum(ind, ind.leaves, "score", home)
            extra = [self.term(budget_score_ref, home)] if budget_score_ref is not None else []
            parts = parts + [text for text, _ in extra]
            if parts:
                values = [self.see(Ref(ind.sheet, r, ind.columns.get("score"))) for r in rows]
                twin = F.value_sum_if_any(values + [value for _, value in extra])
                checker = d.leaf_score_sum + self.budget_part() if d.computed_total is not None else None
                if self.offer(claimed, None, F.total(parts, None), twin, checker):
                    total_ref = claimed.ref
        if total_ref is None and ind is not None:
            for s in ind.sums:
                if s.kind == "total" and s.score is not None and \
                        (s.score.ref.sheet, s.score.ref.row, s.score.ref.col) in self.writes:
                    total_ref = s.score.ref
        grade = own("claimed_grade", p.claimed_grade)
        if grade is not None and total_ref is not None:
            self.offer(grade, None, F.grade(self.a1(total_ref, home), self.profile),
                       F.value_grade(self.see(total_ref), self.profile), d.grade, grade=True)

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
        twin = F.value_sum_if_any(self.see(Ref(pay.sheet, r, col)) for r in rows)
        numbers = [val(p.amount) for p in pay.rows if val(p.amount) is not None]
        checker = float(sum(numbers)) if numbers else None
        self.offer(pay.total, None, _sum_if_any(_ranges(col, rows, None)), twin, checker)


def _is_formula(cell) -> bool:
    return cell.data_type == "f" and isinstance(cell.value, str)


def _write_formulas(wb, book: Book, plan: list[Write], kept: list[Record], lang: str):
    """Write the plan; return (cached values by sheet, records of what was written, 原填 notes)."""
    from copy import copy

    cached: dict[str, dict[str, Any]] = {}
    written: list[Record] = []
    was: dict[tuple[str, str], str] = {}
    for w in plan:
        ws = wb[w.ref.sheet]
        cell = ws.cell(w.ref.row, w.ref.col)
        if type(cell).__name__ == "MergedCell":
            continue
        formula = cell.value if _is_formula(cell) else None
        sheet = book.sheet(w.ref.sheet)
        original = sheet.value(w.ref.row, w.ref.col) if sheet else None
        if formula != w.content:
            written.append(Record(w.ref.sheet, w.ref.a1, original, cell.number_format or "General",
                                  formula, w.content))
            if w.style_from is not None:
                cell._style = copy(ws.cell(w.style_from.row, w.style_from.col)._style)
            if w.fmt and (cell.number_format or "General") == "General":
                cell.number_format = w.fmt
        if w.value is None and not w.content.startswith("="):
            _put(cell, w.content)
            continue
        cell.value = w.content
        cached.setdefault(w.ref.sheet, {})[w.ref.a1] = w.value
        note = _was(w, lang)
        if note:
            was[(w.ref.sheet, w.ref.a1)] = note
    return cached, written, was


def _was(w: Write, lang: str) -> str | None:
    """"原填 98，应为 94.47" when the stated value is not what the formula gives."""
    from evalbook.model.values import read_grade

    f = w.stated
    if _blank(f):
        return None
    new = w.value
    if w.grade:
        differs = read_grade(f.raw) != new
        new_text = new or "—"
    else:
        if new in (None, F.EMPTY):
            differs = True
        elif f.num is None:
            differs = True
        else:
            differs = not f.num.agrees(float(new))
        # at least the decimals the cell showed, so that 99.58 is not "corrected" to 99.58
        shown_decimals = f.num.decimals if f.num is not None else 0
        if new in (None, F.EMPTY):
            new_text = "—"
        elif w.percent:
            new_text = pct(new, max(2, shown_decimals - 2))
        else:
            new_text = num(new, max(2, shown_decimals))
    if not differs:
        return None
    return annotate_text("annotate.was", lang, old=shown(f), new=new_text)


def _user_cached(wb, book: Book, cached: dict) -> None:
    """The user's own formulas keep the results their file cached (openpyxl would drop them)."""
    for ws in wb.worksheets:
        sheet = book.sheet(ws.title)
        if sheet is None or ws.title == RESULT_SHEET:
            continue
        mine = cached.setdefault(ws.title, {})
        for (r, c), cell in ws._cells.items():
            if not _is_formula(cell) or cell.coordinate in mine:
                continue
            v = sheet.value(r, c)
            if isinstance(v, bool) or (isinstance(v, (int, float)) and v == v) or \
                    (isinstance(v, str) and not v.startswith("#")):
                mine[cell.coordinate] = v


# --------------------------------------------------------------------------- marks


def _anchor(ws, a1: str):
    for rng in ws.merged_cells.ranges:
        if a1 in rng:
            return ws.cell(rng.min_row, rng.min_col)
    return ws[a1]


def _mark_findings(wb, report: Report, was: dict, lang: str) -> None:
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import PatternFill
    from openpyxl.styles.differential import DifferentialStyle

    lines: dict[tuple[str, str], list[str]] = {}
    severity: dict[str, dict[str, str]] = {}
    for f in report.findings:
        if f.ref is None or f.ref.sheet not in wb.sheetnames:
            continue
        ws = wb[f.ref.sheet]
        a1 = _anchor(ws, f.ref.a1).coordinate
        sev = report_text("text." + f.severity, lang)
        lines.setdefault((ws.title, a1), []).append(f"{f.code} {sev}：{f.message}" if lang != "en"
                                                   else f"{f.code} {sev}: {f.message}")
        cells = severity.setdefault(ws.title, {})
        if cells.get(a1) != "error":
            cells[a1] = f.severity
    for key, note in was.items():
        lines.setdefault(key, []).append(note)

    for (title, a1), body in lines.items():
        cell = wb[title][a1]
        ours = MARKER + "\n" + "\n".join(body)
        old = cell.comment
        if old is not None and (old.text or "").strip():
            c = _comment(old.text.rstrip("\n") + "\n" + ours, old.author, old)
        else:
            c = _comment(ours, AUTHOR)
        c.width = 320
        c.height = max(80, 18 * (sum(1 + len(x) // 24 for x in body) + 1))
        cell.comment = c

    for title, cells in severity.items():
        ws = wb[title]
        prio = _next_priority(ws)
        for sev, color in (("error", ERROR_FILL), ("warning", WARNING_FILL)):
            refs = sorted((a1 for a1, s in cells.items() if s == sev), key=_a1_key)
            if not refs:
                continue
            fill = PatternFill(fill_type="solid", start_color=color, end_color=color)
            rule = Rule(type="expression", formula=[CF_TAG], dxf=DifferentialStyle(fill=fill))
            rule.priority = prio
            prio += 1
            ws.conditional_formatting.add(" ".join(refs), rule)


def _a1_key(a1: str):
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    col, row = coordinate_from_string(a1)
    return (row, column_index_from_string(col))


def _next_priority(ws) -> int:
    prios = [rule.priority or 0 for cf in ws.conditional_formatting for rule in cf.rules]
    return max(prios, default=0) + 1


def _live_checks(wb, model: Workbook, lang: str) -> None:
    """0 ≤ 得分 ≤ 分值 on every leaf score: a validation as it is typed, a red mark while broken."""
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import PatternFill
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ind = model.indicators
    if ind is None or ind.sheet not in wb.sheetnames:
        return
    s_col, c_col = ind.columns.get("score"), ind.columns.get("cap")
    if s_col is None or c_col is None:
        return
    ws = wb[ind.sheet]
    rows = [lf.row for lf in ind.leaves + ind.orphans
            if lf.score is not None and lf.score.ref.row == lf.row and lf.cap is not None
            and lf.cap.ref.row == lf.row]
    S, C = get_column_letter(s_col), get_column_letter(c_col)
    theirs = ws.data_validations.dataValidation
    # (a user's validation may span whole columns: ask each range, never enumerate it)
    taken = {(r, s_col) for r in rows if any(f"{S}{r}" in dv.sqref for dv in theirs)}
    prio = _next_priority(ws)
    fill = PatternFill(fill_type="solid", start_color=ERROR_FILL, end_color=ERROR_FILL)
    for a, b in _runs(rows):
        sq = f"{S}{a}" if a == b else f"{S}{a}:{S}{b}"
        formula = f"AND({CF_TAG},ISNUMBER({S}{a}),OR({S}{a}<0,AND(ISNUMBER({C}{a}),{S}{a}>{C}{a})))"
        rule = Rule(type="expression", formula=[formula], dxf=DifferentialStyle(fill=fill))
        rule.priority = prio
        prio += 1
        ws.conditional_formatting.add(sq, rule)
        for x, y in _runs([r for r in range(a, b + 1) if (r, s_col) not in taken]):
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2=f"{C}{x}",
                                allow_blank=True, showErrorMessage=True, errorStyle="stop",
                                errorTitle=DV_TITLE, error=annotate_text("annotate.dv", lang),
                                showInputMessage=False)
            dv.add(f"{S}{x}" if x == y else f"{S}{x}:{S}{y}")
            ws.data_validations.append(dv)


# --------------------------------------------------------------------------- 校验结果


def _result_sheet(wb, report: Report, profile, src: Path, written: list[Record],
                  notes: list[str], lang: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet(RESULT_SHEET)
    bold = Font(bold=True)
    link_font = Font(color="FF0563C1", underline="single")
    t = lambda key, **kw: annotate_text("annotate." + key, lang, **kw)  # noqa: E731
    s = report.summary
    head = [
        (t("file"), src.name),
        (t("profile"), profile.name),
        (t("time"), datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")),
        (t("version"), __version__),
        (t("errors"), s.errors),
        (t("warnings"), s.warnings),
        (t("computed_total"), s.computed_total),
        (t("grade"), s.grade),
        (t("claimed_total"), s.claimed_total),
        (t("budget_rate"), s.budget_rate),
    ]
    ws.cell(1, 1).value = t("title")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    r = 2
    for label, value in head:
        _put(ws.cell(r, 1), label)
        ws.cell(r, 1).font = bold
        _put(ws.cell(r, 2), value)
        if label == t("budget_rate") and value is not None:
            ws.cell(r, 2).number_format = RATE_FORMAT
        r += 1
    for note in notes:
        _put(ws.cell(r, 1), t("note"))
        ws.cell(r, 1).font = bold
        _put(ws.cell(r, 2), note)
        r += 1
    r += 1
    header_row = r
    for c, key in enumerate(("code", "severity", "cell", "message", "stated", "expected"), start=1):
        _put(ws.cell(r, c), t("col_" + key))
        ws.cell(r, c).font = bold
    r += 1

    def link(cell, sheet: str, a1: str, text: str | None = None) -> None:
        _put(cell, text or f"{sheet}!{a1}")
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{F.quote_sheet(sheet)}!{a1}",
                                   display=f"{sheet}!{a1}")
        cell.font = link_font

    for f in report.findings:
        _put(ws.cell(r, 1), f.code)
        _put(ws.cell(r, 2), report_text("text." + f.severity, lang))
        if f.ref is not None:
            link(ws.cell(r, 3), f.ref.sheet, f.ref.a1)
        _put(ws.cell(r, 4), f.message)
        ws.cell(r, 4).alignment = Alignment(wrap_text=True, vertical="top")
        for c, x in ((5, f.stated), (6, f.expected)):
            ws.cell(r, c).value = _num(x)  # as in the JSON report: no float noise
            if f.percent and x is not None:
                ws.cell(r, c).number_format = "0.00%"
        r += 1
    if not report.findings:
        _put(ws.cell(r, 1), t("none"))
        r += 1

    r += 1
    _put(ws.cell(r, 1), t("records"))
    ws.cell(r, 1).font = bold
    r += 1
    for c, key in enumerate(("sheet", "cell", "value", "format", "formula", "wrote"), start=1):
        _put(ws.cell(r, c), t("rec_" + key))
        ws.cell(r, c).font = bold
    r += 1
    for rec in written:
        _put(ws.cell(r, 1), rec.sheet)
        link(ws.cell(r, 2), rec.sheet, rec.cell, rec.cell)
        value = rec.value
        if isinstance(value, (datetime,)) or value is None or isinstance(value, (int, float, str)):
            _put(ws.cell(r, 3), value)
        else:
            _put(ws.cell(r, 3), str(value))
        if rec.fmt != "General" and not isinstance(value, str):
            ws.cell(r, 3).number_format = rec.fmt
        _put(ws.cell(r, 4), rec.fmt)
        _put(ws.cell(r, 5), rec.formula)
        _put(ws.cell(r, 6), rec.wrote)
        r += 1
    for col, width in zip("ABCDEF", (16, 12, 14, 70, 14, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
