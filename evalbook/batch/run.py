"""Many workbooks, one summary: `evalbook batch` (spec: cli.md; issue 8).

A finance bureau receives hundreds of forms, and some of them are junk: an empty download, a
PDF renamed .xlsx, a form whose reader trips over something new. Each file is therefore judged
on its own (one_file.py), by this process and jobs - 1 workers taking the next file in turn
(pool.py); a file that cannot be read becomes a row that says why, and so does a file whose
worker died; neither ends the batch. run_batch ties it together: the files found (find.py),
a task for each, and the summary workbook (summary.py), whose rows are made as results arrive.

The results come back in the order the files were found, whatever order the workers finish
in, so that `--jobs 2` writes the same summary and the same JSON Lines as `--jobs 1`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from evalbook.profiles import load as load_profile
from evalbook.batch.find import annotated_name, find, resolved, unique_names
from evalbook.batch.one_file import FileResult, Task
from evalbook.batch.pool import run_tasks
from evalbook.batch.summary import Summary, import_writer
from evalbook.batch.texts import batch_text
from evalbook.errors import InputError
from evalbook.files.atomic import atomic_write


def run_batch(inputs, summary=None, jobs: int | None = None, annotate_to=None, profile=None,
              lang: str = "zh", select=None, ignore=None,
              progress: Callable[[int, int, FileResult | None], None] | None = None,
              allow_loss: bool = False, year: int | None = None) -> list[FileResult]:
    """Check every workbook in *inputs* (files and folders) and write the summary workbook.

    Returns one FileResult per file in the order found. *jobs* files are checked at once, by
    this process and jobs - 1 workers (default: the number of cores; 1: no workers). *annotate_to*: a folder for annotated copies,
    mirroring each file's path inside its folder. *progress(done, total, result)* is called once
    with result None when the files are known, then once per finished file.
    *summary* None writes no summary (JSON Lines only). Raises InputError, before any file is
    checked, when the summary or the annotation folder cannot be written or nothing was found.
    """
    prof = load_profile(profile)  # a Profile passes through
    inputs = [os.fspath(i) for i in inputs]
    if summary is not None:
        summary = Path(summary)
    found = find(inputs, annotate_to, skip=resolved(summary) if summary is not None else None)
    if not found:
        raise InputError("batch_empty", paths="、".join(inputs) if lang == "zh" else ", ".join(inputs))
    if summary is not None:
        _check_summary_target(summary, inputs)
    found = unique_names(found)
    tasks = _tasks(found, prof, lang, select, ignore, annotate_to, allow_loss, year)
    if summary is None:
        return run_tasks(tasks, jobs, progress)
    rows = Summary(summary, lang)
    # The summary's writer is imported, and its rows made, while the workers check.
    results = run_tasks(tasks, jobs, progress, prepare=import_writer, on_result=rows.add)
    rows.write()
    return results


def _tasks(found, prof, lang, select, ignore, annotate_to, allow_loss, year) -> list[Task]:
    common = {"profile": prof, "lang": lang, "allow_loss": allow_loss, "year": year,
              "select": tuple(select) if select else None, "ignore": tuple(ignore) if ignore else None}
    if annotate_to is None:
        return [Task(p, n, **common) for p, n in found]
    out_dir = Path(annotate_to)
    inputs = {resolved(p) for p, _ in found}
    tasks = []
    for path, name in found:
        out = out_dir / annotated_name(name)
        _make_folder(out.parent)
        if resolved(out) in inputs:
            tasks.append(Task(path, name, **common,
                              note=batch_text("batch.would_overwrite", lang, path=str(out))))
        else:
            tasks.append(Task(path, name, **common, out=str(out)))
    return tasks


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise InputError("output_folder_missing", path=folder) from exc
    except OSError as exc:
        raise InputError("output_not_writable", path=folder) from exc


class _Probe(Exception):
    pass


def _check_summary_target(summary: Path, inputs: list[str]) -> None:
    """Refuse a summary that cannot be written before spending an hour on the files."""
    if summary.suffix.lower() != ".xlsx":
        raise InputError("batch_summary_suffix", path=summary)
    if any(not os.path.isdir(i) and os.path.exists(i) and resolved(i) == resolved(summary) for i in inputs):
        raise InputError("batch_summary_is_input", path=summary)
    # The same temporary file the real write uses, so the same reasons come back; raising
    # inside leaves any existing summary untouched.
    try:
        with atomic_write(summary):
            raise _Probe
    except _Probe:
        pass
