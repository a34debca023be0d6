"""From a Book of cells to the model: sheets, label/value pairs, the funds block, the tiered
indicator table with every variant workbook.md tolerates, and the payments table."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from evalbook.model.workbook import (
    BudgetRow, Columns, Field, Funds, FundsRow, Indicators, Leaf, MoneyField, Payment, Payments,
    Problem, Project, Ref, StatedSum, Tier1, Tier2, Workbook,
)
from evalbook.files.book import Book, Sheet
from evalbook.model.values import is_blank, normalize, read_number

SHEET_NAMES = {
    "project": ("项目", "项目信息", "项目概况", "基本情况"),
    "indicators": ("指标", "绩效指标", "指标评分", "评分表"),
    "payments": ("支付", "资金支付", "支付明细", "付款"),
}

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
_LABEL_TO_FIELD = {lab: name for name, labs in PROJECT_LABELS.items() for lab in labs}

FUNDS_COLUMNS = {
    "initial_budget": ("年初预算数", "年初预算"),
    "budget": ("全年预算数", "调整后预算数", "预算数"),
    "executed": ("全年执行数", "预算执行数", "执行数"),
    "cap": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}

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
    "reason": ("偏差原因分析及改进措施", "偏差原因", "未完成原因分析", "未完成原因及拟采取的改进措施"),
}
INDICATOR_REQUIRED = ("tier1", "tier2", "tier3", "cap", "score")

PAYMENT_COLUMNS = {
    "date": ("支付日期", "日期"),
    "item": ("支付事项", "事项", "摘要", "款项"),
    "amount": ("金额", "支付金额"),
    "source": ("资金来源",),
    "voucher": ("凭证号",),
    "note": ("备注",),
}
PAYMENT_REQUIRED = ("date", "amount")

# A cap riding in a label: 产出指标（50分）, 产出(50), 数量指标（12）.
_CAP_IN_LABEL = re.compile(r"^(.*?)\((?:分值|权重|满分)?[:：]?(\d+(?:\.\d+)?)分?\)$")
_PAREN_SUFFIX = re.compile(r"\([^()]*\)$")
_KEY_MARKS = "★☆"


@lru_cache(maxsize=4096, typed=True)  # pure, and asked again on every row
def label_key(text) -> str:
    """A label as compared: full/half width folded, no spaces, no colons, no leading 其中."""
    s = normalize(str(text)).strip(":：")
    if s.startswith("其中"):
        s = s[2:].lstrip(":：")
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


# ---------------------------------------------------------------- sheets


def _sheet_key(name: str) -> str:
    return normalize(name)


RESULT_SHEET = "校验结果"  # the sheet evalbook adds (annotate); never read as the user's


def _ours(sheet: Sheet) -> bool:
    return normalize(sheet.name) == RESULT_SHEET


def find_sheet(book: Book, kind: str) -> Sheet | None:
    by_key = {_sheet_key(s.name): s for s in book.sheets}
    for name in SHEET_NAMES[kind]:
        if name in by_key:
            return by_key[name]
    return None


class _Grid:
    """A sheet with merged ranges resolved: `own(r, c)` is the text a cell shows on its row."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.cells = sheet.cells
        self.anchor: dict[tuple[int, int], tuple[int, int]] = {}
        self.vertical: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in sheet.merged:
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 200_000:
                continue  # a whole-column merge says nothing about values
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self.anchor[(r, c)] = (r1, c1)
                    if r > r1:
                        self.vertical.add((r, c))
        self.rows = sheet.rows()

    def at(self, r: int, c: int):
        """Value shown at (r, c): a merged range's value shows in all its cells."""
        key = (r, c)
        cell = self.cells.get(self.anchor.get(key, key))
        return None if cell is None else cell.value

    def own(self, r: int, c: int):
        """Value at (r, c) unless it comes from a merge that started on a row above."""
        if (r, c) in self.vertical:
            return None
        return self.at(r, c)

    def fmt(self, r: int, c: int) -> str:
        ar, ac = self.anchor.get((r, c), (r, c))
        cell = self.sheet.get(ar, ac)
        return cell.fmt if cell else "General"

    def ref(self, r: int, c: int) -> Ref:
        ar, ac = self.anchor.get((r, c), (r, c))
        return Ref(self.sheet.name, ar, ac)

    def field(self, r: int, c: int | None, *, rate: bool = False) -> Field | None:
        if c is None:
            return None
        key = (r, c)
        ar, ac = self.anchor.get(key, key)
        ref = Ref(self.sheet.name, ar, ac)
        if key in self.vertical:
            # Part of a range merged from above: the value belongs to the first row only.
            return Field(ref, None, None)
        cell = self.cells.get((ar, ac))
        if cell is None:
            return Field(ref, None, None)
        return Field(ref, cell.value, read_number(cell.value, cell.fmt, rate=rate))

    def next_value_col(self, r: int, c: int) -> int | None:
        """The first non-empty cell right of (r, c), skipping the rest of c's own merge."""
        row = self.rows.get(r, {})
        own_anchor = self.anchor.get((r, c), (r, c))
        for col in sorted(row):
            if col <= c or self.anchor.get((r, col), (r, col)) == own_anchor:
                continue
            v = row[col].value
            if not is_blank(v):
                if isinstance(v, str) and header_key(v) in _LABEL_TO_FIELD:
                    return None  # the next label: this one's value was left empty
                return col
        return None


