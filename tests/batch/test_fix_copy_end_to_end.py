"""Issue 17 end to end: a unit's `annotate --fix` copy reaches the bureau's batch, whose row
shows the unit's original claim (from P109), not the formula that replaced it; and the same
summary in English (--lang en)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from builders import indicator_rows, project_rows, standard
from evalbook.cli import main
from evalbook.pipeline import check


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """x.checked.xlsx: the --fix copy of a form claiming 98 where its parts give 80 + 10 = 90."""
    root = tmp_path_factory.mktemp("fix")
    ind = indicator_rows()
    ind[5][8], ind[5][9] = 6, 0.4  # 戊: 15 → 6, the leaves 89 → 80
    proj = project_rows()
    next(r for r in proj if r and r[0] == "自评得分")[1] = 98
    form = standard(root, "form.xlsx", project=proj, indicators=ind)
    before = check(form)
    assert (before.summary.claimed_total, before.summary.computed_total) == (98, 90)
    folder = root / "收件箱"
    folder.mkdir()
    result = CliRunner().invoke(main, ["annotate", "--fix", str(form), "-o", str(folder / "x.checked.xlsx")])
    assert result.exit_code in (0, 1), result.output
    return folder


def summary(inbox: Path, out: Path, *lang) -> list[dict]:
    result = CliRunner().invoke(main, ["batch", str(inbox), "-o", str(out), "--jobs", "1", *lang])
    assert result.exit_code in (0, 1), result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_the_fix_copy_row_shows_the_original_claim_beside_the_computed_score(inbox, tmp_path):
    copy = check(inbox / "x.checked.xlsx")
    p109 = [f for f in copy.findings if f.code == "P109"]
    assert p109 and copy.summary.claimed_total == 90  # the claimed cell now holds the formula
    (row,) = summary(inbox, tmp_path / "汇总.xlsx")
    assert row["自评得分"] == 98 and row["计算得分"] == 90 and row["得分差（自评−计算）"] == 8
    assert "P109" in row["主要问题"]


EN_STATUSES = {"ok", "warnings", "errors", "unreadable", "timed out", "out of memory", "internal error"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_english_summary(inbox, tmp_path):
    (inbox.parent / "en").mkdir()
    folder = inbox.parent / "en"
    (folder / "x.checked.xlsx").write_bytes((inbox / "x.checked.xlsx").read_bytes())
    (folder / "empty.xlsx").write_bytes(b"")
    out = tmp_path / "summary.xlsx"
    rows = summary(folder, out, "--lang", "en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Statistics", "Findings"]
    for ws in (wb["Summary"], wb["Findings"]):
        header = [c.value for c in ws[1]]
        assert header and all(h and not CJK.search(h) for h in header), header
    by_name = {Path(r["File"]).name: r for r in rows}
    assert by_name["empty.xlsx"]["Status"] == "unreadable"
    assert by_name["x.checked.xlsx"]["Status"] in EN_STATUSES - {"unreadable"}
    fixed = by_name["x.checked.xlsx"]
    assert (fixed["Claimed total"], fixed["Computed total"], fixed["Gap (claimed − computed)"]) == (98, 90, 8)
    # the statistics sheet's captions and labels are English: none of the Chinese ones is there
    from evalbook.batch.texts import BATCH_TEXTS

    cells = {v for r in wb["Statistics"].iter_rows(values_only=True) for v in r if isinstance(v, str)}
    assert {"By status", "By supervising department", "By rule (files having it)", "Claimed − computed score",
            "Files not listed"} <= cells
    assert not cells & {zh for zh, _ in BATCH_TEXTS.values()}
