"""S109: formula cells without a stored result (written by a program, never opened and saved in
Excel/WPS). Doc: s109_formulas_without_results.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("S109", "warning",
      title=('公式单元格没有保存计算结果（文件由程序生成，未在 Excel/WPS 中打开保存过）',
             'formula cells have no stored result (written by a program, never opened and saved in Excel/WPS)'),
      messages={
          'S109': ('工作表“{sheet}”有 {count} 个公式单元格没有保存计算结果（{cells}）：'
                   '请在 Excel/WPS 中打开并保存一次后再检查；evalbook 已按公式算出其中 {computed} 个，'
                   '这些单元格上的合计、比率等不作比对',
                   'sheet “{sheet}” has {count} formula cells without a stored result ({cells}): open and '
                   'save the workbook in Excel/WPS, then check again; evalbook computed {computed} of them '
                   'itself and does not compare the totals and rates stated there'),
      })
def check_formulas_without_results(wb: Workbook, ctx: Context):
    by_sheet: dict[str, list] = {}
    for f in wb.flagged:
        if f.formula is not None:
            by_sheet.setdefault(f.ref.sheet, []).append(f)
    for sheet, fields in by_sheet.items():
        cells = "、".join(f.ref.a1 for f in fields[:5]) + (" …" if len(fields) > 5 else "")
        computed = sum(1 for f in fields if f.num is not None)
        yield ctx.finding("S109", fields[0].ref, sheet=sheet, count=len(fields), cells=cells, computed=computed)
