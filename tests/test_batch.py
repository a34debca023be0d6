"""`evalbook batch`: one summary for a folder of good, faulty and unreadable workbooks.

Every expectation about a readable file comes from running `check` on that file here, so the
batch is pinned to agree with check whatever rules exist; the project facts come from the
cells themselves, read with openpyxl.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from click.testing import CliRunner

from builders import add_checkbox
from evalbook.batch import find_workbooks, run_batch, write_summary
from evalbook.cli import main
from evalbook.pipeline import check
from evalbook.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


GOOD = "良好 项目.xlsx"
FAULTY = "智慧城市 2023.xlsx"
NESTED = os.path.join("子 目录", "热线 #1 100%.xlsx")
WARNED = "全角 文本数字.xlsx"
FORMULA_NAME = "公式名称.xlsx"
TEXT = "不是表格.xlsx"
EMPTY = "空文件.xlsx"
READABLE = [GOOD, FAULTY, NESTED, WARNED, FORMULA_NAME]
UNREADABLE = [TEXT, EMPTY]


def build_folder(root: Path) -> Path:
    folder = root / "收到的 自评表"
    (folder / "子 目录").mkdir(parents=True)
    shutil.copy(EXAMPLES / "consistent.xlsx", folder / GOOD)
    shutil.copy(EXAMPLES / "smart_city.xlsx", folder / FAULTY)
    shutil.copy(EXAMPLES / "hotline.xlsx", folder / NESTED)
    # A full-width score stored as text: read as 10 by evalbook, skipped by Excel's SUM.
    wb = openpyxl.load_workbook(EXAMPLES / "consistent.xlsx")
    wb["指标"]["I2"] = "１０"
    wb.save(folder / WARNED)
    # A project name that looks like a formula must reach the summary as text.
    wb = openpyxl.load_workbook(EXAMPLES / "consistent.xlsx")
    wb["项目"]["B2"] = "=SUM(1,2)"
    wb["项目"]["B2"].data_type = "s"
    wb.save(folder / FORMULA_NAME)
    (folder / TEXT).write_text("项目名称,预算\n智慧城市,300\n", encoding="utf-8")
    (folder / EMPTY).write_bytes(b"")
    # Never forms: Excel's lock file, a hidden file, another kind of file.
    (folder / ("~$" + GOOD)).write_bytes(b"\x00" * 165)
    (folder / ".隐藏.xlsx").write_bytes(b"junk")
    (folder / "说明.txt").write_text("readme", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return build_folder(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def expected(folder) -> dict[str, dict]:
    """check's own JSON for every readable file, keyed by its name inside the folder."""
    return {name: check(str(folder / name)).to_json() for name in READABLE}


