"""Finding the workbooks of a batch in the files and folders given, and naming their
annotated copies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ANNOTATED_SUFFIXES = (".checked.xlsx", ".checked.xlsm")


def find_workbooks(inputs: Iterable, annotate_to=None) -> list[tuple[str, str]]:
    """(path, name) of every workbook to check, in a stable order.

    A named file is taken as it is (the guard judges it, so a PDF named on the command line is
    reported, not skipped). A folder is searched recursively for .xlsx/.xlsm/.xls, sorted, and
    without hidden files and Excel's `~$` lock files, which are never forms. Annotated copies a
    previous run wrote into the --annotate-to folder are skipped too, or every rerun would check
    its own output. A file reached twice is checked once.
    """
    return find(inputs, annotate_to)


def find(inputs: Iterable, annotate_to=None, skip: Path | None = None) -> list[tuple[str, str]]:
    """find_workbooks, leaving out the file that resolves to *skip* (the summary being written)."""
    out_dir = resolved(annotate_to) if annotate_to is not None else None
    seen: set[Path] = set() if skip is None else {skip}
    found: list[tuple[str, str]] = []

    def add(path: str, name: str, key: Path) -> None:
        if key not in seen:
            seen.add(key)
            found.append((path, name))

    for given in inputs:
        given = os.fspath(given)
        if not os.path.isdir(given):
            add(given, os.path.basename(given.rstrip("/\\")) or given, resolved(given))
            continue
        folder = resolved(given)
        for rel, link in _walk(given):
            path = os.path.join(given, rel)
            # Below a resolved folder, through folders that are not links (the walk does not
            # enter those), only a file that is itself a link resolves elsewhere: one stat per
            # link instead of one per folder level per file.
            key = resolved(path) if link else folder / rel
            if out_dir is not None and rel.lower().endswith(ANNOTATED_SUFFIXES) and key.is_relative_to(out_dir):
                continue
            add(path, rel, key)
    return found


def _walk(folder: str) -> list[tuple[str, bool]]:
    """(path inside *folder*, whether it is a symbolic link) of each workbook below it, sorted."""
    found: list[tuple[tuple[str, ...], bool]] = []

    def visit(parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(os.path.join(folder, *parts)) as entries:
                entries = list(entries)
        except OSError:  # a folder that cannot be read is passed over, as os.walk does
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                # A linked folder is not entered: a link loop cannot make the batch endless.
                try:
                    link = entry.is_symlink()
                except OSError:
                    link = False
                if not link:
                    visit((*parts, name))
            elif not name.startswith("~$") and name.lower().endswith(WORKBOOK_SUFFIXES):
                try:
                    link = entry.is_symlink()
                except OSError:
                    link = True  # resolved the slow way, whatever it is
                found.append(((*parts, name), link))

    visit(())
    found.sort(key=lambda f: f[0])
    return [(os.path.join(*parts), link) for parts, link in found]


def resolved(path) -> Path:
    return Path(os.path.abspath(os.fspath(path))).resolve()


def unique_names(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Two files named the same (a.xlsx from two folders) must not share an annotated copy."""
    taken: set[str] = set()
    out = []
    for path, name in found:
        stem, suffix = os.path.splitext(name)
        candidate, n = name, 1
        # case-insensitive: the copies may land on a Windows or macOS file system
        while candidate.lower() in taken:
            n += 1
            candidate = f"{stem} ({n}){suffix}"
        taken.add(candidate.lower())
        out.append((path, candidate))
    return out


def annotated_name(name: str) -> str:
    """`sub/项目.xlsx` → `sub/项目.checked.xlsx`; a macro workbook keeps its .xlsm."""
    stem, suffix = os.path.splitext(name)
    return stem + (".checked.xlsm" if suffix.lower() == ".xlsm" else ".checked.xlsx")
