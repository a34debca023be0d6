"""One file of the batch: checking it (in this process or a worker) into plain data, and
FileResult, what the batch keeps of it.

A worker sends back plain data (the report's JSON and a few project facts), never the model,
and a file that cannot be read, or meets a bug, becomes a result that says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evalbook.batch.texts import batch_text
from evalbook.errors import InputError

# Worst first: what could not be read, then errors, then warnings, then clean files.
BROKEN = ("unreadable", "internal")


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
        return self.status in BROKEN

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
    """The summary's order: files that could not be checked, then by errors, by warnings, by path."""
    return (0 if r.broken else 1, -r.errors, -r.warnings, r.path)


@dataclass(frozen=True)
class Task:
    """What a worker needs to check one file: plain data, so that it pickles."""

    path: str
    name: str
    profile: Any  # profiles.Profile: a frozen dataclass, pickles as it is
    lang: str = "zh"
    select: tuple | None = None
    ignore: tuple | None = None
    out: str | None = None  # where the annotated copy goes
    allow_loss: bool = False
    note: str | None = None  # decided before the run (the copy would overwrite an input)
    year: int | None = None  # the evaluation year expected (--year)


def work(task: Task) -> dict:
    """Check one file and return plain data. Top-level, so a spawned worker can import it."""
    base = identity(task)
    try:
        return {**base, **_check_one(task)}
    except InputError as err:
        return {**base, "status": "unreadable", "error": _line(err.message(task.lang))}
    except Exception as exc:  # noqa: BLE001 - a bug met in one file must not end the batch
        return {**base, **internal(exc, task.lang)}


def internal(exc: BaseException, lang: str) -> dict:
    # The type only: a traceback means nothing to the person reading the summary.
    return internal_kind(type(exc).__name__, lang)


def internal_kind(kind: str, lang: str) -> dict:
    return {"status": "internal", "error": batch_text("batch.internal", lang, kind=kind)}


def _check_one(task: Task) -> dict:
    from evalbook.pipeline import check

    select = list(task.select) if task.select else None
    ignore = list(task.ignore) if task.ignore else None
    report, annotated, note = None, None, task.note
    if task.out is not None:
        try:
            from evalbook.annotation import annotate

            report, written = annotate(task.path, out=task.out, profile=task.profile, lang=task.lang,
                                       select=select, ignore=ignore, allow_loss=task.allow_loss,
                                       year=task.year)
            annotated = str(written)
        except InputError as err:
            # Refused (parts would be lost) or unreadable: check says which, below.
            note = batch_text("batch.not_annotated", task.lang, detail=_line(err.message(task.lang)))
        except Exception as exc:  # noqa: BLE001 - a failed copy must not hide the file's findings
            note = batch_text("batch.not_annotated", task.lang, detail=internal(exc, task.lang)["error"])
    if report is None:
        report = check(task.path, task.profile, task.lang, select, ignore, year=task.year)
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


def identity(task: Task) -> dict:
    """The fields of a FileResult that say which file it is."""
    return {"path": task.path, "name": task.name, "profile": task.profile.name}
