"""`evalbook new`: the standard workbook of workbook.md, ready to fill in Excel, WPS or LibreOffice.

The form is built so it cannot go wrong in the first place: every derived number is a formula
(the same text annotate writes, from evalbook.model.formulas) with its cached value, inputs are
checked by data validation as they are typed, and the formula cells are locked.

Cells (1-based rows; :func:`layout` gives the same as data):

项目   A1:G1 title. A2..A13 labels, values in B: 项目名称, 主管部门, 实施单位 (B:G merged),
       评价年度, 金额单位 (万元), 项目总投资, 合同金额, 累计支付 (inputs), 剩余资金,
       支付占合同比例, 自评得分, 自评等级 (formulas). Row 15 funds header (A..G); row 16
       年度资金总额 (B..D = sums of rows 17-19, E cap, F 执行率, G 得分); rows 17-19
       其中：当年财政拨款 / 上年结转资金 / 其他资金 (inputs). Rows 21-24 年度总体目标,
       实际完成情况, 存在问题, 改进措施 (B:G merged).
指标   row 1 header A..K; per tier-1 a block of tier-2s with LEAF_ROWS blank leaf rows each,
       closed by a 小计 row; the last row 总分 (budget execution included).
支付   row 1 header A..F, PAYMENT_ROWS input rows, then 合计.
填表说明  the instructions, one per row.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol

from evalbook.model import formulas as F
from evalbook.profiles import load as load_profile
from evalbook.files.atomic import atomic_write
from evalbook.errors import InputError
from evalbook.lang import pick

LEAF_ROWS = 3
PAYMENT_ROWS = 20

PROJECT_SHEET, INDICATOR_SHEET, PAYMENT_SHEET, NOTES_SHEET = "项目", "指标", "支付", "填表说明"

# Canonical tier-1 name → (label, its usual tier-2s), in the MoF table's order.
TIERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("产出", "产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益", "效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度", "满意度指标", ("服务对象满意度指标",)),
)
# The older 共性指标框架's own tier-1s (framework2013); 产出 and 效益 keep the rows above.
OLDER_TIERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("决策", "决策指标", ("项目立项", "绩效目标", "资金投入")),
    ("过程", "过程指标", ("资金管理", "组织实施")),
)


def tiers(profile) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The tier-1 blocks of a profile's template: its weights' keys when it has weights, else
    its tier1_names, in the profile's order; a name of an office's own gets one tier-2 of its name."""
    known = {name: (name, label, tier2s) for name, label, tier2s in (*TIERS, *OLDER_TIERS)}
    names = tuple(profile.weights) if profile.weights else profile.tier1_names
    return tuple(known.get(name, (name, f"{name}指标", (f"{name}指标",))) for name in names)

