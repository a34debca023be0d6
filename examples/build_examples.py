"""Build the example workbooks in the standard layout (spec/workbook.md).

Run as ``python examples/build_examples.py``; the .xlsx files are written beside this script.

Four workbooks restate the seed's self-evaluation reports of the 山丹县信息化工作办公室
(智慧城市, 12345热线, 信息化建设, 村级电子政务外网) with only the figures the reports state.
Their arithmetic mistakes are kept on purpose: they are what the rules must find. A field the
report does not give stays blank rather than being guessed.

The fifth, consistent.xlsx, is a made-up project that is right in every respect, so the rules
must report nothing for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent

# A fixed creation time keeps rebuilds from differing in metadata alone.
FIXED_TIME = datetime(2024, 1, 1)

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")

FUNDS_HEADER = ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
INDICATOR_HEADER = [
    "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位",
    "实际完成值", "分值", "得分", "得分率", "偏差原因分析及改进措施",
]
PAYMENT_HEADER = ["支付日期", "支付事项", "金额", "资金来源", "凭证号", "备注"]

# Widths (in Excel character units) of the project sheet's A..G; the text rows span B:G.
PROJECT_WIDTHS = [30, 14, 14, 14, 10, 12, 12]
INDICATOR_WIDTHS = [14, 18, 36, 9, 11, 9, 11, 8, 8, 10, 32]
PAYMENT_WIDTHS = [12, 44, 10, 14, 16, 36]


@dataclass
class Money:
    """A money row of the project sheet: its amount and the 其中 parts listed under it."""

    amount: float | None
    parts: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Leaf:
    tier3: str
    cap: float
    score: float
    rate: float
    nature: str | None = None
    target: Any = None
    unit: str | None = None
    actual: Any = None
    reason: str | None = None


@dataclass
class Tier2:
    label: str
    leaves: list[Leaf]


@dataclass
class Tier1:
    label: str
    tier2s: list[Tier2]
    # The subtotal row states cap, score and rate; kept as stated, never recomputed.
    subtotal: tuple[float, float, float]


@dataclass
class Payment:
    when: Any  # a date, or the text the report uses (e.g. "2023.9")
    item: str
    amount: float
    source: str | None = None
    voucher: str | None = None
    note: str | None = None


@dataclass
class Example:
    file: str
    name: str
    department: str | None
    unit: str | None
    year: int | None
    total_investment: Money
    contract: Money
    cumulative_paid: float | None
    remaining: float | None
    paid_share: float | None
    paid_share_format: str
    claimed_total: float | None
    claimed_grade: str | None
    # 年度资金总额 row: (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分)
    funds_total: tuple
    # 其中 rows of the funds block, label → (年初预算数, 全年预算数, 全年执行数)
    funds_parts: dict[str, tuple]
    goals: str | None
    results: str | None
    problems: str | None
    measures: str | None
    indicators: list[Tier1] = field(default_factory=list)
    payments: list[Payment] | None = None
    payments_total: float | None = None
    # Number formats: the seed examples keep General so shown decimals are what the report wrote.
    money_format: str = "General"
    score_format: str = "General"
    rate_format: str = "0%"


# ---------------------------------------------------------------------------------------------
# Sheet writers


def _style_header(ws, row: int, ncols: int) -> None:
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
        cell.border = BORDER


def _put(ws, row: int, column: int, value: Any):
    """Write a cell; text stays text even when it begins with "=" (the 指标性质 "="),
    which openpyxl would otherwise store as a broken formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _set_widths(ws, widths: list[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _text_height(text: str | None, width_chars: float) -> float | None:
    """Row height so a wrapped text row shows all its lines (openpyxl cannot autofit).

    A CJK character takes about two width units, so a line holds width/2 characters.
    """
    if not text:
        return None
    per_line = max(1, int(width_chars / 2))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return max(15.0, 15.0 * lines)


def write_project(ws, ex: Example) -> None:
    ws.title = "项目"
    _set_widths(ws, PROJECT_WIDTHS)
    text_width = sum(PROJECT_WIDTHS[1:])

    ws["A1"] = "项目支出绩效自评表"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = CENTER
    ws.merge_cells("A1:G1")
    ws.row_dimensions[1].height = 28

    row = 2

    def label(text: str) -> None:
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(bold=True)
        cell.alignment = WRAP
        cell.border = BORDER

    def text_field(text_label: str, value: Any) -> None:
        nonlocal row
        label(text_label)
        cell = ws.cell(row=row, column=2, value=value)
        cell.alignment = WRAP
        for c in range(2, 8):
            ws.cell(row=row, column=c).border = BORDER
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
        height = _text_height(value if isinstance(value, str) else None, text_width)
        if height and height > 15:
            ws.row_dimensions[row].height = height
        row += 1

    def number_field(text_label: str, value: Any, fmt: str) -> None:
        nonlocal row
        label(text_label)
        cell = ws.cell(row=row, column=2, value=value)
        cell.number_format = fmt
        cell.border = BORDER
        cell.alignment = Alignment(vertical="center")
        row += 1

    def money_field(text_label: str, money: Money) -> None:
        number_field(text_label, money.amount, ex.money_format)
        for part_name, amount in money.parts:
            number_field(f"其中：{part_name}", amount, ex.money_format)

    text_field("项目名称", ex.name)
    text_field("主管部门", ex.department)
    text_field("实施单位", ex.unit)
    number_field("评价年度", ex.year, "0")
    text_field("金额单位", "万元")
    money_field("项目总投资", ex.total_investment)
    money_field("合同金额", ex.contract)
    number_field("累计支付", ex.cumulative_paid, ex.money_format)
    number_field("剩余资金", ex.remaining, ex.money_format)
    number_field("支付占合同比例", ex.paid_share, ex.paid_share_format)
    number_field("自评得分", ex.claimed_total, ex.score_format)
    text_field("自评等级", ex.claimed_grade)

    row += 1  # blank row before the funds block
    for c, head in enumerate(FUNDS_HEADER, start=1):
        ws.cell(row=row, column=c, value=head)
    _style_header(ws, row, len(FUNDS_HEADER))
    row += 1

    formats = [ex.money_format] * 3 + ["General", ex.rate_format, ex.score_format]
    funds_rows = [("年度资金总额", ex.funds_total)]
    funds_rows += [(k, v) for k, v in ex.funds_parts.items()]
    for text_label, values in funds_rows:
        label(text_label)
        for c, (value, fmt) in enumerate(zip(values, formats), start=2):
            cell = ws.cell(row=row, column=c, value=value)
            cell.number_format = fmt
            cell.border = BORDER
        row += 1

    row += 1  # blank row before the text block
    text_field("年度总体目标", ex.goals)
    text_field("实际完成情况", ex.results)
    text_field("存在问题", ex.problems)
    text_field("改进措施", ex.measures)


def write_indicators(ws, ex: Example) -> None:
    _set_widths(ws, INDICATOR_WIDTHS)
    for c, head in enumerate(INDICATOR_HEADER, start=1):
        ws.cell(row=1, column=c, value=head)
    _style_header(ws, 1, len(INDICATOR_HEADER))
    ws.freeze_panes = "A2"

    row = 2
    for t1 in ex.indicators:
        t1_start = row
        for t2 in t1.tier2s:
            t2_start = row
            for leaf in t2.leaves:
                values = [
                    None, None, leaf.tier3, leaf.nature, leaf.target, leaf.unit,
                    leaf.actual, leaf.cap, leaf.score, leaf.rate, leaf.reason,
                ]
                for c, value in enumerate(values, start=1):
                    cell = _put(ws, row, c, value)
                    cell.border = BORDER
                    cell.alignment = WRAP if c in (3, 11) else CENTER
                ws.cell(row=row, column=10).number_format = ex.rate_format
                row += 1
            ws.cell(row=t2_start, column=2, value=t2.label)
            if row - 1 > t2_start:
                ws.merge_cells(start_row=t2_start, start_column=2, end_row=row - 1, end_column=2)
        ws.cell(row=t1_start, column=1, value=t1.label)
        if row - 1 > t1_start:
            ws.merge_cells(start_row=t1_start, start_column=1, end_row=row - 1, end_column=1)

        cap, score, rate = t1.subtotal
        ws.cell(row=row, column=1, value="小计")
        for c in range(1, 12):
            ws.cell(row=row, column=c).border = BORDER
            ws.cell(row=row, column=c).alignment = CENTER
            ws.cell(row=row, column=c).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
        ws.cell(row=row, column=8, value=cap)
        ws.cell(row=row, column=9, value=score)
        ws.cell(row=row, column=10, value=rate).number_format = ex.rate_format
        row += 1


def write_payments(ws, ex: Example) -> None:
    _set_widths(ws, PAYMENT_WIDTHS)
    for c, head in enumerate(PAYMENT_HEADER, start=1):
        ws.cell(row=1, column=c, value=head)
    _style_header(ws, 1, len(PAYMENT_HEADER))
    row = 2
    for p in ex.payments or []:
        values = [p.when, p.item, p.amount, p.source, p.voucher, p.note]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=c, value=value)
            cell.border = BORDER
            cell.alignment = WRAP
        if isinstance(p.when, date):
            ws.cell(row=row, column=1).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=3).number_format = ex.money_format
        row += 1
    ws.cell(row=row, column=1, value="合计").font = Font(bold=True)
    ws.cell(row=row, column=3, value=ex.payments_total).number_format = ex.money_format
    for c in range(1, 7):
        ws.cell(row=row, column=c).border = BORDER


