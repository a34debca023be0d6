"""`evalbook --version` and every command's --help, as the README promises: each help ends with
an example, and each example is a command line the program accepts. Commands are taken from
the click group, so a command added later is held to the same standard without editing this file."""

import re
import shlex
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

import evalbook
from evalbook.cli import main

COMMANDS = sorted(main.commands)


def _help(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def _examples(help_text: str) -> list[str]:
    """The command lines under the help's "Example:" heading (indented lines up to a blank one)."""
    match = re.search(r"^\s*(?:Examples?:|示例：)\n((?:[ \t]+\S.*\n?)+)", help_text, re.M)
    assert match, f"no Example: block in\n{help_text}"
    lines = []
    for line in match.group(1).splitlines():
        # `evalbook new x.xlsx && evalbook check x.xlsx` is two command lines
        lines.extend(part.strip() for part in line.split("&&"))
    return lines


def _accepts(command_line: str) -> None:
    """Parse *command_line* as the shell would hand it to evalbook, without running it: an option
    the command does not have, a missing argument or a bad choice raises a click error."""
    words = shlex.split(command_line)
    assert words[0] == "evalbook", command_line
    # The group takes no options of its own but --version/--help. Its context settings must be
    # the real ones: click caches each command's help option from the first context it sees.
    group_ctx = click.Context(main, info_name="evalbook", **main.context_settings)
    name, command, rest = main.resolve_command(group_ctx, words[1:])
    command.make_context(name, rest, parent=group_ctx)


def test_the_group_has_the_commands_the_readme_names():
    assert {"check", "annotate", "new", "batch", "rules"} <= set(COMMANDS)


def test_version_prints_the_package_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"evalbook, version {evalbook.__version__}\n"


def test_version_through_the_real_entry_point():
    done = subprocess.run([sys.executable, "-m", "evalbook.cli", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["evalbook,", "version", evalbook.__version__]
    assert done.stderr == ""


def test_group_help_lists_every_command_with_an_example():
    text = _help()
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\b", text, re.M), f"{name} missing from evalbook --help"
    examples = _examples(text)
    assert examples and all(line.startswith("evalbook ") for line in examples)
    for line in examples:
        _accepts(line)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_shows_its_own_example(name):
    text = _help(name)
    assert text.startswith("用法： ")  # Chinese by default (issue #16); English below
    examples = _examples(text)
    assert any(line.startswith(f"evalbook {name}") for line in examples), \
        f"evalbook {name} --help has no example starting with 'evalbook {name}': {examples}"


@pytest.mark.parametrize("name", COMMANDS)
def test_english_help_with_lang_en_has_the_same_examples(name):
    text = _help(name, "--lang", "en")
    assert text.startswith("Usage: ")
    assert _examples(text) == _examples(_help(name))


@pytest.mark.parametrize("name", COMMANDS)
def test_command_examples_are_command_lines_evalbook_accepts(name):
    for line in _examples(_help(name)):
        _accepts(line)


@pytest.mark.parametrize("name", COMMANDS)
def test_short_help_option_is_the_same_help(name):
    assert CliRunner().invoke(main, [name, "-h"]).output == _help(name)


def test_a_stale_example_would_be_caught():
    # The parser the example check relies on rejects what a stale example would hold.
    with pytest.raises(click.NoSuchOption):
        _accepts("evalbook check --no-such-option a.xlsx")
    with pytest.raises(click.BadParameter):
        _accepts("evalbook check --format xml a.xlsx")
    with pytest.raises(click.UsageError):
        _accepts("evalbook frobnicate a.xlsx")
