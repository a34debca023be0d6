"""The rule registry: the one place from which checks run and `evalbook rules` and
docs/rules.md are generated.

One rule is one module, ``rules/<family>/<code>_<name>.py``, holding its check function under
``@rule(code, severity, title=(zh, en), messages={key: (zh, en)})``, and its doc beside it,
``<code>_<name>.md`` (Chinese, then English: what and why, example, how to fix). The registry
finds the modules by their names; nothing else lists them. CONTRIBUTING.md says how to add one.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from evalbook.lang import Texts, pick
from evalbook.model.values import distinct, num, pct
from evalbook.model.workbook import Ref, Workbook
from evalbook.report.findings import Finding

SEVERITIES = ("error", "warning")
# Families in the order their codes are listed and run: S C P B T N.
FAMILIES = {"S": "structure", "C": "caps", "P": "points", "B": "budget", "T": "targets", "N": "narrative"}
_MODULE_NAME = re.compile(r"^([a-z]\d{3})_\w+\.py$")
_HERE = Path(__file__).resolve().parent

# The headings of a rule's .md doc, per language, in order.
DOC_HEADINGS = {
    "zh": {"what": "检查什么、为什么", "example": "示例", "fix": "如何修正"},
    "en": {"what": "What and why", "example": "Example", "fix": "How to fix"},
}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: tuple[str, str]  # (zh, en): the one line `evalbook rules` lists
    messages: Texts  # message key (the code, or a variant such as "B108.budget") -> (zh, en)
    check: Callable
    doc_path: Path
    # compares a stated derived figure (a sum, rate, total): stays silent on a cell whose
    # formula has no stored result, where nothing was stated (S109)
    skips_uncached: bool = False
    _doc: dict = field(default_factory=dict, compare=False, repr=False)

    def title_text(self, lang: str = "zh") -> str:
        return pick({self.code: self.title}, self.code, lang)

    def message(self, key: str, lang: str, **params) -> str:
        return pick(self.messages, key, lang, **params)

    def doc(self, lang: str = "zh") -> dict[str, str]:
        """{'what', 'example', 'fix'} in *lang*, from the .md beside the rule's module."""
        if not self._doc:
            self._doc.update(parse_doc(self.doc_path.read_text(encoding="utf-8")))
        return self._doc[lang]


def parse_doc(text: str) -> dict[str, dict[str, str]]:
    """A rule's .md as {lang: {section: text}}; sections it lacks are empty."""
    by_heading = {head: (lang, key) for lang, heads in DOC_HEADINGS.items() for key, head in heads.items()}
    out = {lang: {key: "" for key in heads} for lang, heads in DOC_HEADINGS.items()}
    for part in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = part.partition("\n")
        if head.strip() not in by_heading:
            raise ValueError(f"unknown heading in a rule doc: {head!r}")
        lang, key = by_heading[head.strip()]
        out[lang][key] = body.strip()
    return out


RULES: dict[str, Rule] = {}
# A message and the change it asks for: "…合计为 8：把 指标!B2 中的分值改为 8" (a rule's
# "<code>.fix" or "<key>.fix" text, appended where the message does not name its cell yet).
FIX_JOIN = {"zh": "：", "en": ": "}


def rule(code: str, severity: str, *, title: tuple[str, str], messages: Texts, skips_uncached: bool = False):
    """Registers the decorated check as rule *code*; its doc is the .md beside its module.
    *skips_uncached*: the rule compares a stated derived figure, and a formula cell without a
    stored result states none (S109): its findings there are dropped (see `findings_of`)."""
    if severity not in SEVERITIES:
        raise ValueError(severity)

    def deco(func):
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        module_file = Path(sys.modules[func.__module__].__file__)
        if not module_file.name.startswith(code.lower() + "_"):
            raise ValueError(f"rule {code} lives in {module_file.name}: name it {code.lower()}_<name>.py")
        if any(key != code and not key.startswith(code + ".") for key in messages):
            raise ValueError(f"rule {code}: message keys are {code} or {code}.<variant>")
        RULES[code] = Rule(code, severity, title, dict(messages), func, module_file.with_suffix(".md"),
                           skips_uncached)
        return func

    return deco


def sort_key(code: str):
    return (list(FAMILIES).index(code[0]) if code[0] in FAMILIES else len(FAMILIES), code)


def all_rules() -> list[Rule]:
    load_all()
    return [RULES[c] for c in sorted(RULES, key=sort_key)]


