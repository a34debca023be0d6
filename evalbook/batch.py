"""Many workbooks, one summary: `evalbook batch` (spec: cli.md; issue 8).

A finance bureau receives hundreds of forms, and some of them are junk: an empty download, a
PDF renamed .xlsx, a form whose reader trips over something new. Each file is therefore judged
on its own, in a worker process when there is more than one job, and what a worker sends back
is plain data (the report's JSON and a few project facts), never the model. A file that cannot
be read becomes a row that says why; it never ends the batch.

The results come back in the order the files were found, whatever order the workers finish
in, so that `--jobs 2` writes the same summary and the same JSON Lines as `--jobs 1`.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from . import profiles
from .atomic import atomic_write
from .errors import InputError
from .messages import message_text, title_text

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ANNOTATED_SUFFIXES = (".checked.xlsx", ".checked.xlsm")

# Worst first: what could not be read, then errors, then warnings, then clean files.
_BROKEN = ("unreadable", "internal")


@dataclass
class FileResult:
    """One file of the batch: how it went, its report's JSON, and the facts a summary row shows."""

    path: str  # as found: the folder as given joined with the path inside it
    name: str  # its path inside its folder (or its file name): where its annotated copy goes
    status: str  # "ok", "warnings", "errors", "unreadable" or "internal"
    report: dict | None = None  # the `check --format json` object; None when unreadable
    error: str | None = None  # one line: why it could not be read
    note: str | None = None  # one line: why there is no annotated copy
    project: str | None = None
    unit: str | None = None
    budget: float | None = None
    executed: float | None = None
    money_unit: str | None = None
    annotated: str | None = None  # the annotated copy, when one was written
    profile: str = ""

    @property
    def broken(self) -> bool:
        return self.status in _BROKEN

    @property
    def errors(self) -> int:
        return self.report["summary"]["errors"] if self.report else 0

    @property
    def warnings(self) -> int:
        return self.report["summary"]["warnings"] if self.report else 0

    @property
    def findings(self) -> list[dict]:
        return self.report["findings"] if self.report else []

    def to_json(self) -> dict:
        """The `check --format json` object; an unreadable file gets the same shape plus `error`."""
        if self.report is not None:
            return self.report
        return {
            "file": self.path,
            "profile": self.profile,
            "ok": False,
            "error": self.error,
            "summary": {"errors": 0, "warnings": 0, "computed_total": None, "claimed_total": None,
                        "grade": None, "budget_rate": None},
            "findings": [],
        }


def worst_first(r: FileResult):
    return (0 if r.broken else 1, -r.errors, -r.warnings, r.path)


# ---- finding the files

def find_workbooks(inputs: Iterable, annotate_to=None) -> list[tuple[str, str]]:
    """(path, name) of every workbook to check, in a stable order.

    A named file is taken as it is (the guard judges it, so a PDF named on the command line is
    reported, not skipped). A folder is searched recursively for .xlsx/.xlsm/.xls, sorted, and
    without hidden files and Excel's `~$` lock files, which are never forms. Annotated copies a
    previous run wrote into the --annotate-to folder are skipped too, or every rerun would check
    its own output. A file reached twice is checked once.
    """
    out_dir = _resolved(annotate_to) if annotate_to is not None else None
    seen: set[Path] = set()
    found: list[tuple[str, str]] = []

    def add(path: str, name: str) -> None:
        key = _resolved(path)
        if key not in seen:
            seen.add(key)
            found.append((path, name))

    for given in inputs:
        given = os.fspath(given)
        if not os.path.isdir(given):
            add(given, os.path.basename(given.rstrip("/\\")) or given)
            continue
        for rel in _walk(given):
            path = os.path.join(given, rel)
            if out_dir is not None and rel.lower().endswith(ANNOTATED_SUFFIXES) and _inside(path, out_dir):
                continue
            add(path, rel)
    return found


def _walk(folder: str) -> list[str]:
    rels = []
    # os.walk does not follow symlinked folders: a link loop cannot make the batch endless.
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if f.startswith((".", "~$")) or not f.lower().endswith(WORKBOOK_SUFFIXES):
                continue
            rels.append(os.path.relpath(os.path.join(root, f), folder))
    return sorted(rels, key=lambda r: Path(r).parts)


def _resolved(path) -> Path:
    return Path(os.path.abspath(os.fspath(path))).resolve()


def _inside(path, folder: Path) -> bool:
    return _resolved(path).is_relative_to(folder)