def build(ex: Example, outdir: Path = HERE) -> Path:
    wb = Workbook()
    wb.properties.creator = "evalbook examples"
    wb.properties.created = FIXED_TIME
    write_project(wb.active, ex)
    write_indicators(wb.create_sheet("指标"), ex)
    if ex.payments is not None:
        write_payments(wb.create_sheet("支付"), ex)
    out = outdir / ex.file
    wb.save(out)
    return out


# ---------------------------------------------------------------------------------------------
# The examples

OFFICE = "山丹县信息化工作办公室"
EMPTY_FUNDS_PARTS = {
    "其中：当年财政拨款": (None, None, None),
    "上年结转资金": (None, None, None),
    "其他资金": (None, None, None),
}


def _full(tier3: str, cap: float) -> Leaf:
    """A seed leaf: the reports give only 分值, 得分 and 得分率, always full marks."""
    return Leaf(tier3=tier3, cap=cap, score=cap, rate=1.0)


SMART_CITY = Example(
    file="smart_city.xlsx",
    name="智慧城市建设项目",
    department=None,
    unit=OFFICE,
    year=2023,
    total_investment=Money(1789.95),  # 预算资金合计1789.95万元
    contract=Money(1736.18),  # 招标价1736.18万元
    cumulative_paid=800,
    remaining=989.95,
    # The report says 45% "of the contract": 800/1736.18 is 46.08%, 45% is 800/1789.95.
    paid_share=0.45,
    paid_share_format="0%",
    claimed_total=98,
    claimed_grade=None,
    # Only "2023年已支付项目建设资金300万元" is known for the year; no year budget is given.
    funds_total=(None, None, 300, None, None, None),
    funds_parts=EMPTY_FUNDS_PARTS,
    goals=(
        "全面完成数字城市管理中心装修改建；全面部署两个支撑平台（公共视频资源共享调度平台、"
        "城市数字孪生平台）；全面部署N个应用（数字化社会治理信息平台、城市综合管理服务平台）；"
        "对接整合智慧停车、智慧路灯等相关应用；完成配套部署相关软件、通信服务、云服务及网络"
        "安全防护等；完成项目验收。"
    ),
    results=(
        "于2021年12月完成招标，2022年1月开工实施，现已完成建设任务的100%。"
        "2023年已支付项目建设资金300万元，累计支付项目建设资金800万元，占合同总金额的45%，"
        "剩余资金989.95万元。"
    ),
    problems=(
        "因智慧城市项目资金到位较慢，影响项目系统优化完善，特别是数字孪生平台城市数字建模，"
        "公共视频资源共享调度平台接入数据流的优化等问题。"
    ),
    measures=(
        "1.对专项资金管理使用的各个环节严格把关，做到项目资金专账核算、专款专用、专人负责。\n"
        "2.对项目基础资料、招投标资料、监理资料、验收资料进行专人管理。\n"
        "3.工程建设单位严格监管工程质量和7×24小时维护响应，保证工程质量达标，确保项目资金的支付进度。"
    ),
    indicators=[
        Tier1(
            "产出（50）",
            [
                # Declared 12, leaves sum to 8: the seed's own mistake, kept.
                Tier2("数量指标（12）", [
                    _full("1个中心", 2),
                    _full("2个平台", 2),
                    _full("3项应用系统", 2),
                    _full("N项智慧应用整合", 2),
                ]),
                Tier2("质量指标（10）", [
                    _full("达到国家和行业标准要求", 5),
                    _full("工程质量优良", 5),
                ]),
                Tier2("时效指标（12）", [
                    _full("系统投入运行", 10),
                    _full("工程通过验收", 2),
                ]),
                Tier2("成本指标（20）", [
                    _full("工程费用（包括设备购置费、软件部署、工程安装等费用）", 10),
                    _full("其他费用（包括建设管理、设计、招标、监理、审计等）", 10),
                ]),
            ],
            subtotal=(50, 50, 1.0),
        ),
        Tier1(
            "效益（30）",
            [
                Tier2("经济效益（10）", [_full("达到智慧城市与数字政府融合推进", 10)]),
                Tier2("社会效益（10）", [_full("实现各职能部门资源共享", 10)]),
                Tier2("生态效益（10）", [_full("达到国家和行业标准要求", 10)]),
            ],
            subtotal=(30, 30, 1.0),
        ),
        Tier1(
            "满意度（10）",
            [
                Tier2("服务对象\n满意度指标（10）", [
                    _full("达到国家和行业标准要求", 5),
                    _full("提高部门、群众满意度", 5),
                ]),
            ],
            subtotal=(10, 10, 1.0),
        ),
    ],
)

