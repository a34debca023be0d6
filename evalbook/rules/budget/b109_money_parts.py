"""B109: 其中 parts of a project money field add up to more than the field (warning when less). Doc: b109_money_parts.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.rules.budget.shared import EPS, MONEY_NAMES, money_text
from evalbook.rules import Context, rule


@rule("B109", "error",
      title=('项目金额的“其中”各项之和超过该金额（少于时为警告）',
         '其中 parts of a project money field add up to more than the field (warning when less)'),
      messages={
          'B109.more': ('{what}填 {shown}，其中各项合计 {sum}（{parts}），多出 {diff}',
                  '{what} states {shown}; its 其中 parts add up to {sum} ({parts}), {diff} more'),
          'B109.less': ('{what}填 {shown}，其中各项合计 {sum}（{parts}），少 {diff}：是否漏列了一项',
                  '{what} states {shown}; its 其中 parts add up to {sum} ({parts}), {diff} less: is a part missing?'),
          'B109.blank': ('{what}为空，而其中各项合计 {sum}（{parts}）',
                  '{what} is blank while its 其中 parts add up to {sum} ({parts})'),
          'B109.fix': ('把 {where} 改为 {expected}，或改正其中各项', 'change {where} to {expected}, or correct its parts'),
      })
def check_money_parts(wb: Workbook, ctx: Context):
    p = wb.project
    if p is None:
        return
    for name, mf in p.money.items():
        parts = [(label, f) for label, f in mf.parts if f.num is not None]
        if not parts:
            continue
        expected = sum(f.num.value for _, f in parts)
        fields = [f for _, f in parts] + [mf.value]
        listing = " + ".join(money_text(f.num.value, *fields) for _, f in parts)
        what = MONEY_NAMES.get(name, name)
        if mf.value.bad:
            continue  # text where the amount belongs is S103's
        stated = val(mf.value)
        if stated is None:
            if abs(expected) > EPS:
                yield ctx.finding("B109", mf.value.ref, "B109.blank", expected=expected, what=what,
                                  sum=money_text(expected, *fields), parts=listing)
            continue
        if mf.value.num.agrees(expected):
            continue
        more = expected > stated
        yield ctx.finding("B109", mf.value.ref, "B109.more" if more else "B109.less",
                          severity=None if more else "warning", stated=stated, expected=expected, what=what,
                          shown=money_text(stated, *fields), sum=money_text(expected, *fields), parts=listing,
                          diff=money_text(abs(expected - stated), *fields))
