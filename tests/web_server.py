"""A real `evalbook serve` for the web tests: a subprocess on 127.0.0.1 and a free port
(--port 0), started the way a person starts it, and stopped when the tests are done."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from libreoffice import ci_is_set

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Server:
    def __init__(self, *options: str):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "evalbook", "serve", "--host", "127.0.0.1", "--port", "0", *options],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.url = match.group(0).rstrip("/")
                self.port = int(match.group(1))
                return
            if self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"evalbook serve did not start: {line!r} {self.proc.stderr.read()!r}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def chromium_or_skip() -> str:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if ci_is_set():
        pytest.fail("CI is set but Chromium (/usr/bin/chromium) is not installed; .ci/run installs it", pytrace=False)
    pytest.skip("Chromium is not installed: apt-get install chromium to run the browser tests")