HOTLINE = Example(
    file="hotline.xlsx",
    name="12345政务服务便民热线呼叫中心服务外包项目",
    department=None,
    unit=OFFICE,
    year=2023,
    total_investment=Money(36.92),  # 预算资金合计36.92万元
    contract=Money(36.92, [
        ("山丹县“12345”平台运维业务服务合同", 7.2),
        ("山丹县“12345”政务服务便民热线呼叫中心服务外包项目合同", 29.72),
    ]),
    cumulative_paid=36.92,
    # "已支付36.92万元，剩余0.08万元退回财政": 36.92 − 36.92 is 0, kept as the report says.
    remaining=0.08,
    paid_share=None,
    paid_share_format="0%",
    claimed_total=98,
    claimed_grade=None,
    funds_total=(None, None, None, None, None, None),
    funds_parts=EMPTY_FUNDS_PARTS,
    goals=(
        "按照“随接即办、限期办结”的要求，全力处理好12345政务服务热线平台系统转办事项，"
        "着力打造便捷、高效、智慧的城市运行“一网统管”总客服。"
    ),
    results=(
        "于2023年2月与中电万维信息技术有限责任公司张掖分公司签订合同，合同价格36.92万元，"
        "于2023年2月实施，现已完成建设任务的100%。截止2023年11月，已支付36.92万元，"
        "剩余0.08万元退回财政。"
    ),
    problems=(
        "一是难点事项转派困难；二是承办单位重视程度不够；三是夜间紧急类事项受理不及时；"
        "四是监督考核机制落实不严格。"
    ),
    measures=(
        "（一）进一步实时跟进问题，强化组织领导。\n"
        "（二）进一步强化首问负责制，规范工单回退。\n"
        "（三）进一步严格时间节点，及时跟进办理。\n"
        "（四）进一步落实“双反馈”工作要求，提升群众满意率。\n"
        "（五）进一步强化督办通报，力促工作落实。"
    ),
)

