"""A hanging check must not hold a worker for ever (issue 16): past the per-file time limit the
file's answer is one line (HTTP 504 from the API), the stuck worker is ended, and a fresh one
serves the next upload. The hang is a hook run in each worker (Settings.worker_init) that makes
evalbook.check and evalbook.annotate sleep while a flag file exists."""

from __future__ import annotations

import os
import threading
import time

import httpx
import pytest

from web_server import EXAMPLES

SMART_CITY = EXAMPLES / "smart_city.xlsx"
FLAG = "EVALBOOK_TEST_HANG_FLAG"
LIMIT = 3.0


def hang_while_flagged() -> None:
    """Run in each worker process: checks sleep (far past the limit) while the flag file exists."""
    import evalbook

    flag = os.environ[FLAG]

    def slow(real):
        def call(*args, **kwargs):
            if os.path.exists(flag):
                time.sleep(600)
            return real(*args, **kwargs)
        return call

    evalbook.check, evalbook.annotate = slow(evalbook.check), slow(evalbook.annotate)


@pytest.fixture(scope="module")
def flag(tmp_path_factory):
    path = tmp_path_factory.mktemp("hang") / "flag"
    os.environ[FLAG] = str(path)  # the spawned workers inherit it
    yield path
    os.environ.pop(FLAG, None)


@pytest.fixture(scope="module")
def served(flag):
    """The app in this process (uvicorn in a thread), one worker, a 3 s limit."""
    import uvicorn

    from evalbook.web.app import Settings, create_app
    from evalbook.web.server import bind

    ready = threading.Event()
    app = create_app(Settings(jobs=1, timeout=LIMIT, worker_init=hang_while_flagged), ready.set)
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    assert ready.wait(120), "the server did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", app.state.service
    server.should_exit = True
    thread.join(30)
    sock.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _post(url: str, name: str = "smart_city.xlsx") -> httpx.Response:
    return httpx.post(url, files={"file": (name, SMART_CITY.read_bytes())}, timeout=60)


def test_a_hanging_check_is_a_504_line_and_its_worker_is_replaced(served, flag):
    url, service = served
    assert _post(f"{url}/api/check").status_code == 200  # the hook sleeps only while flagged
    [stuck] = service.workers.pids()
    flag.touch()
    try:
        started = time.monotonic()
        r = _post(f"{url}/api/check", "慢.xlsx")
        took = time.monotonic() - started
    finally:
        flag.unlink()
    assert r.status_code == 504
    message = r.json()["error"]
    assert message.startswith("慢.xlsx 的检查超过 3 秒仍未完成，已停止") and "\n" not in message
    assert LIMIT <= took < LIMIT + 10
    assert not _alive(stuck)  # ended, not left sleeping
    # A fresh worker serves the next upload, with the right answer.
    deadline = time.monotonic() + 60
    while not service.workers.pids() and time.monotonic() < deadline:
        time.sleep(0.2)
    r = _post(f"{url}/api/check")
    assert r.status_code == 200 and r.json()["summary"]["errors"] == 5
    assert service.workers.pids() and stuck not in service.workers.pids()


def test_on_the_page_the_hanging_file_gets_its_line_and_the_request_its_answer(served, flag):
    url, _ = served
    client = httpx.Client(base_url=url, timeout=60)
    client.get("/")
    flag.touch()
    try:
        r = client.post("/web/check", files={"file": ("慢.xlsx", SMART_CITY.read_bytes())})
    finally:
        flag.unlink()
    assert r.status_code == 200
    answer = r.json()["files"][0]
    assert answer["error"].startswith("慢.xlsx 的检查超过 3 秒仍未完成") and "annotated" not in answer
    r = client.post("/api/annotate?fix=1", files={"file": ("快.xlsx", SMART_CITY.read_bytes())})
    assert r.status_code == 200 and "fixed.xlsx" in r.headers["content-disposition"]


def test_a_worker_that_dies_costs_only_its_call():
    import asyncio

    from evalbook.web.workers import WorkerDied, Workers

    async def scenario():
        workers = Workers(1)
        await workers.start()
        try:
            [first] = workers.pids()
            with pytest.raises(WorkerDied, match="exit 3"):
                await workers.run(os._exit, 3, timeout=30)
            with pytest.raises(RuntimeError, match="ZeroDivisionError"):
                await workers.run(divmod, 1, 0, timeout=30)  # an exception is the call's, not the worker's
            assert await workers.run(os.getpid, timeout=30) != first  # a fresh worker took over
        finally:
            await workers.close()
        assert workers.pids() == []

    asyncio.run(scenario())
