"""Every text evalbook shows a person, in Chinese and English, in one place.

Rule titles and finding messages are keyed by rule code (a finding may use a variant key such
as "B108.budget"); input errors are keyed by a short name. Templates use str.format fields.
"""

from __future__ import annotations

# code → (zh, en): the one-line title `evalbook rules` lists.
TITLES: dict[str, tuple[str, str]] = {}

# message key → (zh, en): the text of a finding.
MESSAGES: dict[str, tuple[str, str]] = {}

# error key → (zh, en): one line on stderr, exit 2. Say what is wrong and what to do.
ERRORS: dict[str, tuple[str, str]] = {
    "generic": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    # Reading: evalbook/guard.py. {path} is the file's name as the person knows it.
    "missing": (
        "找不到文件 {path}：请检查文件名和所在文件夹是否正确",
        "file not found: {path}: check the file name and its folder",
    ),
    "is_dir": (
        "{path} 是文件夹，不是工作簿：请给出 .xlsx 文件；检查整个文件夹请用 evalbook batch",
        "{path} is a folder, not a workbook: give an .xlsx file, or use evalbook batch for a folder",
    ),
    "unreadable": (
        "无法打开 {path}（{detail}）：请检查文件权限，或关闭正在使用它的程序后重试",
        "cannot open {path} ({detail}): check its permissions, or close the program using it and retry",
    ),
    "empty": (
        "{path} 是空文件（0 字节）：可能下载或复制没有完成，请重新获取该工作簿",
        "{path} is empty (0 bytes): the download or copy probably did not finish, get the workbook again",
    ),
    "not_workbook": (
        "{path} 不是 Excel 工作簿：请在 Excel 中打开原表并另存为 .xlsx 后再检查",
        "{path} is not an Excel workbook: open the original in Excel and save it as .xlsx, then check again",
    ),
    "pdf": (
        "{path} 是 PDF 文件，不是 Excel 工作簿：请找到原始 Excel 表格（.xlsx）后再检查",
        "{path} is a PDF, not an Excel workbook: find the original Excel file (.xlsx) and check that",
    ),
    "corrupt": (
        "{path} 已损坏或不完整，无法读取：请在 Excel 中打开并另存为 .xlsx，或重新下载后再检查",
        "{path} is damaged or incomplete and cannot be read: open it in Excel and save as .xlsx, or download it again",
    ),
    "encrypted": (
        "{path} 设有打开密码，无法读取：请先在 Excel 中取消密码后再检查",
        "{path} is password-protected and cannot be read: remove the password in Excel first, then check again",
    ),
    "ods": (
        "{path} 是 OpenDocument 表格（.ods）：请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx 后再检查",
        "{path} is an OpenDocument spreadsheet (.ods): save it as .xlsx in LibreOffice, WPS or Excel, then check again",
    ),
    "xlsb": (
        "{path} 是 Excel 二进制工作簿（.xlsb）：请在 Excel 中另存为 .xlsx 后再检查",
        "{path} is an Excel binary workbook (.xlsb): save it as .xlsx in Excel, then check again",
    ),
    "bomb": (
        "{path} 解压后异常巨大（疑似压缩炸弹），已拒绝读取：请确认文件来源，或在 Excel 中另存为 .xlsx 后再检查",
        "{path} would expand to an abnormal size (a likely zip bomb) and was refused: check where it came from, or save it as .xlsx in Excel",
    ),
    "too_large": (
        "{path} 太大，无法读取：请删去无关的工作表或数据后另存，再检查",
        "{path} is too large to read: delete unrelated sheets or data, save, then check again",
    ),
    "xml_entities": (
        "{path} 含有 XML 实体声明（DOCTYPE），可能是恶意构造的文件，已拒绝读取：请在 Excel 中另存为 .xlsx 后再检查",
        "{path} contains XML entity declarations (DOCTYPE), possibly a malicious file, and was refused: save it as .xlsx in Excel, then check again",
    ),
    # Writing: evalbook/inventory.py names what a load-and-save would drop.
    "loss": (
        "{path} 含有写回时会丢失的内容：{parts}。如可接受请加 --allow-loss，否则只用 evalbook check 检查",
        "{path} holds content that writing it back would lose: {parts}. Add --allow-loss to accept, or use evalbook check only",
    ),
    "loss.shape": ("形状", "shapes"),
    "loss.text_box": ("文本框", "text boxes"),
    "loss.form_control": ("表单控件", "form controls"),
    "loss.x14_validation": ("扩展数据验证（如引用其他工作表的下拉列表）", "extended data validation (x14)"),
    "loss.x14_formatting": ("扩展条件格式（如数据条、图标集）", "extended conditional formatting (x14)"),
    "loss.sparklines": ("迷你图", "sparklines"),
    "loss.slicers": ("切片器", "slicers"),
    "loss.timelines": ("日程表", "timelines"),
    "loss.protected_ranges": ("允许编辑区域", "protected ranges"),
    "loss.threaded_comments": ("批注（会变成普通注释）", "threaded comments (they would become plain notes)"),
    "loss.extensions": ("其他扩展信息", "other extension lists"),
    "loss.images": ("无法保存的图片（如 WMF）", "images that cannot be saved (e.g. WMF)"),
    "loss.vba": ("宏（VBA）", "macros (VBA)"),
    "loss.other": ("openpyxl 提示：{detail}", "openpyxl warns: {detail}"),
    "output_not_writable": (
        "无法写入 {path}：目录不可写，请换一个输出位置",
        "cannot write to {path}: the folder is not writable, choose another output location",
    ),
    "output_folder_missing": (
        "无法写入 {path}：目录不存在，请先创建它或换一个输出位置",
        "cannot write to {path}: the folder does not exist, create it or choose another output location",
    ),
    "profile_missing": (
        "找不到评分方案 {profile}：请给出内置方案名（{names}）或 TOML 文件路径",
        "no scoring profile {profile}: give a built-in name ({names}) or a TOML file path",
    ),
    "profile_bad": (
        "评分方案 {profile} 的取值不可用：{detail}",
        "scoring profile {profile} has a value that cannot be used: {detail}",
    ),
}


# ---- S, C, P rules
TITLES.update({
    "S101": ("缺少必需的工作表（项目或指标）", "required sheet missing (project or indicators)"),
    "S102": ("指标表或支付表缺少必需的列", "required column missing in the indicator or payments sheet"),
    "S103": ("应填数字的单元格填了非数字文本", "a cell that must hold a number holds text that is not a number"),
    "S104": ("项目字段缺失：项目名称、全年预算数/全年执行数、自评得分", "project field missing: name, budget/executed, self-score"),
    "S105": ("三级指标行向上填充后仍没有一级或二级指标", "leaf row with no tier-1 or tier-2 name after fill-down"),
    "S106": ("同一二级指标下三级指标重名", "the same tier-3 name twice under one tier-2"),
    "S107": ("数字以文本形式存储（Excel 的 SUM 会跳过它）", "a number stored as text (Excel's SUM would skip it)"),
    "C101": ("二级指标分值 ≠ 其三级指标分值之和", "a tier-2's declared cap ≠ the sum of its leaves' caps"),
    "C102": ("一级指标分值 ≠ 其二级指标分值之和", "a tier-1's declared cap ≠ the sum of its tier-2 caps"),
    "C103": ("全部分值（指标 + 预算执行率）≠ 方案总分", "all caps (indicators + budget execution) ≠ the profile's total"),
    "C104": ("一级指标分值 ≠ 方案规定的权重", "a tier-1's cap ≠ the profile's weight for it"),
    "C105": ("三级指标没有分值，或分值 ≤ 0", "a leaf row has no cap, or a cap ≤ 0"),
    "C106": ("小计/总分行的分值合计 ≠ 其所合计的分值之和", "a stated cap total (subtotal or 总分 row) ≠ the sum it closes"),
    "P101": ("得分超过分值", "a score above its cap"),
    "P102": ("得分为负数", "a negative score"),
    "P103": ("指标或小计的得分 ≠ 其三级指标得分之和", "a stated tier or subtotal score ≠ the sum of its leaves' scores"),
    "P104": ("总分/自评得分 ≠ 三级指标得分 + 预算执行得分", "a stated total score ≠ leaf scores + budget-execution score"),
    "P105": ("自评等级与计算出的总分不符", "a stated grade ≠ the profile's grade for the computed total"),
    "P106": ("得分率 ≠ 得分 / 分值", "a stated 得分率 ≠ 得分 / 分值"),
    "P107": ("有分值的三级指标没有得分", "a leaf row with a cap and no score"),
    "P108": ("找不到预算执行率得分（资金表与指标表都没有）", "no budget-execution score anywhere"),
})