def _find_header(grid: _Grid, columns: dict[str, tuple[str, ...]], must: tuple[str, ...],
                 start: int = 1) -> Columns | None:
    """The first row from *start* whose cells name every column in *must*.

    A two-row header (绩效指标 merged over 一级/二级/三级, 分值 merged down both rows) is read
    at its second row: a header cell merged down from the row above counts there too.
    """
    down: dict[int, dict[int, object]] = {}
    for r1, c1, r2, c2 in grid.sheet.merged:
        if r2 > r1 and r2 - r1 < 4:
            v = grid.sheet.value(r1, c1)
            if isinstance(v, str):
                for r in range(r1 + 1, r2 + 1):
                    down.setdefault(r, {})[c1] = v
    for r in sorted(set(grid.rows) | set(down)):
        if r < start:
            continue
        found: dict[str, int] = {}
        cells = {c: cell.value for c, cell in grid.rows.get(r, {}).items()}
        for c, v in down.get(r, {}).items():
            cells.setdefault(c, v)
        for c in sorted(cells):
            v = cells[c]
            if not isinstance(v, str):
                continue
            key = header_key(v)
            for name, heads in columns.items():
                if name not in found and key in heads:
                    found[name] = c
                    break
        if all(m in found for m in must):
            return Columns(r, found)
    return None


def _indicator_header_score(grid: _Grid) -> Columns | None:
    return _find_header(grid, INDICATOR_COLUMNS, ("tier3", "score"))


# ---------------------------------------------------------------- project sheet


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _year_of(v) -> int | None:
    if isinstance(v, (int, float)) and 1990 <= v <= 2100:
        return int(v)
    if isinstance(v, (datetime, date)):
        return v.year
    if isinstance(v, str):
        m = re.search(r"(19|20)\d\d", normalize(v))
        if m:
            return int(m.group(0))
    return None


