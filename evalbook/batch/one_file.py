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

# Worst first: what could not be read (or ran out of time or memory), then errors, then
# warnings, then clean files.
BROKEN = ("unreadable", "timeout", "memory", "internal")


@dataclass
class FileResult:
    """One file of the batch: how it went, its report's JSON, and the facts a summary row shows."""

    path: str  # as found: the folder as given joined with the path inside it
    name: str  # its path inside its folder (or its file name): where its annotated copy goes
    status: str  # "ok", "warnings", "errors", "unreadable", "timeout", "memory" or "internal"
    report: dict | None = None  # the `check --format json` object; None when unreadable
    error: str | None = None  # one line: why it could not be read
    note: str | None = None  # one line: why there is no annotated copy
    project: str | None = None
    department: str | None = None  # 主管部门
    unit: str | None = None  # 实施单位
    year: int | None = None  # 评价年度 as read
    budget: float | None = None  # 全年预算数 in 万元, whatever unit the form used
    executed: float | None = None  # 全年执行数 in 万元
    money_unit: str | None = None  # the unit the form itself used
    claimed: float | None = None  # the unit's own 自评得分 (an --fix copy's original claim)
    claimed_grade: str | None = None  # the unit's own 自评等级
    scored: bool = False  # an indicator table with scored rows: computed score and grade mean something
    fingerprint: str | None = None  # the indicator table and funds (duplicate submissions)
    percents: list | None = None  # per finding: stated/expected are rates
    annotated: str | None = None  # the annotated copy, when one was written
    profile: str = ""
    skip: str | None = None  # why this file is not a row at all ("summary": an evalbook summary)
    duplicates: list | None = None  # the paths of the other files with the same fingerprint
    document: bool = False  # a Word report (its tables and text), not a workbook
    titles: list | None = None  # a report's project names as its title gives them (pair.py)
    report_path: str | None = None  # the Word report paired with this workbook, its text checked against it

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
    report: str | None = None  # the Word report paired with this workbook: check(path, report=…)


def work(task: Task) -> dict:
    """Check one file and return plain data. Top-level, so a spawned worker can import it."""
    base = identity(task)
    try:
        if is_evalbook_summary(task.path):
            return {**base, "status": "ok", "skip": "summary"}
        return {**base, **_check_one(task)}
    except InputError as err:
        return {**base, "status": "unreadable", "error": _line(err.message(task.lang))}
    except MemoryError:
        # The worker's memory ceiling (pool.py): the file is a row "内存超限", not a crash.
        return {**base, **out_of_memory(task.lang)}
    except Exception as exc:  # noqa: BLE001 - a bug met in one file must not end the batch
        return {**base, **internal(exc, task.lang)}


def out_of_memory(lang: str) -> dict:
    return {"status": "memory", "error": batch_text("batch.memory", lang)}


def timed_out(seconds: float, lang: str) -> dict:
    return {"status": "timeout", "error": batch_text("batch.timeout", lang, seconds=f"{seconds:g}")}


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
    titles = None
    if task.report is not None:  # the second look at a paired workbook: its report's text too
        report = check(task.path, task.profile, task.lang, select, ignore, year=task.year, report=task.report)
    elif report is None:
        report, titles = _check_document_or_workbook(task, select, ignore)
    data = report.to_json()
    s = data["summary"]
    status = "errors" if s["errors"] else "warnings" if s["warnings"] else "ok"
    facts = _facts(report)
    if task.report is None and report.workbook is not None and report.workbook.narrative is not None:
        facts.update(document=True, titles=titles or [])
    return {"status": status, "report": data, "note": note, "annotated": annotated, **facts}


def _check_document_or_workbook(task: Task, select, ignore):
    """`check` of the file, read once; for a Word report also the project names its title
    gives (pair.py matches reports with workbooks by them)."""
    from evalbook.batch.pair import title_names
    from evalbook.files.book import paused_gc
    from evalbook.files.docx import DocxBook
    from evalbook.files.door import open_book
    from evalbook.pipeline import check_book

    with paused_gc():
        book = open_book(task.path, documents=True)
        report = check_book(book, task.profile, task.lang, select, ignore, year=task.year)
    titles = title_names([p.text for p in book.paragraphs]) if isinstance(book, DocxBook) else None
    return report, titles