MESSAGES.update({
    "S101.project": ("找不到项目表（工作表名应为 项目/项目信息/项目概况/基本情况）",
                     "no project sheet (name it 项目, 项目信息, 项目概况 or 基本情况)"),
    "S101.indicators": ("找不到指标表（工作表名应为 指标/绩效指标/指标评分/评分表，或表头含 三级指标 和 得分）",
                        "no indicator sheet (name it 指标, 绩效指标, 指标评分 or 评分表, or give it a header with 三级指标 and 得分)"),
    "S102": ("{sheet} 表缺少“{column}”列", "sheet {sheet} has no column \u201c{column}\u201d"),
    "S103": ("{what} 应为数字，但填的是“{text}”", "{what} must be a number but holds \u201c{text}\u201d"),
    "S104": ("缺少{what}", "missing {what_en}"),
    "S105": ("三级指标“{name}”没有{missing}（合并单元格向上填充后仍为空）",
             "leaf \u201c{name}\u201d has no {missing_en} (blank even after fill-down)"),
    "S106": ("“{tier2}”下三级指标“{name}”重复出现（另见第 {other} 行）",
             "tier-3 \u201c{name}\u201d appears twice under \u201c{tier2}\u201d (also row {other})"),
    "S107": ("{what}“{text}”是以文本存储的数字，Excel 求和时会跳过它：请改为数值",
             "{what} \u201c{text}\u201d is a number stored as text, which Excel's SUM skips: make it a number"),
    "C101": ("二级指标“{name}”标明分值 {stated}，其三级指标分值合计为 {expected}",
             "tier-2 \u201c{name}\u201d declares {stated} points but its leaves' caps add up to {expected}"),
    "C102": ("一级指标“{name}”标明分值 {stated}，其二级指标分值合计为 {expected}（{parts}）",
             "tier-1 \u201c{name}\u201d declares {stated} points but its tier-2 caps add up to {expected} ({parts})"),
    "C103": ("全部分值合计 {stated}（指标 {leaves} + 预算执行率 {budget}），方案 {profile} 要求 {expected}",
             "all caps add up to {stated} (indicators {leaves} + budget execution {budget}); profile {profile} wants {expected}"),
    "C104": ("一级指标“{name}”分值为 {stated}，方案 {profile} 规定为 {expected}",
             "tier-1 \u201c{name}\u201d has {stated} points; profile {profile} gives it {expected}"),
    "C105.missing": ("三级指标“{name}”没有分值", "leaf \u201c{name}\u201d has no cap"),
    "C105.nonpositive": ("三级指标“{name}”的分值为 {stated}，应大于 0", "leaf \u201c{name}\u201d has a cap of {stated}; it must be above 0"),
    "C106": ("{label}行分值填 {stated}，所合计的分值之和为 {expected}",
             "the {label} row states {stated} points; the caps it closes add up to {expected}"),
    "P101": ("{what}得分 {stated} 超过分值 {expected}", "{what} scores {stated}, above its cap {expected}"),
    "P102": ("{what}得分为负数（{stated}）", "{what} has a negative score ({stated})"),
    "P103": ("{label}得分填 {stated}，其三级指标得分合计为 {expected}",
             "{label} states a score of {stated}; its leaves' scores add up to {expected}"),
    "P104": ("{label}填 {stated}，三级指标得分 {leaves} + 预算执行得分 {budget} = {expected}",
             "{label} states {stated}; leaf scores {leaves} + budget-execution score {budget} = {expected}"),
    "P105": ("自评等级填“{stated_grade}”，按计算得分 {total} 应为“{expected_grade}”",
             "the grade says \u201c{stated_grade}\u201d; the computed total {total} gives \u201c{expected_grade}\u201d"),
    "P106": ("得分率填 {stated}，得分/分值 = {expected}", "得分率 states {stated}; score/cap = {expected}"),
    "P107": ("三级指标“{name}”有分值 {cap} 但没有得分", "leaf \u201c{name}\u201d has a cap of {cap} but no score"),
    "P108": ("没有预算执行率得分：请在项目资金表填写全年预算数、全年执行数和分值",
             "no budget-execution score: fill in the funds block's budget, executed and cap"),
})


# ---- B rules (evalbook/rules/budget.py). Field names (全年执行数, 累计支付 …) stay Chinese in
# English messages too: they are the labels the person finds in the sheet.
TITLES.update({
    "B101": ("执行率 ≠ 全年执行数 / 全年预算数", "stated 执行率 ≠ 全年执行数 / 全年预算数"),
    "B102": ("预算执行得分 ≠ 方案公式（分值 × min(执行率, 100%)）",
             "stated budget-execution score ≠ the profile's formula (cap × min(rate, 1))"),
    "B103": ("项目资金“其中”各行之和 ≠ 年度资金总额（按列）", "the funds block's 其中 rows ≠ 年度资金总额, per column"),
    "B104": ("执行数超过预算数（执行率 > 100%）", "execution above budget (rate > 100%)"),
    "B105": ("评价年度内的支付合计 ≠ 全年执行数", "payments dated in the evaluation year ≠ 全年执行数"),
    "B106": ("支付合计 ≠ 累计支付，或支付表合计行 ≠ 其上各笔之和",
             "all payments ≠ stated 累计支付; or a stated 合计 row ≠ the payments above it"),
    "B107": ("剩余资金 ≠ 项目总投资 − 累计支付", "stated 剩余资金 ≠ 项目总投资 − 累计支付"),
    "B108": ("支付占合同比例 ≠ 累计支付 / 合同金额", "stated 支付占合同比例 ≠ 累计支付 / 合同金额"),
    "B109": ("项目金额的“其中”各项之和超过该金额（少于时为警告）",
             "其中 parts of a project money field add up to more than the field (warning when less)"),
    "B110": ("支付日期不在评价年度内，或无法识别", "a payment dated outside the evaluation year, or with no readable date"),
    "B111": ("支付金额 ≤ 0 或不是数字", "a payment amount ≤ 0 or not a number"),
    "B112": ("累计支付超过合同金额或项目总投资", "累计支付 above 合同金额 or 项目总投资"),
    "B113": ("成果领先于资金：指标完成度超过预算执行率 5% 以上",
             "results ahead of money: indicator completion exceeds the execution rate by more than 5% of itself"),
})

