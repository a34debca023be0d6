"""The worst inputs of at most 20 MB we know how to build, timed (issue 15, docs/performance.md).

    python benchmarks/hostile.py [--keep DIR] [--annotate] [--only NAME]

Each case is built here, then `evalbook check` (and with --annotate, `evalbook annotate`) runs
on it in a child process; the table gives wall time, peak memory (max RSS) and exit code.
The *_raised cases run with --max-cells far above the file, to show what the work costs
when no limit stops it (merged ranges: their count, not their area).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROOT = Path(__file__).resolve().parent.parent


def package(path: Path, sheets: list[bytes], extra_prolog: bytes = b"", strings: bytes | None = None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "指标"
    if strings is not None:
        wb.active["A1"] = "x"  # so that the package has a shared strings part to replace
    for i in range(1, len(sheets)):
        wb.create_sheet(f"S{i}")
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    for i, data in enumerate(sheets, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = data
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
        rels = parts["xl/_rels/workbook.xml.rels"]
        if b"sharedStrings" not in rels:
            parts["xl/_rels/workbook.xml.rels"] = rels.replace(b"</Relationships>", (
                b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
                b' Target="sharedStrings.xml" Id="rIdS"/></Relationships>'))
        types = parts["[Content_Types].xml"]
        if b"sharedStrings" not in types:
            parts["[Content_Types].xml"] = types.replace(b"</Types>", (
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument'
                b'.spreadsheetml.sharedStrings+xml"/></Types>'))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def sheet(rows: bytes, after: bytes = b"", prolog: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + b'<worksheet xmlns="' + NS.encode()
            + b'"><sheetData>' + rows + b"</sheetData>" + after + b"</worksheet>")


def cells_at_limit(path: Path) -> Path:
    """499,000 numeric cells, 10 a row: just under the cell limit (the fast path)."""
    rows = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>%d</v></c>' % (c.encode(), r, r * 7 + i)
                                                   for i, c in enumerate("ABCDEFGHIJ")) + b"</row>"
                    for r in range(1, 49_901))
    return package(path, [sheet(rows)])


def cells_at_limit_expat(path: Path) -> Path:
    """The same through the expat path (a comment keeps the regex path off)."""
    rows = b"".join(b"<row>" + b"<c t=\"inlineStr\"><is><t>t%d</t></is></c>" % r * 10 + b"</row>"
                    for r in range(1, 49_901))
    return package(path, [sheet(rows, prolog=b"<!-- x -->")])


def rows_at_limit(path: Path) -> Path:
    """499,000 rows of one cell each: just under the row limit."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, 499_001))
    return package(path, [sheet(rows)])


def rows_850k(path: Path) -> Path:
    """850,000 rows of one cell each (the issue's 85 s annotate)."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, 850_001))
    return package(path, [sheet(rows)])


def merges_at_limit(path: Path) -> Path:
    """Five merged ranges of 199,800 cells (just under the reader's whole-column cut), 999,000 in all."""
    merges = b"".join(b'<mergeCell ref="A%d:J%d"/>' % (1 + i * 19_980, (i + 1) * 19_980) for i in range(5))
    return package(path, [sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>',
                                b'<mergeCells count="5">' + merges + b"</mergeCells>")])


def overlapping_merges(path: Path) -> Path:
    """The issue's 8-15 KB file: 300 overlapping ranges of 192,000 cells."""
    merges = b"".join(b'<mergeCell ref="A%d:L%d"/>' % (i, i + 16_000) for i in range(1, 301))
    return package(path, [sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>', b"<mergeCells>" + merges + b"</mergeCells>")])


def staggered_merges(path: Path) -> Path:
    """577 one-column ranges of 1,732 rows, each starting a row below the last (999,000 cells,
    just under the merged limit), a number in every row: the most ranges over one band, the
    worst case of the merge index's flat bands."""
    return _staggered(path, 577, 1_732)


def staggered_merges_raised(path: Path) -> Path:
    """20,000 staggered one-column ranges of 3,000 rows (60 million cells), with --max-cells
    raised past them: hundreds of ranges over every band, answered node by node."""
    return _staggered(path, 20_000, 3_000)


def _staggered(path: Path, count: int, height: int) -> Path:
    merges = b"".join(b'<mergeCell ref="%s%d:%s%d"/>' % (_letters(2 + i % 16_000), i + 1, _letters(2 + i % 16_000),
                                                          i + height) for i in range(count))
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, count + height + 1))
    return package(path, [sheet(rows, b"<mergeCells>" + merges + b"</mergeCells>")])