INFORMATIZATION = Example(
    file="informatization.xlsx",
    name="信息化建设项目",
    department=None,
    unit=OFFICE,
    year=2023,
    # The parts (each "约…万元" in the report) add up to 239.82, more than the stated 237.95.
    total_investment=Money(237.95, [
        ("山丹县电子政务外网IPv6升级改造项目", 80),
        ("山丹县县级延伸乡镇视频会议系统建设项目", 78.82),
        ("山丹县廉情监督热线项目", 81),
    ]),
    contract=Money(None),
    cumulative_paid=None,
    remaining=None,
    paid_share=None,
    paid_share_format="0%",
    claimed_total=99,
    claimed_grade=None,
    funds_total=(None, None, 30, None, None, None),
    funds_parts=EMPTY_FUNDS_PARTS,
    goals=(
        "一是完成中心机房改造、建设政务外网安全防护体系、网络安全等保二级测评，达到市上关于"
        "县级政务外网IPv6改造要求；二是完成县级延伸乡镇视频会议系统1个主会场8个分会场设备"
        "安装调试，建成乡镇一级的高清视频会议系统；三是建设1个廉情监督热线平台，实现廉情监督"
        "热线平台使用功能。"
    ),
    results=(
        "以上信息化建设项目总投资237.95万元，目前已全部建成并投入使用，运行情况良好。"
        "2023年9月县财政拨付信息化建设资金30万元，其中支付山丹县电子政务外网IPv6升级改造项目"
        "15万元、山丹县县级延伸乡镇视频会议系统建设项目15万元。"
    ),
    # "237.5万元" contradicts the 237.95 above; quoted as written.
    problems=(
        "因该项目总金额237.5万元项目资金支付缓慢，影响信息化项目运维保障，并受网络、设备等客观"
        "因素影响，县、乡、村三级政务外网使用及县乡视频会议调度使用畅通率仅达到95%，未能实现100%。"
    ),
    measures="一是积极向上争取资金，尽快拨付剩余项目资金；二是督促运营商加强网络维护，保障项目运行畅通。",
    payments=[
        Payment("2023.9", "支付山丹县电子政务外网IPv6升级改造项目", 15,
                note="2023年9月县财政拨付信息化建设资金30万元"),
        Payment("2023.9", "支付山丹县县级延伸乡镇视频会议系统建设项目", 15,
                note="2023年9月县财政拨付信息化建设资金30万元"),
    ],
    payments_total=30,
)

