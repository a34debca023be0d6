"""The rule tests mirror the rules: rules/<family>/test_<stem>.py for evalbook/rules/<family>/<stem>.py."""

import re
from pathlib import Path

from evalbook.rules import all_rules

HERE = Path(__file__).resolve().parent


def test_every_registered_rule_has_its_test_file():
    missing = [f"{r.code}: tests/rules/{r.doc_path.parent.name}/test_{r.doc_path.stem}.py" for r in all_rules()
               if not (HERE / r.doc_path.parent.name / f"test_{r.doc_path.stem}.py").is_file()]
    assert not missing, "rules without their test file:\n" + "\n".join(missing)


def test_every_rule_test_file_names_a_registered_rule():
    # A renamed or removed rule leaves no test file behind under its old name.
    expected = {Path(r.doc_path.parent.name) / f"test_{r.doc_path.stem}.py" for r in all_rules()}
    per_rule = {p.relative_to(HERE) for p in HERE.glob("*/test_*.py") if re.match(r"test_[a-z]\d{3}_", p.name)}
    stale = sorted(str(p) for p in per_rule - expected)
    assert not stale, "test files of no registered rule:\n" + "\n".join(stale)
