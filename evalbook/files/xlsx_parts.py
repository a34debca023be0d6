"""The package parts of an xlsx that every sheet needs: where the workbook and its parts are
(content types, relationships), its number formats and which of them are dates, its shared
strings; and expat set up so that no DTD is ever accepted. evalbook.files.xlsx reads the
sheets with these."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from xml.parsers import expat

from evalbook.files.book import MAX_TEXT, Budget, OverLimit


MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
           "http://purl.oclc.org/ooxml/spreadsheetml/main")


REL_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "http://purl.oclc.org/ooxml/officeDocument/relationships")


PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


# A Word document's main part (the door tells a Word report from a workbook by it).
DOCUMENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)


STYLES_PART = "xl/styles.xml"  # where openpyxl looks, whatever the relationships say


# Excel's built-in number formats (ECMA-376 18.8.30), as openpyxl names them.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}


# Which formats make a number a date or a duration: openpyxl's tests, so both paths agree.
_STRIP_RE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')


_DATE_RE = re.compile(r"(?<![_\\])[dmhysDMHYS]")


_TIMEDELTA_RE = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


_ISO_RE = re.compile(r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
                     r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})"
                     r"(?P<microsecond>\.\d{1,3})?)?)?Z?")


WINDOWS_EPOCH = dt.datetime(1899, 12, 30)


MAC_EPOCH = dt.datetime(1904, 1, 1)



def is_date_format(fmt: str | None) -> bool:
    if fmt is None:
        return False
    return _DATE_RE.search(_STRIP_RE.sub("", fmt.split(";")[0])) is not None



def is_timedelta_format(fmt: str | None) -> bool:
    return fmt is not None and _TIMEDELTA_RE.search(fmt.split(";")[0]) is not None



def from_excel(value: float, epoch: dt.datetime, timedelta: bool = False):
    """An Excel serial as openpyxl gives it: datetime, time (below 1) or timedelta."""
    if timedelta:
        td = dt.timedelta(days=value)
        if td.microseconds:
            td = dt.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        mins, seconds = divmod(diff.seconds, 60)
        hours, mins = divmod(mins, 60)
        return dt.time(hours, mins, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel's phantom 1900-02-29
    return epoch + dt.timedelta(days=day) + diff



def from_iso(text: str):
    m = _ISO_RE.match(text)
    if not (m and any(m.groups())):
        raise ValueError(f"invalid datetime {text!r}")
    p = m.groupdict(0)
    ints = {k: int(p[k]) for k in ("year", "month", "day", "hour", "minute", "second") if p[k]}
    micro = int(float(p["microsecond"]) * 1_000_000) if p["microsecond"] else 0
    if not p["date"]:
        return dt.time(ints.get("hour", 0), ints.get("minute", 0), ints.get("second", 0), micro)
    if not p["time"]:
        return dt.date(ints["year"], ints["month"], ints["day"])
    return dt.datetime(ints["year"], ints["month"], ints["day"], ints.get("hour", 0), ints.get("minute", 0),
                       ints.get("second", 0), micro)



def xml_text(value: str) -> str:
    """Cell text as Excel can hold it: at most 32,767 characters (longer is cut, so a 100 MiB
    string costs the reader nothing beyond its bytes)."""
    return value[:MAX_TEXT] if len(value) > MAX_TEXT else value



def new_parser(namespaces: bool = True) -> expat.XMLParserType:
    """An expat parser that refuses any DTD; with *namespaces*, names read "namespace local"."""
    p = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    p.buffer_text = True

    def refuse(*_):
        # As openpyxl reports it (a ValueError caused by defusedxml), so the guard names it.
        from defusedxml import DTDForbidden

        raise ValueError("a DTD in a workbook part") from DTDForbidden(None, None, None)

    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    return p



def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]



def parse_simple(data: bytes, wanted: set[str]) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes) of every element named in *wanted*, in document order."""
    out: list[tuple[str, dict[str, str]]] = []
    p = new_parser()

    def start(name, attrs):
        local = _local(name)
        if local in wanted:
            out.append((local, {_local(k): v for k, v in attrs.items()}))

    p.StartElementHandler = start
    p.Parse(data, True)
    return out



