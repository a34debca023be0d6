"""S110: 评价年度 missing, or not the year given with --year. Doc: s110_evaluation_year.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("S110", "warning",
      title=('评价年度缺失，或不是 --year 指定的年度', '评价年度 missing, or not the year given with --year'),
      messages={
          'S110': ('评价年度是 {stated_year}，本次检查的是 {year} 年度：把 {where} 改为 {year}，或确认报送的是本年度的表',
                   '评价年度 is {stated_year} but this check is for {year}: change {where} to {year}, or make sure '
                   "this is this year's form"),
          'S110.missing': ('没有评价年度：请在 {where} 填写评价年度{example}',
                           'no 评价年度 (evaluation year): enter it in {where}{example}'),
          'S110.nolabel': ('没有评价年度：请在项目表增加“评价年度”一行并填写年度{example}',
                           'no 评价年度 (evaluation year): add a 评价年度 row to the project sheet{example}'),
          'S110.example': ('（{year}）', ' ({year})'),
          'S110.unreadable': ('评价年度“{text}”读不出年份：把 {where} 改为四位年份{example}',
                              '评价年度 “{text}” holds no year: enter a four-digit year in {where}{example}'),
      })
def check_evaluation_year(wb: Workbook, ctx: Context):
    p = wb.project
    if p is None:
        return
    example = ctx.text("S110.example", year=ctx.year) if ctx.year else ""
    field = p.texts.get("year")
    if p.year is None:
        if field is not None and not field.blank:
            yield ctx.finding("S110", field.ref, "S110.unreadable", text=str(field.raw).strip()[:20],
                              where=str(field.ref), example=example, expected=ctx.year)
        elif field is not None:
            yield ctx.finding("S110", field.ref, "S110.missing", where=str(field.ref), example=example,
                              expected=ctx.year)
        else:
            yield ctx.finding("S110", None, "S110.nolabel", example=example, expected=ctx.year)
        return
    if ctx.year is not None and p.year != ctx.year:
        ref = p.year_ref
        yield ctx.finding("S110", ref, stated=p.year, expected=ctx.year, stated_year=p.year, year=ctx.year,
                          where=str(ref) if ref is not None else "评价年度")
