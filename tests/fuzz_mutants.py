"""A seeded mutation fuzzer over the example workbooks (issue 15).

Each mutant is one of the examples with one mutation at the zip level (truncation, flipped
bytes, a dropped, duplicated or renamed part, a stored part) or at the XML level (an address
past Excel's grid, a huge or odd number, a broken or doubled element, a DTD, a huge merged
range or hyperlink, a wrong cell type). Everything is derived from the seed, so a failing
mutant is rebuilt from its number alone: ``mutant(n)``.
"""

from __future__ import annotations

import io
import random
import warnings
import re
import zipfile
from functools import lru_cache
from pathlib import Path

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.xlsx"))

_HUGE_REFS = [b"XFE1", b"ZZZZ1", b"A1048577", b"A0", b"ABCDEFGHIJKLMN1", b"A1000000000000000", b"A01",
              b"a1", b"$A$1", b"1A", b"", b"A1:B2", b"\xe4\xb8\xad1"]
_ODD_NUMBERS = [b"1" + b"0" * 400, b"-1e308", b"1e308", b"1e999", b"-1e999", b"nan", b"NaN", b"inf", b"-0",
                b"5e-324", b"1." + b"0" * 400, b"0e" + b"9" * 300, b"", b" 1 ", b"1,5", b"0x10", b"1e", b"--1",
                b"99999999999999999999", b"2958466", b"-1"]
_TYPES = [b"s", b"n", b"b", b"e", b"str", b"inlineStr", b"d", b"x", b""]
_DTD = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'


@lru_cache(maxsize=None)
def _parts(path: Path) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    with zipfile.ZipFile(path) as zf:
        return tuple((info, zf.read(info)) for info in zf.infolist())


def _pack(parts, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", method) as zf:
        warnings.simplefilter("ignore")  # a duplicated part is the point
        for info, data in parts:
            zf.writestr(info.filename if isinstance(info, zipfile.ZipInfo) else info, data)
    return buf.getvalue()


def _sub_random(rng: random.Random, data: bytes, pattern: bytes, make) -> bytes:
    """Replace one random match of *pattern* in *data* with make(match)."""
    found = list(re.finditer(pattern, data))
    if not found:
        return data
    m = rng.choice(found)
    return data[:m.start()] + make(m) + data[m.end():]


def _xml_mutation(rng: random.Random, name: str, data: bytes) -> bytes:
    kind = rng.randrange(14)
    if kind == 0:  # an address past the grid
        return _sub_random(rng, data, rb'\br="[^"]*"', lambda m: b'r="' + rng.choice(_HUGE_REFS) + b'"')
    if kind == 1:  # an odd number
        return _sub_random(rng, data, rb"<v>[^<]*</v>", lambda m: b"<v>" + rng.choice(_ODD_NUMBERS) + b"</v>")
    if kind == 2:  # a wrong cell type
        return _sub_random(rng, data, rb'<c r="[A-Z]+[0-9]+"', lambda m: m.group(0) + b' t="' + rng.choice(_TYPES) + b'"')
    if kind == 3:  # a huge merged range
        ref = rng.choice([b"A1:XFD1048576", b"A1:A1048576", b"B2:ZZZZ9", b"A1:XFD1", b"C3:A1", b"A1"])
        extra = b"".join(b'<mergeCell ref="' + ref + b'"/>' for _ in range(rng.choice([1, 3, 300])))
        if b"<mergeCells" in data:
            return data.replace(b"</mergeCells>", extra + b"</mergeCells>", 1)
        return data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + extra + b"</mergeCells>", 1)
    if kind == 4:  # a hyperlink over much of the grid
        ref = rng.choice([b"A1:XFD1048576", b"A1:Z100", b"ZZZZ1", b"A1 B2"])
        return data.replace(b"</sheetData>", b'</sheetData><hyperlinks><hyperlink ref="' + ref
                            + b'" display="x"/></hyperlinks>', 1)
    if kind == 5:  # a DTD, before the root or after a long comment
        head = b"<!--" + b"x" * rng.choice([10, 70_000]) + b"-->"
        at = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
        return data[:at] + head + _DTD + data[at:]
    if kind == 6:  # cut the part short
        return data[:rng.randrange(len(data) + 1)]
    if kind == 7:  # drop one element's start or end tag
        return _sub_random(rng, data, rb"</?[a-zA-Z:]+[^>]*>", lambda m: b"")
    if kind == 8:  # double one element
        return _sub_random(rng, data, rb"<(c|row|mergeCell|si|xf|sheet|Relationship|Override)\b[^>]*/>",
                           lambda m: m.group(0) * rng.choice([2, 50]))
    if kind == 9:  # a row number far off, or not a number
        return _sub_random(rng, data, rb'<row r="[^"]*"',
                           lambda m: b'<row r="' + rng.choice([b"1048577", b"1e15", b"0", b"-3", b"x", b"1.5"]) + b'"')
    if kind == 10:  # a style or string index out of range
        return _sub_random(rng, data, rb'\b(s|numFmtId|count)="[0-9]+"',
                           lambda m: m.group(1) + b'="' + rng.choice([b"99999", b"-1", b"1e9"]) + b'"')
    if kind == 11:  # random bytes in the middle
        at = rng.randrange(len(data) + 1)
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16))) + data[at:]
    if kind == 12:  # UTF-16 re-encoding
        try:
            return data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        except UnicodeDecodeError:
            return data
    # a long text value
    return _sub_random(rng, data, rb"<t>[^<]*</t>", lambda m: b"<t>" + "长".encode() * rng.choice([40_000, 10]) + b"</t>")


