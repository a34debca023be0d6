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
}


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table[key]
    return en if lang == "en" else zh


def message_text(key: str, lang: str, **params) -> str:
    return _pick(MESSAGES, key, lang).format(**params)


def title_text(code: str, lang: str) -> str:
    return _pick(TITLES, code, lang)


def error_text(key: str, lang: str, **params) -> str:
    return _pick(ERRORS, key, lang).format(**params)
