"""Issue 17: the summary a finance bureau reviews, totals and prints (spec: cli.md "Batch summary").

A folder of forms as a bureau receives them: two departments, one form sent twice under another
file and project name, one in 元, one without an indicator table, Excel's lock file, a note, the
previous run's summary and an older one, and (with --annotate-to inside the inbox) the copies.
Every figure expected here comes from the cells the test wrote or from `check` on the file.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from click.testing import CliRunner

from builders import indicator_rows, leaf, project_rows, standard, write_book
from evalbook.batch import run_batch, write_summary
from evalbook.batch.one_file import FileResult, _facts
from evalbook.cli import main
from evalbook.pipeline import check

A = "测试局 甲项目.xlsx"  # department 测试局, consistent
DUP = os.path.join("另一个 文件夹", "再次提交.xlsx")  # A's indicator table and funds, another project name
YUAN = "教育局 元.xlsx"  # department 教育局, money in 元
NOIND = "无指标表.xlsx"  # no indicator sheet at all
SUBMITTED_COPY = "丙项目.checked.xlsx"  # a unit's own annotated copy: a form like any other
FORMS = [A, DUP, YUAN, NOIND, SUBMITTED_COPY]


def yuan_form(folder: Path) -> Path:
    rows = project_rows()
    for row in rows:
        if row and row[0] == "主管部门":
            row[1] = "教育局"
        if row and row[0] == "金额单位":
            row[1] = "元"
        if row and row[0] == "项目名称":
            row[1] = "教育项目"
        if row and row[0] == "年度资金总额":
            row[1:] = [1_234_500, 1_234_500, 987_600, 10, 0.8, 8]
        if row and row[0] == "其中：当年财政拨款":
            row[1:] = [1_234_500, 1_234_500, 987_600]
        if row and row[0] == "自评得分":
            row[1] = 99  # 89 + 8 = 97: a claim 2 above the computed score
    return standard(folder, YUAN, project=rows)


def dup_form(folder: Path) -> Path:
    rows = project_rows()
    rows[1][1] = "改了名字的项目"
    (folder / "另一个 文件夹").mkdir(exist_ok=True)
    return standard(folder, DUP, project=rows)


def submitted_copy(folder: Path) -> Path:
    ind = indicator_rows()
    ind.append(leaf("满意度指标", "服务对象满意度指标", "辛", 0, 0))
    rows = project_rows()
    rows[1][1] = "丙项目"
    return standard(folder, SUBMITTED_COPY, project=rows, indicators=ind[:-2] + [leaf("效益指标", "社会效益指标", "壬", 15, 14)])


def old_layout_summary(path: Path) -> None:
    """A summary from before the document property existed: only its sheets say what it is."""
    write_book(path, {"汇总": [["文件", "项目名称"], ["x.xlsx", "旧"]], "问题明细": [["文件", "规则"]]})


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bureau") / "收件箱"
    folder.mkdir()
    standard(folder, A)
    dup_form(folder)
    yuan_form(folder)
    write_book(folder / NOIND, {"项目": project_rows()})
    submitted_copy(folder)
    (folder / ("~$" + A)).write_bytes(b"\x00" * 165)  # A is open in Excel
    (folder / "说明.txt").write_text("请查收", encoding="utf-8")
    old_layout_summary(folder / "旧汇总.xlsx")
    return folder


@pytest.fixture(scope="module")
def first(inbox, tmp_path_factory):
    """A first run whose summary and annotated copies are written into the inbox itself."""
    out = inbox / "上次汇总.xlsx"
    results = run_batch([inbox], out, jobs=2, annotate_to=inbox / "已批注", year=2023)
    return out, results


@pytest.fixture(scope="module")
def run(inbox, first, tmp_path_factory):
    """The run under test: the previous summary and copies now sit in the inbox."""
    out = tmp_path_factory.mktemp("out") / "汇总.xlsx"
    results = run_batch([inbox], out, jobs=2, annotate_to=inbox / "已批注", year=2023)
    return out, results


def rows_of(path: Path, sheet: int = 0) -> list[dict]:
    ws = openpyxl.load_workbook(path).worksheets[sheet]
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:]]


def by_file(path: Path, inbox: Path) -> dict[str, dict]:
    return {os.path.relpath(r["文件"].value, inbox): r for r in rows_of(path)}


def test_every_form_once_and_nothing_else(run, inbox):
    out, results = run
    assert sorted(os.path.relpath(r.path, inbox) for r in results) == sorted(FORMS)
    assert sorted(by_file(out, inbox)) == sorted(FORMS)
    counts = results.skipped.counts()
    # the first run's summary and the older one, the lock file, the note, the copies of all five
    assert counts == {"summary": 2, "copies": len(FORMS), "lock": 1, "other": 1}


def test_columns_of_a_consistent_form(run, inbox):
    out, _ = run
    row = by_file(out, inbox)[A]
    s = check(str(inbox / A), year=2023).to_json()["summary"]
    values = {k: c.value for k, c in row.items()}
    assert values["项目名称"] == "测试项目" and values["主管部门"] == "测试局" and values["实施单位"] == "测试中心"
    assert values["评价年度"] == 2023
    assert (values["错误数"], values["警告数"]) == (s["errors"], s["warnings"])
    assert values["状态"] == ("有错误" if s["errors"] else "有警告" if s["warnings"] else "通过")
    assert values["自评得分"] == 99 and values["计算得分"] == s["computed_total"] == 99
    assert values["得分差（自评−计算）"] == 0
    assert values["自评等级"] == "优" and values["计算等级"] == s["grade"] == "优"
    assert values["全年预算数（万元）"] == 100 and values["全年执行数（万元）"] == 100
    assert values["预算执行率"] == 1.0
    assert values["批注副本"] == "测试局 甲项目.checked.xlsx"
    target = unquote(row["批注副本"].hyperlink.target).replace("\\", "/")
    assert (out.parent / target).resolve() == (inbox / "已批注" / "测试局 甲项目.checked.xlsx").resolve()
    # formats: scores with two decimals, the gap signed, rates as percents, the year plain
    assert row["自评得分"].number_format == "0.00" and row["计算得分"].number_format == "0.00"
    assert row["得分差（自评−计算）"].number_format == "+0.00;-0.00;0.00"
    assert row["预算执行率"].number_format == "0.00%"
    assert row["评价年度"].number_format == "0"
    assert row["全年预算数（万元）"].number_format == "#,##0.00"


def test_money_in_yuan_is_shown_in_wan_yuan(run, inbox):
    out, results = run
    row = by_file(out, inbox)[YUAN]
    assert row["主管部门"].value == "教育局"
    assert row["全年预算数（万元）"].value == pytest.approx(123.45)
    assert row["全年执行数（万元）"].value == pytest.approx(98.76)
    assert row["预算执行率"].value == pytest.approx(987_600 / 1_234_500, abs=1e-4)
    (res,) = [r for r in results if r.path.endswith(YUAN)]
    assert res.money_unit == "元"
    s = check(str(inbox / YUAN)).to_json()["summary"]
    assert row["计算得分"].value == s["computed_total"]
    assert row["得分差（自评−计算）"].value == pytest.approx(99 - s["computed_total"])
    assert row["得分差（自评−计算）"].value > 0


def test_no_indicator_table_shows_no_computed_score_or_grade(run, inbox):
    out, _ = run
    row = by_file(out, inbox)[NOIND]
    s = check(str(inbox / NOIND)).to_json()["summary"]
    assert s["computed_total"] is not None  # what check computes: the budget score alone
    assert row["计算得分"].value is None and row["计算等级"].value is None
    assert row["得分差（自评−计算）"].value is None
    assert row["自评得分"].value == 99  # the claim is still the unit's
    assert "S101" in row["主要问题"].value


def test_duplicates_are_flagged_on_both_rows_only(run, inbox):
    out, _ = run
    rows = by_file(out, inbox)
    flagged = {name: r["重复提交"].value for name, r in rows.items() if r["重复提交"].value}
    assert set(flagged) == {A, DUP}
    assert str(inbox / DUP) in flagged[A] and str(inbox / A) in flagged[DUP]
    assert rows[A]["项目名称"].value != rows[DUP]["项目名称"].value


def test_main_codes_errors_first_with_counts(run, inbox):
    _, results = run
    (res,) = [r for r in results if r.path.endswith(NOIND)]
    codes = [f["code"] for f in res.findings]
    errors = [f["code"] for f in res.findings if f["severity"] == "error"]
    shown = by_file(run[0], inbox)[NOIND]["主要问题"].value.rstrip("…").split("、")
    first_code = shown[0].split("×")[0]
    assert first_code in errors
    for item in shown:
        code, _, n = item.partition("×")
        assert codes.count(code) == (int(n) if n else 1)


def test_rows_worst_first(run, inbox):
    out, results = run
    rows = rows_of(out)
    errors = [r["错误数"].value for r in rows]
    assert errors == sorted(errors, reverse=True)


# ---- the claim of an annotate --fix copy (the P109 records of issue 14)

def test_fix_copy_shows_the_units_original_claim(tmp_path):
    import evalbook

    project = project_rows()
    claim_row = next(i for i, row in enumerate(project) if row and row[0] == "自评得分")
    project[claim_row][1] = 95  # the parts give 99
    form = standard(tmp_path, "原表.xlsx", project=project)
    fixed = tmp_path / "修正版.checked.xlsx"
    evalbook.annotate(form, out=fixed, fix=True)
    report = check(str(fixed))
    claimed = report.derived.claimed_total
    assert claimed.value == 99  # the --fix copy's claimed-total cell holds evalbook's formula
    assert report.derived.original_claim == 95  # its records say what the unit claimed
    assert any(f.code == "P109" and f.ref == claimed.ref for f in report.findings)
    data = report.to_json()
    res = FileResult(path=str(fixed), name=fixed.name, status="warnings", report=data, **_facts(report))
    out = write_summary([res], tmp_path / "汇总.xlsx")
    (row,) = rows_of(out)
    assert row["自评得分"].value == 95 and row["计算得分"].value == 99
    assert row["得分差（自评−计算）"].value == -4
    assert "P109" in row["主要问题"].value


# ---- 统计

def stats_rows(path: Path) -> list[list]:
    ws = openpyxl.load_workbook(path)["统计"]
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def block(rows: list[list], caption: str) -> list[list]:
    """The data rows under *caption* (after its header row), up to the next blank row."""
    i = next(k for k, r in enumerate(rows) if r[0] == caption)
    out = []
    for r in rows[i + 2:]:
        if all(v is None for v in r):
            break
        out.append(r)
    return out


def test_stats_counts(run, inbox):
    out, results = run
    rows = stats_rows(out)
    assert rows[0][0] == f"批量检查统计：{len(FORMS)} 个文件，跳过 {sum(results.skipped.counts().values())} 个"
    status = {r[0]: r[1] for r in block(rows, "按状态")}
    expected = {}
    for r in results:
        label = {"errors": "有错误", "warnings": "有警告", "ok": "通过", "unreadable": "无法读取"}[r.status]
        expected[label] = expected.get(label, 0) + 1
    assert status == {**expected, "合计": len(FORMS)}
    dept = {r[0]: r for r in block(rows, "按主管部门")}
    assert dept["测试局"][1] == 4  # A, its duplicate, the submitted copy, the form without indicators
    assert dept["教育局"][1] == 1
    assert dept["教育局"][6] == pytest.approx(123.45) and dept["教育局"][7] == pytest.approx(98.76)
    assert dept["合计"][1] == len(FORMS)
    assert dept["合计"][6] == pytest.approx(sum(r.budget or 0 for r in results))
    rules = {r[0]: [r[0], r[4], r[1], r[2], r[3]] for r in block(rows, "按规则（有该问题的文件数）")}
    having: dict[str, int] = {}
    for r in results:
        for code in {f["code"] for f in r.findings}:
            having[code] = having.get(code, 0) + 1
    assert {code: r[3] for code, r in rules.items()} == having
    assert {code: r[4] for code, r in rules.items()} == {
        code: sum(1 for r in results for f in r.findings if f["code"] == code) for code in having}
    gaps = {r[0]: r[1] for r in block(rows, "自评得分 − 计算得分")}
    assert gaps["0（一致）"] >= 2 and gaps["1 至 5"] == 1  # A and its duplicate agree; the 元 form claims +2
    assert sum(gaps.values()) == sum(1 for r in results if r.scored and r.claimed is not None)
    dups = block(rows, "重复提交（指标表和资金相同）")
    assert len(dups) == 1 and dups[0][1] == 2
    skipped = {r[0]: r[1] for r in block(rows, "未列入汇总的文件")}
    assert skipped == {"evalbook 汇总表（本次或以前生成的）": 2, "本次 --annotate-to 写出的批注副本": len(FORMS),
                       "Excel/WPS 锁文件（~$…）": 1, "不是工作簿的文件": 1}
    flat = [v for r in rows for v in r if isinstance(v, str)]
    assert f"{A} 正在 Excel/WPS 中打开：检查的是上次保存的内容" in flat


def test_stats_chart_is_a_native_excel_chart_of_the_gap_bands(run):
    out, _ = run
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert "xl/charts/chart1.xml" in names
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart and "<c:barDir val=\"col\"/>" in chart
    assert "统计!$A$" in chart and "统计!$B$" in chart  # categories and values are the bands' cells


def test_findings_link_to_their_cell(run, inbox):
    out, results = run
    ws = openpyxl.load_workbook(out)["问题明细"]
    header = [c.value for c in ws[1]]
    cell_col, file_col = header.index("单元格"), header.index("文件")
    seen = 0
    for row in ws.iter_rows(min_row=2):
        if row[cell_col].value is None:
            continue
        link = row[cell_col].hyperlink
        target, _, location = (link.target or "").partition("#")
        location = location or link.location
        assert (out.parent / unquote(target).replace("\\", "/")).resolve() == Path(row[file_col].value).resolve()
        sheet = row[header.index("工作表")].value
        assert location == f"'{sheet}'!{row[cell_col].value}"
        seen += 1
    assert seen == sum(1 for r in results for f in r.findings if f["cell"])


def test_findings_rates_are_percents(tmp_path):
    rows = project_rows()
    rows[10][1] = 0.5  # 支付占合同比例 0.5 where 100/100 = 100%: B-rule finding on a rate
    form = standard(tmp_path, "比例.xlsx", project=rows)
    report = check(str(form))
    percent = [f for f in report.findings if f.percent]
    assert percent, [f.code for f in report.findings]
    out = tmp_path / "s.xlsx"
    run_batch([form], out, jobs=1)
    ws = openpyxl.load_workbook(out)["问题明细"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        code = row[header.index("规则")].value
        stated = row[header.index("原填")]
        if code == percent[0].code and stated.value is not None:
            assert stated.number_format == "0.00%"
            assert row[header.index("应为")].number_format == "0.00%"
            break
    else:
        pytest.fail("no percent finding row")


def test_print_setup_on_every_sheet(run):
    wb = openpyxl.load_workbook(run[0])
    assert wb.sheetnames == ["汇总", "统计", "问题明细"]
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and str(ps.paperSize) == "9", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ps.fitToWidth in (None, 1) and ps.fitToHeight == 0, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title


def test_document_property_marks_the_summary(run):
    with zipfile.ZipFile(run[0]) as z:
        assert b"evalbook-batch-summary" in z.read("docProps/custom.xml")


# ---- --force, the terminal's account of what was skipped

def test_cli_refuses_an_existing_summary_and_counts_what_it_skipped(inbox, first, tmp_path):
    out = tmp_path / "汇总.xlsx"
    runner = CliRunner()
    args = ["batch", str(inbox), "-o", str(out), "--annotate-to", str(inbox / "已批注"), "--jobs", "1"]
    res = runner.invoke(main, args)
    assert res.exit_code in (0, 1), res.output
    lines = res.stdout.splitlines()
    assert f"已检查 {len(FORMS)} 个工作簿" in lines[0]
    skipped = next(line for line in lines if line.startswith("跳过"))
    assert skipped.startswith(f"跳过 {2 + len(FORMS) + 1 + 1} 个：")
    assert "Excel/WPS 锁文件（~$…） 1 个" in skipped and "不是工作簿的文件 1 个" in skipped
    assert f"{A} 正在 Excel/WPS 中打开：检查的是上次保存的内容" in lines
    before = out.read_bytes()
    res = runner.invoke(main, args)
    assert res.exit_code == 2 and res.stdout == "" and res.stderr.count("\n") == 1
    assert "--force" in res.stderr and out.read_bytes() == before
    assert runner.invoke(main, [*args, "--force"]).exit_code in (0, 1)


def test_disk_full_writing_the_summary_is_one_line(inbox, tmp_path, monkeypatch):
    import errno

    import xlsxwriter

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", full)
    res = CliRunner().invoke(main, ["batch", str(inbox / A), "-o", str(tmp_path / "s.xlsx"), "--jobs", "1"])
    assert res.exit_code == 2, res.output
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr and "内部错误" not in res.stderr
    assert "磁盘" in res.stderr or "空间" in res.stderr
    assert not [p for p in tmp_path.iterdir()]


# ---- LibreOffice: the first sheet prints one page wide

def test_libreoffice_prints_each_sheet_one_a4_landscape_page_wide(run, libreoffice, tmp_path):
    out, _ = run
    profile = libreoffice.profile_url
    done = subprocess.run([libreoffice.soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
                          env=dict(os.environ, HOME=os.environ.get("HOME") or str(tmp_path)))
    pdf = tmp_path / "汇总.pdf"
    assert pdf.is_file(), done.stderr
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    sizes = [line.split(":", 1)[1] for line in info.splitlines() if line.startswith("Page") and "size" in line]
    assert len(sizes) == pages
    for size in sizes:  # A4 landscape
        w, h = (float(x) for x in size.split("pts")[0].split(" x "))
        assert w > h and round(w) in (841, 842) and round(h) in (595, 596), size

    def text(page: int) -> str:
        return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                              capture_output=True, text=True).stdout

    # The first sheet's rows are few: page 1 holds all of it, its first and last column's
    # headers side by side (one page wide), and page 2 is already the 统计 sheet. Without
    # fit-to-width its 20 columns would run over two or three pages.
    first = text(1)
    header = next(line for line in first.splitlines() if "项目名称" in line)
    assert header.split()[0] == "文件" and header.split()[-1] == "说明", first
    assert "批注副本" in header and "预算执行率" in header
    assert text(2).lstrip().startswith("批量检查统计")
    last = text(pages)
    header = next(line for line in last.splitlines() if "规则说明" in line)
    assert header.split()[0] == "文件" and header.split()[-1] == "应为", last