VILLAGE_NETWORK = Example(
    file="village_network.xlsx",
    name="村级电子政务外网项目",
    department=None,
    unit=OFFICE,
    # The report carries no date and names no year; the other three are for 2023.
    year=None,
    total_investment=Money(6.3),  # 预算资金合计6.3万元
    contract=Money(None),
    cumulative_paid=6.3,  # "资金现已全部支付完成"
    remaining=None,
    paid_share=None,
    paid_share_format="0%",
    claimed_total=98,
    claimed_grade=None,
    funds_total=(None, None, None, None, None, None),
    funds_parts=EMPTY_FUNDS_PARTS,
    goals=(
        "全县105个行政村开通不低于100M光纤专线电子政务外网，实现与全县电子政务外网连接，"
        "打通政务服务“最后一公里”。"
    ),
    results="项目预算资金合计6.3万元，资金现已全部支付完成。",
    # Says 6 villages are not connected, while the measures speak of 105 connected: kept.
    problems="我县尚有6个行政村由于自身村级条件未能达到开通要求，暂未开通村级电子政务外网。",
    measures=(
        "积极协调解决我县剩余6个行政村不能开通电子政务外网的问题，同时与通信运营商积极沟通，"
        "保障我县已开通的105个行政村政务外网带宽不低于100M，全面提高我县电子政务外网的承载能力"
        "和运行效率，打通政务服务“最后一公里”。"
    ),
)


def _leaf(tier3, nature, target, unit, actual, cap, score, reason=None) -> Leaf:
    return Leaf(tier3=tier3, cap=cap, score=score, rate=round(score / cap, 4),
                nature=nature, target=target, unit=unit, actual=actual, reason=reason)


# 5 × 93 / 95 = 4.8947…, stated with the two decimals scores are written with.
DEDUCTED_SCORE = 4.89

