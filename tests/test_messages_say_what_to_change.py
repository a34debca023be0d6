"""Issue 18: on the examples, every finding's message names the cell to change and, where a
number is expected, the number; and the texts built for it hold on forms the tests write."""

from pathlib import Path

import pytest
from builders import project_rows, standard

import evalbook
from evalbook.model.values import distinct, num, pct

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.xlsx"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_finding_on_the_examples_names_its_cell_and_the_number_expected(path, lang):
    report = evalbook.check(path, lang=lang)
    for f in report.findings:
        if f.ref is None:
            continue
        assert str(f.ref) in f.message, (f.code, f.message)
        if f.expected is not None:
            shown = distinct(f.stated, f.expected, pct if f.percent else num)[1]
            assert shown in f.message, (f.code, f.message)


def test_a_wrong_total_says_change_that_cell_to_that_number(tmp_path):
    rows = project_rows()
    rows[11] = ["自评得分", 97]
    f = next(f for f in evalbook.check(standard(tmp_path, project=rows)).findings if f.code == "P104")
    assert f.message.endswith("把 项目!B12 改为 99")
    f = next(f for f in evalbook.check(standard(tmp_path, project=rows), lang="en").findings if f.code == "P104")
    assert f.message.endswith("change 项目!B12 to 99")