INDICATOR_HEADER = (
    "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位",
    "实际完成值", "分值", "得分", "得分率", "偏差原因分析及改进措施",
)
PAYMENT_HEADER = ("支付日期", "支付事项", "金额", "资金来源", "凭证号", "备注")
FUNDS_HEADER = ("项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
FUNDS_TOTAL = "年度资金总额"
FUNDS_PARTS = ("其中：当年财政拨款", "上年结转资金", "其他资金")
FUND_SOURCES = ("当年财政拨款", "上年结转资金", "其他资金")
NATURES = ("≥", "≤", "=", "定性")
MONEY_UNITS = ("万元", "元")

# Project fields in row order: (label, kind). kind: text (B:G merged), year, unit, money
# (inputs) or a derived one (formula).
PROJECT_FIELDS = (
    ("项目名称", "text"), ("主管部门", "text"), ("实施单位", "text"), ("评价年度", "year"),
    ("金额单位", "unit"), ("项目总投资", "money"), ("合同金额", "money"), ("累计支付", "money"),
    ("剩余资金", "remaining"), ("支付占合同比例", "paid_share"), ("自评得分", "total"),
    ("自评等级", "grade"),
)
NARRATIVES = ("年度总体目标", "实际完成情况", "存在问题", "改进措施")

# A fixed creation date makes regenerating the template give the same bytes.
CREATED = _dt.datetime(2024, 1, 1)

MONEY_FORMAT, RATE_FORMAT, SCORE_FORMAT, DATE_FORMAT = "#,##0.00", "0.00%", "0.00", "yyyy-mm-dd"


@dataclass(frozen=True)
class Block:
    tier1: str                                  # canonical name, e.g. 产出
    label: str                                  # as written, e.g. 产出指标（50分）
    cap: float | None                           # the profile's weight, None for free weights
    tier2_rows: dict[str, tuple[int, ...]]      # tier-2 label → its leaf rows
    subtotal_row: int

    @property
    def leaf_rows(self) -> tuple[int, ...]:
        return tuple(r for rows in self.tier2_rows.values() for r in rows)


@dataclass(frozen=True)
class Layout:
    """Where everything sits (1-based rows, A1 cells) for a profile's template."""

    project: dict[str, str]                     # field label → its value cell (B…)
    funds_total_row: int
    funds_part_rows: dict[str, int]             # part label → row
    narratives: dict[str, str]                  # label → value cell
    blocks: tuple[Block, ...]
    total_row: int
    payment_rows: tuple[int, ...]
    payment_total_row: int
    budget_cap_cell: str = field(default="")    # on 项目
    budget_score_cell: str = field(default="")  # on 项目

    def leaf_score_ranges(self, sheet: str | None = None) -> list[str]:
        return [F.area(f"I{b.leaf_rows[0]}", f"I{b.leaf_rows[-1]}", sheet) for b in self.blocks]

    def leaf_cap_ranges(self, sheet: str | None = None) -> list[str]:
        return [F.area(f"H{b.leaf_rows[0]}", f"H{b.leaf_rows[-1]}", sheet) for b in self.blocks]


def tier1_label(label: str, cap: float | None) -> str:
    return label if cap is None else f"{label}（{F.number_text(cap)}分）"


def layout(profile) -> Layout:
    profile = load_profile(profile)
    project = {label: f"B{2 + i}" for i, (label, _) in enumerate(PROJECT_FIELDS)}
    funds_header = 2 + len(PROJECT_FIELDS) + 1
    funds_total = funds_header + 1
    parts = {label: funds_total + 1 + i for i, label in enumerate(FUNDS_PARTS)}
    first_narrative = funds_total + len(FUNDS_PARTS) + 2
    narratives = {label: f"B{first_narrative + i}" for i, label in enumerate(NARRATIVES)}

    blocks, row = [], 2
    weights = profile.weights or {}
    for name, label, tier2s in tiers(profile):
        cap = weights.get(name) if profile.weights else None
        tier2_rows = {}
        for t2 in tier2s:
            tier2_rows[t2] = tuple(range(row, row + LEAF_ROWS))
            row += LEAF_ROWS
        blocks.append(Block(name, tier1_label(label, cap), cap, tier2_rows, row))
        row += 1
    payment_rows = tuple(range(2, 2 + PAYMENT_ROWS))
    return Layout(
        project=project, funds_total_row=funds_total, funds_part_rows=parts, narratives=narratives,
        blocks=tuple(blocks), total_row=row, payment_rows=payment_rows,
        payment_total_row=payment_rows[-1] + 1,
        budget_cap_cell=f"E{funds_total}", budget_score_cell=f"G{funds_total}",
    )


class _Formats:
    """The few cell styles of the form; one place so input cells all look (and unlock) alike."""

    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "宋体", "font_size": 11, "border": 1, "valign": "vcenter"}
        input_ = {**base, "locked": False, "bg_color": "#FFF9DB"}

        def fmt(**kw):
            return wb.add_format({**base, **kw})

        def inp(**kw):
            return wb.add_format({**input_, **kw})

        self.title = wb.add_format({"font_name": "宋体", "bold": True, "font_size": 16, "align": "center",
                                    "valign": "vcenter"})
        self.header = fmt(bold=True, align="center", text_wrap=True, bg_color="#D9E1F2")
        self.label = fmt(bold=True)
        self.tier = fmt(align="center", text_wrap=True)
        self.sum_label = fmt(bold=True, align="center")
        self.cap_const = fmt(align="center")
        self.money_formula = fmt(num_format=MONEY_FORMAT)
        self.rate_formula = fmt(num_format=RATE_FORMAT)
        self.score_formula = fmt(num_format=SCORE_FORMAT)
        self.text_formula = fmt(align="center")
        self.cap_sum = fmt(num_format="General", align="center")
        self.in_text = inp(text_wrap=True)
        self.in_center = inp(align="center")
        self.in_money = inp(num_format=MONEY_FORMAT)
        self.in_number = inp(align="center")
        self.in_date = inp(num_format=DATE_FORMAT, align="center")
        self.in_long = inp(text_wrap=True, valign="top")
        self.note = wb.add_format({"font_name": "宋体", "font_size": 11, "text_wrap": True, "valign": "top"})
        self.note_number = wb.add_format({"font_name": "宋体", "font_size": 11, "align": "center", "valign": "top"})
        self.note_head = wb.add_format({"font_name": "宋体", "font_size": 14, "bold": True})


