"""S rules: what was read — sheets, columns, cells that must hold numbers, names."""

from __future__ import annotations

from evalbook.rules import Context
from evalbook.rules import rule
from evalbook.model.workbook import Workbook
from evalbook.model.values import normalize


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


@rule("S101", "error")
def check_required_sheets(wb: Workbook, ctx: Context):
    """A required sheet (project or indicators) was not found by name or by content.

    Without the indicator sheet nothing can be scored; without the project sheet there is no
    claimed total, budget or money to compare. evalbook names the sheets it looks for.

    Fix: name the sheets 项目 and 指标 (or any accepted name), as `evalbook new` writes them.
    """
    for p in wb.problems:
        if p.code == "S101":
            yield ctx.finding("S101", None, f"S101.{p.params['what']}")


@rule("S102", "error")
def check_required_columns(wb: Workbook, ctx: Context):
    """A required column is missing in the indicator sheet (一级/二级/三级指标, 分值, 得分) or the
    payments sheet (日期, 金额).

    The rules cannot tell a cap from a score, or a payment from a note, without them.

    Fix: add the column with one of the accepted header names (docs/workbook.md).
    """
    for p in wb.problems:
        if p.code == "S102":
            yield ctx.finding("S102", p.ref, sheet=p.params["sheet"], column=p.params["column"])


@rule("S103", "error")
def check_text_in_number_cells(wb: Workbook, ctx: Context):
    """A cell that must hold a number (a cap, score, rate or amount) holds text that is not one.

    Such a cell silently drops out of every sum a reviewer or Excel makes.

    Example: 得分 written as "满分" or "10分（扣0分）".

    Fix: write the number alone; put explanations in the 偏差原因 column.
    """
    for f, what in numeric_fields(wb):
        if f.bad and not f.in_label:
            yield ctx.finding("S103", f.ref, what=what, text=str(f.raw).strip()[:40])


@rule("S104", "warning")
def check_project_fields(wb: Workbook, ctx: Context):
    """A project field the checks rely on is missing: 项目名称, 全年预算数 / 全年执行数, 自评得分
    (a 总分 row's score stands in for 自评得分, as in the MoF grid, which has no such field).

    Without them the reviewer cannot tell which project this is, how much was spent, or what
    total was claimed.

    Fix: fill in the field in the 项目 sheet (the cell right of its label).
    """
    p = wb.project
    if p is None:
        return
    name = p.texts.get("name")
    if name is None or name.blank:
        ref = name.ref if name is not None else None
        yield ctx.finding("S104", ref, what="项目名称", what_en="项目名称 (project name)")
    funds = p.funds
    total = funds.total if funds else None
    for attr, what in (("budget", "全年预算数"), ("executed", "全年执行数")):
        f = getattr(total, attr) if total is not None else None
        budget_rows = wb.indicators.budget_rows if wb.indicators else []
        if (f is None or f.num is None) and not (f is not None and f.bad) and not (
                total is None and budget_rows):
            yield ctx.finding("S104", f.ref if f is not None else None, what=what,
                              what_en=f"{what} ({'annual budget' if attr == 'budget' else 'executed'})")
    claimed = p.claimed_total
    if (claimed is None or claimed.blank) and ctx.derived.claimed_total in (None, claimed):
        yield ctx.finding("S104", claimed.ref if claimed is not None else None,
                          what="自评得分", what_en="自评得分 (claimed self-score)")


@rule("S105", "error")
def check_orphan_leaves(wb: Workbook, ctx: Context):
    """A scored tier-3 row has no tier-1 or tier-2 name, even after filling blanks down.

    Its points cannot be placed in any tier, so tier sums and weights cannot be checked.

    Fix: write the tier names (or merge the tier cells over the rows they cover).
    """
    if wb.indicators is None:
        return
    for leaf in wb.indicators.orphans:
        missing, missing_en = ("一级指标", "tier-1 name") if leaf.tier1 is None else ("二级指标", "tier-2 name")
        yield ctx.finding("S105", leaf.name_ref, name=leaf.name, missing=missing, missing_en=missing_en)


@rule("S106", "warning")
def check_duplicate_leaves(wb: Workbook, ctx: Context):
    """The same tier-3 name appears twice under one tier-2.

    Usually a row copied and not renamed: one of the two is counted twice.

    Fix: rename or remove the copy.
    """
    if wb.indicators is None:
        return
    for t1 in wb.indicators.tier1s:
        for t2 in t1.tier2s:
            seen: dict[str, int] = {}
            for leaf in t2.leaves:
                key = normalize(leaf.name)  # 全角/半角 and spaces do not make a new name
                if key in seen:
                    yield ctx.finding("S106", leaf.name_ref, name=leaf.name, tier2=t2.label.replace("\n", ""),
                                      other=seen[key])
                else:
                    seen[key] = leaf.row


@rule("S107", "warning")
def check_numbers_as_text(wb: Workbook, ctx: Context):
    """A number is stored as text (often from a copy out of Word or a system export).

    evalbook reads it, but Excel's SUM skips it, so the sheet's own totals are wrong.

    Fix: convert the cell to a number (Excel: the green triangle → 转换为数字).
    """
    for f, what in numeric_fields(wb):
        if f.num is not None and f.num.text and not f.in_label:
            yield ctx.finding("S107", f.ref, what=what, text=str(f.raw).strip()[:40])