CONSISTENT = Example(
    file="consistent.xlsx",
    name="山丹县政务服务大厅运维项目",
    department="山丹县人民政府办公室",
    unit="山丹县政务服务中心",
    year=2023,
    total_investment=Money(50),
    contract=Money(49.5),
    cumulative_paid=49,
    remaining=1,
    paid_share=round(49 / 49.5, 4),
    paid_share_format="0.00%",
    claimed_total=99.69,  # leaf scores 89.89 + budget execution 9.80
    claimed_grade="优",
    funds_total=(50, 50, 49, 10, 0.98, 9.8),
    funds_parts={
        "其中：当年财政拨款": (50, 50, 49),
        "上年结转资金": (0, 0, 0),
        "其他资金": (0, 0, 0),
    },
    goals=(
        "保障政务服务大厅30个服务窗口和20台自助服务终端全年正常运行，设备完好率不低于95%，"
        "故障2小时内响应，办事群众满意度不低于95%。"
    ),
    results=(
        "全年运维服务窗口32个、自助服务终端20台，设备完好率98%，平均故障响应时间1.5小时，"
        "办事群众满意度93%。全年预算50万元，执行49万元，预算执行率98%。"
    ),
    problems="办事群众满意度93%，未达到95%的年度目标，高峰时段窗口等候时间偏长。",
    measures="高峰时段增开潮汐窗口，推行预约办理，按季度开展满意度回访并通报整改。",
    money_format="0.00",
    score_format="0.00",
    rate_format="0.00%",
    indicators=[
        Tier1(
            "产出指标（50分）",
            [
                Tier2("数量指标（20分）", [
                    _leaf("运维服务窗口数量", "≥", 30, "个", 32, 10, 10),
                    _leaf("自助服务终端运维数量", "≥", 20, "台", 20, 10, 10),
                ]),
                Tier2("质量指标（15分）", [
                    _leaf("设备完好率", "≥", 95, "%", 98, 8, 8),
                    _leaf("系统故障修复及时率", "≥", 95, "%", 97, 7, 7),
                ]),
                Tier2("时效指标（10分）", [
                    _leaf("故障响应时间", "≤", 2, "小时", 1.5, 5, 5),
                    _leaf("运维服务按期完成率", "=", 100, "%", 100, 5, 5),
                ]),
                Tier2("成本指标（5分）", [
                    _leaf("年度运维成本", "≤", 50, "万元", 49, 5, 5),
                ]),
            ],
            subtotal=(50, 50, 1.0),
        ),
        Tier1(
            "效益指标（30分）",
            [
                Tier2("社会效益指标（20分）", [
                    _leaf("政务服务办理效率", "定性", "有效提升", None, "达成年度指标", 10, 10),
                    _leaf("群众办事平均等候时间", "≤", 15, "分钟", 12, 10, 10),
                ]),
                Tier2("可持续影响指标（10分）", [
                    _leaf("运维服务长效机制", "定性", "建立并运行", None, "达成年度指标", 10, 10),
                ]),
            ],
            subtotal=(30, 30, 1.0),
        ),
        Tier1(
            "满意度指标（10分）",
            [
                Tier2("服务对象满意度指标（10分）", [
                    _leaf("办事群众满意度", "≥", 95, "%", 93, 5, DEDUCTED_SCORE,
                          reason="高峰时段窗口等候时间偏长，部分群众不满意；"
                                 "拟增开潮汐窗口、推行预约办理。"),
                    _leaf("窗口工作人员满意度", "≥", 90, "%", 92, 5, 5),
                ]),
            ],
            subtotal=(10, 9.89, 0.989),
        ),
    ],
    payments=[
        Payment(date(2023, 3, 31), "第一季度运维服务费", 12.25, "当年财政拨款", "记-2023-03-018"),
        Payment(date(2023, 6, 30), "第二季度运维服务费", 12.25, "当年财政拨款", "记-2023-06-021"),
        Payment(date(2023, 9, 28), "第三季度运维服务费", 12.25, "当年财政拨款", "记-2023-09-016"),
        Payment(date(2023, 12, 20), "第四季度运维服务费", 12.25, "当年财政拨款", "记-2023-12-024"),
    ],
    payments_total=49,
)

EXAMPLES = [SMART_CITY, HOTLINE, INFORMATIZATION, VILLAGE_NETWORK, CONSISTENT]


def main() -> None:
    for ex in EXAMPLES:
        print(build(ex).relative_to(HERE.parent))


if __name__ == "__main__":
    main()
