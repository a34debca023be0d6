"""The library calls the spec names (cli.md: every command is also a function)."""

from pathlib import Path

import evalbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_check_returns_a_report_with_the_json_schema():
    report = evalbook.check(EXAMPLES / "smart_city.xlsx", select=["C10"])
    data = report.to_json()
    assert set(data) == {"file", "profile", "ok", "summary", "findings"}
    assert {f["code"] for f in data["findings"]} == {"C101", "C102", "C103"}


def test_annotate_can_be_called_again_after_its_package_was_imported(tmp_path):
    import evalbook.annotation  # noqa: F401  (a package attribute distinct from the function)

    for name in ("a.xlsx", "b.xlsx"):
        report, written = evalbook.annotate(EXAMPLES / "consistent.xlsx", out=tmp_path / name)
        assert written == tmp_path / name and report.ok
