"""Issue 19 in batch: Word reports are found, paired with the workbook of their project in the
same folder (the report's text checked against the workbook, in the workbook's row), or checked
as rows of their own; and issue 18's kinds: WPS .et, web-system "xls" exports, lock files.

Every expected figure comes from `check` on the files the test built (tests/builders.py forms,
python-docx reports from tests/report_builder.py)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from click.testing import CliRunner

from builders import PROJECT_FORMATS, indicator_rows, project_rows, standard
from evalbook.batch import find_workbooks, run_batch
from evalbook.batch.pair import name_key, stem_key, title_names
from evalbook.cli import main
from evalbook.pipeline import check
from report_builder import write
from web_exports import spreadsheetml

WB = os.path.join("配对", "甲项目自评表.xlsx")
REP = os.path.join("配对", "甲项目自评报告.docx")  # its table says 测试项目, its text 95 (the form: 99)
OTHER = os.path.join("配对", "其他项目自评报告.docx")  # another project, same folder
BELOW = os.path.join("配对", "下级", "测试项目自评报告.docx")  # the project, another folder
TITLE_WB = os.path.join("标题", "表.xlsx")
TITLE_REP = os.path.join("标题", "报告.docx")  # no project table: the title names the project
STEM_WB = os.path.join("文件名", "乙自评表.xlsx")
STEM_REP = os.path.join("文件名", "乙 自评报告.docx")  # no name anywhere: the file names agree
DIFF_WB = os.path.join("名称不同", "丙自评表.xlsx")
DIFF_REP = os.path.join("名称不同", "丙自评报告.docx")  # the file names agree, the project names do not
TWO_A, TWO_B = os.path.join("两份", "a.xlsx"), os.path.join("两份", "b.xlsx")  # both 测试项目
TWO_REP = os.path.join("两份", "报告.docx")


def report_text(name: str | None, total: str = "95", title: str = "测试项目支出绩效自评报告") -> str:
    lines = ["测试局", title, "一、项目基本情况"]
    if name is not None:
        lines.append(f"| 项目名称 | {name} | <")
    lines += ["四、自评结论", f"经综合评价，本项目自评得分为{total}分，评价等级为优。"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reports") / "收件箱"
    for sub in ("配对/下级", "标题", "文件名", "名称不同", "两份"):
        (root / sub).mkdir(parents=True)
    for wb in (WB, TITLE_WB, STEM_WB, DIFF_WB, TWO_A, TWO_B):
        standard(root / os.path.dirname(wb), os.path.basename(wb))
    write(root / REP, report_text("测试项目"))
    write(root / OTHER, report_text("其他项目", title="其他项目支出绩效自评报告"))
    write(root / BELOW, report_text("测试项目"))
    write(root / TITLE_REP, report_text(None, total="97"))
    write(root / STEM_REP, report_text(None, total="96", title="自评报告"))
    write(root / DIFF_REP, report_text("别的项目", title="别的项目支出绩效自评报告"))
    write(root / TWO_REP, report_text("测试项目"))
    return root


@pytest.fixture(scope="module")
def run(inbox, tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("summary")
    results = run_batch([inbox], out_dir / "汇总.xlsx", jobs=2, annotate_to=out_dir / "已批注")
    return out_dir / "汇总.xlsx", results


def rows_of(path: Path, sheet: int = 0) -> list[dict]:
    ws = openpyxl.load_workbook(path).worksheets[sheet]
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:]]


def by_file(run, inbox) -> dict[str, dict]:
    return {os.path.relpath(r["文件"].value, inbox): r for r in rows_of(run[0])}


def test_reports_are_found_beside_the_workbooks(inbox):
    names = sorted(n for _, n in find_workbooks([inbox]))
    assert REP in names and BELOW in names and TWO_REP in names and len(names) == 13


def test_a_paired_workbook_row_holds_the_reports_findings_and_names_it(run, inbox):
    out, results = run
    want = check(inbox / WB, report=inbox / REP)
    assert ("N101", "报告", "段落5") in {(f.code, f.sheet, f.cell) for f in want.findings}  # 95 said, 99 stated
    res = next(r for r in results if r.path == str(inbox / WB))
    assert res.findings == want.to_json()["findings"] and res.report_path == str(inbox / REP)
    row = by_file(run, inbox)[WB]
    assert row["错误数"].value == want.summary.errors and "N101" in row["主要问题"].value
    assert row["配对的自评报告"].value == os.path.basename(REP)
    link = unquote(row["配对的自评报告"].hyperlink.target).replace("\\", "/")
    assert (out.parent / link).resolve() == (inbox / REP).resolve()
    # its annotated copy (of the workbook) is still linked
    assert row["批注副本"].value == "甲项目自评表.checked.xlsx"


def test_a_paired_report_has_no_row_of_its_own_and_every_other_file_has_one(run, inbox):
    _, results = run
    listed = sorted(os.path.relpath(r.path, inbox) for r in results)
    paired = {REP, TITLE_REP, STEM_REP}
    assert listed == sorted(n for _, n in find_workbooks([inbox]) if n not in paired)
    assert sorted(by_file(run, inbox)) == listed


def test_the_reports_text_finding_points_at_the_report_in_the_findings_sheet(run, inbox):
    out, _ = run
    rows = [r for r in rows_of(out, 2) if r["规则"].value == "N101" and r["项目名称"].value == "测试项目"]
    mine = [r for r in rows if r["文件"].value == str(inbox / REP)]
    assert len(mine) == 1 and mine[0]["单元格"].value == "段落5" and mine[0]["工作表"].value == "报告"
    target = unquote(mine[0]["单元格"].hyperlink.target).replace("\\", "/")
    assert "#" not in target and (out.parent / target).resolve() == (inbox / REP).resolve()


@pytest.mark.parametrize("wb, rep, total", [(TITLE_WB, TITLE_REP, 97), (STEM_WB, STEM_REP, 96)])
def test_pairing_by_the_title_or_else_by_the_file_names(run, inbox, wb, rep, total):
    row = by_file(run, inbox)[wb]
    assert row["配对的自评报告"].value == os.path.basename(rep)
    res = next(r for r in run[1] if r.path == str(inbox / wb))
    n101 = [f for f in res.findings if f["code"] == "N101"]
    assert [(f["stated"], f["expected"]) for f in n101] == [(total, 99)]


@pytest.mark.parametrize("rep", [OTHER, BELOW, DIFF_REP, TWO_REP])
def test_an_unpaired_report_is_its_own_row_checked_like_check_report(run, inbox, rep):
    res = next(r for r in run[1] if r.path == str(inbox / rep))
    assert res.document and res.findings == check(inbox / rep).to_json()["findings"]
    row = by_file(run, inbox)[rep]
    assert row["配对的自评报告"].value is None and row["状态"].value in ("通过", "有警告", "有错误")


def test_no_workbook_is_paired_where_the_names_disagree_or_two_match(run, inbox):
    rows = by_file(run, inbox)
    for wb in (DIFF_WB, TWO_A, TWO_B):
        assert rows[wb]["配对的自评报告"].value is None
        assert not [f for f in next(r for r in run[1] if r.path == str(inbox / wb)).findings if f["code"][0] == "N"]
    note = rows[TWO_REP]["说明"].value
    assert "不止一个" in note and "a.xlsx" in note and "b.xlsx" in note


def test_a_report_is_not_flagged_a_duplicate_of_its_workbook(run, inbox):
    rows = by_file(run, inbox)
    assert all(rows[rep]["重复提交"].value is None for rep in (OTHER, BELOW, DIFF_REP, TWO_REP))


def test_pair_keys():
    # the seed reports' titles: one broken over two lines, the unit's name above
    assert name_key("12345政务服务便民热线呼叫中心服务外包项目") in map(name_key, title_names(
        ["山丹县信息化工作办公室", "12345政务服务便民热线呼叫中心服务", "外包项目支出绩效自评报告", "一、项目基本情况"]))
    assert title_names(["关于２０２３年度 村级电子政务外网项目支出绩效自评的报告"]) == ["村级电子政务外网"]
    assert title_names(["一、项目基本情况", "甲项目支出绩效自评报告"]) == []  # past the title
    assert stem_key("甲项目 自评表.xlsx") == stem_key("甲项目_自评报告.docx") == "甲"
    assert stem_key("自评表.xlsx") is None and stem_key("报告.docx") is None  # no project in the name
    assert name_key("“智慧城市” 项目") == name_key("智慧城市") and name_key(None) is None


# ---- issue 18's kinds and lock files


def test_et_and_web_exports_and_lock_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    xlsx = standard(tmp_path, "form.xlsx")
    (folder / "wps.et").write_bytes(xlsx.read_bytes())
    sheets = {"项目": project_rows(), "指标": indicator_rows()}
    formats = {"项目": dict(PROJECT_FORMATS), "指标": {f"J{r}": "0%" for r in range(2, 9)}}
    (folder / "网上导出.xls").write_text(spreadsheetml(sheets, None, formats), encoding="utf-8")
    (folder / "~$wps.et").write_bytes(b"\x00" * 165)  # WPS has wps.et open
    (folder / ".~lock.网上导出.xls#").write_text("x", encoding="utf-8")  # LibreOffice has the export open
    (folder / "~$不在了.xlsx").write_bytes(b"\x00" * 165)  # left by a crash: its workbook is gone
    out = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    rows = {os.path.basename(r["文件"].value): r for r in rows_of(out)}
    assert sorted(rows) == ["wps.et", "网上导出.xls"]
    want = check(xlsx).to_json()
    for row in rows.values():
        assert row["状态"].value == "通过" and row["项目名称"].value == "测试项目"
        assert row["计算得分"].value == want["summary"]["computed_total"]
    lines = result.stdout.splitlines()
    assert "Excel/WPS 锁文件（~$…） 3 个" in next(line for line in lines if line.startswith("跳过"))
    notes = [line for line in lines if "正在 Excel/WPS 中打开" in line]
    assert sorted(notes) == ["wps.et 正在 Excel/WPS 中打开：检查的是上次保存的内容",
                     "网上导出.xls 正在 Excel/WPS 中打开：检查的是上次保存的内容"]
    stats = [v for r in openpyxl.load_workbook(out)["统计"].iter_rows(values_only=True) for v in r if v]
    assert all(note in stats for note in notes)
