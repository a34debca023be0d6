"""What several budget rules use."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model.workbook import Field, FundsRow, Workbook


EPS = 1e-9


MONEY_NAMES = {"total_investment": "项目总投资", "contract": "合同金额",
               "cumulative_paid": "累计支付", "remaining": "剩余资金"}


FUNDS_COLUMNS = (("initial_budget", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


def money_decimals(*fields: Field | None) -> int:
    """Decimals to show money with: at least 2, more when an input shows more, so two figures
    that differ in the fourth decimal never print alike."""
    d = 2
    for f in fields:
        if f is not None and f.num is not None and not f.num.percent:
            d = max(d, f.num.decimals)
    return d


def money_text(x: float | None, *fields: Field | None) -> str:
    return num(x, money_decimals(*fields))


def funds_total(wb: Workbook) -> FundsRow | None:
    p = wb.project
    return p.funds.total if p is not None and p.funds is not None else None


def money_field(wb: Workbook, name: str) -> Field | None:
    p = wb.project
    if p is None or name not in p.money:
        return None
    return p.money[name].value


def year_payments(wb: Workbook, year: int):
    return [p for p in wb.payments.rows if p.date is not None and p.date.year == year]