MESSAGES.update({
    "B101": ("执行率填 {shown}，全年执行数 {executed} / 全年预算数 {budget} = {rate}",
             "执行率 states {shown}; 全年执行数 {executed} / 全年预算数 {budget} = {rate}"),
    "B101.initial": ("执行率填 {shown}：这是全年执行数 {executed} / 年初预算数 {initial}（{other}），"
                     "应为全年执行数 {executed} / 全年预算数 {budget} = {rate}",
                     "执行率 states {shown}: that is 全年执行数 {executed} / 年初预算数 {initial} ({other}); "
                     "it should be 全年执行数 {executed} / 全年预算数 {budget} = {rate}"),
    "B102": ("预算执行得分填 {stated}，按方案 {profile}：分值 {cap} × min(执行率 {rate}, 100%) = {expected}",
             "the budget-execution score states {stated}; profile {profile} gives cap {cap} × min(rate {rate}, 100%) = {expected}"),
    "B102.linear": ("预算执行得分填 {stated}，按方案 {profile}：分值 {cap} × 执行率 {rate} = {expected}",
                    "the budget-execution score states {stated}; profile {profile} gives cap {cap} × rate {rate} = {expected}"),
    "B103": ("年度资金总额的{column}填 {shown}，其中各行合计 {sum}（{parts}）",
             "年度资金总额 states {column} {shown}; its 其中 rows add up to {sum} ({parts})"),
    "B103.blank": ("年度资金总额的{column}为空或为 0，而其中各行合计 {sum}（{parts}）：总额行应填合计数",
                   "年度资金总额 leaves {column} blank or 0 while its 其中 rows add up to {sum} ({parts}): the total row must carry the sum"),
    "B104": ("全年执行数 {executed} 超过全年预算数 {budget}（执行率 {rate}）：请核实执行数，或将调整后的预算填入全年预算数",
             "全年执行数 {executed} is above 全年预算数 {budget} (rate {rate}): check the executed amount, or enter the adjusted budget"),
    "B105": ("全年执行数填 {shown}，支付表中 {year} 年的 {count} 笔支付合计 {sum}",
             "全年执行数 states {shown}; the {count} payments dated {year} add up to {sum}"),
    "B105.all": ("全年执行数填 {shown}，与支付表全部 {all} 笔有日期的支付（含其他年度）合计相符；{year} 年的 {count} 笔支付合计 {sum}",
                 "全年执行数 states {shown}, the sum of all {all} dated payments, other years included; "
                 "the {count} payments dated {year} add up to {sum}"),
    "B105.undated": ("全年执行数填 {shown}，支付表中 {year} 年的 {count} 笔支付合计 {sum}（另有 {undated} 笔日期无法识别，未计入）",
                     "全年执行数 states {shown}; the {count} payments dated {year} add up to {sum} ({undated} more have no readable date and are not counted)"),
    "B106.paid": ("累计支付填 {shown}，支付表全部 {count} 笔支付合计 {sum}",
                  "累计支付 states {shown}; all {count} payments listed add up to {sum}"),
    "B106.paid_year": ("累计支付填 {shown}，只是 {year} 年 {year_count} 笔支付的合计；支付表全部 {count} 笔支付合计 {sum}",
                       "累计支付 states {shown}, only the {year_count} payments dated {year}; all {count} payments "
                       "listed add up to {sum}"),
    "B106.total": ("支付表合计填 {shown}，其上 {count} 笔支付合计 {sum}",
                   "the payments 合计 row states {shown}; the {count} payments above it add up to {sum}"),
    "B107": ("剩余资金填 {shown}，{base_name} {base} − {sub_name} {sub} = {diff}",
             "剩余资金 states {shown}; {base_name} {base} − {sub_name} {sub} = {diff}"),
    "B107.other": ("剩余资金填 {shown}，这是 {other_base_name} {other_base} − {other_sub_name} {other_sub}，"
                   "应为 {base_name} {base} − {sub_name} {sub} = {diff}",
                   "剩余资金 states {shown}, which is {other_base_name} {other_base} − {other_sub_name} {other_sub}; "
                   "it should be {base_name} {base} − {sub_name} {sub} = {diff}"),
    "B108": ("支付占合同比例填 {shown}，累计支付 {paid} / 合同金额 {contract} = {rate}",
             "支付占合同比例 states {shown}; 累计支付 {paid} / 合同金额 {contract} = {rate}"),
    "B108.total": ("支付占合同比例填 {shown}：{shown} 是 {paid}/{base}（占项目总投资 {other}），"
                   "不是占合同金额 {rate}（{paid}/{contract}）",
                   "支付占合同比例 states {shown}: {shown} is {paid}/{base} ({other} of 项目总投资), "
                   "not the share of the contract, {rate} ({paid}/{contract})"),
    "B108.budget": ("支付占合同比例填 {shown}：{shown} 是 {paid}/{base}（占全年预算数 {other}），"
                    "不是占合同金额 {rate}（{paid}/{contract}）",
                    "支付占合同比例 states {shown}: {shown} is {paid}/{base} ({other} of 全年预算数), "
                    "not the share of the contract, {rate} ({paid}/{contract})"),
    "B109.more": ("{what}填 {shown}，其中各项合计 {sum}（{parts}），多出 {diff}",
                  "{what} states {shown}; its 其中 parts add up to {sum} ({parts}), {diff} more"),
    "B109.less": ("{what}填 {shown}，其中各项合计 {sum}（{parts}），少 {diff}：是否漏列了一项",
                  "{what} states {shown}; its 其中 parts add up to {sum} ({parts}), {diff} less: is a part missing?"),
    "B109.blank": ("{what}为空，而其中各项合计 {sum}（{parts}）",
                   "{what} is blank while its 其中 parts add up to {sum} ({parts})"),
    "B110.outside": ("支付日期 {date} 不在评价年度 {year} 年内", "payment dated {date}, outside the evaluation year {year}"),
    "B110.unreadable": ("支付日期“{text}”无法识别：请填写日期，如 2023-09-15",
                        "payment date \u201c{text}\u201d cannot be read: write a date such as 2023-09-15"),
    "B110.blank": ("这笔支付没有日期", "this payment has no date"),
    "B111.nonpositive": ("支付金额为 {shown}，应大于 0：退款请在备注中说明，并从累计支付中扣除",
                         "payment amount {shown} is not above 0: note refunds in 备注 and deduct them from 累计支付"),
    "B111.text": ("支付金额“{text}”不是数字", "payment amount \u201c{text}\u201d is not a number"),
    "B111.blank": ("这笔支付没有金额", "this payment has no amount"),
    "B112.contract": ("累计支付 {shown} 超过合同金额 {contract}", "累计支付 {shown} is above 合同金额 {contract}"),
    "B112.total_investment": ("累计支付 {shown} 超过项目总投资 {total_investment}",
                              "累计支付 {shown} is above 项目总投资 {total_investment}"),
    "B112.both": ("累计支付 {shown} 超过合同金额 {contract} 和项目总投资 {total_investment}",
                  "累计支付 {shown} is above 合同金额 {contract} and 项目总投资 {total_investment}"),
    "B113": ("指标完成度 {stated}（得分 {score} / 分值 {cap}）超过预算执行率 {expected} 的 {margin} 以上"
             "（上限 {limit}）：成果领先于资金，请核实得分或执行数",
             "indicator completion {stated} (score {score} / cap {cap}) exceeds the execution rate {expected} "
             "by more than {margin} of it (limit {limit}): results ahead of money, check the scores or the executed amount"),
})


# ---- command line
MESSAGES.update({
    "text.error": ("错误", "error"),
    "text.warning": ("警告", "warning"),
    "text.workbook": ("工作簿", "workbook"),
    "text.summary": ("{file} 错误 {errors} 个，警告 {warnings} 个；计算得分 {computed}（{grade}），自评得分 {claimed}；预算执行率 {rate}",
                     "{file} {errors} errors, {warnings} warnings; computed total {computed} ({grade}), claimed {claimed}; budget execution {rate}"),
    "cli.written": ("已写入 {path}（错误 {errors} 个，警告 {warnings} 个）",
                    "wrote {path} ({errors} errors, {warnings} warnings)"),
})
ERRORS.update({
    "usage": ("命令用法有误：{detail}（evalbook --help 查看用法）", "usage error: {detail} (see evalbook --help)"),
    "aborted": ("已中止（Ctrl-C）", "aborted (Ctrl-C)"),
    "internal": ("evalbook 内部错误（{kind}：{detail}）：请把文件和这行字发给维护者；设 EVALBOOK_DEBUG=1 可看详情",
                 "evalbook internal error ({kind}: {detail}): please report it with the file; EVALBOOK_DEBUG=1 shows details"),
    "unknown_rule": ("没有规则 {code}：evalbook rules 列出全部规则", "no rule {code}: evalbook rules lists them all"),
})


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table[key]
    return en if lang == "en" else zh


def message_text(key: str, lang: str, **params) -> str:
    return _pick(MESSAGES, key, lang).format(**params)


def title_text(code: str, lang: str) -> str:
    return _pick(TITLES, code, lang)


def error_text(key: str, lang: str, **params) -> str:
    return _pick(ERRORS, key, lang).format(**params)


# evalbook new (evalbook/template.py).
ERRORS.update({
    "new_exists": (
        "{path} 已存在，未覆盖：请换一个文件名，或先移走原文件",
        "{path} already exists and was not overwritten: choose another name or move the file away",
    ),
    "new_suffix": (
        "{path} 不是 .xlsx 文件名：新建的工作簿请以 .xlsx 结尾",
        "{path} is not an .xlsx name: the new workbook's name must end in .xlsx",
    ),
})

