"""Issue 15: merged ranges cost their count, not their area.

Before, every reader walked every cell a merged range covers (Grid, drop_covered): 300
overlapping ranges of 192,000 cells each in 6 KB took 25 s with the merged-area limit raised
(87 s in the issue's measurement). Large ranges now go into evalbook.files.merges.MergeIndex;
these tests hold it to the walk's answers, overlaps included, and to its cost.
"""

from __future__ import annotations

import random
import time

import pytest

import evalbook
import evalbook.files.book as book_module
import evalbook.files.merges as merges_module
import evalbook.read.grid as grid_module
from builders import IND_HEADER, leaf, mof_grid, project_rows, standard, write_book
from evalbook.files.book import Cell, Limits, Sheet, drop_covered
from evalbook.files.merges import MergeIndex
from evalbook.read.grid import Grid
from test_hostile_input import EXPAT, sheet_xlsx


def walked(merged):
    """The readers' meaning, by walking every covered cell (the code before issue 15)."""
    anchor, below = {}, set()
    for r1, c1, r2, c2 in merged:
        if (r2 - r1 + 1) * (c2 - c1 + 1) > 200_000:
            continue
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                anchor[(r, c)] = (r1, c1)
                if r > r1:
                    below.add((r, c))
    return anchor, below


def walked_drop(cells, merged):
    cells = dict(cells)
    for r1, c1, r2, c2 in merged:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    cells.pop((r, c), None)
    return cells


def random_sheets(seed, count=300):
    rng = random.Random(seed)
    for _ in range(count):
        height, width = rng.choice([(6, 6), (30, 8), (40, 40)])
        merged = []
        for _ in range(rng.randrange(0, 12)):
            r1, c1 = rng.randrange(1, height), rng.randrange(1, width)
            merged.append((r1, c1, r1 + rng.randrange(0, 8), c1 + rng.randrange(0, 6)))
        cells = {(rng.randrange(1, height + 8), rng.randrange(1, width + 6)): Cell(i)
                 for i in range(rng.randrange(0, 60))}
        yield height, width, cells, merged


@pytest.mark.parametrize("flat", [0, 2, 64])
@pytest.mark.parametrize("spelled_out", [0, 4, 256])
def test_grid_answers_as_the_walk_did_overlaps_included(monkeypatch, spelled_out, flat):
    # 0: every range through the index; 4: a mix, where a small range listed after a large
    # one must still win the cells they share (and the other way round). flat 0: every band
    # answered node by node, as a crowded one is.
    monkeypatch.setattr(grid_module, "SPELLED_OUT", spelled_out)
    monkeypatch.setattr(merges_module, "_FLAT", flat)
    for height, width, cells, merged in random_sheets(spelled_out):
        grid = Grid(Sheet("s", dict(cells), list(merged)))
        anchor, below = walked(merged)
        for r in range(0, height + 10):
            for c in range(0, width + 8):
                key = (r, c)
                assert grid.anchor(r, c) == anchor.get(key, key), (merged, key)
                assert grid.merged_anchor(r, c) == anchor.get(key), (merged, key)
                assert grid.is_merged_below(r, c) == (key in below), (merged, key)


@pytest.mark.parametrize("flat", [0, 64])
@pytest.mark.parametrize("walked_area", [0, 4, 256])
def test_drop_covered_drops_what_the_walk_dropped(monkeypatch, walked_area, flat):
    monkeypatch.setattr(book_module, "_WALKED", walked_area)
    monkeypatch.setattr(merges_module, "_FLAT", flat)
    for _, _, cells, merged in random_sheets(100 + walked_area):
        sheet = Sheet("s", dict(cells), list(merged))
        drop_covered(sheet)
        assert sheet.cells == walked_drop(cells, merged), merged


@pytest.mark.parametrize("flat", [0, 64])
def test_the_index_knows_a_ranges_first_row_and_first_column(monkeypatch, flat):
    monkeypatch.setattr(merges_module, "_FLAT", flat)
    index = MergeIndex([(2, 2, 4, 5), (3, 1, 3, 1), (6, 3, 6, 3)])
    assert index.at(2, 2) == (0, False) and not index.hidden(2, 2)  # the top-left cell
    assert index.at(2, 5) == (0, False) and index.hidden(2, 5)  # its first row, further right
    assert index.at(4, 2) == (0, True) and index.hidden(4, 2)  # a row below
    assert index.at(3, 1) == (1, False) and not index.hidden(3, 1)  # a one-cell range hides nothing
    assert index.at(6, 3) == (2, False) and not index.hidden(6, 3)
    assert index.at(5, 3) == (-1, False) and index.at(2, 6) == (-1, False) and index.at(1, 2) == (-1, False)
    assert index.at(10 ** 6, 1) == (-1, False)


def tall_form(tmp_path, name):
    """A form whose tier names are merged down 300 leaves: ranges of 300 cells, past what Grid
    spells out, so the default read goes through the index too."""
    rows = [IND_HEADER]
    for i in range(300):
        rows.append(leaf("产出指标" if i == 0 else None, "数量指标" if i == 0 else None, f"指标{i}", 0.25, 0.25))
    rows.append(leaf("满意度指标", "服务对象满意度指标", "满意度", 14, 14))
    return write_book(tmp_path / name, {"项目": project_rows(), "指标": rows},
                      {"指标": ["A2:A301", "B2:B301", "K2:K301"]})


@pytest.mark.parametrize("form", ["mof", "tall", "standard"])
def test_a_form_read_through_the_index_gives_the_same_findings(tmp_path, monkeypatch, form):
    if form == "mof":
        rows, merges = mof_grid()
        path = write_book(tmp_path / "mof.xlsx", {"项目支出绩效自评表": rows}, {"项目支出绩效自评表": merges})
    elif form == "tall":
        path = tall_form(tmp_path, "tall.xlsx")
    else:
        path = standard(tmp_path, merges={"指标": ["A2:A5", "B2:B3", "B4:B5", "A6:B7"], "项目": ["B2:D2"]})
    spelled = evalbook.check(path).to_json()
    monkeypatch.setattr(grid_module, "SPELLED_OUT", 0)
    monkeypatch.setattr(book_module, "_WALKED", 0)
    indexed = evalbook.check(path).to_json()
    assert indexed == spelled
    if form == "tall":  # the tier names reach every leaf merged under them: no orphan leaves
        assert not any(f["code"] in ("S105", "C107") for f in spelled["findings"]), spelled["findings"]


@pytest.mark.parametrize("path_kind", ["fast", "expat"])
def test_overlapping_merged_ranges_cost_their_count_not_their_area(tmp_path, path_kind):
    # The 6 KB file: 300 ranges of 192,000 cells (57.6 million with overlaps), a value
    # in every row beside them. With the merged-area limit raised past them, the walk took 25 s.
    merges = "".join(f'<mergeCell ref="A{i}:L{i + 16000}"/>' for i in range(1, 301))
    rows = "".join(f'<row r="{r}"><c r="M{r}"><v>{r}</v></c></row>' for r in range(1, 16_301, 7))
    path = sheet_xlsx(tmp_path / "merges.xlsx", rows, f'<mergeCells count="300">{merges}</mergeCells>',
                      EXPAT if path_kind == "expat" else "")
    start = time.perf_counter()
    report = evalbook.check(path, limits=Limits.scaled(30_000_000))
    assert time.perf_counter() - start < 3.0
    assert report.summary is not None