def _unique_names(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
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


# ---- one file (runs in a worker process)

@dataclass(frozen=True)
class _Task:
    path: str
    name: str
    profile: Any  # profiles.Profile: a frozen dataclass, pickles as it is
    lang: str = "zh"
    select: tuple | None = None
    ignore: tuple | None = None
    out: str | None = None  # where the annotated copy goes
    allow_loss: bool = False
    note: str | None = None  # decided before the run (the copy would overwrite an input)


def _work(task: _Task) -> dict:
    """Check one file and return plain data. Top-level, so a spawned worker can import it."""
    base = {"path": task.path, "name": task.name, "profile": task.profile.name}
    try:
        return {**base, **_check_one(task)}
    except InputError as err:
        return {**base, "status": "unreadable", "error": _line(err.message(task.lang))}
    except Exception as exc:  # noqa: BLE001 - a bug met in one file must not end the batch
        return {**base, **_internal(exc, task.lang)}


def _internal(exc: BaseException, lang: str) -> dict:
    # The type only: a traceback means nothing to the person reading the summary.
    return {"status": "internal", "error": message_text("batch.internal", lang, kind=type(exc).__name__)}


def _check_one(task: _Task) -> dict:
    from .engine import check

    select = list(task.select) if task.select else None
    ignore = list(task.ignore) if task.ignore else None
    report, annotated, note = None, None, task.note
    if task.out is not None:
        try:
            from .annotate import annotate

            report, written = annotate(task.path, out=task.out, profile=task.profile, lang=task.lang,
                                       select=select, ignore=ignore, allow_loss=task.allow_loss)
            annotated = str(written)
        except InputError as err:
            # Refused (parts would be lost) or unreadable: check says which, below.
            note = message_text("batch.not_annotated", task.lang, detail=_line(err.message(task.lang)))
        except Exception as exc:  # noqa: BLE001 - a failed copy must not hide the file's findings
            note = message_text("batch.not_annotated", task.lang, detail=_internal(exc, task.lang)["error"])
    if report is None:
        report = check(task.path, task.profile, task.lang, select, ignore)
    data = report.to_json()
    s = data["summary"]
    status = "errors" if s["errors"] else "warnings" if s["warnings"] else "ok"
    return {"status": status, "report": data, "note": note, "annotated": annotated, **_facts(report)}


def _facts(report) -> dict:
    wb, d = report.workbook, report.derived
    project = wb.project if wb is not None else None
    texts = project.texts if project is not None else {}
    return {
        "project": _text(texts.get("name")),
        "unit": _text(texts.get("unit")),
        "budget": _value(getattr(d, "budget", None)),
        "executed": _value(getattr(d, "executed", None)),
        "money_unit": project.money_unit if project is not None else None,
    }


def _text(f) -> str | None:
    if f is None or f.raw is None:
        return None
    s = str(f.raw).strip()
    return s or None


def _value(f) -> float | None:
    return None if f is None else f.value


def _line(text: str) -> str:
    return " ".join(text.split("\n"))


# ---- the batch

def run_batch(inputs, summary=None, jobs: int | None = None, annotate_to=None, profile=None,
              lang: str = "zh", select=None, ignore=None,
              progress: Callable[[int, int, FileResult | None], None] | None = None,
              allow_loss: bool = False) -> list[FileResult]:
    """Check every workbook in *inputs* (files and folders) and write the summary workbook.

    Returns one FileResult per file in the order found. *jobs* worker processes (default: the
    number of cores; 1 runs in this process). *annotate_to*: a folder for annotated copies,
    mirroring each file's path inside its folder. *progress(done, total, result)* is called once
    with result None when the files are known, then once per finished file.
    *summary* None writes no summary (JSON Lines only). Raises InputError, before any file is
    checked, when the summary or the annotation folder cannot be written or nothing was found.
    """
    prof = profile if isinstance(profile, profiles.Profile) else profiles.load(profile)
    inputs = [os.fspath(i) for i in inputs]
    found = find_workbooks(inputs, annotate_to)
    if summary is not None:
        summary = Path(summary)
        found = [(p, n) for p, n in found if _resolved(p) != _resolved(summary)]
    if not found:
        raise InputError("batch_empty", paths="、".join(inputs) if lang == "zh" else ", ".join(inputs))
    if summary is not None:
        _check_summary_target(summary, inputs)
    found = _unique_names(found)
    tasks = _tasks(found, prof, lang, select, ignore, annotate_to, allow_loss)
    results = _run(tasks, jobs, progress)
    if summary is not None:
        write_summary(results, summary, lang)
    return results


def _tasks(found, prof, lang, select, ignore, annotate_to, allow_loss) -> list[_Task]:
    common = {"profile": prof, "lang": lang, "allow_loss": allow_loss,
              "select": tuple(select) if select else None, "ignore": tuple(ignore) if ignore else None}
    if annotate_to is None:
        return [_Task(p, n, **common) for p, n in found]
    out_dir = Path(annotate_to)
    inputs = {_resolved(p) for p, _ in found}
    tasks = []
    for path, name in found:
        out = out_dir / annotated_name(name)
        _make_folder(out.parent)
        if _resolved(out) in inputs:
            tasks.append(_Task(path, name, **common,
                               note=message_text("batch.would_overwrite", lang, path=str(out))))
        else:
            tasks.append(_Task(path, name, **common, out=str(out)))
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
    if any(not os.path.isdir(i) and os.path.exists(i) and _resolved(i) == _resolved(summary) for i in inputs):
        raise InputError("batch_summary_is_input", path=summary)
    # The same temporary file the real write uses, so the same reasons come back; raising
    # inside leaves any existing summary untouched.
    try:
        with atomic_write(summary):
            raise _Probe
    except _Probe:
        pass


def _run(tasks: list[_Task], jobs: int | None, progress) -> list[FileResult]:
    jobs = min(jobs or os.cpu_count() or 1, len(tasks))
    results: list[FileResult | None] = [None] * len(tasks)
    finished = 0
    if progress is not None:
        progress(0, len(tasks), None)

    def done(i: int, data: dict) -> None:
        nonlocal finished
        results[i] = FileResult(**data)
        finished += 1
        if progress is not None:
            progress(finished, len(tasks), results[i])

    if jobs <= 1:
        for i, task in enumerate(tasks):
            done(i, _work(task))
        return results
    # spawn everywhere: the same start as on Windows and macOS, and no forked copy of whatever
    # threads the parent holds.
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = {pool.submit(_work, task): i for i, task in enumerate(tasks)}
        for fut in as_completed(futures):
            i = futures[fut]
            task = tasks[i]
            try:
                data = fut.result()
            except Exception as exc:  # noqa: BLE001 - the worker died (BrokenProcessPool, MemoryError)
                data = {"path": task.path, "name": task.name, "profile": task.profile.name,
                        **_internal(exc, task.lang)}
            done(i, data)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


# ---- the summary workbook

@dataclass(frozen=True)
class _Col:
    key: str
    width: float
    kind: str = "text"  # text, money, percent, score, count, number (as stated: a rate or a score)


SUMMARY_COLUMNS = (
    _Col("file", 40), _Col("project", 30), _Col("unit", 22), _Col("budget", 13, "money"),
    _Col("executed", 13, "money"), _Col("rate", 11, "percent"), _Col("claimed", 10, "score"),
    _Col("computed", 10, "score"), _Col("grade", 9), _Col("errors", 8, "count"),
    _Col("warnings", 8, "count"), _Col("status", 10), _Col("note", 50),
)
FINDINGS_COLUMNS = (
    _Col("file", 40), _Col("project", 30), _Col("code", 8), _Col("title", 30), _Col("severity", 8),
    _Col("sheet", 10), _Col("cell", 8), _Col("message", 70), _Col("stated", 10, "score"),
    _Col("expected", 10, "score"),
)

RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
AMBER = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}


