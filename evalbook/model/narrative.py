"""What a Word report's text states (spec: workbook.md "Word reports"): each statement keeps
its paragraph and the sentence it was read from, so a finding can quote it."""

from __future__ import annotations

from dataclasses import dataclass, field

from evalbook.model.values import Num

REPORT_SHEET = "报告"


@dataclass(frozen=True, slots=True)
class ParaRef:
    """A paragraph of the report, shown as `报告!段落12`; sorts like a cell of sheet 报告."""

    sheet: str
    row: int  # the paragraph's number
    col: int = 0

    @property
    def a1(self) -> str:
        return f"段落{self.row}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.a1}"


@dataclass
class Statement:
    """One figure the text states.

    *kind*: "total" (自评得分), "rate" (预算执行率), "budget" / "executed" (全年预算数 /
    全年执行数, *unit* 元 or 万元), "grade" (*grade* 优/良/中/差, *word* as written) or
    "indicator" (*name*: the tier-3 name it names, *leaves* the matching indicator rows).
    """

    kind: str
    ref: ParaRef
    sentence: str
    num: Num | None = None
    unit: str | None = None
    grade: str | None = None
    word: str = ""
    name: str = ""
    leaves: list = field(default_factory=list)


# A money figure in 万元, by its unit.
IN_WAN = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}


@dataclass
class Said:
    """One figure as the text states it, with the word it was stated with (合同价格, 剩余,
    应得分 …) and where: the parts the arithmetic facts below are made of."""

    num: Num
    unit: str | None
    word: str
    ref: ParaRef
    sentence: str

    @property
    def wan(self) -> float:
        """A money figure in 万元 (its value as stated for any other unit)."""
        return self.num.value * IN_WAN.get(self.unit or "", 1.0)


@dataclass
class Share:
    """“累计支付800万元，占合同总金额的45%”: *paid* and its *share* of the contract or the budget
    (*base*), with the *totals* of that base the report states (the paragraph's, else the
    report's one). *paid* is the payment just before the share, *paid_also* the sentence's
    other payments before it (累计支付60万元，其中本年支付30万元，占…: either may be meant)."""

    paid: Said
    share: Said
    base: str  # "contract" or "budget"
    totals: list[Said]
    paid_also: list[Said] = field(default_factory=list)


@dataclass
class Remainder:
    """“已支付36.92万元，剩余0.08万元”: *paid*, the *remainder* after it, and the totals
    (budget, contract, investment) the report states it may be left of; *paid_also* as for
    Share."""

    paid: Said
    remainder: Said
    totals: list[Said]
    paid_also: list[Said] = field(default_factory=list)


@dataclass
class ScoreLine:
    """“本项应得分10分，扣10分，评价得分10分，得分率100%” (each figure None when not stated)."""

    ref: ParaRef
    sentence: str
    due: Num
    score: Num
    deducted: Num | None = None
    rate: Num | None = None


@dataclass
class CountParts:
    """A count stated whole and in parts across the report: 全县105个行政村 (*total*), 已开通的
    105个行政村 (*done*), 尚有6个行政村…暂未开通 (*undone*), one measure word and noun."""

    noun: str  # 个行政村
    verb: str  # 开通
    total: Said
    done: Said
    undone: Said


@dataclass
class PartsSum:
    """“其中：A 7.2万元；B 29.72万元，合计36.92万元”: the parts and their stated 合计."""

    parts: list[Said]
    total: Said


@dataclass
class TierClause:
    """“3.产出指标分析（指标分值10分，得分10分）”: a tier-1's cap and/or score as the text
    states them; *tier* is the table's tier-1 name it names."""

    ref: ParaRef
    sentence: str
    tier: str
    cap: Num | None = None
    score: Num | None = None


@dataclass
class Narrative:
    paragraphs: int = 0  # how many non-empty paragraphs were read
    statements: list[Statement] = field(default_factory=list)
    # The text's own arithmetic (read/narrative_sums.py): figures that must agree among themselves.
    shares: list[Share] = field(default_factory=list)
    remainders: list[Remainder] = field(default_factory=list)
    score_lines: list[ScoreLine] = field(default_factory=list)
    counts: list[CountParts] = field(default_factory=list)
    part_sums: list[PartsSum] = field(default_factory=list)
    # The project's total amount each time the text states it, in order, with its kind:
    # "investment" (总投资, 总金额 …) or "budget" (预算资金合计, 项目资金合计 …).
    project_totals: list[tuple[str, Said]] = field(default_factory=list)
    tier_clauses: list[TierClause] = field(default_factory=list)

    def of(self, kind: str) -> list[Statement]:
        return [s for s in self.statements if s.kind == kind]