def _validation(kind: str, **kw) -> dict:
    return {"error_title": template_text("dv_error_title"), "error_message": template_text(kind),
            "input_message": template_text(kind)[:255], **kw}


def _cell(a1: str) -> tuple[int, int]:
    return xl_cell_to_rowcol(a1)


def _print_setup(ws, *, title_rows: bool, one_page: bool = False) -> None:
    ws.set_paper(9)          # A4
    ws.set_landscape()
    # As wide as one page, and as many pages down as the rows take (the project form: one page).
    ws.fit_to_pages(1, 1 if one_page else 0)
    ws.center_horizontally()
    if title_rows:
        ws.repeat_rows(0)
        ws.freeze_panes(1, 0)


def _protect(ws, protect: bool) -> None:
    # No password: protection guards against accidents, and the notes say how to lift it.
    if protect:
        ws.protect("", {"format_columns": True, "format_rows": True, "insert_rows": True})


def _project_sheet(wb, fm: _Formats, lay: Layout, profile) -> dict[str, object]:
    """Writes 项目's title and funds block; returns the values of its derived cells (A1 → value)."""
    ws = wb.add_worksheet(PROJECT_SHEET)
    ws.set_column("A:A", 20)
    ws.set_column("B:G", 14)
    ws.set_row(0, 30)
    ws.merge_range("A1:G1", template_text("title"), fm.title)
    values: dict[str, object] = {}

    # Funds block first: the project fields' formulas read its figures.
    hrow = lay.funds_total_row - 1
    for c, text in enumerate(FUNDS_HEADER):
        ws.write(hrow - 1, c, text, fm.header)
    t = lay.funds_total_row
    part_rows = list(lay.funds_part_rows.values())
    for label, r in lay.funds_part_rows.items():
        ws.write(r - 1, 0, label, fm.label)
        for c in (1, 2, 3):
            ws.write_blank(r - 1, c, None, fm.in_money)
        for c in (4, 5, 6):
            ws.write_blank(r - 1, c, None, fm.money_formula)
    ws.write(t - 1, 0, FUNDS_TOTAL, fm.label)
    for c, col in ((1, "B"), (2, "C"), (3, "D")):
        rng = F.area(f"{col}{part_rows[0]}", f"{col}{part_rows[-1]}")
        value = F.value_sum_if_any([None] * len(part_rows))
        values[f"{col}{t}"] = value
        ws.write_formula(t - 1, c, F.sum_if_any([rng]), fm.money_formula, value)
    ws.write_number(t - 1, 4, profile.budget_cap, fm.cap_const)
    values[f"E{t}"] = profile.budget_cap
    rate = F.value_budget_rate(values[f"D{t}"], values[f"C{t}"])
    values[f"F{t}"] = rate
    ws.write_formula(t - 1, 5, F.budget_rate(f"D{t}", f"C{t}"), fm.rate_formula, rate)
    score = F.value_budget_score(profile.budget_cap, rate, profile)
    values[f"G{t}"] = score
    ws.write_formula(t - 1, 6, F.budget_score(f"E{t}", f"F{t}", profile), fm.score_formula, score)
    ws.data_validation(part_rows[0] - 1, 1, part_rows[-1] - 1, 3,
                       _validation("dv_money", validate="decimal", criteria=">=", value=0))
    return values


