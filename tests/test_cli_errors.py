"""However a run fails — a usage slip, Ctrl-C, a bug of ours — it ends as one line on stderr
in the chosen language and exit 2, never a traceback."""

import pytest
from click.testing import CliRunner

from evalbook.cli import main

EXAMPLE = "examples/consistent.xlsx"


@pytest.mark.parametrize("args, lang_word", [
    (["check", "--bogus", EXAMPLE], "命令用法有误"),
    (["check", "--lang", "en", "--bogus", EXAMPLE], "usage error"),
    (["check", "--lang=en", "--bogus", EXAMPLE], "usage error"),
])
def test_usage_errors_are_one_line_in_the_chosen_language(args, lang_word):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and lang_word in result.stderr
    assert "Traceback" not in result.output + result.stderr


def _raise(exc):
    def run(*a, **kw):
        raise exc
    return run


@pytest.mark.parametrize("exc, word", [(KeyboardInterrupt(), "已中止"), (ZeroDivisionError("x"), "内部错误")])
def test_interrupts_and_our_own_bugs_end_as_one_line(monkeypatch, exc, word):
    import evalbook.pipeline

    monkeypatch.delenv("EVALBOOK_DEBUG", raising=False)
    monkeypatch.setattr(evalbook.pipeline, "check", _raise(exc))
    result = CliRunner().invoke(main, ["check", EXAMPLE])
    assert result.exit_code == 2
    # click ends the terminal's "^C" line first; the message is the one line with text
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and word in lines[0]
    assert "Traceback" not in result.stderr
