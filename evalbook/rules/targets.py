"""T rules: targets and scoring — scores that do not follow from what was achieved.

All are warnings: the scoring rules leave room for judgement, so a T finding asks a reviewer
to look, it does not say the table is wrong. None fires on a row whose score follows the
profile's rule within rounding (the interval rule) and the T103 tolerance.
"""

from __future__ import annotations

from evalbook.rules import Context
from evalbook.rules import rule
from evalbook.model import scoring as S
from evalbook.model.interval import Interval
from evalbook.messages import message_text, num, pct
from evalbook.model.workbook import Leaf, Workbook

_EPS = 1e-9


def _leaves(wb: Workbook) -> list[Leaf]:
    ind = wb.indicators
    return [] if ind is None else ind.leaves + ind.orphans


def _cap(leaf: Leaf) -> float | None:
    n = leaf.cap.num if leaf.cap is not None else None
    return n.value if n is not None and n.value > 0 else None


def _score(leaf: Leaf):
    return leaf.score.num if leaf.score is not None else None


def _show(q: S.Quantity) -> str:
    if q.percent:
        return pct(q.value, max(0, q.decimals - 2))
    return num(q.value, max(2, q.decimals)) + (q.unit or "")


def _clean(x: float) -> float:
    """95 × 0.01 reported as 0.95, not 0.9500000000000001."""
    return round(x, 10)


_OPS = {S.POSITIVE: "≥", S.REVERSE: "≤", S.EQUAL: "="}


@rule("T101", "warning")
def check_full_score_missed(wb: Workbook, ctx: Context):
    """A quantitative indicator gets its full score although the actual value misses the
    target: below a ≥ (or =) target, above a ≤ target.

    Under every scoring rule a missed target costs points (mof2020: cap × actual / target for
    a ≥ target). Full marks on a missed target is the commonest inflation reviewers find.
    Target and actual are compared only when their units agree (or one side writes none) and
    percents are compared with percents.

    Example: 设备完好率 ≥95%, 实际完成值 93%, 分值 5, 得分 5 (the rule gives 4.89).

    Fix: score it by the rule (cap × actual / target), or correct the actual value; explain
    the shortfall in 偏差原因分析及改进措施.
    """
    for leaf in _leaves(wb):
        score, cap, pair = _score(leaf), _cap(leaf), S.measures(leaf)
        nat = S.nature(leaf)
        if score is None or cap is None or pair is None or nat not in _OPS:
            continue
        t, a = pair
        if score.shown < cap - _EPS * max(1, cap):
            continue
        if S.misses_target(nat, t.value, a.value):
            yield ctx.finding("T101", leaf.score.ref, name=leaf.name, actual=_show(a), target=_show(t),
                              op=_OPS[nat], cap=num(cap), stated=_clean(a.value), expected=_clean(t.value),
                              percent=t.percent)


@rule("T102", "warning")
def check_deduction_reason(wb: Workbook, ctx: Context):
    """An indicator loses points and no deviation reason is given (blank, 0, 无, — and / count as
    none).

    The form asks for the cause of every deviation and the measure taken
    (偏差原因分析及改进措施); a deduction without one cannot be reviewed. When the sheet has no
    reason column at all the finding points at the score.

    Example: 分值 5, 得分 4.89, 偏差原因 "无".

    Fix: write why the target was missed and what will be done about it.
    """
    has_column = wb.indicators is not None and wb.indicators.columns.get("reason") is not None
    for leaf in _leaves(wb):
        score, cap = _score(leaf), _cap(leaf)
        if score is None or cap is None or score.value < 0:
            continue  # a negative score is P102's
        if score.shown >= cap - _EPS * max(1, cap):
            continue
        if S.has_reason(leaf.reason):
            continue
        if has_column and leaf.reason is not None:
            yield ctx.finding("T102", leaf.reason.ref, name=leaf.name, stated=score.value, expected=cap)
        else:
            yield ctx.finding("T102", leaf.score.ref, "T102.nocolumn", name=leaf.name, stated=score.value,
                              expected=cap)


_RULE_NAMES = {S.POSITIVE: "positive", S.EQUAL: "equal", S.REVERSE: "reverse"}


@rule("T103", "warning")
def check_rule_score(wb: Workbook, ctx: Context):
    """A quantitative indicator's score is far from what the profile's scoring rule gives for
    its target and actual: the distance from the rule's score to the stated score (taken as
    the interval its decimals allow) is more than the profile's tolerance (10%) of the cap.

    The rules (mof2020): ≥ — cap when the target is reached, else cap × actual / target; = —
    the same (cap when the actual is 0 for a target of 0); ≤ — cap when within the target,
    cap × (1 − (actual − target) / target) up to twice the target, then 0 (profile
    `reverse_rule = "ratio"`: cap × target / actual). The actual is taken as the interval its
    shown decimals allow. Scoring allows judgement, so small departures pass; large ones
    usually mean the score was not worked out from the figures.

    Example: cap 15, target ≥150, actual 148.6: the rule gives 14.86. A stated 13 is 1.36
    away, within 1.5 (10% of 15): no finding; a stated 12 is 2.36 away: T103.

    Fix: score the indicator by the rule, or explain the judgement in 偏差原因分析及改进措施
    (a `--profile` with a larger `t103_tolerance` states an office's own leeway).
    """
    tol = ctx.profile.t103_tolerance
    for leaf in _leaves(wb):
        score = _score(leaf)
        if score is None:
            continue
        iv = S.rule_score_interval(leaf, ctx.profile)
        if iv is None:
            continue
        cap = _cap(leaf)
        if iv.distance(score.stated) > tol * cap + _EPS * max(1, cap):
            t, a = S.measures(leaf)
            nat = S.nature(leaf)
            expected = S.rule_score(leaf, ctx.profile)
            rule_key = "reverse_" + ctx.profile.reverse_rule if nat == S.REVERSE else _RULE_NAMES[nat]
            yield ctx.finding("T103", leaf.score.ref, name=leaf.name, stated=score.value,
                              expected=round(expected, 2), target=_show(t), actual=_show(a),
                              op=_OPS[nat], tolerance=num(tol * cap, 4),
                              rule=message_text(f"T103.rule.{rule_key}", ctx.lang))


