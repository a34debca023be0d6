"""Checking the tasks: in this process alone, or shared with worker processes.

With more than one job, this process and jobs - 1 workers take the next file in turn; a file
whose worker died becomes a result that says so, and the batch goes on. The results come back
in the tasks' order, whatever order the workers finish in, so that `--jobs 2` gives what
`--jobs 1` does.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable

from evalbook.batch.one_file import FileResult, Task, identity, internal, internal_kind, work
from evalbook.batch.texts import batch_text


def run_tasks(tasks: list[Task], jobs: int | None, progress, prepare: Callable[[], None] | None = None,
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
            done(i, work(task))
        return results
    endings = _share(tasks, jobs, done, prepare)
    # A file whose result never came back was being checked by a worker that died (a crash in
    # a C library, the out-of-memory killer): it is a row that says so, and the others stand.
    for i, task in enumerate(tasks):
        if results[i] is None:
            died = batch_text("batch.worker_died", task.lang, how=", ".join(endings) or "?")
            done(i, {**identity(task), **internal_kind(died, task.lang)})
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


def _share(tasks: list[Task], jobs: int, done: Callable[[int, dict], None],
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

    # Imported once here, before a fork, for every worker.
    import evalbook.pipeline  # noqa: F401

    if any(t.out is not None for t in tasks):
        import evalbook.annotation  # noqa: F401

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
            done(i, work(tasks[i]))
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


def _worker(tasks: list[Task], counter, conn) -> None:
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
            outbox.put((i, work(tasks[i])))
    finally:
        outbox.put(None)
        sender.join()
        conn.close()


def _send_all(outbox, conn, tasks: list[Task]) -> None:
    while (item := outbox.get()) is not None:
        i, data = item
        try:
            conn.send(item)
        except OSError:  # the parent is gone: nobody is waiting for the rest
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled is still a row
            conn.send((i, {**identity(tasks[i]), **internal(exc, tasks[i].lang)}))