@pytest.fixture(scope="module")
def serial(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "汇总.xlsx"
    calls = []
    results = run_batch([folder], out, jobs=1, progress=lambda *a: calls.append(a))
    return out, results, calls


@pytest.fixture(scope="module")
def parallel(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("parallel") / "汇总.xlsx"
    return out, run_batch([folder], out, jobs=2)


def sheet_rows(path: Path, index: int) -> list[tuple]:
    ws = openpyxl.load_workbook(path).worksheets[index]
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def by_header(path: Path, index: int = 0) -> list[dict]:
    rows = sheet_rows(path, index)
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def name_of(result_path: str, folder: Path) -> str:
    return os.path.relpath(result_path, folder)


# ---- finding the files

def test_finds_workbooks_recursively_without_lock_hidden_or_other_files(folder):
    found = find_workbooks([folder])
    assert sorted(name for _, name in found) == sorted(READABLE + UNREADABLE)
    assert all(Path(path) == folder / name for path, name in found)


def test_a_named_file_is_taken_whatever_its_name_and_once(folder, tmp_path):
    other = tmp_path / "附件.pdf"
    other.write_bytes(b"%PDF-1.4\n")
    found = find_workbooks([folder / GOOD, other, folder])
    paths = [p for p, _ in found]
    assert paths[:2] == [str(folder / GOOD), str(other)]
    assert len(paths) == len(set(paths)) == len(READABLE + UNREADABLE) + 1


# ---- the summary sheet

def test_summary_has_one_row_per_file_worst_first(serial, folder, expected):
    out, results, _ = serial
    rows = by_header(out)
    assert len(rows) == len(READABLE + UNREADABLE) == len(results)
    names = [name_of(r["文件"], folder) for r in rows]
    # unreadable first, then errors desc, warnings desc, file name
    assert sorted(names[:2]) == sorted(UNREADABLE)
    assert all(r["状态"] == "无法读取" for r in rows[:2])
    readable = names[2:]
    key = {n: (-expected[n]["summary"]["errors"], -expected[n]["summary"]["warnings"],
               str(folder / n)) for n in READABLE}
    assert readable == sorted(READABLE, key=key.get)
    scored = {name_of(r.path, folder): r.scored for r in results}
    assert scored[GOOD] and scored[FAULTY]
    for row, name in zip(rows[2:], readable):
        s = expected[name]["summary"]
        assert (row["错误数"], row["警告数"]) == (s["errors"], s["warnings"])
        assert row["状态"] == ("有错误" if s["errors"] else "有警告" if s["warnings"] else "通过")
        # a form without scored indicator rows shows no computed score or grade (not "10.00 差")
        assert row["计算得分"] == (s["computed_total"] if scored[name] else None)
        assert row["自评得分"] == s["claimed_total"]
        assert row["计算等级"] == (s["grade"] if scored[name] else None)
        assert row["预算执行率"] == s["budget_rate"]


def test_unreadable_rows_say_why_in_one_line(serial, folder):
    rows = {name_of(r["文件"], folder): r for r in by_header(serial[0])}
    assert "空文件" in rows[EMPTY]["说明"] and "0 字节" in rows[EMPTY]["说明"]
    assert "不是 Excel 工作簿" in rows[TEXT]["说明"]
    for name in UNREADABLE:
        assert "\n" not in rows[name]["说明"] and "Traceback" not in rows[name]["说明"]
        assert rows[name]["错误数"] is None and rows[name]["计算得分"] is None


def test_project_figures_are_numbers_taken_from_the_form(serial, folder):
    src = openpyxl.load_workbook(folder / GOOD)["项目"]
    ws = openpyxl.load_workbook(serial[0]).worksheets[0]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == str(folder / GOOD))
    cell = {h: c for h, c in zip(header, row)}
    assert cell["项目名称"].value == src["B2"].value
    assert cell["实施单位"].value == src["B4"].value
    # the example states 万元: the figures as they are, the unit in the header
    assert cell["全年预算数（万元）"].value == src["C16"].value and cell["全年预算数（万元）"].data_type == "n"
    assert cell["全年执行数（万元）"].value == src["D16"].value
    assert cell["全年预算数（万元）"].number_format == "#,##0.00"
    assert cell["预算执行率"].value == pytest.approx(src["D16"].value / src["C16"].value)
    assert cell["预算执行率"].number_format == "0.00%"


def test_text_that_looks_like_a_formula_stays_text(serial, folder):
    ws = openpyxl.load_workbook(serial[0]).worksheets[0]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == str(folder / FORMULA_NAME))
    assert row[1].value == "=SUM(1,2)" and row[1].data_type == "s"


def test_header_frozen_autofilter_and_highlights(serial):
    wb = openpyxl.load_workbook(serial[0])
    ws = wb.worksheets[0]
    assert wb.sheetnames == ["汇总", "统计", "问题明细"]
    assert ws.freeze_panes == "A2"
    last = ws.max_row
    assert ws.auto_filter.ref == f"A1:U{last}"
    rules = [(str(cf.sqref), r) for cf in ws.conditional_formatting for r in cf.rules]
    assert [sq for sq, _ in rules] == [f"A2:U{last}"] * 2
    red, amber = (r for _, r in rules)
    # red: not checked (unreadable, timed out, out of memory, internal) or any error; amber: no
    # error and some warning
    assert red.formula == ['OR($F2="无法读取",$F2="超时",$F2="内存超限",$F2="内部错误",N($G2)>0)']
    assert red.stopIfTrue
    assert amber.formula == ["AND(N($G2)=0,N($H2)>0)"]
    assert red.dxf.fill.bgColor.rgb.endswith("FFC7CE") and amber.dxf.fill.bgColor.rgb.endswith("FFEB9C")


