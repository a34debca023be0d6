"""Rule documentation generated from the registry: `evalbook rules` and docs/rules.md.

Every text comes from the rule modules: the title from the module, the explanation from the .md
beside it. `python -m evalbook.rules.explain > docs/rules.md` regenerates the file.
"""

from __future__ import annotations

from evalbook.rules import DOC_HEADINGS, RULES, all_rules

_SEVERITY = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def listing(lang: str = "zh") -> str:
    lines = [f"{r.code}  {_SEVERITY[lang][r.severity]:<7}  {r.title_text(lang)}" for r in all_rules()]
    return "\n".join(lines) + "\n"


def explain(code: str, lang: str = "zh") -> str | None:
    all_rules()
    r = RULES.get(code)
    if r is None:
        return None
    heads = DOC_HEADINGS[lang]
    doc = r.doc(lang)
    out = [f"{r.code} ({_SEVERITY[lang][r.severity]}): {r.title_text(lang)}", ""]
    for key in ("what", "example", "fix"):
        if doc[key]:
            out += [f"{heads[key]}:", doc[key], ""]
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
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.severity} | {r.title_text('zh')} — {r.title_text('en')} |")
    out.append("")
    for r in rules_:
        out += [f"## {r.code}", "", f"**{r.title_text('zh')}** — {r.title_text('en')} ({r.severity})", ""]
        # Chinese first: the officers who fill in the forms read it.
        for lang, example, fix in (("zh", "示例：", "如何修正："), ("en", "Example:", "Fix:")):
            doc = r.doc(lang)
            if doc["what"]:
                out += [doc["what"], ""]
            if doc["example"]:
                out += [f"*{example}* {doc['example']}", ""]
            if doc["fix"]:
                out += [f"*{fix}* {doc['fix']}", ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
