"""B103: the funds block's 其中 rows ≠ 年度资金总额, per column. Doc: b103_funds_parts.md beside this file."""

from __future__ import annotations

from evalbook.model.derived import val
from evalbook.model.workbook import Workbook
from evalbook.read.labels import label_key
from evalbook.rules.budget.shared import EPS, FUNDS_COLUMNS, funds_total, money_text
from evalbook.rules import Context, rule


@rule("B103", "error", skips_uncached=True,
      title=('项目资金“其中”各行之和 ≠ 年度资金总额（按列）',
         "the funds block's 其中 rows ≠ 年度资金总额, per column"),
      messages={
          'B103': ('年度资金总额的{column}填 {shown}，其中各行合计 {sum}（{parts}）',
                  '年度资金总额 states {column} {shown}; its 其中 rows add up to {sum} ({parts})'),
          'B103.blank': ('年度资金总额的{column}为空或为 0，而其中各行合计 {sum}（{parts}）：总额行应填合计数',
                  '年度资金总额 leaves {column} blank or 0 while its 其中 rows add up to {sum} ({parts}): the total row must carry the sum'),
          'B103.fix': ('把 {where} 改为 {expected}', 'change {where} to {expected}'),
      })
def check_funds_parts(wb: Workbook, ctx: Context):
    total = funds_total(wb)
    if total is None:
        return
    parts = wb.project.funds.parts
    for attr, column in FUNDS_COLUMNS:
        cell = getattr(total, attr)
        if cell is None:
            continue
        items = [(p, getattr(p, attr)) for p in parts]
        items = [(p, f) for p, f in items if f is not None and f.num is not None]
        if not items:
            continue
        expected = sum(f.num.value for _, f in items)
        fields = [f for _, f in items] + [cell]
        listing = " + ".join(f"{label_key(p.label)} {money_text(f.num.value, *fields)}" for p, f in items)
        if cell.bad:
            continue  # text where the total belongs is S103's
        stated = val(cell)
        if stated is None or stated == 0:
            if abs(expected) > EPS:
                yield ctx.finding("B103", cell.ref, "B103.blank", stated=stated, expected=expected,
                                  column=column, sum=money_text(expected, *fields), parts=listing)
            continue
        if not cell.num.agrees(expected):
            yield ctx.finding("B103", cell.ref, stated=stated, expected=expected, column=column,
                              shown=money_text(stated, *fields), sum=money_text(expected, *fields), parts=listing)