def read_project(sheet: Sheet, stop_row: int | None = None, grid: _Grid | None = None) -> Project:
    """Label/value pairs anywhere on the sheet (above *stop_row*), with 其中 parts and funds."""
    grid = grid or _Grid(sheet)
    project = Project(sheet.name)
    money_order: list[tuple[int, int, str]] = []  # (row, label col, field) to attach 其中 rows
    part_rows: list[tuple[int, int, str, Field]] = []
    funds_hdr = _find_header(grid, FUNDS_COLUMNS, ("budget", "executed"))
    funds_rows: set[int] = set()
    if funds_hdr is not None and (stop_row is None or funds_hdr.header_row < stop_row):
        project.funds = _read_funds(grid, funds_hdr, stop_row)
        funds_rows = {funds_hdr.header_row}
        if project.funds.total:
            funds_rows.add(project.funds.total.ref.row)
        funds_rows.update(p.ref.row for p in project.funds.parts)

    for r in sorted(grid.rows):
        if stop_row is not None and r >= stop_row:
            break
        if r in funds_rows:
            continue
        for c in sorted(grid.rows[r]):
            if (r, c) in grid.anchor and grid.anchor[(r, c)] != (r, c):
                continue
            v = grid.rows[r][c].value
            if not isinstance(v, str):
                continue
            raw_norm = normalize(v)
            key = header_key(v)
            inline = None
            if key not in _LABEL_TO_FIELD:
                # "项目名称：XXX" or "金额单位：万元" in one cell
                m = re.match(r"^([^:：]{2,12})[:：](.+)$", raw_norm)
                if not m or header_key(m.group(1)) not in _LABEL_TO_FIELD:
                    if raw_norm.startswith("其中"):
                        vc = grid.next_value_col(r, c)
                        if vc is not None:
                            part_rows.append((r, c, raw_norm, grid.field(r, vc)))
                    continue
                key, inline = header_key(m.group(1)), m.group(2)
            name = _LABEL_TO_FIELD[key]
            if name in project.labels:
                continue  # first occurrence wins; a repeated label is a note, not a field
            label_ref = grid.ref(r, c)
            project.labels[name] = label_ref
            if inline is not None:
                fld = Field(label_ref, inline, read_number(inline, rate=name == "paid_share"))
            else:
                vc = grid.next_value_col(r, c)
                if vc is None:
                    # The value belongs in the cell right of the label (and its merge).
                    ac = c + 1
                    for (rr, cc), anc in grid.anchor.items():
                        if anc == (r, c) and cc + 1 > ac:
                            ac = cc + 1
                    fld = Field(Ref(sheet.name, r, ac), None, None)
                else:
                    fld = grid.field(r, vc, rate=name == "paid_share")
            if raw_norm.startswith("其中") and name in MONEY_FIELDS:
                part_rows.append((r, c, raw_norm, fld))
                continue
            if name in MONEY_FIELDS:
                project.money[name] = MoneyField(name, fld)
                money_order.append((r, c, name))
            elif name == "paid_share":
                project.paid_share = fld
            elif name == "claimed_total":
                project.claimed_total = fld
            elif name == "claimed_grade":
                project.claimed_grade = fld
            elif name == "year":
                project.year = _year_of(fld.raw)
                project.texts[name] = fld
            elif name == "money_unit":
                unit = normalize(str(fld.raw or ""))
                project.money_unit = "元" if unit.startswith("元") else "万元"
                project.texts[name] = fld
            else:
                project.texts[name] = fld

    # 其中 rows directly under a money field belong to it.
    money_rows = sorted(money_order)
    for r, c, text, fld in sorted(part_rows, key=lambda p: p[0]):
        owner = None
        for mr, mc, name in money_rows:
            if mr < r and mc == c:
                owner = (mr, name)
        if owner is None:
            continue
        mr, name = owner
        parts = project.money[name].parts
        last_row = parts[-1][1].ref.row if parts else mr
        if r - last_row == 1 and fld is not None:
            parts.append((label_key(text), fld))
    if project.year is None:
        for r in sorted(grid.rows)[:3]:
            for c, cell in grid.rows[r].items():
                if isinstance(cell.value, str) and "年度" in cell.value:
                    project.year = project.year or _year_of(cell.value)
    if "money_unit" not in project.texts:
        for r in sorted(grid.rows)[:6]:
            for cell in grid.rows[r].values():
                if isinstance(cell.value, str) and re.search(r"单位[:：]?\s*元", normalize(cell.value)):
                    project.money_unit = "元"
    return project


def _read_funds(grid: _Grid, hdr: Columns, stop_row: int | None = None) -> Funds:
    funds = Funds(hdr)
    first_value_col = min(hdr.cols.values())

    def row_label(r: int):
        # The MoF grid merges 项目资金 down the first column and writes 年度资金总额 / 其中…
        # in the next: the row's label is its rightmost text left of the figures.
        for c in range(first_value_col - 1, 0, -1):
            v = grid.own(r, c)
            if isinstance(v, str) and v.strip():
                return v, c
        return None, first_value_col - 1 if first_value_col > 1 else 1
    in_parts = False
    prev = hdr.header_row
    for r in sorted(grid.rows):
        if r <= hdr.header_row:
            continue
        if r != prev + 1 or (stop_row is not None and r >= stop_row):
            break  # a blank row (or the indicator table) ends the block
        prev = r
        label, label_col = row_label(r)
        if label is None or is_blank(label):
            if any(not is_blank(grid.own(r, c)) for c in hdr.cols.values()):
                continue  # a row with figures but no label: shown, not read
            break
        if any(isinstance(v, str) and header_key(v) in _LABEL_TO_FIELD
               for v in (grid.own(r, c) for c in range(1, first_value_col))):
            break  # the next section (年度总体目标 …) starts right under the block
        figures = [grid.own(r, c) for c in hdr.cols.values()]
        if not any(read_number(v) is not None for v in figures) and any(not is_blank(v) for v in figures):
            break  # words where the figures belong: not a funds row
        row = FundsRow(
            label=normalize(str(label)),
            ref=grid.ref(r, label_col),
            part=normalize(str(label)).startswith("其中") or in_parts,
            initial_budget=grid.field(r, hdr.get("initial_budget")),
            budget=grid.field(r, hdr.get("budget")),
            executed=grid.field(r, hdr.get("executed")),
            cap=grid.field(r, hdr.get("cap")),
            rate=grid.field(r, hdr.get("rate"), rate=True),
            score=grid.field(r, hdr.get("score")),
        )
        if funds.total is None and not row.part:
            funds.total = row
            continue
        in_parts = True
        row.part = True
        funds.parts.append(row)
    return funds


