"""What evalbook wrote last time, so that a re-run replaces exactly that and nothing of the
user's — also after the copy was opened and saved by Excel, WPS, LibreOffice or Gnumeric.

- 校验结果 is evalbook's whole: it is removed and rebuilt. Its last block lists every cell
  evalbook wrote, with what the cell held before (read/records.py reads it, for check too).
  A re-run empties every cell that still holds the formula evalbook wrote (compared as
  formulas, however the application re-wrote the text) and plans it afresh: the formula goes
  back with its value computed from the figures as they are now, and the record keeps the
  first original (and a --fix correction its P109 mark, so every later check still reports
  it). Where no formula goes any more the original comes back, as a value. A cell the user
  has since overwritten is theirs again, and its record is dropped. Nothing from a record is
  ever written back as a formula: the block is text anyone can edit.
- Comments: evalbook's text starts at the MARKER line. On a cell with a comment of the user's
  it was appended below the marker and the comment kept its author; otherwise the comment is
  evalbook's. A re-run cuts everything from the marker on and drops comments that held
  nothing else.
- Conditional formats and validations are evalbook's by the tags marks.py gives them; only
  those are removed.
"""

from __future__ import annotations

from evalbook.annotation.cells import formula_key, plain, put_value
from evalbook.annotation.marks import DV_TITLE, MARKER, new_comment
from evalbook.files.book import Book, Cell
from evalbook.read import RESULT_SHEET
from evalbook.read.records import Record, read_records, result_sheet
from evalbook.model.values import normalize


Key = tuple  # (sheet, row, col)


def take_back(wb, book: Book) -> dict[Key, Record]:
    """Empty every cell of *wb* that still holds what evalbook wrote, and return its record by
    cell (:func:`taken_back`, asking *wb* what each cell holds)."""

    def holds(title: str, row: int, col: int):
        if title not in wb.sheetnames:
            return None
        cell = wb[title]._cells.get((row, col))
        return cell.value if cell is not None and type(cell).__name__ == "Cell" else None

    previous = taken_back(book, holds)
    empty_taken_back(wb, previous)
    return previous


def taken_back(book: Book, holds) -> dict[Key, Record]:
    """The cells that still hold what evalbook wrote, with their records; they leave *book*
    (the rules judge the user's own figures), and so does 校验结果. *holds(sheet, row, col)* is
    what a cell holds (its formula for a formula cell), None for no such cell.

    The planner then writes those cells afresh from the figures as they are now (so a formula
    evalbook wrote keeps working after the user changed a score), and :func:`settle` keeps
    each record's original, or puts the original back where no formula goes any more.
    """
    previous: dict[Key, Record] = {}
    for rec in read_records(book):
        sheet = book.sheet(rec.sheet)
        if sheet is None:
            continue
        row, col = rec.position
        held = holds(rec.sheet, row, col)
        if held is None or formula_key(held) != formula_key(rec.wrote):
            continue  # the user has written over it (or emptied it): theirs again
        sheet.cells.pop((row, col), None)
        previous[(rec.sheet, row, col)] = rec
    ours = result_sheet(book)
    if ours is not None:
        book.sheets.remove(ours)
    return previous


def empty_taken_back(wb, previous: dict[Key, Record]) -> None:
    """The cells :func:`taken_back` found emptied in *wb*, and its 校验结果 gone."""
    for title, row, col in previous:
        put_value(wb[title].cell(row, col), None)
    for ws in list(wb.worksheets):
        if normalize(ws.title) == RESULT_SHEET:
            wb.remove(ws)


def settle(wb, book: Book, previous: dict[Key, Record], written: list[Record]) -> list[Record]:
    """The records of this run: a cell written again keeps its first original (and its P109
    mark); a cell of an earlier run that gets no formula now holds its original again, as a
    value (never as a formula: the records are text anyone can edit)."""
    out = []
    for rec in written:
        old = previous.pop((rec.sheet, *rec.position), None)
        if old is not None:
            rec = Record(rec.sheet, rec.cell, old.value, old.fmt, old.formula, rec.wrote, old.fixed or rec.fixed)
        out.append(rec)
    for (title, row, col), rec in previous.items():
        cell = wb[title].cell(row, col)
        value = rec.value if rec.value is None or isinstance(rec.value, (int, float, str, bool)) else str(rec.value)
        put_value(cell, value)
        cell.number_format = rec.fmt
        sheet = book.sheet(title)
        if sheet is not None and not (value is None or (isinstance(value, str) and not value.strip())):
            sheet.cells[(row, col)] = Cell(value, rec.fmt)
    return out


def is_ours_cf(rule) -> bool:
    """A conditional format of evalbook's: its formula holds the CF_TAG marks.py gives it
    (in whatever case and quoting the last application to save it wrote)."""
    return any(ours_cf_formula(f) for f in (rule.formula or ()))


def ours_cf_formula(formula) -> bool:
    return "evalbook" in formula_key(formula).casefold()


def is_ours_dv(dv) -> bool:
    return ours_dv_title(dv.errorTitle)


def ours_dv_title(title) -> bool:
    """A validation of evalbook's: its error title is DV_TITLE (splice_copy.py asks the same of
    the attribute as the sheet stores it)."""
    return normalize(plain(title) or "").casefold() == DV_TITLE


def strip_marks(wb) -> None:
    """Remove evalbook's comments (its part of a shared one), conditional formats and validations."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    for ws in wb.worksheets:
        for cell in list(ws._cells.values()):
            comment = cell.comment
            if comment is None or MARKER not in (plain(comment.text) or ""):
                continue
            theirs = user_part(plain(comment.text))
            # back to openpyxl's default box, which is what their comment had after loading
            cell.comment = new_comment(theirs, comment.author) if theirs else None
        old = ws.conditional_formatting
        if any(is_ours_cf(rule) for cf in old for rule in cf.rules):
            fresh = ConditionalFormattingList()
            for cf in old:
                for rule in cf.rules:
                    if not is_ours_cf(rule):
                        fresh.add(str(cf.sqref), rule)
            ws.conditional_formatting = fresh
        dvs = ws.data_validations.dataValidation
        ws.data_validations.dataValidation = [dv for dv in dvs if not is_ours_dv(dv)]


def user_part(text: str) -> str:
    """A shared comment's text above evalbook's MARKER: the user's own."""
    return text.split(MARKER, 1)[0].rstrip("\n")
