"""The performance goals of issue 9, measured: `python benchmarks/run.py [--quick]`.

Builds standard forms in a temporary folder (benchmarks/forms.py: a small one of 30 leaves,
large ones of 5,000 and 10,000 leaves with as many payments), runs every command as a
subprocess the way a person runs it, and prints one table: what was measured, evalbook's
figure, the baseline's, their ratio, the goal and PASS/FAIL. Each time is the median of
several wall-clock runs, the compared commands interleaved (and their order alternated) so
that both see the same machine; peak memory is the child's own maximum RSS from wait4.

Exit 0 when every goal is met, 1 otherwise (a command that does not exist yet counts as not
met and is shown as "not available").
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from forms import build_form  # noqa: E402

PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           PYTHONDONTWRITEBYTECODE="")
SMALL, LARGE, LARGER = 30, 5_000, 10_000
BATCH_FORMS = 200

# LibreOffice recalculates only when told to: a private profile that always recalculates
# (as tests/libreoffice.py does), so its time is a real recalculation, not a re-save.
_LO_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class Unavailable(Exception):
    """A command that cannot be measured here (not written yet, or soffice missing)."""


@dataclass
class Run:
    seconds: float
    max_rss_kib: int


def run(cmd: list[str], cwd: Path | None = None) -> Run:
    """One wall-clock run of *cmd*, with the child's own peak RSS (not the largest so far)."""
    # stderr to a file, not a pipe: a child that fills a pipe nobody reads yet would never exit
    with tempfile.TemporaryFile() as errfile:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=errfile)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errfile.seek(0)
        err = errfile.read().decode(errors="replace")
    # 1 is "the form has errors": the forms plant a few on purpose.
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}: {err.strip()[-500:]}")
    return Run(seconds, usage.ru_maxrss)


def compare(a: list[str], b: list[str], runs: int, before=None) -> tuple[list[Run], list[Run]]:
    """*runs* runs of each, interleaved, alternating which goes first; one warm-up each."""
    ra: list[Run] = []
    rb: list[Run] = []
    for i in range(runs + 1):
        order = [(a, ra), (b, rb)] if i % 2 == 0 else [(b, rb), (a, ra)]
        for cmd, out in order:
            if before:
                before()
            r = run(cmd)
            if i:  # the first round warms the page cache and the .pyc files
                out.append(r)
    return ra, rb


def median(rs: list[Run]) -> float:
    return statistics.median(r.seconds for r in rs)


def evalbook(*args) -> list[str]:
    return [PY, "-m", "evalbook.cli", *map(str, args)]


def python(code: str) -> list[str]:
    return [PY, "-c", code]


def has_command(name: str) -> bool:
    probe = subprocess.run(evalbook(name, "--help"), env=ENV, capture_output=True)
    return probe.returncode == 0


def soffice_command(workdir: Path, src: Path) -> list[str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise Unavailable("soffice not installed")
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_LO_PROFILE, encoding="utf-8")
    out = workdir / "lo-out"
    out.mkdir(exist_ok=True)
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "xlsx", "--outdir", str(out), str(src)]


# --- the measurements -----------------------------------------------------------------------


@dataclass
class Row:
    name: str
    ours: str = "-"
    base: str = "-"
    ratio: str = "-"
    goal: str = ""
    ok: bool | None = None  # None: not available

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.ok]


def timed(name: str, goal: str, limit: float, ours: list[str], base: list[str], runs: int,
          at_least: bool = False, before=None) -> tuple[Row, list[Run]]:
    ra, rb = compare(ours, base, runs, before)
    a, b = median(ra), median(rb)
    ratio = a / b
    ok = ratio >= limit if at_least else ratio <= limit
    return Row(name, f"{a:.3f} s", f"{b:.3f} s", f"{ratio:.2f}", goal, ok), ra


