"""Finding the workbooks of a batch in the files and folders given, and naming their
annotated copies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from evalbook.files.door import is_lock_file, lock_note, lock_target

# A WPS .et is read by its content (an xlsx or xls inside); so is an .xls a web system
# exported as an HTML table or Excel 2003 XML (files/door.py).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")
# Word 自评报告: checked on their own, or paired with the workbook of their project (pair.py).
REPORT_SUFFIXES = (".docx", ".doc")
FORM_SUFFIXES = WORKBOOK_SUFFIXES + REPORT_SUFFIXES
ANNOTATED_SUFFIXES = (".checked.xlsx", ".checked.xlsm")


def find_workbooks(inputs: Iterable, annotate_to=None) -> list[tuple[str, str]]:
    """(path, name) of every workbook to check, in a stable order.

    A named file is taken as it is (the guard judges it, so a PDF named on the command line is
    reported, not skipped). A folder is searched recursively for workbooks (.xlsx/.xlsm/.xls/.et)
    and Word reports (.docx/.doc), sorted, and without hidden files and lock files (Excel/WPS's
    `~$`, LibreOffice's `.~lock.…#`), which are never forms. Annotated copies a
    previous run wrote into the --annotate-to folder are skipped too, or every rerun would check
    its own output. A file reached twice is checked once.
    """
    return find(inputs, annotate_to)


# Why a file met in a folder is not a row (the 统计 sheet and the terminal count them).
SKIP_REASONS = ("summary", "copies", "lock", "hidden", "other", "twice", "linked_folder", "unreadable_folder")


class Skipped(dict):
    """reason → the paths skipped for it, in the order met."""

    def add(self, reason: str, path: str) -> None:
        self.setdefault(reason, []).append(path)

    def counts(self) -> dict[str, int]:
        return {r: len(self[r]) for r in SKIP_REASONS if self.get(r)}


def find(inputs: Iterable, annotate_to=None, skip: Path | None = None,
         skipped: Skipped | None = None) -> list[tuple[str, str]]:
    """find_workbooks, leaving out the file that resolves to *skip* (the summary being written)
    and the copies this run's --annotate-to writes; what is passed over is noted in *skipped*."""
    skipped = Skipped() if skipped is None else skipped
    out_dir = resolved(annotate_to) if annotate_to is not None else None
    seen: set[Path] = set()
    found: list[tuple[str, str, Path]] = []

    def add(path: str, name: str, key: Path, in_folder: bool) -> None:
        if skip is not None and key == skip:
            skipped.add("summary", path)
        elif key in seen:
            if in_folder:
                skipped.add("twice", path)
        else:
            seen.add(key)
            found.append((path, name, key))

    folders = set()
    for given in inputs:
        given = os.fspath(given)
        if not os.path.isdir(given):
            add(given, os.path.basename(given.rstrip("/\\")) or given, resolved(given), False)
            continue
        folder = resolved(given)
        folders.add(folder)
        for rel, link in _walk(given, skipped):
            path = os.path.join(given, rel)
            # Below a resolved folder, through folders that are not links (the walk does not
            # enter those), only a file that is itself a link resolves elsewhere: one stat per
            # link instead of one per folder level per file.
            key = resolved(path) if link else folder / rel
            add(path, rel, key, True)
    if out_dir is None:
        return [(p, n) for p, n, _ in found]
    # The copies this run writes (each file's, mirrored under --annotate-to) are its output,
    # wherever that folder is; so is every annotated copy in a copies folder of its own. An
    # X.checked.xlsx a unit submitted, which no file of this run writes, is a form like any other.
    named = unique_names([(p, n) for p, n, _ in found])
    # A Word report gets no annotated copy: it names no target.
    targets = {resolved(out_dir / annotated_name(n)) for _, n in named if not is_report(n)}
    # A copies folder of its own: neither an input folder nor one above it.
    own_folder = not any(f.is_relative_to(out_dir) for f in folders)
    kept = []
    for (path, name), (_, _, key) in zip(named, found):
        if key in targets or (own_folder and name.lower().endswith(ANNOTATED_SUFFIXES)
                              and key.is_relative_to(out_dir)):
            skipped.add("copies", path)
        else:
            kept.append((path, name))
    return kept


def _walk(folder: str, skipped: Skipped) -> list[tuple[str, bool]]:
    """(path inside *folder*, whether it is a symbolic link) of each workbook below it, sorted."""
    found: list[tuple[tuple[str, ...], bool]] = []

    def visit(parts: tuple[str, ...]) -> None:
        where = os.path.join(folder, *parts)
        try:
            with os.scandir(where) as entries:
                entries = list(entries)
        except OSError:  # a folder that cannot be read is passed over, and counted
            if parts:
                skipped.add("unreadable_folder", where)
            return
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if name.startswith("."):
                    continue  # .git, .venv …: not a place for forms, and not counted
                # A linked folder is not entered: a link loop cannot make the batch endless.
                try:
                    link = entry.is_symlink()
                except OSError:
                    link = False
                if link:
                    skipped.add("linked_folder", os.path.join(where, name))
                else:
                    visit((*parts, name))
                continue
            path = os.path.join(where, name)
            if is_lock_file(name):
                skipped.add("lock", path)  # Excel/WPS's ~$x.xlsx, LibreOffice's .~lock.x.xlsx#
            elif name.startswith("."):
                if name.lower().endswith(FORM_SUFFIXES):
                    skipped.add("hidden", path)
            elif not name.lower().endswith(FORM_SUFFIXES):
                skipped.add("other", path)
            else:
                try:
                    link = entry.is_symlink()
                except OSError:
                    link = True  # resolved the slow way, whatever it is
                found.append(((*parts, name), link))

    visit(())
    found.sort(key=lambda f: f[0])
    return [(os.path.join(*parts), link) for parts, link in found]


def locked_name(lock_path: str) -> str | None:
    """The form a lock file stands for (the door's lock_target: ~$项目.xlsx → 项目.xlsx;
    .~lock.项目.xlsx# → 项目.xlsx), when it is a kind batch reads; else None."""
    name = lock_target(lock_path)
    return name if name is not None and name.lower().endswith(FORM_SUFFIXES) else None


def lock_notes(skipped: Skipped, lang: str) -> list[str]:
    """The spec's line ("name.xlsx 正在 Excel/WPS 中打开：检查的是上次保存的内容", the door's
    lock_note) for each lock file skipped whose form stands beside it: a lock file left behind
    by a crash, without its form, says nothing was checked and gets no line (it is counted)."""
    notes = []
    for path in skipped.get("lock", []):
        name = locked_name(path)
        if name and os.path.isfile(os.path.join(os.path.dirname(path), name)):
            notes.append(lock_note(path, lang))
    return notes


def is_report(name: str) -> bool:
    """Whether a file batch found is a Word report, by its name (.docx, .doc)."""
    return name.lower().endswith(REPORT_SUFFIXES)


def resolved(path) -> Path:
    """The path with every link followed; a link loop (a.xlsx → b.xlsx → a.xlsx) stays as it
    is, so that it becomes a row ("too many levels of symbolic links"), not an abort."""
    absolute = Path(os.path.abspath(os.fspath(path)))
    try:
        return absolute.resolve()
    except (RuntimeError, OSError):
        return absolute


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
