"""S104: project field missing: name, budget/executed, self-score. Doc: s104_project_fields.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("S104", "warning",
      title=('项目字段缺失：项目名称、全年预算数/全年执行数、自评得分',
         'project field missing: name, budget/executed, self-score'),
      messages={
          'S104': ('缺少{what}',
                  'missing {what_en}'),
          'S104.fix': ('请在 {where} 填写', 'enter it in {where}'),
      })
def check_project_fields(wb: Workbook, ctx: Context):
    p = wb.project
    if p is None:
        return
    name = p.texts.get("name")
    if name is None or name.blank:
        ref = name.ref if name is not None else None
        yield ctx.finding("S104", ref, what="项目名称", what_en="项目名称 (project name)")
    funds = p.funds
    total = funds.total if funds else None
    for attr, what in (("budget", "全年预算数"), ("executed", "全年执行数")):
        f = getattr(total, attr) if total is not None else None
        budget_rows = wb.indicators.budget_rows if wb.indicators else []
        if (f is None or f.num is None) and not (f is not None and f.bad) and not (
                total is None and budget_rows):
            yield ctx.finding("S104", f.ref if f is not None else None, what=what,
                              what_en=f"{what} ({'annual budget' if attr == 'budget' else 'executed'})")
    claimed = p.claimed_total
    if (claimed is None or claimed.blank) and ctx.derived.claimed_total in (None, claimed):
        yield ctx.finding("S104", claimed.ref if claimed is not None else None,
                          what="自评得分", what_en="自评得分 (claimed self-score)")
