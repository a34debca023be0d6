"""Is `evalbook check` unchanged by a refactoring? Compares two code trees byte for byte.

    python benchmarks/same_findings.py --base <git-ref>

1. Collects a corpus: every example in examples/ plus every workbook the test suite builds
   (pytest runs with EVALBOOK_CORPUS set; tests/conftest.py then copies each .xlsx/.xlsm/.xls a
   test leaves in its tmp_path). Use --corpus DIR to reuse one.
2. Checks every file with the code at <git-ref> (a temporary git worktree) and with the working
   tree: `check --format json`'s object, the text report and, for unusable input, the one-line
   message, each in Chinese and English.
3. Prints the files whose output differs and exits 1 if any does.

With --annotate it compares `annotate` instead: the copy's report (JSON) and every part of the
annotated copy (--fix too), each part's bytes with 校验结果's time of day masked; for unusable
input, the one-line message.

Made for the restructure (issue 13): behaviour must stay byte-identical while the code moves.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside the tree under test: prints one block per file. Import paths moved in the
# restructure, so the text renderer is looked up under both names.
DRIVER = r"""
import json, sys
import evalbook
from evalbook.errors import InputError
try:
    from evalbook.report.text import render_report
except ImportError:
    from evalbook.textout import render_report
for line in sys.stdin:
    path = line.rstrip("\n")
    print("=== " + path)
    for lang in ("zh", "en"):
        try:
            report = evalbook.check(path, lang=lang)
        except InputError as err:
            print("InputError: " + err.message(lang))
            continue
        print(json.dumps(report.to_json(), ensure_ascii=False))
        print(render_report(report, lang), end="")
"""

ANNOTATE_DRIVER = r"""
import hashlib, json, re, sys, tempfile, zipfile
from pathlib import Path
import evalbook
from evalbook.errors import InputError
TIME = re.compile(rb"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?(Z|\s*\(?(UTC|GMT)?[+-]\d\d:?\d\d\)?)?")
with tempfile.TemporaryDirectory() as tmp:
    for line in sys.stdin:
        path = line.rstrip("\n")
        print("=== " + path)
        for fix in (False, True):
            out = Path(tmp) / ("copy" + Path(path).suffix.lower().replace(".xls", ".xlsx").replace(".xlsxx", ".xlsx"))
            try:
                report, written = evalbook.annotate(path, out=out, fix=fix, allow_loss=True)
            except InputError as err:
                print("InputError: " + err.message("zh"))
                continue
            print(json.dumps(report.to_json(), ensure_ascii=False))
            with zipfile.ZipFile(written) as z:
                for name in z.namelist():
                    print(name, hashlib.sha256(TIME.sub(b"T", z.read(name))).hexdigest()[:16])
"""


def collect(corpus: Path) -> list[Path]:
    corpus.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "EVALBOOK_CORPUS": str(corpus)}
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return files_in(corpus)


def files_in(corpus: Path) -> list[Path]:
    examples = sorted((ROOT / "examples").glob("*.xlsx"))
    built = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in (".xlsx", ".xlsm", ".xls"))
    return examples + built


def run_tree(tree: Path, files: list[Path], driver: str = DRIVER) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", driver], input="\n".join(map(str, files)) + "\n",
                         env=env, cwd=tree, capture_output=True, text=True, check=True).stdout
    blocks: dict[str, str] = {}
    for block in out.split("=== ")[1:]:
        path, _, body = block.partition("\n")
        blocks[path] = body
    return blocks


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="git ref of the code to compare against")
    ap.add_argument("--corpus", type=Path,
                    help="keep the corpus in this folder; when it already holds workbooks, reuse them")
    ap.add_argument("--annotate", action="store_true", help="compare annotate's copies instead of check")
    args = ap.parse_args()
    driver = ANNOTATE_DRIVER if args.annotate else DRIVER
    with tempfile.TemporaryDirectory(prefix="same-findings-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        reuse = args.corpus is not None and corpus.is_dir() and any(corpus.iterdir())
        files = files_in(corpus) if reuse else collect(corpus)
        base = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), args.base], cwd=ROOT, check=True)
        try:
            before = run_tree(base, files, driver)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=True)
        after = run_tree(ROOT, files, driver)
    differ = [p for p in map(str, files) if before.get(p) != after.get(p)]
    for p in differ:
        print(f"DIFFERS: {p}")
    print(f"{len(files)} workbooks, {len(files) - len(differ)} with identical output, {len(differ)} differ")
    return 1 if differ or not files else 0


if __name__ == "__main__":
    sys.exit(main())
