"""What annotate marks on the user's sheets: a comment on every cell with a finding, a red
(error) or amber (warning) highlight by conditional format, and the live 0 ≤ 得分 ≤ 分值 check
on leaf scores (a validation as it is typed, a red mark while broken).

Each mark carries its sign of ownership, so a re-run (rerun.py) removes exactly these: comment
text from the MARKER line on, conditional formats whose formula holds CF_TAG (``N("evalbook")``
is always 0, so the tag changes nothing), validations whose error title is DV_TITLE. None of
them touches the cell's own style. Score cells that carry a validation of the user's keep
theirs (Excel does not allow two).
"""

from __future__ import annotations

from contextlib import contextmanager

from evalbook.annotation.cells import row_runs
from evalbook.annotation.texts import annotate_text
from evalbook.model.workbook import Workbook
from evalbook.report.findings import Report
from evalbook.report.text import report_text

MARKER = "—— evalbook ——"
AUTHOR = "evalbook"
CF_TAG = 'N("evalbook")=0'
DV_TITLE = "evalbook"
ERROR_FILL = "FFFFC7CE"
WARNING_FILL = "FFFFEB9C"


def new_comment(text: str, author: str | None, like=None):
    """A comment by *author* (evalbook when none), the size of *like* when given."""
    from openpyxl.comments import Comment

    c = Comment(text, author or AUTHOR)
    if like is not None:
        c.width, c.height = like.width, like.height
    return c


def anchor(ws, a1: str):
    """The cell a mark goes on: a merged range's top-left cell, the one Excel shows."""
    cell = ws[a1]
    if type(cell).__name__ != "MergedCell":
        return cell  # not covered by a range (openpyxl makes every covered cell a MergedCell)
    for rng in ws.merged_cells.ranges:
        if a1 in rng:
            return ws.cell(rng.min_row, rng.min_col)
    return cell


def mark_findings(wb, report: Report, was: dict, lang: str, anchor_of=None) -> None:
    """Every finding (and 原填 note, *was*) as a comment on its cell, and the cell highlighted
    red for an error, amber for a warning. *anchor_of(ws, a1)* names the cell a mark goes on
    (default: :func:`anchor`, by the merged ranges *wb* holds)."""
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import PatternFill
    from openpyxl.styles.differential import DifferentialStyle

    lines: dict[tuple[str, str], list[str]] = {}
    severity: dict[str, dict[str, str]] = {}
    for f in report.findings:
        if f.ref is None or f.ref.sheet not in wb.sheetnames:
            continue
        ws = wb[f.ref.sheet]
        a1 = anchor_of(ws, f.ref.a1) if anchor_of is not None else anchor(ws, f.ref.a1).coordinate
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
            c = new_comment(old.text.rstrip("\n") + "\n" + ours, old.author, old)
        else:
            c = new_comment(ours, AUTHOR)
        c.width, c.height = comment_size(c.text)
        cell.comment = c

    for title, cells in severity.items():
        ws = wb[title]
        prio = next_priority(ws)
        for sev, color in (("error", ERROR_FILL), ("warning", WARNING_FILL)):
            refs = sorted((a1 for a1, s in cells.items() if s == sev), key=a1_key)
            if not refs:
                continue
            fill = PatternFill(fill_type="solid", start_color=color, end_color=color)
            rule = Rule(type="expression", formula=[CF_TAG], dxf=DifferentialStyle(fill=fill))
            rule.priority = prio
            prio += 1
            ws.conditional_formatting.add(" ".join(refs), rule)


def text_width(line: str) -> int:
    """Pixels a line takes in a note's default font: CJK and full-width characters twice."""
    import unicodedata

    return sum(14 if unicodedata.east_asian_width(ch) in "WF" else 7 for ch in line)


