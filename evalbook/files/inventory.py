"""What a workbook holds that openpyxl drops when it loads and saves.

annotate writes an .xlsx/.xlsm by splicing (annotation/splice_copy.py), which keeps every
part, so for those it asks here only when the splicer hands the file back (SpliceError: a
form control in the note drawing of a sheet evalbook marks, threaded comments there, a shared
formula anchored in a cell evalbook writes, a Strict or prefixed workbook) and openpyxl writes
the copy instead. That path — and only it — loses what is listed here.

openpyxl keeps cells, styles, merges, validation, conditional
formatting, comments, images, charts, pivot tables, defined names and (with keep_links)
external links, but silently drops the rest: shapes and text boxes (a 填表说明 box is common),
form controls, extension lists (x14 validation and formatting, sparklines, slicers,
timelines), threaded comments, and images it cannot re-encode. The spec forbids losing
anything silently, so annotate asks here first and refuses unless --allow-loss.

Two sources, because neither sees everything: `losses` reads the package without openpyxl
(cheap, and names parts openpyxl ignores without a word, such as text boxes and threaded
comments); `capture_openpyxl_warnings` turns what openpyxl does say while loading into the
same names. Both give stable keys; `render_losses` puts them in a person's language.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from contextlib import contextmanager
from typing import Iterator

from evalbook.errors import InputError
from evalbook.errors import error_text

# Display order, which is also the order `losses` reports in.
LOSS_KEYS = (
    "text_box",
    "shape",
    "form_control",
    "x14_validation",
    "x14_formatting",
    "sparklines",
    "slicers",
    "timelines",
    "protected_ranges",
    "threaded_comments",
    "in_cell_pictures",
    "ole_objects",
    "header_footer_images",
    "backgrounds",
    "connections",
    "web_extensions",
    "extensions",
    "images",
    "vba",
)
OTHER_PREFIX = "other:"  # an openpyxl warning we have no name for; the text follows

# Extension URIs in sheet XML (openpyxl's EXT_TYPES, plus the cfRule pointer Excel writes
# beside x14 conditional formats). openpyxl drops every sheet-level extLst.
EXT_URIS = {
    "{78C0D931-6437-407D-A8EE-F0AAD7539E65}": "x14_formatting",
    "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}": "x14_formatting",
    "{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}": "x14_validation",
    "{05C60535-1F16-4FD2-B633-F4F36F0B64E0}": "sparklines",
    "{A8765BA9-456A-4DAB-B4F3-ACF838C121DE}": "slicers",
    "{3A4CF648-6AED-40F4-86FF-DC5316D8AED3}": "slicers",
    "{7E03D99C-DC04-49D9-9315-930204A7B6E9}": "timelines",
    "{FC87AEE6-9EDD-4A0A-B7FB-166176984837}": "protected_ranges",
}

# Part folders openpyxl neither reads nor writes.
PART_PREFIXES = {
    "xl/ctrlProps/": "form_control",
    "xl/activeX/": "form_control",
    "xl/slicers/": "slicers",
    "xl/slicerCaches/": "slicers",
    "xl/timelines/": "timelines",
    "xl/timelineCaches/": "timelines",
    "xl/threadedComments/": "threaded_comments",
    # what the splicer keeps; openpyxl drops them without a word, so on the openpyxl path
    # (annotate's fallback) they are named here, never lost silently
    "xl/richData/": "in_cell_pictures",
    "xl/cellimages.xml": "in_cell_pictures",  # WPS 嵌入单元格的图片
    "xl/connections.xml": "connections",
    "xl/queryTables/": "connections",
    "xl/webextensions/": "web_extensions",
}

# openpyxl's load-time warnings → loss keys. The extension warnings read
# "<kind> extension is not supported and will be removed".
WARNING_KEYS = (
    ("Data Validation extension", "x14_validation"),
    ("Conditional Formatting extension", "x14_formatting"),
    ("Sparkline Group extension", "sparklines"),
    ("Slicer List extension", "slicers"),
    ("Timeline Ref extension", "timelines"),
    ("Protected Range extension", "protected_ranges"),
    ("extension is not supported", "extensions"),
    ("Shapes and drawings will be lost", "shape"),
    ("image format is not supported", "images"),
    ("will be removed because it cannot be read", "images"),
)
# Warnings that announce no loss: the file had nothing there to keep.
BENIGN_WARNINGS = (
    "Workbook contains no stylesheet",
    "Workbook contains no default style",
    "Title is more than 31 characters",
)

# Legacy VML: notes are ObjectType="Note" and openpyxl rewrites them; anything else in VML
# (Checkbox, Button, Drop, …) is a form control.
VML_OBJECT = re.compile(rb'ObjectType\s*=\s*"([A-Za-z]+)"')


def vml_holds_controls(vml: bytes) -> bool:
    """Whether a legacy VML drawing holds anything but notes (a form control)."""
    return bool({k.decode() for k in VML_OBJECT.findall(vml)} - {"Note"})

EXT_URI = re.compile(rb'<(?:[A-Za-z0-9_]+:)?ext\b[^>]*?\buri\s*=\s*"(\{[^"]+\})"')
CONTROLS = re.compile(rb"<(?:[A-Za-z0-9_]+:)?controls[\s>/]")
# Sheet elements openpyxl drops: embedded OLE objects, header/footer pictures, the sheet
# background, and cells pointing at rich values (Excel's pictures in cells, vm=).
SHEET_ELEMENTS = (
    (re.compile(rb"<(?:[A-Za-z0-9_]+:)?oleObjects[\s>/]"), "ole_objects"),
    (re.compile(rb"<(?:[A-Za-z0-9_]+:)?legacyDrawingHF[\s>/]"), "header_footer_images"),
    (re.compile(rb"<(?:[A-Za-z0-9_]+:)?picture[\s>/]"), "backgrounds"),
    (re.compile(rb"<(?:[A-Za-z0-9_]+:)?c\b[^>]*\svm\s*=\s*\""), "in_cell_pictures"),
)
# DrawingML elements openpyxl's drawing model reads but never writes back.
SHAPE_TAG = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(sp|cxnSp|grpSp)[\s>/]")
TEXT_BODY = re.compile(rb"<(?:[A-Za-z0-9_]+:)?txBody[\s>]|txBox\s*=\s*\"1\"")
UNSAVABLE_IMAGE = re.compile(rb'Target\s*=\s*"[^"]*\.(?:emf|wmf)"', re.IGNORECASE)

CHUNK = 1 << 20
OVERLAP = 4096  # longer than any tag we look for, so a match never straddles unseen


def losses(path, keep_vba: bool = True) -> list[str]:
    """Loss keys for what openpyxl would drop from `path` on load and save, in LOSS_KEYS order.

    Call after guard.sniff(path) has accepted the file (the zip has been bounded). A .xls has
    nothing for openpyxl to drop: annotate writes it afresh as .xlsx. `keep_vba` is how the
    caller will load it; VBA is only lost when it is False.
    """
    found: set[str] = set()
    if not zipfile.is_zipfile(path):
        return []
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            name = info.filename
            for prefix, key in PART_PREFIXES.items():
                if name.startswith(prefix):
                    found.add(key)
            if name == "xl/vbaProject.bin" and not keep_vba:
                found.add("vba")
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found |= _sheet_losses(zf, info)
            elif name.startswith("xl/drawings/_rels/"):
                if UNSAVABLE_IMAGE.search(zf.read(info)):
                    found.add("images")
            elif name.startswith("xl/drawings/") and name.endswith(".xml"):
                found |= _drawing_losses(zf.read(info))
            elif name.startswith("xl/drawings/") and name.endswith(".vml"):
                if vml_holds_controls(zf.read(info)):
                    found.add("form_control")
    return [k for k in LOSS_KEYS if k in found]


def _sheet_losses(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> set[str]:
    """Scan a sheet's XML as bytes, streamed: a sheet may be many megabytes of cells."""
    found: set[str] = set()
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            buf = tail + chunk
            for uri in EXT_URI.findall(buf):
                found.add(EXT_URIS.get(uri.decode().upper(), "extensions"))
            if CONTROLS.search(buf):
                found.add("form_control")
            for pattern, key in SHEET_ELEMENTS:
                if pattern.search(buf):
                    found.add(key)
            tail = buf[-OVERLAP:]
    return found


