"""Every name the reader accepts, in one place: sheet names, project labels, column headers,
the words of sum rows and notes, and the key functions that compare them (spec: workbook.md)."""

from __future__ import annotations

import re
from functools import lru_cache

from evalbook.model.values import normalize

SHEET_NAMES = {
    "project": ("项目", "项目信息", "项目概况", "基本情况"),
    "indicators": ("指标", "绩效指标", "指标评分", "评分表"),
    "payments": ("支付", "资金支付", "支付明细", "付款"),
}

RESULT_SHEET = "校验结果"  # the sheet evalbook adds (annotate); never read as the user's

# Project fields: name → accepted labels (compared after label_key()).
PROJECT_LABELS = {
    "name": ("项目名称",),
    "department": ("主管部门",),
    "unit": ("实施单位",),
    "year": ("评价年度", "年度"),
    "money_unit": ("金额单位",),
    "total_investment": ("项目总投资", "项目总预算", "总投资"),
    "contract": ("合同金额", "合同价", "中标价"),
    "cumulative_paid": ("累计支付", "累计支付金额"),
    "remaining": ("剩余资金", "结余资金"),
    "paid_share": ("支付占合同比例", "占合同总金额比例"),
    "claimed_total": ("自评得分", "自评总分"),
    "claimed_grade": ("自评等级", "评价等级"),
    "goals": ("年度总体目标",),
    "results": ("实际完成情况",),
    "problems": ("存在问题",),
    "measures": ("改进措施",),
}
MONEY_FIELDS = ("total_investment", "contract", "cumulative_paid", "remaining")
LABEL_TO_FIELD = {lab: name for name, labs in PROJECT_LABELS.items() for lab in labs}
# A sheet without a project sheet's name holds the project when a cell starts with this
# (the central single-sheet grid).
PROJECT_NAME_LABEL = PROJECT_LABELS["name"][0]
PART_PREFIX = "其中"  # a part of the figure above it: 其中：财政拨款

FUNDS_COLUMNS = {
    "initial_budget": ("年初预算数", "年初预算"),
    "budget": ("全年预算数", "调整后预算数", "预算数"),
    "executed": ("全年执行数", "预算执行数", "执行数"),
    "cap": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}
FUNDS_REQUIRED = ("budget", "executed")

INDICATOR_COLUMNS = {
    "tier1": ("一级指标",),
    "tier2": ("二级指标",),
    "tier3": ("三级指标",),
    "nature": ("指标性质",),
    "target": ("年度指标值", "指标值", "年初目标值", "目标值"),
    "unit": ("度量单位", "计量单位"),
    "actual": ("实际完成值", "完成值", "全年实际值"),
    "cap": ("分值", "权重"),
    "score": ("得分", "自评得分"),
    "rate": ("得分率",),
    "reason": ("偏差原因分析及改进措施", "偏差原因", "未完成原因分析", "未完成原因及拟采取的改进措施", "扣分原因",
               "原因分析", "偏差原因及改进措施"),
}
# Without any of those, a header that names a reason (扣分原因说明, 未完成原因) is the reason
# column, and without one either, 备注 (workbook.md).
REASON_WORD = "原因"
REMARKS = "备注"
INDICATOR_REQUIRED = ("tier1", "tier2", "tier3", "cap", "score")
# Without these the table is not read at all (without a tier-1 or tier-2 column it still is).
INDICATOR_ESSENTIAL = ("tier3", "cap", "score")
# A header row with these two marks an indicator table on a sheet of any name.
INDICATOR_MARKS = ("tier3", "score")

PAYMENT_COLUMNS = {
    "date": ("支付日期", "日期"),
    "item": ("支付事项", "事项", "摘要", "款项"),
    "amount": ("金额", "支付金额"),
    "source": ("资金来源",),
    "voucher": ("凭证号",),
    "note": ("备注",),
}
PAYMENT_REQUIRED = ("date", "amount")
# A sheet of another name is the payments sheet when its header has both required columns and
# one of them is headed exactly this.
PAYMENT_MARK = "金额"

# The columns of each table, by the name MissingColumn.table gives.
TABLE_COLUMNS = {"indicators": INDICATOR_COLUMNS, "payments": PAYMENT_COLUMNS}

# Sum rows of the indicator table and the payments table.
TOTAL_WORD = "合计"
TOTAL_WORDS = (TOTAL_WORD, "总计")
SUBTOTAL_WORD = "小计"
SCORE_TOTAL_WORD = "总分"
INDICATOR_TOTAL = ("指标合计", "绩效指标合计")

KEY_MARKS = "★☆"  # a key indicator: ★数量指标

# A note under a table closes it: 注：…, 说明：…, 填表说明, 备注：…
_NOTE_RE = re.compile(r"^(注$|注[:：\d、.(（]|说明[:：]|填表说明|备注[:：])")
# A numbered line of a notes block: 1.…, 2、…, （3）…, (4)…
_NUMBERED_RE = re.compile(r"^(\d{1,2}[.、．]|[(（]\d{1,2}[)）])")

# A cap riding in a label: 产出指标（50分）, 产出(50), 数量指标（12）.
_CAP_IN_LABEL = re.compile(r"^(.*?)\((?:分值|权重|满分)?[:：]?(\d+(?:\.\d+)?)分?\)$")
_PAREN_SUFFIX = re.compile(r"\([^()]*\)$")


def sheet_key(name: str) -> str:
    return normalize(name)


def is_note(text: str) -> bool:
    return bool(_NOTE_RE.match(text))


def is_numbered_line(text: str) -> bool:
    """`1.…`, `2、…`, `（3）…`: how the lines of a notes block begin (text already normalized)."""
    return bool(_NUMBERED_RE.match(text))


def edge_word(text: str, word: str) -> bool:
    """The word stands alone or at an end (产出指标小计, 总分合计), never inside a name."""
    return text.startswith(word) or text.endswith(word)


@lru_cache(maxsize=4096, typed=True)  # pure, and asked again on every row
def label_key(text) -> str:
    """A label as compared: full/half width folded, no spaces, no colons, no leading 其中."""
    s = normalize(str(text)).strip(":：")
    if s.startswith(PART_PREFIX):
        s = s[len(PART_PREFIX):].lstrip(":：")
    return s


@lru_cache(maxsize=4096, typed=True)  # pure, and asked again on every row
def header_key(text) -> str:
    """A column header as compared: also without a trailing unit in brackets (分值（分）)."""
    s = label_key(text)
    return _PAREN_SUFFIX.sub("", s) or s


@lru_cache(maxsize=4096, typed=True)  # pure, and asked again on every row
def split_cap(label: str) -> tuple[str, float | None]:
    """`数量指标（12）` → ("数量指标", 12.0); a label without a cap → (label, None)."""
    s = normalize(label)
    m = _CAP_IN_LABEL.match(s)
    if m and m.group(1):
        return m.group(1), float(m.group(2))
    return s, None


@lru_cache(maxsize=4096, typed=True)  # pure, and asked again on every row
def canonical_tier1(name: str) -> str:
    """产出 / 产出指标 are one tier-1, as are 满意度 / 满意度指标 / 服务对象满意度指标."""
    s = split_cap(name)[0]
    if s.endswith("指标"):
        s = s[:-2]
    if s.endswith("满意度"):
        return "满意度"
    if s.startswith("预算执行"):
        return "预算执行"
    return s


@lru_cache(maxsize=4096, typed=True)  # pure, and asked again on every row
def canonical_tier2(name: str) -> str:
    s = split_cap(name)[0]
    return s[:-2] if s.endswith("指标") and len(s) > 2 else s
