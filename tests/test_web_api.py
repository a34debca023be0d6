"""The JSON API of `evalbook serve` against a real server process: /api/check is exactly
`evalbook check --format json`, many uploads at once are all answered right, limits hold before
a body is read whole, and downloads are private and expire."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import openpyxl
import pytest

from web_server import EXAMPLES, ROOT, Server

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xlsx"))


@pytest.fixture(scope="module")
def server():
    s = Server("--max-file-mb", "1")
    yield s
    s.stop()


def _cli_json(names: list[str], lang: str = "zh") -> dict[str, dict]:
    done = subprocess.run([sys.executable, "-m", "evalbook", "check", "--format", "json", "--lang", lang, *names],
                          cwd=EXAMPLES, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    return {o["file"]: o for o in objects}


def _post(url, path, name=None, **kw):
    with open(path, "rb") as fh:
        return httpx.post(url, files={"file": (name or path.name, fh.read())}, timeout=60, **kw)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_api_check_is_check_format_json_on_every_example(server, lang):
    assert len(EXAMPLE_FILES) >= 5
    expected = _cli_json([p.name for p in EXAMPLE_FILES], lang)
    for path in EXAMPLE_FILES:
        r = _post(f"{server.url}/api/check?lang={lang}", path)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/json")
        assert r.json() == expected[path.name]


def test_twenty_concurrent_uploads_are_all_answered_correctly(server):
    expected = _cli_json([p.name for p in EXAMPLE_FILES])
    picks = [EXAMPLE_FILES[i % len(EXAMPLE_FILES)] for i in range(20)]
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda p: _post(f"{server.url}/api/check", p), picks))
    for path, r in zip(picks, answers):
        assert r.status_code == 200, r.text
        assert r.json() == expected[path.name]


def test_bad_input_is_a_4xx_with_the_clis_one_line(server, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(os.urandom(3000))
    r = _post(f"{server.url}/api/check", junk, name="随机.xlsx")
    assert r.status_code == 422
    message = r.json()["error"]
    assert "\n" not in message and message.startswith("随机.xlsx 不是 Excel 工作簿")
    assert str(tmp_path) not in message and "/tmp" not in message  # the server's copy is never named


def test_the_one_line_matches_the_cli_for_the_same_name(server, tmp_path):
    (tmp_path / "随机.xlsx").write_bytes(os.urandom(3000))
    done = subprocess.run([sys.executable, "-m", "evalbook", "check", "随机.xlsx"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    r = _post(f"{server.url}/api/check", tmp_path / "随机.xlsx")
    assert r.json()["error"] == done.stderr.strip()


def test_upload_names_are_never_paths(server):
    r = _post(f"{server.url}/api/check", EXAMPLES / "smart_city.xlsx", name="../../etc/passwd/..\\x.xlsx")
    assert r.status_code == 200
    assert r.json()["file"] == "x.xlsx"


def test_api_annotate_returns_the_annotated_workbook(server):
    r = _post(f"{server.url}/api/annotate", EXAMPLES / "smart_city.xlsx")
    assert r.status_code == 200
    assert "smart_city.checked.xlsx" in r.headers["content-disposition"]
    assert r.headers["x-evalbook-errors"] == "5"
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert "校验结果" in wb.sheetnames


def test_api_annotate_fix_returns_the_fix_copy(server):
    r = _post(f"{server.url}/api/annotate?fix=1", EXAMPLES / "smart_city.xlsx")
    assert r.status_code == 200, r.text
    assert "smart_city.fixed.xlsx" in r.headers["content-disposition"]
    assert r.headers["x-evalbook-errors"] == "3"  # B108 and P104 are now P109 warnings
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert str(wb["项目"]["B12"].value).startswith("=")
    rows = list(wb["校验结果"].iter_rows(values_only=True))
    assert ("项目", "B12", 98) in {r[:3] for r in rows if r[6] == "P109"}
    plain = _post(f"{server.url}/api/annotate?fix=0", EXAMPLES / "smart_city.xlsx")
    assert openpyxl.load_workbook(io.BytesIO(plain.content))["项目"]["B12"].value == 98


def test_api_annotate_refuses_a_bad_fix_value_and_a_word_report(server):
    r = _post(f"{server.url}/api/annotate?fix=maybe", EXAMPLES / "smart_city.xlsx")
    assert r.status_code == 400 and r.json()["error"] == "参数 fix 的值 maybe 无效：请用 1 或 0"
    r = _post(f"{server.url}/api/annotate", EXAMPLES / "reports" / "smart_city.docx", name="报告.docx")
    assert r.status_code == 422 and r.json()["error"].startswith("报告.docx 是 Word 自评报告")


def test_an_oversized_upload_is_refused_before_it_is_read_whole(server):
    # Content-Length says 50 MB; only the headers and 64 KB are sent: the answer comes anyway.
    body = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n\r\n" + b"x" * 65536
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: multipart/form-data; boundary=b\r\n"
                     b"Content-Length: 52428800\r\n\r\n" + body)
        raw = b""
        while b"}" not in raw:  # the JSON body's end
            chunk = sock.recv(65536)
            if not chunk:
                break
            raw += chunk
        answer = raw.decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "上限" in answer


def test_a_streamed_upload_without_length_is_cut_off_at_the_limit(server):
    # Chunked, no Content-Length: 3 MB sent (the limit here is 1 MB + 1 MB), the body never
    # finished; the server answers 413 without waiting for the rest.
    head = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n")
        sock.sendall(b"%x\r\n%s\r\n" % (len(head), head))
        block = b"PK\x03\x04" + b"y" * 65532
        for _ in range(48):
            sock.sendall(b"%x\r\n%s\r\n" % (len(block), block))
        raw = b""
        while b"}" not in raw:
            chunk = sock.recv(65536)
            if not chunk:
                break
            raw += chunk
    assert raw.startswith(b"HTTP/1.1 413"), raw[:200]


def test_a_made_up_download_link_is_404(server):
    assert httpx.get(f"{server.url}/download/made-up-token").status_code == 404
    assert httpx.get(f"{server.url}/download/{'A' * 43}").status_code == 404


def test_downloads_are_private_to_the_session_that_made_them(server):
    alice = httpx.Client(base_url=server.url, timeout=60)
    alice.get("/")
    with open(EXAMPLES / "smart_city.xlsx", "rb") as fh:
        r = alice.post("/web/check", files={"file": ("smart_city.xlsx", fh.read())})
    link = r.json()["files"][0]["annotated"]["url"]
    assert alice.get(link).status_code == 200
    bob = httpx.Client(base_url=server.url, timeout=60)
    bob.get("/")
    assert bob.get(link).status_code == 404
    assert httpx.get(server.url + link).status_code == 404  # no session at all


def test_several_files_on_the_page_give_a_batch_summary(server, tmp_path):
    client = httpx.Client(base_url=server.url, timeout=120)
    client.get("/")
    files = [("file", (p.name, p.read_bytes())) for p in EXAMPLE_FILES[:3]]
    files.append(("file", ("坏.xlsx", b"not a workbook")))
    body = client.post("/web/check", files=files).json()
    assert [f["name"] for f in body["files"]] == [p.name for p in EXAMPLE_FILES[:3]] + ["坏.xlsx"]
    assert "不是 Excel 工作簿" in body["files"][3]["error"]
    r = client.get(body["summary"]["url"])
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert len(wb.sheetnames) >= 2


def test_a_file_over_the_per_file_limit_is_refused_and_the_others_checked(server):
    client = httpx.Client(base_url=server.url, timeout=60)
    client.get("/")
    big = b"PK\x03\x04" + os.urandom(1_200_000)
    body = client.post("/web/check", files=[("file", ("大.xlsx", big)),
                                            ("file", ("smart_city.xlsx", (EXAMPLES / "smart_city.xlsx").read_bytes()))]).json()
    assert body["files"][0]["error"].startswith("大.xlsx 超过 1 MB")
    assert body["files"][1]["report"]["summary"]["errors"] == 5


def test_template_and_rules_pages(server):
    r = httpx.get(f"{server.url}/template.xlsx")
    assert r.status_code == 200
    openpyxl.load_workbook(io.BytesIO(r.content))
    page = httpx.get(f"{server.url}/rules").text
    assert 'id="C101"' in page and "二级指标分值" in page
    assert "Rules" in httpx.get(f"{server.url}/rules?lang=en").text


def test_bad_lang_and_not_multipart_are_400(server):
    assert httpx.post(f"{server.url}/api/check?lang=fr", content=b"x").status_code == 400
    r = httpx.post(f"{server.url}/api/check", content=b"x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 400 and "multipart" in r.json()["error"]


def test_a_taken_port_is_one_clear_line(server):
    done = subprocess.run([sys.executable, "-m", "evalbook", "serve", "--port", str(server.port)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and f"端口 {server.port} 已被占用" in done.stderr


def test_a_word_report_is_checked_by_the_api_and_the_page(server):
    # A .docx is checked like `evalbook check 报告.docx` (annotating a report is not offered).
    report = EXAMPLES / "reports" / "smart_city.docx"
    expected = json.loads(subprocess.run([sys.executable, "-m", "evalbook", "check", "--format", "json",
                                          "reports/smart_city.docx"], cwd=EXAMPLES, capture_output=True,
                                         text=True, timeout=120).stdout)
    r = _post(f"{server.url}/api/check", report)
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["findings"] == expected["findings"]
    assert ("N101", "报告", "段落21") in {(f["code"], f["sheet"], f["cell"]) for f in got["findings"]}
    client = httpx.Client(base_url=server.url, timeout=120)
    client.get("/")
    body = client.post("/web/check", files=[("file", ("自评报告.docx", report.read_bytes()))]).json()
    answer = body["files"][0]
    assert answer["report"]["findings"] == expected["findings"]
    assert answer["error"] is None and answer["annotate_error"] is None and "annotated" not in answer