def _zip_mutation(rng: random.Random, raw: bytes, parts) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:  # truncated file
        return raw[:rng.randrange(len(raw))]
    if kind == 1:  # flipped bytes anywhere
        b = bytearray(raw)
        for _ in range(rng.randrange(1, 8)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == 2:  # a part dropped
        drop = rng.randrange(len(parts))
        return _pack([p for i, p in enumerate(parts) if i != drop])
    if kind == 3:  # a part duplicated
        dup = rng.randrange(len(parts))
        return _pack(list(parts) + [parts[dup]])
    if kind == 4:  # stored, not deflated
        return _pack(parts, zipfile.ZIP_STORED)
    # a part renamed
    i = rng.randrange(len(parts))
    info, data = parts[i]
    new = list(parts)
    new[i] = (info.filename.upper() if rng.random() < 0.5 else info.filename + ".bak", data)
    return _pack(new)


def mutant(n: int, seed: int = 15) -> tuple[str, bytes]:
    """The *n*-th mutant: (a description, the file's bytes)."""
    rng = random.Random(f"{seed}:{n}")
    src = rng.choice(EXAMPLES)
    parts = _parts(src)
    if rng.random() < 0.25:
        raw = _pack(parts)
        return f"{src.name} zip", _zip_mutation(rng, raw, parts)
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith((".xml", ".rels"))]
    # Worksheets most often: they are what the readers work hardest on.
    sheets = [i for i in xml if "worksheets/" in parts[i][0].filename]
    i = rng.choice(sheets) if sheets and rng.random() < 0.6 else rng.choice(xml)
    new = list(parts)
    info, data = parts[i]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data = _xml_mutation(rng, info.filename, data)
    new[i] = (info, data)
    return f"{src.name} {info.filename}", _pack(new)


# --- web-system exports (issue 18): the examples as an HTML table page and as Excel 2003 XML ---

def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


