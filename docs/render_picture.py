"""Regenerate docs/annotated.png, the README's picture of an annotated workbook.

    python docs/render_picture.py [--keep DIR]

It annotates examples/smart_city.xlsx exactly as `evalbook annotate` does, then prints a render
copy with LibreOffice headless (soffice → PDF, pdftoppm → PNG; Debian: libreoffice-calc-nogui,
poppler-utils, fonts-noto-cjk for the Chinese) and stacks the pages into one picture: the top of
the 项目 sheet and the 指标 sheet, each with its red/amber marks and some finding comments open,
then the 校验结果 sheet down to its findings.

Only the render copy is changed, and only in how it prints:
- LibreOffice prints a comment as a callout only when the comment is shown, and openpyxl
  always writes comments hidden and all at the same spot. So the copy's VML gets
  ``<x:Visible/>`` and an ``<x:Anchor>`` for the comments PAGES names, boxed over empty cells
  near their cell or in a band added right of the sheet; every other comment stays hidden
  (校验结果 lists them all).
  The page setup's cellComments would instead print all notes as a list on a page of their
  own, which is not how the workbook looks on screen.
- Each printed sheet gets a print area and is fitted to one A3 landscape page
  (fitToWidth/fitToHeight = 1); at 80 dpi that is about the picture's 1200 px, so the sheets
  print near 100% and stay legible. Sheets not pictured are hidden (hidden sheets do not print;
  deleting one would break the formulas that refer to it).
- The copy is saved by openpyxl, which drops formula results; the private LibreOffice profile
  recalculates on load, so the picture shows what Excel would show.

The PNG is committed; CI does not run this script.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import column_index_from_string, coordinate_to_tuple, get_column_letter
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evalbook.annotation import RESULT_SHEET, annotate  # noqa: E402

EXAMPLE = ROOT / "examples" / "smart_city.xlsx"
PICTURE = ROOT / "docs" / "annotated.png"


@dataclass(frozen=True)
class Page:
    """How one sheet prints: down to which row, the band added right of it, the comments opened.

    A callout is cell → (left column, top row, right column, bottom row) of its box, placed over
    cells this example leaves empty and close to its cell, so its pointer crosses little.
    """

    last_row: int | None  # None: the sheet's last row
    band: tuple[str, float]  # column added right of the sheet for callouts, and its width (characters)
    callouts: dict[str, tuple[str, int, str, int]] = field(default_factory=dict)


# In the workbook's sheet order, which is the order LibreOffice prints them in.
PAGES = {
    # Down to the funds block; the 自评得分 (P104) and 支付占合同比例 (B108) notes opened.
    "项目": Page(17, ("H", 52), {"B11": ("H", 1, "H", 7), "B12": ("H", 9, "H", 17)}),
    # One note of each kind found here: C103 on the total cap, C101 on a tier, T107 on a score.
    "指标": Page(None, ("L", 24), {"H1": ("K", 2, "L", 5), "B2": ("D", 3, "F", 7), "G10": ("K", 10, "L", 13)}),
    # Down to the end of the findings: its last block (cells evalbook wrote, with their
    # originals) is for the audit, not for the picture.
    RESULT_SHEET: Page(None, ("", 0)),
}

DPI = 80
A3 = 8  # OOXML paperSize
WIDTH = 1200  # px of the final picture

_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def annotate_example(folder: Path) -> Path:
    out = folder / "smart_city.checked.xlsx"
    annotate(EXAMPLE, out=out)
    return out


def _findings_end(ws) -> int:
    """Last row of 校验结果's findings table: the row before the first blank row after its header."""
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "代码")
    row = header
    while ws.cell(row + 1, 1).value not in (None, ""):
        row += 1
    return row


def _fit_one_page(ws, area: str) -> None:
    ws.print_area = area
    ws.page_setup.paperSize = A3
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.print_options.horizontalCentered = False


def render_copy(annotated: Path, out: Path) -> Path:
    """The annotated workbook set up to print the pictured sheets, one page each, callouts open."""
    wb = openpyxl.load_workbook(annotated)
    for ws in wb.worksheets:
        page = PAGES.get(ws.title)
        if page is None:
            ws.sheet_state = "hidden"  # hidden sheets are not printed; deleting one would break formulas
            continue
        last_col = get_column_letter(ws.max_column)
        band, width = page.band
        if band:
            if ws.max_column >= column_index_from_string(band):
                raise SystemExit(f"{ws.title} now reaches column {band}: move its band and callouts")
            ws.column_dimensions[band].width = width
            last_col = band
        last_row = page.last_row or (_findings_end(ws) if ws.title == RESULT_SHEET else ws.max_row)
        last_row = max(last_row, *(box[3] for box in page.callouts.values()), 1)
        _fit_one_page(ws, f"A1:{last_col}{last_row}")
    wb.active = next(i for i, ws in enumerate(wb.worksheets) if ws.title in PAGES)  # never a hidden one
    wb.save(out)
    _open_callouts(out, wb)
    return out


def _open_callouts(path: Path, wb) -> None:
    """Show the chosen comments, each boxed where PAGES says.

    A sheet's comment shapes are in the VML part its legacyDrawing relationship names; each
    shape says its cell with <x:Row>/<x:Column> (0-based).
    """
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = {n: z.read(n) for n in names}
    for title, page in PAGES.items():
        if not page.callouts:
            continue
        vml_name = _comment_drawing(parts, title)
        vml = parts[vml_name].decode("utf-8")
        ws = wb[title]
        for a1, (left, top, right, bottom) in page.callouts.items():
            row, col = (n - 1 for n in coordinate_to_tuple(a1))
            # x:Anchor, 0-based: left column, offset (px), top row, offset, right column, offset,
            # bottom row, offset; the box ends a few pixels short of its right column's edge.
            anchor = (column_index_from_string(left) - 1, 4, top - 1, 4,
                      column_index_from_string(right) - 1, _pixels(ws, right) - 6, bottom - 1, 12)
            vml = _show(vml, row, col, anchor)
        parts[vml_name] = vml.encode("utf-8")
    tmp = path.with_suffix(".tmp.xlsx")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(n, parts[n])
    tmp.replace(path)