def write_summary(results: list[FileResult], path, lang: str = "zh") -> Path:
    """Write the summary workbook to *path* atomically; returns the path.

    Sheet one: a row per file, worst first, with a link to the file (or its annotated copy),
    the project's figures as numbers, counts and status; red rows for errors and unreadable
    files, amber for warnings only, as conditional formatting so they follow later edits.
    Sheet two: one row per finding, a flat table for a pivot.
    """
    import xlsxwriter

    path = Path(path)
    rows = sorted(results, key=worst_first)
    with atomic_write(path) as tmp:
        # Text from the forms is written as text: a project name "=1+1" must not become a formula.
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                              "strings_to_numbers": False})
        fmt = _Formats(book)
        _summary_sheet(book, fmt, rows, path, lang)
        _findings_sheet(book, fmt, rows, lang)
        book.close()
    return path


class _Formats:
    def __init__(self, book):
        self.book = book
        self.header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                       "text_wrap": True, "valign": "vcenter"})
        self.link = book.get_default_url_format()
        self.text = book.add_format({})
        self.percent = book.add_format({"num_format": "0.00%"})
        self.score = book.add_format({"num_format": "0.00"})
        self.count = book.add_format({"num_format": "0"})
        self.red = book.add_format(RED)
        self.amber = book.add_format(AMBER)
        self._money: dict[str, Any] = {}

    def money(self, unit: str | None):
        # The unit lives in the number format: the cell stays a number, and a 元 form next to
        # 万元 forms cannot be misread.
        unit = unit or ""
        if unit not in self._money:
            suffix = f'" {unit}"' if unit else ""
            self._money[unit] = self.book.add_format({"num_format": f"#,##0.00{suffix}"})
        return self._money[unit]


def _header(ws, fmt: _Formats, columns, lang: str) -> None:
    for c, col in enumerate(columns):
        ws.write_string(0, c, message_text(f"batch.col.{col.key}", lang), fmt.header)
        ws.set_column(c, c, col.width)
    ws.freeze_panes(1, 0)


