"""The text a person reads at a glance: findings grouped by sheet, then one summary line."""

from __future__ import annotations

from evalbook.messages import message_text, num, pct


def render_report(report, lang: str = "zh", quiet: bool = False) -> str:
    lines: list[str] = []
    if not quiet:
        lines.append(report.file)
        sheet = object()
        for f in report.findings:
            if f.sheet != sheet:
                sheet = f.sheet
                lines.append(f"  [{sheet if sheet else message_text('text.workbook', lang)}]")
            sev = message_text(f"text.{f.severity}", lang)
            lines.append(f"    {(f.cell or '-'):<6} {f.code} {sev}  {f.message}")
    s = report.summary
    lines.append(message_text(
        "text.summary", lang,
        file=report.file if quiet else "",
        errors=s.errors, warnings=s.warnings,
        computed=num(s.computed_total), grade=s.grade or "—",
        claimed=num(s.claimed_total), rate=pct(s.budget_rate),
    ).strip())
    return "\n".join(lines) + "\n"