def title_text(code: str, lang: str = "zh") -> str:
    load_all()
    return RULES[code].title_text(lang)


_loaded = False


def load_all() -> None:
    """Import every rule module (``<family>/<code>_<name>.py``) so that each registers itself."""
    global _loaded
    if _loaded:
        return
    for family in FAMILIES.values():
        for name in sorted(os.listdir(_HERE / family)):
            if _MODULE_NAME.match(name):
                importlib.import_module(f"{__name__}.{family}.{name[:-3]}")
    _loaded = True


class Context:
    """What a rule sees besides the model: profile, language, derived figures; makes findings."""

    def __init__(self, wb: Workbook, profile, lang: str, derived, *, year: int | None = None):
        self.wb = wb
        self.profile = profile
        self.lang = lang
        self.derived = derived
        self.year = year  # the evaluation year the caller expects (--year), or None

    def finding(self, code: str, ref: Ref | None, key: str | None = None, *,
                stated: float | None = None, expected: float | None = None,
                severity: str | None = None, percent: bool = False, **params) -> Finding:
        """A finding of rule *code* at *ref*; `{stated}`/`{expected}` in the message show the
        figures as a person reads them (as percents when *percent*)."""
        rule_ = RULES[code]
        key = key or code
        shown_stated, shown_expected = distinct(stated, expected, pct if percent else num)
        fmt = {"stated": shown_stated, "expected": shown_expected, "where": str(ref) if ref else "", **params}
        text = rule_.message(key, self.lang, **fmt)
        fix_key = key + ".fix" if key + ".fix" in rule_.messages else code + ".fix"
        if ref is not None and fix_key in rule_.messages and str(ref) not in text:
            # what to change, where, to what: "把 项目!B12 改为 90"
            text += FIX_JOIN[self.lang if self.lang in FIX_JOIN else "zh"] + rule_.message(fix_key, self.lang, **fmt)
        return Finding(code=code, severity=severity or rule_.severity, ref=ref, message=text,
                       stated=stated, expected=expected, key=key, params=params, percent=percent)

    def text(self, key: str, **params) -> str:
        """Another text of a rule's own messages (a word a message is built from)."""
        return RULES[key.split(".", 1)[0]].message(key, self.lang, **params)


def findings_of(r: Rule, wb: Workbook, ctx: "Context") -> list[Finding]:
    """Rule *r*'s findings on *wb*, without those at uncached formula cells when it compares a
    stated derived figure: evalbook computed the figure there itself, nobody stated it."""
    found = list(r.check(wb, ctx))
    if r.skips_uncached and wb.flagged:
        uncached = wb.uncached_refs
        found = [f for f in found if f.ref not in uncached]
    return found


# Findings on a stated sum that a number stored as text explains: Excel's SUM skipped it, so the
# sheet's own total is short by exactly that number (S107 → C106, P103, P104 …).
SUM_CODES = frozenset({"C101", "C102", "C106", "P103", "P104", "B103", "B106", "B109"})
CAUSE_TEXT = {
    "S107": ("（原因：{where} 的“{text}”是以文本存储的数字，Excel 求和跳过了它，见 S107）",
             " (cause: “{text}” in {where} is a number stored as text, which Excel's SUM skips; see S107)"),
}


def link_causes(findings: list[Finding], lang: str) -> None:
    """Mark each finding on a stated sum that falls short by exactly one text number (S107), or
    by all of them together, with that cause, and say so in its message."""
    from evalbook.model.values import parse_text_number

    texts = []
    for f in findings:
        if f.code == "S107" and f.ref is not None:
            n = parse_text_number(str(f.params.get("text", "")))
            if n is not None and not n.percent:
                texts.append((f, n.value))
    if not texts:
        return
    together = sum(v for _, v in texts)
    for f in findings:
        if f.code not in SUM_CODES or f.stated is None or f.expected is None or f.cause is not None:
            continue
        short = f.expected - f.stated
        tol = 0.005 + 1e-9 * max(1.0, abs(f.expected))
        cause = next((s for s, v in texts if abs(short - v) <= tol), None)
        if cause is None and len(texts) > 1 and abs(short - together) <= tol:
            cause = texts[0][0]
        if cause is not None:
            f.cause = (cause.code, cause.ref)
            f.message += pick({"S107": CAUSE_TEXT["S107"]}, "S107", lang, where=str(cause.ref),
                              text=cause.params.get("text", ""))


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
