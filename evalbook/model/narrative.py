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


@dataclass
class Narrative:
    paragraphs: int = 0  # how many non-empty paragraphs were read
    statements: list[Statement] = field(default_factory=list)

    def of(self, kind: str) -> list[Statement]:
        return [s for s in self.statements if s.kind == kind]
