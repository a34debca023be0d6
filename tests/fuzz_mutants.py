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
