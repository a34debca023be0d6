"""The seeded mutation fuzzer in CI (issue 15): every mutant of the examples is checked, and
each run must end as a Report or one InputError (exit 0/1/2), never an internal error, and
within a few seconds.

CI runs FUZZ_CI mutants in-process, plus a few through the real command line. For a larger
local run: EVALBOOK_FUZZ=5000 python -m pytest tests/test_hostile_fuzz.py (EVALBOOK_FUZZ_SEED
picks another seed). A mutant that ever failed is kept in REGRESSIONS by its number.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import traceback

import pytest

import evalbook
from evalbook.errors import InputError
from fuzz_mutants import mutant

FUZZ_CI = 300
SEED = int(os.environ.get("EVALBOOK_FUZZ_SEED", "15"))
COUNT = int(os.environ.get("EVALBOOK_FUZZ", FUZZ_CI))
SECONDS = 5.0

# Mutants (seed 15) that failed before issue 15's fixes: check raised OverflowError on a
# 400-digit number (53). Kept whatever FUZZ_CI is.
REGRESSIONS = [53]

# annotate-only failures the fuzzer finds. Empty since the annotation work of issue 14/15:
# 53 (a 400-digit integer openpyxl cannot write: now refused in one line), 105 (a style naming
# a number format the file lacks: mended to General), 208 (a workbook.xml openpyxl reads no
# sheets from: refused in one line) are annotated in test_annotate_fails_only_on_the_known_mutants.
ANNOTATE_KNOWN: set[int] = set()


def _run(run, n: int, tmp_path) -> str | None:
    """None when mutant *n* ends as it should, else what went wrong."""
    desc, data = mutant(n, SEED)
    path = tmp_path / f"m{n}.xlsx"
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        run(path)
    except InputError as err:
        if "\n" in err.message() or "\n" in err.message("en"):
            return f"mutant {n} ({desc}): a message of more than one line"
    except Exception as exc:  # the failure this test exists for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return f"mutant {n} ({desc}): {type(exc).__name__}: {str(exc)[:120]} at {where.name}:{where.lineno}"
    finally:
        path.unlink()
    took = time.perf_counter() - start
    if took > SECONDS:
        return f"mutant {n} ({desc}): {took:.1f} s"
    return None


def test_every_mutant_is_checked_or_refused_in_a_line_never_an_internal_error(tmp_path):
    numbers = sorted(set(range(COUNT)) | set(REGRESSIONS))
    failures = [f for f in (_run(evalbook.check, n, tmp_path) for n in numbers) if f]
    assert failures == [], "\n".join(failures)


def test_annotate_fails_only_on_the_known_mutants(tmp_path):
    out = tmp_path / "out.xlsx"
    numbers = range(min(COUNT, 150))

    def run(path):
        evalbook.annotate(path, out=out, allow_loss=True)

    failures = [f for n in numbers if n not in ANNOTATE_KNOWN and (f := _run(run, n, tmp_path))]
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("n", [0, 7, 53, 105, 208])
def test_the_command_line_ends_every_mutant_with_0_1_or_2(tmp_path, n):
    path = tmp_path / f"m{n}.xlsx"
    path.write_bytes(mutant(n, SEED)[1])
    run = subprocess.run([sys.executable, "-m", "evalbook.cli", "check", str(path)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode in (0, 1, 2), run.stderr
    assert "内部错误" not in run.stderr and "Traceback" not in run.stderr, run.stderr


MARKUP_CI = 150


def test_every_web_export_mutant_is_checked_or_refused_in_a_line(tmp_path):
    """Issue 18: the examples as HTML tables and Excel 2003 XML, mutated (spans and indexes far
    off, DTDs, cut short, deep nesting, another encoding): a Report or one line, in seconds."""
    from fuzz_mutants import markup_mutant

    def one(n):
        desc, data = markup_mutant(n, SEED)
        path = tmp_path / f"w{n}.xls"
        path.write_bytes(data)
        start = time.perf_counter()
        try:
            evalbook.check(path)
        except InputError as err:
            if "\n" in err.message():
                return f"markup mutant {n} ({desc}): a message of more than one line"
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return f"markup mutant {n} ({desc}): {type(exc).__name__}: {str(exc)[:120]} at {where.name}:{where.lineno}"
        finally:
            path.unlink()
        took = time.perf_counter() - start
        return f"markup mutant {n} ({desc}): {took:.1f} s" if took > SECONDS else None

    count = int(os.environ.get("EVALBOOK_FUZZ", MARKUP_CI))
    failures = [f for f in map(one, range(count)) if f]
    assert failures == [], "\n".join(failures)
