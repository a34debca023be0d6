"""A Word report (.docx) as cells and paragraphs: its tables become sheets 表1, 表2 … of a Book,
its body paragraphs are numbered for the narrative (spec: workbook.md "Word reports").

The package XML is read with the standard library's expat behind the same guard as a
workbook (the door has bounded the zip and refused every DTD; the parser refuses one again),
rather than through python-docx: a finding must name the cell in the table's own grid, and
that grid is made by w:gridBefore, w:gridSpan and w:vMerge, which python-docx does not expose
as merges (its table.cell() repeats a merged cell's object and hides where a vertical merge
starts). Reading document.xml as a stream also keeps a hostile report's work bounded by the
same Budget as a workbook's cells.

- A table's cell (row r, grid column c) holds the text of its paragraphs joined by newlines;
  A1 is the first row's first grid column. gridSpan makes a horizontal merge, a vMerge run
  a vertical one; the merged range's value is in its top-left cell, as in a sheet.
- Paragraphs are numbered from 1 in document order, counting every non-empty body paragraph
  (headings too, table cells not). Text in text boxes and drawing fallbacks is not read.
- The body's order (paragraphs and tables) is kept in `blocks`, so the reader can see what
  stands between two tables (a page break, a 续表 line) and the line right above a table.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from evalbook.files.book import MAX_TEXT, Book, Budget, Cell, Sheet, check_range
from evalbook.files.xlsx_parts import DOCUMENT_TYPES, new_parser, parse_simple

W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main")
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

TABLE_PREFIX = "表"
REPORT_SHEET = "报告"  # the sheet name narrative findings point at (报告!段落12)


@dataclass
class Paragraph:
    number: int  # 1-based among non-empty body paragraphs
    text: str


@dataclass
class Block:
    """One body element in order: a paragraph (kind "p", its number or 0 when empty) or a table
    (kind "t", its sheet name). *page_break* marks a paragraph holding a page break."""

    kind: str
    text: str = ""
    number: int = 0
    table: str = ""
    page_break: bool = False


@dataclass
class DocxBook(Book):
    paragraphs: list[Paragraph] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def main_part(zf: zipfile.ZipFile) -> str | None:
    """The main document part named by [Content_Types].xml (word/document.xml by default)."""
    for local, attrs in parse_simple(zf.read("[Content_Types].xml"), {"Override"}):
        if attrs.get("ContentType") in DOCUMENT_TYPES:
            return posixpath.normpath(attrs.get("PartName", "").lstrip("/"))
    return "word/document.xml" if "word/document.xml" in zf.namelist() else None


def read_docx(path: str, budget: Budget, kind: str = "docx") -> DocxBook:
    with zipfile.ZipFile(path) as zf:
        part = main_part(zf)
        if part is None or part not in zf.namelist():
            raise ValueError("the report has no main document part")
        with zf.open(part) as fh:
            return _Reader(path, kind, budget).parse(fh)


class _Table:
    """A table being read: cells by (row, grid column), merges, the open vertical runs."""

    def __init__(self, name: str):
        self.sheet = Sheet(name)
        self.row = 0
        self.col = 1
        self.open_v: dict[int, list[int]] = {}  # first grid column → [r1, c1, r2, c2]
        self.runs: list[list[int]] = []
        self.cell: dict | None = None

    def start_row(self) -> None:
        self.row += 1
        self.col = 1
        self.seen_cols: set[int] = set()

    def start_cell(self) -> None:
        self.cell = {"span": 1, "vmerge": None, "paras": []}

    def end_cell(self) -> None:
        cell, r, c = self.cell, self.row, self.col
        self.cell = None
        if cell is None or r == 0:
            return
        span = max(1, min(cell["span"], 64))
        c2 = c + span - 1
        check_range(r, c, r, c2)
        text = "\n".join(p for p in cell["paras"] if p.strip()).strip()[:MAX_TEXT]
        vm = cell["vmerge"]
        run = self.open_v.get(c)
        if vm == "continue" and run is not None and run[2] == r - 1 and run[3] == c2:
            run[2] = r  # the cell continues the merge above it; its own text (if any) is not shown
        else:
            if vm == "restart" or span > 1:
                run = [r, c, r, c2]
                self.runs.append(run)
                self.open_v[c] = run
            else:
                self.open_v.pop(c, None)
            if text:
                self.sheet.cells[(r, c)] = Cell(text)
        for cc in range(c, c2 + 1):
            self.seen_cols.add(cc)
        self.col = c2 + 1

    def finish(self) -> Sheet:
        self.sheet.merged = [tuple(run) for run in self.runs if run[2] > run[0] or run[3] > run[1]]
        return self.sheet


class _Reader:
    def __init__(self, path: str, kind: str, budget: Budget):
        self.book = DocxBook(path=path, kind=kind)
        self.budget = budget
        self.tables: list[_Table] = []  # open tables, outermost first
        self.para: list[str] | None = None  # text of the open paragraph (body or cell)
        self.para_depth = 0
        self.page_break = False
        self.skip = 0  # inside a text box or a drawing's fallback: not read
        self.in_text = False
        self.runs = 0
        self.numbered = 0

    def parse(self, fh) -> DocxBook:
        p = new_parser()
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            p.Parse(chunk, False)
        p.Parse(b"", True)
        return self.book

    def start(self, name: str, attrs: dict) -> None:
        ns, _, local = name.rpartition(" ")
        if self.skip:
            self.skip += 1
            return
        if ns == MC_NS and local == "Fallback" or ns in W_NS and local == "txbxContent":
            self.skip = 1
            return
        if ns not in W_NS:
            return
        val = _attr(attrs, "val")
        if local == "p":
            self.para_depth += 1
            if self.para_depth == 1:
                self.para, self.page_break = [], False
        elif local == "t" and self.para is not None:
            self.in_text = True
        elif local == "r":
            self.runs += 1
        elif local in ("tab", "ptab") and self.para is not None and self.runs:
            self.para.append("\t")  # not a tab stop of the paragraph's properties
        elif local in ("br", "cr") and self.para is not None:
            if _attr(attrs, "type") == "page":
                self.page_break = True
            else:
                self.para.append("\n")
        elif local == "noBreakHyphen" and self.para is not None:
            self.para.append("-")
        elif local == "lastRenderedPageBreak" or (local == "pageBreakBefore" and val not in ("0", "false")):
            self.page_break = True
        elif local == "tbl":
            if not self.tables:
                name = f"{TABLE_PREFIX}{sum(1 for b in self.book.blocks if b.kind == 't') + 1}"
                self.book.blocks.append(Block("t", table=name))
                self.tables.append(_Table(name))
            else:
                self.tables.append(None)  # a nested table: its text joins the outer cell's
        elif local == "tr" and self._table():
            self.budget.spend("rows", 1, self._table().sheet.name)
            self._table().start_row()
        elif local == "gridBefore" and self._table():
            self._table().col += max(0, min(_int(val), 64))
        elif local == "tc" and self._table() and self._table().cell is None:
            self.budget.spend("cells", 1, self._table().sheet.name)
            self._table().start_cell()
        elif local == "gridSpan" and self._cell() is not None:
            self._cell()["span"] = _int(val) or 1
        elif local == "vMerge" and self._cell() is not None:
            self._cell()["vmerge"] = "restart" if val == "restart" else "continue"

    def _table(self) -> _Table | None:
        """The table whose grid is being read: the outer one, never a nested table."""
        return self.tables[0] if len(self.tables) == 1 else None

    def _cell(self):
        t = self._table()
        return t.cell if t is not None else None

    def end(self, name: str) -> None:
        ns, _, local = name.rpartition(" ")
        if self.skip:
            self.skip -= 1
            return
        if ns not in W_NS:
            return
        if local == "t":
            self.in_text = False
        elif local == "r":
            self.runs -= 1
        elif local == "p":
            self.para_depth -= 1
            if self.para_depth == 0:
                self._end_paragraph()
        elif local == "tc" and len(self.tables) == 1:
            self.tables[0].end_cell()
        elif local == "tbl":
            t = self.tables.pop()
            if t is not None:
                self.book.sheets.append(t.finish())

    def _end_paragraph(self) -> None:
        text = "".join(self.para or [])
        self.para = None
        if self.tables:
            cell = self.tables[0].cell
            if cell is not None:
                cell["paras"].append(text)
            return
        number = 0
        if text.strip():
            self.numbered += 1
            number = self.numbered
            self.book.paragraphs.append(Paragraph(number, text.strip()))
        self.book.blocks.append(Block("p", text=text.strip(), number=number, page_break=self.page_break))

    def chars(self, data: str) -> None:
        if self.in_text and self.para is not None and not self.skip:
            self.para.append(data)


def _attr(attrs: dict, local: str) -> str | None:
    for k, v in attrs.items():
        if k.rpartition(" ")[2] == local:
            return v
    return None


def _int(v) -> int:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return 0


__all__ = ["DOCUMENT_TYPES", "DocxBook", "Paragraph", "Block", "REPORT_SHEET", "read_docx"]
