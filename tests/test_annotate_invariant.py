"""The annotated copy is a faithful record (spec: cli.md "Annotated workbook"): `check` of the
copy reports exactly the findings its 校验结果 sheet lists — same codes, same cells — on every
example and on every layout the tests build, with and without --fix (then plus P109), and the
unit's claims stay unless --fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import mof_grid, write_book

import evalbook
from evalbook.annotation import RESULT_SHEET
from test_annotate import build_form
from test_annotate_layouts import BUILDERS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.xlsx"))


def listed(path: Path) -> list[tuple[str, str | None]]:
    """(code, cell) of every finding row of the copy's 校验结果 sheet."""
    rows = list(openpyxl.load_workbook(path)[RESULT_SHEET].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] in ("代码", "code")) + 1
    out = []
    for r in rows[start:]:
        if r[0] is None or r[0] in ("未发现问题", "no findings"):
            break
        out.append((r[0], r[2].split("!", 1)[1] if r[2] else None))
    return out


def checked(path: Path) -> list[tuple[str, str | None]]:
    return [(f.code, f.cell) for f in evalbook.check(path).findings]


def inputs(folder: Path) -> dict[str, Path]:
    out = {}
    for name in EXAMPLES:
        out[name] = folder / f"{name}.xlsx"
        shutil.copyfile(ROOT / "examples" / f"{name}.xlsx", out[name])
    out["form"] = build_form(folder / "form.xlsx")
    out["budget_row"] = build_form(folder / "budget_row.xlsx", budget_row=True)
    out["default_cap"] = build_form(folder / "default_cap.xlsx", funds_cap=False)
    rows, merges = mof_grid(total_score=100)
    out["mof_grid"] = write_book(folder / "mof_grid.xlsx", {"表": rows}, {"表": merges}, {"表": {"G6": "0.00%"}})
    for name, build in BUILDERS.items():
        out[name] = build(folder)
    return out


CASES = EXAMPLES + ["form", "budget_row", "default_cap", "mof_grid", *BUILDERS]


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return inputs(tmp_path_factory.mktemp("invariant"))


@pytest.mark.parametrize("fix", [False, True], ids=["claims-stay", "fix"])
@pytest.mark.parametrize("name", CASES)
def test_check_of_the_copy_reports_what_its_results_sheet_lists(books, tmp_path, name, fix):
    src = books[name]
    report, out = evalbook.annotate(src, out=tmp_path / f"{name}.checked.xlsx", fix=fix)
    mine = [(f.code, f.cell) for f in report.findings]
    assert checked(out) == mine == listed(out)
    before = checked(src)
    if not fix:
        # the unit's claims stay: the copy reports the errors the input reports (a formula in a
        # blank derived cell may settle or raise a warning, e.g. P108 / B113 once a score shows)
        errors = lambda r: [(f.code, f.cell) for f in r.findings if f.severity == "error"]  # noqa: E731
        assert errors(report) == errors(evalbook.check(src))
    else:
        p109 = [c for c in mine if c[0] == "P109"]
        # only the derived-figure findings a correction settled went away, and each is reported
        gone = {c[0] for c in before} - {c[0] for c in mine}
        assert gone <= {"P103", "P104", "P105", "P106", "C106", "B101", "B102", "B106", "B107", "B108"}
        if gone:
            assert p109


def test_the_invariant_fails_when_records_are_not_read(books, tmp_path, monkeypatch):
    # without the records block read back, the --fix copy would lose its P109s
    _, out = evalbook.annotate(books["smart_city"], out=tmp_path / "sc.xlsx", fix=True)
    assert ("P109", "B12") in checked(out)
    import evalbook.read.workbook as reader

    monkeypatch.setattr(reader, "read_corrections", lambda book: [])
    assert ("P109", "B12") not in checked(out) and ("P109", "B12") in listed(out)


def test_a_fix_copy_names_the_units_original_claim(tmp_path):
    # 校验结果's "自评得分（原填）" is the unit's own figure, also in a copy whose 自评得分 cell
    # --fix replaced by its formula (98 stated; the formula gives 90).
    out = tmp_path / "smart_city.fixed.xlsx"
    report, _ = evalbook.annotate(ROOT / "examples" / "smart_city.xlsx", out=out, fix=True)
    ws = openpyxl.load_workbook(out)[RESULT_SHEET]
    head = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 14)}
    assert head["自评得分（原填）"] == 98
    assert report.derived.original_claim == 98 and report.derived.claimed_total.value == 90
