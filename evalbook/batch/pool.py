"""Checking the tasks in worker processes, each file within a time limit and a memory ceiling.

*jobs* workers take the next file in turn; this process only hands out nothing but the
counter, receives results and watches the clock (issue 15: one file must never stall or kill
a batch, `--jobs 1` included). A file still running after its time limit gets its worker
ended and a row "超时"; a file that exhausts the worker's memory ceiling (RLIMIT_AS) gets a row
"内存超限"; a worker that dies (a crash in a C library, the out-of-memory killer) costs only
the file it held. A replacement worker takes over the files left. The results come back in
the tasks' order, whatever order the workers finish in, so that `--jobs 2` gives what
`--jobs 1` does.

Where no worker process can be started at all (a daemonic caller), this process checks the
files itself, without the limits.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass
from typing import Any, Callable

from evalbook.batch.one_file import (FileResult, Task, identity, internal, internal_kind, out_of_memory,
                                     timed_out, work)
from evalbook.batch.texts import batch_text


@dataclass(frozen=True)
class Limits:
    """Per file: seconds before it is given up ("超时"), and the memory its worker may use on
    top of what it starts with, in MiB ("内存超限"). None: no limit."""

    seconds: float | None = 60.0
    memory_mb: float | None = 2048.0


def run_tasks(tasks: list[Task], jobs: int | None, progress, prepare: Callable[[], None] | None = None,
              on_result: Callable[[int, FileResult], None] | None = None,
              limits: Limits = Limits()) -> list[FileResult]:
    """Every task's result, in the tasks' order.

    *prepare* runs in this process while the workers check; on_result(i, result) is called
    here as each result arrives, in whatever order they finish.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    results: list[FileResult | None] = [None] * len(tasks)
    finished = 0
    if progress is not None:
        progress(0, len(tasks), None)

    def done(i: int, data: dict) -> None:
        nonlocal finished
        if results[i] is not None:  # already given up (timed out) or received
            return
        results[i] = FileResult(**data)
        finished += 1
        if on_result is not None:
            on_result(i, results[i])
        if progress is not None:
            progress(finished, len(tasks), results[i])

    if tasks:
        started = _Pool(tasks, jobs, done, limits).run(prepare)
        if not started:
            # Not one worker could be started: this process checks the files, without limits.
            for i, task in enumerate(tasks):
                done(i, work(task))
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


class _Pool:
    """*jobs* worker processes sharing *tasks* by one counter, watched by this process.

    Each worker writes the index of the file it is on, and when it began, into its slot of two
    shared arrays; each sends its results on its own pipe, so a worker ended in the middle of a
    message garbles nobody else's, and its pipe's end tells this process it is gone.
    """

    def __init__(self, tasks: list[Task], jobs: int, done: Callable[[int, dict], None], limits: Limits):
        self.tasks, self.jobs, self.done, self.limits = tasks, jobs, done, limits
        self.ctx = multiprocessing.get_context(start_method())
        self.counter = self.ctx.Value("q", 0)
        self.slots = self.ctx.Array("q", jobs, lock=False)  # index + 1 of the file each is on; 0: none
        self.since = self.ctx.Array("d", jobs, lock=False)  # time.monotonic() when it took that file
        # The temporary file each is writing (atomic_write), NUL-ended: removed here when a worker
        # is killed (or dies) before it could remove it itself.
        self.temps = self.ctx.Array("c", jobs * TEMP_BYTES, lock=False)
        self.pipes: dict[Any, tuple[Any, int]] = {}  # each worker's pipe → (the worker, its slot)
        self.starts = 0
        # Replacements are bounded: each one follows a worker that ended holding a file.
        self.budget = jobs + len(tasks)

    def run(self, prepare: Callable[[], None] | None) -> bool:
        """Check every task; False when not one worker could be started (nothing was done)."""
        import gc

        # Imported once here, before a fork, for every worker.
        import evalbook.pipeline  # noqa: F401

        if any(t.out is not None for t in self.tasks):
            import evalbook.annotation  # noqa: F401

        # What exists now (modules, the tasks, the caller's objects) outlives the batch: frozen,
        # no process's collections scan it again, and a forked worker does not copy the pages a
        # collection would touch.
        caller_froze = gc.get_freeze_count() > 0
        gc.freeze()
        try:
            for slot in range(self.jobs):
                if not self._start(slot):
                    break
            if not self.pipes:
                return False
            if prepare is not None:
                prepare()
            while self.pipes:
                self._receive(self._poll())
                self._give_up_overdue()
            # Files no worker ever took (every replacement failed to start): rows that say so.
            for i, task in enumerate(self.tasks):
                self.done(i, {**identity(task), **internal_kind(
                    batch_text("batch.worker_died", task.lang, how="?"), task.lang)})
        finally:
            for proc, slot in self.pipes.values():
                if proc.is_alive():  # only when this process is interrupted (Ctrl-C, an exception)
                    proc.terminate()
                proc.join()
                _remove_temp(self.temps, slot)
            for conn in self.pipes:
                conn.close()
            if not caller_froze:  # the caller's own frozen objects stay as the caller left them
                gc.unfreeze()
        return True

    def _start(self, slot: int) -> bool:
        if self.starts >= self.budget or self.counter.value >= len(self.tasks):
            return False
        self.starts += 1
        self.slots[slot] = 0
        _remove_temp(self.temps, slot)
        reader, writer = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker, daemon=True,
                                args=(self.tasks, self.counter, self.slots, self.since, slot, writer,
                                      self.limits.memory_mb, self.temps))
        try:
            proc.start()
        except Exception:  # noqa: BLE001 - no more processes (EAGAIN, a daemonic caller): fewer workers
            reader.close()
            return False
        finally:
            # Closed here before the next fork, so the pipe ends (EOF) when its worker does.
            writer.close()
        self.pipes[reader] = (proc, slot)
        return True

    def _poll(self) -> float | None:
        """How long to wait for results before looking at the clock again."""
        seconds = self.limits.seconds
        return None if seconds is None else max(0.05, min(1.0, seconds / 4))

    def _receive(self, timeout: float | None) -> None:
        from multiprocessing.connection import wait

        for conn in wait(list(self.pipes), timeout):
            self._drain(conn, block=True)

    def _drain(self, conn, block: bool) -> bool:
        """Read what *conn* holds; True when its worker has ended (and is then replaced)."""
        while block or conn.poll():
            block = False
            try:
                i, data = conn.recv()
            except (EOFError, OSError):  # the worker ended (normally, or killed mid-message)
                self._ended(conn, None)
                return True
            self.done(i, data)
        return False

    def _ended(self, conn, how: str | None) -> None:
        """A worker is gone: the file it held becomes a row (*how*: why it was ended, if by us)."""
        proc, slot = self.pipes.pop(conn)
        conn.close()
        proc.join()
        _remove_temp(self.temps, slot)  # SIGKILLed (or died) in the middle of a write
        held = self.slots[slot] - 1
        if held >= 0:
            task = self.tasks[held]
            if how is not None:
                self.done(held, {**identity(task), **timed_out(self.limits.seconds, task.lang)})
            elif proc.exitcode == _MEMORY_EXIT:
                self.done(held, {**identity(task), **out_of_memory(task.lang)})
            else:
                died = batch_text("batch.worker_died", task.lang, how=process_ending(proc.exitcode))
                self.done(held, {**identity(task), **internal_kind(died, task.lang)})
        self._start(slot)

    def _give_up_overdue(self) -> None:
        seconds = self.limits.seconds
        if seconds is None:
            return
        now = time.monotonic()
        for conn, (proc, slot) in list(self.pipes.items()):
            held = self.slots[slot] - 1
            if held < 0 or now - self.since[slot] <= seconds:
                continue
            if self._drain(conn, block=False) or self.slots[slot] - 1 != held:
                continue  # it finished meanwhile
            # SIGTERM first, so a write in progress removes its temporary file; SIGKILL when the
            # file holds it in C code that never returns to Python.
            proc.terminate()
            proc.join(1.0)
            if proc.is_alive():
                proc.kill()
            while conn.poll():  # results it sent before it was ended still count
                try:
                    i, data = conn.recv()
                except (EOFError, OSError):
                    break
                self.done(i, data)
            self._ended(conn, "timeout")


