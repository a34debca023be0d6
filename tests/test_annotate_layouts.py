"""annotate on the layouts real offices use (not only the standard one): every formula it writes
recalculates in LibreOffice to the value it cached, the user's own cells keep their values, and
the annotated workbook checks without the derived-cell findings it corrected.

All variants are annotated first and recalculated in one LibreOffice call.
"""

from __future__ import annotations

import openpyxl
import pytest
from builders import IND_HEADER, indicator_rows, leaf, project_rows, standard

import evalbook
from evalbook.annotation import annotate
from libreoffice import read_values


def _two_row_header(tmp_path):
    top = ["绩效指标", None, None, "指标性质", "年度指标值", "度量单位", "实际完成值", "分值", "得分", "得分率",
           "偏差原因分析及改进措施"]
    second = ["一级指标", "二级指标", "三级指标"] + [None] * 8
    merges = {"指标": ["A1:C1"] + [f"{c}1:{c}2" for c in "DEFGHIJK"]}
    return standard(tmp_path, name="two_row.xlsx", indicators=[top, second] + indicator_rows()[1:], merges=merges)


def _sums_and_wrong_totals(tmp_path):
    rows = indicator_rows()
    rows.insert(5, ["小计", None, None, None, None, None, None, 48, 50, 1.0])
    rows.insert(8, ["合计", None, None, None, None, None, None, 30, 30, 1.0])
    rows.append(["小计", None, None, None, None, None, None, 10, 9, 0.9])
    rows.append(["指标合计", None, None, None, None, None, None, 90, 89])
    rows.append(["总分", None, None, None, None, None, None, 100, 98])
    proj = project_rows()
    proj[11] = ["自评得分", 98]
    proj[12] = ["自评等级", "良"]
    return standard(tmp_path, name="sums.xlsx", project=proj, indicators=rows)


def _tier_header_rows(tmp_path):
    h = IND_HEADER
    rows = [h,
            ["产出指标", None, None, None, None, None, None, 50, 50],
            ["产出指标", "数量指标", None, None, None, None, None, 20, 20],
            leaf("产出指标", "数量指标", "甲", 10, 10), leaf("产出指标", "数量指标", "乙", 10, 10),
            ["产出指标", "质量指标", None, None, None, None, None, 30, 29],
            leaf("产出指标", "质量指标", "丙", 15, 15), leaf("产出指标", "质量指标", "丁", 15, 15)]
    return standard(tmp_path, name="tier_headers.xlsx", indicators=rows + indicator_rows()[5:])


def _no_rate_column_and_breakdowns(tmp_path):
    rows = [r[:9] + r[10:] for r in indicator_rows()]  # no 得分率
    rows.insert(2, [None, None, "其中：新建", None, None, None, None, 6, 6, None])
    return standard(tmp_path, name="no_rate.xlsx", indicators=rows)


def _payments_with_number_column(tmp_path):
    pay = [["序号", "支付日期", "支付事项", "金额"], [1, "2023-03-01", "首付款", 60], [2, "2023/9/15", "尾款", 40],
           [None, "合计", None, 90]]
    proj = project_rows()
    proj[9] = ["剩余资金", 5]
    proj[10] = ["支付占合同比例", 0.9]
    return standard(tmp_path, name="payments.xlsx", project=proj, extra={"支付": pay})


BUILDERS = {f.__name__.lstrip("_"): f for f in (_two_row_header, _sums_and_wrong_totals, _tier_header_rows,
                                                 _no_rate_column_and_breakdowns, _payments_with_number_column)}


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("layouts")
    inputs = {name: build(folder) for name, build in BUILDERS.items()}
    outputs = {name: annotate(path, out=folder / f"{name}.checked.xlsx")[1] for name, path in inputs.items()}
    return inputs, outputs, libreoffice.recalculate(list(outputs.values()))


def _formulas(path):
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate) for ws in wb.worksheets for c in ws._cells.values() if c.data_type == "f"}


def _same(a, b):
    a = None if a == "" else a
    b = None if b == "" else b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return a == b


@pytest.mark.parametrize("name", list(BUILDERS))
def test_formulas_recalculate_to_the_cached_values(round_trip, name):
    inputs, outputs, recalculated = round_trip
    ours = _formulas(outputs[name]) - _formulas(inputs[name])
    assert ours, "annotate wrote no formula"
    cached, lo = read_values(outputs[name]), read_values(recalculated[outputs[name]])
    wrong = [(t, a1, cached[t].get(a1), lo[t].get(a1)) for t, a1 in sorted(ours)
             if not _same(cached[t].get(a1), lo[t].get(a1))]
    assert wrong == []


@pytest.mark.parametrize("name", list(BUILDERS))
def test_user_cells_keep_their_values(round_trip, name):
    inputs, outputs, _ = round_trip
    before = openpyxl.load_workbook(inputs[name])
    after = openpyxl.load_workbook(outputs[name])
    ours = _formulas(outputs[name])
    for ws in before.worksheets:
        for c in ws._cells.values():
            if (ws.title, c.coordinate) not in ours:
                assert after[ws.title][c.coordinate].value == c.value, (ws.title, c.coordinate)


def test_wrong_totals_stay_and_the_copy_reports_them(round_trip):
    inputs, outputs, _ = round_trip
    before = [(f.code, f.cell) for f in evalbook.check(inputs["sums_and_wrong_totals"]).findings]
    after = [(f.code, f.cell) for f in evalbook.check(outputs["sums_and_wrong_totals"]).findings]
    assert {"C106", "P104", "P105"} <= {c for c, _ in before}
    assert after == before


def test_fixed_totals_no_longer_disagree_and_are_reported_as_p109(tmp_path):
    path = _sums_and_wrong_totals(tmp_path)
    before = {f.code for f in evalbook.check(path).findings}
    report, out = annotate(path, out=tmp_path / "fixed.xlsx", fix=True)
    after = [(f.code, f.cell) for f in evalbook.check(out).findings]
    assert {"C106", "P104", "P105"} <= before
    assert not {"C106", "P104", "P105", "P106"} & {c for c, _ in after}
    assert "P109" in {c for c, _ in after}
    assert after == [(f.code, f.cell) for f in report.findings]
