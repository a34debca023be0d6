"""What `evalbook check` must find in the example workbooks: the seed reports' own mistakes, each
at the cell holding the stated figure, and nothing at all in the consistent example.

FINDINGS is a plain table (example, code, cell); add a row for every finding an example must
show. Each row is checked on its own, so a new rule that adds findings does not break it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evalbook.pipeline import check

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

FINDINGS = [
    # The smart-city tables: 数量指标（12） over four leaves of 2; 产出（50） over 12+10+12+20;
    # caps 90 with no budget execution; 自评得分 98 over leaves scoring 90.
    ("smart_city.xlsx", "C101", "指标!B2"),
    ("smart_city.xlsx", "C102", "指标!A2"),
    ("smart_city.xlsx", "C103", "指标!H1"),
    ("smart_city.xlsx", "P104", "项目!B12"),
    # 45% "of the contract" is 800/1789.95 (44.69% of the budget); of 1736.18 it is 46.08%.
    ("smart_city.xlsx", "B108", "项目!B11"),
    # 36.92 invested, 36.92 paid, "0.08 remaining".
    ("hotline.xlsx", "B107", "项目!B12"),
    # 80 + 78.82 + 81 = 239.82 under a stated total of 237.95.
    ("informatization.xlsx", "B109", "项目!B7"),
]


@pytest.mark.parametrize("example, code, cell", FINDINGS)
def test_example_shows_its_finding(example, code, cell):
    report = check(EXAMPLES / example)
    at = [f"{f.sheet}!{f.cell}" for f in report.findings if f.code == code]
    assert cell in at, f"{example}: {code} found at {at}, expected at {cell}"


def _cli_check(example: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evalbook.cli", "check", "--format", "json", str(EXAMPLES / example)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("example", sorted({row[0] for row in FINDINGS}))
def test_cli_reports_the_examples_findings_and_exits_1(example):
    run = _cli_check(example)
    assert run.returncode == 1, run.stderr
    found = {(f["code"], f'{f["sheet"]}!{f["cell"]}') for f in json.loads(run.stdout)["findings"]}
    for ex, code, cell in FINDINGS:
        if ex == example:
            assert (code, cell) in found


def test_the_consistent_example_is_clean():
    run = _cli_check("consistent.xlsx")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["ok"] is True and out["findings"] == []
    assert (out["summary"]["errors"], out["summary"]["warnings"]) == (0, 0)
    # Its payments sheet is what makes B105/B106 meaningful there: it must be read.
    report = check(EXAMPLES / "consistent.xlsx")
    assert report.workbook.payments is not None and len(report.workbook.payments.rows) == 4
