"""Issue 15, batch: one file never stalls or kills a batch.

A folder holding a file that hangs, a file that eats memory, a FIFO named like a workbook, a
symbolic link loop, Excel's lock file and many good forms finishes, with every file listed once.
The hanging and the greedy file are ordinary forms made hostile by a test hook: the check of
one file is replaced, in the worker, by one that sleeps or allocates (workers are forked here so
that they carry the hook).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

import evalbook.batch.one_file as one_file
import evalbook.batch.pool as pool
from builders import standard
from evalbook.batch import run_batch

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="FIFOs, RLIMIT_AS and fork: Linux")

HANG = "挂起.xlsx"
GREEDY = "吃内存.xlsx"


@pytest.fixture
def hostile(monkeypatch):
    real = one_file._check_one

    def check_one(task):
        name = os.path.basename(task.path)
        if name == HANG:
            time.sleep(3600)
        if name == GREEDY:
            # 1 GiB: calloc takes it lazily without a ceiling, past the 256 MiB the test sets
            hog = bytearray(1024 ** 3)
            return {"status": "ok", "note": str(len(hog))}
        return real(task)

    monkeypatch.setattr(one_file, "_check_one", check_one)
    monkeypatch.setattr(pool, "start_method", lambda: "fork")  # the hook reaches the workers


def build(folder: Path, good: int) -> list[str]:
    """The folder; returns the names of the files that must be rows."""
    folder.mkdir()
    first = standard(folder, "good 000.xlsx")
    data = first.read_bytes()
    for k in range(1, good):
        (folder / f"good {k:03d}.xlsx").write_bytes(data)
    (folder / HANG).write_bytes(data)
    (folder / GREEDY).write_bytes(data)
    os.mkfifo(folder / "管道.xlsx")
    os.symlink(folder / "环 b.xlsx", folder / "环 a.xlsx")
    os.symlink(folder / "环 a.xlsx", folder / "环 b.xlsx")
    (folder / "~$good 000.xlsx").write_bytes(b"\x00" * 165)
    return sorted([f"good {k:03d}.xlsx" for k in range(good)] + [HANG, GREEDY, "管道.xlsx", "环 a.xlsx", "环 b.xlsx"])


@pytest.mark.parametrize("jobs, good", [(1, 12), (2, 200)])
def test_a_hostile_folder_finishes_with_every_file_once(hostile, tmp_path, jobs, good):
    folder = tmp_path / "收件箱"
    names = build(folder, good)
    started = time.monotonic()
    out = tmp_path / "汇总.xlsx"
    results = run_batch([folder], out, jobs=jobs, timeout=1.5, memory_mb=256)
    took = time.monotonic() - started
    assert sorted(os.path.relpath(r.path, folder) for r in results) == names
    by_name = {os.path.basename(r.path): r for r in results}
    assert by_name[HANG].status == "timeout" and "超时" in by_name[HANG].error
    assert by_name[GREEDY].status == "memory" and "内存超限" in by_name[GREEDY].error
    assert by_name["管道.xlsx"].status == "unreadable"
    assert by_name["环 a.xlsx"].status == by_name["环 b.xlsx"].status == "unreadable"
    assert all(r.status == "ok" for n, r in by_name.items() if n.startswith("good")), \
        {n: (r.status, r.error) for n, r in by_name.items() if n.startswith("good") and r.status != "ok"}
    assert results.skipped.counts() == {"lock": 1}
    assert took < 60
    import openpyxl

    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert sorted(os.path.relpath(r[0], folder) for r in rows) == names
    statuses = {os.path.basename(r[0]): r[5] for r in rows}
    assert statuses[HANG] == "超时" and statuses[GREEDY] == "内存超限"


def test_the_time_limit_holds_with_one_job_and_no_file_after_it_is_lost(hostile, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = standard(tmp_path, "x.xlsx").read_bytes()
    for name in ("a.xlsx", HANG, "z.xlsx"):
        (folder / name).write_bytes(data)
    started = time.monotonic()
    results = run_batch([folder], None, jobs=1, timeout=1.0)
    assert time.monotonic() - started < 20
    assert [(os.path.basename(r.path), r.status) for r in results] == [
        ("a.xlsx", "ok"), ("z.xlsx", "ok"), (HANG, "timeout")]


# ---- issue 15: an annotating worker killed past the time limit leaves no temporary file


@pytest.fixture
def hanging_save(monkeypatch):
    """The annotated copy's save writes its temporary file, then hangs: in Python (SIGTERM
    reaches atomic_write's handler) or with SIGTERM blocked, as in C code that never returns to
    the interpreter (the SIGKILL that follows leaves the removal to the parent)."""
    import signal

    import openpyxl

    from evalbook.annotation import annotated_copy

    how = {}

    def hang_after(write):
        def written(first, filename, *args):
            write(first, filename, *args)
            if not os.path.basename(str(filename)).startswith(".~eb"):  # not atomic_write's temporary file
                return
            if how["mode"] == "blocked":
                signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
            time.sleep(3600)
        return written

    # The copy is written by splicing, or by openpyxl where the splicer cannot take the file.
    monkeypatch.setattr(openpyxl.Workbook, "save", hang_after(openpyxl.Workbook.save))
    monkeypatch.setattr(annotated_copy, "write_spliced", hang_after(annotated_copy.write_spliced))
    monkeypatch.setattr(pool, "start_method", lambda: "fork")  # the hook reaches the workers
    return how


@pytest.mark.parametrize("mode", ["python", "blocked"])
def test_a_timed_out_annotating_worker_leaves_no_temporary_file(hanging_save, tmp_path, mode):
    folder, copies = tmp_path / "in", tmp_path / "已批注"
    folder.mkdir()
    data = standard(tmp_path, "x.xlsx").read_bytes()
    for name in ("a.xlsx", "b.xlsx"):
        (folder / name).write_bytes(data)
    hanging_save["mode"] = mode
    started = time.monotonic()
    results = run_batch([folder], None, jobs=1, timeout=1.0, annotate_to=copies)
    assert time.monotonic() - started < 30
    assert [r.status for r in results] == ["timeout", "timeout"]
    assert sorted(os.listdir(copies)) == []  # neither a copy nor a .~eb….tmp.xlsx
    assert sorted(os.listdir(folder)) == ["a.xlsx", "b.xlsx"]
