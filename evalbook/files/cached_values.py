"""Cached results for the formula cells openpyxl writes, so non-calculating readers see numbers.

openpyxl stores a cell as either a formula or a value, and writes every formula cell with an
empty result (``<c r="H5"><f>SUM(H2:H4)</f><v /></c>``; ``<v></v>`` or ``<v/>`` with lxml).
Excel recalculates on open, but previews, pandas and python-calamine show blanks.

Why a patch of the saved zip, after openpyxl's save:
- openpyxl has no way to keep a formula and its result together, and xlsxwriter (which has)
  cannot edit an existing workbook, which annotate must do without losing anything.
- Recalculating with LibreOffice would rewrite the whole file and is a heavy dependency.
- openpyxl's output is regular, so a byte-level regex finds formula cells exactly. Parsing
  into a DOM would cost seconds and a lot of memory on sheets of 10,000+ rows and would
  re-serialize (and so change) everything else; here only the patched ``<c>`` elements and
  the ``<calcPr>`` of xl/workbook.xml change, other zip members are copied as they are.

The workbook also keeps asking for a full recalculation on load (``fullCalcOnLoad="1"``), so
Excel replaces our values with its own. openpyxl already writes that for new workbooks and for
files that do not say otherwise, but keeps an explicit ``fullCalcOnLoad="0"`` from its input;
the patch sets it in every case.

A value for a cell that is not a formula cell (or is missing) is a mistake of the caller:
:func:`add_cached_values` raises ValueError and leaves the file as it was.
"""

from __future__ import annotations

import math
import numbers
import posixpath
import re
import shutil
import zipfile
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from evalbook.files.atomic import atomic_write

# A formula cell as openpyxl writes it: attributes, the <f> element (maybe self-closing, as for
# shared formulas), then an optional <v> and the end. Text never holds a raw "<", so no part
# can run into the next cell; a <c .../> cannot match, as what follows it is never <f.
_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>(<f\b[^>]*?(?:/>|>[^<]*</f>))(?:<v\s*/>|<v>[^<]*</v>)?</c>")
_REF = re.compile(rb'\sr="([^"]+)"')
_TYPE = re.compile(rb'\st="[^"]*"')
_SHEET = re.compile(rb"<sheet\b[^>]*>")
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_CALC_PR = re.compile(rb"<calcPr\b[^>]*?/?>")
_FULL_CALC = re.compile(rb'\sfullCalcOnLoad="[^"]*"')


