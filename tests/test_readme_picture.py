"""The README shows the annotated example as a picture (issue 10): the picture it names is in
the repository, is a PNG of the size the README can carry, and has alt text; the script that
regenerates it is where docs/README.md says."""

import re
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _pictures():
    return re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", README)


def test_readme_shows_the_annotated_picture_with_alt_text():
    pictures = dict((path, alt) for alt, path in _pictures())
    assert "docs/annotated.png" in pictures
    alt = pictures["docs/annotated.png"]
    assert "校验结果" in alt and "批注" in alt  # says what the picture shows, for those who cannot see it


def test_every_picture_the_readme_names_exists():
    for _, path in _pictures():
        assert (ROOT / path).is_file(), path


def test_the_picture_is_a_small_png_about_1200_px_wide():
    path = ROOT / "docs" / "annotated.png"
    assert path.stat().st_size < 400 * 1024
    with Image.open(path) as img:
        assert img.format == "PNG"
        assert 1000 <= img.width <= 1400
        assert img.height > img.width / 2  # the sheets stacked, not one strip


def test_the_script_that_regenerates_it_is_documented():
    assert (ROOT / "docs" / "render_picture.py").is_file()
    index = (ROOT / "docs" / "README.md").read_text("utf-8")
    assert "python docs/render_picture.py" in index
    for name in ("rules.md", "workbook.md", "profiles.md", "annotated.png"):
        assert f"]({name})" in index, name
        assert (ROOT / "docs" / name).is_file(), name
