"""The text a person reads at a glance: findings grouped by sheet, then one summary line."""

from __future__ import annotations

from evalbook.lang import pick
from evalbook.model.values import num, pct


def render_report(report, lang: str = "zh", quiet: bool = False) -> str:
    lines: list[str] = []
    if not quiet:
        lines.append(report.file)
        sheet = object()
        for f in report.findings:
            if f.sheet != sheet:
                sheet = f.sheet
                lines.append(f"  [{sheet if sheet else report_text('text.workbook', lang)}]")
            sev = report_text(f"text.{f.severity}", lang)
            lines.append(f"    {(f.cell or '-'):<6} {f.code} {sev}  {f.message}")
    s = report.summary
    lines.append(report_text(
        "text.summary", lang,
        file=report.file if quiet else "",
        errors=s.errors, warnings=s.warnings,
        computed=num(s.computed_total), grade=s.grade or "—",
        claimed=num(s.claimed_total), rate=pct(s.budget_rate),
    ).strip())
    return "\n".join(lines) + "\n"


def report_text(key: str, lang: str, **params) -> str:
    return pick(TEXTS, key, lang, **params)


TEXTS: dict[str, tuple[str, str]] = {
    'text.error': (
        '错误',
        'error',
    ),
    'text.warning': (
        '警告',
        'warning',
    ),
    'text.workbook': (
        '工作簿',
        'workbook',
    ),
    'text.summary': (
        '{file} 错误 {errors} 个，警告 {warnings} 个；计算得分 {computed}（{grade}），自评得分 {claimed}；预算执行率 {rate}',
        '{file} {errors} errors, {warnings} warnings; computed total {computed} ({grade}), claimed {claimed}; budget execution {rate}',
    ),
}