def escape(text: str) -> str:
    """xml.sax.saxutils.escape, which costs every annotate 10 ms of imports (urllib, ssl, email)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """*text* as the value of an attribute in double quotes."""
    return escape(text).replace('"', "&quot;")


def add_cached_values(xlsx_path: Path, values: dict[str, dict[str, object]]) -> None:
    """Give formula cells of the openpyxl-saved *xlsx_path* their results, in place.

    *values* maps a sheet title to {"A1": result}; a result is a number, a str, a bool, or
    None (no result known: the cell stays empty). Raises ValueError, leaving the file
    untouched, for an unknown sheet, a cell that is not a formula cell, or an unusable value.
    """
    xlsx_path = Path(xlsx_path)
    with zipfile.ZipFile(xlsx_path) as zin:
        workbook = zin.read("xl/workbook.xml")
        parts = _sheet_parts(workbook, zin.read("xl/_rels/workbook.xml.rels"))
        unknown = sorted(set(values) - set(parts))
        if unknown:
            raise ValueError(f"no sheet named {', '.join(unknown)} in {xlsx_path}")
        patched = {"xl/workbook.xml": _full_calc_on_load(workbook)}
        for title, cells in values.items():
            if cells:
                patched[parts[title]] = _patch_sheet(zin.read(parts[title]), title, cells)
    if patched["xl/workbook.xml"] == workbook and len(patched) == 1:
        return
    # The source is closed before atomic_write renames over it (Windows refuses to replace an open file).
    with atomic_write(xlsx_path) as tmp:
        with zipfile.ZipFile(xlsx_path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                if info.filename in patched:
                    zout.writestr(copy, patched[info.filename])
                    continue
                copy.file_size = info.file_size  # lets zipfile choose zip64 up front for huge members
                with zin.open(info) as src, zout.open(copy, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)


def _sheet_parts(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet title → zip member name of its worksheet part."""
    targets = {}
    for rel in _RELATIONSHIP.findall(rels):
        attrs = _attributes(rel)
        target = attrs.get("Target", "")
        # openpyxl writes absolute targets ("/xl/worksheets/sheet1.xml"); others are relative to xl/.
        targets[attrs.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
    parts = {}
    for sheet in _SHEET.findall(workbook):
        attrs = _attributes(sheet)
        if "name" in attrs and attrs.get("r:id") in targets:
            parts[attrs["name"]] = targets[attrs["r:id"]]
    return parts


def _attributes(tag: bytes) -> dict[str, str]:
    import html  # here, not at the top: its entity table is a millisecond of every start

    return {
        k.decode(): html.unescape(v.decode("utf-8"))
        for k, v in re.findall(rb'([\w:.-]+)="([^"]*)"', tag)
    }


def _patch_sheet(xml: bytes, title: str, cells: dict[str, object]) -> bytes:
    rendered = {ref: _render(title, ref, value) for ref, value in cells.items()}
    seen = set()

    def patch(m: re.Match) -> bytes:
        attrs, formula = m.group(1), m.group(2)
        ref = _REF.search(attrs)
        ref = ref.group(1).decode() if ref else None
        if ref not in rendered:
            return m.group(0)
        seen.add(ref)
        if rendered[ref] is None:
            return m.group(0)
        cell_type, text = rendered[ref]
        attrs = _TYPE.sub(b"", attrs) + cell_type
        return b"<c%s>%s<v>%s</v></c>" % (attrs, formula, text)

    xml = _FORMULA_CELL.sub(patch, xml)
    missing = sorted(set(rendered) - seen)
    if missing:
        raise ValueError(f"not formula cells in sheet {title!r}: {', '.join(missing)}")
    return xml


def _render(title: str, ref: str, value: object) -> tuple[bytes, bytes] | None:
    """The t= attribute and <v> text for *value*, or None for no value."""
    if value is None:
        return None
    if isinstance(value, bool):
        return b' t="b"', b"1" if value else b"0"
    if isinstance(value, numbers.Integral):
        return b"", str(int(value)).encode()
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number):
            return b"", repr(number).encode()
    elif isinstance(value, str) and not ILLEGAL_CHARACTERS_RE.search(value):
        # \r would be read back as \n by any XML parser unless written as a reference.
        return b' t="str"', escape(value).replace("\r", "&#13;").encode("utf-8")
    raise ValueError(f"cannot store {value!r} as the result of {title}!{ref}")


def full_calc_on_load(workbook: bytes) -> bytes:
    """*workbook* (xl/workbook.xml) asking every application to recalculate on open."""
    return _full_calc_on_load(workbook)


def _full_calc_on_load(workbook: bytes) -> bytes:
    m = _CALC_PR.search(workbook)
    if m is None:
        # calcPr follows definedNames (or sheets) in the schema's order; openpyxl always writes one.
        anchor = re.search(rb"</definedNames>|<definedNames\s*/>|</sheets>", workbook)
        if anchor is None:
            raise ValueError("xl/workbook.xml has no <sheets>")
        return workbook[: anchor.end()] + b'<calcPr fullCalcOnLoad="1"/>' + workbook[anchor.end() :]
    tag = m.group(0)
    if _FULL_CALC.search(tag):
        new = _FULL_CALC.sub(b' fullCalcOnLoad="1"', tag)
    else:
        new = tag[: len(b"<calcPr")] + b' fullCalcOnLoad="1"' + tag[len(b"<calcPr") :]
    return workbook[: m.start()] + new + workbook[m.end() :]