def test_links_reach_each_file_relative_to_the_summary(serial, folder):
    out = serial[0]
    ws = openpyxl.load_workbook(out).worksheets[0]
    for (cell,) in ws.iter_rows(min_row=2, max_col=1):
        target = unquote(cell.hyperlink.target).replace("\\", "/")
        assert not os.path.isabs(target)
        assert (out.parent / target).resolve() == Path(cell.value).resolve()


def test_english_headers_and_statuses(folder, tmp_path):
    out = tmp_path / "summary.xlsx"
    run_batch([folder / GOOD, folder / EMPTY], out, jobs=1, lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Statistics", "Findings"]
    rows = by_header(out)
    assert [r["Status"] for r in rows][0] == "unreadable"
    assert "empty" in rows[0]["Note"]


# ---- the findings sheet

def test_findings_sheet_has_every_finding_of_every_file(serial, folder, expected):
    rows = by_header(serial[0], 2)
    assert len(rows) == sum(len(e["findings"]) for e in expected.values())
    for name, e in expected.items():
        mine = [(r["规则"], r["级别"], r["工作表"], r["单元格"], r["问题"], r["原填"], r["应为"])
                for r in rows if r["文件"] == str(folder / name)]
        theirs = [(f["code"], {"error": "错误", "warning": "警告"}[f["severity"]], f["sheet"], f["cell"],
                   f["message"], f["stated"], f["expected"]) for f in e["findings"]]
        assert mine == theirs


def test_progress_is_told_the_total_then_each_file(serial):
    _, results, calls = serial
    n = len(results)
    assert calls[0] == (0, n, None)
    assert [c[0] for c in calls[1:]] == list(range(1, n + 1))
    assert {id(c[2]) for c in calls[1:]} == {id(r) for r in results}


# ---- jobs

def test_two_jobs_give_the_same_summary_and_json_as_one(serial, parallel):
    (out1, res1, _), (out2, res2) = serial, parallel
    assert [r.to_json() for r in res1] == [r.to_json() for r in res2]
    for sheet in (0, 1, 2):
        assert sheet_rows(out1, sheet) == sheet_rows(out2, sheet)


# ---- the command line

def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_json_lines_one_object_per_file_same_schema_as_check(folder, expected):
    res = invoke("batch", folder, "--format", "json", "--jobs", "1")
    assert res.exit_code == 1
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(lines) == len(READABLE + UNREADABLE)
    got = {name_of(d["file"], folder): d for d in lines}
    for name in READABLE:
        assert got[name] == expected[name]
    for name in UNREADABLE:
        d = got[name]
        assert d["ok"] is False and d["findings"] == [] and d["error"]
        assert set(d) - {"error"} == set(expected[GOOD]) and set(d["summary"]) == set(expected[GOOD]["summary"])
    assert res.stderr == ""


def test_cli_writes_the_summary_and_says_so(folder, tmp_path):
    out = tmp_path / "汇总 表.xlsx"
    res = invoke("batch", folder, "-o", out, "--jobs", "2")
    assert res.exit_code == 1, res.output
    assert out.exists() and len(by_header(out)) == len(READABLE + UNREADABLE)
    assert "7 个工作簿" in res.stdout and "2 个无法读取" in res.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_exit_codes(folder, tmp_path, expected):
    good = expected[GOOD]["summary"]
    assert invoke("batch", folder / GOOD, "-o", tmp_path / "a.xlsx").exit_code == (1 if good["errors"] else 0)
    warned = expected[WARNED]["summary"]
    if not warned["errors"]:
        assert invoke("batch", folder / WARNED, "-o", tmp_path / "b.xlsx").exit_code == 0
        assert invoke("batch", folder / WARNED, "-o", tmp_path / "b.xlsx", "--strict", "--force").exit_code == 1
    # an unreadable file alone still fails the batch
    assert invoke("batch", folder / EMPTY, "-o", tmp_path / "c.xlsx").exit_code == 1
    assert invoke("batch", folder / FAULTY, "-o", tmp_path / "d.xlsx").exit_code == 1


def test_cli_errors_are_one_line_exit_2(folder, tmp_path):
    empty = tmp_path / "空 文件夹"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "说明.txt").write_text("x", encoding="utf-8")
    cases = {
        "没有找到工作簿": ["batch", empty, "-o", tmp_path / "s.xlsx"],
        "-o": ["batch", folder],
        ".xlsx 文件名": ["batch", folder, "-o", tmp_path / "s.csv"],
        "目录不存在": ["batch", folder, "-o", tmp_path / "无此目录" / "s.xlsx"],
        "不能覆盖": ["batch", folder / GOOD, folder / FAULTY, "-o", folder / FAULTY],
    }
    for needle, args in cases.items():
        res = invoke(*args)
        assert res.exit_code == 2, (needle, res.output)
        assert needle in res.stderr and res.stderr.count("\n") == 1, res.stderr
        assert res.stdout == ""
    assert not (tmp_path / "s.csv").exists()


