"""Scoring profiles: every key of the spec settable from a TOML file, unknown keys and bad values
refused in one line (exit 2), and the real offices' weightings expressed as profiles."""

from __future__ import annotations

import pytest
from builders import IND_HEADER, leaf, project_rows, standard
from click.testing import CliRunner

from evalbook import profiles
from evalbook.cli import main
from evalbook.pipeline import check
from evalbook.errors import InputError


def write_profile(tmp_path, text, name="office.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- keys

EVERY_KEY = """
name = "县财政局"
description = "产出 40、效益 30、满意度 20，预算执行 10"
total = 120
budget_cap = 15
budget_formula = "linear"
reverse_rule = "ratio"
over_factor = 1.5
t103_tolerance = 0.2
b113_margin = 0.1

[weights]
"产出指标" = 45
"效益指标" = 35
"服务对象满意度指标" = 25

[grades]
"优秀" = 100
"良好" = 90
"合格" = 72
"不合格" = 0

[qualitative]
full = 0.9
partial = 0.5
"""


def test_every_key_of_the_spec_is_settable(tmp_path):
    p = profiles.load(write_profile(tmp_path, EVERY_KEY))
    assert p.name == "县财政局"
    assert p.description.startswith("产出 40")
    assert (p.total, p.budget_cap, p.budget_formula, p.reverse_rule) == (120, 15, "linear", "ratio")
    assert (p.over_factor, p.t103_tolerance, p.b113_margin) == (1.5, 0.2, 0.1)
    # tier-1 names are taken as the reader names them: 产出指标 is 产出
    assert p.weights == {"产出": 45, "效益": 35, "满意度": 25}
    assert p.grades == (("优秀", 100), ("良好", 90), ("合格", 72), ("不合格", 0))
    assert p.grade(95) == "良好" and p.grade(71.99) == "不合格"
    assert (p.qualitative_full, p.qualitative_partial) == (0.9, 0.5)


def test_a_file_names_only_what_differs_from_mof2020(tmp_path):
    mof = profiles.load("mof2020")
    p = profiles.load(write_profile(tmp_path, "t103_tolerance = 0.25\n", "loose.toml"))
    assert p.name == "loose" and p.t103_tolerance == 0.25
    assert (p.weights, p.budget_cap, p.grades, p.total) == (mof.weights, mof.budget_cap, mof.grades, mof.total)
    free = profiles.load(write_profile(tmp_path, "[weights]\n", "free.toml"))
    assert free.weights is None


def test_builtin_profiles():
    mof = profiles.load(None)
    assert mof.name == "mof2020" and mof.weights == {"产出": 50, "效益": 30, "满意度": 10}
    assert (mof.budget_cap, mof.over_factor, mof.t103_tolerance) == (10, 1.2, 0.1)
    assert (mof.qualitative_full, mof.qualitative_partial) == (0.8, 0.6)
    assert [g for g, _ in mof.grades] == ["优", "良", "中", "差"]
    free = profiles.load("free10")
    assert free.weights is None and free.budget_cap == 10
    b20 = profiles.load("budget20")
    assert b20.weights is None and b20.budget_cap == 20 and b20.budget_formula == "capped"
    assert mof.tier1_names == free.tier1_names == b20.tier1_names == ("产出", "效益", "满意度")
    old = profiles.load("framework2013")
    assert old.weights is None and old.budget_cap == 0 and old.total == 100
    assert old.tier1_names == ("决策", "过程", "产出", "效益")


# ---------------------------------------------------------------- refusals

def run_check(args):
    return CliRunner().invoke(main, ["check", *args])


def test_unknown_key_is_refused_in_one_line_exit_2(tmp_path):
    book = standard(tmp_path)
    path = write_profile(tmp_path, 'budget_cap = 10\ncolour = "red"\n')
    for lang, words in (("zh", "未知的设置项 colour"), ("en", "unknown key colour")):
        result = run_check([str(book), "--profile", str(path), "--lang", lang])
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and words in lines[0]
        assert "Traceback" not in result.output + result.stderr
    nested = write_profile(tmp_path, "[qualitative]\nfull = 0.8\nhalf = 0.5\n", "nested.toml")
    result = run_check([str(book), "--profile", str(nested)])
    assert result.exit_code == 2 and "qualitative.half" in result.stderr


@pytest.mark.parametrize("text, named", [
    ("total = 0", "total"),
    ('total = "100"', "total"),
    ("total = true", "total"),
    ("total = nan", "total"),
    ("budget_cap = -1", "budget_cap"),
    ('budget_formula = "square"', "budget_formula"),
    ('reverse_rule = "inverse"', "reverse_rule"),
    ("over_factor = 1", "over_factor"),
    ("over_factor = 0.8", "over_factor"),
    ("t103_tolerance = 2", "t103_tolerance"),
    ("t103_tolerance = -0.1", "t103_tolerance"),
    ("b113_margin = 5", "b113_margin"),
    ('[weights]\n"产出" = 0', "weights.产出"),
    ('[weights]\n"产出" = "五十"', "weights.产出"),
    ('[weights]\n"产出" = 60\n"效益" = 30\n"满意度" = 10', "weights + budget_cap > total"),
    ('[weights]\n"预算执行率" = 10', "weights.预算执行率"),
    ("weights = 50", "weights"),
    ("tier1_names = []", "tier1_names"),
    ('tier1_names = "决策"', "tier1_names"),
    ("tier1_names = [1]", "tier1_names"),
    ('tier1_names = ["预算执行率"]', "tier1_names"),
    ("[grades]", "grades"),
    ('[grades]\n"优" = 120\n"差" = 0', "grades.优"),
    ('[grades]\n"优" = 90\n"良" = 90', "grades"),
    ("[qualitative]\nfull = 0.6\npartial = 0.8", "qualitative"),
    ("[qualitative]\nfull = 1.5", "qualitative"),
    ("total = = 100", "office.toml"),  # not TOML at all
])
def test_bad_values_are_refused_naming_the_key(tmp_path, text, named):
    path = write_profile(tmp_path, text + "\n")
    with pytest.raises(InputError) as err:
        profiles.load(path)
    assert err.value.key == "profile_bad"
    assert named in err.value.message("en")
    result = run_check([str(standard(tmp_path)), "--profile", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and named in result.stderr


def test_missing_profile_names_the_builtins(tmp_path):
    result = run_check([str(standard(tmp_path)), "--profile", "mof2021"])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "mof2020, free10, budget20, framework2013" in result.stderr


# ---------------------------------------------------------------- real weightings

def weighted_rows(weights: dict[str, float]):
    """One tier-2 of two equal leaves per tier-1, every leaf at full marks and on target."""
    rows = [IND_HEADER]
    for t1, cap in weights.items():
        for name in ("甲", "乙"):
            rows.append(leaf(f"{t1}指标", f"{t1}二级", f"{t1}{name}", cap / 2, cap / 2))
    return rows


def weighted_book(tmp_path, name, weights, budget_cap):
    project = project_rows()
    funds = project[15]
    assert funds[0] == "年度资金总额"
    funds[4], funds[6] = budget_cap, budget_cap  # cap, score at a rate of 100%
    return standard(tmp_path, name=name, project=project, indicators=weighted_rows(weights))


def cap_findings(path, profile):
    report = check(path, profile=profile, select=["C"])
    return sorted((f.code, f.cell) for f in report.findings)


def test_weights_40_30_20_get_c104_under_mof2020_and_none_under_their_profile(tmp_path):
    book = weighted_book(tmp_path, "40-30-20.xlsx", {"产出": 40, "效益": 30, "满意度": 20}, 10)
    assert cap_findings(book, "mof2020") == [("C104", "A2"), ("C104", "A6")]  # 产出 40 ≠ 50, 满意度 20 ≠ 10
    office = write_profile(tmp_path, '[weights]\n"产出" = 40\n"效益" = 30\n"满意度" = 20\n', "40-30-20.toml")
    assert cap_findings(book, str(office)) == []
    result = run_check([str(book), "--profile", str(office), "--select", "C"])
    assert result.exit_code == 0 and "C104" not in result.output


def test_weights_70_20_10_with_budget_execution_unscored(tmp_path):
    book = weighted_book(tmp_path, "70-20-10.xlsx", {"产出": 70, "效益": 20, "满意度": 10}, 0)
    office = write_profile(tmp_path, 'budget_cap = 0\n[weights]\n"产出" = 70\n"效益" = 20\n"满意度" = 10\n',
                           "70-20-10.toml")
    assert cap_findings(book, str(office)) == []
    found = cap_findings(book, "mof2020")
    assert ("C104", "A2") in found and ("C104", "E16") in found  # 产出 70 ≠ 50; budget 0 ≠ 10


def test_the_older_framework_20_20_30_30_gets_c107_under_mof2020_and_none_under_framework2013(tmp_path):
    book = weighted_book(tmp_path, "2013.xlsx", {"决策": 20, "过程": 20, "产出": 30, "效益": 30}, 0)
    found = cap_findings(book, "mof2020")
    assert ("C107", "A2") in found and ("C107", "A4") in found
    assert cap_findings(book, "framework2013") == []
    office = write_profile(tmp_path, 'budget_cap = 0\ntier1_names = ["决策", "过程", "产出", "效益"]\n[weights]\n'
                           '"决策" = 20\n"过程" = 20\n"产出" = 30\n"效益" = 30\n', "2013.toml")
    assert cap_findings(book, str(office)) == []


def test_budget_10_and_90_free(tmp_path):
    book = weighted_book(tmp_path, "free.xlsx", {"产出": 60, "效益": 20, "满意度": 10}, 10)
    assert ("C104", "A2") in cap_findings(book, "mof2020")
    assert cap_findings(book, "free10") == []
    office = write_profile(tmp_path, "budget_cap = 10\n[weights]\n", "free.toml")
    assert cap_findings(book, str(office)) == []


def test_budget_20_and_indicators_80_scored_20_times_the_rate(tmp_path):
    project = project_rows()
    funds = project[15]
    funds[3], funds[4], funds[5], funds[6] = 90, 20, 0.9, 18  # executed 90 of 100
    book = standard(tmp_path, name="b20.xlsx", project=project,
                    indicators=weighted_rows({"产出": 40, "效益": 30, "满意度": 10}))
    report = check(book, profile="budget20")
    assert report.derived.budget_score == 18  # 20 × 90%
    assert report.derived.computed_total == 98
    assert [f for f in report.findings if f.code.startswith("C")] == []
    office = write_profile(tmp_path, 'budget_cap = 20\n[weights]\n"产出" = 40\n"效益" = 30\n"满意度" = 10\n',
                           "b20.toml")
    assert cap_findings(book, str(office)) == []
    assert ("C104", "E16") in cap_findings(book, "mof2020")  # 20 ≠ 10
    # the rate is capped at 100%: executing 110 of 100 still earns 20
    funds[3], funds[5], funds[6] = 110, 1.1, 20
    over = standard(tmp_path, name="b20-over.xlsx", project=project,
                    indicators=weighted_rows({"产出": 40, "效益": 30, "满意度": 10}))
    assert check(over, profile="budget20").derived.budget_score == 20


def test_every_profile_in_docs_profiles_md_loads(tmp_path):
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "profiles.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, re.S)
    assert len(blocks) == 6
    loaded = [profiles.load(write_profile(tmp_path, b, f"doc{i}.toml")) for i, b in enumerate(blocks)]
    assert loaded[0].weights == {"产出": 40, "效益": 30, "满意度": 20}
    assert loaded[1].budget_cap == 0 and sum(loaded[1].weights.values()) == 100
    assert loaded[2].weights is None and loaded[2].budget_cap == 10
    assert loaded[3].budget_cap == 20
    assert loaded[4].tier1_names == ("决策", "过程", "产出", "效益") and loaded[4].budget_cap == 0
    assert loaded[5].grade(75) == "合格" and loaded[5].qualitative_partial == 0.5
