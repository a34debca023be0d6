"""The B rule tests' consistent form — whose money is spread over 其中 rows, a merged 累计支付
cell, payments dated in every accepted way (an Excel date, 2023/6/30, 2023年9月28日, full-width
２０２３．１２) and a full-width text amount — and the B findings on a workbook."""

from __future__ import annotations

from datetime import datetime

from builders import indicator_rows, write_book

from evalbook.pipeline import check


IND_BASE = indicator_rows()  # caps 90, leaf scores 89


def project_rows(**change):
    """项目 sheet: 50 invested, 49.5 contracted, 49 paid; funds 50 budgeted, 49 executed (98%)."""
    v = {
        "year": 2023, "unit": "万元", "total": 50, "contract": 49.5, "paid": 49, "remaining": 1,
        "share": 0.9899, "claimed": 98.8, "grade": "优",
        "funds": [50, 50, 49, 10, 0.98, 9.8],
        "parts": {"其中：当年财政拨款": [40, 40, 39], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]},
        "total_parts": [],
    }
    v.update(change)
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "测试项目"],                   # 2, value merged B2:G2
        ["评价年度", v["year"]],                    # 3
        ["金额单位", v["unit"]],                    # 4
        ["项目总投资", v["total"]],                 # 5
    ]
    rows += [[f"其中：{name}", amount] for name, amount in v["total_parts"]]
    rows += [
        ["合同金额", v["contract"]],
        ["累计支付", v["paid"]],                    # value merged over B:C
        ["剩余资金", v["remaining"]],
        ["支付占合同比例", v["share"]],
        ["自评得分", v["claimed"]],
        ["自评等级", v["grade"]],
        [],
        ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", *v["funds"]],
    ]
    rows += [[label, *amounts] for label, amounts in v["parts"].items()]
    return rows


def payment_rows(rows=None, total=49):
    body = rows if rows is not None else [
        [datetime(2023, 3, 31), "一季度运维费", 12.25, "当年财政拨款"],
        ["2023/6/30", "二季度运维费", 12.25, "当年财政拨款"],
        ["2023年9月28日", "三季度运维费", 12.25, "上年结转资金"],
        ["２０２３．１２", "四季度运维费", "１２．２５", "当年财政拨款"],
    ]
    out = [["支付日期", "支付事项", "金额", "资金来源"], *body]
    if total is not None:
        out.append(["合计", None, total])
    return out


def build(tmp_path, project=None, payments="default", indicators=None, name="form.xlsx",
          share_format="0.00%", money_format=None):
    project = project if project is not None else project_rows()
    sheets = {"项目": project, "指标": indicators if indicators is not None else IND_BASE}
    if payments == "default":
        payments = payment_rows()
    if payments is not None:
        sheets["支付"] = payments
    paid_row = next(i for i, r in enumerate(project, start=1) if r and r[0] == "累计支付")
    share_row = next(i for i, r in enumerate(project, start=1) if r and r[0] == "支付占合同比例")
    funds_row = next(i for i, r in enumerate(project, start=1) if r and r[0] == "年度资金总额")
    formats = {"项目": {f"B{share_row}": share_format, f"F{funds_row}": "0.00%"},
               "指标": {f"J{r}": "0%" for r in range(2, 30)}}
    if money_format:
        for r in range(5, len(project) + 1):
            if r != share_row:
                for col in "BCD":
                    formats["项目"][f"{col}{r}"] = money_format
        if payments:
            formats["支付"] = {f"C{r}": money_format for r in range(2, len(payments) + 1)}
    for r, row in enumerate(payments or [], start=1):
        if row and isinstance(row[0], datetime):
            formats.setdefault("支付", {})[f"A{r}"] = "yyyy-mm-dd"
    merges = {"项目": ["B2:G2", f"B{paid_row}:C{paid_row}"]}
    return write_book(tmp_path / name, sheets, merges, formats)


def findings(path, code=None, **kw):
    report = check(path, select=["B"], **kw)
    return [f for f in report.findings if code is None or f.code == code]


def where(path, code, **kw):
    """(cell, severity) of each finding of *code*."""
    return [(f"{f.sheet}!{f.cell}", f.severity) for f in findings(path, code, **kw)]


def yuan_project(**change):
    v = dict(unit="元", total=500000, contract=495000, paid=490000, remaining=10000, share=0.9899,
             funds=[500000, 500000, 490000, 10, 0.98, 9.8],
             parts={"其中：当年财政拨款": [400000, 400000, 390000], "上年结转资金": [100000, 100000, 100000],
                    "其他资金": [0, 0, 0]})
    v.update(change)
    return project_rows(**v)


def yuan_payments(last="122500.00", total=490000):
    rows = [
        [datetime(2023, 3, 31), "一季度", 122500],
        [datetime(2023, 6, 30), "二季度", 122500],
        [datetime(2023, 9, 28), "三季度", "122,500.00元"],
        [datetime(2023, 12, 20), "四季度", last],
    ]
    return payment_rows(rows, total=total)
