"""The one door every workbook comes in through.

People feed evalbook whatever they have: an empty download, a PDF renamed .xlsx, a
password-protected workbook, an old .xls, a zip bomb. The parsers behind this door fail in a
dozen unrelated ways (openpyxl alone raises BadZipFile, KeyError, InvalidFileException,
ValueError and ParseError) or not at all (a 4 MB zip holding 1 GiB of sheet XML runs for
minutes before MemoryError). So everything that can be judged without parsing is judged here
first, from the file's magic bytes and the zip's central directory, and every parser failure
that still gets through becomes one :class:`InputError` the command line prints as one line.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile

from evalbook.errors import InputError
from evalbook.files.book import Book, Budget, Limits, OutsideGrid, OverLimit
from evalbook.files.xlsx_parts import DOCUMENT_TYPES
from evalbook.files.xls import read_xls
from evalbook.files.xlsx import read_xlsx

MiB = 1024 * 1024

# A 10,000-row form is about 4 MB of sheet XML and compresses about 13:1. The limits leave
# room for thirty times that and still refuse a bomb before anything is inflated.
MAX_ENTRIES = 10_000
MAX_PART_BYTES = 128 * MiB
MAX_TOTAL_BYTES = 512 * MiB
# Real sheet XML deflates 5-60:1; a run of one byte deflates about 1000:1. The ratio is only
# judged on parts big enough to matter.
MAX_RATIO = 250
RATIO_FLOOR = 8 * MiB
# Every XML part is read through for a DTD (not just its prolog: a 64 KB comment used to hide
# one from a prolog-only look), in chunks of this size.
SCAN_CHUNK = 1024 * 1024
# An OLE2 file is read whole by xlrd; bound it like the zip's total.
MAX_OLE_BYTES = MAX_TOTAL_BYTES

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF"

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

# Workbook part content type → kind. Templates read like their workbooks.
WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xlsm",
}
XLSB_TYPE = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
WORD_TYPES = DOCUMENT_TYPES
# Kinds a spreadsheet program opens but annotate cannot keep as they are: written as .xlsx.
CONVERTED_KINDS = ("xls", "html", "spreadsheetml")
WORD_KINDS = ("docx", "doc")
CONTENT_TYPES = "[Content_Types].xml"
XML_SUFFIXES = (".xml", ".rels", ".vml")


def _fail(key: str, path: str, **params) -> InputError:
    # The path as the person gave it: in a batch, two forms may share a file name.
    return InputError(key, path=path, **params)


# The work limits every read uses unless given its own (evalbook check --max-cells sets them).
LIMITS = Limits()
# For annotate: openpyxl's full load and save cost about ten times a check's per cell, so the
# same 30 s / 1 GB promise needs a lower cell limit (still 1.7 times the 10,000-leaf benchmark).
ANNOTATE_LIMITS = Limits.scaled(300_000)


def lock_target(path) -> str | None:
    """The workbook an Excel/WPS lock file stands for ("~$name.xlsx" → "name.xlsx"), else None.

    Excel and WPS leave ``~$name.xlsx`` beside a workbook while it is open (LibreOffice
    ``.~lock.name.xlsx#``); it holds the user's name, never a form."""
    name = os.path.basename(os.fspath(path).rstrip("/\\"))
    if name.startswith("~$") and len(name) > 2:
        return name[2:]
    if name.startswith(".~lock.") and name.endswith("#") and len(name) > 8:
        return name[7:-1]
    return None


def is_lock_file(path) -> bool:
    """Whether *path* is an Excel/WPS (or LibreOffice) lock file: check and batch skip it."""
    return lock_target(path) is not None


def lock_note(path, lang: str = "zh") -> str:
    """The spec's one line for a skipped lock file: "name.xlsx 正在 Excel/WPS 中打开：…"."""
    from evalbook.errors import error_text

    return error_text("lock_skipped", lang, name=lock_target(path) or os.path.basename(os.fspath(path)))


def sniff(path, documents: bool = False) -> str:
    """Check `path` without parsing it and say what it is: "xlsx", "xlsm", "xls", "html" (a web
    page's table), "spreadsheetml" (Excel 2003 XML), or "docx" / "doc" (a Word document: no
    workbook, but named so that the Word report reader can take it).

    The content decides, never the name: a WPS .et is whichever of these it holds, else
    refused with "请在 WPS 中另存为 .xlsx". Raises InputError for anything a parser should not
    be handed, and for a lock file, which is never read. Callers that load the file themselves
    (annotate) call this first; open_book calls it for everyone else. A Word document is refused
    with "这是 Word 文档 …" unless *documents* asks for it (check reads Word reports).
    """
    kind = _sniff_kind(path)
    if kind in WORD_KINDS and not documents:
        path = os.fspath(path)
        raise _fail("word", path, name=os.path.basename(path))
    return kind


def _sniff_kind(path) -> str:
    path = os.fspath(path)
    if not os.path.lexists(path):
        raise _fail("missing", path)
    if is_lock_file(path):
        raise _fail("lock_file", path, name=lock_target(path))
    try:
        return _sniff(path)
    except InputError as e:
        if e.key in ("not_workbook", "corrupt") and path.lower().endswith(".et"):
            raise _fail("et", path) from e
        raise


def _sniff(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError as e:  # a dangling link, a loop, a name too long
        raise _fail("unreadable", path, detail=e.strerror or type(e).__name__) from e
    if stat.S_ISDIR(st.st_mode):
        raise _fail("is_dir", path)
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or a device: opening one can block for ever, or never end; refuse unopened.
        raise _fail("not_regular", path)
    try:
        size = st.st_size
        # O_NONBLOCK: should a FIFO take the file's place after the test, open still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise _fail("not_regular", path)
            head = fh.read(TEXT_HEAD)
    except OSError as e:
        raise _fail("unreadable", path, detail=e.strerror or type(e).__name__) from e
    if size == 0:
        raise _fail("empty", path)
    if head.startswith(ZIP_MAGIC):
        return _check_zip(path)
    if head.startswith(OLE_MAGIC):
        return _check_ole(path, size)
    if head.startswith(EMPTY_ZIP_MAGIC):
        raise _fail("not_workbook", path)
    if head.startswith(PDF_MAGIC):
        raise _fail("pdf", path)
    kind = markup_kind(head)
    if kind is not None:
        return kind
    raise _fail("not_workbook", path)


# How much of a file is looked at to tell a web page or Excel 2003 XML from other text.
TEXT_HEAD = 64 * 1024
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_MARKUP_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\]\s*)?>)", re.S | re.I)
_FIRST_TAG = re.compile(r"\s*<([A-Za-z][A-Za-z0-9:_.-]*)")
_HTML_TAGS = {"html", "head", "body", "table", "meta", "title", "style", "div", "p", "tr", "td", "h1", "h2",
              "h3", "link", "script", "center", "font", "span", "b", "br"}


