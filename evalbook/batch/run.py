"""Many workbooks, one summary: `evalbook batch` (spec: cli.md; issue 8).

A finance bureau receives hundreds of forms, and some of them are junk: an empty download, a
PDF renamed .xlsx, a form whose reader trips over something new. Each file is therefore judged
on its own: with more than one job, by this process and jobs - 1 worker processes taking the
next file in turn, and what a worker sends back is plain data (the report's JSON and a few
project facts), never the model. A file that cannot be read becomes a row that says why, and
so does a file whose worker died; neither ends the batch.

The results come back in the order the files were found, whatever order the workers finish
in, so that `--jobs 2` writes the same summary and the same JSON Lines as `--jobs 1`.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from evalbook import profiles
from evalbook.files.atomic import atomic_write
from evalbook.errors import InputError
from evalbook.batch.texts import batch_text
from evalbook.report.text import report_text
from evalbook.rules import title_text

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
    return _find(inputs, annotate_to)


def _find(inputs: Iterable, annotate_to=None, skip: Path | None = None) -> list[tuple[str, str]]:
    """find_workbooks, leaving out the file that resolves to *skip* (the summary being written)."""
    out_dir = _resolved(annotate_to) if annotate_to is not None else None
    seen: set[Path] = set() if skip is None else {skip}
    found: list[tuple[str, str]] = []

    def add(path: str, name: str, key: Path) -> None:
        if key not in seen:
            seen.add(key)
            found.append((path, name))

    for given in inputs:
        given = os.fspath(given)
        if not os.path.isdir(given):
            add(given, os.path.basename(given.rstrip("/\\")) or given, _resolved(given))
            continue
        folder = _resolved(given)
        for rel, link in _walk(given):
            path = os.path.join(given, rel)
            # Below a resolved folder, through folders that are not links (the walk does not
            # enter those), only a file that is itself a link resolves elsewhere: one stat per
            # link instead of one per folder level per file.
            key = _resolved(path) if link else folder / rel
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


def _resolved(path) -> Path:
    return Path(os.path.abspath(os.fspath(path))).resolve()


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
    base = _identity(task)
    try:
        return {**base, **_check_one(task)}
    except InputError as err:
        return {**base, "status": "unreadable", "error": _line(err.message(task.lang))}
    except Exception as exc:  # noqa: BLE001 - a bug met in one file must not end the batch
        return {**base, **_internal(exc, task.lang)}


def _internal(exc: BaseException, lang: str) -> dict:
    # The type only: a traceback means nothing to the person reading the summary.
    return _internal_kind(type(exc).__name__, lang)


def _internal_kind(kind: str, lang: str) -> dict:
    return {"status": "internal", "error": batch_text("batch.internal", lang, kind=kind)}


def _check_one(task: _Task) -> dict:
    from evalbook.pipeline import check

    select = list(task.select) if task.select else None
    ignore = list(task.ignore) if task.ignore else None
    report, annotated, note = None, None, task.note
    if task.out is not None:
        try:
            from evalbook.annotation import annotate

            report, written = annotate(task.path, out=task.out, profile=task.profile, lang=task.lang,
                                       select=select, ignore=ignore, allow_loss=task.allow_loss)
            annotated = str(written)
        except InputError as err:
            # Refused (parts would be lost) or unreadable: check says which, below.
            note = batch_text("batch.not_annotated", task.lang, detail=_line(err.message(task.lang)))
        except Exception as exc:  # noqa: BLE001 - a failed copy must not hide the file's findings
            note = batch_text("batch.not_annotated", task.lang, detail=_internal(exc, task.lang)["error"])
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

    Returns one FileResult per file in the order found. *jobs* files are checked at once, by
    this process and jobs - 1 workers (default: the number of cores; 1: no workers). *annotate_to*: a folder for annotated copies,
    mirroring each file's path inside its folder. *progress(done, total, result)* is called once
    with result None when the files are known, then once per finished file.
    *summary* None writes no summary (JSON Lines only). Raises InputError, before any file is
    checked, when the summary or the annotation folder cannot be written or nothing was found.
    """
    prof = profile if isinstance(profile, profiles.Profile) else profiles.load(profile)
    inputs = [os.fspath(i) for i in inputs]
    if summary is not None:
        summary = Path(summary)
    found = _find(inputs, annotate_to, skip=_resolved(summary) if summary is not None else None)
    if not found:
        raise InputError("batch_empty", paths="、".join(inputs) if lang == "zh" else ", ".join(inputs))
    if summary is not None:
        _check_summary_target(summary, inputs)
    found = _unique_names(found)
    tasks = _tasks(found, prof, lang, select, ignore, annotate_to, allow_loss)
    if summary is None:
        return _run(tasks, jobs, progress)
    rows = _Summary(summary, lang)
    # The summary's writer is imported, and its rows made, while the workers check.
    results = _run(tasks, jobs, progress, prepare=_import_writer, on_result=rows.add)
    rows.write()
    return results


