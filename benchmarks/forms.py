"""Standard forms of any size for the benchmarks: the layout of `evalbook new`, filled in.

项目 holds the project fields and the funds block; 指标 has tier-1 and tier-2 labels merged
down over their leaves (that is what makes openpyxl's normal load slow), every leaf with
nature, target, unit, actual, cap, score, rate and a border; 支付 has one row per payment
and a 合计. Targets and actuals are written the way offices write them: text percents,
full-width digits, ≥ signs. The figures are consistent (the profile mof2020: 产出 50, 效益 30,
满意度 10, budget execution 10), except for a few planted mistakes so that every check prints
some findings, as a real form would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

TIERS = (
    ("产出指标（50分）", 50, ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标（30分）", 30, ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标（10分）", 10, ("服务对象满意度指标",)),
)
LEAVES_PER_TIER2 = 10
# Caps in thousandths of a point, so that even 10,000 leaves share 90 points exactly.
MILLI = 1000
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _split(total_milli: int, n: int) -> list[int]:
    """*total_milli* over *n* leaves, as evenly as whole thousandths allow."""
    base, extra = divmod(total_milli, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def build_form(path: Path, leaves: int, payments: int | None = None, *, mistakes: bool = True,
               plain: bool = False) -> Path:
    """Write a standard form with *leaves* indicator rows and *payments* payments (default as
    many as leaves) to *path*. *plain*: the same figures with few styles (no borders, no
    wrapping), tier labels written once instead of merged down, and one two-cell merge (the
    reason cell over K:L) every fourth leaf — 1,250 merges for 5,000 leaves."""
    payments = leaves if payments is None else payments
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    wb.set_properties({"author": "evalbook benchmarks", "created": dt.datetime(2024, 1, 1)})
    base = {} if plain else {"font_name": "宋体", "font_size": 11, "border": 1, "valign": "vcenter"}
    f_text = wb.add_format({**base} if plain else {**base, "text_wrap": True})
    f_center = wb.add_format({**base} if plain else {**base, "align": "center"})
    f_tier = wb.add_format({**base} if plain else {**base, "align": "center", "text_wrap": True})
    f_header = wb.add_format({**base, "bold": True, "align": "center", "bg_color": "#D9E1F2"})
    f_cap = wb.add_format({**base, "num_format": "0.000"})
    f_rate = wb.add_format({**base, "num_format": "0.00%"})
    f_money = wb.add_format({**base, "num_format": "#,##0.00"})
    f_date = wb.add_format({**base, "num_format": "yyyy-mm-dd"})
    f_title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})

    # Payments first: the project sheet states their sum.
    amounts = [round(1 + (i * 37 % 200) / 100, 2) for i in range(payments)]
    paid = round(sum(amounts), 2)
    budget = round(paid / 0.98, 2)

    # 项目 ------------------------------------------------------------------------------
    ws = wb.add_worksheet("项目")
    ws.set_column("A:A", 20)
    ws.set_column("B:G", 14)
    ws.merge_range("A1:G1", "项目支出绩效自评表", f_title)
    rate = paid / budget
    budget_score = round(10 * min(rate, 1.0), 2)
    shares = [int(leaves * cap / 90) for _, cap, _ in TIERS]
    shares[0] += leaves - sum(shares)
    # The planted mistake: the first leaf loses half its points and says why; the claimed total
    # then overstates the computed one by a point.
    deduction = _split(TIERS[0][1] * MILLI, shares[0])[0] // 2 if mistakes else 0
    leaf_scores_milli = 90 * MILLI - deduction
    total = round(leaf_scores_milli / MILLI + budget_score, 3)  # the 总分 cell shows 3 decimals
    fields = [
        ("项目名称", "基准测试项目"), ("主管部门", "测试局"), ("实施单位", "测试中心"),
        ("评价年度", 2023), ("金额单位", "万元"), ("项目总投资", budget), ("合同金额", budget),
        ("累计支付", paid), ("剩余资金", round(budget - paid, 2)), ("支付占合同比例", paid / budget),
        ("自评得分", total + (1 if mistakes else 0)), ("自评等级", "优"),
    ]
    for i, (label, value) in enumerate(fields, start=1):
        ws.write(i, 0, label, f_text)
        if label in ("项目名称", "主管部门", "实施单位"):
            ws.merge_range(i, 1, i, 6, value, f_text)
        elif label == "支付占合同比例":
            ws.write(i, 1, value, f_rate)
        elif isinstance(value, float):
            ws.write(i, 1, value, f_money)
        else:
            ws.write(i, 1, value, f_center)
    hdr = len(fields) + 2
    for c, text in enumerate(("项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
        ws.write(hdr, c, text, f_header)
    ws.write(hdr + 1, 0, "年度资金总额", f_text)
    for c, (v, f) in enumerate(((budget, f_money), (budget, f_money), (paid, f_money), (10, f_center),
                                (rate, f_rate), (budget_score, f_cap)), start=1):
        ws.write(hdr + 1, c, v, f)
    for i, label in enumerate(("其中：当年财政拨款", "上年结转资金", "其他资金"), start=2):
        ws.write(hdr + i, 0, label, f_text)
        part = budget if i == 2 else 0
        ws.write_row(hdr + i, 1, [part, part, paid if i == 2 else 0], f_money)
    for i, label in enumerate(("年度总体目标", "实际完成情况", "存在问题", "改进措施"), start=hdr + 6):
        ws.write(i, 0, label, f_text)
        ws.merge_range(i, 1, i, 6, f"{label}：按计划完成全部建设任务，资金使用规范。", f_text)

    # 指标 ------------------------------------------------------------------------------
    ws = wb.add_worksheet("指标")
    ws.set_column("A:B", 16)
    ws.set_column("C:C", 26)
    ws.set_column("K:K", 32)
    for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位",
                              "实际完成值", "分值", "得分", "得分率", "偏差原因分析及改进措施")):
        ws.write(0, c, text, f_header)
    row = 1  # 0-based
    for (label, cap, tier2s), n in zip(TIERS, shares):
        caps = _split(cap * MILLI, n)
        first = row
        groups = [caps[i:i + LEAVES_PER_TIER2] for i in range(0, n, LEAVES_PER_TIER2)]
        for g, group in enumerate(groups):
            t2 = tier2s[g % len(tier2s)] + (f"{g // len(tier2s) + 1}" if len(groups) > len(tier2s) else "")
            g_first = row
            for k, cap_milli in enumerate(group):
                leaf_cap = cap_milli / MILLI
                score, reason = leaf_cap, None
                i = row
                if i == 1 and deduction:
                    score, reason = (cap_milli - deduction) / MILLI, "部分设备到货延迟"
                if i % 3 == 0:
                    nature, target, unit, actual = "≥", "95%", None, "98.5%"
                elif i % 3 == 1:
                    nature, target, unit, actual = "≥", str(10 + i % 7).translate(FULL_WIDTH), "个", 10 + i % 7
                else:
                    nature, target, unit, actual = "定性", "达成年度指标", None, "达成"
                ws.write_string(i, 2, f"指标{i:05d}", f_text)
                ws.write_string(i, 3, nature, f_center)
                ws.write(i, 4, target, f_center)
                ws.write(i, 5, unit, f_center) if unit else ws.write_blank(i, 5, None, f_center)
                ws.write(i, 6, actual, f_center)
                ws.write_number(i, 7, leaf_cap, f_cap)
                ws.write_number(i, 8, score, f_cap)
                ws.write_formula(i, 9, f"=IF(H{i + 1}=0,\"\",I{i + 1}/H{i + 1})", f_rate, score / leaf_cap)
                if plain and i % 4 == 0:
                    ws.merge_range(i, 10, i, 11, reason or "", f_text)
                else:
                    ws.write(i, 10, reason, f_text) if reason else ws.write_blank(i, 10, None, f_text)
                row += 1
            if plain:
                ws.write(g_first, 1, t2, f_tier)
            elif row - 1 > g_first:
                ws.merge_range(g_first, 1, row - 1, 1, t2, f_tier)
            else:
                ws.write(g_first, 1, t2, f_tier)
        if plain:
            ws.write(first, 0, label, f_tier)
        else:
            ws.merge_range(first, 0, row - 1, 0, label, f_tier)
        ws.merge_range(row, 0, row, 6, "小计", f_header)
        block_score = (sum(caps) - (deduction if first == 1 else 0)) / MILLI
        ws.write_formula(row, 7, f"=SUM(H{first + 1}:H{row})", f_cap, cap)
        ws.write_formula(row, 8, f"=SUM(I{first + 1}:I{row})", f_cap, round(block_score, 3))
        ws.write_formula(row, 9, f"=I{row + 1}/H{row + 1}", f_rate, block_score / cap)
        row += 1
    ws.merge_range(row, 0, row, 6, "总分", f_header)
    ws.write_number(row, 7, 100, f_cap)
    ws.write_number(row, 8, total, f_cap)
    ws.write_number(row, 9, total / 100, f_rate)
    ws.freeze_panes(1, 0)

    # 支付 ------------------------------------------------------------------------------
    ws = wb.add_worksheet("支付")
    ws.set_column("A:A", 12)
    ws.set_column("B:B", 30)
    for c, text in enumerate(("支付日期", "支付事项", "金额", "资金来源", "凭证号", "备注")):
        ws.write(0, c, text, f_header)
    start = dt.date(2023, 1, 1)
    for i, amount in enumerate(amounts, start=1):
        ws.write_datetime(i, 0, dt.datetime.combine(start + dt.timedelta(days=i * 364 // max(payments, 1)),
                                                    dt.time()), f_date)
        ws.write_string(i, 1, f"第{i}笔 设备及服务款", f_text)
        ws.write_number(i, 2, amount, f_money)
        ws.write_string(i, 3, "当年财政拨款", f_center)
        ws.write_string(i, 4, f"记-{i:05d}", f_center)
        ws.write_blank(i, 5, None, f_text)
    last = len(amounts)
    ws.write(last + 1, 0, "合计", f_header)
    ws.write_formula(last + 1, 2, f"=SUM(C2:C{last + 1})", f_money, paid)
    wb.close()
    return path


if __name__ == "__main__":  # python benchmarks/forms.py OUT.xlsx LEAVES [PAYMENTS]
    import sys

    plain = "--plain" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--plain"]
    build_form(Path(args[0]), int(args[1]), int(args[2]) if len(args) > 2 else None, plain=plain)
