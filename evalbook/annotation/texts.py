"""The annotated copy's texts: the 校验结果 sheet, comments and live checks."""

from __future__ import annotations

from evalbook.lang import pick
from evalbook.read.records import RECORD_TITLES


def annotate_text(key: str, lang: str, **params) -> str:
    return pick(ANNOTATE_TEXTS, key, lang, **params)


ANNOTATE_TEXTS: dict[str, tuple[str, str]] = {
    'annotate.kept': (
        '填写 {old}，按{basis}应为 {new}（{formula}）',
        'states {old}; by {basis} it should be {new} ({formula})',
    ),
    'annotate.fixed': (
        '原填 {old}，已按 --fix 改为公式 = {new}（记录见校验结果表）',
        'was {old}; --fix replaced it by its formula = {new} (recorded in 校验结果)',
    ),
    'annotate.basis.formula': ('公式', 'the formula'),
    'annotate.basis.scores': ('各项得分', 'the scores'),
    'annotate.basis.caps': ('各项分值', 'the caps'),
    'annotate.basis.rate': ('得分/分值', 'score ÷ cap'),
    'annotate.basis.budget_rate': ('全年执行数/全年预算数', 'executed ÷ budget'),
    'annotate.basis.budget_score': ('执行率与分值', 'the execution rate and cap'),
    'annotate.basis.remaining': ('项目总投资−累计支付', 'investment − paid'),
    'annotate.basis.paid_share': ('累计支付/合同金额', 'paid ÷ contract'),
    'annotate.basis.grade': ('总分', 'the total'),
    'annotate.basis.payments': ('各笔支付', 'the payments'),
    'annotate.dv': (
        '得分应在 0 与本行分值之间',
        "the score must lie between 0 and this row's cap",
    ),
    'annotate.converted': (
        '{path} 是 .xls 文件：已按读取到的数值、数字格式和合并单元格另存为 .xlsx（其他格式未保留）',
        '{path} is an .xls file: written as a new .xlsx from its values, number formats and merged cells (other formatting is not kept)',
    ),
    'annotate.strict': (
        '{path} 是 Excel 的“严格 Open XML”工作簿：批注版写为普通的 Excel 工作簿 (.xlsx)，内容不变',
        '{path} is a Strict Open XML workbook: the annotated copy is an ordinary Excel workbook (.xlsx), its content unchanged',
    ),
    'annotate.lost': (
        '已按 --allow-loss 写出，以下内容未保留：{parts}',
        'written with --allow-loss; not kept: {parts}',
    ),
    'annotate.title': (
        'evalbook 校验结果',
        'evalbook check results',
    ),
    'annotate.file': (
        '文件',
        'file',
    ),
    'annotate.profile': (
        '评分方案',
        'profile',
    ),
    'annotate.time': (
        '校验时间',
        'checked at',
    ),
    'annotate.version': (
        'evalbook 版本',
        'evalbook version',
    ),
    'annotate.errors': (
        '错误',
        'errors',
    ),
    'annotate.warnings': (
        '警告',
        'warnings',
    ),
    'annotate.computed_total': (
        '计算得分',
        'computed total',
    ),
    'annotate.grade': (
        '计算等级',
        'computed grade',
    ),
    'annotate.claimed_total': (
        '自评得分（原填）',
        'claimed total (as stated)',
    ),
    'annotate.budget_rate': (
        '预算执行率',
        'budget execution rate',
    ),
    'annotate.note': (
        '说明',
        'note',
    ),
    'annotate.none': (
        '未发现问题',
        'no findings',
    ),
    'annotate.col_code': (
        '代码',
        'code',
    ),
    'annotate.col_severity': (
        '级别',
        'severity',
    ),
    'annotate.col_cell': (
        '位置',
        'cell',
    ),
    'annotate.col_message': (
        '问题',
        'finding',
    ),
    'annotate.col_stated': (
        '填写值',
        'stated',
    ),
    'annotate.col_expected': (
        '应为',
        'expected',
    ),
    'annotate.records': RECORD_TITLES,  # read back by check (read/records.py)
    'annotate.rec_sheet': (
        '工作表',
        'sheet',
    ),
    'annotate.rec_cell': (
        '单元格',
        'cell',
    ),
    'annotate.rec_value': (
        '原填',
        'value',
    ),
    'annotate.rec_format': (
        '原数字格式',
        'number format',
    ),
    'annotate.rec_formula': (
        '原公式',
        'formula',
    ),
    'annotate.rec_wrote': (
        'evalbook 写入',
        'evalbook wrote',
    ),
    'annotate.rec_fixed': (
        '更正（--fix）',
        'corrected (--fix)',
    ),
}