def _import_writer() -> None:
    import xlsxwriter  # noqa: F401
    import xlsxwriter.utility  # noqa: F401


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
                               note=batch_text("batch.would_overwrite", lang, path=str(out))))
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


def _run(tasks: list[_Task], jobs: int | None, progress, prepare: Callable[[], None] | None = None,
         on_result: Callable[[int, FileResult], None] | None = None) -> list[FileResult]:
    """Every task's result, in the tasks' order.

    *prepare* runs in this process while the workers check; on_result(i, result) is called
    here as each result arrives, in whatever order they finish.
    """
    jobs = min(jobs or os.cpu_count() or 1, len(tasks))
    results: list[FileResult | None] = [None] * len(tasks)
    finished = 0
    if progress is not None:
        progress(0, len(tasks), None)

    def done(i: int, data: dict) -> None:
        nonlocal finished
        results[i] = FileResult(**data)
        finished += 1
        if on_result is not None:
            on_result(i, results[i])
        if progress is not None:
            progress(finished, len(tasks), results[i])

    if jobs <= 1:
        if prepare is not None:
            prepare()
        for i, task in enumerate(tasks):
            done(i, _work(task))
        return results
    endings = _share(tasks, jobs, done, prepare)
    # A file whose result never came back was being checked by a worker that died (a crash in
    # a C library, the out-of-memory killer): it is a row that says so, and the others stand.
    for i, task in enumerate(tasks):
        if results[i] is None:
            died = batch_text("batch.worker_died", task.lang, how=", ".join(endings) or "?")
            done(i, {**_identity(task), **_internal_kind(died, task.lang)})
    return results


def start_method() -> str:
    """How batch starts its workers here: "fork" where that is safe, "spawn" elsewhere.

    A forked worker starts at once with the parent's modules already imported (a spawned one
    spends about 100 ms importing them again, a tenth of a run of 200 small forms). Forking is
    safe when the process has no other thread: a thread that holds a lock at the moment of the
    fork (logging's, an import's, a C library's) leaves it held forever in the child. So fork
    only on Linux-like systems (macOS's own libraries are not fork-safe; Windows has no fork)
    and only while this process runs one thread, as the command line does; a library caller
    with a thread pool, or a test runner with a helper thread, gets spawn.
    """
    import sys
    import threading

    if ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            and threading.active_count() == 1):
        return "fork"
    return "spawn"


def _share(tasks: list[_Task], jobs: int, done: Callable[[int, dict], None],
           prepare: Callable[[], None] | None) -> list[str]:
    """Check *tasks* in this process and *jobs* - 1 workers; done(i, data) for each result that arrives.

    Every process takes the next unchecked file from one shared counter, so a slow file holds
    up only the process checking it, and the parent, which would otherwise sit waiting, checks
    files too (its results need no pickling). Each worker sends its results on its own pipe: a
    worker killed in the middle of a message garbles nobody else's, and its pipe's end tells
    the parent it is gone. The files it had taken and not sent back stay without a result;
    returns how each worker that did not end normally ended ("SIGKILL", "exit 1").
    """
    import gc
    from multiprocessing.connection import wait

    from evalbook import pipeline as engine  # noqa: F401 - imported once here, before a fork, for every worker

    if any(t.out is not None for t in tasks):
        from evalbook.annotation import annotated_copy  # noqa: F401

    ctx = multiprocessing.get_context(start_method())
    counter = ctx.Value("q", 0)
    pipes: dict[Any, Any] = {}  # each worker's end of its pipe → the worker
    workers = []
    endings: list[str] = []

    def receive(timeout: float | None) -> int:
        ready = wait(list(pipes), timeout)
        for conn in ready:
            try:
                i, data = conn.recv()
            except (EOFError, OSError):  # the worker ended (normally, or killed mid-message)
                proc = pipes.pop(conn)
                conn.close()
                proc.join()
                if proc.exitcode:
                    endings.append(_ending(proc.exitcode))
                continue
            done(i, data)
        return len(ready)

    # What exists now (modules, the tasks, the caller's objects) outlives the batch: frozen, no
    # process's collections scan it again, and a forked worker does not copy the pages a
    # collection would touch. Two collections fewer per process in a batch of small forms.
    caller_froze = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        for _ in range(jobs - 1):
            reader, writer = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(tasks, counter, writer), daemon=True)
            try:
                proc.start()
            except Exception:  # noqa: BLE001 - no more processes (EAGAIN, a daemonic caller): fewer workers
                reader.close()
                break
            finally:
                # Closed here before the next fork, so the pipe ends (EOF) when its worker does.
                writer.close()
            workers.append(proc)
            pipes[reader] = proc
        if prepare is not None:
            prepare()
        while (i := _claim(counter)) < len(tasks):
            done(i, _work(tasks[i]))
            while pipes and receive(0):
                pass
        while pipes:
            receive(None)
    finally:
        for proc in workers:
            if proc.is_alive():  # only when this process is interrupted (Ctrl-C, an exception)
                proc.terminate()
            proc.join()
        for conn in pipes:
            conn.close()
        if not caller_froze:  # the caller's own frozen objects stay as the caller left them
            gc.unfreeze()
    return endings


