"""The rule registry: one place from which checks run and `evalbook rules` and docs/rules.md
are generated. A rule is a function decorated with its code and severity; its docstring says
what it checks and why (first paragraph), with optional `Example:` and `Fix:` paragraphs."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from evalbook.messages import distinct, message_text, num, pct, title_text
from evalbook.model.workbook import Ref, Workbook
from evalbook.report.findings import Finding

SEVERITIES = ("error", "warning")
_FAMILY_ORDER = "SCPBT"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    func: Callable

    def title(self, lang: str = "zh") -> str:
        return title_text(self.code, lang)

    def doc_sections(self) -> dict[str, str]:
        """{'what': …, 'example': …, 'fix': …} from the docstring."""
        doc = inspect.cleandoc(self.func.__doc__ or "")
        out = {"what": [], "example": [], "fix": []}
        section = "what"
        for para in doc.split("\n\n"):
            head = para.split(":", 1)[0].strip().lower()
            if head in ("example", "fix") and ":" in para:
                section = head
                para = para.split(":", 1)[1].strip()
            out[section].append(" ".join(line.strip() for line in para.splitlines()))
        return {k: "\n\n".join(v) for k, v in out.items()}


RULES: dict[str, Rule] = {}


def rule(code: str, severity: str):
    if severity not in SEVERITIES:
        raise ValueError(severity)

    def deco(func):
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, severity, func)
        func.code, func.severity = code, severity
        return func

    return deco


def sort_key(code: str):
    return (_FAMILY_ORDER.find(code[0]), code)


def all_rules() -> list[Rule]:
    load_all()
    return [RULES[c] for c in sorted(RULES, key=sort_key)]


def load_all() -> None:
    """Import every rule module so that each registers itself."""
    from evalbook.rules import caps
    from evalbook.rules import points
    from evalbook.rules import structure  # noqa: F401

    for optional in ("budget", "targets"):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{optional}":
                raise


class Context:
    """What a rule sees besides the model: profile, language, derived figures; makes findings."""

    def __init__(self, wb: Workbook, profile, lang: str, derived):
        self.wb = wb
        self.profile = profile
        self.lang = lang
        self.derived = derived

    def finding(self, code: str, ref: Ref | None, key: str | None = None, *,
                stated: float | None = None, expected: float | None = None,
                severity: str | None = None, percent: bool = False, **params) -> Finding:
        """A finding of rule *code* at *ref*; `{stated}`/`{expected}` in the message show the
        figures as a person reads them (as percents when *percent*)."""
        rule_ = RULES[code]
        key = key or code
        shown_stated, shown_expected = distinct(stated, expected, pct if percent else num)
        fmt = {"stated": shown_stated, "expected": shown_expected, **params}
        text = message_text(key, self.lang, **fmt)
        return Finding(code=code, severity=severity or rule_.severity, ref=ref, message=text,
                       stated=stated, expected=expected, key=key, params=params, percent=percent)


def selected(codes: Iterable[str], select: list[str] | None, ignore: list[str] | None) -> list[str]:
    """Codes kept by --select/--ignore (each a code or a prefix such as T or B1)."""
    def match(code, pats):
        return any(code.startswith(p.strip().upper()) for p in pats if p.strip())

    out = []
    for code in codes:
        if select and not match(code, select):
            continue
        if ignore and match(code, ignore):
            continue
        out.append(code)
    return out
