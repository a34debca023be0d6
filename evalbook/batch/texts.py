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
    'batch.col.department': (
        '主管部门',
        'Supervising department',
    ),
    'batch.col.unit': (
        '实施单位',
        'Implementing unit',
    ),
    'batch.col.year': (
        '评价年度',
        'Year',
    ),
    'batch.col.budget': (
        '全年预算数（万元）',
        'Budget (10k yuan)',
    ),
    'batch.col.executed': (
        '全年执行数（万元）',
        'Executed (10k yuan)',
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
    'batch.col.gap': (
        '得分差（自评−计算）',
        'Gap (claimed − computed)',
    ),
    'batch.col.claimed_grade': (
        '自评等级',
        'Claimed grade',
    ),
    'batch.col.grade': (
        '计算等级',
        'Computed grade',
    ),
    'batch.col.codes': (
        '主要问题',
        'Main findings',
    ),
    'batch.col.duplicate': (
        '重复提交',
        'Duplicate submission',
    ),
    'batch.col.annotated': (
        '批注副本',
        'Annotated copy',
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
    'batch.col.report': (
        '配对的自评报告',
        'Paired report',
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
    'batch.status.timeout': (
        '超时',
        'timed out',
    ),
    'batch.status.memory': (
        '内存超限',
        'out of memory',
    ),
    'batch.status.internal': (
        '内部错误',
        'internal error',
    ),
    'batch.timeout': (
        '超时：{seconds} 秒内未检查完，已跳过（可用 --timeout 放宽时限）',
        'timed out: not checked within {seconds} s and given up (raise the limit with --timeout)',
    ),
    'batch.memory': (
        '内存超限：检查此文件所需内存超过上限，已跳过（可用 --max-memory 放宽上限）',
        'out of memory: checking this file needs more memory than the limit and was given up (raise it with --max-memory)',
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
    'batch.link_report': (
        '打开配对的自评报告',
        'open the paired report',
    ),
    'batch.pair_ambiguous': (
        '未与工作簿配对：同一文件夹中与它同项目的文件不止一个（{files}），作为单独的报告检查',
        'not paired with a workbook: more than one file in its folder is the same project ({files}); checked as a report on its own',
    ),
    'batch.pair_failed': (
        '未能与 {file} 核对：{detail}',
        'could not be checked against {file}: {detail}',
    ),
    'batch.link_file': (
        '打开原文件',
        'open the file',
    ),
    'batch.link_file_beside': (
        '打开原文件（汇总表与原文件放在同一文件夹时）',
        'open the file (when the summary is in the same folder as the file)',
    ),
    'batch.link_cell_beside': (
        '打开原文件中的这个单元格（汇总表与原文件放在同一文件夹时）',
        'open this cell in the file (when the summary is in the same folder as the file)',
    ),
    'batch.link_cell': (
        '打开原文件中的这个单元格',
        'open this cell in the file',
    ),
    'batch.duplicate_of': (
        '与 {files} 的指标表和资金相同',
        'same indicator table and funds as {files}',
    ),
    'batch.title': (
        'evalbook 批量检查汇总',
        'evalbook batch summary',
    ),
    'batch.sheet.stats': (
        '统计',
        'Statistics',
    ),
    'batch.stats.title': (
        '批量检查统计：{files} 个文件，跳过 {skipped} 个',
        'Batch statistics: {files} files, {skipped} skipped',
    ),
    'batch.stats.by_status': (
        '按状态',
        'By status',
    ),
    'batch.stats.by_department': (
        '按主管部门',
        'By supervising department',
    ),
    'batch.stats.by_rule': (
        '按规则（有该问题的文件数）',
        'By rule (files having it)',
    ),
    'batch.stats.gaps': (
        '自评得分 − 计算得分',
        'Claimed − computed score',
    ),
    'batch.stats.duplicates': (
        '重复提交（指标表和资金相同）',
        'Duplicate submissions (same indicator table and funds)',
    ),
    'batch.stats.skipped': (
        '未列入汇总的文件',
        'Files not listed',
    ),
    'batch.stats.files': (
        '文件数',
        'Files',
    ),
    'batch.stats.findings': (
        '问题数',
        'Findings',
    ),
    'batch.stats.broken': (
        '无法检查',
        'Not checked',
    ),
    'batch.stats.total': (
        '合计',
        'Total',
    ),
    'batch.stats.no_department': (
        '（未填主管部门）',
        '(no supervising department)',
    ),
    'batch.stats.none': (
        '（无）',
        '(none)',
    ),
    'batch.stats.error': (
        '错误',
        'error',
    ),
    'batch.stats.warning': (
        '警告',
        'warning',
    ),
    'batch.stats.gap': (
        '得分差区间',
        'Gap band',
    ),
    'batch.stats.chart': (
        '自评得分 − 计算得分（文件数）',
        'Claimed − computed score (files)',
    ),
    'batch.stats.gap_files': (
        '两个得分都有的文件',
        'Files with both scores',
    ),
    'batch.stats.gap_over': (
        '自评高于计算',
        'Claimed above computed',
    ),
    'batch.stats.gap_under': (
        '自评低于计算',
        'Claimed below computed',
    ),
    'batch.stats.gap_max': (
        '最大差',
        'Largest gap',
    ),
    'batch.stats.gap_min': (
        '最小差',
        'Smallest gap',
    ),
    'batch.stats.group': (
        '第 {n} 组',
        'group {n}',
    ),
    'batch.stats.group_col': (
        '组',
        'Group',
    ),
    'batch.stats.reason': (
        '原因',
        'Reason',
    ),
    'batch.gap.below5': (
        '低于 −5',
        'below −5',
    ),
    'batch.gap.below1': (
        '−5 至 −1',
        '−5 to −1',
    ),
    'batch.gap.below0': (
        '−1 至 0',
        '−1 to 0',
    ),
    'batch.gap.zero': (
        '0（一致）',
        '0 (agree)',
    ),
    'batch.gap.above0': (
        '0 至 1',
        '0 to 1',
    ),
    'batch.gap.above1': (
        '1 至 5',
        '1 to 5',
    ),
    'batch.gap.above5': (
        '高于 5',
        'above 5',
    ),
    'batch.skip.summary': (
        'evalbook 汇总表（本次或以前生成的）',
        'evalbook summaries (this one or earlier ones)',
    ),
    'batch.skip.copies': (
        '本次 --annotate-to 写出的批注副本',
        "the annotated copies this run's --annotate-to writes",
    ),
    'batch.skip.lock': (
        'Excel/WPS 锁文件（~$…）',
        'Excel/WPS lock files (~$…)',
    ),
    'batch.skip.hidden': (
        '隐藏文件',
        'hidden files',
    ),
    'batch.skip.other': (
        '不是工作簿的文件',
        'files that are not workbooks',
    ),
    'batch.skip.twice': (
        '重复到达的同一文件（链接）',
        'the same file reached twice (links)',
    ),
    'batch.skip.linked_folder': (
        '链接的文件夹（未进入）',
        'linked folders (not entered)',
    ),
    'batch.skip.unreadable_folder': (
        '无法读取的文件夹',
        'folders that cannot be read',
    ),
    'batch.skipped': (
        '跳过 {count} 个：{reasons}',
        'skipped {count}: {reasons}',
    ),
    'batch.skipped_reason': (
        '{reason} {n} 个',
        '{n} {reason}',
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