def _ending(exitcode: int) -> str:
    import signal

    if exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit {exitcode}"


def _claim(counter) -> int:
    """The index of the next file nobody has taken yet (past the end when all are taken)."""
    with counter.get_lock():
        i = counter.value
        counter.value = i + 1
    return i


def _worker(tasks: list[_Task], counter, conn) -> None:
    """A worker process: check files until none is left, sending (index, data) for each."""
    import queue
    import signal
    import threading

    # Ctrl-C reaches the whole process group; the parent handles it and ends the workers, so
    # the terminal gets one message instead of a traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A thread sends, so that checking goes on while the parent is busy with a large file of
    # its own and the pipe is full.
    outbox: queue.SimpleQueue = queue.SimpleQueue()
    sender = threading.Thread(target=_send_all, args=(outbox, conn, tasks), daemon=True)
    sender.start()
    try:
        while sender.is_alive() and (i := _claim(counter)) < len(tasks):
            outbox.put((i, _work(tasks[i])))
    finally:
        outbox.put(None)
        sender.join()
        conn.close()


def _send_all(outbox, conn, tasks: list[_Task]) -> None:
    while (item := outbox.get()) is not None:
        i, data = item
        try:
            conn.send(item)
        except OSError:  # the parent is gone: nobody is waiting for the rest
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled is still a row
            conn.send((i, {**_identity(tasks[i]), **_internal(exc, tasks[i].lang)}))


def _identity(task: _Task) -> dict:
    return {"path": task.path, "name": task.name, "profile": task.profile.name}


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
    summary = _Summary(path, lang)
    for i, res in enumerate(results):
        summary.add(i, res)
    return summary.write()