def _drawing_losses(xml: bytes) -> set[str]:
    """Shapes in a drawing part; pictures and charts (pic, graphicFrame) openpyxl keeps.

    Each shape runs to the next shape tag; a plain shape holding a text body is a text box.
    """
    found: set[str] = set()
    marks = list(SHAPE_TAG.finditer(xml))
    for i, m in enumerate(marks):
        if m.group(1) != b"sp":
            found.add("shape")
            continue
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(xml)
        found.add("text_box" if TEXT_BODY.search(xml, m.end(), stop) else "shape")
    return found


@contextmanager
def capture_openpyxl_warnings() -> Iterator[list[str]]:
    """Collect, as loss keys, what openpyxl warns it drops while loading inside the block.

        with capture_openpyxl_warnings() as lost:
            wb = openpyxl.load_workbook(path, keep_vba=True)
        # `lost` is filled when the block ends

    Warnings we have no name for come back as "other:<openpyxl's text>", so nothing it
    announces is lost silently either.
    """
    lost: list[str] = []
    foreign: list[warnings.WarningMessage] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield lost
        finally:
            for w in caught:
                if "openpyxl" in (w.filename or "").replace("\\", "/"):
                    key = warning_key(str(w.message))
                    if key and key not in lost:
                        lost.append(key)
                else:
                    foreign.append(w)
    # Not ours to swallow: pass other warnings on once the filter is restored.
    for w in foreign:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def warning_key(text: str) -> str | None:
    """The loss key for one openpyxl warning, None when it announces no loss."""
    if any(text.startswith(b) for b in BENIGN_WARNINGS):
        return None
    for needle, key in WARNING_KEYS:
        if needle in text:
            return key
    return OTHER_PREFIX + " ".join(text.split())  # one line, whatever openpyxl wrote


def merge_losses(*groups: list[str]) -> list[str]:
    """Keys from several sources, once each, named losses first in LOSS_KEYS order."""
    keys = {k for g in groups for k in g}
    named = [k for k in LOSS_KEYS if k in keys]
    others = sorted(k for k in keys if k not in LOSS_KEYS)
    return named + others


def render_losses(keys: list[str], lang: str = "zh") -> str:
    sep = "、" if lang != "en" else ", "
    parts = []
    for key in keys:
        if key.startswith(OTHER_PREFIX):
            parts.append(error_text("loss.other", lang, detail=key[len(OTHER_PREFIX):]))
        else:
            parts.append(error_text("loss." + key, lang))
    return sep.join(parts)


class LossError(InputError):
    """Refusal to write: names the parts in whichever language the message is asked for."""

    def __init__(self, path, keys: list[str]):
        super().__init__("loss", path=str(path), keys=list(keys))

    def message(self, lang: str = "zh") -> str:
        parts = render_losses(self.params["keys"], lang)
        return error_text("loss", lang, path=self.params["path"], parts=parts)
