"""The README's quick start must stay true: its check command and its sample output are the
program's, and the commands it names exist."""

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from evalbook.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _blocks(lang):
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


def test_quick_start_has_two_commands_install_and_check_then_install_and_test():
    install_check, install_test = _blocks("sh")[:2]
    assert "pip install" in install_check and "evalbook check examples/" in install_check
    assert "'.[test]'" in install_test and "pytest" in install_test


def test_ci_runs_the_readme_test_command():
    test_cmd = _blocks("sh")[1].strip().split("&&")[-1].strip()
    assert test_cmd.endswith("python -m pytest -q")
    assert "python -m pytest -q" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_readme_sample_output_is_what_check_prints(monkeypatch):
    cmd = _blocks("sh")[0].strip().split("&&")[-1].strip()
    args = shlex.split(cmd)[1:]  # drop the evalbook executable
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, args)
    sample = _blocks("text")[0]
    assert result.output == sample
    assert result.exit_code == 1  # the smart-city report has errors, as the README says
