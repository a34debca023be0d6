"""Issue 18: a finding caused by another says so, in its message and in JSON's optional "cause"."""

import json

from builders import indicator_rows, project_rows, standard
from click.testing import CliRunner

import evalbook
from evalbook.cli import main


def _text_number_form(tmp_path):
    rows = indicator_rows()
    rows[1][8] = "10分"  # a number stored as text: the sheet's own SUMs skipped it
    rows.insert(5, ["小计", None, None, None, None, None, None, 50, 40, 0.8])
    rows.append(["总分", None, None, None, None, None, None, 100, 89])
    proj = project_rows()
    proj[11] = ["自评得分", 89]
    return standard(tmp_path, indicators=rows, project=proj)


def test_one_text_number_and_the_sums_it_threw_off_point_back_to_it(tmp_path):
    report = evalbook.check(_text_number_form(tmp_path))
    linked = [(f.code, str(f.ref), f.cause[0], str(f.cause[1])) for f in report.findings if f.cause]
    assert linked == [("P104", "项目!B12", "S107", "指标!I2"), ("P103", "指标!I6", "S107", "指标!I2"),
                      ("P104", "指标!I10", "S107", "指标!I2")]
    assert all("指标!I2" in f.message and "S107" in f.message for f in report.findings if f.cause)


def test_json_gives_the_cause_only_where_there_is_one(tmp_path):
    result = CliRunner().invoke(main, ["check", str(_text_number_form(tmp_path)), "--format", "json"])
    findings = json.loads(result.output)["findings"]
    causes = [f.get("cause") for f in findings]
    assert {"code": "S107", "sheet": "指标", "cell": "I2"} in causes
    s107 = next(f for f in findings if f["code"] == "S107")
    assert list(s107) == ["code", "severity", "sheet", "cell", "message", "stated", "expected"]


def test_a_sum_wrong_by_another_amount_has_no_cause(tmp_path):
    rows = indicator_rows()
    rows[1][8] = "10分"
    rows.insert(5, ["小计", None, None, None, None, None, None, 50, 47, 0.94])
    report = evalbook.check(standard(tmp_path, indicators=rows))
    p103 = [f for f in report.findings if f.code == "P103"]
    assert p103 and p103[0].cause is None and "S107" not in p103[0].message