@lru_cache(maxsize=None)
def _markup(path: Path, kind: str) -> bytes:
    """An example as a web system exports it: every sheet one HTML table under its name, or
    one SpreadsheetML worksheet; merged ranges as spans."""
    from html import escape as html_escape
    from xml.sax.saxutils import escape, quoteattr

    from evalbook.files.door import open_book

    book = open_book(path)
    out = []
    for sheet in book.sheets:
        spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sheet.merged}
        covered = {(r, c) for r1, c1, r2, c2 in sheet.merged for r in range(r1, r2 + 1)
                   for c in range(c1, c2 + 1)} - set(spans)
        rows = []
        for r in range(1, sheet.max_row + 1):
            cells = []
            for c in range(1, sheet.max_col + 1):
                if (r, c) in covered:
                    continue
                v = sheet.value(r, c)
                rs, cs = spans.get((r, c), (1, 1))
                if kind == "html":
                    cells.append(f'<td rowspan="{rs}" colspan="{cs}">'
                                 f'{html_escape(_cell_text(v)) if v is not None else ""}</td>')
                elif v is not None or (r, c) in spans:
                    kind_ = "Number" if isinstance(v, (int, float)) and not isinstance(v, bool) else "String"
                    data = "" if v is None else f'<Data ss:Type="{kind_}">{escape(_cell_text(v))}</Data>'
                    cells.append(f'<Cell ss:Index="{c}" ss:MergeDown="{rs - 1}" ss:MergeAcross="{cs - 1}">{data}</Cell>')
            if kind == "html":
                rows.append("<tr>" + "".join(cells) + "</tr>")
            else:
                rows.append(f'<Row ss:Index="{r}">' + "".join(cells) + "</Row>")
        if kind == "html":
            out.append(f"<h2>{html_escape(sheet.name)}</h2><table border=1>" + "\n".join(rows) + "</table>")
        else:
            out.append(f"<Worksheet ss:Name={quoteattr(sheet.name)}><Table>" + "\n".join(rows) + "</Table></Worksheet>")
    if kind == "html":
        text = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
                + "\n".join(out) + "</body></html>")
    else:
        ns = "urn:schemas-microsoft-com:office:spreadsheet"
        text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Workbook xmlns="{ns}" xmlns:ss="{ns}">'
                + "\n".join(out) + "</Workbook>")
    return text.encode("utf-8")


_HUGE_ATTRS = [b' colspan="999999999"', b' rowspan="65534"', b' colspan="-3"', b' rowspan="x"', b' colspan="16384"',
               b' ss:Index="16385"', b' ss:Index="99999999999"', b' ss:MergeDown="1048576"', b' ss:MergeAcross="-5"',
               b' ss:MergeDown="1000000" ss:MergeAcross="1000"', b' ss:Index="0"', b' ss:StyleID="nope"',
               b' x:num="1e999"', b' x:str', b' style="mso-number-format:\'0\\.00%\'"']


def _markup_mutation(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(11)
    if kind == 0:  # cut short
        return data[:rng.randrange(len(data) + 1)]
    if kind == 1:  # random bytes
        at = rng.randrange(len(data) + 1)
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16))) + data[at:]
    if kind == 2:  # a tag dropped
        return _sub_random(rng, data, rb"</?[A-Za-z:]+[^>]*>", lambda m: b"")
    if kind == 3:  # a tag doubled
        return _sub_random(rng, data, rb"<(td|tr|table|Cell|Row|Worksheet|Data)\b[^>]*>",
                           lambda m: m.group(0) * rng.choice([2, 50, 3000]))
    if kind == 4:  # a span, index or format far off
        return _sub_random(rng, data, rb"<(td|Cell|Row)\b", lambda m: m.group(0) + rng.choice(_HUGE_ATTRS))
    if kind == 5:  # a DTD
        at = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
        return data[:at] + _DTD + data[at:]
    if kind == 6:  # another encoding than the one declared
        text = data.decode("utf-8", errors="replace")
        return text.encode(rng.choice(["gbk", "utf-16", "latin-1"]), errors="replace")
    if kind == 7:  # an odd number
        return _sub_random(rng, data, rb">-?[0-9][0-9.]*<", lambda m: b">" + rng.choice(_ODD_NUMBERS) + b"<")
    if kind == 8:  # deep nesting
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice([b"<div>" * 20_000, b"<table><tr><td>" * 500, b"<x>" * 20_000]) + data[at:]
    if kind == 9:  # a long text
        return _sub_random(rng, data, rb">[^<]{2,}<", lambda m: b">" + "长".encode() * rng.choice([40_000, 10]) + b"<")
    # an unclosed comment or tag
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice([b"<!--", b"<td", b"<![CDATA[", b"<script>"]) + data[at:]


def markup_mutant(n: int, seed: int = 18) -> tuple[str, bytes]:
    """The *n*-th mutant of an example exported as an HTML page or as Excel 2003 XML (both
    saved as .xls by web systems)."""
    rng = random.Random(f"markup:{seed}:{n}")
    src = rng.choice(EXAMPLES)
    kind = rng.choice(["html", "spreadsheetml"])
    data = _markup(src, kind)
    for _ in range(rng.choice([1, 1, 2])):
        data = _markup_mutation(rng, data)
    return f"{src.name} {kind}", data