@rule("T104", "warning")
def check_qualitative_band(wb: Workbook, ctx: Context):
    """A qualitative indicator's score is outside the band of the grade its actual value
    states: 达成 (达成年度指标, 已完成, 全部完成 …) earns 80–100% of the cap, 部分达成
    (基本达成, 基本完成 …) 60–80%, 未达成 (未完成 …) below 60% (profile `[qualitative]`;
    some offices use 0.8/0.5). The stated score is taken as the interval its decimals allow.

    A grade and a score that disagree cannot both be right: either the grade was written
    to look better or the score was.

    Example: 实际完成值 "未达成年度指标", 分值 10, 得分 10.

    Fix: give the score the grade's band, or correct the grade.
    """
    for leaf in _leaves(wb):
        score, cap = _score(leaf), _cap(leaf)
        if score is None or cap is None or leaf.actual is None:
            continue
        grade = S.qualitative_grade(leaf.actual.raw)
        if grade is None:
            continue
        lo, hi = S.qualitative_band(grade, ctx.profile)
        band_lo, band_hi = lo * cap, hi * cap
        if score.stated.overlaps(Interval(band_lo, band_hi)):
            continue
        nearest = band_lo if score.value < band_lo else band_hi
        yield ctx.finding("T104", leaf.score.ref, name=leaf.name, grade=str(leaf.actual.raw).strip(),
                          band=f"{num(band_lo)}–{num(band_hi)}", stated=score.value, expected=nearest)


@rule("T105", "warning")
def check_over_achievement(wb: Workbook, ctx: Context):
    """The actual value is at least 1.2 times the target (profile `over_factor`) and no
    explanation is given in the deviation-reason column.

    A target beaten by a wide margin was set too low, or the actual counts something else;
    either way the form asks for a word on it. Applies to ≥ and = targets above zero.

    Example: 年度指标值 ≥30个, 实际完成值 40个, 偏差原因 blank.

    Fix: explain the over-achievement in 偏差原因分析及改进措施, and set next year's target
    from it.
    """
    factor = ctx.profile.over_factor
    for leaf in _leaves(wb):
        nat, pair = S.nature(leaf), S.measures(leaf)
        if pair is None or nat not in (S.POSITIVE, S.EQUAL):
            continue
        t, a = pair
        if t.value <= 0 or S.has_reason(leaf.reason):
            continue
        if a.value >= factor * t.value * (1 - _EPS):
            yield ctx.finding("T105", leaf.actual.ref, name=leaf.name, actual=_show(a), target=_show(t),
                              factor=num(factor), stated=_clean(a.value), expected=_clean(t.value),
                              percent=t.percent)


@rule("T106", "warning")
def check_actual_as_target(wb: Workbook, ctx: Context):
    """The actual value is written like a target: it begins with ≥, ≤, =, 不少于, 不超过 …
    (or ends in 以上 / 以内).

    An actual states what was achieved; a bound (≥95%) says only that the target was met,
    so the score cannot be checked and the figure cannot be compared next year.

    Example: 实际完成值 "≥95%".

    Fix: write the figure achieved (96.3%).
    """
    for leaf in _leaves(wb):
        if leaf.actual is not None and S.written_as_target(leaf.actual.raw):
            yield ctx.finding("T106", leaf.actual.ref, name=leaf.name, text=str(leaf.actual.raw).strip())


@rule("T107", "warning")
def check_score_without_actual(wb: Workbook, ctx: Context):
    """An indicator scores above zero and its actual value (实际完成值) is blank.

    Points are earned by what was achieved; a score with no actual behind it cannot be
    checked. Only judged when the sheet has an actual column: a form without one gives
    nothing to judge by (S102 does not require it).

    Example: 系统投入运行, 分值 10, 得分 10, 实际完成值 blank.

    Fix: write the actual value (a figure, or 达成 / 部分达成 / 未达成 for a qualitative one).
    """
    ind = wb.indicators
    if ind is None or ind.columns.get("actual") is None:
        return
    for leaf in _leaves(wb):
        score = _score(leaf)
        if score is None or score.value <= 0 or leaf.actual is None:
            continue
        if leaf.actual.blank:
            yield ctx.finding("T107", leaf.actual.ref, name=leaf.name, stated=score.value)
