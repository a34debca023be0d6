"""N108: the text states a tier-1 indicator's 分值 or 得分 other than its table's (evalbook's
extension beyond the spec). Doc: n108_tier_in_text.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import leaves_sum, tier1_cap, val
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import arithmetic, plain, quote


@rule("N108", "warning",
      title=("报告正文所写的一级指标分值或得分与表中不符",
             "the report's text states a tier-1 indicator's cap or score other than its table's"),
      messages={
          "N108.cap": ("报告写“{quote}”：{tier}指标分值 {said_cap} 分，表中为 {cap} 分",
                       "the report says “{quote}”: {tier} is worth {said_cap}; its table gives {cap}"),
          "N108.score": ("报告写“{quote}”：{tier}指标得分 {said_score} 分，表中为 {score} 分",
                         "the report says “{quote}”: {tier} scored {said_score}; its table gives {score}"),
          "N108.both": ("报告写“{quote}”：{tier}指标分值 {said_cap} 分、得分 {said_score} 分，表中分值 {cap} 分、得分 {score} 分",
                        "the report says “{quote}”: {tier} is worth {said_cap} and scored {said_score}; "
                        "its table gives {cap} and {score}"),
      })
def check_tier_in_text(wb: Workbook, ctx: Context):
    if wb.indicators is None:
        return
    for clause in arithmetic(wb, "tier_clauses"):
        blocks = [t1 for t1 in wb.indicators.tier1s if t1.name == clause.tier]
        if len(blocks) != 1:
            continue
        caps, scores = _table_figures(wb, blocks[0])
        cap_off = clause.cap is not None and caps and not any(clause.cap.agrees(c) for c in caps)
        score_off = clause.score is not None and scores and not any(clause.score.agrees(s) for s in scores)
        if not (cap_off or score_off):
            continue
        variant = "both" if cap_off and score_off else "cap" if cap_off else "score"
        said = clause.cap if cap_off and not score_off else clause.score
        expected = caps[0] if variant == "cap" else scores[0]
        yield ctx.finding("N108", clause.ref, "N108." + variant, stated=said.value, expected=expected,
                          quote=quote(clause.sentence), tier=clause.tier,
                          said_cap=plain(clause.cap.value) if clause.cap else "—",
                          said_score=plain(clause.score.value) if clause.score else "—",
                          cap=plain(caps[0]) if caps else "—", score=plain(scores[0]) if scores else "—")


def _table_figures(wb: Workbook, t1) -> tuple[list[float], list[float]]:
    """The caps and scores the table gives a tier-1: its stated cap (label 产出（50） or cap
    cell, else its tier-2 caps' sum), its leaves' caps' sum, its 小计 row; its stated score,
    its leaves' scores' sum, its 小计 row. The first of each is the one a message names."""
    subtotals = [s for s in wb.indicators.sums if s.kind == "subtotal" and s.tier1 == t1.name]
    caps = [tier1_cap(t1), leaves_sum(t1.leaves, "cap")] + [val(s.cap) for s in subtotals]
    scores = [val(t1.score), leaves_sum(t1.leaves, "score")] + [val(s.score) for s in subtotals]
    return [c for c in caps if c is not None], [s for s in scores if s is not None]