def comment_size(text: str, least: int = 160, most: int = 420) -> tuple[int, int]:
    """(width, height) in pixels for a note that shows *text* whole: as wide as its longest
    line up to *most*, and as tall as its lines wrap to."""
    lines = text.split("\n")
    width = min(most, max(least, max(text_width(x) for x in lines) + 16))
    inner = width - 16
    rows = sum(max(1, -(-text_width(x) // inner)) for x in lines)
    return width, max(40, 17 * rows + 12)


@contextmanager
def notes_beside_their_cells():
    """While openpyxl writes notes, give each one an anchor right of its cell (openpyxl writes
    none, and Excel then piles every shown note up at the sheet's top-left corner)."""
    from openpyxl.comments import shape_writer

    original = shape_writer._shape_factory

    def shape(row, column, height, width):
        el = original(row, column, height, width)
        client = el.find("{%s}ClientData" % shape_writer.excelns)
        anchor = shape_writer.SubElement(client, "{%s}Anchor" % shape_writer.excelns)
        top = max(row - 1, 0)
        cols = max(2, -(-int(width) // 64))
        rows = max(2, -(-int(height) // 20))
        anchor.text = f"{column + 1}, 15, {top}, 10, {column + 1 + cols}, 15, {top + rows}, 4"
        client.remove(anchor)
        # the schema's order: MoveWithCells, SizeWithCells, Anchor, … AutoFill
        client.insert(list(client).index(client.find("{%s}AutoFill" % shape_writer.excelns)), anchor)
        return el

    shape_writer._shape_factory = shape
    try:
        yield
    finally:
        shape_writer._shape_factory = original


def a1_key(a1: str):
    """Sorts A1 references in reading order: row, then column."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    col, row = coordinate_from_string(a1)
    return (row, column_index_from_string(col))


def next_priority(ws) -> int:
    """A priority after every conditional format the sheet has: the user's come first."""
    prios = [rule.priority or 0 for cf in ws.conditional_formatting for rule in cf.rules]
    return max(prios, default=0) + 1


def live_checks(wb, model: Workbook, lang: str) -> None:
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
    prio = next_priority(ws)
    fill = PatternFill(fill_type="solid", start_color=ERROR_FILL, end_color=ERROR_FILL)
    for a, b in row_runs(rows):
        sq = f"{S}{a}" if a == b else f"{S}{a}:{S}{b}"
        formula = f"AND({CF_TAG},ISNUMBER({S}{a}),OR({S}{a}<0,AND(ISNUMBER({C}{a}),{S}{a}>{C}{a})))"
        rule = Rule(type="expression", formula=[formula], dxf=DifferentialStyle(fill=fill))
        rule.priority = prio
        prio += 1
        ws.conditional_formatting.add(sq, rule)
        for x, y in row_runs([r for r in range(a, b + 1) if (r, s_col) not in taken]):
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2=f"{C}{x}",
                                allow_blank=True, showErrorMessage=True, errorStyle="stop",
                                errorTitle=DV_TITLE, error=annotate_text("annotate.dv", lang),
                                showInputMessage=False)
            dv.add(f"{S}{x}" if x == y else f"{S}{x}:{S}{y}")
            ws.data_validations.append(dv)


def comment_drawings_afresh(wb) -> None:
    """With keep_vba, openpyxl reuses each sheet's old comment drawing (VML) by name and names
    new ones commentsDrawing<n>, so a sheet gaining comments can collide with another's kept
    drawing (a duplicate zip member), and a sheet losing evalbook's comments keeps a link to a
    drawing no longer written. A drawing that holds only notes is rebuilt from the comments;
    one with form controls is kept as openpyxl keeps it."""
    from evalbook.files.inventory import vml_holds_controls

    archive = wb.vba_archive
    for ws in wb.worksheets:
        if not ws.legacy_drawing:
            continue
        try:
            controls = vml_holds_controls(archive.read(ws.legacy_drawing))
        except KeyError:
            controls = False
        if not controls:
            ws.legacy_drawing = None
