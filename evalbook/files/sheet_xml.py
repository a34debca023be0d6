"""Editing the elements of a worksheet part that are not cells, by splicing (files/splice.py
does the cells): conditional formats, data validations and the note drawing link.

Each edit takes out or puts in whole top-level elements and leaves every other byte as it
was; a new element goes where the schema (ECMA-376 CT_Worksheet) puts it, before the first
element that must follow it. Extension lists (x14 validations and formats, sparklines, WPS
and Excel extensions) are never opened: ``<x14:conditionalFormatting>`` is another element
than ``<conditionalFormatting>``. Which elements are evalbook's is the caller's to say (a
predicate), so the recognisers stay where the marks are made (annotation/rerun.py).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Callable

from evalbook.files.splice import NS_OFFICE_RELS, SpliceError, attributes

# CT_Worksheet's children after <sheetData>, in the schema's order.
AFTER_SHEET_DATA = (
    "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)
_SHEET_DATA_END = re.compile(rb"</sheetData\s*>|<sheetData\s*/>")
_CF = re.compile(rb"<conditionalFormatting\b[^>]*?(?:/>|>.*?</conditionalFormatting\s*>)", re.S)
_CF_RULE = re.compile(rb"<cfRule\b[^>]*?(?:/>|>.*?</cfRule\s*>)", re.S)
_FORMULA = re.compile(rb"<formula>(.*?)</formula\s*>", re.S)
_DVS = re.compile(rb"<dataValidations\b[^>]*?(?:/>|>.*?</dataValidations\s*>)", re.S)
_DV = re.compile(rb"<dataValidation\b[^>]*?(?:/>|>.*?</dataValidation\s*>)", re.S)
_LEGACY = re.compile(rb"<legacyDrawing\b[^>]*?/>|<legacyDrawing\b[^>]*>.*?</legacyDrawing\s*>", re.S)
_PRIORITY = re.compile(rb'\bpriority\s*=\s*"(\d+)"')


def _replaced(xml: bytes, start: int, end: int, piece: bytes) -> bytes:
    """*xml* with the bytes from *start* to *end* replaced by *piece*, copied once: a sheet of
    megabytes sliced and added up was copied three times."""
    view = memoryview(xml)
    return b"".join((view[:start], piece, view[end:]))


def _body_start(xml: bytes) -> int:
    end = xml.rfind(b"</sheetData>")
    if end >= 0:
        return end + len(b"</sheetData>")
    m = _SHEET_DATA_END.search(xml)
    if m is None:
        raise SpliceError("no <sheetData>")
    return m.end()


def insert_element(xml: bytes, name: str, element: bytes) -> bytes:
    """*element* (a ``<name>`` of CT_Worksheet) put in the schema's place: after every element
    of its own kind and those before it, before the first that must follow it."""
    if name not in AFTER_SHEET_DATA:
        raise SpliceError(f"{name} is not placed by the splicer")
    start = _body_start(xml)
    earlier, later = _neighbours(name)
    # past the last element of this kind or of one that comes before it (they may hold
    # <extLst> of their own, which must not be taken for the sheet's)
    for m in _CLOSING.finditer(xml, start):
        if (m.group(1) or m.group(2)) in earlier:
            start = max(start, m.end())
    m = next((m for m in _OPENING.finditer(xml, start) if m.group(1) in later), None)
    at = m.start() if m else xml.rfind(b"</")
    if at < start:
        raise SpliceError("no end of <worksheet>")
    return _replaced(xml, at, at, element)


# Any element's end tag or empty-element tag, and any start tag, with its name: the ones of
# the kinds asked for are picked by name (a pattern naming them all took ~2 ms to compile).
_CLOSING = re.compile(rb"</([\w:.-]+)\s*>|<([\w:.-]+)\b[^>]*/>")
_OPENING = re.compile(rb"<([\w:.-]+)[\s/>]")


@lru_cache(maxsize=None)
def _neighbours(name: str) -> tuple[frozenset, frozenset]:
    """The names of *name* and the elements before it, and of those after it."""
    order = AFTER_SHEET_DATA
    i = order.index(name)
    later = order[i + 1:] + (("mc:AlternateContent",) if name == "legacyDrawing" else ())  # Excel wraps
    return frozenset(x.encode() for x in order[:i + 1]), frozenset(x.encode() for x in later)  # controls in it


def max_priority(xml: bytes) -> int:
    """The highest conditional-format priority in the sheet, x14 rules included (all of them
    after <sheetData>: a sheet of a hundred megabytes is not searched cell by cell)."""
    return max((int(x) for x in _PRIORITY.findall(xml, _body_start(xml))), default=0)


def remove_conditional_formats(xml: bytes, ours: Callable[[str], bool]) -> bytes:
    """Take out every ``<cfRule>`` whose formula *ours* recognises (and a ``<conditionalFormatting>``
    left empty); every other byte stays."""
    def rule(m: re.Match) -> bytes:
        formulas = [html.unescape(f.decode("utf-8")) for f in _FORMULA.findall(m.group(0))]
        return b"" if any(ours(f) for f in formulas) else m.group(0)

    def block(m: re.Match) -> bytes:
        text = m.group(0)
        new = _CF_RULE.sub(rule, text)
        if new == text:
            return text
        return b"" if not _CF_RULE.search(new) else new

    start = _body_start(xml)
    tail = xml[start:]
    kept = _CF.sub(block, tail)
    return xml if kept == tail else _replaced(xml, start, len(xml), kept)  # not copied for nothing


def add_conditional_formats(xml: bytes, blocks: list[bytes]) -> bytes:
    if not blocks:
        return xml
    return insert_element(xml, "conditionalFormatting", b"".join(blocks))


def remove_validations(xml: bytes, ours: Callable[[dict], bool]) -> bytes:
    """Take out every ``<dataValidation>`` whose attributes *ours* recognises (and the list when
    left empty), with the list's count set to what is left."""
    start = _body_start(xml)
    m = _DVS.search(xml, start)
    if m is None:
        return xml
    text = m.group(0)
    kept = [dv for dv in _DV.findall(text) if not ours(attributes(dv[:dv.find(b">") + 1]))]
    if len(kept) == len(_DV.findall(text)):
        return xml
    if not kept:
        return _replaced(xml, m.start(), m.end(), b"")
    return _replaced(xml, m.start(), m.end(), _rebuild_dvs(text, kept))


