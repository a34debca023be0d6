"""The page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; nothing
downloaded): upload by the file chooser and by drag-and-drop, see the findings, download the
annotated copy and the --fix copy and open them, and see the one-line message for a file that
is not a workbook."""

from __future__ import annotations

import base64
import os
import tempfile

import openpyxl
import pytest

from web_server import CHROMIUM_ARGS, EXAMPLES, Server, chromium_or_skip

pytestmark = pytest.mark.browser

SMART_CITY = EXAMPLES / "smart_city.xlsx"


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        # A fresh profile folder per run (launch_persistent_context: Chromium's --user-data-dir).
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS, accept_downloads=True,
            locale="zh-CN")
        yield context
        context.close()


@pytest.fixture
def page(browser, server):
    p = browser.new_page()
    p.goto(server.url + "/")
    yield p
    p.close()


def _see_smart_city(page):
    page.wait_for_selector("section.file", timeout=60_000)
    row = page.locator('tr.finding[data-code="C101"][data-cell="指标!B2"]')
    assert row.count() == 1
    assert "二级指标“数量指标（12）”标明分值 12" in row.inner_text()
    assert page.locator("section.file h2").inner_text() == "smart_city.xlsx"
    assert "错误 5 个，警告 17 个" in page.locator("section.file .line").inner_text()
    sheets = page.locator("section.file h3.sheet").all_inner_texts()
    assert sheets == ["[项目]", "[指标]"]
    fixed = page.locator("a.fixed")
    assert fixed.inner_text() == "下载修正版"
    assert "2 个填错的推算数字" in fixed.get_attribute("title")  # 支付占合同比例 and 自评得分


def test_upload_by_the_file_chooser_and_download_the_annotated_copy(page, tmp_path):
    assert page.title() == "项目支出绩效自评表校验"
    page.set_input_files("#files", str(SMART_CITY))
    _see_smart_city(page)
    with page.expect_download() as info:
        page.click("a.annotated")
    download = info.value
    assert download.suggested_filename == "smart_city.checked.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    wb = openpyxl.load_workbook(saved)
    assert "校验结果" in wb.sheetnames
    assert wb["指标"]["B2"].comment is not None and "C101" in wb["指标"]["B2"].comment.text


def test_download_the_fix_copy(page, tmp_path):
    page.set_input_files("#files", str(SMART_CITY))
    _see_smart_city(page)
    with page.expect_download() as info:
        page.click("a.fixed")
    download = info.value
    assert download.suggested_filename == "smart_city.fixed.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    wb = openpyxl.load_workbook(saved)
    # The wrong 自评得分 (98 where the scores give 90) is now its formula ...
    claimed = wb["项目"]["B12"].value
    assert isinstance(claimed, str) and claimed.startswith("=") and "SUM(" in claimed
    # ... and 校验结果 lists it as P109 and records the unit's 98, marked P109.
    rows = [r for r in wb["校验结果"].iter_rows(values_only=True)]
    assert ("P109", "警告", "项目!B12") in {r[:3] for r in rows}
    records = {(r[0], r[1]): r for r in rows if r[0] in ("项目", "指标")}
    assert records[("项目", "B12")][2] == 98 and records[("项目", "B12")][6] == "P109"
    assert records[("项目", "B11")][6] == "P109"
    assert records[("项目", "B10")][6] is None  # a right figure given its formula is no correction
    # The annotated copy of the same upload keeps the unit's 98.
    with page.expect_download() as info:
        page.click("a.annotated")
    info.value.save_as(tmp_path / "checked.xlsx")
    assert openpyxl.load_workbook(tmp_path / "checked.xlsx")["项目"]["B12"].value == 98


def test_the_fix_button_is_off_when_nothing_needs_fixing(page):
    page.set_input_files("#files", str(EXAMPLES / "consistent.xlsx"))
    page.wait_for_selector("section.file", timeout=60_000)
    button = page.locator("button.fixed")
    assert button.is_disabled() and button.inner_text() == "无需修正版"
    assert page.locator("a.fixed").count() == 0 and page.locator("a.annotated").count() == 1


def test_upload_by_drag_and_drop(page):
    data = base64.b64encode(SMART_CITY.read_bytes()).decode()
    transfer = page.evaluate_handle("""([name, b64]) => {
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}));
        return dt;
    }""", ["smart_city.xlsx", data])
    page.dispatch_event("#drop", "dragenter", {"dataTransfer": transfer})
    page.dispatch_event("#drop", "dragover", {"dataTransfer": transfer})
    assert "over" in page.get_attribute("#drop", "class")
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    _see_smart_city(page)


def test_random_bytes_show_the_one_line_message(page, tmp_path):
    junk = tmp_path / "随机.xlsx"
    junk.write_bytes(os.urandom(4096))
    page.set_input_files("#files", str(junk))
    page.wait_for_selector("section.file p.bad", timeout=60_000)
    text = page.locator("section.file p.bad").inner_text()
    assert "随机.xlsx 不是 Excel 工作簿：请在 Excel 中打开原表并另存为 .xlsx 后再检查" in text
    assert "\n" not in text and "Traceback" not in page.content()


def test_several_files_give_the_summary_and_the_template_downloads(page, tmp_path):
    files = [str(EXAMPLES / n) for n in ("smart_city.xlsx", "hotline.xlsx", "consistent.xlsx")]
    page.set_input_files("#files", files)
    page.wait_for_selector("a.summary", timeout=120_000)
    assert page.locator("section.file").count() == 3
    with page.expect_download() as info:
        page.click("a.summary")
    info.value.save_as(tmp_path / "summary.xlsx")
    assert len(openpyxl.load_workbook(tmp_path / "summary.xlsx").sheetnames) >= 2
    with page.expect_download() as info:
        page.click("#template")
    info.value.save_as(tmp_path / "template.xlsx")
    openpyxl.load_workbook(tmp_path / "template.xlsx")


def test_the_english_switch_and_the_rules_page(page):
    page.click("#switch")
    page.wait_for_url("**/?lang=en")
    assert page.title() == "Project performance self-evaluation check"
    page.set_input_files("#files", str(SMART_CITY))
    page.wait_for_selector("section.file", timeout=60_000)
    assert "5 errors, 17 warnings" in page.locator("section.file .line").inner_text()
    page.goto(page.url.split("?")[0] + "rules")
    page.click("#C101 summary")
    assert "C101" in page.locator("#C101 pre").inner_text()