def _project_fields(ws, fm: _Formats, lay: Layout, profile, values: dict, totals: dict) -> None:
    p = lay.project
    for label, kind in PROJECT_FIELDS:
        cell = p[label]
        r, c = _cell(cell)
        ws.write(r, 0, label, fm.label)
        if kind == "text":
            ws.merge_range(r, 1, r, 6, "", fm.in_text)
        elif kind == "year":
            ws.write_blank(r, c, None, fm.in_number)
            ws.data_validation(r, c, r, c, _validation("dv_year", validate="integer", criteria="between",
                                                       minimum=2000, maximum=2100))
        elif kind == "unit":
            ws.write_string(r, c, MONEY_UNITS[0], fm.in_center)
            ws.data_validation(r, c, r, c, _validation("dv_unit", validate="list", source=list(MONEY_UNITS)))
        elif kind == "money":
            ws.write_blank(r, c, None, fm.in_money)
            ws.data_validation(r, c, r, c, _validation("dv_money", validate="decimal", criteria=">=", value=0))
        elif kind == "remaining":
            value = F.value_remaining(None, None)
            ws.write_formula(r, c, F.remaining(p["项目总投资"], p["累计支付"]), fm.money_formula, value)
        elif kind == "paid_share":
            value = F.value_paid_share(None, None)
            ws.write_formula(r, c, F.paid_share(p["累计支付"], p["合同金额"]), fm.rate_formula, value)
        elif kind == "total":
            value = totals["score"]
            values[cell] = value
            formula = F.total(lay.leaf_score_ranges(INDICATOR_SHEET), lay.budget_score_cell)
            ws.write_formula(r, c, formula, fm.score_formula, value)
        elif kind == "grade":
            value = F.value_grade(values[p["自评得分"]], profile)
            ws.write_formula(r, c, F.grade(p["自评得分"], profile), fm.text_formula, value)
    for label, cell in lay.narratives.items():
        r, _ = _cell(cell)
        ws.set_row(r, 48)
        ws.write(r, 0, label, fm.label)
        ws.merge_range(r, 1, r, 6, "", fm.in_long)


