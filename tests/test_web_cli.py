"""Issue #16's command line: Chinese help by default, English on request; bare evalbook is the
help; evalbook FILE... is check; python -m evalbook; serve without its extra is one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from evalbook.cli import main
from web_server import EXAMPLES, ROOT


def _run(*args, env=None, cwd=ROOT):
    base = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "EVALBOOK_LANG")}
    return subprocess.run([sys.executable, "-m", "evalbook", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd, env={**base, **(env or {})})


def test_bare_evalbook_prints_the_chinese_help():
    done = _run()
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("用法： ") and "命令" in done.stdout and "serve" in done.stdout


@pytest.mark.parametrize("env, args", [({"LANG": "en_US.UTF-8"}, []), ({"EVALBOOK_LANG": "en"}, []),
                                       ({}, ["--lang", "en"])])
def test_english_help_by_locale_or_lang(env, args):
    done = _run(*args, "--help", env=env)
    assert done.stdout.startswith("Usage: ") and "Show this message and exit." in done.stdout


def test_a_file_without_a_command_is_check():
    done = _run("examples/smart_city.xlsx")
    assert done.returncode == 1
    assert done.stdout == _run("check", "examples/smart_city.xlsx").stdout
    assert "C101" in done.stdout


def test_usage_error_is_one_chinese_line():
    done = _run("check")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("命令用法有误：缺少参数") and done.stderr.rstrip().endswith("（evalbook --help 查看用法）")


def test_a_mistyped_command_is_not_read_as_a_file():
    done = _run("chek")
    assert done.returncode == 2 and "没有命令 'chek'" in done.stderr


def test_serve_without_the_web_extra_is_one_chinese_line(monkeypatch):
    import evalbook.web

    monkeypatch.setattr(evalbook.web, "missing_dependencies", lambda: ["starlette", "uvicorn"])
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert result.stderr == 'evalbook serve 需要网页组件（starlette, uvicorn）：请运行 pip install "evalbook[web]" 后再试\n'


def test_a_double_clicked_run_waits_for_enter(tmp_path):
    # EVALBOOK_PAUSE=1 is what the Linux desktop shortcut sets; on a terminal the run then waits.
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(ROOT)
        os.environ["EVALBOOK_PAUSE"] = "1"
        os.execv(sys.executable, [sys.executable, "-m", "evalbook", "examples/consistent.xlsx", "-q"])
    import select
    import time

    out, deadline = b"", time.monotonic() + 60
    while "按回车".encode() not in out and time.monotonic() < deadline:
        if select.select([fd], [], [], 1)[0]:
            out += os.read(fd, 4096)
    os.write(fd, b"\n")
    _, status = os.waitpid(pid, 0)
    assert "按回车键关闭" in out.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0
