"""Regenerate docs/batch_summary.png and docs/batch_stats.png, the README's pictures of the
batch summary a finance bureau reviews (its 汇总 and 统计 sheets).

    python docs/render_batch_picture.py [--keep DIR]

It builds an inbox from the examples (plus one form sent a second time under another file
name, and Excel's lock file), runs `evalbook batch 收件箱 -o 汇总.xlsx` on it exactly as the
command does (relative paths, so the file column stays short), and prints the summary as it
is with LibreOffice headless (soffice → PDF, pdftoppm → PNG; Debian: libreoffice-calc-nogui,
poppler-utils, fonts-noto-cjk). The summary's own print setup is used: A4 landscape, one page
wide. The first page is the 汇总 sheet, the next the 统计 sheet; each is trimmed of its white
margins. The PNGs are committed; CI does not run this script.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evalbook.batch import run_batch  # noqa: E402
from render_picture import _trim, to_pdf  # noqa: E402  (the same LibreOffice print as the annotated picture)

DPI = 200
WIDTH = 1400
EXAMPLES = ("consistent.xlsx", "smart_city.xlsx", "hotline.xlsx", "informatization.xlsx", "village_network.xlsx")


def build_inbox(folder: Path) -> Path:
    inbox = folder / "收件箱"
    (inbox / "信息办").mkdir(parents=True)
    (inbox / "政务中心").mkdir()
    for name in EXAMPLES:
        sub = "政务中心" if name == "consistent.xlsx" else "信息办"
        shutil.copyfile(ROOT / "examples" / name, inbox / sub / name)
    # the same form sent again under another name: flagged as a duplicate on both rows
    shutil.copyfile(ROOT / "examples" / "consistent.xlsx", inbox / "政务中心" / "大厅运维（重报）.xlsx")
    (inbox / "信息办" / "~$smart_city.xlsx").write_bytes(b"\x00" * 165)  # open in Excel
    return inbox


def summary(folder: Path) -> Path:
    build_inbox(folder)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        run_batch(["收件箱"], "汇总.xlsx", jobs=1)
    finally:
        os.chdir(cwd)
    return folder / "汇总.xlsx"


def page(pdf: Path, number: int, folder: Path) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm not found: apt-get install poppler-utils")
    stem = folder / f"page{number}"
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(number), "-l", str(number), "-singlefile",
                    str(pdf), str(stem)], check=True, timeout=120)
    img = Image.open(stem.with_suffix(".png")).convert("RGB")
    img = img.crop((0, 0, img.width, round(img.height * 0.94)))  # without the page-number footer
    return _fit(_trim(img))


def _fit(img: Image.Image) -> Image.Image:
    if img.width <= WIDTH:
        return img
    return img.resize((WIDTH, round(img.height * WIDTH / img.width)), Image.LANCZOS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the inbox, summary, PDF and pages in this folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp()) if args.keep is None else args.keep
    folder.mkdir(parents=True, exist_ok=True)
    try:
        pdf = to_pdf(summary(folder), folder)
        for number, name in ((1, "batch_summary.png"), (2, "batch_stats.png")):
            out = ROOT / "docs" / name
            page(pdf, number, folder).save(out, optimize=True)
            print(f"wrote {out}")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