def _facts(report) -> dict:
    wb, d = report.workbook, report.derived
    project = wb.project if wb is not None else None
    texts = project.texts if project is not None else {}
    unit = project.money_unit if project is not None else None
    leaves = wb.indicators.leaves if wb is not None and wb.indicators is not None else []
    budget = _wan(_value(getattr(d, "budget", None)), unit)
    executed = _wan(_value(getattr(d, "executed", None)), unit)
    # The unit's own claim (a --fix copy's records keep it); for a Word report whose tables state
    # none, the total its text states (the summary's claimed_total).
    claimed = d.original_claim if d is not None else None
    if claimed is None:
        claimed = report.summary.claimed_total
    return {
        "project": _text(texts.get("name")),
        "department": _text(texts.get("department")),
        "unit": _text(texts.get("unit")),
        "year": project.year if project is not None else None,
        "budget": budget,
        "executed": executed,
        "money_unit": unit,
        "claimed": claimed,
        "claimed_grade": _text(project.claimed_grade) if project is not None else None,
        # Without scored indicator rows the computed total is the budget score alone (10.00 差
        # for a form with no indicator table): no score to show.
        "scored": any(_value(leaf.cap) is not None or _value(leaf.score) is not None for leaf in leaves),
        "fingerprint": fingerprint(leaves, budget, executed),
        "percents": [bool(f.percent) for f in report.findings],
    }


def fingerprint(leaves, budget: float | None, executed: float | None) -> str | None:
    """What makes two submissions the same form: every scored indicator row's name, cap and
    score, in order, and the funds block's 全年预算数 and 全年执行数 in 万元. The project name,
    unit, file name and text fields are left out on purpose (they are what differs when one form
    is sent twice under two names). None without a scored indicator row: too little to match."""
    import hashlib
    import json

    rows = [(" ".join(leaf.name.split()), _rounded(_value(leaf.cap)), _rounded(_value(leaf.score)))
            for leaf in leaves]
    if not any(cap is not None or score is not None for _, cap, score in rows):
        return None
    data = json.dumps([rows, _rounded(budget), _rounded(executed)], ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def _rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _wan(x: float | None, unit: str | None) -> float | None:
    """A money figure in 万元: a form in 元 is divided by 10,000."""
    if x is None:
        return None
    return x / 10000 if unit == "元" else x


def is_evalbook_summary(path: str) -> bool:
    """Whether *path* is a summary evalbook batch wrote (this run's or an earlier one's).

    Known by its document property (summary.py writes it), or, for summaries written before
    it existed, by its sheets: 汇总 then 问题明细 (or 统计), in either language. Only the zip's
    directory and two small parts are read, as bytes, and only from a regular file.
    """
    import os
    import re
    import stat
    import zipfile

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "docProps/custom.xml" in names and _small_part(z, "docProps/custom.xml", SUMMARY_MARK.encode()):
                return True
            if "xl/workbook.xml" in names:
                info = z.getinfo("xl/workbook.xml")
                if info.file_size <= 1 << 20:
                    xml = z.read(info).decode("utf-8", "replace")
                    sheets = re.findall(r'<sheet\b[^>]*?\bname="([^"]*)"', xml)
                    return (len(sheets) >= 2 and sheets[0] in ("汇总", "Summary")
                            and sheets[1] in ("问题明细", "Findings", "统计", "Statistics"))
    except Exception:  # noqa: BLE001 - anything odd: not ours, check judges it
        return False
    return False


SUMMARY_MARK = "evalbook-batch-summary"


def _small_part(z, name: str, needle: bytes) -> bool:
    info = z.getinfo(name)
    return info.file_size <= 1 << 16 and needle in z.read(info)


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