def _rebuild_dvs(text: bytes, items: list[bytes]) -> bytes:
    head = text[:text.find(b">") + 1]
    if head.endswith(b"/>"):
        head = head[:-2].rstrip() + b">"
    head = re.sub(rb'\s*\bcount\s*=\s*"\d*"', b"", head)
    head = head[:-1].rstrip() + f' count="{len(items)}">'.encode()
    return head + b"".join(items) + b"</dataValidations>"


def add_validations(xml: bytes, items: list[bytes]) -> bytes:
    """*items* (``<dataValidation>``) after the sheet's own, in its list or a new one."""
    if not items:
        return xml
    m = _DVS.search(xml, _body_start(xml))
    if m is None:
        return insert_element(xml, "dataValidations", _rebuild_dvs(b"<dataValidations>", items))
    text = m.group(0)
    return _replaced(xml, m.start(), m.end(), _rebuild_dvs(text, _DV.findall(text) + items))


def legacy_drawing_id(xml: bytes) -> str | None:
    """The relationship Id of the sheet's note drawing (``<legacyDrawing r:id>``), if any."""
    m = _LEGACY.search(xml, _body_start(xml))
    if m is None:
        return None
    a = attributes(m.group(0)[:m.group(0).find(b">") + 1])
    return next((v for k, v in a.items() if k.endswith(":id")), None)


def set_legacy_drawing(xml: bytes, rid: str | None) -> bytes:
    """Point the sheet at note drawing *rid*, or (None) take the link out."""
    start = _body_start(xml)
    m = _LEGACY.search(xml, start)
    if rid is None:
        return xml if m is None else _replaced(xml, m.start(), m.end(), b"")
    element = f'<legacyDrawing xmlns:r="{NS_OFFICE_RELS}" r:id="{rid}"/>'.encode()
    if m is not None:
        return _replaced(xml, m.start(), m.end(), element)
    return insert_element(xml, "legacyDrawing", element)
