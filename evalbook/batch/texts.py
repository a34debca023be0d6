"""The batch summary workbook's texts: sheet and column names, statuses, notes."""

from __future__ import annotations

from evalbook.lang import pick


def batch_text(key: str, lang: str, **params) -> str:
    return pick(BATCH_TEXTS, key, lang, **params)


BATCH_TEXTS: dict[str, tuple[str, str]] = {
    'batch.sheet.summary': (
        '汇总',
        'Summary',
    ),
    'batch.sheet.findings': (
        '问题明细',
        'Findings',
    ),
    'batch.col.file': (
        '文件',
        'File',
    ),
    'batch.col.project': (
        '项目名称',
        'Project',
    ),
    'batch.col.unit': (
        '实施单位',
        'Implementing unit',
    ),
    'batch.col.budget': (
        '全年预算数',
        'Budget',
    ),
    'batch.col.executed': (
        '全年执行数',
        'Executed',
    ),
    'batch.col.rate': (
        '预算执行率',
        'Execution rate',
    ),
    'batch.col.claimed': (
        '自评得分',
        'Claimed total',
    ),
    'batch.col.computed': (
        '计算得分',
        'Computed total',
    ),
    'batch.col.grade': (
        '计算等级',
        'Grade',
    ),
    'batch.col.errors': (
        '错误数',
        'Errors',
    ),
    'batch.col.warnings': (
        '警告数',
        'Warnings',
    ),
    'batch.col.status': (
        '状态',
        'Status',
    ),
    'batch.col.note': (
        '说明',
        'Note',
    ),
    'batch.col.code': (
        '规则',
        'Code',
    ),
    'batch.col.title': (
        '规则说明',
        'Rule',
    ),
    'batch.col.severity': (
        '级别',
        'Severity',
    ),
    'batch.col.sheet': (
        '工作表',
        'Sheet',
    ),
    'batch.col.cell': (
        '单元格',
        'Cell',
    ),
    'batch.col.message': (
        '问题',
        'Message',
    ),
    'batch.col.stated': (
        '原填',
        'Stated',
    ),
    'batch.col.expected': (
        '应为',
        'Expected',
    ),
    'batch.status.ok': (
        '通过',
        'ok',
    ),
    'batch.status.warnings': (
        '有警告',
        'warnings',
    ),
    'batch.status.errors': (
        '有错误',
        'errors',
    ),
    'batch.status.unreadable': (
        '无法读取',
        'unreadable',
    ),
    'batch.status.internal': (
        '内部错误',
        'internal error',
    ),
    'batch.internal': (
        'evalbook 处理此文件时发生内部错误（{kind}）：请把该文件报告给 evalbook 维护者',
        'evalbook failed on this file with an internal error ({kind}): please report the file to the evalbook maintainers',
    ),
    'batch.worker_died': (
        '工作进程意外退出：{how}',
        'the worker process ended unexpectedly: {how}',
    ),
    'batch.not_annotated': (
        '未生成批注副本：{detail}',
        'no annotated copy: {detail}',
    ),
    'batch.would_overwrite': (
        '未生成批注副本：{path} 是输入文件之一，不能覆盖',
        'no annotated copy: {path} is one of the inputs and is not overwritten',
    ),
    'batch.link_annotated': (
        '打开批注副本',
        'open the annotated copy',
    ),
    'batch.link_file': (
        '打开原文件',
        'open the file',
    ),
    'batch.done': (
        '已检查 {files} 个工作簿：{errors} 个有错误，{warnings} 个只有警告，{unreadable} 个无法读取',
        'checked {files} workbooks: {errors} with errors, {warnings} with warnings only, {unreadable} unreadable',
    ),
    'batch.written': (
        '汇总表已写入 {path}',
        'summary written to {path}',
    ),
    'batch.progress': (
        '检查中',
        'checking',
    ),
}
