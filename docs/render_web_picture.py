"""Regenerate docs/web.png, the README's picture of the page after checking a workbook.

    python docs/render_web_picture.py

Starts `evalbook serve` on a free local port, opens the page in headless Chromium
(/usr/bin/chromium through Playwright; fonts-noto-cjk for the Chinese), drops
examples/smart_city.xlsx on it with the file chooser, and takes a picture of the page down to
the first findings of the 指标 sheet. The PNG is committed; CI does not run this script.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from web_server import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

PICTURE = ROOT / "docs" / "web.png"


def main() -> None:
    from playwright.sync_api import sync_playwright

    server = Server()
    try:
        with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": 1100, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.goto(server.url + "/")
            page.set_input_files("#files", str(ROOT / "examples" / "smart_city.xlsx"))
            page.wait_for_selector('tr.finding[data-code="C101"]', timeout=60_000)
            page.screenshot(path=str(PICTURE), clip={"x": 0, "y": 0, "width": 1100, "height": 900})
            context.close()
    finally:
        server.stop()
    print(PICTURE)


if __name__ == "__main__":
    main()