def test_an_existing_summary_is_replaced_whole_only_with_force(folder, tmp_path):
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(InputError) as err:
        run_batch([folder / GOOD], out, jobs=1)
    assert err.value.key == "batch_summary_exists" and out.read_bytes() == b"old"
    res = invoke("batch", folder / GOOD, "-o", out)
    assert res.exit_code == 2 and res.stdout == "" and res.stderr.count("\n") == 1
    assert "已存在" in res.stderr and "--force" in res.stderr and out.read_bytes() == b"old"
    res = invoke("batch", folder / GOOD, "-o", out, "--force")
    assert res.exit_code in (0, 1) and len(by_header(out)) == 1


def test_write_summary_with_no_files_is_still_a_workbook(tmp_path):
    out = write_summary([], tmp_path / "空.xlsx", "zh")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "统计", "问题明细"]
    assert [wb.worksheets[i].max_row for i in (0, 2)] == [1, 1]


def test_library_refuses_an_empty_folder(tmp_path):
    with pytest.raises(InputError) as err:
        run_batch([tmp_path], tmp_path / "s.xlsx", jobs=1)
    assert err.value.key == "batch_empty"


# ---- annotated copies

def test_annotated_copies_mirror_the_folder_and_open(folder, tmp_path, expected):
    copies = tmp_path / "已 批注"
    out = tmp_path / "汇总.xlsx"
    results = run_batch([folder], out, jobs=2, annotate_to=copies)
    for name in READABLE:
        copy = copies / (os.path.splitext(name)[0] + ".checked.xlsx")
        assert copy.exists(), name
        assert "校验结果" in openpyxl.load_workbook(copy).sheetnames
    for name in UNREADABLE:
        assert not (copies / (os.path.splitext(name)[0] + ".checked.xlsx")).exists()
    # the copies' reports are the same as check's
    assert {name_of(r.path, folder): r.report for r in results if r.report} == expected
    ws = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in ws[1]]
    copy_col = header.index("批注副本")
    for row in ws.iter_rows(min_row=2):
        file_cell, copy_cell = row[0], row[copy_col]
        name = name_of(file_cell.value, folder)
        target = (out.parent / unquote(file_cell.hyperlink.target).replace("\\", "/")).resolve()
        assert target == (folder / name).resolve()  # the file column reaches the file itself
        if name in READABLE:
            copy = copies / (os.path.splitext(name)[0] + ".checked.xlsx")
            assert copy_cell.value == copy.name
            link = unquote(copy_cell.hyperlink.target).replace("\\", "/")
            assert (out.parent / link).resolve() == copy.resolve()
        else:
            assert copy_cell.value is None and copy_cell.hyperlink is None


