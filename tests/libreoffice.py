"""LibreOffice headless as an independent calculator for tests.

openpyxl never computes formulas, so a test that wants to know what Excel would show asks
LibreOffice: it opens each workbook, recalculates every formula and saves an .xlsx whose cached
values openpyxl (data_only=True) can read back.

LibreOffice keeps the cached values of an .xlsx by default ("never recalculate" for files that
claim to come from Excel, as openpyxl's and xlsxwriter's do), which would make it echo whatever
the file already says. So the session uses ONE private profile whose
registrymodifications.xcu sets OOXMLRecalcMode and ODFRecalcMode to 0 (always recalculate),
passed with -env:UserInstallation; that also keeps it away from any LibreOffice the developer
has open. Each soffice start costs about a second, so files are converted in batches.

Intended use, through the session fixture ``libreoffice`` in conftest.py:

    @pytest.fixture(scope="module")
    def recalculated(libreoffice, tmp_path_factory):
        folder = tmp_path_factory.mktemp("mine")
        books = [build_a(folder / "a.xlsx"), build_b(folder / "b.xlsx")]
        return libreoffice.recalculate(books)        # one soffice call for the whole module

    def test_total(recalculated, ...):
        values = read_values(recalculated[path_of_a])  # {"Sheet": {"B5": 94.47, ...}}
        # or simply: libreoffice.values(path_of_a)

Files may also be handed over early with ``libreoffice.register(path)``; the next
``recalculate``/``values`` call converts everything registered so far in that same call.
Results are cached per file content (path, size, mtime), so asking twice costs nothing.

When soffice is missing the fixture skips, unless CI is set: then it fails, because CI must run
these tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import openpyxl

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
</oor:items>
"""

ALWAYS_RECALCULATE = 0
NEVER_RECALCULATE = 1  # LibreOffice's own default for OOXML: only to show why the profile matters


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def ci_is_set() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def read_values(path: Path) -> dict[str, dict[str, object]]:
    """Every non-empty cell's cached value: sheet title → {"A1": value}."""
    wb = openpyxl.load_workbook(path, data_only=True)
    try:
        return {
            ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
            for ws in wb.worksheets
        }
    finally:
        wb.close()


class LibreOffice:
    """One private profile; each ``recalculate`` call is at most one soffice start."""

    def __init__(self, soffice: str, workdir: Path, recalc_mode: int = ALWAYS_RECALCULATE):
        self.soffice = soffice
        self.workdir = Path(workdir)
        profile = self.workdir / "profile"
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE.format(mode=recalc_mode), encoding="utf-8")
        self.profile_url = profile.resolve().as_uri()
        self.calls = 0  # soffice starts so far, so tests can pin the batching
        self._pending: list[Path] = []
        self._done: dict[tuple, Path] = {}

    def register(self, *paths: Path) -> None:
        self._pending.extend(Path(p) for p in paths)

    def recalculate(self, paths: Iterable[Path] = ()) -> dict[Path, Path]:
        """Recalculated .xlsx copies of *paths* (and of everything registered), as {input: output}."""
        wanted = [Path(p) for p in paths]
        todo = {}
        for p in self._pending + wanted:
            key = _key(p)
            if key not in self._done:
                todo[key] = p
        self._pending.clear()
        if todo:
            self._convert(todo)
        return {p: self._done[_key(p)] for p in wanted}

    def values(self, path: Path) -> dict[str, dict[str, object]]:
        return read_values(self.recalculate([path])[Path(path)])

    def _convert(self, todo: dict[tuple, Path]) -> None:
        self.calls += 1
        batch = self.workdir / f"call{self.calls}"
        inbox, outbox = batch / "in", batch / "out"
        inbox.mkdir(parents=True)
        outbox.mkdir()
        # Copies with plain unique names: inputs from different folders may share a stem
        # (outputs are named after it), and the copy pins the content the cache key describes.
        staged = {}
        for i, (key, path) in enumerate(todo.items()):
            copy = inbox / f"in{i}{path.suffix}"
            shutil.copyfile(path, copy)
            staged[key] = copy
        command = [
            self.soffice, f"-env:UserInstallation={self.profile_url}", "--headless", "--norestore",
            "--convert-to", "xlsx", "--outdir", str(outbox), *map(str, staged.values()),
        ]
        env = dict(os.environ, HOME=os.environ.get("HOME") or str(self.workdir))
        done = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
            timeout=120 + 10 * len(staged),
        )
        for key, copy in staged.items():
            out = outbox / (copy.stem + ".xlsx")
            if not out.is_file():
                raise RuntimeError(
                    f"LibreOffice did not convert {todo[key]} (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
                )
            self._done[key] = out


def _key(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)
