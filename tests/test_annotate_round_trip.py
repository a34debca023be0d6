"""The annotated copy after another application saved it (spec: cli.md "Annotated workbook",
"Re-running is idempotent, across applications"). LibreOffice and Gnumeric stand in for Excel
and WPS: they re-write formulas (sheet names unquoted), store text as rich-text runs or inline
strings, and recalculate. After their save:

- every formula evalbook wrote recalculates to the value it cached (Gnumeric too: no N() of a
  blank cell, which Gnumeric makes #NUM!);
- `check` reports the same findings as on the copy itself, P109s of a --fix copy included;
- a second annotate does not crash and gives the same findings and keeps the same claims.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

import evalbook
from libreoffice import ci_is_set, read_values
from test_annotate import build_form
from test_annotate_layouts import BUILDERS

ROOT = Path(__file__).resolve().parent.parent


def gnumeric_save(src: Path, dst: Path) -> Path:
    """*src* opened, recalculated and saved as .xlsx by Gnumeric."""
    done = subprocess.run(["ssconvert", "--recalc", "-T", "Gnumeric_Excel:xlsx2", str(src), str(dst)],
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=180,
                          env=dict(os.environ, HOME=os.environ.get("HOME") or str(dst.parent)))
    assert done.returncode == 0 and dst.is_file(), done.stderr[-500:]
    return dst


@pytest.fixture(scope="module")
def copies(tmp_path_factory, libreoffice):
    if shutil.which("ssconvert") is None:
        if ci_is_set():
            pytest.fail("CI is set but Gnumeric (ssconvert) is not installed; .ci/run installs it", pytrace=False)
        pytest.skip("Gnumeric (ssconvert) is not installed: apt-get install gnumeric")
    folder = tmp_path_factory.mktemp("round_trip")
    src = {"smart_city": folder / "smart_city.xlsx", "hotline": folder / "hotline.xlsx"}
    for name, p in src.items():
        shutil.copyfile(ROOT / "examples" / f"{name}.xlsx", p)
    src["form"] = build_form(folder / "form.xlsx")
    src["sums"] = BUILDERS["sums_and_wrong_totals"](folder)
    out = {}
    for name, p in src.items():
        for fix in (False, True):
            key = f"{name}-{'fix' if fix else 'kept'}"
            out[key] = evalbook.annotate(p, out=folder / f"{key}.xlsx", fix=fix)[1]
    lo = libreoffice.recalculate(list(out.values()))
    saved = {}
    for key, p in out.items():
        saved[(key, "libreoffice")] = lo[p]
        saved[(key, "gnumeric")] = gnumeric_save(p, folder / f"{key}.gnumeric.xlsx")
    return src, out, saved


KEYS = [f"{n}-{m}" for n in ("smart_city", "hotline", "form", "sums") for m in ("kept", "fix")]
APPS = ["libreoffice", "gnumeric"]


def findings(path):
    return [(f.code, f.sheet, f.cell) for f in evalbook.check(path).findings]


def ours(src: Path, out: Path) -> dict[str, set[str]]:
    def formulas(p):
        wb = openpyxl.load_workbook(p)
        return {ws.title: {c.coordinate for c in ws._cells.values() if c.data_type == "f"} for ws in wb.worksheets}

    before, after = formulas(src), formulas(out)
    return {t: cells - before.get(t, set()) for t, cells in after.items()}


def same(a, b) -> bool:
    a, b = (None if a == "" else a), (None if b == "" else b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return a == b


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("key", KEYS)
def test_every_formula_evalbook_wrote_recalculates_to_its_cached_value(copies, key, app):
    src, out, saved = copies
    cached, computed = read_values(out[key]), read_values(saved[(key, app)])
    cells = ours(src[key.split("-")[0]], out[key])
    assert any(cells.values())
    wrong = [(t, a1, cached[t].get(a1), computed.get(t, {}).get(a1)) for t, refs in cells.items()
             for a1 in sorted(refs) if not same(cached[t].get(a1), computed.get(t, {}).get(a1))]
    assert wrong == []


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("key", KEYS)
def test_check_after_another_applications_save_gives_the_same_findings(copies, key, app):
    _, out, saved = copies
    assert findings(saved[(key, app)]) == findings(out[key])
    if key.endswith("fix") and key.startswith("smart_city"):
        assert ("P109", "项目", "B12") in findings(saved[(key, app)])


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("key", KEYS)
def test_a_second_annotate_after_the_save_gives_the_same_findings_and_claims(copies, key, app, tmp_path):
    _, out, saved = copies
    first = evalbook.check(out[key])
    report, again = evalbook.annotate(saved[(key, app)], out=tmp_path / "again.xlsx")
    assert [(f.code, f.cell) for f in report.findings] == [(f.code, f.cell) for f in first.findings]
    assert evalbook.check(again).summary.claimed_total == first.summary.claimed_total
    # evalbook's own marks were recognised and replaced, not doubled
    wb = openpyxl.load_workbook(again)
    texts = [c.comment.text for ws in wb.worksheets for c in ws._cells.values() if c.comment is not None]
    assert all(t.count("—— evalbook ——") <= 1 for t in texts)
    dv_titles = [dv.errorTitle for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    assert dv_titles.count("evalbook") == len(set(
        str(dv.sqref) for ws in wb.worksheets for dv in ws.data_validations.dataValidation
        if dv.errorTitle == "evalbook"))