class _Summary:
    """The summary workbook of a run, each file's rows made as soon as its result arrives.

    Writing the summary is a tenth of a batch of small forms and, done after the last file,
    time no worker can share. Everything but the rows' final order (each row's values, formats
    and link, each finding's row) is therefore made while the workers still check, so that
    only sorting and xlsxwriter's own writing are left for the end.
    """

    def __init__(self, path, lang: str):
        self.path, self.lang = Path(path), lang
        self.rows: list[tuple] = []  # (order, summary cells, link, findings' cells)
        self.severity = {"error": report_text("text.error", lang), "warning": report_text("text.warning", lang)}

    def add(self, i: int, res: FileResult) -> None:
        """The rows of *res*, the *i*-th file found (the order among files that sort alike)."""
        lang = self.lang
        s = res.report["summary"] if res.report else {}
        values = {
            "project": res.project, "unit": res.unit, "budget": res.budget, "executed": res.executed,
            "rate": s.get("budget_rate"), "claimed": s.get("claimed_total"),
            "computed": s.get("computed_total"), "grade": s.get("grade"),
            "errors": None if res.broken else res.errors, "warnings": None if res.broken else res.warnings,
            "status": batch_text(f"batch.status.{res.status}", lang),
            "note": res.error or res.note,
        }
        money = ("money", res.money_unit)
        formats = {"budget": money, "executed": money, "rate": "percent", "claimed": "score",
                   "computed": "score", "errors": "count", "warnings": "count"}
        cells = [(_SUMMARY_INDEX[key], *_cell(value), formats.get(key))
                 for key, value in values.items() if value is not None]
        url = "external:" + _link_target(res.annotated or res.path, self.path)
        tip = batch_text("batch.link_annotated" if res.annotated else "batch.link_file", lang)
        # Excel caps a link at 2079 characters; a longer path stays plain text.
        link = (url if len(url) <= 2000 else None, res.path, tip)
        findings = []
        for f in res.findings:
            values = (res.path, res.project, f["code"], _title(f["code"], lang),
                      self.severity.get(f["severity"], f["severity"]), f["sheet"], f["cell"], f["message"],
                      f["stated"], f["expected"])
            findings.append([(c, *_cell(v)) for c, v in enumerate(values) if v is not None])
        self.rows.append(((worst_first(res), i), cells, link, findings))

    def write(self) -> Path:
        import xlsxwriter

        self.rows.sort(key=lambda row: row[0])
        with atomic_write(self.path) as tmp:
            # Text from the forms is written as text: a project name "=1+1" must not become a
            # formula. in_memory: the parts are zipped from memory, not from temporary files.
            book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                                  "strings_to_numbers": False, "in_memory": True})
            fmt = _Formats(book)
            self._summary_sheet(book, fmt)
            self._findings_sheet(book, fmt)
            book.close()
        return self.path

    def _summary_sheet(self, book, fmt: _Formats) -> None:
        ws = book.add_worksheet(batch_text("batch.sheet.summary", self.lang))
        _header(ws, fmt, SUMMARY_COLUMNS, self.lang)
        file_col = _SUMMARY_INDEX["file"]
        for r, (_, cells, (url, text, tip), _) in enumerate(self.rows, start=1):
            for c, value, number, key in cells:
                _put(ws, r, c, value, number, fmt.get(key))
            if url is None or ws.write_url(r, file_col, url, fmt.link, string=text, tip=tip) < 0:
                ws.write_string(r, file_col, text)
        n = len(self.rows)
        ws.autofilter(0, 0, max(n, 1), len(SUMMARY_COLUMNS) - 1)
        if n:
            _highlights(ws, fmt, n, _SUMMARY_INDEX, self.lang)

    def _findings_sheet(self, book, fmt: _Formats) -> None:
        ws = book.add_worksheet(batch_text("batch.sheet.findings", self.lang))
        _header(ws, fmt, FINDINGS_COLUMNS, self.lang)
        r = 0
        for _, _, _, findings in self.rows:
            for cells in findings:
                r += 1
                for c, value, number in cells:
                    _put(ws, r, c, value, number)
        ws.autofilter(0, 0, max(r, 1), len(FINDINGS_COLUMNS) - 1)


_SUMMARY_INDEX = {c.key: i for i, c in enumerate(SUMMARY_COLUMNS)}


def _cell(value) -> tuple[Any, bool]:
    """(what to write, whether it is a number): a number stays one, anything else is text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value, True
    return str(value), False


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

    def get(self, key):
        """The format a cell's key names: None, "percent", "score", "count" or ("money", unit)."""
        if key is None:
            return None
        if isinstance(key, tuple):
            return self.money(key[1])
        return getattr(self, key)

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
        ws.write_string(0, c, batch_text(f"batch.col.{col.key}", lang), fmt.header)
        ws.set_column(c, c, col.width)
    ws.freeze_panes(1, 0)


def _put(ws, row: int, col: int, value, number: bool, cell_fmt=None) -> None:
    if number:
        ws.write_number(row, col, value, cell_fmt)
    else:
        ws.write_string(row, col, value, cell_fmt)


def _highlights(ws, fmt: _Formats, n: int, index: dict[str, int], lang: str) -> None:
    from xlsxwriter.utility import xl_col_to_name

    err = xl_col_to_name(index["errors"])
    warn = xl_col_to_name(index["warnings"])
    status = xl_col_to_name(index["status"])
    broken = ",".join(f'${status}2="{_quote(batch_text(f"batch.status.{k}", lang))}"' for k in _BROKEN)
    area = (1, 0, n, len(SUMMARY_COLUMNS) - 1)
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=OR({broken},N(${err}2)>0)",
                                  "format": fmt.red, "stop_if_true": True})
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=AND(N(${err}2)=0,N(${warn}2)>0)",
                                  "format": fmt.amber})


def _quote(text: str) -> str:
    return text.replace('"', '""')


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


def _title(code: str, lang: str) -> str | None:
    try:
        return title_text(code, lang)
    except KeyError:
        return None