# ---------------------------------------------------------------- indicator sheet


_INDICATOR_TOTAL = ("指标合计", "绩效指标合计")


def _row_label_texts(grid: _Grid, r: int, cols: list[int]) -> list[str]:
    out = []
    for c in cols:
        v = grid.own(r, c)
        if isinstance(v, str) and v.strip():
            out.append(normalize(v))
    return out


_NOTE_RE = re.compile(r"^(注[:：\d、.(（]|说明[:：]|填表说明|备注[:：])")


def _edge_word(text: str, word: str) -> bool:
    return text.startswith(word) or text.endswith(word)


def _is_note(text: str) -> bool:
    return bool(_NOTE_RE.match(text))


def read_indicators(sheet: Sheet, hdr: Columns, grid: _Grid | None = None) -> Indicators:
    grid = grid or _Grid(sheet)
    ind = Indicators(sheet.name, hdr)
    col = hdr.get
    tier_cols = [c for c in (col("tier1"), col("tier2"), col("tier3")) if c is not None]
    t1_col, t2_col, t3_col = col("tier1"), col("tier2"), col("tier3")
    tier1s: dict[str, Tier1] = {}
    cur_t1: Tier1 | None = None
    cur_t1_label = None  # (label text, ref) as filled down
    cur_t2_label = None
    rows = [r for r in sorted(grid.rows) if r > hdr.header_row]
    later_leaf_rows: list[int] = []

    def tier1_obj(label: str, ref: Ref) -> Tier1:
        name = canonical_tier1(label)
        t1 = tier1s.get(name)
        if t1 is None:
            t1 = Tier1(name=name, label=label, ref=ref)
            tier1s[name] = t1
            ind.tier1s.append(t1)
        return t1

    tier2_index: dict[tuple[str, str], Tier2] = {}  # (tier-1, tier-2) names: one lookup per row

    def tier2_obj(t1: Tier1, label: str, ref: Ref) -> Tier2:
        name = canonical_tier2(label)
        t2 = tier2_index.get((t1.name, name))
        if t2 is None:
            t2 = Tier2(name=name, label=label, ref=ref)
            t1.tier2s.append(t2)
            tier2_index[(t1.name, name)] = t2
        return t2

    def declare(target, label: str, ref: Ref) -> None:
        _, cap = split_cap(label)
        if cap is not None and target.cap is None:
            target.cap = Field(ref, label, read_number(cap), in_label=True)

    # Which rows hold indicators (a tier-3 name): a 合计 row above one is a subtotal.
    for r in rows:
        if t3_col is not None:
            v = grid.own(r, t3_col)
            if isinstance(v, str) and v.strip() and not _is_note(normalize(v)):
                later_leaf_rows.append(r)

    # A sum row's label may stand left of the tier columns too (the MoF grid writes 总分 in its
    # 绩效指标 column): every column left of the figures is a label column.
    figure_cols = [c for c in (col("cap"), col("score")) if c is not None]
    label_cols = list(range(1, min(figure_cols))) if figure_cols else tier_cols
    for r in rows:
        texts = _row_label_texts(grid, r, label_cols)
        first = next((normalize(str(grid.rows[r][c].value)) for c in sorted(grid.rows[r])
                      if isinstance(grid.rows[r][c].value, str) and grid.rows[r][c].value.strip()), "")
        if first and _is_note(first):
            break  # notes close the table; what follows is not read
        if not grid.rows[r]:
            continue
        kind = None
        # The word stands alone or at an end (产出指标小计, 总分合计), never inside a name.
        if any(_edge_word(t, "小计") for t in texts):
            kind = "subtotal"
        elif any(t in _INDICATOR_TOTAL or t.startswith(_INDICATOR_TOTAL) for t in texts):
            kind = "indicators"
        elif any(_edge_word(t, "总分") for t in texts):
            kind = "total"
        elif any(t in ("合计", "总计") for t in texts):
            kind = "subtotal" if any(lr > r for lr in later_leaf_rows) else "total"
        if kind:
            label_c = next(c for c in label_cols if isinstance(grid.own(r, c), str) and grid.own(r, c).strip())
            ss = StatedSum(
                kind=kind, row=r, label_ref=grid.ref(r, label_c),
                tier1=cur_t1.name if (kind == "subtotal" and cur_t1) else None,
                cap=grid.field(r, col("cap")), score=grid.field(r, col("score")),
                rate=grid.field(r, col("rate"), rate=True),
            )
            ind.sums.append(ss)
            ind.last_row = r
            if kind == "subtotal":
                # A block is closed: its vertical labels do not run on into the next one.
                cur_t1_label = cur_t2_label = None
                cur_t1 = None
            continue

        # Fill-down of tier names (merged or just left blank).
        own1 = grid.own(r, t1_col) if t1_col else None
        own2 = grid.own(r, t2_col) if t2_col else None
        if isinstance(own1, str) and own1.strip():
            cur_t1_label = (own1.strip(), grid.ref(r, t1_col))
            cur_t2_label = None
        elif own1 is not None and not is_blank(own1):
            cur_t1_label = (str(own1), grid.ref(r, t1_col))
            cur_t2_label = None
        if isinstance(own2, str) and own2.strip():
            cur_t2_label = (own2.strip(), grid.ref(r, t2_col))
        elif own2 is not None and not is_blank(own2):
            cur_t2_label = (str(own2), grid.ref(r, t2_col))

        t3_raw = grid.own(r, t3_col) if t3_col else None
        t3 = normalize(str(t3_raw)) if t3_raw is not None and not is_blank(t3_raw) else ""
        cap = grid.field(r, col("cap"))
        score = grid.field(r, col("score"))

        if cur_t1_label and canonical_tier1(cur_t1_label[0]) == "预算执行":
            if cap and (cap.num is not None or (score and score.num is not None)) or t3:
                ind.budget_rows.append(BudgetRow(
                    row=r, label_ref=cur_t1_label[1], cap=cap, score=score,
                    rate=grid.field(r, col("rate"), rate=True),
                    target=grid.field(r, col("target"), rate=True),
                    actual=grid.field(r, col("actual"), rate=True),
                ))
                ind.last_row = r
                cur_t1_label = cur_t2_label = None
            continue

        if cur_t1_label is not None:
            cur_t1 = tier1_obj(cur_t1_label[0], cur_t1_label[1])
            declare(cur_t1, cur_t1_label[0], cur_t1_label[1])

        if not t3:
            has_cap = cap is not None and not cap.blank
            if not has_cap:
                continue  # a blank or text-only row
            # A tier header row: declares the cap of the tier-2 it names, else of the tier-1.
            target = None
            if isinstance(own2, str) and own2.strip() and cur_t1 is not None:
                target = tier2_obj(cur_t1, cur_t2_label[0], cur_t2_label[1])
                declare(target, cur_t2_label[0], cur_t2_label[1])
            elif cur_t1 is not None and isinstance(own1, str) and own1.strip():
                target = cur_t1
            if target is not None:
                # A cap declared in the tier's label wins over the one on its header row.
                if not (target.cap is not None and target.cap.in_label and target.cap.num is not None):
                    target.cap = cap
                if target.score is None:
                    target.score = score
                ind.last_row = r
            continue

        key = t3[0] in _KEY_MARKS
        # Messages quote the name as the user wrote it (full-width brackets and all).
        name = str(t3_raw).strip().lstrip(_KEY_MARKS + " \u3000").strip()
        has_cap = cap is not None and not cap.blank
        has_score = score is not None and not score.blank
        if t3.lstrip(_KEY_MARKS).startswith("其中") or (not has_cap and not has_score):
            ind.breakdown_rows.append(r)
            continue
        nature_raw = grid.own(r, col("nature")) if col("nature") else None
        unit_raw = grid.own(r, col("unit")) if col("unit") else None
        leaf = Leaf(
            row=r,
            tier1=canonical_tier1(cur_t1_label[0]) if cur_t1_label else None,
            tier2=canonical_tier2(cur_t2_label[0]) if cur_t2_label else None,
            name=name,
            name_ref=grid.ref(r, t3_col),
            tier1_ref=cur_t1_label[1] if cur_t1_label else None,
            tier2_ref=cur_t2_label[1] if cur_t2_label else None,
            key=key,
            nature=_nature(nature_raw),
            target=grid.field(r, col("target")),
            unit=_text(unit_raw),
            actual=grid.field(r, col("actual")),
            cap=cap,
            score=score,
            rate=grid.field(r, col("rate"), rate=True),
            reason=grid.field(r, col("reason")),
        )
        ind.last_row = r
        if cur_t1 is None or cur_t2_label is None:
            ind.orphans.append(leaf)
            continue
        t2 = tier2_obj(cur_t1, cur_t2_label[0], cur_t2_label[1])
        declare(t2, cur_t2_label[0], cur_t2_label[1])
        t2.leaves.append(leaf)
    return ind


