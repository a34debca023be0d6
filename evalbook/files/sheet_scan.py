"""Finding things in a worksheet's bytes without parsing it: a tag's attributes, where
<sheetData> is, where each row starts and its number. The splicer (splice.py) and the
skeleton (skeleton.py) read a sheet of megabytes this way to edit or keep a few cells; a
sheet in a shape this does not read raises SpliceError, and annotate loads the whole workbook
instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ROW = re.compile(rb"<row\b[^>]*?(?:/>|>.*?</row\s*>)", re.S)
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')


class SpliceError(ValueError):
    """A part is not in a shape the splicer edits safely (the caller falls back)."""


def attributes(tag: bytes) -> dict[str, str]:
    import html

    return {k.decode(): html.unescape(v.decode("utf-8")) for k, v in _ATTR.findall(tag)}


def _row_number(row_xml: bytes) -> int:
    head = row_xml[:row_xml.find(b">") + 1]
    r = attributes(head).get("r")
    if r is None or not r.isdigit():
        raise SpliceError("a <row> without r")
    return int(r)


_SHEET_DATA_HEAD = re.compile(rb"(<sheetData\s*/>)|<sheetData\b[^>]*>")
_SHEET_DATA_CLOSE = re.compile(rb"</sheetData\s*>")


def sheet_data(xml: bytes) -> tuple[int, int, int, int] | None:
    """Where <sheetData> is: (its start, its body's start, its body's end, its end), else
    None: what ``<sheetData\\s*/>|<sheetData\\b[^>]*>(.*?)</sheetData\\s*>`` finds, without
    its lazy match walking a sheet of megabytes byte by byte."""
    for head in _SHEET_DATA_HEAD.finditer(xml):
        if head.group(1) is not None:
            return head.start(), head.end(), head.end(), head.end()
        close = _SHEET_DATA_CLOSE.search(xml, head.end())
        if close is not None:
            return head.start(), head.end(), close.start(), close.end()
    return None


_ROW_START = re.compile(rb'<row\b(?: r="(\d+)"(?=[\s/>]))?')


def row_starts(body: bytes):
    """(offset, row number) of each ``<row>`` in *body* (a sheetData's), in order; the number
    read from the start tag alone, as :func:`_row_number` reads it (SpliceError without r)."""
    for m in _ROW_START.finditer(body):
        r = m.group(1)
        if r is not None:  # r first, as every writer puts it
            yield m.start(), int(r)
        else:
            yield m.start(), _row_number(body[m.start():body.find(b">", m.start()) + 1])


def row_places(body: bytes, rows: list[int]) -> list | None:
    """Where each of *rows* (ascending) goes in *body*, a sheetData's: the match of the row of
    that number as ``(offset, match)``, ``(offset, None)`` for a row it goes before, None past
    the last row. Found by number, without walking the rows in Python: for a body whose rows
    all start ``<row r="…"`` in ascending order, each number once, else None (the caller walks
    them with :func:`row_starts`)."""
    heads = _ROW_START.findall(body)
    if b"" in heads:
        return None
    numbers = list(map(int, heads))
    if sorted(numbers) != numbers or len(set(numbers)) != len(numbers):
        return None
    out = []
    since = 0  # rows ascend: each is looked for after the one before it, never from the start
    for r in rows:
        k = bisect_left(numbers, r)
        if k == len(numbers):
            out.append(None)
            continue
        # the first start tag with the digits of row k is row k's: those before it are lower
        at = since = body.find(b'<row r="' + heads[k] + b'"', since)
        if numbers[k] != r:
            out.append((at, None))
            continue
        row = _ROW.match(body, at)
        if row is None or _ROW_START.search(body, at + 1, row.end()):
            return None  # a row without its end, or one inside another: walked one by one
        out.append((at, row))
    return out