def markup_kind(head: bytes) -> str | None:
    """"html", "spreadsheetml" or "xml" (some other XML) from a file's first bytes, else None.

    Judged by the first element after the prolog (declarations, processing instructions,
    comments, a doctype), as a browser or Excel would take it. The encoding is not yet known:
    the bytes are read as Latin-1 (every ASCII tag reads right) or, after a UTF-16 BOM, as UTF-16.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head[3:].decode("latin-1") if head.startswith(b"\xef\xbb\xbf") else head.decode("latin-1")
    if not text.lstrip().startswith("<"):
        return None
    at = 0
    while True:
        m = _MARKUP_SKIP.match(text, at)
        if not m or m.end() == at:
            break
        at = m.end()
    if re.match(r"\s*<!doctype\s+html", text[:at], re.I) or "<!DOCTYPE html" in text[:at].upper():
        return "html"
    m = _FIRST_TAG.match(text, at)
    if not m:
        return None
    tag = m.group(1)
    local = tag.rsplit(":", 1)[-1]
    if local == "Workbook":
        return "spreadsheetml"
    if tag.lower() in _HTML_TAGS:
        return "html"
    return "xml"


def open_book(path, limits: Limits | None = None, documents: bool = False, *, sniffed: str | None = None) -> Book:
    """Read any workbook a person may hand us into a Book, or raise InputError.

    *limits* bounds the work the workbook may ask for (cells, rows, merged area, shared
    strings, styles; :class:`~evalbook.files.book.Limits`); the default is :data:`LIMITS`.
    With *documents*, a Word report is read too (a :class:`~evalbook.files.docx.DocxBook`).
    *sniffed* is what :func:`sniff` said of this same file, for a caller that sniffed it
    first (annotate): the door's checks, every part's prolog among them, are not run twice.
    """
    path = os.fspath(path)
    kind = sniffed or sniff(path, documents)
    if kind == "xml":
        raise _fail("xml_not_workbook", path)
    budget = Budget(limits or LIMITS)
    try:
        if kind == "doc":
            from evalbook.files.doc_convert import read_doc

            return read_doc(path, budget, lambda p: open_book(p, limits, documents=True))
        if kind == "docx":
            from evalbook.files.docx import read_docx

            return read_docx(path, budget)
        if kind == "xls":
            return read_xls(path, budget)
        if kind == "html":
            from evalbook.files.html_xls import NoTable, read_html  # the rare kinds: imported when met

            try:
                return read_html(path, budget)
            except NoTable as e:
                raise _fail("html_no_table", path) from e
        if kind == "spreadsheetml":
            from evalbook.files.spreadsheetml import NotSpreadsheetML, read_spreadsheetml

            try:
                return read_spreadsheetml(path, budget)
            except NotSpreadsheetML as e:
                raise _fail("xml_not_workbook", path) from e
        return read_xlsx(path, kind, budget)
    except InputError:
        raise
    except OverLimit as e:
        raise _fail("limit." + e.what, path, sheet=e.sheet, limit=f"{e.limit:,}") from e
    except OutsideGrid as e:
        raise _fail("outside_grid", path, ref=e.ref) from e
    except (MemoryError, RecursionError) as e:
        raise _fail("too_large", path) from e
    except Exception as e:  # every parser failure is the file's fault, never a traceback
        err = _translate(e, path)
        if err.key == "corrupt" and kind in WORD_KINDS:
            err = _fail("docx_corrupt", path, detail=err.params.get("detail", ""))
        elif err.key == "corrupt" and path.lower().endswith(".et"):
            err = _fail("et", path)
        raise err from e


def _translate(e: BaseException, path: str) -> InputError:
    """Name the few parser failures that have a better answer than "corrupt".

    openpyxl re-raises whatever stopped it as a ValueError, so the cause chain is searched.
    """
    from defusedxml import DefusedXmlException

    seen = e
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return _fail("xml_entities", path)
        if type(seen).__name__ == "XLRDError" and "encrypted" in str(seen).lower():
            return _fail("encrypted", path)
        seen = seen.__cause__ or seen.__context__
    return _fail("corrupt", path, detail=f"{type(e).__name__}: {e}")


# --- zip (xlsx, xlsm, and everything else that happens to be a zip) -----------------------


def _check_zip(path: str) -> str:
    try:
        zf = zipfile.ZipFile(path)
    except Exception as e:  # BadZipFile, OSError, ValueError from a mangled directory
        raise _fail("corrupt", path, detail=f"{type(e).__name__}: {e}") from e
    with zf:
        infos = zf.infolist()
        _check_sizes(infos, path)
        names = {i.filename for i in infos}
        try:
            if "mimetype" in names:
                _refuse_odf(zf, path)
            kind = _workbook_kind(zf, names, path)
            _check_prologs(zf, infos, path)
        except InputError:
            raise
        except Exception as e:  # a part that cannot be inflated: bad CRC, unknown method
            raise _fail("corrupt", path, detail=f"{type(e).__name__}: {e}") from e
    return kind


def _check_sizes(infos: list[zipfile.ZipInfo], path: str) -> None:
    """Judge the declared sizes; zipfile never inflates a part past its declared size.

    (A part whose data inflates to more than the directory says stops at the declared size
    and fails its CRC check, so the declared sizes are a real bound, not a promise.)
    """
    if len(infos) > MAX_ENTRIES:
        raise _fail("bomb", path, detail=f"{len(infos)} parts")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_PART_BYTES:
            raise _fail("bomb", path, detail=f"{info.filename}: {size} bytes")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise _fail("bomb", path, detail=f"{info.filename}: ratio {size // max(info.compress_size, 1)}")
    if total > MAX_TOTAL_BYTES:
        raise _fail("bomb", path, detail=f"{total} bytes in all")


def _refuse_odf(zf: zipfile.ZipFile, path: str) -> None:
    with zf.open("mimetype") as fh:
        mimetype = fh.read(200).strip()
    if mimetype == ODS_MIMETYPE:
        raise _fail("ods", path)
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise _fail("not_workbook", path)


def _workbook_kind(zf: zipfile.ZipFile, names: set[str], path: str) -> str:
    """Find the workbook part through [Content_Types].xml, as Excel and openpyxl do."""
    if CONTENT_TYPES not in names:
        raise _fail("not_workbook", path)
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    _check_prolog(zf, zf.getinfo(CONTENT_TYPES), path)
    try:
        root = fromstring(zf.read(CONTENT_TYPES))
    except DefusedXmlException as e:
        raise _fail("xml_entities", path) from e
    except Exception as e:
        raise _fail("corrupt", path, detail=f"{CONTENT_TYPES}: {type(e).__name__}: {e}") from e
    found = fallback = None
    for el in root:
        tag = el.tag.rsplit("}", 1)[-1]
        ctype = el.get("ContentType", "")
        if ctype == XLSB_TYPE:
            raise _fail("xlsb", path)
        if ctype in WORD_TYPES and tag == "Override":
            return "docx"
        if ctype not in WORKBOOK_TYPES:
            continue
        if tag == "Override":
            found = (WORKBOOK_TYPES[ctype], el.get("PartName", "").lstrip("/"))
            break
        if tag == "Default":  # some writers make it the default for .xml; openpyxl accepts that
            fallback = (WORKBOOK_TYPES[ctype], "xl/workbook.xml")
    found = found or fallback
    if found is None:  # a .docx, .pptx or some other zip
        raise _fail("not_workbook", path)
    kind, part = found
    if part not in names:
        raise _fail("corrupt", path, detail=f"{part} is missing")
    return kind


def _check_prologs(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: str) -> None:
    """Refuse DTDs before any parser sees them, wherever in any XML part they stand.

    openpyxl parses through defusedxml when it is installed, but that is a setting
    (OPENPYXL_DEFUSEDXML=False turns it off) and other readers of the same file (calamine,
    our own inventory) have their own parsers, and annotate copies parts it does not parse
    (theme, docProps, _rels) into its output. No real OOXML part carries a DOCTYPE, so every
    part is read through: the zip's limits bound the bytes, and a part is inflated anyway by
    whoever reads it.
    """
    for info in infos:
        if not info.is_dir() and _is_xml_part(zf, info):
            _check_prolog(zf, info, path)


def _is_xml_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """XML by name, or by its first bytes whatever its name (a DTD in "xl/theme/x.bin" is
    still a DTD to a parser that is handed it)."""
    if info.filename.lower().endswith(XML_SUFFIXES):
        return True
    with zf.open(info) as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return head.startswith(b"<")


# A markup declaration, in any case and in UTF-8 or UTF-16 (NULs between the letters).
_DTD_RE = re.compile(rb"<\x00?!\x00?(?:d\x00?o\x00?c\x00?t\x00?y\x00?p\x00?e|e\x00?n\x00?t\x00?i\x00?t\x00?y)", re.I)
_DTD_SPAN = 20  # the longest match: a chunk boundary cannot split one


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> None:
    """Refuse *info* if a DOCTYPE or ENTITY declaration stands anywhere in it."""
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(SCAN_CHUNK)
            if not chunk:
                return
            data = tail + chunk
            # "<!" is rare in real parts (a comment, a CDATA): the cheap tests come first, and
            # "!" alone (one memchr, where "<" is everywhere) passes over most parts at once.
            if b"!" in data and (b"<!" in data or b"<\x00!" in data) and _DTD_RE.search(data):
                raise _fail("xml_entities", path)
            tail = data[-_DTD_SPAN:]


# --- OLE2 compound files (.xls, and encrypted OOXML, which Office wraps in OLE2) ----------


def _check_ole(path: str, size: int) -> str:
    if size > MAX_OLE_BYTES:
        raise _fail("too_large", path)
    from xlrd.compdoc import CompDoc

    try:
        with open(path, "rb") as fh:
            mem = fh.read()
        # CompDoc reports oddities to a log; keep them off our stdout.
        doc = CompDoc(mem, logfile=io.StringIO())
        streams = {d.name for d in doc.dirlist}
    except Exception as e:
        raise _fail("corrupt", path, detail=f"{type(e).__name__}: {e}") from e
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise _fail("encrypted", path)
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "WordDocument" in streams:
        return "doc"
    raise _fail("not_workbook", path)  # a .doc, .ppt or .msg renamed


__all__ = ["CONVERTED_KINDS", "is_lock_file", "lock_note", "lock_target", "open_book", "sniff"]
