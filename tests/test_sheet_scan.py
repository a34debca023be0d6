"""Finding rows in a worksheet's bytes by number (files/sheet_scan.py), held to a walk over
every row: the splicer and the skeleton edit the rows it finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evalbook.files.sheet_scan import _ROW, row_places


def body_of(numbers: list[int], empty: set[int]) -> bytes:
    rows = []
    for r in numbers:
        if r in empty:
            rows.append(b'<row r="%d" spans="1:3"/>' % r)
        else:
            rows.append(b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>1</v></c></row>' % (r, r, r, r))
    return b"".join(rows)


def walked(body: bytes, rows: list[int]) -> list:
    """What row_places answers, found by walking every row."""
    found = [(m.start(), int(m.group(0)[8:m.group(0).index(b'"', 8)]), m) for m in _ROW.finditer(body)]
    out = []
    for r in rows:
        after = next(((at, n, m) for at, n, m in found if n >= r), None)
        if after is None:
            out.append(None)
        else:
            at, n, m = after
            out.append((at, m if n == r else None))
    return out


@given(st.lists(st.integers(1, 300), unique=True, max_size=40).map(sorted),
       st.lists(st.integers(1, 320), max_size=40).map(sorted), st.sets(st.integers(1, 300)))
def test_rows_are_found_by_number_as_a_walk_finds_them(numbers, wanted, empty):
    body = body_of(numbers, empty)
    got = row_places(body, wanted)
    expected = walked(body, wanted)
    assert [None if p is None else (p[0], None if p[1] is None else p[1].group(0)) for p in got] == \
        [None if p is None else (p[0], None if p[1] is None else p[1].group(0)) for p in expected]


def test_rows_out_of_order_or_without_a_number_are_left_to_the_walk():
    assert row_places(b'<row r="2"></row><row r="1"></row>', [1]) is None
    assert row_places(b'<row r="1"></row><row r="1"></row>', [1]) is None
    assert row_places(b'<row spans="1:2"></row><row r="2"></row>', [2]) is None
    assert row_places(b'<row r="1"><row r="2"></row></row>', [1]) is None  # one inside another
