"""The server's worker processes, each file within a time limit (spec: cli.md "Web page"; issue 16).

A check that hangs must not hold a worker for ever, and a ProcessPoolExecutor cannot end one
task: so each worker here is a process of its own with a pipe, doing one call at a time. A
call still running after its time limit gets its worker ended (SIGTERM, then SIGKILL) and a
fresh one started in its place; the caller gets :class:`TimedOut` at once, without waiting for
the replacement. A worker that dies (a crash in a C library, the out-of-memory killer) costs
only the call it held (:class:`WorkerDied`), and is replaced the same way.

Workers are started with "spawn" (no fork of a running event loop's threads) and are not
daemonic, so the batch summary's own pool (evalbook.batch.pool) can start its workers, with its
own per-file limits, inside one of them.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from typing import Any, Callable

from evalbook.batch.pool import process_ending

READY = "ready"
START_TIMEOUT = 120.0  # seconds a fresh worker may take to import what a check needs
START_ATTEMPTS = 3  # fresh workers tried in turn before a slot is given up


class TimedOut(Exception):
    """The call ran past its time limit; its worker was ended."""


class WorkerDied(Exception):
    """The worker ended while it held the call (exit status or signal in args[0])."""


def _serve(conn, init: Callable[[], None] | None) -> None:
    """A worker process: import, say ready, then run one call after another until the pipe ends."""
    from evalbook.web import work

    # Ctrl-C in the terminal reaches the whole process group; the server ends its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    work.warm()
    if init is not None:
        init()
    conn.send(READY)
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        try:
            answer = ("ok", fn(*args))
        except Exception as exc:  # noqa: BLE001 - a bug in one file's call must not end the worker
            answer = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except (EOFError, OSError):
            return


class _Worker:
    def __init__(self, ctx, init):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(child, init), daemon=False)
        self.proc.start()
        child.close()  # the pipe ends (EOF here) when the worker does

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def end(self) -> None:
        """Ended at once (SIGTERM: a write in progress removes its temporary file; SIGKILL after
        a second when C code holds it); blocking, so called in a thread."""
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(1.0)
            if self.proc.is_alive():
                self.proc.kill()
        self.proc.join()
        self.conn.close()


async def _readable(conn, timeout: float | None) -> bool:
    """Wait until *conn* has something to read (or its other end is closed); False on timeout."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    try:
        loop.add_reader(conn.fileno(), lambda: ready.done() or ready.set_result(True))
    except (NotImplementedError, OSError, ValueError):  # no add_reader for pipes here (Windows)
        return await asyncio.to_thread(conn.poll, timeout)
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except asyncio.TimeoutError:
        return False
    finally:
        loop.remove_reader(conn.fileno())


class Workers:
    """*jobs* worker processes; :meth:`run` hands a call to the next idle one."""

    def __init__(self, jobs: int, init: Callable[[], None] | None = None):
        self.jobs, self.init = jobs, init
        self.ctx = multiprocessing.get_context("spawn")
        self.idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self.all: set[_Worker] = set()
        self.starting: set[asyncio.Task] = set()
        self.closed = False

    async def start(self) -> None:
        """Start every worker and wait until each has imported what a check needs."""
        started = await asyncio.gather(*(self._fresh() for _ in range(self.jobs)))
        if not any(started):
            raise WorkerDied("no worker process could be started")

    async def _fresh(self) -> bool:
        """Start a worker and queue it once ready; a few tries. False when none came up."""
        for _ in range(START_ATTEMPTS):
            if self.closed:
                return False
            try:
                worker = _Worker(self.ctx, self.init)
            except Exception:  # noqa: BLE001 - no more processes (EAGAIN): try again shortly
                await asyncio.sleep(1.0)
                continue
            self.all.add(worker)
            ok = False
            try:
                if await _readable(worker.conn, START_TIMEOUT):
                    ok = worker.conn.recv() == READY
            except (EOFError, OSError):
                ok = False
            if ok and not self.closed:
                self.idle.put_nowait(worker)
                return True
            await self._end(worker)
        return False

    def _replace(self) -> None:
        task = asyncio.get_running_loop().create_task(self._fresh())
        self.starting.add(task)
        task.add_done_callback(self.starting.discard)

    async def _end(self, worker: _Worker) -> None:
        self.all.discard(worker)
        await asyncio.to_thread(worker.end)

    async def run(self, fn: Callable, *args, timeout: float | None = None) -> Any:
        """*fn(*args)* in the next idle worker (a top-level function and picklable arguments).

        Raises TimedOut after *timeout* seconds of work (the wait for an idle worker is not
        counted), WorkerDied when the worker ended meanwhile, RuntimeError for an exception
        the call raised (its type and message).
        """
        worker = await self.idle.get()
        healthy = False
        try:
            try:
                worker.conn.send((fn, args))
            except (EOFError, OSError):  # it ended while idle
                await asyncio.to_thread(worker.proc.join, 5.0)
                raise WorkerDied(process_ending(worker.proc.exitcode)) from None
            if not await _readable(worker.conn, timeout):
                raise TimedOut(timeout)
            try:
                status, value = worker.conn.recv()
            except (EOFError, OSError):
                await asyncio.to_thread(worker.proc.join, 5.0)
                raise WorkerDied(process_ending(worker.proc.exitcode)) from None
            healthy = True
        finally:
            # A worker that timed out, died, or whose caller went away mid-call is ended and a
            # fresh one takes its place; a healthy one goes back to the queue.
            if healthy and not self.closed:
                self.idle.put_nowait(worker)
            else:
                await asyncio.shield(self._end(worker))
                if not self.closed:
                    self._replace()
        if status == "error":
            raise RuntimeError(value)
        return value

    def pids(self) -> list[int]:
        """The process ids of the workers now running (for tests and logs)."""
        return sorted(w.pid for w in self.all if w.proc.is_alive())

    async def close(self) -> None:
        self.closed = True
        for task in list(self.starting):
            task.cancel()
        await asyncio.gather(*(asyncio.to_thread(w.end) for w in list(self.all)), return_exceptions=True)
        self.all.clear()