def _nature(raw) -> str | None:
    if raw is None or is_blank(raw):
        return None
    s = normalize(str(raw))
    if s.startswith(("≥", ">", "正向")) or s in ("≧",):
        return ">="
    if s.startswith(("≤", "<", "反向")) or s in ("≦",):
        return "<="
    if s.startswith(("=", "＝", "═")):
        return "="
    if "定性" in s:
        return "定性"
    return None


# ---------------------------------------------------------------- payments sheet

_DATE_TEXT = [
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def parse_date(raw) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # An Excel serial in a cell without a date format (1990-01-01 … 2100).
        if 32874 <= raw <= 73051:
            return (datetime(1899, 12, 30) + timedelta(days=int(raw))).date()
        # 2023.9 typed into a cell is a number: year.month. Excel keeps 2023.10 as 2023.1, so
        # the month of a one-digit fraction may be 1 or 10; the year, which is what B105 and
        # B110 judge, is certain.
        if 1990 <= raw < 2101 and not float(raw).is_integer():
            year, frac = repr(float(raw)).split(".")
            if len(frac) <= 2 and 1 <= int(frac) <= 12:
                return date(int(year), int(frac), 1)
        return None
    if isinstance(raw, str):
        s = normalize(raw)
        for pat in _DATE_TEXT:
            m = pat.match(s)
            if m:
                parts = [int(g) for g in m.groups()]
                if len(parts) == 2:
                    parts.append(1)
                try:
                    return date(*parts)
                except ValueError:
                    return None
    return None


def read_payments(sheet: Sheet, grid: _Grid | None = None) -> Payments:
    grid = grid or _Grid(sheet)
    # The fullest header wins, so that S102 names only the columns really missing.
    hdr = (_find_header(grid, PAYMENT_COLUMNS, PAYMENT_REQUIRED)
           or _find_header(grid, PAYMENT_COLUMNS, ("amount",))
           or _find_header(grid, PAYMENT_COLUMNS, ("date",)))
    if hdr is None:
        return Payments(sheet.name, Columns(0, {}))
    pay = Payments(sheet.name, hdr)
    first_col = min(c for r, c in sheet.cells if r >= hdr.header_row) if sheet.cells else 1
    amount_col = hdr.get("amount") or first_col + 1
    for r in sorted(grid.rows):
        if r <= hdr.header_row:
            continue
        label = grid.own(r, first_col)
        lab = normalize(str(label)) if isinstance(label, str) else ""
        if lab and _is_note(lab):
            break
        # 合计 in the first column, or alone in a later label column when the first holds a
        # 序号 (an item such as 合计支付进度款 is a payment, not the total).
        labels = [label_key(v) for v in (grid.own(r, c) for c in range(first_col + 1, amount_col))
                  if isinstance(v, str)]
        if lab in ("合计", "总计") or lab.startswith("合计") or any(t in ("合计", "总计") for t in labels):
            pay.total = grid.field(r, hdr.get("amount"))
            break
        values = [grid.own(r, c) for c in hdr.cols.values()]
        if all(is_blank(v) for v in values):
            continue
        date_col = hdr.get("date")
        date_field = grid.field(r, date_col) if date_col else Field(Ref(sheet.name, r, 1))
        pay.rows.append(Payment(
            row=r,
            date=parse_date(date_field.raw),
            date_field=date_field,
            amount=grid.field(r, hdr.get("amount")),
            item=_text(grid.own(r, hdr.get("item"))) if hdr.get("item") else None,
            source=_text(grid.own(r, hdr.get("source"))) if hdr.get("source") else None,
        ))
    return pay


# ---------------------------------------------------------------- workbook


def read_book(book: Book) -> Workbook:
    """The model of a workbook; what could not be read becomes a Problem (S101/S102)."""
    wb = Workbook(book.path)
    project_sheet = find_sheet(book, "project")
    ind_sheet = find_sheet(book, "indicators")
    pay_sheet = find_sheet(book, "payments")
    grids: dict[int, _Grid] = {}

    def grid_of(s: Sheet) -> _Grid:
        """Each sheet's grid once per read: building one resolves every merged cell."""
        g = grids.get(id(s))
        if g is None:
            g = grids[id(s)] = _Grid(s)
        return g

    ind_hdr = None
    if ind_sheet is not None:
        ind_hdr = _indicator_header_score(grid_of(ind_sheet))
    else:
        # Recognised by content: a header row with 三级指标 and 得分.
        for s in book.sheets:
            if s is project_sheet or s is pay_sheet or _ours(s):
                continue
            h = _indicator_header_score(grid_of(s))
            if h is not None:
                ind_sheet, ind_hdr = s, h
                break

    if project_sheet is None:
        # The central single-sheet grid: project fields above the indicator table.
        for s in book.sheets:
            if _ours(s):
                continue
            if any(isinstance(c.value, str) and header_key(c.value).startswith("项目名称")
                   for c in s.cells.values()):
                project_sheet = s
                break

    if project_sheet is None:
        wb.problems.append(Problem("S101", None, {"what": "project"}))
    else:
        stop = ind_hdr.header_row if (project_sheet is ind_sheet and ind_hdr) else None
        wb.project = read_project(project_sheet, stop_row=stop, grid=grid_of(project_sheet))

    if ind_sheet is None:
        wb.problems.append(Problem("S101", None, {"what": "indicators"}))
    else:
        if ind_hdr is None:
            ind_hdr = _find_header(grid_of(ind_sheet), INDICATOR_COLUMNS, ("tier3",)) or \
                _find_header(grid_of(ind_sheet), INDICATOR_COLUMNS, ("score",))
        if ind_hdr is None:
            wb.problems.append(Problem("S102", Ref(ind_sheet.name, 1, 1),
                                       {"sheet": ind_sheet.name, "column": "三级指标 / 分值 / 得分"}))
        else:
            missing = [name for name in INDICATOR_REQUIRED if name not in ind_hdr.cols]
            for name in missing:
                wb.problems.append(Problem("S102", Ref(ind_sheet.name, ind_hdr.header_row, 1),
                                           {"sheet": ind_sheet.name,
                                            "column": INDICATOR_COLUMNS[name][0]}))
            if not any(m in ("tier3", "cap", "score") for m in missing):
                wb.indicators = read_indicators(ind_sheet, ind_hdr, grid=grid_of(ind_sheet))

    if pay_sheet is None:
        for s in book.sheets:
            if s is project_sheet or s is ind_sheet or _ours(s):
                continue
            g = grid_of(s)
            h = _find_header(g, PAYMENT_COLUMNS, PAYMENT_REQUIRED)
            if h is not None and "金额" in [header_key(g.at(h.header_row, c)) for c in h.cols.values()]:
                pay_sheet = s
                break
    if pay_sheet is not None:
        pay = read_payments(pay_sheet, grid=grid_of(pay_sheet))
        missing = [n for n in PAYMENT_REQUIRED if n not in pay.columns.cols]
        for name in missing:
            wb.problems.append(Problem("S102", Ref(pay_sheet.name, max(pay.columns.header_row, 1), 1),
                                       {"sheet": pay_sheet.name, "column": PAYMENT_COLUMNS[name][0]}))
        if not missing:
            wb.payments = pay
    return wb