# The workbook `evalbook new` writes. The form itself is always Chinese (the reader finds it by
# its Chinese labels); the English is for documentation. One {placeholder} per profile figure.
TEMPLATE: dict[str, tuple[str, str]] = {
    "title": ("项目支出绩效自评表", "Project expenditure performance self-evaluation"),
    "dv_error_title": ("输入有误", "Invalid entry"),
    "dv_score": ("得分应在 0 与本行分值之间", "the score must lie between 0 and this row's cap"),
    "dv_cap": ("分值应大于 0", "the cap must be above 0"),
    "dv_nature": ("请选择 ≥、≤、= 或 定性", "choose ≥, ≤, = or 定性 (qualitative)"),
    "dv_source": (
        "请选择 当年财政拨款、上年结转资金 或 其他资金",
        "choose 当年财政拨款, 上年结转资金 or 其他资金",
    ),
    "dv_date": ("请填写日期，例如 2024-09-15", "enter a date, e.g. 2024-09-15"),
    "dv_amount": ("金额应大于 0", "the amount must be above 0"),
    "dv_money": ("金额不能为负数", "amounts cannot be negative"),
    "dv_year": ("请填写四位年份，例如 2024", "enter a four-digit year, e.g. 2024"),
    "dv_unit": ("请选择 万元 或 元", "choose 万元 or 元"),
    "notes": (
        "本工作簿由 evalbook new 生成，评分方案：{profile}（{description}）。\n"
        "只填写浅黄色底纹的单元格。其余单元格（执行率、预算执行得分、年度资金总额、得分率、小计、总分、"
        "自评得分、自评等级、剩余资金、支付占合同比例、支付合计）由公式自动计算，已锁定。\n"
        "工作表保护没有密码：确需调整时，可在“审阅 → 撤销工作表保护”中取消。\n"
        "金额单位默认为万元；如改为元，支付明细也须以元填写。\n"
        "“项目”表：填写项目基本信息、项目总投资、合同金额和累计支付；在项目资金表中按资金来源填写"
        "年初预算数、全年预算数和全年执行数，年度资金总额自动合计。\n"
        "预算执行率 {budget_cap} 分，得分 = {budget_rule}，保留两位小数。\n"
        "“指标”表：在各二级指标下填写三级指标名称、指标性质（≥、≤、= 或 定性）、年度指标值、"
        "度量单位、实际完成值、分值和得分；得分不能超过分值，不需要的行留空。{weights}\n"
        "定性指标的实际完成值填写 达成年度指标、部分达成年度指标 或 未达成年度指标。\n"
        "扣分的指标，须在“偏差原因分析及改进措施”中写明原因和措施。\n"
        "全部指标分值与预算执行率分值合计应为 {total} 分。等级：{grades}。\n"
        "“支付”表：逐笔填写支付日期、支付事项、金额和资金来源；合计应等于累计支付，"
        "评价年度内的支付合计应等于全年执行数。\n"
        "需要更多行时，可在某一填写行处插入行（保护允许插入行），并核对小计、合计公式的范围。\n"
        "填好后运行 evalbook check 文件名.xlsx 检查。",
        "Written by evalbook new for profile {profile} ({description}).\n"
        "Fill in only the light-yellow cells; the others are formulas and locked.\n"
        "The sheet protection has no password.\n"
        "Amounts are in 万元 unless 金额单位 says 元; payments use the same unit.\n"
        "项目: project facts, and the funds table by source; 年度资金总额 adds them up.\n"
        "Budget execution is worth {budget_cap}: score = {budget_rule}, two decimals.\n"
        "指标: under each tier-2, the tier-3 name, nature, target, unit, actual, cap and score. {weights}\n"
        "Qualitative actuals: 达成年度指标, 部分达成年度指标 or 未达成年度指标.\n"
        "Explain every deduction in 偏差原因分析及改进措施.\n"
        "All caps plus budget execution add up to {total}. Grades: {grades}.\n"
        "支付: one row per payment; the total equals 累计支付, the year's payments equal 全年执行数.\n"
        "Insert rows inside a block when more are needed, and check the sums' ranges.\n"
        "Then run evalbook check FILE.xlsx.",
    ),
    "notes_weights": ("一级指标分值：{weights}。", "Tier-1 caps: {weights}."),
    "notes_free": ("一级指标的分值由项目自定，合计 {rest} 分。", "Tier-1 caps are free and add up to {rest}."),
    "rule_capped": ("{cap} × min(执行率, 100%)", "{cap} × min(rate, 100%)"),
    "rule_linear": ("{cap} × 执行率", "{cap} × rate"),
}


def template_text(key: str, lang: str = "zh", **params) -> str:
    return _pick(TEMPLATE, key, lang).format(**params)


def num(x, decimals: int = 2) -> str:
    """A figure as a person reads it: 12, 12.5, 94.47 (no trailing zeros, no float noise)."""
    if x is None:
        return "—"
    s = f"{float(x):.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def distinct(a, b, show=None) -> tuple[str, str]:
    """Two figures shown with the fewest decimals (2 at least) that tell them apart, so a
    message never reads "98.33 … = 98.33" when they differ in the third decimal."""
    show = show or num
    if a is None or b is None:
        return show(a), show(b)
    for d in range(2, 7):
        sa, sb = show(a, d), show(b, d)
        if sa != sb:
            return sa, sb
    return show(a), show(b)


def pct(x, decimals: int = 2) -> str:
    """A fraction as a percent: 0.46078 → 46.08%."""
    return "—" if x is None else f"{float(x) * 100:.{decimals}f}%"


def shown(f) -> str:
    """A stated field as its cell shows it."""
    if f is None or f.num is None:
        return "—" if f is None or f.raw is None else str(f.raw)
    n = f.num
    if n.percent:
        return pct(n.value, max(0, n.decimals - 2))
    return num(n.value, max(n.decimals, 0))


# ---- batch (evalbook/batch.py): the summary workbook, its statuses, and the run's errors.
MESSAGES.update({
    "batch.sheet.summary": ("汇总", "Summary"),
    "batch.sheet.findings": ("问题明细", "Findings"),
    "batch.col.file": ("文件", "File"),
    "batch.col.project": ("项目名称", "Project"),
    "batch.col.unit": ("实施单位", "Implementing unit"),
    "batch.col.budget": ("全年预算数", "Budget"),
    "batch.col.executed": ("全年执行数", "Executed"),
    "batch.col.rate": ("预算执行率", "Execution rate"),
    "batch.col.claimed": ("自评得分", "Claimed total"),
    "batch.col.computed": ("计算得分", "Computed total"),
    "batch.col.grade": ("计算等级", "Grade"),
    "batch.col.errors": ("错误数", "Errors"),
    "batch.col.warnings": ("警告数", "Warnings"),
    "batch.col.status": ("状态", "Status"),
    "batch.col.note": ("说明", "Note"),
    "batch.col.code": ("规则", "Code"),
    "batch.col.title": ("规则说明", "Rule"),
    "batch.col.severity": ("级别", "Severity"),
    "batch.col.sheet": ("工作表", "Sheet"),
    "batch.col.cell": ("单元格", "Cell"),
    "batch.col.message": ("问题", "Message"),
    "batch.col.stated": ("原填", "Stated"),
    "batch.col.expected": ("应为", "Expected"),
    "batch.status.ok": ("通过", "ok"),
    "batch.status.warnings": ("有警告", "warnings"),
    "batch.status.errors": ("有错误", "errors"),
    "batch.status.unreadable": ("无法读取", "unreadable"),
    "batch.status.internal": ("内部错误", "internal error"),
    "batch.internal": (
        "evalbook 处理此文件时发生内部错误（{kind}）：请把该文件报告给 evalbook 维护者",
        "evalbook failed on this file with an internal error ({kind}): please report the file to the evalbook maintainers",
    ),
    "batch.worker_died": ("工作进程意外退出：{how}", "the worker process ended unexpectedly: {how}"),
    "batch.not_annotated": ("未生成批注副本：{detail}", "no annotated copy: {detail}"),
    "batch.would_overwrite": (
        "未生成批注副本：{path} 是输入文件之一，不能覆盖",
        "no annotated copy: {path} is one of the inputs and is not overwritten",
    ),
    "batch.link_annotated": ("打开批注副本", "open the annotated copy"),
    "batch.link_file": ("打开原文件", "open the file"),
    "batch.done": (
        "已检查 {files} 个工作簿：{errors} 个有错误，{warnings} 个只有警告，{unreadable} 个无法读取",
        "checked {files} workbooks: {errors} with errors, {warnings} with warnings only, {unreadable} unreadable",
    ),
    "batch.written": ("汇总表已写入 {path}", "summary written to {path}"),
    "batch.progress": ("检查中", "checking"),
})
ERRORS.update({
    "batch_empty": (
        "在 {paths} 中没有找到工作簿（.xlsx、.xlsm、.xls）：请检查文件夹是否正确",
        "no workbooks (.xlsx, .xlsm, .xls) found in {paths}: check the folder",
    ),
    "batch_no_output": (
        "请用 -o 指定汇总表文件（例如 -o 汇总.xlsx），或用 --format json 输出到屏幕",
        "give the summary workbook with -o (e.g. -o summary.xlsx), or use --format json to print to the screen",
    ),
    "batch_summary_suffix": (
        "汇总表 {path} 不是 .xlsx 文件名：请以 .xlsx 结尾",
        "the summary {path} is not an .xlsx name: its name must end in .xlsx",
    ),
    "batch_summary_is_input": (
        "汇总表 {path} 是要检查的文件之一，不能覆盖：请换一个文件名",
        "the summary {path} is one of the files to check and is not overwritten: choose another name",
    ),
})


