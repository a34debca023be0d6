"""T103: a quantitative score far from the profile's scoring rule. Doc: t103_rule_score.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num
from evalbook.model import scoring as S
from evalbook.model.workbook import Workbook
from evalbook.rules.targets.shared import EPS, OPS, RULE_NAMES, checked_leaves, leaf_cap, leaf_score, show_quantity
from evalbook.rules import Context, rule


@rule("T103", "warning",
      title=('定量指标得分与评分规则相差过大',
         "a quantitative score far from the profile's scoring rule"),
      messages={
          'T103': ('“{name}”得分 {stated}，按{rule}（年度指标值 {op}{target}，实际完成值 {actual}）约为 {expected}，相差超过 {tolerance} 分：'
                   '如有理由请在偏差原因中说明（{where}）',
                  '“{name}” scores {stated}; the {rule} (target {op}{target}, actual {actual}) gives about {expected}, '
                  'more than {tolerance} away: if there is a reason, give it in the deviation reason ({where})'),
          'T103.rule.positive': ('正向指标规则',
                  'positive rule'),
          'T103.rule.equal': ('等于型指标规则',
                  'equality rule'),
          'T103.rule.reverse_fasp2': ('反向指标规则',
                  'reverse rule'),
          'T103.rule.reverse_ratio': ('反向指标比例规则',
                  'reverse ratio rule'),
      })
def check_rule_score(wb: Workbook, ctx: Context):
    tol = ctx.profile.t103_tolerance
    for leaf in checked_leaves(wb):
        score = leaf_score(leaf)
        if score is None or S.has_reason(leaf.reason):
            continue  # a judgement the unit explains is not questioned
        iv = S.rule_score_interval(leaf, ctx.profile)
        if iv is None:
            continue
        cap = leaf_cap(leaf)
        if iv.distance(score.stated) > tol * cap + EPS * max(1, cap):
            t, a = S.measures(leaf)
            nat = S.nature(leaf)
            expected = S.rule_score(leaf, ctx.profile)
            rule_key = "reverse_" + ctx.profile.reverse_rule if nat == S.REVERSE else RULE_NAMES[nat]
            where = str(leaf.reason.ref if leaf.reason is not None else leaf.score.ref)
            yield ctx.finding("T103", leaf.score.ref, name=leaf.name, stated=score.value, where=where,
                              expected=round(expected, 2), target=show_quantity(t), actual=show_quantity(a),
                              op=OPS[nat], tolerance=num(tol * cap, 4),
                              rule=ctx.text(f"T103.rule.{rule_key}"))
