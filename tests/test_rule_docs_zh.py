"""The Chinese rule explanations (the "检查什么、为什么 / 示例 / 如何修正" part of each rule's .md):
every registered code has one, in Chinese; `evalbook rules CODE` prints it (English with --lang en);
docs/rules.md shows it before the English; and the figures its examples quote are the ones
the rules really give on workbooks built to match them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import IND_HEADER, indicator_rows, leaf, project_rows, standard
from click.testing import CliRunner

from evalbook.rules import explain as ruledocs
from evalbook.cli import main
from evalbook.pipeline import check
from evalbook.rules import RULES, all_rules

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def zh_parts(code: str) -> tuple[str, str, str]:
    doc = RULES[code].doc("zh")
    return doc["what"], doc["example"], doc["fix"]


def zh(code: str) -> str:
    return "\n".join(zh_parts(code))


def test_every_registered_code_has_three_chinese_parts_beside_its_module():
    for r in all_rules():
        assert r.doc_path.is_file() and r.doc_path.parent == Path(r.check.__code__.co_filename).parent, r.code
        for part in zh_parts(r.code):
            assert part.strip() and CJK.search(part), r.code


def test_rules_t103_prints_the_chinese_explanation_and_en_the_docstring():
    what, example, fix = zh_parts("T103")
    out = CliRunner().invoke(main, ["rules", "T103"]).output
    assert out.startswith("T103 (警告): 定量指标得分与评分规则相差过大\n")
    assert f"检查什么、为什么:\n{what}\n" in out
    assert f"示例:\n{example}\n" in out
    assert f"如何修正:\n{fix}\n" in out
    assert "scoring rule" not in out and "What and why" not in out  # no English left in zh

    en = CliRunner().invoke(main, ["rules", "t103", "--lang", "en"]).output
    doc = RULES["T103"].doc("en")
    assert en.startswith("T103 (warning): ")
    assert f"What and why:\n{doc['what']}\n" in en and f"Example:\n{doc['example']}\n" in en
    assert what not in en and example not in en


def test_docs_rules_md_gives_each_rule_in_chinese_then_english():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == ruledocs.markdown(), "regenerate: python -m evalbook.rules.explain > docs/rules.md"
    for r in all_rules():
        section = text.split(f"## {r.code}\n", 1)[1].split("\n## ", 1)[0]
        what, example, fix = zh_parts(r.code)
        en = r.doc("en")
        assert f"*示例：* {example}" in section and f"*如何修正：* {fix}" in section, r.code
        assert section.index(what) < section.index(fix) < section.index(en["what"]), r.code


# ---- the examples' figures are what the rules give


def findings(path, code):
    return [f for f in check(path, select=[code]).findings if f.code == code]


def test_t103_example_13_passes_12_is_reported_against_14_86(tmp_path):
    rows = [IND_HEADER,
            leaf("产出指标", "数量指标", "甲", 15, 13, target=150, actual=148.6),
            leaf("产出指标", "数量指标", "乙", 15, 12, target=150, actual=148.6)]
    found = findings(standard(tmp_path, indicators=rows), "T103")
    assert [f.cell for f in found] == ["I3"]
    assert found[0].expected == 14.86
    assert "14.86" in zh("T103") and "1.5（分值的 10%）" in zh("T103")


def test_b108_example_45_percent_is_the_share_of_the_total_investment(tmp_path):
    project = project_rows()
    project[6][1], project[7][1], project[8][1], project[10][1] = 1789.95, 1736.18, 800, 0.45
    (f,) = findings(standard(tmp_path, project=project), "B108")
    assert f.key == "B108.total"
    assert "44.69%" in f.message and "46.08%" in f.message
    assert "800/1789.95 = 44.69%" in zh("B108") and "800/1736.18 = 46.08%" in zh("B108")


def test_b107_example_0_08_left_when_all_was_paid(tmp_path):
    project = project_rows()
    project[6][1], project[8][1], project[9][1] = 36.92, 36.92, 0.08
    (f,) = findings(standard(tmp_path, project=project), "B107")
    assert (f.stated, f.expected) == (0.08, 0)
    assert "剩余资金填 0.08，应为 0" in zh("B107")


def test_b102_and_b113_examples_at_800_of_1789_95(tmp_path):
    project = project_rows()
    project[15][1:] = [1789.95, 1789.95, 800, 10, 0.4469, 10]
    path = standard(tmp_path, project=project)
    (b102,) = findings(path, "B102")
    assert b102.expected == 4.47 and "44.69%" in b102.message
    assert "执行率 44.69%，得分填 10.00，按公式应为 4.47" in zh("B102")
    (b113,) = findings(path, "B113")
    # The limit is the exact rate × 1.05 (0.446940 × 1.05), not the shown 44.69% × 1.05 (46.92%).
    assert "46.93%" in b113.message
    assert "执行率 44.69%（800 ÷ 1789.95）时，完成度超过 46.93% 就报告" in zh("B113")


def test_p106_example_100_percent_for_4_89_of_5(tmp_path):
    rows = indicator_rows()
    rows[1] = leaf("产出指标", "数量指标", "甲", 5, 4.89)
    rows[1][9] = 1.0
    (f,) = findings(standard(tmp_path, indicators=rows), "P106")
    assert f.cell == "J2" and f.expected == pytest.approx(0.978)
    assert "得分率填 100%，应为 97.80%" in zh("P106")
