"""S101: required sheet missing (project or indicators)."""

from builders import indicator_rows, project_rows, write_book

from ..helpers import base_is_clean, found


def test_s101_missing_indicator_sheet(tmp_path):
    path = write_book(tmp_path / "x.xlsx", {"项目": project_rows()})
    assert found(path, "S101") == [("S101", None, None, "error")]


def test_s101_missing_project_sheet(tmp_path):
    path = write_book(tmp_path / "x.xlsx", {"指标": indicator_rows()})
    assert found(path, "S101") == [("S101", None, None, "error")]
    base_is_clean(tmp_path, "S101")


def test_s101_exits_1_not_2(tmp_path):
    from click.testing import CliRunner

    from evalbook.cli import main

    path = write_book(tmp_path / "x.xlsx", {"项目": project_rows()})
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 1