def _letters(col: int) -> bytes:
    out = b""
    while col:
        col, rest = divmod(col - 1, 26)
        out = bytes([65 + rest]) + out
    return out


def everything_at_once(path: Path) -> Path:
    """Every limit approached at once, on the slower expat path: 499,000 one-cell rows, each
    cell a distinct shared string, under 577 staggered merged ranges (999,000 cells)."""
    n = 499_000
    rows = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (r, r, r - 1) for r in range(1, n + 1))
    merges = b"".join(b'<mergeCell ref="%s%d:%s%d"/>' % (_letters(2 + i), i + 1, _letters(2 + i), i + 1_732)
                      for i in range(577))
    strings = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + NS.encode() + b'" count="%d" uniqueCount="%d">'
               % (n, n) + b"".join("<si><t>文%d</t></si>".encode() % i for i in range(n)) + b"</sst>")
    return package(path, [sheet(rows, b"<mergeCells>" + merges + b"</mergeCells>", prolog=b"<!-- x -->")],
                   strings=strings)


def four_big_sheets(path: Path) -> Path:
    """Four sheets of 100 MiB each within the zip's ratio limit: few cells, long varied text."""
    rng = random.Random(15)
    # Text that deflates about 100:1: a varied 4 KB block repeated with small changes.
    block = bytes(rng.choice(b"abcdefghij") for _ in range(4096))
    chunks = []
    size = 0
    while size < 100 * 1024 * 1024:
        piece = block[: rng.randrange(3000, 4096)] + b"%d" % rng.randrange(10 ** 9)
        chunks.append(piece)
        size += len(piece)
    text = b"".join(chunks)
    one = sheet(b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + text + b"</t></is></c></row>")
    return package(path, [one] * 4)


def big_strings_table(path: Path) -> Path:
    """499,000 distinct shared strings (just under the strings limit), one a cell."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("指标")
    for r in range(49_900):
        for c in range(10):
            ws.write_string(r, c, f"文{r * 10 + c}")
    wb.close()
    return path


CASES = {f.__name__: f for f in (cells_at_limit, cells_at_limit_expat, rows_at_limit, rows_850k, merges_at_limit,
                                  overlapping_merges, staggered_merges, four_big_sheets, big_strings_table,
                                  everything_at_once)}
# Cases run with the limits raised far past them (--max-cells): the cost of merged ranges must
# follow their count, not their area. (name, builder, --max-cells)
RAISED = {"overlapping_merges_raised": (overlapping_merges, 30_000_000),
          "staggered_merges_raised": (staggered_merges_raised, 31_000_000)}


def measure(cmd: list[str]) -> tuple[float, int, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, err = proc.communicate(timeout=600)
    took = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # the largest child so far
    return took, rss, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--annotate", action="store_true")
    ap.add_argument("--only")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="evalbook-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'case':26} {'size':>9} {'command':9} {'seconds':>8} {'MB':>6} exit")
    cases = {name: (build, None) for name, build in CASES.items()}
    cases.update(RAISED)
    for name, (build, max_cells) in cases.items():
        if args.only and args.only not in name:
            continue
        path = folder / f"{build.__name__}.xlsx"
        if not path.exists():
            build(path)
        size = f"{path.stat().st_size / 1e6:.2f} MB"
        raised = ["--max-cells", str(max_cells)] if max_cells else []
        commands = [("check", ["check", *raised, str(path)])]
        if args.annotate:
            commands.append(("annotate", ["annotate", *raised, str(path), "-o", str(folder / f"{name}.out.xlsx"),
                                          "--allow-loss"]))
        for label, argv in commands:
            # One child per run: RUSAGE_CHILDREN's peak is then this run's (runs are in rising order of size).
            code = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
                    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024); sys.exit(p.returncode)")
            start = time.perf_counter()
            run = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "evalbook.cli", *argv],
                                 capture_output=True, text=True, timeout=900, cwd=ROOT)
            took = time.perf_counter() - start
            rss = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "?"
            print(f"{name:26} {size:>9} {label:9} {took:8.1f} {rss:>6} {run.returncode}  {run.stderr.strip()[:90]}",
                  flush=True)


if __name__ == "__main__":
    main()