# ---- T rules (evalbook/rules/targets.py): targets and scoring; all warnings.
TITLES.update({
    "T101": ("实际完成值未达到年度指标值却得满分", "full score although the actual value misses the target"),
    "T102": ("扣分但未说明偏差原因", "points deducted and no deviation reason"),
    "T103": ("定量指标得分与评分规则相差过大", "a quantitative score far from the profile's scoring rule"),
    "T104": ("定性指标得分不在其完成等级对应的分数段内", "a qualitative score outside the band of its stated grade"),
    "T105": ("实际完成值大幅超过年度指标值且未说明原因", "actual far above the target (over-achievement) with no explanation"),
    "T106": ("实际完成值写成了目标值的形式（≥、≤、不少于 …）", "the actual value is written as a target (≥, ≤, 不少于 …)"),
    "T107": ("有得分但没有实际完成值", "a score above zero with no actual value"),
})

MESSAGES.update({
    "T101": ("“{name}”实际完成值 {actual} 未达到年度指标值 {op}{target}，却得满分 {cap}",
             "\u201c{name}\u201d: the actual {actual} misses the target {op}{target}, yet scores the full {cap}"),
    "T102": ("“{name}”得分 {stated}（分值 {expected}）被扣分，但未填写偏差原因分析及改进措施",
             "\u201c{name}\u201d scores {stated} of {expected} and gives no reason for the deviation"),
    "T102.nocolumn": ("“{name}”得分 {stated}（分值 {expected}）被扣分，但表中没有偏差原因分析及改进措施列",
                      "\u201c{name}\u201d scores {stated} of {expected}, and the sheet has no deviation-reason column"),
    "T103": ("“{name}”得分 {stated}，按{rule}（年度指标值 {op}{target}，实际完成值 {actual}）应为 {expected}，相差超过 {tolerance} 分",
             "\u201c{name}\u201d scores {stated}; the {rule} (target {op}{target}, actual {actual}) gives {expected}, more than {tolerance} away"),
    "T103.rule.positive": ("正向指标规则", "positive rule"),
    "T103.rule.equal": ("等于型指标规则", "equality rule"),
    "T103.rule.reverse_fasp2": ("反向指标规则", "reverse rule"),
    "T103.rule.reverse_ratio": ("反向指标比例规则", "reverse ratio rule"),
    "T104": ("“{name}”完成情况为“{grade}”，对应得分 {band}，实填 {stated}",
             "\u201c{name}\u201d is graded \u201c{grade}\u201d, which earns {band}, but scores {stated}"),
    "T105": ("“{name}”实际完成值 {actual} 达到年度指标值 {target} 的 {factor} 倍以上，未说明原因",
             "\u201c{name}\u201d: the actual {actual} is at least {factor} times the target {target}, with no explanation"),
    "T106": ("“{name}”实际完成值“{text}”写成了目标值的形式：请填写实际达到的数值",
             "\u201c{name}\u201d: the actual \u201c{text}\u201d is written as a target: write the figure achieved"),
    "T107": ("“{name}”得分 {stated}，但没有填写实际完成值",
             "\u201c{name}\u201d scores {stated} but has no actual value"),
})

# ---- profiles: {setting}, not {key}, because InputError's own first parameter is named key.
ERRORS.update({
    "profile_unknown": (
        "评分方案 {profile} 中有未知的设置项 {setting}：请对照 docs/profiles.md 修改",
        "scoring profile {profile} has an unknown key {setting}: see docs/profiles.md",
    ),
})

# evalbook annotate (evalbook/annotate.py): the 校验结果 sheet, comments and live checks.
MESSAGES.update({
    "annotate.was": ("原填 {old}，应为 {new}", "was {old}, should be {new}"),
    "annotate.dv": ("得分应在 0 与本行分值之间", "the score must lie between 0 and this row's cap"),
    "annotate.converted": (
        "{path} 是 .xls 文件：已按读取到的数值、数字格式和合并单元格另存为 .xlsx（其他格式未保留）",
        "{path} is an .xls file: written as a new .xlsx from its values, number formats and merged cells (other formatting is not kept)",
    ),
    "annotate.lost": ("已按 --allow-loss 写出，以下内容未保留：{parts}", "written with --allow-loss; not kept: {parts}"),
    "annotate.title": ("evalbook 校验结果", "evalbook check results"),
    "annotate.file": ("文件", "file"),
    "annotate.profile": ("评分方案", "profile"),
    "annotate.time": ("校验时间", "checked at"),
    "annotate.version": ("evalbook 版本", "evalbook version"),
    "annotate.errors": ("错误", "errors"),
    "annotate.warnings": ("警告", "warnings"),
    "annotate.computed_total": ("计算得分", "computed total"),
    "annotate.grade": ("计算等级", "computed grade"),
    "annotate.claimed_total": ("自评得分（原填）", "claimed total (as stated)"),
    "annotate.budget_rate": ("预算执行率", "budget execution rate"),
    "annotate.note": ("说明", "note"),
    "annotate.none": ("未发现问题", "no findings"),
    "annotate.col_code": ("代码", "code"),
    "annotate.col_severity": ("级别", "severity"),
    "annotate.col_cell": ("位置", "cell"),
    "annotate.col_message": ("问题", "finding"),
    "annotate.col_stated": ("填写值", "stated"),
    "annotate.col_expected": ("应为", "expected"),
    "annotate.records": ("evalbook 写入的单元格（原内容）", "cells evalbook wrote (what they held before)"),
    "annotate.rec_sheet": ("工作表", "sheet"),
    "annotate.rec_cell": ("单元格", "cell"),
    "annotate.rec_value": ("原填", "value"),
    "annotate.rec_format": ("原数字格式", "number format"),
    "annotate.rec_formula": ("原公式", "formula"),
    "annotate.rec_wrote": ("evalbook 写入", "evalbook wrote"),
    "cli.converted": ("注意：{path} 为 .xls，批注版另存为 .xlsx", "note: {path} is an .xls; the annotated copy is an .xlsx"),
})
ERRORS.update({
    "annotate_same": (
        "输出文件与输入文件相同（{path}）：请用 -o 指定其他文件名，或加 --in-place 覆盖原文件（会先保留 .bak 备份）",
        "the output is the input ({path}): choose another name with -o, or add --in-place to overwrite it (a .bak copy is kept first)",
    ),
    "annotate_in_place_out": (
        "--in-place 与 -o {path} 不能同时使用：--in-place 写回输入文件本身",
        "--in-place and -o {path} cannot be used together: --in-place writes the input file itself",
    ),
})


