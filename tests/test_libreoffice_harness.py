"""The LibreOffice harness really recalculates, and batches and caches its conversions."""

import openpyxl
import pytest
import xlsxwriter

from libreoffice import NEVER_RECALCULATE, LibreOffice, read_values

RIGHT = {"A3": 3, "B3": "ab", "C3": True, "D3": 4.5}


def _stale_workbook(path):
    """Formula cells whose cached values are deliberately wrong, as a careless writer would leave them."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("数据")
    ws.write("A1", 1)
    ws.write("A2", 2)
    ws.write_formula("A3", "=SUM(A1:A2)", None, 999)
    ws.write_formula("B3", '="a"&"b"', None, "wrong")
    ws.write_formula("C3", "=A3=3", None, False)
    ws.write_formula("D3", "=A3*1.5", None, -1)
    wb.close()
    return path


@pytest.fixture(scope="module")
def stale(tmp_path_factory):
    path = _stale_workbook(tmp_path_factory.mktemp("stale") / "stale.xlsx")
    cached = {c: v for c, v in read_values(path)["数据"].items() if c in RIGHT}
    assert cached == {"A3": 999, "B3": "wrong", "C3": False, "D3": -1}  # the input really is stale
    return path


def test_private_profile_recalculates_stale_cached_values(libreoffice, stale):
    got = libreoffice.values(stale)["数据"]
    assert {c: got[c] for c in RIGHT} == RIGHT


def test_without_the_profile_setting_libreoffice_keeps_stale_values(libreoffice, stale, tmp_path):
    # Why the profile exists: LibreOffice's default would echo the file's own (wrong) values.
    default = LibreOffice(libreoffice.soffice, tmp_path, recalc_mode=NEVER_RECALCULATE)
    got = default.values(stale)["数据"]
    assert got["A3"] == 999 and got["B3"] == "wrong"


def test_registered_files_convert_in_one_call_and_are_cached(libreoffice, tmp_path):
    # Same file name in two folders (the converted copies are named after the input), Chinese and spaces.
    paths = []
    for n, folder in enumerate(["甲 组", "乙 组"], start=1):
        (tmp_path / folder).mkdir()
        wb = openpyxl.Workbook()
        wb.active["A1"] = n
        wb.active["A2"] = "=A1*10"
        paths.append(tmp_path / folder / "自评 表.xlsx")
        wb.save(paths[-1])
    before = libreoffice.calls
    libreoffice.register(paths[0])
    results = libreoffice.recalculate([paths[1]])
    assert libreoffice.calls == before + 1
    assert set(results) == {paths[1]}
    assert [libreoffice.values(p)["Sheet"]["A2"] for p in paths] == [10, 20]
    assert libreoffice.calls == before + 1  # both came from that one call


def test_a_changed_file_is_converted_again(libreoffice, tmp_path):
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    wb.active["A2"] = "=A1+1"
    wb.save(path)
    assert libreoffice.values(path)["Sheet"]["A2"] == 2
    wb.active["A1"] = 41
    wb.save(path)
    assert libreoffice.values(path)["Sheet"]["A2"] == 42
