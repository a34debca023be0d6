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
