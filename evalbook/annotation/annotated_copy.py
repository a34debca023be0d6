"""`evalbook annotate`: the user's own workbook, made self-checking, with every finding shown
where it is and nothing of theirs lost (spec: cli.md "Annotated workbook").

The steps, each in its own module: where the copy goes (target.py); what an earlier run wrote
is taken back (rerun.py) so the rules judge the user's own figures; the derived cells get
formulas (plan.py decides, write.py writes) — only blank ones and those whose stated value is
right, unless --fix; the rules run over the copy as it will be read (the cells written, the
records block), so the findings marked (marks.py) and listed in 校验结果 (results_sheet.py) are
exactly what `evalbook check` of the copy reports.

An .xlsx/.xlsm is decided on its skeleton (files/skeleton.py: openpyxl loads only the cells
annotate writes, with the formats, notes, merges and validations it needs) and written by
splicing (splice_copy.py): the input package with only evalbook's pieces changed, nothing
lost, so nothing to refuse. Where either meets a part it does not read (SpliceError), the
workbook takes the whole openpyxl path as before: loaded whole, after the loss inventory
(inventory.py) has had its say, and saved by openpyxl. An .xls or a web export always takes
it: read through xlrd (or the HTML/XML readers) and written as a new .xlsx from its values,
number formats and merges; 校验结果 and the command line say so. The file is written to a
temporary file and renamed into place; --in-place first copies the input to
``<stem>.bak.xlsx``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from evalbook.profiles import load as load_profile
from evalbook.annotation.cells import is_formula
from evalbook.annotation.marks import comment_drawings_afresh, live_checks, mark_findings, notes_beside_their_cells
from evalbook.annotation.plan import Planner
from evalbook.annotation.rerun import empty_taken_back, settle, strip_marks, take_back, taken_back
from evalbook.annotation.results_sheet import records_sheet, result_sheet
from evalbook.annotation.splice_copy import write_spliced
from evalbook.annotation.target import target_path
from evalbook.annotation.texts import annotate_text
from evalbook.annotation.write import (keep_user_cached_values, kept_notes, unwritable_number, workbook_from_book,
                                       write_plan, written_into_book)
from evalbook.errors import InputError
from evalbook.files.atomic import atomic_write
from evalbook.files.cached_values import add_cached_values
from evalbook.files.door import ANNOTATE_LIMITS, CONVERTED_KINDS, _translate, open_book, sniff
from evalbook.files.inventory import LossError, capture_openpyxl_warnings, losses, merge_losses, render_losses
from evalbook.files.openpyxl_load import load_workbook, mend_styles
from evalbook.files.merges import MergeIndex
from evalbook.files.skeleton import formula_cells, formulas_at
from evalbook.files.splice import Package, SpliceError
from evalbook.files.strict import is_strict, transitional_twin
from evalbook.model.derived import derive
from evalbook.pipeline import run_rules
from evalbook.model.values import normalize
from evalbook.read import RESULT_SHEET, read_book
from evalbook.read.records import read_records
from evalbook.read.workbook import Lent
from evalbook.report.findings import Report


def annotate(path, out=None, profile=None, lang: str = "zh", in_place: bool = False,
             allow_loss: bool = False, select=None, ignore=None, *,
             year: int | None = None, fix: bool = False, limits=None,
             display_name: str | None = None) -> tuple[Report, Path]:
    """Write the annotated copy of *path* and return (the copy's Report, the path written).

    The unit's stated figures stay; with *fix*, wrong derived figures get their formulas and
    each replaced value is recorded (every later check reports it as P109). *limits*
    (evalbook.files.book.Limits) bounds the work, default door.ANNOTATE_LIMITS. Raises
    InputError (exit 2) for unusable input, an OUT equal to the input without *in_place*, and,
    unless *allow_loss*, content openpyxl would drop when the copy cannot be spliced (LossError).
    *display_name* is how 校验结果
    names the file (default: the input's file name), for a caller whose input is a copy under
    another name (the web page's uploads); it is text only, never a path.
    """
    src = Path(path)
    kind = sniff(src)
    target = target_path(src, out, in_place, kind)
    run = _Run(load_profile(profile), lang, select, ignore, year, fix, display_name or src.name,
               src if in_place and target == src else None)
    if kind not in CONVERTED_KINDS:
        try:
            return _annotate_spliced(src, kind, target, run, limits), target
        except SpliceError:
            pass  # a part in a shape the splicer does not edit: openpyxl loads and writes it all
    return _annotate_openpyxl(src, target, kind, run, limits, allow_loss), target


@dataclass
class _Run:
    """What one annotate was asked for."""

    profile: object
    lang: str
    select: object
    ignore: object
    year: int | None
    fix: bool
    shown: str  # how 校验结果 names the file
    replaced: Path | None  # --in-place: the input, copied to <stem>.bak<suffix> before it is replaced

    def back_up(self) -> None:
        if self.replaced is not None:
            src = self.replaced
            with atomic_write(src.with_name(src.stem + ".bak" + src.suffix)) as tmp:
                shutil.copyfile(src, tmp)

    def planner(self, book, user_formulas, lent: Lent) -> Planner:
        """The plan's maker over the user's own figures: the derived figures are all it needs
        (the rules run once, over the copy as check will read it)."""
        model = read_book(book, lent)
        return Planner(model, derive(model, self.profile), self.profile, book, user_formulas, fix=self.fix)

    def rules(self, book, order, lent: Lent) -> Report:
        return run_rules(read_book(book, lent), self.profile, self.lang, self.select, self.ignore, order,
                         year=self.year)


def _annotate_spliced(src: Path, kind: str, target: Path, run: _Run, limits) -> Report:
    """An .xlsx/.xlsm: decided on the workbook's skeleton (files/skeleton.py), written by
    splicing the input package; SpliceError where either meets a part it does not read. A
    Strict Open XML package is annotated as its Transitional twin (files/strict.py): the copy
    is an ordinary .xlsx, and 校验结果 says so."""
    if not is_strict(src):
        return _spliced_copy(src, src, target, run, limits, [], sniffed=kind)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="evalbook-strict-") as tmp:
        twin = Path(tmp) / ("twin" + src.suffix.lower())
        transitional_twin(src, twin)
        return _spliced_copy(src, twin, target, run, limits,
                             [annotate_text("annotate.strict", run.lang, path=run.shown)])


def _spliced_copy(src: Path, package: Path, target: Path, run: _Run, limits, notes: list[str], *,
                  sniffed: str | None = None) -> Report:
    """The copy of *src* decided on the skeleton of *package* (*src* itself, or its
    Transitional twin) and spliced into *package*; *notes* go into 校验结果. *sniffed*: what
    the door said of *package*, when annotate has asked it already."""
    book = open_book(package, limits or ANNOTATE_LIMITS, sniffed=sniffed)
    book.path = str(src)  # the report names the user's file, not a twin's
    huge = unwritable_number(book.sheets)
    if huge is not None:  # the copy would hold it as it is, and no spreadsheet opens that
        raise InputError("annotate_number_too_large", path=str(src), cell=huge)
    pkg = Package(package)
    parts = {name: part for name, _, part in pkg.sheets()}
    if any(s.name not in parts for s in book.sheets):
        raise SpliceError("a sheet the package does not name as the reader does")
    xml = {s.name: pkg.read(parts[s.name]) for s in book.sheets}

    merges = _Merges(book)
    previous = taken_back(book, _held(book, xml, merges))
    order = [s.name for s in book.sheets]
    user_formulas = {(title, r, c) for title in order if title in xml
                     for r, c in formula_cells(xml[title]) if (title, r, c) not in previous}
    lent = Lent()
    planner = run.planner(book, user_formulas, lent)
    plan = planner.plan()
    keep: dict[str, set] = {}
    for title, row, col in previous:
        keep.setdefault(title, set()).add((row, col))
    for w in plan:
        for ref in (w.ref, w.style_from):
            if ref is not None:
                keep.setdefault(ref.sheet, set()).add((ref.row, ref.col))
    read = {parts[title]: data for title, data in xml.items()}  # the skeleton takes them from here
    del xml
    wb = _skeleton_workbook(pkg, keep, merges.covering(keep), book, read)
    style_count = len(wb._cell_styles)
    empty_taken_back(wb, previous)
    report, records, touched, cached = _decided(wb, book, previous, planner, plan, run, order, lent,
                                                merges.anchor)
    run.back_up()
    with atomic_write(target) as tmp:
        write_spliced(package, tmp, wb, style_count, _by_sheet(touched), cached,
                      _results_workbook(lambda results: result_sheet(results, report, run.profile, run.shown,
                                                                     records, notes, run.lang)))
    return report


def _held(book, xml: dict[str, bytes], merges: "_Merges"):
    """What each cell an earlier run recorded holds, as openpyxl would show it: its formula
    (read from the sheet's bytes, all the records' cells of a sheet at once), else its value;
    None where a merged range covers it (*merges*). For rerun.taken_back."""
    wanted: dict[str, set] = {}
    for rec in read_records(book):
        wanted.setdefault(rec.sheet, set()).add(rec.position)
    formulas = {title: formulas_at(xml[title], cells) for title, cells in wanted.items() if title in xml}

    def holds(title: str, row: int, col: int):
        sheet = book.sheet(title)
        if sheet is None or merges.hidden(title, row, col):
            return None
        formula = formulas.get(title, {}).get((row, col))
        return formula if formula is not None else sheet.value(row, col)  # evalbook writes text too

    return holds


class _Merges:
    """The book's merged ranges, asked by cell (files/merges.py: a cost set by their count, not
    their area): which cells hold nothing, which ranges cover the skeleton's cells, and on
    which cell a mark goes."""

    def __init__(self, book):
        self.book = book
        self._index: dict[str, MergeIndex] = {}

    def _index_of(self, title: str) -> MergeIndex | None:
        sheet = self.book.sheet(title)
        if sheet is None or not sheet.merged:
            return None
        if title not in self._index:
            self._index[title] = MergeIndex(sheet.merged)
        return self._index[title]

    def _at(self, title: str, row: int, col: int) -> tuple[int, int, int, int] | None:
        index = self._index_of(title)
        if index is None:
            return None
        i, _ = index.at(row, col)
        return self.book.sheet(title).merged[i] if i >= 0 else None

    def hidden(self, title: str, row: int, col: int) -> bool:
        """Whether a range covers (row, col) without starting there: the cell holds nothing."""
        index = self._index_of(title)
        return index is not None and index.hidden(row, col)

    def covering(self, keep: dict[str, set]) -> dict[str, list]:
        """By sheet, the ranges that cover a kept cell (each once, in the sheet's order)."""
        out: dict[str, list] = {}
        for title, cells in keep.items():
            found = {rng for r, c in cells if (rng := self._at(title, r, c)) is not None}
            sheet = self.book.sheet(title)
            out[title] = [rng for rng in sheet.merged if rng in found] if found else []
        return out

    def anchor(self, ws, a1: str) -> str:
        """The cell a mark on *a1* goes on: its range's top-left cell, the one Excel shows."""
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

        letters, row = coordinate_from_string(a1)
        rng = self._at(ws.title, row, column_index_from_string(letters))
        return a1 if rng is None else f"{get_column_letter(rng[1])}{rng[0]}"


def _skeleton_workbook(pkg: Package, keep: dict, merges: dict, book, read: dict | None = None):
    from evalbook.files.skeleton import skeleton

    try:
        wb = load_workbook(skeleton(pkg, keep, merges, read), rich_text=True)
    except SpliceError:
        raise
    except Exception as e:  # noqa: BLE001 - a package openpyxl reads otherwise than the splicer
        raise SpliceError(f"the skeleton does not load ({type(e).__name__})") from e
    theirs = [s.name for s in book.sheets]
    if [ws.title for ws in wb.worksheets if normalize(ws.title) != RESULT_SHEET] != theirs:
        raise SpliceError("the skeleton's sheets are not the reader's")
    mend_styles(wb)
    return wb


def _decided(wb, book, previous, planner, plan, run: _Run, order, lent: Lent, anchor_of=None):
    """Write the plan into *wb*, rerun the rules over the copy as check will read it (what the
    first read lent: the sheets no cell was written in), and mark every finding; returns (the
    copy's report, the records, the cells touched, cached values)."""
    strip_marks(wb)
    cached, written = write_plan(wb, book, plan, run.lang)
    touched = set(previous) | {(w.ref.sheet, w.ref.row, w.ref.col) for w in plan}
    was = kept_notes(planner.kept, run.lang)
    records = settle(wb, book, previous, written)
    # The copy as check will read it: the cells written, and the records block (P109).
    written_into_book(wb, book, plan, cached)
    book.sheets.append(records_sheet(records, run.lang))
    lent.reread({title for title, _, _ in touched})
    report = run.rules(book, order, lent)
    book.sheets.pop()
    mark_findings(wb, report, was, run.lang, anchor_of)
    live_checks(wb, report.workbook, run.lang)
    return report, records, touched, cached


def _annotate_openpyxl(src: Path, target: Path, kind: str, run: _Run, limits, allow_loss: bool) -> Report:
    """The copy decided and written by openpyxl: an .xls or web export read into a new .xlsx,
    or an .xlsx/.xlsm the splicer does not take (after the loss inventory has had its say)."""
    if kind not in CONVERTED_KINDS and is_strict(src):  # its twin did not splice: openpyxl reads no Strict
        raise InputError("annotate_strict", path=str(src))
    book = open_book(src, limits or ANNOTATE_LIMITS, sniffed=kind)
    wb, lost = _load(src, kind, book)
    splicing = kind not in CONVERTED_KINDS
    if lost and not allow_loss:
        _close(wb)
        raise LossError(src, lost)
    try:
        previous = take_back(wb, book)
        order = [s.name for s in book.sheets]
        user_formulas = {(ws.title, c.row, c.column) for ws in wb.worksheets
                         for c in ws._cells.values() if is_formula(c)}
        lent = Lent()
        planner = run.planner(book, user_formulas, lent)
        plan = planner.plan()
        report, records, _, cached = _decided(wb, book, previous, planner, plan, run, order, lent)
        notes = []
        if not splicing:
            notes.append(annotate_text("annotate.converted", run.lang, path=run.shown))
        if lost:
            notes.append(annotate_text("annotate.lost", run.lang, parts=render_losses(lost, run.lang)))
        result_sheet(wb, report, run.profile, run.shown, records, notes, run.lang)
        keep_user_cached_values(wb, book, cached)
        if kind == "xlsm":
            comment_drawings_afresh(wb)
        run.back_up()
        with atomic_write(target) as tmp, notes_beside_their_cells():
            wb.save(tmp)
            add_cached_values(tmp, {t: v for t, v in cached.items() if v})
    finally:
        _close(wb)
    return report


def _by_sheet(touched) -> dict[str, set]:
    """The touched cells by sheet (the splicer writes each sheet's row by row, never in a
    set's order, which follows the hashes of sheet names and changes between processes)."""
    cells: dict[str, set] = {}
    for title, row, col in touched:
        cells.setdefault(title, set()).add((row, col))
    return cells


def _results_workbook(fill):
    """校验结果 in an openpyxl workbook of its own, for the splicer to take its sheet from."""
    import openpyxl

    results = openpyxl.Workbook()
    results.remove(results.active)
    fill(results)
    return results


def _load(src: Path, kind: str, book):
    """The workbook openpyxl will write, and what a load and save would lose."""
    if kind in CONVERTED_KINDS:  # an .xls or a web export: a new .xlsx from what was read
        return workbook_from_book(book), []
    lost = losses(src, keep_vba=True)
    try:
        with capture_openpyxl_warnings() as warned:
            wb = load_workbook(src, keep_vba=(kind == "xlsm"), keep_links=True, rich_text=True)
    except MemoryError as e:
        raise InputError("too_large", path=str(src)) from e
    except Exception as e:  # the guard's translation: one line, never a traceback
        raise _translate(e, str(src)) from e
    if [ws.title for ws in wb.worksheets] != [s.name for s in book.sheets]:
        _close(wb)  # openpyxl found other sheets than the package lists (a damaged workbook.xml)
        raise InputError("annotate_sheets_differ", path=str(src))
    mend_styles(wb)
    huge = unwritable_number(wb.worksheets)
    if huge is not None:
        _close(wb)
        raise InputError("annotate_number_too_large", path=str(src), cell=huge)
    return wb, merge_losses(lost, warned)


def _close(wb) -> None:
    """openpyxl keeps an .xlsm's package open (vba_archive) and never closes it: close it, or
    the interpreter prints a ZipFile.__del__ traceback at exit."""
    archive = getattr(wb, "vba_archive", None)
    if archive is not None:
        try:
            archive.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass
