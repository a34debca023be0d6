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
from evalbook.batch.find import Skipped, annotated_name, find, is_report, resolved, unique_names
from evalbook.batch.one_file import FileResult, Task
from evalbook.batch.pair import pairs
from evalbook.batch.pool import Limits, run_tasks
from evalbook.batch.summary import Summary, import_writer
from evalbook.batch.texts import batch_text
from evalbook.errors import InputError
from evalbook.files.atomic import atomic_write


class BatchResults(list):
    """The FileResults of a batch, one per file listed, in the order found; *skipped*: what
    was passed over and why (find.Skipped: reason → paths)."""

    def __init__(self, results=(), skipped: Skipped | None = None):
        super().__init__(results)
        self.skipped = Skipped() if skipped is None else skipped


def run_batch(inputs, summary=None, jobs: int | None = None, annotate_to=None, profile=None,
              lang: str = "zh", select=None, ignore=None,
              progress: Callable[[int, int, FileResult | None], None] | None = None,
              allow_loss: bool = False, year: int | None = None, force: bool = False,
              timeout: float | None = 60.0, memory_mb: float | None = 2048.0,
              display_names: dict | None = None) -> BatchResults:
    """Check every workbook in *inputs* (files and folders) and write the summary workbook.

    Returns one FileResult per file in the order found (a list with `.skipped`). *jobs* files
    are checked at once, each in a worker process (default: the number of cores). *timeout*
    seconds and *memory_mb* MiB bound each file (None: unbounded); past them it is a row
    "超时" / "内存超限". *annotate_to*: a folder for annotated copies, mirroring each file's
    path inside its folder. *progress(done, total, result)* is called once with result None
    when the files are known, then once per finished file. *summary* None writes no summary
    (JSON Lines only); an existing summary is replaced only with *force*. Raises InputError,
    before any file is checked, when the summary or the annotation folder cannot be written or
    nothing was found. *display_names* {path given: name}: the summary names those files by
    *name* (text and link tooltips only; their links go to *name* beside the summary, never to
    the path): for callers whose inputs are copies under other names (the web page's uploads).
    """
    prof = load_profile(profile)  # a Profile passes through
    inputs = [os.fspath(i) for i in inputs]
    if summary is not None:
        summary = Path(summary)
    skipped = Skipped()
    found = find(inputs, annotate_to, skip=resolved(summary) if summary is not None else None, skipped=skipped)
    if not found:
        raise InputError("batch_empty", paths="、".join(inputs) if lang == "zh" else ", ".join(inputs))
    if summary is not None:
        _check_summary_target(summary, inputs, force)
    found = unique_names(found)
    tasks = _tasks(found, prof, lang, select, ignore, annotate_to, allow_loss, year)
    limits = Limits(timeout, memory_mb)
    rows = Summary(summary, lang, display_names) if summary is not None else None
    if rows is None:
        results = run_tasks(tasks, jobs, progress, limits=limits)
    else:
        # The summary's writer is imported, and its rows made, while the workers check.
        results = run_tasks(tasks, jobs, progress, prepare=import_writer, on_result=rows.add, limits=limits)
    results = pair_reports(results, tasks, jobs, limits, rows)
    listed = BatchResults(skipped=skipped)
    for res in results:
        if res is None:  # a report paired with its workbook: named in that workbook's row
            continue
        if res.skip:  # an earlier evalbook summary, known by its content
            skipped.add(res.skip, res.path)
        else:
            listed.append(res)
    mark_duplicates(listed)
    if rows is not None:
        rows.write(skipped)
    return listed


def pair_reports(results: list[FileResult], tasks: list[Task], jobs, limits: Limits,
                 rows: Summary | None) -> list[FileResult | None]:
    """Each Word report paired with the workbook of its project in its folder (pair.py): the
    workbook is checked again with it, its row names the report, and the report's own row
    (None in the list returned) goes. A report left alone because several files matched says so."""
    from dataclasses import replace

    found, ambiguous = pairs(results)
    results = list(results)
    for r, others in ambiguous.items():
        res = results[r]
        res.note = _joined(res.note, batch_text("batch.pair_ambiguous", tasks[r].lang, files="、".join(
            os.path.basename(results[o].path) for o in others)))
        if rows is not None:
            rows.add(r, res)
    if not found:
        return results
    again = [replace(tasks[b], out=None, note=None, report=tasks[r].path) for r, b in found]
    for (r, b), res in zip(found, run_tasks(again, jobs, None, limits=limits)):
        first = results[b]
        if res.broken:  # the report could not be held against it: both keep their own rows
            results[r].note = _joined(results[r].note, batch_text(
                "batch.pair_failed", tasks[r].lang, file=os.path.basename(first.path), detail=res.error))
            if rows is not None:
                rows.add(r, results[r])
            continue
        res.annotated, res.note, res.report_path = first.annotated, first.note, results[r].path
        results[b], results[r] = res, None
        if rows is not None:
            rows.add(b, res)
            rows.drop(r)
    return results


def _joined(note: str | None, more: str) -> str:
    return more if not note else f"{note}；{more}"


def mark_duplicates(results: list[FileResult]) -> None:
    """Files with the same indicator table and funds (FileResult.fingerprint) name each other;
    a Word report only other reports (a report carries its workbook's tables, and is no
    second submission of it)."""
    groups: dict[tuple, list[FileResult]] = {}
    for res in results:
        if res.fingerprint is not None and not res.broken:
            groups.setdefault((res.document, res.fingerprint), []).append(res)
    for group in groups.values():
        if len(group) > 1:
            for res in group:
                res.duplicates = [other.path for other in group if other is not res]


def _tasks(found, prof, lang, select, ignore, annotate_to, allow_loss, year) -> list[Task]:
    common = {"profile": prof, "lang": lang, "allow_loss": allow_loss, "year": year,
              "select": tuple(select) if select else None, "ignore": tuple(ignore) if ignore else None}
    if annotate_to is None:
        return [Task(p, n, **common) for p, n in found]
    out_dir = Path(annotate_to)
    inputs = {resolved(p) for p, _ in found}
    tasks = []
    for path, name in found:
        if is_report(name):  # a Word report: checked, not annotated (annotate writes workbooks)
            tasks.append(Task(path, name, **common))
            continue
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


def _check_summary_target(summary: Path, inputs: list[str], force: bool) -> None:
    """Refuse a summary that cannot be written before spending an hour on the files."""
    if summary.suffix.lower() != ".xlsx":
        raise InputError("batch_summary_suffix", path=summary)
    if any(not os.path.isdir(i) and os.path.exists(i) and resolved(i) == resolved(summary) for i in inputs):
        raise InputError("batch_summary_is_input", path=summary)
    if not force and os.path.lexists(summary):
        raise InputError("batch_summary_exists", path=summary)
    # The same temporary file the real write uses, so the same reasons come back; raising
    # inside leaves any existing summary untouched.
    try:
        with atomic_write(summary):
            raise _Probe
    except _Probe:
        pass


def skipped_lines(skipped: Skipped, lang: str) -> list[str]:
    """The terminal's account of what was not listed: one line of counts by reason, then the
    spec's line for each workbook whose lock file says it is open in Excel/WPS."""
    from evalbook.batch.find import lock_notes

    counts = skipped.counts()
    if not counts:
        return []
    sep = "，" if lang == "zh" else ", "
    reasons = sep.join(batch_text("batch.skipped_reason", lang, reason=batch_text(f"batch.skip.{r}", lang), n=n)
                       for r, n in counts.items())
    lines = [batch_text("batch.skipped", lang, count=sum(counts.values()), reasons=reasons)]
    return lines + lock_notes(skipped, lang)
