"""The example workbooks hold the seed's figures, in the cells the rules point at.

The figures below are copied from the seed reports (and, for consistent.xlsx, from its design),
not from examples/build_examples.py, so an edit to an example or to its builder that moves or
changes a figure fails here instead of silently changing what the rule tests check.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = ["smart_city.xlsx", "hotline.xlsx", "informatization.xlsx",
         "village_network.xlsx", "consistent.xlsx"]

INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位",
                    "实际完成值", "分值", "得分", "得分率", "偏差原因分析及改进措施"]
FUNDS_HEADER = ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
PAYMENT_HEADER = ["支付日期", "支付事项", "金额", "资金来源", "凭证号", "备注"]


def _open(name):
    return load_workbook(EXAMPLES / name)


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def _row(ws, row: int, ncols: int) -> list:
    return [ws.cell(row=row, column=c).value for c in range(1, ncols + 1)]


def _is_percent(cell) -> bool:
    return "%" in cell.number_format


def _check_project(ws, expected: dict[str, object]) -> None:
    for ref, value in expected.items():
        assert ws[ref].value == value, f"项目!{ref}: {ws[ref].value!r} != {value!r}"


@pytest.mark.parametrize("name", FILES)
def test_standard_layout(name):
    wb = _open(name)
    assert wb.sheetnames[:2] == ["项目", "指标"]
    proj, ind = wb["项目"], wb["指标"]
    assert proj["A1"].value == "项目支出绩效自评表"
    assert "A1:G1" in _merged(proj)
    assert [proj.cell(row=r, column=1).value for r in range(2, 8)] == [
        "项目名称", "主管部门", "实施单位", "评价年度", "金额单位", "项目总投资"]
    assert proj["B6"].value == "万元"
    assert _row(ind, 1, 11) == INDICATOR_HEADER
    if "支付" in wb.sheetnames:
        assert _row(wb["支付"], 1, 6) == PAYMENT_HEADER


def test_smart_city_project():
    proj = _open("smart_city.xlsx")["项目"]
    _check_project(proj, {
        "B2": "智慧城市建设项目", "B4": "山丹县信息化工作办公室", "B5": 2023,
        "A7": "项目总投资", "B7": 1789.95,
        "A8": "合同金额", "B8": 1736.18,
        "A9": "累计支付", "B9": 800,
        "A10": "剩余资金", "B10": 989.95,
        "A11": "支付占合同比例", "B11": 0.45,
        "A12": "自评得分", "B12": 98,
        "A13": "自评等级", "B13": None,
    })
    # 45% is what the report states; kept at 0 percent digits so it reads as written.
    assert proj["B11"].number_format == "0%"
    assert _row(proj, 15, 7) == FUNDS_HEADER
    assert _row(proj, 16, 7) == ["年度资金总额", None, None, 300, None, None, None]
    assert [proj.cell(row=r, column=1).value for r in (17, 18, 19)] == [
        "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert proj["A21"].value == "年度总体目标" and proj["B21"].value
    assert "B21:G21" in _merged(proj)


def test_smart_city_indicators():
    ind = _open("smart_city.xlsx")["指标"]
    merged = _merged(ind)
    assert ind["A2"].value == "产出（50）" and "A2:A11" in merged
    # The declared 12 over four leaves of 2: the seed's mistake, located at B2.
    assert ind["B2"].value == "数量指标（12）" and "B2:B5" in merged
    assert [ind.cell(row=r, column=8).value for r in range(2, 6)] == [2, 2, 2, 2]
    assert [ind.cell(row=r, column=9).value for r in range(2, 6)] == [2, 2, 2, 2]
    assert (ind["B6"].value, ind["B8"].value, ind["B10"].value) == (
        "质量指标（10）", "时效指标（12）", "成本指标（20）")
    assert {"B6:B7", "B8:B9", "B10:B11"} <= merged
    assert [ind.cell(row=r, column=8).value for r in range(6, 12)] == [5, 5, 10, 2, 10, 10]
    assert [ind.cell(row=r, column=3).value for r in (2, 3, 4, 5, 8, 9)] == [
        "1个中心", "2个平台", "3项应用系统", "N项智慧应用整合", "系统投入运行", "工程通过验收"]
    for r in list(range(2, 12)) + [13, 14, 15, 17, 18]:
        assert ind.cell(row=r, column=10).value == 1.0
        assert ind.cell(row=r, column=10).number_format == "0%"
    assert _row(ind, 12, 10)[0] == "小计" and "A12:G12" in merged
    assert [ind["H12"].value, ind["I12"].value, ind["J12"].value] == [50, 50, 1.0]

    assert ind["A13"].value == "效益（30）" and "A13:A15" in merged
    assert [ind.cell(row=r, column=2).value for r in (13, 14, 15)] == [
        "经济效益（10）", "社会效益（10）", "生态效益（10）"]
    assert [ind["H16"].value, ind["I16"].value, ind["A16"].value] == [30, 30, "小计"]

    assert ind["A17"].value == "满意度（10）" and "A17:A18" in merged
    assert ind["B17"].value == "服务对象\n满意度指标（10）" and "B17:B18" in merged
    assert [ind["H17"].value, ind["H18"].value] == [5, 5]
    assert [ind["H19"].value, ind["I19"].value, ind["A19"].value] == [10, 10, "小计"]
    assert ind.max_row == 19


def test_hotline():
    wb = _open("hotline.xlsx")
    proj = wb["项目"]
    _check_project(proj, {
        "B2": "12345政务服务便民热线呼叫中心服务外包项目",
        "A7": "项目总投资", "B7": 36.92,
        "A8": "合同金额", "B8": 36.92,
        "A9": "其中：山丹县“12345”平台运维业务服务合同", "B9": 7.2,
        "A10": "其中：山丹县“12345”政务服务便民热线呼叫中心服务外包项目合同", "B10": 29.72,
        "A11": "累计支付", "B11": 36.92,
        # 0.08 although 36.92 − 36.92 = 0: the seed's figure, kept.
        "A12": "剩余资金", "B12": 0.08,
        "A13": "支付占合同比例", "B13": None,
        "A14": "自评得分", "B14": 98,
    })
    assert _row(proj, 17, 7) == FUNDS_HEADER
    assert _row(proj, 18, 7) == ["年度资金总额", None, None, None, None, None, None]
    assert wb["指标"].max_row == 1
    assert "支付" not in wb.sheetnames


def test_informatization():
    wb = _open("informatization.xlsx")
    proj = wb["项目"]
    _check_project(proj, {
        "B2": "信息化建设项目",
        "A7": "项目总投资", "B7": 237.95,
        # 80 + 78.82 + 81 = 239.82 > 237.95: the seed's mistake, kept.
        "A8": "其中：山丹县电子政务外网IPv6升级改造项目", "B8": 80,
        "A9": "其中：山丹县县级延伸乡镇视频会议系统建设项目", "B9": 78.82,
        "A10": "其中：山丹县廉情监督热线项目", "B10": 81,
        "A11": "合同金额", "B11": None,
        "A12": "累计支付", "B12": None,
        "A13": "剩余资金", "B13": None,
        "A15": "自评得分", "B15": 99,
    })
    assert _row(proj, 18, 7) == FUNDS_HEADER
    assert _row(proj, 19, 7) == ["年度资金总额", None, None, 30, None, None, None]
    assert "237.5万元" in proj["B26"].value
    assert wb["指标"].max_row == 1
    pay = wb["支付"]
    assert _row(pay, 2, 3) == ["2023.9", "支付山丹县电子政务外网IPv6升级改造项目", 15]
    assert _row(pay, 3, 3) == ["2023.9", "支付山丹县县级延伸乡镇视频会议系统建设项目", 15]
    assert pay["A2"].data_type == "s"
    assert (pay["A4"].value, pay["C4"].value) == ("合计", 30)
    assert pay.max_row == 4


def test_village_network():
    wb = _open("village_network.xlsx")
    proj = wb["项目"]
    _check_project(proj, {
        "B2": "村级电子政务外网项目",
        "B5": None,  # the report names no year
        "A7": "项目总投资", "B7": 6.3,
        "A8": "合同金额", "B8": None,
        "A9": "累计支付", "B9": 6.3,
        "A10": "剩余资金", "B10": None,
        "A12": "自评得分", "B12": 98,
    })
    assert proj["A21"].value == "年度总体目标"
    assert proj["B21"].value.startswith("全县105个行政村开通不低于100M光纤专线电子政务外网")
    assert wb["指标"].max_row == 1
    assert "支付" not in wb.sheetnames


def test_consistent_cells():
    wb = _open("consistent.xlsx")
    proj, ind, pay = wb["项目"], wb["指标"], wb["支付"]
    _check_project(proj, {
        "B5": 2023, "B7": 50, "B8": 49.5, "B9": 49, "B10": 1, "B11": 0.9899,
        "B12": 99.69, "B13": "优",
    })
    assert proj["B11"].number_format == "0.00%"
    assert _row(proj, 16, 7) == ["年度资金总额", 50, 50, 49, 10, 0.98, 9.8]
    assert proj["F16"].number_format == "0.00%"
    assert _row(proj, 17, 4) == ["其中：当年财政拨款", 50, 50, 49]
    assert ind["A2"].value == "产出指标（50分）"
    assert ind["A10"].value == "效益指标（30分）"
    assert ind["A14"].value == "满意度指标（10分）"
    assert _row(ind, 14, 11)[2:10] == ["办事群众满意度", "≥", 95, "%", 93, 5, 4.89, 0.978]
    assert ind["K14"].value
    # "=" must be stored as text, not as an (empty) formula.
    assert ind["D7"].value == "=" and ind["D7"].data_type == "s"
    assert [ind["H16"].value, ind["I16"].value, ind["J16"].value] == [10, 9.89, 0.989]
    assert (pay["A6"].value, pay["C6"].value) == ("合计", 49)
    assert isinstance(pay["A2"].value, datetime) and pay["A2"].number_format == "yyyy-mm-dd"


def _leaves(ind):
    """Leaf rows of the 指标 sheet as dicts, tier labels filled down."""
    out, t1, t2 = [], None, None
    for r in range(2, ind.max_row + 1):
        a, b, c = (ind.cell(row=r, column=k).value for k in (1, 2, 3))
        if a == "小计":
            out.append({"subtotal": True, "t1": t1, "cap": ind.cell(row=r, column=8).value,
                        "score": ind.cell(row=r, column=9).value,
                        "rate": ind.cell(row=r, column=10).value})
            continue
        t1, t2 = a or t1, b or t2
        v = [ind.cell(row=r, column=k).value for k in range(1, 12)]
        out.append({"subtotal": False, "t1": t1, "t2": t2, "name": c, "nature": v[3],
                    "target": v[4], "actual": v[6], "cap": v[7], "score": v[8],
                    "rate": v[9], "reason": v[10]})
    return out


def _declared(label: str) -> float:
    return float(label.rsplit("（", 1)[1].rstrip("分）"))


def test_consistent_arithmetic():
    """The consistent example must leave the rules nothing to find: check its sums here
    by plain arithmetic, independent of evalbook's reader."""
    wb = _open("consistent.xlsx")
    proj, ind, pay = wb["项目"], wb["指标"], wb["支付"]
    rows = _leaves(ind)
    leaves = [r for r in rows if not r["subtotal"]]

    for t2 in {r["t2"] for r in leaves}:
        assert _declared(t2) == sum(r["cap"] for r in leaves if r["t2"] == t2)
    for t1, weight in (("产出指标（50分）", 50), ("效益指标（30分）", 30), ("满意度指标（10分）", 10)):
        assert _declared(t1) == weight == sum(r["cap"] for r in leaves if r["t1"] == t1)
        assert weight == sum(_declared(t2) for t2 in {r["t2"] for r in leaves if r["t1"] == t1})
    for sub in (r for r in rows if r["subtotal"]):
        block = [r for r in leaves if r["t1"] == sub["t1"]]
        assert sub["cap"] == sum(r["cap"] for r in block)
        assert sub["score"] == pytest.approx(sum(r["score"] for r in block))
        assert sub["rate"] == pytest.approx(sub["score"] / sub["cap"], abs=5e-5)

    for r in leaves:
        assert r["rate"] == pytest.approx(r["score"] / r["cap"], abs=5e-5)
        if r["nature"] == "定性":
            assert r["actual"] == "达成年度指标" and 0.8 * r["cap"] <= r["score"] <= r["cap"]
            continue
        target, actual = r["target"], r["actual"]
        assert isinstance(actual, (int, float)) and actual < 1.2 * target
        if r["nature"] in ("≥", "="):
            rule = r["cap"] if actual >= target else r["cap"] * actual / target
        else:
            rule = r["cap"] if actual <= target else r["cap"] * (1 - (actual - target) / target)
        assert r["score"] == pytest.approx(rule, abs=0.005)
        if r["score"] < r["cap"]:
            assert r["reason"]

    leaf_score = sum(r["score"] for r in leaves)
    leaf_cap = sum(r["cap"] for r in leaves)
    assert leaf_cap + proj["E16"].value == 100
    budget, executed = proj["C16"].value, proj["D16"].value
    rate = executed / budget
    assert proj["F16"].value == pytest.approx(rate)
    assert proj["G16"].value == round(10 * min(rate, 1), 2)
    assert proj["B12"].value == pytest.approx(leaf_score + proj["G16"].value, abs=0.005)
    assert proj["B13"].value == "优" and proj["B12"].value >= 90
    assert leaf_score / leaf_cap <= rate * 1.05
    for col in (2, 3, 4):
        assert proj.cell(row=16, column=col).value == sum(
            proj.cell(row=r, column=col).value for r in (17, 18, 19))

    paid = [pay.cell(row=r, column=3).value for r in range(2, pay.max_row)]
    dates = [pay.cell(row=r, column=1).value for r in range(2, pay.max_row)]
    assert all(d.year == 2023 for d in dates)
    assert sum(paid) == executed == proj["B9"].value == pay.cell(row=pay.max_row, column=3).value
    assert proj["B9"].value <= proj["B8"].value
    assert proj["B10"].value == proj["B7"].value - proj["B9"].value
    assert proj["B11"].value == pytest.approx(proj["B9"].value / proj["B8"].value, abs=5e-5)


def test_builder_reproduces_committed_examples(tmp_path, monkeypatch):
    """The committed .xlsx files are the builder's output, cell for cell."""
    spec = importlib.util.spec_from_file_location("build_examples", EXAMPLES / "build_examples.py")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is built.
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    for ex in module.EXAMPLES:
        fresh = load_workbook(module.build(ex, tmp_path))
        committed = _open(ex.file)
        assert fresh.sheetnames == committed.sheetnames
        for ws in committed:
            other = fresh[ws.title]
            assert _merged(ws) == _merged(other), f"{ex.file} {ws.title} merges"
            for row in ws.iter_rows():
                for cell in row:
                    twin = other[cell.coordinate]
                    assert (cell.value, cell.number_format) == (twin.value, twin.number_format), (
                        f"{ex.file} {ws.title}!{cell.coordinate}")
            assert ws.max_row == other.max_row and ws.max_column == other.max_column
