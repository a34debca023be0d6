"""The name a person uploaded is the name they read (issue 16): the server keeps uploads as 01.xlsx,
02.xlsx …, but the annotated copy's 校验结果 and the batch summary name each file as uploaded, and
the summary's links never point at the server's copies. The library side (annotate's
display_name, run_batch's display_names) and the page end to end."""

from __future__ import annotations

import io
import shutil

import httpx
import openpyxl
import pytest

import evalbook
from web_server import EXAMPLES, Server

SMART_CITY = EXAMPLES / "smart_city.xlsx"
NAME = "智慧城市 自评表.xlsx"


def _cells(wb) -> list:
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_annotate_names_the_file_by_its_display_name_as_text(tmp_path):
    src = tmp_path / "01.xlsx"
    shutil.copy(SMART_CITY, src)
    _, out = evalbook.annotate(src, out=tmp_path / "a.xlsx", display_name=NAME)
    ws = openpyxl.load_workbook(out)["校验结果"]
    assert (ws["A2"].value, ws["B2"].value) == ("文件", NAME)
    _, out = evalbook.annotate(src, out=tmp_path / "b.xlsx", display_name="=HYPERLINK(1).xlsx")
    cell = openpyxl.load_workbook(out)["校验结果"]["B2"]
    assert cell.value == "=HYPERLINK(1).xlsx" and cell.data_type == "s"  # text, never a formula
    _, out = evalbook.annotate(src, out=tmp_path / "c.xlsx")
    assert openpyxl.load_workbook(out)["校验结果"]["B2"].value == "01.xlsx"


def test_batch_names_files_by_their_display_names_and_links_no_server_path(tmp_path):
    uploads = tmp_path / "server-private"
    uploads.mkdir()
    for n in ("01", "02"):  # the same form twice: a duplicate pair
        shutil.copy(SMART_CITY, uploads / f"{n}.xlsx")
    (uploads / "03.xlsx").write_bytes(b"not a workbook")
    names = {str(uploads / "01.xlsx"): NAME, str(uploads / "02.xlsx"): "副本.xlsx",
             str(uploads / "03.xlsx"): "坏.xlsx"}
    summary = tmp_path / "汇总.xlsx"
    evalbook.run_batch(list(names), summary, jobs=1, display_names=names)
    wb = openpyxl.load_workbook(summary)
    files = [r[0] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)]
    assert sorted(files) == sorted(names.values())
    detail = {r[0] for r in wb["问题明细"].iter_rows(min_row=2, values_only=True)}
    assert detail == {NAME, "副本.xlsx"}
    rows = {r[0].value: r for r in wb["汇总"].iter_rows(min_row=2)}
    link = rows[NAME][0].hyperlink
    assert link is not None and link.target.endswith(".xlsx") and "server-private" not in link.target
    assert "同一文件夹" in (link.tooltip or "")
    texts = [str(c.value) for c in _cells(wb) if c.value is not None]
    targets = [c.hyperlink.target for c in _cells(wb) if c.hyperlink is not None and c.hyperlink.target]
    assert targets and not [t for t in texts + targets if "server-private" in t or "01.xlsx" in t]
    assert any("坏.xlsx 不是 Excel 工作簿" in t for t in texts)  # the error line names it too
    assert any("副本.xlsx" in t and "相同" in t for t in texts)  # and so does the duplicate


def test_batch_without_display_names_is_unchanged(tmp_path):
    shutil.copy(SMART_CITY, tmp_path / "01.xlsx")
    summary = tmp_path / "汇总.xlsx"
    evalbook.run_batch([tmp_path / "01.xlsx"], summary, jobs=1)
    cell = openpyxl.load_workbook(summary)["汇总"]["A2"]
    assert cell.value == str(tmp_path / "01.xlsx") and cell.hyperlink.target == "01.xlsx"


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.stop()


def test_the_page_names_the_uploaded_file_in_both_copies_and_the_summary(server):
    client = httpx.Client(base_url=server.url, timeout=120)
    client.get("/")
    body = client.post("/web/check", files=[("file", (NAME, SMART_CITY.read_bytes())),
                                            ("file", ("热线.xlsx", (EXAMPLES / "hotline.xlsx").read_bytes()))]).json()
    mine = body["files"][0]
    assert mine["name"] == NAME and mine["report"]["file"] == NAME
    for key, suffix in (("annotated", ".checked.xlsx"), ("fixed", ".fixed.xlsx")):
        assert mine[key]["name"] == "智慧城市 自评表" + suffix
        wb = openpyxl.load_workbook(io.BytesIO(client.get(mine[key]["url"]).content))
        assert wb["校验结果"]["B2"].value == NAME
    summary = openpyxl.load_workbook(io.BytesIO(client.get(body["summary"]["url"]).content))
    assert sorted(r[0] for r in summary["汇总"].iter_rows(min_row=2, values_only=True)) == [NAME, "热线.xlsx"]
    assert not [c for c in _cells(summary) if "evalbook-serve" in str(c.value) or
                (c.hyperlink is not None and "evalbook-serve" in (c.hyperlink.target or ""))]
