"""Finding things in a worksheet's bytes without parsing it: a tag's attributes, where
<sheetData> is, where each row starts and its number. The splicer (splice.py) and the
skeleton (skeleton.py) read a sheet of megabytes this way to edit or keep a few cells; a
sheet in a shape this does not read raises SpliceError, and annotate loads the whole workbook
instead.
"""

from __future__ import annotations

import re

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
    None: what ``splice._SHEET_DATA`` finds, without its lazy match walking a sheet of
    megabytes byte by byte."""
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
