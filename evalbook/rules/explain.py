"""Rule documentation generated from the registry: `evalbook rules` and docs/rules.md."""

from __future__ import annotations

from evalbook.messages import RULE_DOCS_ZH
from evalbook.rules import RULES, Rule, all_rules

_HEAD = {
    "zh": {"what": "检查什么、为什么", "example": "示例", "fix": "如何修正", "sev": {"error": "错误", "warning": "警告"}},
    "en": {"what": "What and why", "example": "Example", "fix": "How to fix", "sev": {"error": "error", "warning": "warning"}},
}


def listing(lang: str = "zh") -> str:
    h = _HEAD[lang]
    lines = [f"{r.code}  {h['sev'][r.severity]:<7}  {r.title(lang)}" for r in all_rules()]
    return "\n".join(lines) + "\n"


def sections(r: Rule, lang: str = "zh") -> dict[str, str]:
    """{'what', 'example', 'fix'} of a rule: the Chinese table for zh (the officers' language),
    the docstring for en (the code's own why); the docstring too should a zh entry be missing."""
    zh = RULE_DOCS_ZH.get(r.code) if lang == "zh" else None
    if zh is not None:
        return dict(zip(("what", "example", "fix"), zh))
    return r.doc_sections()


def explain(code: str, lang: str = "zh") -> str | None:
    all_rules()
    r = RULES.get(code)
    if r is None:
        return None
    h = _HEAD[lang]
    doc = sections(r, lang)
    out = [f"{r.code} ({h['sev'][r.severity]}): {r.title(lang)}", ""]
    for key in ("what", "example", "fix"):
        if doc[key]:
            out += [f"{h[key]}:", doc[key], ""]
    return "\n".join(out).rstrip() + "\n"


def markdown() -> str:
    """docs/rules.md: every code, generated from the registry (a test keeps the file in sync)."""
    out = ["# Rules", "",
           "Generated from the rule registry by `python -m evalbook.rules.explain > docs/rules.md`; "
           "`evalbook rules CODE` prints the same text. Each rule is explained in Chinese first "
           "(`evalbook rules CODE`), then in English (`--lang en`).", "",
           "| code | severity | finding |", "|---|---|---|"]
    rules_ = all_rules()
    for r in rules_:
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.severity} | {r.title('zh')} — {r.title('en')} |")
    out.append("")
    for r in rules_:
        out += [f"## {r.code}", "", f"**{r.title('zh')}** — {r.title('en')} ({r.severity})", ""]
        # Chinese first: the officers who fill in the forms read it; the English is the code's own.
        for lang, example, fix in (("zh", "示例：", "如何修正："), ("en", "Example:", "Fix:")):
            doc = sections(r, lang)
            if doc["what"]:
                out += [doc["what"], ""]
            if doc["example"]:
                out += [f"*{example}* {doc['example']}", ""]
            if doc["fix"]:
                out += [f"*{fix}* {doc['fix']}", ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