def test_copies_inside_the_input_folder_are_not_checked_on_the_next_run(folder, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(folder, inputs)
    first = run_batch([inputs], None, jobs=1, annotate_to=inputs / "checked")
    second = run_batch([inputs], None, jobs=1, annotate_to=inputs / "checked")
    assert [r.path for r in first] == [r.path for r in second]
    assert len(second) == len(READABLE + UNREADABLE)


def test_progress_bar_only_when_stderr_is_a_terminal(folder, tmp_path):
    import pty
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "evalbook.cli", "batch", str(folder / GOOD), str(folder / EMPTY),
            "-o", str(tmp_path / "s.xlsx"), "--jobs", "1"]
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=terminal, env=env, timeout=120)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal's other end is closed: all was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert proc.returncode == 1
    assert "检查中" in shown.decode() and "2/2" in shown.decode()
    assert "检查中".encode() not in proc.stdout
    piped = subprocess.run([*args, "--force"], capture_output=True, env=env, timeout=120)
    assert piped.returncode == 1 and piped.stderr == b""


def copy_with_sparkline(src: Path, dst: Path) -> None:
    """The same form written by xlsxwriter, plus a sparkline (an x14 part openpyxl drops)."""
    import xlsxwriter

    wb = openpyxl.load_workbook(src)
    out = xlsxwriter.Workbook(str(dst))
    dates = out.add_format({"num_format": "yyyy-mm-dd"})
    for ws in wb.worksheets:
        sheet = out.add_worksheet(ws.title)
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    sheet.write(c.row - 1, c.column - 1, c.value, dates if c.is_date else None)
        for rng in ws.merged_cells.ranges:
            first = ws.cell(rng.min_row, rng.min_col).value
            sheet.merge_range(rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1, first)
    out.get_worksheet_by_name("支付").add_sparkline("G2", {"range": "支付!C2:C5"})
    out.close()


