"""Findings and the report of one workbook, and its JSON form (spec: cli.md, a public interface)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from evalbook.model.workbook import Ref

@dataclass
class Finding:
    code: str
    severity: str  # "error" or "warning"
    ref: Ref | None
    message: str
    stated: float | None = None
    expected: float | None = None
    key: str = ""  # the message template used (code or a variant such as "B108.budget")
    params: dict[str, Any] = field(default_factory=dict)
    percent: bool = False  # stated/expected are rates (fractions), shown as percents
    # the finding this one follows from (a text number Excel's SUM skipped, S107): its code and
    # cell; JSON gives it as "cause" only when there is one, so other findings stay as they were
    cause: tuple[str, Ref] | None = None

    @property
    def sheet(self) -> str | None:
        return self.ref.sheet if self.ref else None

    @property
    def cell(self) -> str | None:
        return self.ref.a1 if self.ref else None

    def to_json(self) -> dict:
        out = {
            "code": self.code,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
            "stated": _num(self.stated),
            "expected": _num(self.expected),
        }
        if self.cause is not None:
            code, ref = self.cause
            out["cause"] = {"code": code, "sheet": ref.sheet, "cell": ref.a1}
        return out


def _num(x):
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    x = round(float(x), 6)
    return int(x) if x.is_integer() else x


@dataclass
class Summary:
    errors: int = 0
    warnings: int = 0
    computed_total: float | None = None
    claimed_total: float | None = None
    grade: str | None = None
    budget_rate: float | None = None


@dataclass
class Report:
    file: str
    profile: str
    findings: list[Finding] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    # what annotate needs beyond the findings: the model and the derived figures
    workbook: Any = None
    derived: Any = None

    @property
    def ok(self) -> bool:
        return self.summary.errors == 0

    def sort(self, sheet_order: list[str] | None = None) -> None:
        order = {name: i for i, name in enumerate(sheet_order or [])}

        def key(f: Finding):
            if f.ref is None:
                return (-1, "", 0, 0, f.code)
            return (order.get(f.ref.sheet, len(order)), f.ref.sheet, f.ref.row, f.ref.col, f.code)

        self.findings.sort(key=key)

    def count(self) -> None:
        self.summary.errors = sum(1 for f in self.findings if f.severity == "error")
        self.summary.warnings = sum(1 for f in self.findings if f.severity == "warning")

    def to_json(self) -> dict:
        s = self.summary
        return {
            "file": self.file,
            "profile": self.profile,
            "ok": self.ok,
            "summary": {
                "errors": s.errors,
                "warnings": s.warnings,
                "computed_total": _num(s.computed_total),
                "claimed_total": _num(s.claimed_total),
                "grade": s.grade,
                "budget_rate": None if s.budget_rate is None else round(s.budget_rate, 4),
            },
            "findings": [f.to_json() for f in self.findings],
        }
