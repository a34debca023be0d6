"""`evalbook check` on bad input: exit 2, one line on stderr in the chosen language, no
traceback, nothing written."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from evalbook.cli import main
from test_bad_input import LAUGHS, plain_xlsx, rewrite_part


def missing(d):
    return d / "没有.xlsx"


def folder(d):
    (d / "一个 文件夹").mkdir()
    return d / "一个 文件夹"


def empty(d):
    (d / "空.xlsx").write_bytes(b"")
    return d / "空.xlsx"


def text(d):
    (d / "a.xlsx").write_text("项目,得分\n", encoding="utf-8")
    return d / "a.xlsx"


def pdf(d):
    (d / "b.xlsx").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return d / "b.xlsx"


def truncated(d):
    data = plain_xlsx(d / "src.xlsx").read_bytes()
    (d / "c.xlsx").write_bytes(data[:300])
    (d / "src.xlsx").unlink()
    return d / "c.xlsx"


def encrypted(d):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = plain_xlsx(d / "src.xlsx")
    with open(plain, "rb") as src, open(d / "加密.xlsx", "wb") as out:
        OOXMLFile(src).encrypt("pw", out)
    plain.unlink()
    return d / "加密.xlsx"


def ods(d):
    with zipfile.ZipFile(d / "d.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    return d / "d.ods"


def xml_bomb(d):
    src = plain_xlsx(d / "src.xlsx")
    with zipfile.ZipFile(src) as z:
        body = z.read("xl/worksheets/sheet1.xml").decode()
    out = rewrite_part(src, d / "laughs.xlsx", "xl/worksheets/sheet1.xml", (LAUGHS + body).encode())
    src.unlink()
    return out


def zip_bomb(d):
    src = plain_xlsx(d / "src.xlsx")
    out = rewrite_part(src, d / "bomb.xlsx", "xl/worksheets/sheet1.xml", b" " * (200 << 20), level=1)
    src.unlink()
    return out


BAD = [missing, folder, empty, text, pdf, truncated, encrypted, ods, xml_bomb, zip_bomb]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("make", BAD, ids=[m.__name__ for m in BAD])
def test_check_refuses_with_one_line(tmp_path, make, lang):
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(main, ["check", str(path), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and path.name in lines[0]
    assert "Traceback" not in result.stderr
    has_han = any("\u4e00" <= ch <= "\u9fff" for ch in lines[0].replace(path.name, ""))
    assert has_han == (lang == "zh")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_encrypted_message_says_remove_the_password(tmp_path):
    result = CliRunner().invoke(main, ["check", str(encrypted(tmp_path))])
    assert result.exit_code == 2
    assert "请先在 Excel 中取消密码后再检查" in result.stderr


def test_chinese_path_with_spaces_is_checked(tmp_path):
    """Not an input error: the workbook is read and judged (exit 0 or 1, not 2)."""
    path = plain_xlsx(tmp_path / "某 项目 自评表.xlsx")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.output + result.stderr
