"""What several structure rules use."""

from __future__ import annotations

from evalbook.model.workbook import Workbook


def field_names(wb: Workbook) -> dict:
    """ref → what a person calls the cell (“甲”得分, 年度资金总额 全年预算数 …)."""
    names = {}
    for f, what in numeric_fields(wb):
        names.setdefault(f.ref, what)
    ind = wb.indicators
    if ind is not None:
        for leaf in ind.leaves + ind.orphans:
            for f, what in ((leaf.target, "年度指标值"), (leaf.actual, "实际完成值")):
                if f is not None:
                    names.setdefault(f.ref, f"“{leaf.name}”{what}")
    if wb.payments is not None:
        for p in wb.payments.rows:
            names.setdefault(p.amount.ref, "支付金额")
    return names


def numeric_fields(wb: Workbook):
    """(field, what) for every cell that must hold a number (payment amounts are B111's)."""
    p = wb.project
    if p is not None:
        names = {"total_investment": "项目总投资", "contract": "合同金额",
                 "cumulative_paid": "累计支付", "remaining": "剩余资金"}
        for key, mf in p.money.items():
            yield mf.value, names.get(key, key)
            for part_name, part in mf.parts:
                yield part, part_name
        if p.paid_share is not None:
            yield p.paid_share, "支付占合同比例"
        if p.claimed_total is not None:
            yield p.claimed_total, "自评得分"
        if p.funds is not None:
            rows = ([p.funds.total] if p.funds.total else []) + p.funds.parts
            for row in rows:
                for attr, what in (("initial_budget", "年初预算数"), ("budget", "全年预算数"),
                                   ("executed", "全年执行数"), ("cap", "分值"), ("rate", "执行率"),
                                   ("score", "得分")):
                    f = getattr(row, attr)
                    if f is not None:
                        yield f, f"{row.label} {what}"
    ind = wb.indicators
    if ind is not None:
        for leaf in ind.leaves + ind.orphans:
            for f, what in ((leaf.cap, "分值"), (leaf.score, "得分"), (leaf.rate, "得分率")):
                if f is not None:
                    yield f, f"“{leaf.name}”{what}"
        for s in ind.sums:
            for f, what in ((s.cap, "分值"), (s.score, "得分"), (s.rate, "得分率")):
                if f is not None:
                    yield f, f"合计行{what}"
        for b in ind.budget_rows:
            for f, what in ((b.cap, "分值"), (b.score, "得分"), (b.rate, "得分率")):
                if f is not None:
                    yield f, f"预算执行率{what}"
