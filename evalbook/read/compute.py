"""What a formula cell without a stored result comes to (S109), and whether any spreadsheet can
evaluate it at all (S108: ``=8个`` is #NAME? in Excel, WPS and LibreOffice alike).

A workbook written by a program (a web system's export, a script) and never opened and saved
in Excel/WPS has formulas and no results. evalbook computes the formulas forms use — numbers,
cell and range references (on this sheet or another), + − × ÷ ^ %, unary signs, parentheses,
SUM, MIN, MAX, AVERAGE, ROUND, ABS — the way Excel does: a blank cell is 0, SUM skips text,
arithmetic on text that is not a number is #VALUE!. Anything else (IF, VLOOKUP, a name) is
left uncomputed: no figure, never a guess. A formula that does not parse is S108.
"""

from __future__ import annotations

import re
from typing import Callable

from evalbook.files.book import Formula, Sheet
from evalbook.model.values import ERROR_CODES, normalize, parse_text_number


class Invalid(Exception):
    """A formula no spreadsheet can evaluate (a syntax error: `8个`, an open bracket)."""


class CellError(Exception):
    """A formula that evaluates to an error value (#DIV/0!, #VALUE!, or an error it refers to)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class Unknown(Exception):
    """A formula evalbook does not compute (a function or name it does not know)."""


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[^\s!'"(),:+\-*/^&=<>%{}\[\]$]+)!)?
            \$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?)(?![\w(])
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<func>[A-Za-z_][A-Za-z0-9_.]*)\(
  | (?P<name>[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)(?![\w(!])
  | (?P<str>"(?:[^"]|"")*")
  | (?P<op><>|<=|>=|[-+*/^&=<>%(),:])
""", re.X)

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
FUNCTIONS = {"SUM", "MIN", "MAX", "AVERAGE", "ROUND", "ABS"}


def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def tokenize(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise Invalid(text)
        pos = m.end()
        kind = m.lastgroup
        if kind != "space":
            out.append((kind, m.group(kind)))
    return out


Lookup = Callable[[str, int, int], object]  # (sheet, row, col) → a number, None (blank), text or CellError


class _Parser:
    """Recursive descent over the tokens; values are floats, ranges lists of cell values."""

    def __init__(self, tokens, sheet: str, lookup: Lookup):
        self.toks, self.i, self.sheet, self.lookup = tokens, 0, sheet, lookup

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "")

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise Invalid(value)
        self.i += 1
        return tok

    def parse(self) -> float:
        value = self.compare()
        if self.peek()[0] != "end":
            raise Invalid(self.peek()[1])
        return _number(value)

    def compare(self):
        left = self.sum()
        if self.peek()[1] in ("=", "<>", "<", ">", "<=", ">=", "&"):
            self.take()
            self.sum()
            raise Unknown("comparison")  # a TRUE/FALSE or text result: not a figure
        return left

    def sum(self):
        value = self.product()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            right = _number(self.product())
            value = _number(value) + right if op == "+" else _number(value) - right
        return value

    def product(self):
        value = self.power()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            right = _number(self.power())
            if op == "*":
                value = _number(value) * right
            else:
                if right == 0:
                    raise CellError("#DIV/0!")
                value = _number(value) / right
        return value

    def power(self):
        value = self.unary()
        while self.peek()[1] == "^":
            self.take()
            value = _number(value) ** _number(self.unary())
        return value

    def unary(self):
        if self.peek()[1] in ("-", "+"):
            op = self.take()[1]
            value = _number(self.unary())
            return -value if op == "-" else value
        value = self.primary()
        while self.peek()[1] == "%":
            self.take()
            value = _number(value) / 100
        return value

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "ref":
            cells = self.ref(text)
            return cells if len(cells) != 1 else cells[0]
        if kind == "func":
            return self.call(text.upper())
        if text == "(":
            value = self.compare()
            self.take(")")
            return value
        if kind in ("name", "str"):
            raise Unknown(text)
        raise Invalid(text)

    def ref(self, text: str) -> list:
        sheet, _, addr = text.rpartition("!")
        sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else (sheet or self.sheet)
        first, _, last = addr.partition(":")
        (c1, r1), (c2, r2) = (_CELL.fullmatch(a).groups() for a in (first, last or first))
        rows = sorted((int(r1), int(r2)))
        cols = sorted((_col(c1), _col(c2)))
        if (rows[1] - rows[0] + 1) * (cols[1] - cols[0] + 1) > 100_000:
            raise Unknown("range")  # a whole column: not what a form sums
        return [self.lookup(sheet, r, c) for r in range(rows[0], rows[1] + 1)
                for c in range(cols[0], cols[1] + 1)]

    def call(self, name: str):
        args = []
        if self.peek()[1] != ")":
            args.append(self.compare())
            while self.peek()[1] == ",":
                self.take()
                args.append(self.compare())
        self.take(")")
        if name not in FUNCTIONS:
            raise Unknown(name)
        if name == "ROUND":
            if len(args) != 2:
                raise Invalid(name)
            from evalbook.model.interval import round_half_up
            return round_half_up(_number(args[0]), int(_number(args[1])))
        if name == "ABS":
            return abs(_number(args[0]))
        numbers = [x for a in args for x in _numbers(a)]
        if name == "SUM":
            return float(sum(numbers))
        if not numbers:
            if name == "AVERAGE":
                raise CellError("#DIV/0!")
            return 0.0
        return {"MIN": min, "MAX": max}.get(name, lambda xs: sum(xs) / len(xs))(numbers)


