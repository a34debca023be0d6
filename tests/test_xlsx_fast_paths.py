"""The xlsx reader's shortcuts read exactly what its expat parsers read.

The shared strings part and each worksheet are read with regular expressions when they have
the shape every writer gives them, and with expat otherwise (evalbook/files/xlsx_parts.py,
evalbook/files/xlsx.py). Each shortcut is held here to its expat twin: the same strings, the
same cells (type, value, number format), the same merged ranges, or the same error, over a
table of the shapes real files have and over generated parts.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalbook.files import xlsx, xlsx_parts
from evalbook.files.book import MAX_TEXT, Budget, Limits, Sheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" count="9" uniqueCount="9">'


def outcome(read, *args):
    """("ok", result) or ("error", exception type and text): what a reader made of a part."""
    try:
        return "ok", read(*args)
    except Exception as e:  # noqa: BLE001 - the error is what is compared
        return "error", (type(e).__name__, str(e))


def sst(body: str, head: str = HEAD, tail: str = "</sst>") -> bytes:
    return (head + body + tail).encode("utf-8")


def strings_both_ways(data: bytes, cap: int = 500_000):
    budget = Budget(Limits(strings=cap))
    return (outcome(xlsx_parts.read_shared_strings, data, budget),
            outcome(xlsx_parts._expat_shared_strings, data, cap))


# body, and whether the regex reads it (False: the whole part goes to expat)
SHARED_STRINGS = {
    "plain": ("<si><t>项目名称</t></si><si><t>产出指标</t></si>", True),
    "preserve": ('<si><t xml:space="preserve">  空格 </t></si><si><t xml:space="preserve"> </t></si>', True),
    "named entities": ("<si><t>&lt;5&gt; &amp; &quot;分&quot; &apos;x&apos; &amp;lt;</t></si>", True),
    "character references": ("<si><t>&#x4E2D;&#20013;&#10;</t></si><si><t>b</t></si>", True),
    "escaped underscore": ("<si><t>a_x005F_x000D_b</t></si><si><t>_x000D_</t></si>", True),
    "rich text runs": ('<si><r><t>产出</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">指标 </t></r></si>'
                       "<si><t>后</t></si>", True),
    "phonetic runs": ('<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>', True),
    "empty forms": ("<si/><si></si><si><t/></si><si><t></t></si><si> </si>", True),
    "white space between": ("<si><t>a</t></si>\n  <si><t>b</t></si>\r\n\t<si><r><t>c</t></r></si>\n", True),
    "newlines and tabs in text": ("<si><t>a\nb\tc</t></si>", True),
    "a comment inside a string": ("<si><t>a<!-- x --></t></si><si><t>b</t></si>", True),
    "CDATA inside a string": ("<si><t><![CDATA[<b>&]]></t></si>", False),
    "a processing instruction inside": ("<si><t>a<?pi x?>b</t></si>", True),
    "carriage return in text": ("<si><t>a\r\nb\rc</t></si>", True),
    "long text": ("<si><t>" + "长" * (MAX_TEXT + 5) + "</t></si><si><t>x</t></si>", True),
    "long rich text": ("<si><r><t>" + "长" * (MAX_TEXT + 5) + "</t></r></si>", True),
    "prefixed elements": (f'<x:si xmlns:x="{MAIN}"><x:t>a</x:t></x:si>', False),
    "another element in sst": ("<si><t>a</t></si><extLst><ext><t>no</t></ext></extLst>", False),
    "text outside t": ("<si>loose<t>a</t></si>", True),
    "attributes on si": ('<si foo="1"><t>a</t></si>', True),
    "extra attribute on t": ('<si><t xml:space="preserve" foo="1">a</t></si>', True),
    # not well formed: the same error either way
    "unknown entity": ("<si><t>&nbsp;</t></si>", True),
    "bare ampersand": ("<si><t>R&D</t></si>", True),
    "control character": ("<si><t>a\x01b</t></si>", True),
    "forbidden character": ("<si><t>a\uffffb</t></si>", True),
    "CDATA end in text": ("<si><t>a]]>b</t></si>", False),
    "unclosed t": ("<si><t>a</si><si><t>b</t></si>", True),
    "nested si": ("<si><si><t>a</t></si></si>", False),
    "unclosed si": ("<si><t>a</t></si><si><t>b</t>", False),
    "stray end tag": ("<si><t>a</t></si></si>", False),
    "bad character reference": ("<si><t>&#0;</t></si>", True),
    "stray lt": ("<si><t>a < b</t></si>", True),
}


@pytest.mark.parametrize("name", sorted(SHARED_STRINGS))
def test_shared_strings_read_as_expat_reads_them(name):
    body, shortcut = SHARED_STRINGS[name]
    data = sst(body)
    ours, expat = strings_both_ways(data)
    assert ours == expat
    # ... and the shortcut really took the shapes it is for (a shortcut never taken tests nothing)
    assert (xlsx_parts._plain_shared_strings(data, 500_000) is not None) == (shortcut and ours[0] == "ok")


def test_what_the_shared_strings_hold():
    """Both readers, pinned to what the text means: so they cannot drift apart together."""
    body = "".join(SHARED_STRINGS[n][0] for n in ("plain", "preserve", "named entities", "character references",
                                                 "escaped underscore", "rich text runs", "phonetic runs"))
    got = xlsx_parts.read_shared_strings(sst(body))
    assert got == ["项目名称", "产出指标", "  空格 ", " ", "<5> & \"分\" 'x' &lt;", "中中\n", "b",
                   "a_x000D_b", "_x000D_", "产出指标 ", "后", "東京"]


@pytest.mark.parametrize("head", [
    '<?xml version="1.0" encoding="UTF-8"?><sst>',
    "<sst>",
    '<?xml version="1.0"?>\n<sst xmlns="x" count="1">',
    '<?xml version="1.0" encoding="ISO-8859-1"?><sst>',  # not read as UTF-8: expat's
    ' <?xml version="1.0"?><sst>',  # a declaration after white space is not well formed
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e "x">]><sst>',
    '<?xml version="1.0"?><sst count=1>',
    '<?xml version="1.0"?><sst a=">">',
    '<?xml version="1.0"?><other>',
])
@pytest.mark.parametrize("tail", ["</sst>", "</sst>\n", "</sst><sst/>", "", "</other>", "</sst>junk"])
def test_the_part_around_the_strings_reads_as_expat_reads_it(head, tail):
    data = sst("<si><t>a</t></si><si><r><t>b</t></r></si>", head, tail)
    ours, expat = strings_both_ways(data)
    assert ours == expat


def test_invalid_utf8_reads_as_expat_reads_it():
    data = sst("<si><t>a</t></si>").replace(b"a", b"\xff\xfe")
    ours, expat = strings_both_ways(data)
    assert ours == expat and ours[0] == "error"


@pytest.mark.parametrize("cap", [1, 2, 3])
def test_the_strings_limit_is_kept_on_either_path(cap):
    data = sst("<si><t>a</t></si><si><t>b</t></si><si><r><t>c</t></r></si>")
    ours, expat = strings_both_ways(data, cap)
    assert ours[0] == expat[0]
    if cap < 3:
        assert ours[0] == "error" and ours[1][0] == "OverLimit"
    else:
        assert ours == expat


_TEXT = st.lists(st.sampled_from(list("ab 中\t\n\r&;<>\"'_x005F0D#") + ["&amp;", "&lt;", "&#20013;", "&#x1;", "\x01",
                                                                      "]]>", "\uffff", "\u3000"]),
                 max_size=12).map("".join)
_SI = st.one_of(
    _TEXT.map(lambda t: f"<si><t>{t}</t></si>"),
    _TEXT.map(lambda t: f'<si><t xml:space="preserve">{t}</t></si>'),
    st.lists(_TEXT, min_size=1, max_size=3).map(lambda ts: "<si>" + "".join(f"<r><t>{t}</t></r>" for t in ts) + "</si>"),
    st.tuples(_TEXT, _TEXT).map(lambda p: f'<si><t>{p[0]}</t><rPh sb="0" eb="1"><t>{p[1]}</t></rPh></si>'),
    st.sampled_from(["<si/>", "<si><t/></si>", "\n", " \r\n", "<si>", "</si>", "<t>x</t>"]),
)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SI, max_size=8))
def test_generated_shared_strings_read_as_expat_reads_them(items):
    ours, expat = strings_both_ways(sst("".join(items)))
    assert ours == expat


# --- worksheets -----------------------------------------------------------------------------

WS_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>'
STRINGS = ["项目", "  ", "a_b", "12.5"]
# style index → number format: 0 General, 1 a date, 2 a duration, 3 percent, 4 a date again
FORMATS = ["General", "yyyy-mm-dd", "[h]:mm", "0.00%", "m/d/yy h:mm"]
DATES, DURATIONS = {1, 2, 4}, {2}


# Three shapes no writer makes, which the regex has always read apart from expat: an <is> on a
# cell whose type is not inlineStr (t="s": expat fails; with a formula: expat keeps the formula)
# and a <v> on an inlineStr cell (expat reads its text, or a blank where the regex keeps a formula). The generated sheets leave them out.
# (Nor does any writer put an HTML entity such as &nbsp; or a reference to a character XML
# forbids into a cell, which the regex unescapes and expat refuses: not generated either.)
def apart(cell: str) -> bool:
    inline = 't="inlineStr"' in cell
    return ("<is>" in cell and not inline) or (inline and "<v" in cell)


def cells_both_ways(xml: str, formats=FORMATS, dates=DATES, durations=DURATIONS, strings=STRINGS):
    data = xml.encode("utf-8")
    epoch = xlsx_parts.WINDOWS_EPOCH

    def via_regex():
        sheet = Sheet("s")
        taken = xlsx._fast_cells(sheet, data, strings, formats, dates, durations, epoch, Budget())
        return taken, _cells(sheet)

    def via_expat():
        sheet = Sheet("s")
        xlsx.read_sheet(sheet, io.BytesIO(data), strings, formats, dates, durations, epoch, Budget())
        return _cells(sheet)

    return outcome(via_regex), outcome(via_expat)


def _cells(sheet: Sheet):
    return ({k: (type(c.value).__name__, c.value, c.fmt) for k, c in sheet.cells.items()}, sheet.merged)


def sheet_xml(cells: list[str], merges: list[str] = ()) -> str:
    rows: dict[int, list[str]] = {}
    for c in cells:
        rows.setdefault(int(c.split('"')[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), []).append(c)
    body = "".join(f'<row r="{r}">' + "".join(cs) + "</row>" for r, cs in sorted(rows.items()))
    merged = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    return WS_HEAD + body + "</sheetData>" + (merged if merges else "") + "</worksheet>"


CELLS = [
    '<c r="A1" t="s"><v>0</v></c>', '<c r="B1" s="3" t="s"><v>1</v></c>', '<c r="C1" t="s"><v>2</v></c>',
    '<c r="A2"><v>12</v></c>', '<c r="B2" s="3"><v>0.4469</v></c>', '<c r="C2" t="n"><v>-1.5E-3</v></c>',
    '<c r="A3" s="1"><v>45000</v></c>', '<c r="B3" s="2"><v>1.5</v></c>', '<c r="C3" s="4"><v>0.25</v></c>',
    '<c r="D3" s="1"><v>3000000</v></c>', '<c r="E3" s="1" t="n"><v>30</v></c>', '<c r="F3" s="9"><v>1</v></c>',
    '<c r="A4" t="b"><v>1</v></c>', '<c r="B4" t="b"><v>0</v></c>', '<c r="C4" t="e"><v>#DIV/0!</v></c>',
    '<c r="A5" t="str"><f>"a"&amp;"b"</f><v>a&lt;b&gt;&#x4E2D;</v></c>', '<c r="B5" t="str"><f>X</f><v></v></c>',
    '<c r="C5"><f>SUM(A2:A3)</f></c>', '<c r="D5" s="3"><f t="shared" ref="D5:D6" si="0">A1+1</f><v>2</v></c>',
    '<c r="D6"><f t="shared" si="0"/></c>', '<c r="E5"><f>A&lt;B</f><v/></c>',
    '<c r="A6" t="inlineStr"><is><t>合计</t></is></c>', '<c r="B6" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>',
    '<c r="C6" t="inlineStr"><is><t></t></is></c>',
    '<c r="A7" s="2"/>', '<c r="B7" s="1" t="s"/>', '<c r="C7" t="d"><v>2024-03-01T12:30:00</v></c>',
    '<c r="D7" t="d"><v>2024-03-01</v></c>', '<c r="E7" t="str"><v>  </v></c>', '<c r="XFD9"><v>7</v></c>',
]


def test_every_cell_shape_reads_as_expat_reads_it():
    regex, expat = cells_both_ways(sheet_xml(CELLS, ["A1:A2", "$C$5:D6"]))
    assert regex == ("ok", (True, expat[1]))
    got = expat[1][0]
    # pinned, so that both cannot drift together
    assert got[(1, 1)] == ("str", "项目", "General") and (1, 2) not in got and got[(1, 3)][1] == "a_b"
    assert got[(3, 1)] == ("datetime", dt.datetime(2023, 3, 15), "yyyy-mm-dd")
    assert got[(3, 2)] == ("timedelta", dt.timedelta(hours=36), "[h]:mm")
    assert got[(3, 3)] == ("time", dt.time(6), "m/d/yy h:mm") and got[(3, 4)][1] == "#VALUE!"
    assert got[(3, 6)] == ("int", 1, "General") and got[(2, 2)] == ("float", 0.4469, "0.00%")
    assert got[(5, 1)][1] == "a<b>中" and (5, 2) not in got and got[(5, 3)][0] == "Formula"
    assert got[(6, 1)][1] == "合计" and got[(6, 2)][1] == " x " and (6, 3) not in got
    assert got[(7, 3)][0] == "datetime" and (7, 5) not in got
    assert got[(9, 16384)][1] == 7


@pytest.mark.parametrize("cell", [
    '<c r="A1" t="s"><v>9</v></c>',  # no such shared string
    '<c r="A1" t="b"><v>x</v></c>', '<c r="A1"><v>1.2.3</v></c>', '<c r="A1" t="d"><v>soon</v></c>',
    '<c r="A1"><v>1</v><extLst/></c>',  # another shape: expat's
    '<c r="A1" cm="1"><v>1</v></c>', '<c r="A1048577"><v>1</v></c>', '<c r="XFE1"><v>1</v></c>',
])
def test_odd_cells_read_as_expat_reads_them(cell):
    regex, expat = cells_both_ways(sheet_xml([cell]))
    if regex[0] == "error":
        assert expat[0] == "error" and regex[1][0] == expat[1][0]
    elif regex[1][0]:  # taken by the regex (else expat reads the part)
        assert expat == ("ok", regex[1][1])


@pytest.mark.parametrize("extra", ["<!-- a comment -->", "<?pi x?>", "\r\n", "<![CDATA[x]]>"])
def test_parts_with_comments_instructions_or_cr_go_to_expat(extra):
    xml = sheet_xml(CELLS[:6]).replace("<sheetData>", "<sheetData>" + extra)
    regex, expat = cells_both_ways(xml)
    assert regex == ("ok", (False, ({}, [])))
    assert cells_both_ways(sheet_xml(CELLS[:6]))[0][1][0] is True


_VALUE = st.sampled_from(["0", "1", "3", "12", "-7", "0.5", "1.5E2", "45000", "2958466", "1e400", "#N/A", "", " ",
                          "&lt;&amp;", "2024-01-02", "12:30:00", "x"])
_CELL = st.builds(
    lambda col, row, s, t, f, v, kind: (
        f'<c r="{col}{row}"' + (f' s="{s}"' if s is not None else "") + (f' t="{t}"' if t else "")
        + ("/>" if kind == "empty" else ">" + (f"<f>{f}</f>" if f else "")
           + {"v": f"<v>{v}</v>", "none": "", "v/": "<v/>", "is": f"<is><t>{v}</t></is>"}[kind] + "</c>")),
    st.sampled_from(["A", "B", "Z", "AA", "XFD"]), st.integers(1, 6), st.one_of(st.none(), st.integers(0, 6)),
    st.sampled_from([None, "s", "n", "b", "e", "str", "inlineStr", "d"]), st.sampled_from([None, "A1+1", "&lt;"]),
    _VALUE, st.sampled_from(["v", "v", "none", "v/", "is", "empty"]))


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CELL, max_size=10), st.lists(st.sampled_from(["A1:B2", "A3:A5", "B1:B1", "$Z$2:AA3"]), max_size=2))
def test_generated_sheets_read_as_expat_reads_them(cells, merges):
    cells = [c for c in cells if not apart(c)]
    regex, expat = cells_both_ways(sheet_xml(cells, merges))
    if regex[0] == "error" or expat[0] == "error":
        assert regex[0] == expat[0] == "error"
        return
    taken, got = regex[1]
    assert taken
    assert got == expat[1]