# ---- rule explanations (zh): `evalbook rules CODE` and docs/rules.md in Chinese. Written from
# each rule's code, not translated from its docstring: the finance officer reading them needs the
# thresholds, the cell a finding points at and when the rule stays silent, in the form's own words.
# code → (检查什么、为什么, 示例, 如何修正).
RULE_DOCS_ZH: dict[str, tuple[str, str, str]] = {
    "S101": (
        "找不到必需的工作表：项目表或指标表。项目表按名称识别（项目、项目信息、项目概况、基本情况），"
        "或按内容识别（有以“项目名称”开头的单元格）；指标表按名称识别（指标、绩效指标、指标评分、评分表），"
        "或按内容识别（表头行同时有“三级指标”和“得分”）。提示中写明找的是哪张表。\n\n"
        "没有指标表，就无法核对任何分值和得分；没有项目表，就没有自评得分、预算数和资金数可供比对。",
        "工作簿中只有一张“Sheet1”，填的是项目资金情况，没有哪张表的表头写有“三级指标”和“得分”：报告缺少指标表。",
        "把两张表命名为“项目”和“指标”（或上面列出的任一名称），与 evalbook new 生成的模板一致。",
    ),
    "S102": (
        "指标表缺少必需的列（一级指标、二级指标、三级指标、分值、得分），或支付表缺少必需的列（日期、金额）。"
        "列名可带单位，如“分值（分）”；支付表的“支付日期”“支付金额”也可识别。提示标在表头行，写明缺的是哪张表的哪一列。\n\n"
        "没有这些列，就分不清哪一列是分值、哪一列是得分，也分不清哪一行是支付、哪一行是备注，后面的检查都无从做起。",
        "指标表表头为“一级指标、二级指标、三级指标、年度指标值、实际完成值、得分”，没有“分值”列。",
        "用可识别的列名补上这一列（列名见 docs/workbook.md），例如在“得分”左侧加一列“分值”。",
    ),
    "S103": (
        "应当填数字的单元格填了无法识别为数字的文字。检查的单元格包括：指标表各行的分值、得分、得分率"
        "（含合计行和预算执行率行），项目资金表的年初预算数、全年预算数、全年执行数、分值、执行率、得分，"
        "项目总投资、合同金额、累计支付、剩余资金及其“其中”各项，支付占合同比例，自评得分。"
        "写在指标名称里的分值（如“数量指标（12）”）不在此列；支付金额由 B111 检查。\n\n"
        "这样的单元格在审核人员手工加总和 Excel 求和时都会被悄悄漏掉，合计数因此失真。",
        "得分填成“满分”或“10分（扣0分）”；执行率填成“基本执行完毕”。",
        "单元格里只填数字；扣分理由等说明写到“偏差原因分析及改进措施”列。",
    ),
    "S104": (
        "核对所依赖的项目信息没有填：项目名称、全年预算数或全年执行数（项目资金表“年度资金总额”行）、自评得分。"
        "项目表没有资金表、而指标表有“预算执行率”行时，不要求全年预算数和全年执行数；"
        "单元格填的是文字时由 S103 报告，这里不重复；找不到项目表时由 S101 报告。\n\n"
        "缺了这些，审核人员不知道是哪个项目、花了多少钱、自评报了多少分。",
        "项目表中“自评得分”右侧的单元格空着；或“年度资金总额”行的全年执行数没有填。",
        "在项目表中该标签右侧的单元格填上对应内容。",
    ),
    "S105": (
        "某个有得分的三级指标行，在把合并单元格向下填充之后，仍然没有一级指标或二级指标名称。\n\n"
        "这一行的得分归不到任何一级、二级指标下，各级分值之和与权重都无法核对。",
        "指标表第一条三级指标“视频接入路数”所在行的一级指标、二级指标单元格为空，上方也没有可以向下填充的名称。",
        "补写一级、二级指标名称，或把一级、二级指标单元格合并，覆盖其所辖的各行。",
    ),
    "S106": (
        "同一个二级指标下，有两个三级指标名称相同（全角/半角、空格的差别不算不同）。提示标在后出现的那一行，"
        "并写明另一行的行号。\n\n"
        "这通常是复制了一行却没有改名，其中一项被重复计分。",
        "“数量指标”下有两行都叫“视频接入路数”，分值各 2 分。",
        "把复制的那一行改成正确的指标名称，或删掉多余的一行。",
    ),
    "S107": (
        "数字以文本形式存储（常见于从 Word 或业务系统导出后复制粘贴，也包括全角数字）。检查的单元格与 S103 相同。\n\n"
        "evalbook 能读出这个数，但 Excel 的 SUM 会跳过它，表格自带的合计、小计因此算错。",
        "得分单元格里是文本“４.５”（全角数字），或数字前带单引号“'10”，单元格左上角有绿色小三角。",
        "把单元格转换为数字（Excel：点击绿色小三角 → 转换为数字）。",
    ),
    "C101": (
        "二级指标标明的分值（写在名称里，如“数量指标（12）”，或写在二级指标标题行的分值列）"
        "不等于其下各三级指标分值之和。标明的分值按其显示的小数位理解；二级指标没有标明分值时不检查。"
        "提示标在标明分值的单元格上。\n\n"
        "标明的分值就是审核人员看到的该项权重；下面各项加起来对不上，说明分值被挪动过而权重没改，或者漏了一行。",
        "“数量指标（12）”下有四个三级指标，各 2 分，合计 8 分，不是 12 分。",
        "调整各三级指标的分值使其合计等于标明的分值，或更正标明的分值。",
    ),
    "C102": (
        "一级指标标明的分值（如“产出（50）”）不等于其下各二级指标分值之和。每个二级指标取其标明的分值，"
        "没有标明的取其三级指标分值之和。一级指标没有标明分值时不检查。\n\n"
        "一级指标的权重由评分方案规定；下面各项加起来多了或少了，说明表中的权重不成立。",
        "“产出（50）”下：数量（12）+ 质量（10）+ 时效（12）+ 成本（20）= 54，不是 50。",
        "更正各二级指标（及其三级指标）的分值，使其合计等于一级指标分值。",
    ),
    "C103": (
        "全部分值——所有三级指标的分值加上预算执行率的分值——合计不等于评分方案的总分"
        "（mof2020 为 100 分）。预算执行率分值取项目资金表或指标表“预算执行率”行填的分值；"
        "资金表填了全年预算数和全年执行数而没填分值时，按方案分值（mof2020 为 10 分）计。提示标在指标表“分值”列的表头上。\n\n"
        "分值合计不是 100 分的表，得不出百分制总分，而自评等级正是按百分制划定的。",
        "三级指标分值合计 85，加预算执行率 10，共 95 分，不是 100 分。",
        "调整各指标分值（以及预算执行率的分值），使合计为 100 分。",
    ),
    "C104": (
        "一级指标的分值（标明的分值；没有标明时为其下各二级指标分值之和）与评分方案给它的权重不同"
        "（mof2020：产出 50、效益 30、满意度 10、预算执行率 10）。预算执行率的分值也一并核对（未填时按方案分值计，不报）。"
        "方案中没有列出的一级指标不检查；free10、budget20 等不规定一级指标权重的方案只核对预算执行率的分值。\n\n"
        "各单位的权重可能不同：方案文件写明本单位的权重，这个警告只说明表格与所选方案不一致。",
        "效益指标合计 20 分，产出指标 60 分；mof2020 规定效益 30 分、产出 50 分。",
        "按方案的权重调整分值，或用 --profile 指定本单位自己的方案再检查。",
    ),
    "C105": (
        "三级指标行没有分值，或分值为 0、负数。整列缺失由 S102 报告，分值栏填了文字由 S103 报告。\n\n"
        "没有分值的得分无从评判，分值为 0 时得分率也无法计算。",
        "“视频接入路数”得分 2，分值栏空着；或“群众满意度”分值填 0。",
        "给该指标填上分值。",
    ),
    "C106": (
        "合计行填的分值不等于它所合计的分值之和：小计行应为该一级指标下各三级指标分值之和，"
        "指标合计行应为全部三级指标分值之和，总分行应为全部三级指标分值加预算执行率分值。"
        "合计行填的分值按其显示的小数位理解。\n\n"
        "审核人员先看合计；合计与各行对不上，就看不出分数去了哪里。",
        "总分行分值填 100，而三级指标分值合计 88，加预算执行率 10，共 98。",
        "把该行分值改为其上各行分值之和（annotate 会在该处写入 SUM 公式）。",
    ),
    "P101": (
        "得分超过分值。检查每个三级指标、填了得分的一级或二级指标（分值取标明的分值，没有则取其下分值之和），"
        "以及预算执行率得分。\n\n"
        "任何指标的得分都不能超过它的分值；超过分值的得分会抬高总分。",
        "分值 5，得分 6。",
        "把得分改为不超过分值（annotate 会加上在 Excel 中实时标出超分的检查）。",
    ),
    "P102": (
        "得分为负数（检查范围与 P101 相同）。\n\n"
        "得分在 0 到分值之间；负数多半是录入错误，或者把扣分数当成了得分。",
        "分值 5，扣 2 分，得分栏填了 -2。",
        "填实际得到的分数（最低为 0），扣分理由写在“偏差原因分析及改进措施”中。",
    ),
    "P103": (
        "填出的小计得分不等于其所含三级指标得分之和：二级指标或一级指标标题行的得分、小计行的得分"
        "（该一级指标下各三级指标得分之和）、指标合计行的得分（全部三级指标得分之和）。"
        "所填得分按其显示的小数位理解；总分行由 P104 检查。\n\n"
        "审核人员是把这些小计加起来看的；小计与各行对不上，说明改了某一行而没有改小计。",
        "产出指标小计得分填 48，其下各三级指标得分合计为 46.5。",
        "把它改为其所含各行得分之和（annotate 会在该处写入 SUM 公式）。",
    ),
    "P104": (
        "总分行的得分或项目表的自评得分，不等于全部三级指标得分之和加预算执行得分。预算执行得分取表中所填的；"
        "表中没有填时，按方案公式由全年执行数、全年预算数计算。所填总分按其显示的小数位理解。\n\n"
        "自评得分决定自评等级，也是上报的数字，必须等于表中各项得分之和。",
        "自评得分填 98，三级指标得分合计 85.53，预算执行得分 4.47，应为 90。",
        "更正总分（annotate 会把它写成公式，并在批注中保留原来的数值）。",
    ),
    "P105": (
        "自评等级与按计算总分应得的等级不符（mof2020：90 分及以上为优，80 分及以上为良，60 分及以上为中，"
        "60 分以下为差）。计算总分为三级指标得分之和加按公式计算的预算执行得分（无法计算时取所填的），"
        "保留两位小数。“优秀”“良好”“合格”“及格”“不合格”分别按优、良、中、中、差理解；"
        "自评等级未填时不检查。\n\n"
        "等级是直接由总分得出的；对不上，要么是笔误，要么是写了等级之后又改了总分。",
        "自评等级填“优”，而计算总分为 88.73，应为“良”。",
        "填写由计算总分得出的等级（annotate 会把它写成公式）。",
    ),
    "P106": (
        "所填得分率不等于得分 ÷ 分值（按所填的小数位四舍五入后相符即可，如 97.8% 代表 97.75%～97.85%）。"
        "检查各三级指标行和合计行；得分或分值缺失时不检查。\n\n"
        "读者靠得分率找出薄弱指标；得分率与得分对不上，就会指错行。",
        "分值 5，得分 4.89，得分率填 100%，应为 97.80%。",
        "把得分率改为 得分/分值（annotate 会把它写成公式）。",
    ),
    "P107": (
        "三级指标有分值，但得分栏空着。\n\n"
        "没有打分的指标在所有合计中都按 0 分悄悄计入，看不出是漏打了还是得了 0 分。",
        "“系统故障率”分值 5，得分栏空白。",
        "给该指标打分（没有完成的填 0，并在“偏差原因分析及改进措施”中说明原因）。",
    ),
    "P108": (
        "到处都找不到预算执行得分：项目资金表和指标表“预算执行率”行都没有填得分，也无法计算"
        "（项目资金表缺少全年预算数或全年执行数；只有指标表“预算执行率”行时，该行缺少执行率或分值）。"
        "项目表和指标表都没有找到时不检查。\n\n"
        "各评分方案的总分都包含预算执行率；没有它，就无法核对自评得分。",
        "项目资金表只填了年初预算数，全年预算数、全年执行数、得分都空着，指标表也没有“预算执行率”行。",
        "在项目资金表中填写全年预算数、全年执行数和分值。",
    ),
    "B101": (
        "项目资金表“年度资金总额”行所填的执行率不等于 全年执行数 ÷ 全年预算数（按所填的小数位四舍五入后相符即可）。"
        "如果所填执行率恰好是 全年执行数 ÷ 年初预算数（调整前的预算），提示会指出这一点。"
        "两个金额有一个没填，或全年预算数为 0 时不检查。\n\n"
        "预算执行得分由执行率算出；执行率与旁边两个金额对不上，就会给没花的钱计分（或掩盖花掉的钱）。",
        "全年预算数 50 万元，全年执行数 40 万元，执行率填 98%，应为 80.00%。",
        "把执行率改为 全年执行数/全年预算数（annotate 会把它写成公式）。",
    ),
    "B102": (
        "所填的预算执行得分（项目资金表的得分，或指标表“预算执行率”行的得分）不等于评分方案的公式："
        "默认为 分值 × min(执行率, 100%)，保留两位小数（未四舍五入的值也认可）；执行率为 全年执行数 ÷ 全年预算数（只有指标表预算执行率行时，取该行所填的执行率）。"
        "资金表给出金额、指标表预算执行率行给出得分时，该行按它自己的分值核对。"
        "方案公式为 linear 时按 分值 × 执行率 计算。算不出执行率时不检查。\n\n"
        "预算执行得分计入总分；手工填写的得分（常见为满分）会在没有资金支撑的情况下抬高总分和等级。",
        "分值 10，全年执行数 800、全年预算数 1789.95，执行率 44.69%，得分填 10.00，按公式应为 4.47。",
        "填写按公式算出的得分（annotate 会把它写成公式）。",
    ),
    "B103": (
        "项目资金表的“其中”各行（当年财政拨款、上年结转资金、其他资金等）加起来不等于“年度资金总额”行，"
        "按列分别核对：年初预算数、全年预算数、全年执行数各自比较。总额行为空或为 0、而其中各行有金额，"
        "也报这一问题，因为执行率和得分都按总额行计算。某一列的其中各行全部为空时不检查该列"
        "（很多报告只填总额）。\n\n"
        "总额行决定执行率；其中各行与它对不上，说明改了一处而没改另一处。",
        "全年预算数 50，其中 当年财政拨款 40 + 上年结转资金 5 + 其他资金 0 = 45。",
        "把年度资金总额改为其中各行之和（annotate 会在该处写入 SUM 公式）。",
    ),
    "B104": (
        "执行数超过预算数：项目资金表“年度资金总额”行的全年执行数大于全年预算数（执行率超过 100%；"
        "预算数为 0 而有执行数也算）。提示标在需要核实的全年执行数上。\n\n"
        "没有预算调整就不能超预算支出；常见原因是调整后的预算没有填进全年预算数，或执行数里算进了其他年度的钱。"
        "无论哪种情况，预算执行得分最多只得满分。",
        "全年预算数 50 万元，全年执行数 52 万元（执行率 104%）。",
        "把调整后的预算填入全年预算数，或更正全年执行数。",
    ),
    "B105": (
        "支付表中日期在评价年度内的各笔支付合计，不等于项目资金表的全年执行数。只在评价年度已知、"
        "支付表列有支付、全年执行数已填时检查。日期无法识别的支付不计入（由 B110 逐笔指出，提示写明有几笔）；"
        "如果全年执行数恰好等于所有有日期支付的合计（含其他年度），提示会指出这一点。\n\n"
        "全年执行数是当年实际支付的钱，支付明细是它的依据；两者不一致，说明其中之一不完整。",
        "评价年度 2023，全年执行数 300，支付表中 2023 年的各笔支付合计 280。",
        "补列漏掉的支付，或更正全年执行数。",
    ),
    "B106": (
        "两项都检查：支付表全部支付的合计不等于项目表所填的累计支付（提示标在累计支付上）；"
        "支付表所填的合计行不等于其上各笔之和（提示标在合计单元格上）。"
        "如果累计支付只是评价年度内各笔的合计，提示会指出这一点。\n\n"
        "支付占合同比例和剩余资金都由累计支付算出；支付明细是它的依据，而审核人员最先看的是合计行。",
        "累计支付填 800，支付表各笔合计 500；或支付表合计行填 30，其上两笔为 15 + 10 = 25。",
        "补列漏掉的支付或更正累计支付；把合计行改为其上各行的 SUM。",
    ),
    "B107": (
        "所填剩余资金不等于 项目总投资 − 累计支付（两者缺一时按 全年预算数 − 全年执行数）。"
        "如果所填的数恰好是另一种算法（合同金额 − 累计支付，或 全年预算数 − 全年执行数），提示会指出这一点。"
        "按所填的小数位四舍五入后相符即可。\n\n"
        "剩余资金要上缴或结转；与上面几个金额对不上，就说错了应退回的钱。",
        "项目总投资 36.92 万元，累计支付 36.92 万元，剩余资金填 0.08，应为 0。",
        "把剩余资金改为 项目总投资 − 累计支付（annotate 会把它写成公式）。",
    ),
    "B108": (
        "所填的支付占合同比例不等于 累计支付 ÷ 合同金额（按所填的小数位四舍五入后相符即可：45% 代表 44.5%～45.5%）。"
        "如果所填比例其实是 累计支付 ÷ 项目总投资 或 累计支付 ÷ 全年预算数，提示会指出是哪一个。"
        "累计支付或合同金额没填时不检查。\n\n"
        "报告常用预算数作分母却称为占合同比例；只要合同价低于预算，两者就不同，而付款进度是按合同金额衡量的。",
        "累计支付 800，合同金额 1736.18，项目总投资 1789.95，填 45%：800/1789.95 = 44.69%（占项目总投资），"
        "800/1736.18 = 46.08%（占合同金额）。",
        "把比例改为 累计支付/合同金额（annotate 会把它写成公式）。",
    ),
    "B109": (
        "项目表中某个金额（项目总投资、合同金额、累计支付、剩余资金）下面直接列出的“其中”各项，"
        "加起来超过该金额：报错误，因为部分不能大于整体；加起来少于该金额时，报警告（同一代码），"
        "可能漏列了一项，或有未分配的余额。金额为空而其中各项有金额，按“超过”处理。\n\n"
        "其中各项通常是资金投向的子项目或合同；整体与部分对不上，说明有一个数字抄错了。",
        "项目总投资 237.95，其中 80 + 78.82 + 81 = 239.82，多出 1.87。",
        "更正其中的某一项或总金额，使各项之和等于总金额。",
    ),
    "B110": (
        "支付日期不在评价年度内，或无法识别（空白，或不是日期的文字）。可识别的写法有：Excel 日期，"
        "以及 2023-09-15、2023/9/15、2023年9月15日、2023.9 等文字。评价年度未知时只报无法识别的日期。\n\n"
        "其他年度的支付不应计入本年度的全年执行数（可以计入累计支付）；没有日期的支付无法归入任何年度。",
        "评价年度 2023，有一笔支付日期为 2022-12-28；或日期栏写“年底”。",
        "填写支付日期；把其他年度的支付从本年度的合计中移出。",
    ),
    "B111": (
        "支付表中某笔支付的金额为 0 或负数、空白，或不是数字。\n\n"
        "支付明细是付款的凭据；0、负数（把退款记成支付）或文字金额，会从所有以它为基础的合计中漏掉，或使合计失真。",
        "金额填“待付”，或把退款记为 -5。",
        "填写实际支付的正数金额；退款在备注中说明，并从累计支付中扣除。",
    ),
    "B112": (
        "累计支付超过合同金额或项目总投资，且按两者显示的小数位所代表的任何数值都超过"
        "（49.6 超过 49.5；36.92 不算超过 36.915，因为后者四舍五入也可能是 36.92）。"
        "提示标在累计支付上。\n\n"
        "付款超过合同金额需要补充合同，超过项目总投资需要追加资金；最常见的是几个数字填混了。",
        "合同金额 36.92，累计支付填 39.62。",
        "对照支付明细核实累计支付，并核实合同金额和项目总投资。",
    ),
    "B113": (
        "成果领先于资金：指标完成度（全部三级指标得分之和 ÷ 分值之和）超过预算执行率（全年执行数 ÷ 全年预算数）"
        "达执行率本身的 5% 以上（方案的 b113_margin），即 完成度 > 执行率 × (1 + 5%)。例如执行率 44.69%（800 ÷ 1789.95）时，"
        "完成度超过 46.93% 就报告。提示标在所填的执行率上（执行率为空时标在它应在的单元格）。"
        "算不出执行率或没有分值时不检查。\n\n"
        "钱只花了一半、产出却拿满分，是自评中最常见的虚高：要么工作没做完，要么钱花了没有记入执行数。",
        "三级指标全部满分（完成度 100%），全年执行数 300，全年预算数 1789.95（执行率 16.76%）。",
        "按实际完成情况打分，或把已发生的支出记入全年执行数。",
    ),
    "T101": (
        "定量指标的实际完成值没有达到年度指标值，却得了满分：正向（≥）或等于（=）指标低于指标值，"
        "反向（≤）指标高于指标值。只在指标值与实际值单位一致（或一方未写单位）时比较，百分数只与百分数比较。"
        "提示标在得分上。\n\n"
        "按任何评分规则，未达到指标值都要扣分（mof2020：≥ 指标按 分值 × 实际值 ÷ 指标值 计分）。"
        "未完成却给满分，是审核中最常见的虚高。",
        "设备完好率 ≥95%，实际完成值 93%，分值 5，得分 5（按规则应得 4.89）。",
        "按规则计分（分值 × 实际值 ÷ 指标值），或更正实际完成值；在“偏差原因分析及改进措施”中说明差距原因。",
    ),
    "T102": (
        "指标被扣了分（得分低于分值），却没有写偏差原因：空白、0、“无”“—”“/”都视为没写。"
        "提示标在偏差原因单元格上；表中没有偏差原因列时标在得分上。得分为负数时由 P102 报告。\n\n"
        "自评表要求对每项偏差说明原因和改进措施（偏差原因分析及改进措施）；没有原因的扣分无法审核。",
        "分值 5，得分 4.89，偏差原因填“无”。",
        "写明未达到指标值的原因，以及准备采取的改进措施。",
    ),
    "T103": (
        "定量指标的得分与评分方案的规则按年度指标值和实际完成值算出的得分相差过大："
        "规则得分与所填得分（按其显示的小数位理解）之间的差距超过分值的 10%（方案的 t103_tolerance）。"
        "规则（mof2020）：正向（≥）指标达到指标值得满分，否则得 分值 × 实际值 ÷ 指标值；"
        "等于（=）指标同正向（指标值为 0 时，实际值为 0 得满分，否则 0 分；年度指标值只写数字的按等于型）；反向（≤）指标不超过指标值得满分，"
        "超过时得 分值 × (1 − (实际值 − 指标值) ÷ 指标值)，达到指标值两倍及以上得 0 分"
        "（方案 reverse_rule = \"ratio\" 时为 分值 × 指标值 ÷ 实际值）。实际值按其显示的小数位理解。"
        "定性指标、单位不一致或缺少指标值、实际值、分值时不检查。\n\n"
        "评分允许一定的判断空间，小的偏离不报；偏离大，通常说明得分不是按数据算出来的。",
        "分值 15，年度指标值 ≥150，实际完成值 148.6，按规则应得 14.86。填 13 相差 1.36，"
        "在 1.5（分值的 10%）以内，不报告；填 12 相差 2.36，报告 T103。",
        "按规则计分，或在“偏差原因分析及改进措施”中说明打分理由"
        "（可用 --profile 指定 t103_tolerance 更大的方案，写明本单位允许的幅度）。",
    ),
    "T104": (
        "定性指标的得分不在其实际完成值所写等级对应的分数段内：达成（达成年度指标、已完成、全部完成等）"
        "得分值的 80%～100%，部分达成（基本达成、基本完成等）得 60%～80%，未达成（未完成等）低于 60%"
        "（方案的 [qualitative] 设置；有的单位用 0.8/0.5）。所填得分按其显示的小数位理解；"
        "实际完成值看不出等级时不检查。\n\n"
        "等级和得分对不上，两者不可能都对：要么等级写得好看了，要么得分给高了。",
        "实际完成值“未达成年度指标”，分值 10，得分 10（应低于 6 分）。",
        "按等级对应的分数段打分，或更正完成等级。",
    ),
    "T105": (
        "实际完成值达到年度指标值的 1.2 倍及以上（方案的 over_factor），且偏差原因栏没有说明。"
        "只检查指标值大于 0 的正向（≥）和等于（=）指标。提示标在实际完成值上。\n\n"
        "大幅超额完成，要么是指标值定得太低，要么实际值统计的是别的东西；无论哪种，自评表都要求说明。",
        "年度指标值 ≥30个，实际完成值 40个（1.33 倍），偏差原因空白。",
        "在“偏差原因分析及改进措施”中说明超额完成的原因，并据此确定下一年度的指标值。",
    ),
    "T106": (
        "实际完成值写成了目标值的形式：以 ≥、≤、=、不少于、不超过 等开头，或以“以上”“以内”结尾。\n\n"
        "实际完成值应当写实际达到了多少；写成“≥95%”只说明达到了指标，得分无法核对，下一年也无从比较。",
        "实际完成值填“≥95%”。",
        "填写实际达到的数值，如 96.3%。",
    ),
    "T107": (
        "指标得分大于 0，但实际完成值为空。只在指标表有“实际完成值”列时检查（S102 不要求这一列）。\n\n"
        "分数是按完成情况给的；没有实际完成值支撑的得分无法核对。",
        "“系统投入运行”分值 10，得分 10，实际完成值空白。",
        "填写实际完成值（定量指标填数值，定性指标填 达成 / 部分达成 / 未达成）。",
    ),
}
