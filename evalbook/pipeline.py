"""Runs the rules over a workbook and returns its Report: the library's `check`."""

from __future__ import annotations

from pathlib import Path

from evalbook.profiles import load as load_profile
from evalbook.model.derived import derive
from evalbook.model.workbook import Workbook
from evalbook.report.findings import Report
from evalbook.rules import RULES, Context, findings_of, link_causes, load_all, selected, sort_key


def run_rules(wb: Workbook, profile, lang: str = "zh", select=None, ignore=None,
              sheet_order: list[str] | None = None, *, year: int | None = None) -> Report:
    """Every selected rule over *wb*; *year* is the evaluation year the caller expects (--year)."""
    load_all()
    derived = derive(wb, profile)
    ctx = Context(wb, profile, lang, derived, year=year)
    report = Report(file=wb.path, profile=profile.name, workbook=wb, derived=derived)
    for code in selected(sorted(RULES, key=sort_key), select, ignore):
        report.findings.extend(findings_of(RULES[code], wb, ctx))
    link_causes(report.findings, lang)
    report.sort(sheet_order)
    report.count()
    s = report.summary
    s.computed_total = derived.computed_total
    s.grade = derived.grade
    s.budget_rate = derived.budget_rate
    if derived.claimed_total is not None:
        s.claimed_total = derived.claimed_total.value
    else:  # a Word report whose tables state no total: the claim its text makes
        s.claimed_total = derived.claim_in_text
    return report


def check(path, profile=None, lang: str = "zh", select=None, ignore=None, limits=None, *,
          year: int | None = None, report=None) -> Report:
    """Read *path* (xlsx, xlsm or xls, or a Word report: docx, doc) and run every rule. Raises
    InputError for unusable input.

    *limits* (evalbook.files.book.Limits) bounds the work the workbook may ask for; the
    default is evalbook.files.door.LIMITS. *report* is a Word report (.docx) whose text is
    cross-checked against the workbook (the N rules; cli.md "Word reports")."""
    from evalbook.files.door import open_book
    from evalbook.files.book import paused_gc

    prof = load_profile(profile)  # a Profile passes through
    with paused_gc():
        book = open_book(Path(path), limits, documents=True)
        return check_book(book, prof, lang, select, ignore, limits, year=year, report=report)


def check_book(book, profile=None, lang: str = "zh", select=None, ignore=None, limits=None, *,
               year: int | None = None, report=None) -> Report:
    """`check` of a Book the caller opened (evalbook.files.door.open_book, documents=True):
    batch looks at a Word report's paragraphs too, and reads the file once."""
    from evalbook.files.door import WORD_KINDS, open_book
    from evalbook.read import read_book

    prof = load_profile(profile)  # a Profile passes through
    if book.kind in WORD_KINDS:  # a Word report (files/docx.py DocxBook)
        from evalbook.read.report import read_report

        wb = read_report(book)
    else:
        wb = read_book(book)
    order = [s.name for s in book.sheets]
    if report is not None:
        from evalbook.read.narrative import read_narrative

        doc = open_book(Path(report), limits, documents=True)
        if doc.kind not in WORD_KINDS:
            from evalbook.errors import InputError

            raise InputError("report_not_document", path=str(report))
        wb.narrative = read_narrative(doc.paragraphs, wb)
    if wb.narrative is not None:
        from evalbook.model.narrative import REPORT_SHEET

        order.append(REPORT_SHEET)
    return run_rules(wb, prof, lang, select, ignore, order, year=year)
