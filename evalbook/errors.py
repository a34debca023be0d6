"""The one exception the command line turns into a single line on stderr and exit 2, and its texts.

Each text says what is wrong and what to do; {path} is the file's name as the person knows it."""

from __future__ import annotations

from evalbook.lang import pick


class InputError(Exception):
    """The input or the command line cannot be used. `key` names a template in messages.ERRORS."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "zh") -> str:
        return error_text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


def error_text(key: str, lang: str, **params) -> str:
    return pick(ERRORS, key, lang, **params)


ERRORS: dict[str, tuple[str, str]] = {
    'generic': (
        '无法读取 {path}：{detail}',
        'cannot read {path}: {detail}',
    ),
    'missing': (
        '找不到文件 {path}：请检查文件名和所在文件夹是否正确',
        'file not found: {path}: check the file name and its folder',
    ),
    'is_dir': (
        '{path} 是文件夹，不是工作簿：请给出 .xlsx 文件；检查整个文件夹请用 evalbook batch',
        '{path} is a folder, not a workbook: give an .xlsx file, or use evalbook batch for a folder',
    ),
    'unreadable': (
        '无法打开 {path}（{detail}）：请检查文件权限，或关闭正在使用它的程序后重试',
        'cannot open {path} ({detail}): check its permissions, or close the program using it and retry',
    ),
    'empty': (
        '{path} 是空文件（0 字节）：可能下载或复制没有完成，请重新获取该工作簿',
        '{path} is empty (0 bytes): the download or copy probably did not finish, get the workbook again',
    ),
    'not_workbook': (
        '{path} 不是 Excel 工作簿：请在 Excel 中打开原表并另存为 .xlsx 后再检查',
        '{path} is not an Excel workbook: open the original in Excel and save it as .xlsx, then check again',
    ),
    'pdf': (
        '{path} 是 PDF 文件，不是 Excel 工作簿：请找到原始 Excel 表格（.xlsx）后再检查',
        '{path} is a PDF, not an Excel workbook: find the original Excel file (.xlsx) and check that',
    ),
    'corrupt': (
        '{path} 已损坏或不完整，无法读取：请在 Excel 中打开并另存为 .xlsx，或重新下载后再检查',
        '{path} is damaged or incomplete and cannot be read: open it in Excel and save as .xlsx, or download it again',
    ),
    'encrypted': (
        '{path} 设有打开密码，无法读取：请先在 Excel 中取消密码后再检查',
        '{path} is password-protected and cannot be read: remove the password in Excel first, then check again',
    ),
    'ods': (
        '{path} 是 OpenDocument 表格（.ods）：请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx 后再检查',
        '{path} is an OpenDocument spreadsheet (.ods): save it as .xlsx in LibreOffice, WPS or Excel, then check again',
    ),
    'xlsb': (
        '{path} 是 Excel 二进制工作簿（.xlsb）：请在 Excel 中另存为 .xlsx 后再检查',
        '{path} is an Excel binary workbook (.xlsb): save it as .xlsx in Excel, then check again',
    ),
    'bomb': (
        '{path} 解压后异常巨大（疑似压缩炸弹），已拒绝读取：请确认文件来源，或在 Excel 中另存为 .xlsx 后再检查',
        '{path} would expand to an abnormal size (a likely zip bomb) and was refused: check where it came from, or save it as .xlsx in Excel',
    ),
    'too_large': (
        '{path} 太大，无法读取：请删去无关的工作表或数据后另存，再检查',
        '{path} is too large to read: delete unrelated sheets or data, save, then check again',
    ),
    'xml_entities': (
        '{path} 含有 XML 实体声明（DOCTYPE），可能是恶意构造的文件，已拒绝读取：请在 Excel 中另存为 .xlsx 后再检查',
        '{path} contains XML entity declarations (DOCTYPE), possibly a malicious file, and was refused: save it as .xlsx in Excel, then check again',
    ),
    'doc_needs_word': (
        '{path} 是旧版 Word 文档（.doc），本机没有可转换它的 LibreOffice：请在 Word/WPS 中另存为 .docx 后再检查',
        '{path} is an old Word document (.doc) and LibreOffice is not installed to convert it: save it as .docx in Word/WPS, then check again',
    ),
    'doc_convert_failed': (
        '{path} 是旧版 Word 文档（.doc），LibreOffice 未能转换它（{detail}）：请在 Word/WPS 中另存为 .docx 后再检查',
        '{path} is an old Word document (.doc) that LibreOffice could not convert ({detail}): save it as .docx in Word/WPS, then check again',
    ),
    'docx_corrupt': (
        '{path} 是 Word 文档，但已损坏或不完整，无法读取：请在 Word/WPS 中打开并另存为 .docx 后再检查',
        '{path} is a Word document but damaged or incomplete and cannot be read: open it in Word/WPS and save it as .docx, then check again',
    ),
    'report_not_document': (
        '--report 应给出 Word 自评报告（.docx），{path} 不是：请给出报告的 .docx 文件',
        '--report takes the Word self-evaluation report (.docx); {path} is not one: give the report\'s .docx file',
    ),
    'not_regular': (
        '{path} 不是普通文件（可能是管道或设备），未读取：请给出保存在磁盘上的 .xlsx 文件',
        '{path} is not a regular file (a pipe or a device) and was not read: give an .xlsx file saved on disk',
    ),
    'outside_grid': (
        '{path} 含有超出 Excel 表格范围（A1:XFD1048576）的单元格引用 {ref}，文件已损坏：请在 Excel 中打开并另存为 .xlsx 后再检查',
        '{path} refers to a cell outside Excel\'s grid (A1:XFD1048576), {ref}: the file is damaged; open it in Excel and save as .xlsx, then check again',
    ),
    'limit.cells': (
        '{path} 的单元格超过上限 {limit} 个（工作表「{sheet}」处超出），未继续读取：请删去无关数据后另存；确属正常表格时可用 --max-cells 提高上限',
        '{path} has more than {limit} cells (passed in sheet "{sheet}") and was not read further: delete unrelated data and save, or raise the limit with --max-cells if the form is genuine',
    ),
    'limit.rows': (
        '{path} 的行数超过上限 {limit} 行（工作表「{sheet}」处超出），未继续读取：请删去无关行后另存；确属正常表格时可用 --max-cells 提高上限',
        '{path} has more than {limit} rows (passed in sheet "{sheet}") and was not read further: delete unrelated rows and save, or raise the limit with --max-cells if the form is genuine',
    ),
    'limit.merged': (
        '{path} 的合并单元格总面积超过上限 {limit} 格（工作表「{sheet}」处超出），未继续读取：请取消整行整列等大范围合并后另存；确属正常表格时可用 --max-cells 提高上限',
        '{path} has merged ranges covering more than {limit} cells (passed in sheet "{sheet}") and was not read further: unmerge whole rows or columns and save, or raise the limit with --max-cells if the form is genuine',
    ),
    'limit.strings': (
        '{path} 的共享文本超过上限 {limit} 条，未继续读取：请在 Excel 中另存为 .xlsx 后再检查；确属正常表格时可用 --max-cells 提高上限',
        '{path} has more than {limit} shared strings and was not read further: save it as .xlsx in Excel and check again, or raise the limit with --max-cells if the form is genuine',
    ),
    'limit.styles': (
        '{path} 的单元格格式超过上限 {limit} 种（Excel 最多 64000 种），文件可能已损坏：请在 Excel 中另存为 .xlsx 后再检查',
        '{path} has more than {limit} cell formats (Excel allows 64,000), so it is probably damaged: save it as .xlsx in Excel, then check again',
    ),
    'loss': (
        '{path} 含有写回时会丢失的内容：{parts}。如可接受请加 --allow-loss，否则只用 evalbook check 检查',
        '{path} holds content that writing it back would lose: {parts}. Add --allow-loss to accept, or use evalbook check only',
    ),
    'loss.shape': (
        '形状',
        'shapes',
    ),
    'loss.text_box': (
        '文本框',
        'text boxes',
    ),
    'loss.form_control': (
        '表单控件',
        'form controls',
    ),
    'loss.x14_validation': (
        '扩展数据验证（如引用其他工作表的下拉列表）',
        'extended data validation (x14)',
    ),
    'loss.x14_formatting': (
        '扩展条件格式（如数据条、图标集）',
        'extended conditional formatting (x14)',
    ),
    'loss.sparklines': (
        '迷你图',
        'sparklines',
    ),
    'loss.slicers': (
        '切片器',
        'slicers',
    ),
    'loss.timelines': (
        '日程表',
        'timelines',
    ),
    'loss.protected_ranges': (
        '允许编辑区域',
        'protected ranges',
    ),
    'loss.threaded_comments': (
        '批注（会变成普通注释）',
        'threaded comments (they would become plain notes)',
    ),
    'loss.in_cell_pictures': (
        '嵌入单元格的图片',
        'pictures in cells',
    ),
    'loss.ole_objects': (
        '嵌入的对象（OLE）',
        'embedded (OLE) objects',
    ),
    'loss.header_footer_images': (
        '页眉页脚中的图片',
        'header/footer pictures',
    ),
    'loss.backgrounds': (
        '工作表背景图片',
        'sheet background pictures',
    ),
    'loss.connections': (
        '数据连接和查询表',
        'data connections and query tables',
    ),
    'loss.web_extensions': (
        'Office 加载项（Web 扩展）',
        'Office add-ins (web extensions)',
    ),
    'loss.extensions': (
        '其他扩展信息',
        'other extension lists',
    ),
    'loss.images': (
        '无法保存的图片（如 WMF）',
        'images that cannot be saved (e.g. WMF)',
    ),
    'loss.vba': (
        '宏（VBA）',
        'macros (VBA)',
    ),
    'loss.other': (
        'openpyxl 提示：{detail}',
        'openpyxl warns: {detail}',
    ),
    'output_not_writable': (
        '无法写入 {path}：目录不可写，请换一个输出位置',
        'cannot write to {path}: the folder is not writable, choose another output location',
    ),
    'output_folder_missing': (
        '无法写入 {path}：目录不存在，请先创建它或换一个输出位置',
        'cannot write to {path}: the folder does not exist, create it or choose another output location',
    ),
    'output_not_regular': (
        '{path} 已存在且不是普通文件（文件夹、管道或设备），未覆盖：请换一个输出文件名',
        '{path} exists and is not a regular file (a folder, a pipe or a device) and was not replaced: choose another output name',
    ),
    'output_disk_full': (
        '无法写入 {path}：磁盘空间不足，原文件未改动；请腾出空间或换一个输出位置后重试',
        'cannot write {path}: the disk is full; nothing was changed, free some space or choose another output location and retry',
    ),
    'output_name_too_long': (
        '无法写入 {path}：文件名或路径太长；请换一个较短的文件名',
        'cannot write {path}: the file name or path is too long; choose a shorter name',
    ),
    'annotate_strict': (
        '无法写出 {path} 的批注版：这是 Excel 的“严格 Open XML”工作簿，其中有 evalbook 不能转换的部分；请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后重试',
        'cannot write the annotated copy of {path}: it is a Strict Open XML workbook with parts evalbook cannot convert; save it from Excel as an ordinary Excel Workbook (*.xlsx) and retry',
    ),
    'annotate_sheets_differ': (
        '无法写出 {path} 的批注版：文件的工作表清单已损坏（各程序读出的工作表不一致）；请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试',
        'cannot write the annotated copy of {path}: its list of sheets is damaged (readers disagree on its sheets); open it in Excel or WPS, save it as .xlsx and retry',
    ),
    'annotate_number_too_large': (
        '无法写出 {path} 的批注版：单元格 {cell} 的数字超出 Excel 能保存的范围；请改正这个数字后重试',
        'cannot write the annotated copy of {path}: the number in {cell} is beyond what Excel can hold; correct it and retry',
    ),
    'output_locked': (
        '请先关闭 {path} 再运行：文件被其他程序（如 Excel、WPS）占用或没有写权限，原文件未改动；也可换一个输出文件名',
        'close {path} first, then run again: another program (Excel, WPS) holds it or it is not writable; nothing was changed; or choose another name',
    ),
    'output_failed': (
        '无法写入 {path}（{detail}），原文件未改动：请检查磁盘和输出位置后重试，或换一个输出位置',
        'cannot write {path} ({detail}); nothing was changed: check the disk and the output location and retry, or choose another location',
    ),
    'profile_missing': (
        '找不到评分方案 {profile}：请给出内置方案名（{names}）或 TOML 文件路径',
        'no scoring profile {profile}: give a built-in name ({names}) or a TOML file path',
    ),
    'profile_bad': (
        '评分方案 {profile} 的取值不可用：{detail}',
        'scoring profile {profile} has a value that cannot be used: {detail}',
    ),
    'usage': (
        '命令用法有误：{detail}（evalbook --help 查看用法）',
        'usage error: {detail} (see evalbook --help)',
    ),
    'aborted': (
        '已中止（Ctrl-C）',
        'aborted (Ctrl-C)',
    ),
    'internal': (
        'evalbook 内部错误（{kind}：{detail}）：请把文件和这行字发给维护者；设 EVALBOOK_DEBUG=1 可看详情',
        'evalbook internal error ({kind}: {detail}): please report it with the file; EVALBOOK_DEBUG=1 shows details',
    ),
    'unknown_rule': (
        '没有规则 {code}：evalbook rules 列出全部规则',
        'no rule {code}: evalbook rules lists them all',
    ),
    'new_exists': (
        '{path} 已存在，未覆盖：请换一个文件名，或先移走原文件',
        '{path} already exists and was not overwritten: choose another name or move the file away',
    ),
    'new_suffix': (
        '{path} 不是 .xlsx 文件名：新建的工作簿请以 .xlsx 结尾',
        "{path} is not an .xlsx name: the new workbook's name must end in .xlsx",
    ),
    'batch_empty': (
        '在 {paths} 中没有找到工作簿（.xlsx、.xlsm、.xls）：请检查文件夹是否正确',
        'no workbooks (.xlsx, .xlsm, .xls) found in {paths}: check the folder',
    ),
    'batch_no_output': (
        '请用 -o 指定汇总表文件（例如 -o 汇总.xlsx），或用 --format json 输出到屏幕',
        'give the summary workbook with -o (e.g. -o summary.xlsx), or use --format json to print to the screen',
    ),
    'batch_summary_suffix': (
        '汇总表 {path} 不是 .xlsx 文件名：请以 .xlsx 结尾',
        'the summary {path} is not an .xlsx name: its name must end in .xlsx',
    ),
    'batch_summary_exists': (
        '汇总表 {path} 已存在，未覆盖：要替换它请加 --force，或换一个文件名',
        'the summary {path} already exists and was not overwritten: add --force to replace it, or choose another name',
    ),
    'batch_summary_is_input': (
        '汇总表 {path} 是要检查的文件之一，不能覆盖：请换一个文件名',
        'the summary {path} is one of the files to check and is not overwritten: choose another name',
    ),
    'profile_unknown': (
        '评分方案 {profile} 中有未知的设置项 {setting}：请对照 docs/profiles.md 修改',
        'scoring profile {profile} has an unknown key {setting}: see docs/profiles.md',
    ),
    'annotate_same': (
        '输出文件与输入文件相同（{path}）：请用 -o 指定其他文件名，或加 --in-place 覆盖原文件（会先保留 .bak 备份）',
        'the output is the input ({path}): choose another name with -o, or add --in-place to overwrite it (a .bak copy is kept first)',
    ),
    'annotate_in_place_out': (
        '--in-place 与 -o {path} 不能同时使用：--in-place 写回输入文件本身',
        '--in-place and -o {path} cannot be used together: --in-place writes the input file itself',
    ),
    'lock_file': (
        '{name} 正在 Excel/WPS 中打开：{path} 是它的锁定文件，不是工作簿；请检查 {name}（检查的是上次保存的内容）',
        '{name} is open in Excel/WPS: {path} is its lock file, not a workbook; check {name} (its last saved content is checked)',
    ),
    'lock_skipped': (
        '{name} 正在 Excel/WPS 中打开：检查的是上次保存的内容',
        '{name} is open in Excel/WPS: its last saved content is checked',
    ),
    'word': (
        '这是 Word 文档（{path}），不是工作簿：用 evalbook check {name} 检查报告中的自评表',
        'this is a Word document ({path}), not a workbook: use evalbook check {name} to check the tables in the report',
    ),
    'et': (
        '{path} 是 WPS 表格文件（.et），其中不是 xlsx/xls 格式，无法读取：请在 WPS 中另存为 .xlsx 后再检查',
        '{path} is a WPS spreadsheet (.et) that holds no xlsx/xls workbook and cannot be read: save it as .xlsx in WPS, then check again',
    ),
    'html_no_table': (
        '{path} 是网页文件，其中没有表格：可能是系统导出失败（如登录超时）时保存的页面；请重新导出，或在 Excel/WPS 中打开确认后另存为 .xlsx',
        '{path} is a web page with no table in it: probably a page saved when the export failed (e.g. a login timeout); export it again, or open it in Excel/WPS and save as .xlsx',
    ),
    'xml_not_workbook': (
        '{path} 是 XML 文件，但不是 Excel 2003 XML 表格，无法读取：请在 Excel/WPS 中打开并另存为 .xlsx 后再检查',
        '{path} is an XML file but not an Excel 2003 XML workbook and cannot be read: open it in Excel/WPS and save it as .xlsx, then check again',
    ),
}
