"""What the summary's sheets share: cell formats, headers, print setup, rule titles."""

from __future__ import annotations

from evalbook.batch.texts import batch_text
from evalbook.rules import title_text

RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
AMBER = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}

class Formats:
    def __init__(self, book):
        self.book = book
        self.header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                       "text_wrap": True, "valign": "vcenter"})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.bold = book.add_format({"bold": True})
        self.link = book.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top", "text_wrap": True})
        self.text = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.percent = book.add_format({"num_format": "0.00%", "valign": "top"})
        self.score = book.add_format({"num_format": "0.00", "valign": "top"})
        self.gap = book.add_format({"num_format": "+0.00;-0.00;0.00", "valign": "top"})
        self.count = book.add_format({"num_format": "0", "valign": "top"})
        self.year = book.add_format({"num_format": "0", "valign": "top"})
        # 万元 in the column's header; the figure keeps every decimal the form gave
        self.money = book.add_format({"num_format": "#,##0.00", "valign": "top"})
        self.duplicate = book.add_format({"text_wrap": True, "valign": "top", "font_color": "#9C0006",
                                          "bold": True})
        self.red = book.add_format(RED)
        self.amber = book.add_format(AMBER)

    def get(self, kind: str | None):
        return self.text if kind in (None, "text") else getattr(self, kind)


def header(ws, fmt: Formats, columns, lang: str, row: int = 0) -> None:
    texts = [batch_text(f"batch.col.{col.key}", lang) for col in columns]
    for c, (col, text) in enumerate(zip(columns, texts)):
        ws.write_string(row, c, text, fmt.header)
        ws.set_column(c, c, col.width)
    ws.set_row(row, row_height(zip(texts, (col.width for col in columns))))
    ws.freeze_panes(row + 1, 0)


LINE = 15.0  # points per line of the default 11-point font
MAX_LINES = 8


def row_height(cells) -> float | None:
    """The height that shows every wrapped text of a row, from (text, column width) pairs.

    Neither xlsxwriter nor LibreOffice sizes a row to its wrapped text when the file is opened,
    so each row says how tall it is: a CJK character is two width units, others one."""
    import math
    import unicodedata

    lines = 1
    for text, width in cells:
        if not text:
            continue
        for part in str(text).split("\n"):
            units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in part)
            # LibreOffice and WPS fit a little less per line than the width says
            lines_here = max(1, math.ceil(units / max((width - 1) * 0.85, 1)))
            lines = max(lines, lines_here)
    lines = min(lines, MAX_LINES)
    return None if lines == 1 else LINE * lines


def print_setup(ws, last_col: int, repeat: int = 0) -> None:
    """A4 landscape, one page wide (as many tall as it takes), the header row on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(repeat)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&P / &N")


def put(ws, row: int, col: int, value, number: bool, cell_fmt=None) -> None:
    if number:
        ws.write_number(row, col, value, cell_fmt)
    else:
        ws.write_string(row, col, value, cell_fmt)


def rule_title(code: str, lang: str) -> str | None:
    try:
        return title_text(code, lang)
    except KeyError:
        return None


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
