"""`evalbook annotate`: the user's own workbook, made self-checking, with every finding shown
where it is and nothing of theirs lost (spec: cli.md "Annotated workbook").

The steps, each in its own module: where the copy goes (target.py); what an earlier run wrote
is taken back (rerun.py) so the rules judge the user's own figures; the rules run; the derived
cells get formulas (plan.py decides, write.py writes); findings are marked (marks.py); the
校验结果 sheet lists them and every cell written (results_sheet.py). The file is written to a
temporary file and renamed into place; --in-place first copies the input to
``<stem>.bak.xlsx``. An .xls is read through xlrd and written as a new .xlsx from its values,
number formats and merges; 校验结果 and the command line say so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from evalbook.profiles import load as load_profile
from evalbook.annotation.cells import is_formula
from evalbook.annotation.marks import comment_drawings_afresh, live_checks, mark_findings
from evalbook.annotation.plan import Planner
from evalbook.annotation.rerun import strip_marks, take_back
from evalbook.annotation.results_sheet import result_sheet
from evalbook.annotation.target import target_path
from evalbook.annotation.texts import annotate_text
from evalbook.annotation.write import keep_user_cached_values, workbook_from_book, write_plan
from evalbook.errors import InputError
from evalbook.files.atomic import atomic_write
from evalbook.files.cached_values import add_cached_values
from evalbook.files.door import CONVERTED_KINDS, _translate, open_book, sniff
from evalbook.files.inventory import LossError, capture_openpyxl_warnings, losses, merge_losses, render_losses
from evalbook.files.openpyxl_load import load_workbook
from evalbook.pipeline import run_rules
from evalbook.read import read_book
from evalbook.report.findings import Report


def annotate(path, out=None, profile=None, lang: str = "zh", in_place: bool = False,
             allow_loss: bool = False, select=None, ignore=None, *,
             year: int | None = None) -> tuple[Report, Path]:
    """Write the annotated copy of *path* and return (its Report, the path written).

    Raises InputError (exit 2) for unusable input, an OUT equal to the input without
    *in_place*, and, unless *allow_loss*, content openpyxl would drop (LossError).
    """
    src = Path(path)
    prof = load_profile(profile)  # a Profile passes through
    kind = sniff(src)
    target = target_path(src, out, in_place, kind)
    book = open_book(src)
    lost: list[str] = []
    if kind in CONVERTED_KINDS:
        wb = workbook_from_book(book)
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

    take_back(wb, book)
    strip_marks(wb)
    model = read_book(book)
    report = run_rules(model, prof, lang, select, ignore, [s.name for s in book.sheets], year=year)
    user_formulas = {(ws.title, c.row, c.column) for ws in wb.worksheets
                     for c in ws._cells.values() if is_formula(c)}
    plan = Planner(model, report.derived, prof, book, user_formulas).plan()
    cached, written, was = write_plan(wb, book, plan, lang)
    mark_findings(wb, report, was, lang)
    live_checks(wb, model, lang)
    notes = []
    if kind in CONVERTED_KINDS:
        notes.append(annotate_text("annotate.converted", lang, path=src.name))
    if lost:
        notes.append(annotate_text("annotate.lost", lang, parts=render_losses(lost, lang)))
    result_sheet(wb, report, prof, src, written, notes, lang)
    keep_user_cached_values(wb, book, cached)

    if in_place and target == src:
        backup = src.with_name(src.stem + ".bak" + src.suffix)
        with atomic_write(backup) as tmp:
            shutil.copyfile(src, tmp)
    if kind == "xlsm":
        comment_drawings_afresh(wb)
    with atomic_write(target) as tmp:
        wb.save(tmp)
        add_cached_values(tmp, {t: v for t, v in cached.items() if v})
    return report, target
