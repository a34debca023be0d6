"""S108: a cell the rules read holds an error value, or a formula no spreadsheet can evaluate.
Doc: s108_error_values.md beside this file."""

from __future__ import annotations

from evalbook.model.values import num, parse_text_number
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.structure.shared import field_names


@rule("S108", "error",
      title=('单元格是错误值（#NAME?、#REF!、#DIV/0! …）或公式无法计算（=8个）',
             'a cell the rules read holds an error value (#NAME?, #REF!, #DIV/0! …) or a formula no '
             'spreadsheet can evaluate (=8个)'),
      messages={
          'S108': ('{where}{what}显示错误值 {error}：请改正 {where} 的公式，或直接填写数字',
                   '{where}{what} shows the error value {error}: correct the formula in {where} or enter the number'),
          'S108.formula': ('{where}{what}的公式 {formula} 在 Excel/WPS 中都无法计算（{error}）：'
                           '请把 {where} 改为数字{hint}',
                           '{where}{what}: the formula {formula} cannot be evaluated in Excel/WPS ({error}): '
                           'enter a number in {where}{hint}'),
          'S108.hint': ('（{value}）', ' ({value})'),
      })
def check_error_values(wb: Workbook, ctx: Context):
    if not any(f.error is not None for f in wb.flagged):
        return  # the names of every field are worked out only for a finding to name one
    names = field_names(wb)
    for f in wb.flagged:
        if f.error is None:
            continue
        what = names.get(f.ref, "")
        what = f"（{what}）" if what and ctx.lang == "zh" else (f" ({what})" if what else "")
        if f.invalid:
            n = parse_text_number(f.formula[1:]) if f.formula else None
            hint = ctx.text("S108.hint", value=num(n.value, max(n.decimals, 0))) if n is not None else ""
            yield ctx.finding("S108", f.ref, "S108.formula", where=str(f.ref), what=what,
                              formula=f.formula, error=f.error, hint=hint,
                              expected=n.value if n is not None else None)
        else:
            yield ctx.finding("S108", f.ref, where=str(f.ref), what=what, error=f.error)
