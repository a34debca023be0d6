"""Word reports (spec: workbook.md and cli.md "Word reports"): the .docx reader's grid and
paragraphs, the report's tables read as one workbook, the narrative against them, the command
line, .doc, the guard, and the seed reports' own mistakes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from evalbook import check
from evalbook.cli import main
from evalbook.errors import InputError
from evalbook.files.door import open_book, sniff
from report_builder import PARAGRAPH, base_report, write

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"


def found(report) -> list[tuple[str, str]]:
    return [(f.code, f"{f.sheet}!{f.cell}") for f in report.findings]


# ---- the reader: grid, merges, paragraphs


def test_tables_become_sheets_with_their_merges_and_paragraphs_are_numbered(tmp_path):
    p = write(tmp_path / "r.docx", "\n".join([
        "标题",
        "",
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分",
        "| 产出（20） | 数量（10） | 甲 | 10 | 9",
        "| ^ | 质量（10） | 乙 | 10 | 10",
        "| 小计 | < | < | 20 | 19",
        "@PAGE",
        "第二段",
        "| 项目名称 | 某项目",
    ]))
    book = open_book(p, documents=True)
    assert [s.name for s in book.sheets] == ["表1", "表2"]
    t1 = book.sheets[0]
    assert t1.value(2, 1) == "产出（20）" and t1.value(3, 1) is None  # vMerge: the value is in the top-left
    assert (2, 1, 3, 1) in t1.merged  # 产出 down two rows
    assert (4, 1, 4, 3) in t1.merged  # 小计 across three grid columns
    assert t1.value(4, 4) == "20"  # after a gridSpan of 3 the next cell is in grid column D
    # Every non-empty body paragraph is numbered, table cells and empty lines are not.
    assert [(q.number, q.text) for q in book.paragraphs] == [(1, "标题"), (2, "第二段")]
    assert sniff(p, documents=True) == "docx"


def test_a_report_is_refused_where_a_workbook_is_expected(tmp_path):
    p = write(tmp_path / "r.docx", "正文")
    with pytest.raises(InputError):
        sniff(p)  # annotate and batch still take workbooks only


def test_locations_are_cells_of_each_tables_own_grid(tmp_path):
    # A score above its cap in the continuation table (表4, after the page break) and a
    # stated subtotal that no longer adds up: both in 表4's own rows.
    rep = check(base_report(tmp_path / "r.docx", late_score="16"))
    got = found(rep)
    assert ("P101", "表4!G2") in got
    assert ("P103", "表4!G3") in got
    # 自评得分 (表1!B4) still equals the total with the 16 counted at its cap: P101 alone asks
    # for the one change (P104 counts a leaf above its cap at its cap, issue 18).
    assert not [f for f in got if f[0] == "P104"]


def test_three_indicator_tables_and_a_continuation_are_one_indicator_sheet(tmp_path):
    rep = check(base_report(tmp_path / "r.docx"))
    ind = rep.workbook.indicators
    assert [t1.name for t1 in ind.tier1s] == ["产出", "效益", "满意度"]
    assert len(ind.leaves) == 7
    late = next(leaf for leaf in ind.leaves if leaf.name == "按期完成率")
    # Its tier-1 cell is blank after the page break: 产出 fills down from the table before.
    assert late.tier1 == "产出" and str(late.tier1_ref) == "表3!A2"
    assert str(late.name_ref) == "表4!C2"
    assert [s.kind for s in ind.sums] == ["subtotal"] * 3
    assert rep.summary.computed_total == pytest.approx(99.6)
    assert rep.workbook.project.money_unit == "元"  # 单位：元 right above the funds table


def test_a_continuation_without_its_header_continues_the_table(tmp_path):
    text = "\n".join([
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分",
        "| 产出（20） | 数量（20） | 甲 | 10 | 10",
        "续表",
        "| ^ | ^ | 乙 | 10 | 8",
        "| 小计 | < | < | 20 | 19",
    ])
    rep = check(write(tmp_path / "r.docx", text))
    leaves = rep.workbook.indicators.leaves
    assert [(leaf.name, leaf.tier1, leaf.tier2) for leaf in leaves] == [("甲", "产出", "数量"), ("乙", "产出", "数量")]
    assert ("P103", "表2!E2") in found(rep)  # 19 stated over 10 + 8, in 表2's own row 2


def test_clean_report_has_no_findings(tmp_path):
    rep = check(base_report(tmp_path / "r.docx"))
    assert rep.findings == []
    kinds = sorted({s.kind for s in rep.workbook.narrative.statements})
    assert kinds == ["budget", "executed", "grade", "indicator", "rate", "total"]


@pytest.mark.parametrize("change, code, where", [
    ({"total": "92"}, "N101", "conclusion"),
    ({"grade": "良"}, "N103", "conclusion"),
    ({"rate": "97%"}, "N102", "funds"),
    ({"executed": "90万元"}, "N102", "funds"),  # the table is in 元: 960000 元 = 96 万元
    ({"budget": "120万元"}, "N102", "funds"),
    ({"awareness": "100%"}, "N104", "awareness"),
])
def test_one_mismatch_in_the_text_is_one_finding_at_its_paragraph(tmp_path, change, code, where):
    rep = check(base_report(tmp_path / "r.docx", **change))
    assert found(rep) == [(code, f"报告!段落{PARAGRAPH[where]}")]
    assert "报告写“" in rep.findings[0].message  # the sentence is quoted


def test_amounts_in_yuan_in_the_text_agree_with_a_table_in_yuan(tmp_path):
    assert check(base_report(tmp_path / "r.docx", budget="1,000,000元", executed="960000元")).findings == []


def test_a_report_without_a_table_gets_n105_only_and_exit_0(tmp_path):
    p = write(tmp_path / "r.docx", "项目支出绩效自评报告\n经评价，项目自评得分98分，等级为优。")
    rep = check(p)
    assert [(f.code, f.ref) for f in rep.findings] == [("N105", None)]
    run = CliRunner().invoke(main, ["check", "--format", "json", str(p)])
    assert run.exit_code == 0, run.output
    out = json.loads(run.output)
    assert [f["code"] for f in out["findings"]] == ["N105"]
    assert out["summary"]["claimed_total"] == 98  # the unit's claim, from its text


# ---- the seed reports (examples/reports, built by examples/build_reports.py)

SEED = {
    # 表1: 数量指标（12） over four leaves of 2; 产出（50） over 12 + 10 + 12 + 20; the tables' caps
    # are 50 + 30 + 10 = 90 and no table scores budget execution; the conclusion claims 98 while
    # the tables' scores add up to 90. In the text itself: 800 paid is 46.08% of the 1736.18
    # tender, not 45% (段落9); 应得分10分，扣10分 leaves 0, not 评价得分10分 (段落18); the heading
    # above the 满意度 table says 产出指标分析（指标分值10分，得分10分）, the table's 产出 is 50/50.
    "smart_city.docx": [("P108", "None!None"), ("C103", "表1!D1"), ("C102", "表1!A2"), ("C101", "表1!B2"),
                        ("N106", "报告!段落9"), ("N108", "报告!段落17"), ("N106", "报告!段落18"),
                        ("N101", "报告!段落21")],
    # Text only: nothing to cross-check against a table (N105), but the text contradicts itself:
    # 36.92 budgeted and contracted, 36.92 paid, yet 剩余0.08万元;
    "hotline.docx": [("N105", "None!None"), ("N106", "报告!段落10")],
    # 总投资237.95万元, later 总金额237.5万元 (the sub-projects' 总投资约… are not the total);
    "informatization.docx": [("N105", "None!None"), ("N107", "报告!段落21")],
    # 全县105个行政村, 尚有6个行政村…暂未开通, 已开通的105个行政村: 105 + 6 ≠ 105.
    "village_network.docx": [("N105", "None!None"), ("N106", "报告!段落17")],
}


@pytest.mark.parametrize("name", sorted(SEED))
def test_the_seed_reports_show_their_mistakes_and_nothing_else(name):
    assert found(check(REPORTS / name)) == SEED[name]


def test_the_seed_reports_are_built_from_their_sources(tmp_path):
    # The committed .docx are what examples/build_reports.py makes of the .txt beside them.
    from report_builder import build_reports

    for src in sorted(REPORTS.glob("*.txt")):
        out = tmp_path / (src.stem + ".docx")
        build_reports.save(build_reports.build(src.read_text(encoding="utf-8")), out)
        assert found(check(out)) == found(check(src.with_suffix(".docx")))
        assert open_book(out, documents=True).paragraphs == open_book(src.with_suffix(".docx"),
                                                                     documents=True).paragraphs


def test_the_smart_city_total_quotes_its_sentence():
    n101 = [f for f in check(REPORTS / "smart_city.docx").findings if f.code == "N101"][0]
    assert "自评评价得分98分" in n101.message and "90" in n101.message and "预算执行" in n101.message
    assert (n101.stated, n101.expected) == (98, 90)


# ---- a workbook with its report


def test_check_workbook_with_report_cross_checks_the_text(tmp_path):
    # The smart-city workbook states 自评得分 98, as its report does: the text agrees with it.
    rep = check(ROOT / "examples" / "smart_city.xlsx", report=REPORTS / "smart_city.docx")
    assert not [f for f in rep.findings if f.code in ("N101", "N102", "N103", "N104", "N105")]
    # What the text gets wrong within itself (N106) or against the workbook's 产出 tier (N108) stays.
    assert sorted(f.code for f in rep.findings if f.code.startswith("N")) == ["N106", "N106", "N108"]
    # A report saying 95 does not.
    other = write(tmp_path / "r.docx", "四、自评结论\n项目自评得分95分。")
    rep = check(ROOT / "examples" / "smart_city.xlsx", report=other)
    assert [(f.code, f"{f.sheet}!{f.cell}") for f in rep.findings if f.code.startswith("N")] == [("N101", "报告!段落2")]


def test_cli_report_option_and_a_workbook_given_as_report(tmp_path):
    xlsx = str(ROOT / "examples" / "smart_city.xlsx")
    other = write(tmp_path / "r.docx", "项目自评得分95分。")
    run = CliRunner().invoke(main, ["check", "--format", "json", xlsx, "--report", str(other)])
    assert run.exit_code == 1
    assert ("N101", "段落1") in {(f["code"], f["cell"]) for f in json.loads(run.output)["findings"]}
    run = CliRunner().invoke(main, ["check", xlsx, "--report", xlsx])
    assert run.exit_code == 2 and "--report" in run.stderr and "Traceback" not in run.output


# ---- the guard and .doc


def test_a_dtd_in_the_document_part_is_refused(tmp_path):
    p = write(tmp_path / "r.docx", "正文")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(p) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            dst.writestr(info, data)
    run = CliRunner().invoke(main, ["check", str(bad)])
    assert run.exit_code == 2 and "DOCTYPE" in run.stderr


@pytest.mark.libreoffice
def test_doc_without_libreoffice_asks_for_docx(tmp_path, monkeypatch):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("needs LibreOffice to make a .doc")
    doc = _convert(base_report(tmp_path / "r.docx"), tmp_path, "doc")
    from evalbook.files import doc_convert

    monkeypatch.setattr(doc_convert, "soffice", lambda: None)
    run = CliRunner().invoke(main, ["check", str(doc)])
    assert run.exit_code == 2
    assert "请在 Word/WPS 中另存为 .docx" in run.stderr


@pytest.mark.libreoffice
def test_doc_is_converted_with_libreoffice_writer(tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    doc = _convert(base_report(tmp_path / "r.docx", total="92"), tmp_path, "doc")
    assert sniff(doc, documents=True) == "doc"
    rep = check(doc)
    assert found(rep) == [("N101", f"报告!段落{PARAGRAPH['conclusion']}")]
    assert rep.file == str(doc)


def _convert(src: Path, tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / "converted"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(out), str(src)], check=True, timeout=180,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out / (src.stem + "." + fmt)


def test_cli_reads_a_report_by_path_with_chinese_and_spaces(tmp_path):
    p = base_report(tmp_path / "自评 报告.docx", total="92")
    run = subprocess.run([sys.executable, "-m", "evalbook", "check", str(p)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1, run.stderr
    assert "段落15" in run.stdout and "N101" in run.stdout


def test_a_damaged_report_is_one_line_about_word(tmp_path):
    p = write(tmp_path / "r.docx", "正文")
    bad = tmp_path / "坏.docx"
    with zipfile.ZipFile(p) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    run = CliRunner().invoke(main, ["check", str(bad)])
    assert run.exit_code == 2
    assert "Word 文档" in run.stderr and run.stderr.count("\n") == 1 and "Traceback" not in run.output
