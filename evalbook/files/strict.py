"""Excel's "Strict Open XML" workbooks, made Transitional (the .xlsx every program writes).

A Strict package says the same things as a Transitional one in other namespaces
(``http://purl.oclc.org/ooxml/…`` for ``http://schemas.openxmlformats.org/…``) and other
relationship types, and its workbook carries ``conformance="strict"``. openpyxl and the splicer
read and write Transitional only, so annotate works on the package's Transitional twin: every
XML part and relationship part with its namespaces and relationship types translated, every
other byte as it was. The annotated copy is then an ordinary .xlsx, which Excel and WPS open
as they open any (校验结果 says so). A Strict namespace this table does not know raises
SpliceError: annotate then refuses the file rather than guess (errors.py annotate_strict).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from evalbook.files.splice import Package, SpliceError

_PURL = "http://purl.oclc.org/ooxml/"
_OOXML = "http://schemas.openxmlformats.org/"

# Strict namespace → Transitional namespace (ECMA-376 Part 1 and Part 4).
NAMESPACES = {
    _PURL + "spreadsheetml/main": _OOXML + "spreadsheetml/2006/main",
    _PURL + "officeDocument/relationships": _OOXML + "officeDocument/2006/relationships",
    _PURL + "officeDocument/extendedProperties": _OOXML + "officeDocument/2006/extended-properties",
    _PURL + "officeDocument/customProperties": _OOXML + "officeDocument/2006/custom-properties",
    _PURL + "officeDocument/docPropsVTypes": _OOXML + "officeDocument/2006/docPropsVTypes",
    _PURL + "officeDocument/sharedTypes": _OOXML + "officeDocument/2006/sharedTypes",
    _PURL + "officeDocument/customXml": _OOXML + "officeDocument/2006/customXml",
    _PURL + "officeDocument/math": _OOXML + "officeDocument/2006/math",
    _PURL + "officeDocument/bibliography": _OOXML + "officeDocument/2006/bibliography",
    _PURL + "schemaLibrary/main": _OOXML + "schemaLibrary/2006/main",
    **{_PURL + "drawingml/" + name: _OOXML + "drawingml/2006/" + name
       for name in ("main", "chart", "chartDrawing", "diagram", "picture", "spreadsheetDrawing",
                    "lockedCanvas", "compatibility", "wordprocessingDrawing")},
}
# Relationship types: the Strict base with the Transitional name (two are spelled otherwise).
_REL_STRICT = _PURL + "officeDocument/relationships/"
_REL_TRANSITIONAL = _OOXML + "officeDocument/2006/relationships/"
_REL_RENAMED = {"extendedProperties": "extended-properties", "customProperties": "custom-properties"}

_URI = re.compile(rb"http://purl\.oclc\.org/ooxml/[A-Za-z0-9/._-]+")
_CONFORMANCE = re.compile(rb'\s+conformance\s*=\s*"strict"')


def _workbook_part(path) -> str | None:
    try:
        return Package(path).workbook()
    except (SpliceError, KeyError):
        return None


def is_strict(path) -> bool:
    """Whether the package's workbook part is in Strict Open XML."""
    part = _workbook_part(path)
    if part is None:
        return False
    with zipfile.ZipFile(path) as z:
        return part in z.namelist() and _PURL.encode() in z.read(part)[:4096]


def _translate_uri(m: re.Match) -> bytes:
    uri = m.group(0).decode("ascii")
    if uri in NAMESPACES:
        return NAMESPACES[uri].encode()
    if uri.startswith(_REL_STRICT):
        name = uri[len(_REL_STRICT):]
        return (_REL_TRANSITIONAL + _REL_RENAMED.get(name, name)).encode()
    raise SpliceError(f"a Strict namespace without a Transitional twin: {uri}")


def transitional_twin(src: Path, out: Path) -> None:
    """Write *src*'s Transitional twin to *out* (see the module's text)."""
    workbook = _workbook_part(src)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename.endswith((".xml", ".rels", ".vml")) and _PURL.encode() in data:
                data = _URI.sub(_translate_uri, data)
                if info.filename == workbook:
                    data = _CONFORMANCE.sub(b"", data, count=1)
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type, copy.external_attr = info.compress_type, info.external_attr
            b.writestr(copy, data)
