import json

from click.testing import CliRunner
from rules.narrative.helpers import base_report, n_found, write

from evalbook.cli import main


def test_a_report_without_a_table_gets_n105_only(tmp_path):
    p = write(tmp_path / "r.docx", "项目自评得分98分。\n| 说明 | 无")
    run = CliRunner().invoke(main, ["check", "--format", "json", str(p)])
    assert run.exit_code == 0
    assert [(f["code"], f["sheet"]) for f in json.loads(run.output)["findings"]] == [("N105", None)]


def test_tables_but_no_figure_in_the_text(tmp_path):
    text = "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分\n| 产出（90） | 数量（90） | 甲 | 90 | 90\n项目实施顺利。"
    assert n_found(write(tmp_path / "r.docx", text), "N105") == [("N105", None, None)]


def test_silent_when_something_was_cross_checked(tmp_path):
    assert n_found(base_report(tmp_path / "r.docx"), "N105") == []
    assert n_found(base_report(tmp_path / "b.docx", total="90"), "N105") == []