def _rels(parts: dict[str, bytes], part: str) -> dict[str, str]:
    """Relationship id → part name, for the relationships of *part*."""
    folder, name = posixpath.split(part)
    root = ElementTree.fromstring(parts[f"{folder}/_rels/{name}.rels"])
    def resolve(target: str) -> str:  # openpyxl writes absolute targets, Excel relative ones
        return target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))

    return {r.get("Id"): resolve(r.get("Target")) for r in root}


def _comment_drawing(parts: dict[str, bytes], title: str) -> str:
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = ElementTree.fromstring(parts["xl/workbook.xml"])
    rid = next(s.get(rel) for s in book.iter(f"{main}sheet") if s.get("name") == title)
    sheet = _rels(parts, "xl/workbook.xml")[rid]
    legacy = ElementTree.fromstring(parts[sheet]).find(f"{main}legacyDrawing")
    return _rels(parts, sheet)[legacy.get(rel)]


def _pixels(ws, column: str) -> int:
    """Screen width of a column as Excel converts characters to pixels (7 px a character, 5 px padding)."""
    width = ws.column_dimensions[column].width or 8.43
    return int(width * 7 + 5)


def _show(vml: str, row: int, col: int, anchor: tuple[int, ...]) -> str:
    shapes = re.findall(r"<(?:\w+:)?shape [^>]*>.*?</(?:\w+:)?shape>", vml, re.S)
    for shape in shapes:
        r = re.search(r"<(\w+):Row>(\d+)</\1:Row>", shape)
        c = re.search(r"<(\w+):Column>(\d+)</\1:Column>", shape)
        if r and c and int(r.group(2)) == row and int(c.group(2)) == col:
            x = r.group(1)
            opened = shape.replace("visibility:hidden", "visibility:visible")
            opened = re.sub(rf"<{x}:Anchor>[^<]*</{x}:Anchor>", "", opened)  # annotate's own, beside the cell
            opened = opened.replace(
                f"<{x}:Row>",
                f"<{x}:Visible /><{x}:Anchor>{', '.join(map(str, anchor))}</{x}:Anchor><{x}:Row>", 1)
            return vml.replace(shape, opened, 1)
    raise LookupError(f"no comment shape at row {row + 1}, column {col + 1}")


def to_pdf(xlsx: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui fonts-noto-cjk")
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALCULATE, encoding="utf-8")
    subprocess.run([soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
                   check=True, stdin=subprocess.DEVNULL, capture_output=True, timeout=180)
    pdf = folder / (xlsx.stem + ".pdf")
    if not pdf.is_file():
        sys.exit(f"LibreOffice wrote no PDF for {xlsx}")
    return pdf


def to_pages(pdf: Path, folder: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm not found: apt-get install poppler-utils")
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(folder / "page")], check=True, timeout=120)
    return sorted(folder.glob("page-*.png"))


def _trim(img: Image.Image, pad: int = 12) -> Image.Image:
    white = Image.new(img.mode, img.size, "white")
    box = ImageChops.difference(img, white).getbbox()
    if box is None:
        return img
    left, top, right, bottom = box
    return img.crop((max(left - pad, 0), max(top - pad, 0), min(right + pad, img.width), min(bottom + pad, img.height)))


def compose(pages: list[Path], out: Path) -> Path:
    """One picture: each page trimmed to its content, scaled to one width, stacked with a rule between."""
    images = [_trim(Image.open(p).convert("RGB")) for p in pages]
    width = min(WIDTH, max(i.width for i in images))
    images = [i if i.width <= width else i.resize((width, round(i.height * width / i.width)), Image.LANCZOS)
              for i in images]
    gap = 16
    canvas = Image.new("RGB", (width, sum(i.height for i in images) + gap * (len(images) - 1)), "white")
    y = 0
    for k, img in enumerate(images):
        canvas.paste(img, (0, y))
        y += img.height
        if k < len(images) - 1:
            canvas.paste((200, 200, 200), (0, y + gap // 2 - 1, width, y + gap // 2 + 1))
            y += gap
    # A palette keeps the PNG small; a spreadsheet printout has few colours anyway.
    canvas.convert("P", palette=Image.ADAPTIVE, colors=64).save(out, optimize=True)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="also keep the annotated copy, render copy, PDF and pages here")
    parser.add_argument("-o", "--output", type=Path, default=PICTURE)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="evalbook-picture-") as tmp:
        folder = Path(tmp)
        annotated = annotate_example(folder)
        pdf = to_pdf(render_copy(annotated, folder / "render.xlsx"), folder)
        pages = to_pages(pdf, folder)
        if len(pages) != len(PAGES):  # one page a sheet
            sys.exit(f"expected 2 printed pages, LibreOffice printed {len(pages)}")
        compose(pages, args.output)
        if args.keep:
            shutil.copytree(folder, args.keep, dirs_exist_ok=True, ignore=shutil.ignore_patterns("profile"))
    print(f"{args.output}: {Image.open(args.output).size[0]}×{Image.open(args.output).size[1]} px, "
          f"{args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