def measure(tmp: Path, runs: int, batch_forms: int, only: str | None = None) -> list[Row]:
    forms = tmp / "forms"
    forms.mkdir()
    small = build_form(forms / "small.xlsx", SMALL)
    large = build_form(forms / "large.xlsx", LARGE)
    larger = build_form(forms / "larger.xlsx", LARGER)
    out = tmp / "out"
    out.mkdir()
    rows: list[Row] = []

    def attempt(name: str, goal: str, fn):
        if only is not None and only not in name:
            return
        try:
            rows.append(fn())
        except Unavailable as e:
            rows.append(Row(name, goal=goal, ours=f"not available ({e})"))
        except RuntimeError as e:
            rows.append(Row(name, goal=goal, ours="failed", ok=False))
            print(f"{name}: {e}", file=sys.stderr)

    load = "import click, openpyxl; openpyxl.load_workbook({!r})"
    attempt("check, small form", "≤ 1.20 × import click, openpyxl + load", lambda: timed(
        "check, small form", "≤ 1.20 × import click, openpyxl + load", 1.2,
        evalbook("check", "-q", small), python(load.format(str(small))), runs)[0])

    large_check: list[Run] = []

    def check_large():
        row, ra = timed("check, 5,000 leaves", "≤ 0.35 × openpyxl load", 0.35,
                        evalbook("check", "-q", large),
                        python(f"import openpyxl; openpyxl.load_workbook({str(large)!r})"), runs)
        large_check.extend(ra)
        return row

    attempt("check, 5,000 leaves", "≤ 0.35 × openpyxl load", check_large)

    def memory():
        if not large_check:
            raise Unavailable("no check run")
        peak = max(r.max_rss_kib for r in large_check) / 1024
        return Row("peak memory, check 5,000 leaves", f"{peak:.1f} MiB", "-", "-", "≤ 100 MiB", peak <= 100)

    attempt("peak memory, check 5,000 leaves", "≤ 100 MiB", memory)

    attempt("check, 10,000 vs 5,000 leaves", "≤ 2.20 ×", lambda: timed(
        "check, 10,000 vs 5,000 leaves", "≤ 2.20 ×", 2.2,
        evalbook("check", "-q", larger), evalbook("check", "-q", large), runs)[0])

    annotate = has_command("annotate")

    # issue 14: annotate writes by splicing, the goal is 0.6 × openpyxl's load and save, on the
    # form with merged tier labels (heavy merge styling) and on a plain one (1,250 two-cell merges)
    plain = build_form(forms / "plain.xlsx", LARGE, plain=True)

    def annotate_vs_openpyxl(name: str, form: Path):
        def row():
            if not annotate:
                raise Unavailable("evalbook annotate missing")
            saved = out / "saved.xlsx"
            return timed(name, "≤ 0.60 × openpyxl load + save", 0.6,
                         evalbook("annotate", "-q", form, "-o", out / (form.stem + ".checked.xlsx")),
                         python(f"import openpyxl; openpyxl.load_workbook({str(form)!r}).save({str(saved)!r})"),
                         runs)[0]
        attempt(name, "≤ 0.60 × openpyxl load + save", row)

    annotate_vs_openpyxl("annotate, 5,000 leaves", large)
    annotate_vs_openpyxl("annotate, 5,000 leaves, plain (1,250 merges)", plain)

    def annotate_small():
        if not annotate:
            raise Unavailable("evalbook annotate missing")
        lo = soffice_command(tmp, small)
        ra, rb = compare(evalbook("annotate", "-q", small, "-o", out / "small.checked.xlsx"), lo, runs)
        a, b = median(ra), median(rb)
        return Row("annotate, small form vs LibreOffice", f"{a:.3f} s", f"{b:.3f} s", f"{b / a:.1f} × faster",
                   "≥ 5 × faster than soffice recalculation", b / a >= 5)

    attempt("annotate, small form vs LibreOffice", "≥ 5 × faster than soffice recalculation", annotate_small)

    def annotate_scaling():
        if not annotate:
            raise Unavailable("evalbook annotate missing")
        return timed("annotate, 10,000 vs 5,000 leaves", "≤ 2.20 ×", 2.2,
                     evalbook("annotate", "-q", larger, "-o", out / "larger.checked.xlsx"),
                     evalbook("annotate", "-q", large, "-o", out / "large.checked.xlsx"), runs)[0]

    attempt("annotate, 10,000 vs 5,000 leaves", "≤ 2.20 ×", annotate_scaling)

    def batch():
        if not has_command("batch"):
            raise Unavailable("evalbook batch missing")
        folder = tmp / "batch"
        folder.mkdir()
        for i in range(batch_forms):
            shutil.copyfile(small, folder / f"form{i:03d}.xlsx")
        summary = out / "summary.xlsx"
        # batch refuses to replace its summary without --force (issue 17); older versions have none
        usage = subprocess.run(evalbook("batch", "--help"), env=ENV, capture_output=True, text=True).stdout
        force = ["--force"] if "--force" in usage else []
        r1, r2 = compare(evalbook("batch", folder, "-o", summary, "--jobs", 1, "-q", *force),
                         evalbook("batch", folder, "-o", summary, "--jobs", 2, "-q", *force), max(3, runs // 2))
        t1, t2 = median(r1), median(r2)
        speedup = t1 / t2
        return Row(f"batch of {batch_forms}: --jobs 2 vs --jobs 1", f"{batch_forms / t2:.1f} forms/s",
                   f"{batch_forms / t1:.1f} forms/s", f"{speedup:.2f}", "≥ 1.70 × the throughput",
                   speedup >= 1.7)

    attempt(f"batch of {batch_forms}: --jobs 2 vs --jobs 1", "≥ 1.70 × the throughput", batch)
    return rows


def render(rows: list[Row]) -> str:
    head = ("measurement", "evalbook", "baseline", "ratio", "goal", "")
    table = [head] + [(r.name, r.ours, r.base, r.ratio, r.goal, r.verdict) for r in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(head))]
    lines = []
    for k, row in enumerate(table):
        lines.append("  ".join(_pad(cell, w) for cell, w in zip(row, widths)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    # CJK and the ≤ ≥ signs are as wide as they look in a terminal: count East Asian wide as 2.
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="3 runs per median and a batch of 50 forms: a rough figure in a minute")
    ap.add_argument("--keep", metavar="DIR", help="build the forms in DIR and keep them")
    ap.add_argument("--only", metavar="TEXT",
                    help="only the rows whose name contains TEXT (e.g. batch): to iterate on one goal")
    args = ap.parse_args(argv)
    runs = 3 if args.quick else 5
    batch_forms = 50 if args.quick else BATCH_FORMS
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {runs} runs per median "
          f"(interleaved), forms: {SMALL} / {LARGE:,} / {LARGER:,} leaves", flush=True)
    if args.keep:
        tmp = Path(args.keep)
        tmp.mkdir(parents=True, exist_ok=True)
        rows = measure(Path(tempfile.mkdtemp(dir=tmp)), runs, batch_forms, args.only)
    else:
        with tempfile.TemporaryDirectory(prefix="evalbook-bench-") as d:
            rows = measure(Path(d), runs, batch_forms, args.only)
    print(render(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