def part_rels(zf: zipfile.ZipFile, names: set[str], part: str) -> dict[str, tuple[str, str]]:
    """rId → (absolute target, type) for *part*, resolved as openpyxl does."""
    folder, base = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    if rels_path not in names:
        return {}
    out = {}
    for _, a in parse_simple(zf.read(rels_path), {"Relationship"}):
        target = a.get("Target", "")
        if a.get("TargetMode") != "External":
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[a.get("Id", "")] = (target, a.get("Type", ""))
    return out



def workbook_part(types: list[tuple[str, dict[str, str]]]) -> str:
    overrides = {a.get("ContentType"): a.get("PartName", "") for tag, a in types if tag == "Override"}
    for ctype in WORKBOOK_TYPES:
        if ctype in overrides:
            return overrides[ctype].lstrip("/")
    return "xl/workbook.xml"  # a writer that made the workbook type the .xml default



def read_styles(data: bytes | None, budget: Budget | None = None) -> tuple[list[str], set[int], set[int]]:
    """Per cell style index: its number format; and which indexes are date / duration formats."""
    if data is None:
        return [], set(), set()
    cap = (budget or Budget()).limits.styles
    custom: dict[int, str] = {}
    xf_ids: list[int] = []
    depth = {"cellXfs": 0}
    p = new_parser()

    def start(name, attrs):
        local = _local(name)
        if local == "numFmt":
            if len(custom) >= cap:
                raise OverLimit("styles", cap)
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif local == "cellXfs":
            depth["cellXfs"] += 1
        elif local == "xf" and depth["cellXfs"]:
            if len(xf_ids) >= cap:
                raise OverLimit("styles", cap)
            try:
                xf_ids.append(int(attrs.get("numFmtId", 0)))
            except ValueError:
                xf_ids.append(0)

    def end(name):
        if _local(name) == "cellXfs":
            depth["cellXfs"] -= 1

    p.StartElementHandler, p.EndElementHandler = start, end
    p.Parse(data, True)
    formats: list[str] = []
    dates: set[int] = set()
    durations: set[int] = set()
    for idx, num_id in enumerate(xf_ids):
        fmt = custom[num_id] if num_id in custom else BUILTIN_FORMATS.get(num_id)
        formats.append(fmt or "General")
        if is_date_format(fmt):
            dates.add(idx)
        if is_timedelta_format(fmt):
            durations.add(idx)
    return formats, dates, durations



class _TextCollector:
    """The plain text of <si> or <is>: its <t> and its runs' <t>, never the phonetic <rPh>."""

    __slots__ = ("parts", "in_t", "skip")

    def __init__(self):
        self.parts: list[str] = []
        self.in_t = False
        self.skip = 0



def read_shared_strings(data: bytes | None, budget: Budget | None = None) -> list[str]:
    """The shared strings' plain text, as the expat reader below makes it: the plain ones
    (``<si><t>…</t></si>``, nearly all of them) straight from the text, the others through
    expat (see :func:`_plain_shared_strings`), or all of them when the part is unusual."""
    if data is None:
        return []
    cap = (budget or Budget()).limits.strings
    fast = _plain_shared_strings(data, cap) if len(data) <= FAST_STRINGS_LIMIT else None
    return fast if fast is not None else _expat_shared_strings(data, cap)


FAST_STRINGS_LIMIT = 48 * 1024 * 1024  # as xlsx.FAST_PART_LIMIT: larger parts only stream through expat
# The part's start up to <sst …>, with the XML declarations expat reads as UTF-8.
_SST_HEAD = re.compile(r'(?:<\?xml version="1\.0"(?: encoding="(?:UTF|utf)-8")?(?: standalone="(?:yes|no)")?\s*\?>)?'
                       r'\s*<sst\b[^>]*>')
