"""S101: required sheet missing (project or indicators). Doc: s101_required_sheets.md beside this file."""

from __future__ import annotations

from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule


@rule("S101", "error",
      title=('缺少必需的工作表（项目或指标）',
         'required sheet missing (project or indicators)'),
      messages={
          'S101.project': ('找不到项目表（工作表名应为 项目/项目信息/项目概况/基本情况）',
                  'no project sheet (name it 项目, 项目信息, 项目概况 or 基本情况)'),
          'S101.indicators': ('找不到指标表（工作表名应为 指标/绩效指标/指标评分/评分表，或表头含 三级指标 和 得分）',
                  'no indicator sheet (name it 指标, 绩效指标, 指标评分 or 评分表, or give it a header with 三级指标 and 得分)'),
      })
def check_required_sheets(wb: Workbook, ctx: Context):
    for missing in wb.missing_sheets:
        yield ctx.finding("S101", None, f"S101.{missing.kind}")