def _numbers(arg) -> list[float]:
    """What SUM takes from an argument: numbers; text and blanks in a range are skipped."""
    items = arg if isinstance(arg, list) else [arg]
    out = []
    for x in items:
        if isinstance(x, CellError):
            raise x
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            out.append(float(x))
    return out


def _number(x) -> float:
    """A value used in arithmetic: a blank is 0, text a number or #VALUE!."""
    if isinstance(x, list):
        if len(x) != 1:
            raise CellError("#VALUE!")
        x = x[0]
    if isinstance(x, CellError):
        raise x
    if x is None:
        return 0.0
    if isinstance(x, bool):
        return float(x)
    if isinstance(x, (int, float)):
        return float(x)
    n = parse_text_number(str(x)) if isinstance(x, str) else None
    if n is None or n.unit or n.op:
        raise CellError("#VALUE!")
    return n.value


def evaluate(formula: str, sheet: str, lookup: Lookup) -> float:
    """The value of *formula* (without "="). Raises Invalid, CellError or Unknown."""
    text = formula.strip()
    if not text:
        raise Unknown("shared")  # a shared formula's follower: its text is on another cell
    return _Parser(tokenize(text), sheet, lookup).parse()


class Evaluator:
    """Formula cells of a book, computed on demand and remembered; a cycle is uncomputed."""

    def __init__(self, sheets: list[Sheet]):
        self.sheets = {s.name: s for s in sheets}
        self.by_key = {normalize(s.name): s for s in sheets}
        self.memo: dict[tuple[str, int, int], object] = {}

    def _sheet(self, name: str) -> Sheet | None:
        return self.sheets.get(name) or self.by_key.get(normalize(name))

    def lookup(self, sheet: str, row: int, col: int):
        s = self._sheet(sheet)
        if s is None:
            raise CellError("#REF!")
        cell = s.cells.get((row, col))
        if cell is None:
            return None
        v = cell.value
        if isinstance(v, Formula):
            return self.value(s.name, row, col, v)
        if isinstance(v, str) and v.strip() in ERROR_CODES:
            return CellError(v.strip())
        return v

    def value(self, sheet: str, row: int, col: int, formula: Formula):
        """A float, a CellError, Invalid() or None (not computed) for one formula cell."""
        key = (sheet, row, col)
        if key in self.memo:
            got = self.memo[key]
            if got is _BUSY:
                raise Unknown("cycle")
            return got
        self.memo[key] = _BUSY
        try:
            got = evaluate(formula.text, sheet, self.lookup)
        except Invalid as e:
            got = e
        except CellError as e:
            got = e
        except (Unknown, OverflowError, ValueError, RecursionError):
            got = None
        self.memo[key] = got
        if isinstance(got, Invalid):
            raise CellError("#NAME?")  # what a cell referring to it shows
        return got

    def result(self, sheet: str, row: int, col: int, formula: Formula):
        """(value or None, error code or None, invalid?) of one formula cell, for the reader."""
        try:
            got = self.value(sheet, row, col, formula)
        except CellError as e:
            if isinstance(self.memo.get((sheet, row, col)), Invalid):
                return None, "#NAME?", True
            return None, e.code, False
        except Unknown:
            return None, None, False
        if isinstance(got, CellError):
            return None, got.code, False
        return got, None, False


_BUSY = object()
