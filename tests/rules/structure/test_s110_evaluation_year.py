"""S110: 评价年度 missing, or not the year given with --year."""

from click.testing import CliRunner
from builders import mof_grid, project_rows, standard, write_book

import evalbook
from evalbook.cli import main

from ..helpers import base_is_clean, found


def test_s110_year_other_than_the_one_checked(tmp_path):
    path = standard(tmp_path)  # 评价年度 2023 in B5
    assert found(path, "S110", year=2024) == [("S110", "项目", "B5", "warning")]
    assert found(path, "S110", year=2023) == []
    f = next(f for f in evalbook.check(path, year=2024).findings if f.code == "S110")
    assert (f.stated, f.expected) == (2023, 2024) and "项目!B5" in f.message and "2024" in f.message
    base_is_clean(tmp_path, "S110")


def test_s110_text_years_and_full_width_digits(tmp_path):
    proj = project_rows()
    proj[4][1] = "２０２１年度"
    path = standard(tmp_path, project=proj)
    assert found(path, "S110", year=2024) == [("S110", "项目", "B5", "warning")]
    assert found(path, "S110", year=2021) == []


def test_s110_missing_year(tmp_path):
    proj = project_rows()
    proj[4][1] = None  # the label stays, its value is blank
    path = standard(tmp_path, project=proj)
    assert found(path, "S110") == [("S110", "项目", "B5", "warning")]
    proj = [r for r in project_rows() if not r or r[0] != "评价年度"]
    path = standard(tmp_path, name="nolabel.xlsx", project=proj)
    assert found(path, "S110") == [("S110", None, None, "warning")]


def test_s110_year_in_the_mof_grid_title(tmp_path):
    rows, merges = mof_grid()
    path = write_book(tmp_path / "grid.xlsx", {"自评表": rows}, {"自评表": merges})
    assert found(path, "S110") == []
    assert found(path, "S110", year=2024) == [("S110", "自评表", "A2", "warning")]


def test_s110_through_the_command_line(tmp_path):
    path = standard(tmp_path)
    result = CliRunner().invoke(main, ["check", str(path), "--year", "2021", "--format", "json"])
    assert '"S110"' in result.output and result.exit_code == 0
