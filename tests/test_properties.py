"""Property-based: whatever cells and shapes a workbook has, `check` never raises, and its JSON
is well formed (spec: cli.md, bad input). Runs with a fixed, derandomised hypothesis profile."""

import json
import math
import tempfile
from pathlib import Path

import openpyxl
from builders import IND_HEADER, indicator_rows, project_rows, write_book
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import evalbook
from evalbook.errors import InputError

settings.register_profile("evalbook", max_examples=60, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("evalbook")

cell_values = st.one_of(
    st.none(),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["=SUM(A1:A3)", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-", "—", "/", "１２．５", "≥95%",
                     "不少于12种", "达成年度指标", "小计", "合计", "总分", "注：", "其中：", "★甲", "产出指标（50分）",
                     "数量指标(12)", "预算执行率", "2023年9月15日", "2023.9", "100.00%", "1e308", "-0"]),
    st.text(min_size=1000, max_size=5000),
)

sheet_names = st.sampled_from(["项目", "指标", "支付", "Sheet1", "评分表", "项目 信息", "其他"])


def _safe(v):
    # openpyxl refuses control characters; Excel caps a cell at 32,767 characters
    if isinstance(v, str):
        v = "".join(ch for ch in v if ch >= " " or ch in "\t\n")[:32767]
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)  # a NaN cannot be stored; its text is the nearest thing a file holds
    return v


def _write(sheets, merges):
    clean = {name: [[_safe(v) for v in row] for row in rows] for name, rows in sheets.items()}
    return write_book(Path(tempfile.mkdtemp()) / "p.xlsx", clean, merges)


def _check_ok(path):
    try:
        report = evalbook.check(path)
    except InputError:
        return  # an input refused with one clear line is an allowed outcome
    data = report.to_json()
    json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert data["summary"]["errors"] == sum(f["severity"] == "error" for f in data["findings"])


@given(st.lists(st.lists(cell_values, max_size=11), max_size=12), st.lists(cell_values, max_size=11),
       st.integers(0, 4))
def test_check_never_raises_on_any_cell_values(rows, project_values, header_row):
    ind = [[] for _ in range(header_row)] + [IND_HEADER] + rows
    proj = project_rows()
    for i, v in enumerate(project_values):
        proj[1 + i % 18] = [proj[1 + i % 18][0] if proj[1 + i % 18] else None, v]
    _check_ok(_write({"项目": proj, "指标": ind}, {}))


@given(st.dictionaries(sheet_names, st.lists(st.lists(cell_values, max_size=6), max_size=6), max_size=4),
       st.lists(st.tuples(st.integers(1, 8), st.integers(1, 8), st.integers(0, 3), st.integers(0, 3)), max_size=4))
def test_check_never_raises_on_odd_shapes_and_merges(sheets, merges):
    sheets = dict(sheets) or {"Sheet1": []}
    name = next(iter(sheets))
    rngs = []
    taken = set()
    for r, c, h, w in merges:
        cells = {(rr, cc) for rr in range(r, r + h + 1) for cc in range(c, c + w + 1)}
        if cells & taken or len(cells) == 1:
            continue
        taken |= cells
        rngs.append(f"{openpyxl.utils.get_column_letter(c)}{r}:{openpyxl.utils.get_column_letter(c + w)}{r + h}")
    _check_ok(_write(sheets, {name: rngs}))


@given(st.lists(st.tuples(st.integers(1, 7), st.integers(0, 10), cell_values), max_size=8))
def test_check_never_raises_when_the_standard_form_is_damaged(edits):
    ind = indicator_rows()
    for r, c, v in edits:
        ind[r] = list(ind[r])
        if c < len(ind[r]):
            ind[r][c] = v
    merges = {"指标": ["A2:A5", "B2:B3"]}  # openpyxl empties the covered cells, as Excel does
    _check_ok(_write({"项目": project_rows(), "指标": ind}, merges))