def _put(ws, row: int, col: int, value, cell_fmt=None) -> None:
    if value is None:
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(row, col, value, cell_fmt)
    else:
        ws.write_string(row, col, str(value), cell_fmt)


def _summary_sheet(book, fmt: _Formats, rows: list[FileResult], summary: Path, lang: str) -> None:
    ws = book.add_worksheet(message_text("batch.sheet.summary", lang))
    cols = SUMMARY_COLUMNS
    _header(ws, fmt, cols, lang)
    index = {c.key: i for i, c in enumerate(cols)}
    for r, res in enumerate(rows, start=1):
        s = res.report["summary"] if res.report else {}
        values = {
            "project": res.project, "unit": res.unit, "budget": res.budget, "executed": res.executed,
            "rate": s.get("budget_rate"), "claimed": s.get("claimed_total"),
            "computed": s.get("computed_total"), "grade": s.get("grade"),
            "errors": None if res.broken else res.errors, "warnings": None if res.broken else res.warnings,
            "status": message_text(f"batch.status.{res.status}", lang),
            "note": res.error or res.note,
        }
        formats = {"budget": fmt.money(res.money_unit), "executed": fmt.money(res.money_unit),
                   "rate": fmt.percent, "claimed": fmt.score, "computed": fmt.score,
                   "errors": fmt.count, "warnings": fmt.count}
        for key, value in values.items():
            _put(ws, r, index[key], value, formats.get(key))
        _file_link(ws, r, index["file"], res, summary, fmt, lang)
    last = max(len(rows), 1)
    ws.autofilter(0, 0, last, len(cols) - 1)
    if rows:
        _highlights(ws, fmt, len(rows), index, lang)


def _highlights(ws, fmt: _Formats, n: int, index: dict[str, int], lang: str) -> None:
    from xlsxwriter.utility import xl_col_to_name

    err = xl_col_to_name(index["errors"])
    warn = xl_col_to_name(index["warnings"])
    status = xl_col_to_name(index["status"])
    broken = ",".join(f'${status}2="{_quote(message_text(f"batch.status.{k}", lang))}"' for k in _BROKEN)
    area = (1, 0, n, len(SUMMARY_COLUMNS) - 1)
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=OR({broken},N(${err}2)>0)",
                                  "format": fmt.red, "stop_if_true": True})
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=AND(N(${err}2)=0,N(${warn}2)>0)",
                                  "format": fmt.amber})


def _quote(text: str) -> str:
    return text.replace('"', '""')


def _file_link(ws, row: int, col: int, res: FileResult, summary: Path, fmt: _Formats, lang: str) -> None:
    target = res.annotated or res.path
    tip = message_text("batch.link_annotated" if res.annotated else "batch.link_file", lang)
    url = "external:" + _link_target(target, summary)
    # Excel caps a link at 2079 characters; a longer path stays plain text.
    if len(url) > 2000 or ws.write_url(row, col, url, fmt.link, string=res.path, tip=tip) < 0:
        ws.write_string(row, col, res.path)


def _link_target(target: str, summary: Path) -> str:
    """The file relative to the summary's folder, so the links survive moving both together."""
    absolute = os.path.abspath(target)
    try:
        rel = os.path.relpath(absolute, os.path.abspath(summary.parent))
    except ValueError:  # another drive (Windows): only an absolute link reaches it
        rel = absolute
    return _escape(rel.replace(os.sep, "/"))


# xlsxwriter escapes a link only when it holds no %xx yet, and reads "#" as the start of a cell
# anchor; escaping everything here covers both (a file named "第#1期 100%.xlsx").
_URL_ESCAPES = {c: f"%{ord(c):02x}" for c in '% "<>[]^`{}#'}


def _escape(path: str) -> str:
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in path)


def _findings_sheet(book, fmt: _Formats, rows: list[FileResult], lang: str) -> None:
    ws = book.add_worksheet(message_text("batch.sheet.findings", lang))
    cols = FINDINGS_COLUMNS
    _header(ws, fmt, cols, lang)
    severity = {"error": message_text("text.error", lang), "warning": message_text("text.warning", lang)}
    r = 0
    for res in rows:
        for f in res.findings:
            r += 1
            values = (res.path, res.project, f["code"], _title(f["code"], lang),
                      severity.get(f["severity"], f["severity"]), f["sheet"], f["cell"], f["message"],
                      f["stated"], f["expected"])
            for c, value in enumerate(values):
                _put(ws, r, c, value)
    ws.autofilter(0, 0, max(r, 1), len(cols) - 1)


def _title(code: str, lang: str) -> str | None:
    try:
        return title_text(code, lang)
    except KeyError:
        return None