def test_a_refused_copy_is_a_note_and_the_file_is_still_checked(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    # threaded comments on a sheet that gets notes: the splicer leaves that file to openpyxl,
    # which would turn them into plain notes (form controls and sparklines are kept now)
    from test_annotate import _threaded_comments_on

    form = inputs / "讨论.xlsx"
    shutil.copyfile(EXAMPLES / "smart_city.xlsx", form)
    _threaded_comments_on(form, "指标")
    expected = check(str(form)).to_json()
    out = tmp_path / "汇总.xlsx"
    (result,) = run_batch([inputs], out, jobs=1, annotate_to=tmp_path / "copies")
    assert result.report == expected and result.annotated is None
    assert not (tmp_path / "copies" / "讨论.checked.xlsx").exists()
    (row,) = by_header(out)
    assert row["说明"].startswith("未生成批注副本") and "批注" in row["说明"] and "--allow-loss" in row["说明"]
    assert row["状态"] != "无法读取"
    # with --allow-loss the copy is written
    (result,) = run_batch([inputs], out, jobs=1, annotate_to=tmp_path / "copies", allow_loss=True, force=True)
    assert result.annotated and Path(result.annotated).exists() and result.note is None


def test_a_form_with_a_form_control_gets_its_copy_with_it(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    form = inputs / "控件.xlsx"
    shutil.copyfile(EXAMPLES / "smart_city.xlsx", form)
    add_checkbox(form, "指标")
    (result,) = run_batch([inputs], tmp_path / "汇总.xlsx", jobs=1, annotate_to=tmp_path / "copies")
    assert result.annotated and result.note is None
    import zipfile

    with zipfile.ZipFile(result.annotated) as z:
        assert any(b'ObjectType="Checkbox"' in z.read(n) for n in z.namelist() if n.endswith(".vml"))


def test_a_form_with_sparklines_gets_its_copy_with_them(tmp_path):
    # sparklines (an x14 extension list) used to make annotate refuse; the splice keeps them
    inputs = tmp_path / "in"
    inputs.mkdir()
    form = inputs / "迷你图.xlsx"
    copy_with_sparkline(EXAMPLES / "consistent.xlsx", form)
    (result,) = run_batch([inputs], tmp_path / "汇总.xlsx", jobs=1, annotate_to=tmp_path / "copies")
    assert result.annotated and result.note is None
    import zipfile

    with zipfile.ZipFile(result.annotated) as z:
        assert any(b"sparklineGroup" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


# ---- worker processes

def test_forked_workers_where_the_process_is_alone_spawned_beside_a_thread():
    import multiprocessing
    import sys
    import threading

    from evalbook.batch import start_method

    can_fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    if threading.active_count() == 1:
        assert start_method() == ("fork" if can_fork else "spawn")
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, daemon=True)
    helper.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        helper.join()


def test_spawned_workers_give_the_same_summary_and_json(serial, tmp_path, folder):
    import threading

    # A caller's thread makes batch spawn its workers instead of forking them.
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, daemon=True)
    helper.start()
    out = tmp_path / "汇总.xlsx"
    calls = []
    try:
        results = run_batch([folder], out, jobs=2, progress=lambda *a: calls.append(a))
    finally:
        stop.set()
        helper.join()
    out1, res1, _ = serial
    assert [r.to_json() for r in results] == [r.to_json() for r in res1]
    for sheet in (0, 1, 2):
        assert sheet_rows(out, sheet) == sheet_rows(out1, sheet)
    assert [c[0] for c in calls] == list(range(len(results) + 1))


def test_a_killed_worker_costs_only_the_files_it_held(tmp_path):
    """A worker killed mid-file (the out-of-memory killer, a crash in C): its files become
    internal-error rows, the other files are checked as usual, and the batch ends normally."""
    import multiprocessing
    import signal

    folder = tmp_path / "收到的"
    folder.mkdir()
    for k in range(60):
        shutil.copy(EXAMPLES / ("smart_city.xlsx" if k % 3 else "consistent.xlsx"), folder / f"表 {k:02d}.xlsx")
    alone = run_batch([folder], None, jobs=1)
    hit = 0
    # The kill lands between two files once in a few hundred runs (then nothing is lost);
    # a few attempts make sure the lost-file path itself is exercised.
    for attempt in range(5):
        killed = []

        def kill_the_worker(done, total, result):
            if done == total // 2 and not killed:
                for proc in multiprocessing.active_children():
                    os.kill(proc.pid, signal.SIGKILL)
                    killed.append(proc.pid)

        out = tmp_path / f"汇总 {attempt}.xlsx"
        results = run_batch([folder], out, jobs=2, progress=kill_the_worker)
        assert killed
        assert [r.path for r in results] == [r.path for r in alone]
        lost = [r for r in results if r.status == "internal"]
        for mine, theirs in zip(results, alone):
            if mine.status != "internal":
                assert mine.to_json() == theirs.to_json()
        for r in lost:
            assert r.report is None and "SIGKILL" in r.error and "内部错误" in r.error
        rows = by_header(out)
        assert len(rows) == 60
        assert sorted(r["文件"] for r in rows if r["状态"] == "内部错误") == sorted(r.path for r in lost)
        # what it lost is the file it was checking, and perhaps one checked but not yet sent
        assert len(lost) <= 2
        hit += bool(lost)
        if hit:
            break
    assert hit


def test_a_linked_file_is_checked_once_and_the_summary_in_the_folder_not_at_all(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(EXAMPLES / "consistent.xlsx", folder / "a.xlsx")
    shutil.copy(EXAMPLES / "hotline.xlsx", other / "c.xlsx")
    try:
        os.symlink(folder / "a.xlsx", folder / "sub" / "b.xlsx")  # a.xlsx again
        os.symlink(other / "c.xlsx", folder / "c 链接.xlsx")  # a file outside, reached by a link
        os.symlink(other, folder / "linked", target_is_directory=True)  # a linked folder: not entered
    except (OSError, NotImplementedError):
        pytest.skip("this file system or user cannot make symbolic links")
    summary = folder / "汇总.xlsx"
    summary.write_bytes(b"an old summary")
    results = run_batch([folder, other / "c.xlsx"], summary, jobs=1, force=True)
    assert [r.name for r in results] == ["a.xlsx", "c 链接.xlsx"]
    assert results.skipped.counts() == {"summary": 1, "twice": 1, "linked_folder": 1}
    assert len(by_header(summary)) == 2  # the old summary was replaced, not read as a form