def _indicator_sheet(wb, fm: _Formats, lay: Layout, project_values: dict, protect: bool) -> dict:
    ws = wb.add_worksheet(INDICATOR_SHEET)
    for col, width in (("A:A", 16), ("B:B", 18), ("C:C", 26), ("D:D", 8), ("E:E", 12), ("F:F", 9), ("G:G", 12),
                       ("H:J", 8), ("K:K", 32)):
        ws.set_column(col, width)
    ws.set_row(0, 30)
    for c, text in enumerate(INDICATOR_HEADER):
        ws.write(0, c, text, fm.header)
    budget_cap_ref = F.ref(PROJECT_SHEET, lay.budget_cap_cell)
    budget_score_ref = F.ref(PROJECT_SHEET, lay.budget_score_cell)

    for block in lay.blocks:
        first, last = block.leaf_rows[0], block.leaf_rows[-1]
        _merge_or_write(ws, first, last, 0, block.label, fm.tier)
        for t2, rows in block.tier2_rows.items():
            _merge_or_write(ws, rows[0], rows[-1], 1, t2, fm.tier)
            for r in rows:
                ws.write_blank(r - 1, 2, None, fm.in_text)
                ws.write_blank(r - 1, 3, None, fm.in_center)
                for c in (4, 5, 6):
                    ws.write_blank(r - 1, c, None, fm.in_center)
                ws.write_blank(r - 1, 7, None, fm.in_number)
                ws.write_blank(r - 1, 8, None, fm.in_number)
                ws.write_formula(r - 1, 9, F.score_rate(f"I{r}", f"H{r}"), fm.rate_formula,
                                 F.value_score_rate(None, None))
                ws.write_blank(r - 1, 10, None, fm.in_text)
        ws.data_validation(first - 1, 3, last - 1, 3, _validation("dv_nature", validate="list", source=list(NATURES)))
        ws.data_validation(first - 1, 7, last - 1, 7, _validation("dv_cap", validate="decimal", criteria=">", value=0))
        # Relative to the first row: Excel shifts $H{first} down the range, one row's cap per score.
        ws.data_validation(first - 1, 8, last - 1, 8, _validation(
            "dv_score", validate="decimal", criteria="between", minimum=0, maximum=f"=$H{first}"))

        s = block.subtotal_row
        ws.merge_range(s - 1, 0, s - 1, 6, "小计", fm.sum_label)
        cap_sum = F.value_sum_if_any([None] * len(block.leaf_rows))
        score_sum = F.value_sum_if_any([None] * len(block.leaf_rows))
        ws.write_formula(s - 1, 7, F.sum_if_any([F.area(f"H{first}", f"H{last}")]), fm.cap_sum, cap_sum)
        ws.write_formula(s - 1, 8, F.sum_if_any([F.area(f"I{first}", f"I{last}")]), fm.score_formula, score_sum)
        ws.write_formula(s - 1, 9, F.score_rate(f"I{s}", f"H{s}"), fm.rate_formula, F.value_score_rate(score_sum, cap_sum))
        ws.write_blank(s - 1, 10, None, fm.tier)

    t = lay.total_row
    ws.merge_range(t - 1, 0, t - 1, 6, "总分", fm.sum_label)
    cap_total = F.value_sum_if_any([project_values[lay.budget_cap_cell]])
    score_total = F.value_sum_if_any([project_values[lay.budget_score_cell]])
    ws.write_formula(t - 1, 7, F.sum_if_any([*lay.leaf_cap_ranges(), budget_cap_ref]), fm.cap_sum, cap_total)
    ws.write_formula(t - 1, 8, F.total(lay.leaf_score_ranges(), budget_score_ref), fm.score_formula, score_total)
    ws.write_formula(t - 1, 9, F.score_rate(f"I{t}", f"H{t}"), fm.rate_formula,
                     F.value_score_rate(score_total, cap_total))
    ws.write_blank(t - 1, 10, None, fm.tier)
    _print_setup(ws, title_rows=True)
    _protect(ws, protect)
    return {"cap": cap_total, "score": score_total}


def _merge_or_write(ws, first: int, last: int, col: int, text: str, fmt) -> None:
    if last > first:
        ws.merge_range(first - 1, col, last - 1, col, text, fmt)
    else:
        ws.write(first - 1, col, text, fmt)


def _payment_sheet(wb, fm: _Formats, lay: Layout, protect: bool) -> None:
    ws = wb.add_worksheet(PAYMENT_SHEET)
    for col, width in (("A:A", 12), ("B:B", 30), ("C:C", 14), ("D:D", 16), ("E:E", 14), ("F:F", 24)):
        ws.set_column(col, width)
    for c, text in enumerate(PAYMENT_HEADER):
        ws.write(0, c, text, fm.header)
    first, last = lay.payment_rows[0], lay.payment_rows[-1]
    for r in lay.payment_rows:
        ws.write_blank(r - 1, 0, None, fm.in_date)
        ws.write_blank(r - 1, 1, None, fm.in_text)
        ws.write_blank(r - 1, 2, None, fm.in_money)
        for c in (3, 4, 5):
            ws.write_blank(r - 1, c, None, fm.in_text if c != 3 else fm.in_center)
    ws.data_validation(first - 1, 0, last - 1, 0, _validation(
        "dv_date", validate="date", criteria="between",
        minimum=_dt.date(2000, 1, 1), maximum=_dt.date(2100, 12, 31)))
    ws.data_validation(first - 1, 2, last - 1, 2, _validation("dv_amount", validate="decimal", criteria=">", value=0))
    ws.data_validation(first - 1, 3, last - 1, 3, _validation("dv_source", validate="list", source=list(FUND_SOURCES)))
    s = lay.payment_total_row
    ws.write(s - 1, 0, "合计", fm.sum_label)
    ws.write_blank(s - 1, 1, None, fm.tier)
    ws.write_formula(s - 1, 2, F.sum_if_any([F.area(f"C{first}", f"C{last}")]), fm.money_formula,
                     F.value_sum_if_any([]))
    for c in (3, 4, 5):
        ws.write_blank(s - 1, c, None, fm.tier)
    _print_setup(ws, title_rows=True)
    _protect(ws, protect)