# A plain <si>: its text without markup, CR or a character XML forbids. split() on it leaves
# what stands between plain ones: nothing, white space, or other <si> (_OTHER_SI).
_PLAIN_SI = re.compile(r'<si><t(?: xml:space="preserve")?>([^<\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*)</t></si>')
_OTHER_SI = re.compile(r'(<si\s*/>|<si[\s>].*?</si>)|[ \t\r\n]+', re.S)
_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)")  # an & that is no named entity
_SPACE = " \t\r\n"


def _plain_shared_strings(data: bytes, cap: int) -> list[str] | None:
    """The shared strings with expat parsing only the <si> that are not plain, or None when
    the part has any other shape (then expat reads it all, and says what is wrong with it).

    Exact: the body must be nothing but plain <si>, other <si> and white space between them;
    a plain <si> means just its text (with the five named entities replaced); the part's
    start and end and the other <si> (a text with a character reference too), in order, go
    to expat as one document, so what is not well formed there fails as the whole part
    would, and goes to the whole-part parse.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    head = _SST_HEAD.match(text)
    end = text.rfind("</")
    if head is None or end < head.end() or "]]>" in text:
        return None
    body = text[head.end():end]
    parts = _PLAIN_SI.split(body)  # gap, text, gap, text, …, gap
    if len(parts) // 2 > cap:
        return None
    gaps = parts[0::2]
    pieces: list[str | None] = parts[1::2]
    others: list[str] = []
    if "".join(gaps).strip(_SPACE) or "&" in body:
        pieces, others = _with_others(gaps, pieces)
        if pieces is None or len(pieces) > cap:
            return None
    if "x005F_" in body or (len(body) > MAX_TEXT and max(map(len, filter(None, pieces)), default=0) > MAX_TEXT):
        pieces = [p if p is None else xml_text(p.replace("x005F_", "")) for p in pieces]
    try:
        parsed = _expat_shared_strings((text[:head.end()] + "".join(others) + text[end:]).encode("utf-8"), cap)
    except Exception:  # not well formed, or refused: the whole-part parse says so
        return None
    if len(parsed) != len(others):
        return None
    if not others:
        return pieces
    it = iter(parsed)
    return [next(it) if p is None else p for p in pieces]


def _with_others(gaps: list[str], texts: list[str]) -> tuple[list | None, list[str]]:
    """The pieces in document order (a plain text, or None where expat must read an <si>)
    and those <si>; (None, []) when a gap holds anything but <si> and white space."""
    pieces: list[str | None] = []
    others: list[str] = []
    for i, gap in enumerate(gaps):
        pos = 0
        while pos < len(gap):
            m = _OTHER_SI.match(gap, pos)  # at pos only: never a search, so never quadratic
            if m is None:
                return None, []
            pos = m.end()
            if m.group(1) is not None:
                pieces.append(None)
                others.append(m.group(1))
        if i < len(texts):
            t = texts[i]
            if "&" not in t:
                pieces.append(t)
            elif _ENTITY.search(t):  # a character reference, or no entity at all: expat's to say
                pieces.append(None)
                others.append("<si><t>" + t + "</t></si>")
            else:
                pieces.append(t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                              .replace("&apos;", "'").replace("&amp;", "&"))
    return pieces, others


def _expat_shared_strings(data: bytes, cap: int) -> list[str]:
    strings: list[str] = []
    tc = _TextCollector()
    p = new_parser()

    def start(name, attrs):
        local = name[name.rfind(" ") + 1:]
        if local == "t":
            tc.in_t = not tc.skip
        elif local == "si":
            tc.parts = []
        elif local == "rPh":
            tc.skip += 1

    def end(name):
        local = name[name.rfind(" ") + 1:]
        if local == "t":
            tc.in_t = False
        elif local == "si":
            if len(strings) >= cap:
                raise OverLimit("strings", cap)
            strings.append(xml_text("".join(tc.parts).replace("x005F_", "")))
        elif local == "rPh":
            tc.skip -= 1

    def text(data):
        if tc.in_t:
            tc.parts.append(data)

    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    p.Parse(data, True)
    return strings
