"""`evalbook annotate`: the user's own workbook, made self-checking, with every finding shown
where it is and nothing of theirs lost (spec: cli.md "Annotated workbook").

The steps, each in its own module: where the copy goes (target.py); what an earlier run wrote
is taken back (rerun.py) so the rules judge the user's own figures; the rules run; the derived
cells get formulas (plan.py decides, write.py writes) — only blank ones and those whose stated
value is right, unless --fix; the rules run again over the copy as it will be read (the cells
written, the records block), so the findings marked (marks.py) and listed in 校验结果
(results_sheet.py) are exactly what `evalbook check` of the copy reports. An .xlsx/.xlsm is
then written by splicing (splice_copy.py): the input package with only evalbook's pieces
changed, nothing lost, so nothing to refuse; where the splicer meets a part it does not edit
(SpliceError) openpyxl writes the copy as before, after the loss inventory (inventory.py)
has had its say. The file is written to a temporary file and renamed into place; --in-place first copies the input to
``<stem>.bak.xlsx``. An .xls is read through xlrd and written as a new .xlsx from its values,
number formats and merges; 校验结果 and the command line say so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from evalbook.profiles import load as load_profile
from evalbook.annotation.cells import is_formula
from evalbook.annotation.marks import comment_drawings_afresh, live_checks, mark_findings, notes_beside_their_cells
from evalbook.annotation.plan import Planner
from evalbook.annotation.rerun import settle, strip_marks, take_back
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
from evalbook.files.splice import SpliceError
from evalbook.pipeline import run_rules
from evalbook.read import read_book
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
    prof = load_profile(profile)  # a Profile passes through
    kind = sniff(src)
    target = target_path(src, out, in_place, kind)
    book = open_book(src, limits or ANNOTATE_LIMITS)
    wb, lost = _load(src, kind, book)
    splicing = kind not in CONVERTED_KINDS  # an .xlsx/.xlsm: spliced, nothing lost
    if lost and not allow_loss and not splicing:
        _close(wb)
        raise LossError(src, lost)
    style_count = len(wb._cell_styles)

    previous = take_back(wb, book)
    touched = {(title, row, col) for title, row, col in previous}
    strip_marks(wb)
    order = [s.name for s in book.sheets]
    model = read_book(book)
    first = run_rules(model, prof, lang, select, ignore, order, year=year)
    user_formulas = {(ws.title, c.row, c.column) for ws in wb.worksheets
                     for c in ws._cells.values() if is_formula(c)}
    planner = Planner(model, first.derived, prof, book, user_formulas, fix=fix)
    plan = planner.plan()
    cached, written = write_plan(wb, book, plan, lang)
    touched |= {(w.ref.sheet, w.ref.row, w.ref.col) for w in plan}
    was = kept_notes(planner.kept, lang)
    records = settle(wb, book, previous, written)

    # The copy as check will read it: the cells written, and the records block (P109).
    written_into_book(wb, book, plan, cached)
    book.sheets.append(records_sheet(records, lang))
    report = run_rules(read_book(book), prof, lang, select, ignore, order, year=year)
    book.sheets.pop()

    mark_findings(wb, report, was, lang)
    live_checks(wb, report.workbook, lang)
    notes = []
    shown = display_name or src.name
    if kind in CONVERTED_KINDS:
        notes.append(annotate_text("annotate.converted", lang, path=shown))

    if in_place and target == src:
        backup = src.with_name(src.stem + ".bak" + src.suffix)
        with atomic_write(backup) as tmp:
            shutil.copyfile(src, tmp)
    try:
        if splicing and _spliced(src, target, wb, style_count, touched, cached,
                                 lambda results: result_sheet(results, report, prof, shown, records, notes, lang)):
            return report, target
        if lost and not allow_loss:  # the splicer could not take this file: openpyxl writes it
            raise LossError(src, lost)
        if lost:
            notes.append(annotate_text("annotate.lost", lang, parts=render_losses(lost, lang)))
        result_sheet(wb, report, prof, shown, records, notes, lang)
        keep_user_cached_values(wb, book, cached)
        if kind == "xlsm":
            comment_drawings_afresh(wb)
        with atomic_write(target) as tmp, notes_beside_their_cells():
            wb.save(tmp)
            add_cached_values(tmp, {t: v for t, v in cached.items() if v})
    finally:
        _close(wb)
    return report, target


def _spliced(src: Path, target: Path, wb, style_count: int, touched, cached, results_sheet) -> bool:
    """Write the copy by splicing (splice_copy.py); False, with nothing written, where the
    input has a part in a shape the splicer does not edit (then openpyxl writes it)."""
    import openpyxl

    cells: dict[str, set] = {}
    for title, row, col in touched:
        cells.setdefault(title, set()).add((row, col))
    results = openpyxl.Workbook()
    results.remove(results.active)
    results_sheet(results)
    try:
        with atomic_write(target) as tmp:
            write_spliced(src, tmp, wb, style_count, cells, cached, results)
    except SpliceError:
        return False
    return True


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
    huge = unwritable_number(wb)
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
