"""The rule documentation is generated from the registry: `evalbook rules` lists every code of
the spec (and evalbook's three extensions beyond it) with its severity, `evalbook rules CODE` explains one, and docs/rules.md is what
`python -m evalbook.rules.explain` prints."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from evalbook.rules import explain as ruledocs
from evalbook.cli import main
from evalbook.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent

# The public interface of spec/rules.md: codes never change meaning and are never reused.
SPEC_CODES = {
    "S101": "error", "S102": "error", "S103": "error", "S104": "warning", "S105": "error",
    "S106": "warning", "S107": "warning", "S108": "error", "S109": "warning", "S110": "warning",
    "C101": "error", "C102": "error", "C103": "error", "C104": "warning", "C105": "error", "C106": "error",
    "C107": "warning",
    "P101": "error", "P102": "error", "P103": "error", "P104": "error", "P105": "error", "P106": "error",
    "P107": "error", "P108": "warning", "P109": "warning",
    "B101": "error", "B102": "error", "B103": "error", "B104": "warning", "B105": "error", "B106": "error",
    "B107": "error", "B108": "error", "B109": "error", "B110": "warning", "B111": "error", "B112": "warning",
    "B113": "warning",
    "T101": "warning", "T102": "warning", "T103": "warning", "T104": "warning", "T105": "warning",
    "T106": "warning", "T107": "warning",
    "N101": "error", "N102": "error", "N103": "error", "N104": "warning", "N105": "warning",
}

# evalbook's own codes beyond the spec (issue 19: contradictions inside a report's text that a
# careful reader finds); they follow the same rule: never change meaning, never reused.
EXTENSION_CODES = {"N106": "warning", "N107": "warning", "N108": "warning"}
ALL_CODES = {**SPEC_CODES, **EXTENSION_CODES}


def rules_cli(*args):
    return CliRunner().invoke(main, ["rules", *args])


def test_spec_has_51_codes_and_evalbook_3_more():
    assert len(SPEC_CODES) == 51
    assert len(EXTENSION_CODES) == 3 and not set(EXTENSION_CODES) & set(SPEC_CODES)
    assert len(all_rules()) == 54


def test_rules_lists_every_spec_code_with_its_severity_and_title():
    for lang in ("zh", "en"):
        result = rules_cli("--lang", lang)
        assert result.exit_code == 0, result.stderr
        listed = {}
        for line in result.output.splitlines():
            code, severity, title = line.split(None, 2)
            listed[code] = severity
            assert title.strip()
        sev = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}[lang]
        assert listed == {code: sev[s] for code, s in ALL_CODES.items()}


def test_registry_matches_the_spec_and_every_rule_says_what_and_how_to_fix():
    rules = all_rules()
    assert {r.code: r.severity for r in rules} == ALL_CODES
    for r in rules:
        for lang in ("zh", "en"):
            doc = r.doc(lang)
            assert doc["what"] and doc["fix"], (r.code, lang)
            assert r.title_text(lang), r.code


def test_rules_t103_explains_the_rule():
    result = rules_cli("T103")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("T103 (警告): 定量指标得分与评分规则相差过大")
    for head in ("检查什么、为什么:", "示例:", "如何修正:"):
        assert head in out
    assert "14.86" in out and "10%" in out  # the spec's example and the tolerance
    en = rules_cli("t103", "--lang", "en").output
    assert "What and why:" in en and "Example:" in en and "How to fix:" in en


def test_unknown_code_is_one_line_exit_2():
    result = rules_cli("X999")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "X999" in result.stderr


def test_docs_rules_md_is_generated_from_the_registry():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == ruledocs.markdown(), "regenerate: python -m evalbook.rules.explain > docs/rules.md"
    for code in ALL_CODES:
        assert f"## {code}\n" in text