# A worker that met its memory ceiling sends the row and ends with this status, so that a
# fresh process (its memory back) takes the next file.
_MEMORY_EXIT = 75


def process_ending(exitcode: int | None) -> str:
    """How a worker process ended, for a person: "SIGKILL", "exit 1", or "?" while it runs."""
    import signal

    if exitcode is None:
        return "?"
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


def _worker(tasks: list[Task], counter, slots, since, slot: int, conn, memory_mb: float | None,
            temps=None) -> None:
    """A worker process: check files until none is left, sending (index, data) for each."""
    import signal

    # Ctrl-C reaches the whole process group; the parent handles it and ends the workers, so
    # the terminal gets one message instead of a traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM (the time limit) inside an annotated copy's write removes its temporary file
    # (atomic_write's handler: this process is its own main thread); where the write holds the
    # process in C code and SIGKILL follows, the parent removes the file recorded here.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if temps is not None:
        _record_temps(temps, slot)
    _limit_memory(memory_mb)
    try:
        while (i := _claim(counter)) < len(tasks):
            since[slot] = time.monotonic()
            slots[slot] = i + 1
            data = work(tasks[i])
            try:
                conn.send((i, data))
            except OSError:  # the parent is gone: nobody is waiting for the rest
                return
            except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled is still a row
                conn.send((i, {**identity(tasks[i]), **internal(exc, tasks[i].lang)}))
            slots[slot] = 0
            if data.get("status") == "memory":
                conn.close()
                os._exit(_MEMORY_EXIT)
    finally:
        conn.close()


# Room for each worker's temporary file's path; a longer path is not recorded (its worker
# still removes it on SIGTERM).
TEMP_BYTES = 4096


def _record_temps(temps, slot: int) -> None:
    from evalbook.files.atomic import watch_temporary

    start = slot * TEMP_BYTES

    def tell(path) -> None:
        data = os.fsencode(path) if path is not None else b""
        if len(data) >= TEMP_BYTES:
            data = b""
        temps[start:start + len(data) + 1] = data + b"\0"

    watch_temporary(tell)


def _remove_temp(temps, slot: int) -> None:
    """Remove the temporary file the worker of *slot* recorded, if it is still there."""
    start = slot * TEMP_BYTES
    path = temps[start:start + TEMP_BYTES].split(b"\0", 1)[0]
    if not path:
        return
    temps[start] = b"\0"
    from evalbook.files.atomic import is_temporary

    if is_temporary(path):
        try:
            os.unlink(path)
        except OSError:
            pass


def _limit_memory(memory_mb: float | None) -> None:
    """Cap this process's address space at what it uses now plus *memory_mb* MiB: past it an
    allocation fails (MemoryError) instead of the machine swapping or the OOM killer striking."""
    if memory_mb is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no RLIMIT_AS; the time limit still holds
        return
    try:
        with open("/proc/self/statm", "rb") as f:
            now = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        now = 0
    limit = now + int(memory_mb * 1024 * 1024)
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError, AttributeError):
        pass