def _notes_sheet(wb, fm: _Formats, profile) -> None:
    ws = wb.add_worksheet(NOTES_SHEET)
    ws.set_column("A:A", 5)
    ws.set_column("B:B", 110)
    ws.write(0, 0, NOTES_SHEET, fm.note_head)
    if profile.weights:
        parts = "，".join(f"{name} {F.number_text(w)} 分" for name, w in profile.weights.items())
        weights = template_text("notes_weights", weights=parts)
    else:
        weights = template_text("notes_free", rest=F.number_text(profile.total - profile.budget_cap))
    cap = F.number_text(profile.budget_cap)
    rule = template_text("rule_capped" if profile.budget_formula == "capped" else "rule_linear", cap=cap)
    grades = "，".join(
        f"{name} ≥ {F.number_text(lower)}" if i < len(profile.grades) - 1 else f"{name} 低于 {F.number_text(profile.grades[i - 1][1])}"
        for i, (name, lower) in enumerate(profile.grades)
    )
    text = template_text(
        "notes", profile=profile.name, description=profile.description, budget_cap=cap, budget_rule=rule,
        weights=weights, total=F.number_text(profile.total), grades=grades,
    )
    for i, line in enumerate(text.split("\n"), start=1):
        # Spreadsheets do not grow a wrapped row on open, so give it the lines it needs
        # (a CJK character is about two width units; column B holds about 50 of them).
        ws.set_row(i, 16 * -(-len(line) // 50))
        ws.write_number(i, 0, i, fm.note_number)
        ws.write_string(i, 1, line, fm.note)
    _print_setup(ws, title_rows=False)


def template_bytes(profile=None, *, protect: bool = True) -> bytes:
    """The .xlsx of the standard workbook for *profile* (a Profile, name or path; None: default)."""
    profile = load_profile(profile)
    lay = layout(profile)
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.set_properties({"title": template_text("title"), "author": "evalbook", "created": CREATED,
                       "comments": f"profile {profile.name}"})
    fm = _Formats(wb)
    values = _project_sheet(wb, fm, lay, profile)
    project_ws = wb.get_worksheet_by_name(PROJECT_SHEET)
    totals = _indicator_sheet(wb, fm, lay, values, protect)
    _project_fields(project_ws, fm, lay, profile, values, totals)
    _print_setup(project_ws, title_rows=False, one_page=True)
    _protect(project_ws, protect)
    _payment_sheet(wb, fm, lay, protect)
    _notes_sheet(wb, fm, profile)
    wb.close()
    return out.getvalue()


def write_template(path, profile=None, *, protect: bool = True, overwrite: bool = False) -> None:
    """Write the standard workbook to *path* (atomically). An existing file is kept unless *overwrite*."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise InputError("new_suffix", path=target)
    if target.exists() and not overwrite:
        raise InputError("new_exists", path=target)
    data = template_bytes(profile, protect=protect)
    with atomic_write(target) as tmp:
        tmp.write_bytes(data)


def template_text(key: str, lang: str = "zh", **params) -> str:
    return pick(TEMPLATE, key, lang, **params)


# The workbook `evalbook new` writes. The form itself is always Chinese (the reader finds it by
# its Chinese labels); the English is for documentation. One {placeholder} per profile figure.
TEMPLATE: dict[str, tuple[str, str]] = {
    "title": ("项目支出绩效自评表", "Project expenditure performance self-evaluation"),
    "dv_error_title": ("输入有误", "Invalid entry"),
    "dv_score": ("得分应在 0 与本行分值之间", "the score must lie between 0 and this row's cap"),
    "dv_cap": ("分值应大于 0", "the cap must be above 0"),
    "dv_nature": ("请选择 ≥、≤、= 或 定性", "choose ≥, ≤, = or 定性 (qualitative)"),
    "dv_source": (
        "请选择 当年财政拨款、上年结转资金 或 其他资金",
        "choose 当年财政拨款, 上年结转资金 or 其他资金",
    ),
    "dv_date": ("请填写日期，例如 2024-09-15", "enter a date, e.g. 2024-09-15"),
    "dv_amount": ("金额应大于 0", "the amount must be above 0"),
    "dv_money": ("金额不能为负数", "amounts cannot be negative"),
    "dv_year": ("请填写四位年份，例如 2024", "enter a four-digit year, e.g. 2024"),
    "dv_unit": ("请选择 万元 或 元", "choose 万元 or 元"),
    "notes": (
        "本工作簿由 evalbook new 生成，评分方案：{profile}（{description}）。\n"
        "只填写浅黄色底纹的单元格。其余单元格（执行率、预算执行得分、年度资金总额、得分率、小计、总分、"
        "自评得分、自评等级、剩余资金、支付占合同比例、支付合计）由公式自动计算，已锁定。\n"
        "工作表保护没有密码：确需调整时，可在“审阅 → 撤销工作表保护”中取消。\n"
        "金额单位默认为万元；如改为元，支付明细也须以元填写。\n"
        "“项目”表：填写项目基本信息、项目总投资、合同金额和累计支付；在项目资金表中按资金来源填写"
        "年初预算数、全年预算数和全年执行数，年度资金总额自动合计。\n"
        "预算执行率 {budget_cap} 分，得分 = {budget_rule}，保留两位小数。\n"
        "“指标”表：在各二级指标下填写三级指标名称、指标性质（≥、≤、= 或 定性）、年度指标值、"
        "度量单位、实际完成值、分值和得分；得分不能超过分值，不需要的行留空。{weights}\n"
        "定性指标的实际完成值填写 达成年度指标、部分达成年度指标 或 未达成年度指标。\n"
        "扣分的指标，须在“偏差原因分析及改进措施”中写明原因和措施。\n"
        "全部指标分值与预算执行率分值合计应为 {total} 分。等级：{grades}。\n"
        "“支付”表：逐笔填写支付日期、支付事项、金额和资金来源；合计应等于累计支付，"
        "评价年度内的支付合计应等于全年执行数。\n"
        "需要更多行时，可在某一填写行处插入行（保护允许插入行），并核对小计、合计公式的范围。\n"
        "填好后运行 evalbook check 文件名.xlsx 检查。",
        "Written by evalbook new for profile {profile} ({description}).\n"
        "Fill in only the light-yellow cells; the others are formulas and locked.\n"
        "The sheet protection has no password.\n"
        "Amounts are in 万元 unless 金额单位 says 元; payments use the same unit.\n"
        "项目: project facts, and the funds table by source; 年度资金总额 adds them up.\n"
        "Budget execution is worth {budget_cap}: score = {budget_rule}, two decimals.\n"
        "指标: under each tier-2, the tier-3 name, nature, target, unit, actual, cap and score. {weights}\n"
        "Qualitative actuals: 达成年度指标, 部分达成年度指标 or 未达成年度指标.\n"
        "Explain every deduction in 偏差原因分析及改进措施.\n"
        "All caps plus budget execution add up to {total}. Grades: {grades}.\n"
        "支付: one row per payment; the total equals 累计支付, the year's payments equal 全年执行数.\n"
        "Insert rows inside a block when more are needed, and check the sums' ranges.\n"
        "Then run evalbook check FILE.xlsx.",
    ),
    "notes_weights": ("一级指标分值：{weights}。", "Tier-1 caps: {weights}."),
    "notes_free": ("一级指标的分值由项目自定，合计 {rest} 分。", "Tier-1 caps are free and add up to {rest}."),
    "rule_capped": ("{cap} × min(执行率, 100%)", "{cap} × min(rate, 100%)"),
    "rule_linear": ("{cap} × 执行率", "{cap} × rate"),
}


if __name__ == "__main__":  # python -m evalbook.template OUT.xlsx [PROFILE]: how templates/ is regenerated
    import sys

    write_template(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None, overwrite=True)
