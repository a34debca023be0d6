"""The web layer's own texts, (Chinese, English) pairs as everywhere in evalbook."""

from __future__ import annotations

from evalbook.errors import InputError
from evalbook.lang import pick


def web_text(key: str, lang: str, **params) -> str:
    return pick(WEB_TEXTS, key, lang, **params)


class WebError(InputError):
    """A request or a server start that cannot be served: one line, like InputError, plus the
    HTTP status the API answers with."""

    def __init__(self, key: str, status: int = 400, **params):
        super().__init__(key, **params)
        self.status = status

    def message(self, lang: str = "zh") -> str:
        return web_text(self.key, lang, **self.params)


WEB_TEXTS: dict[str, tuple[str, str]] = {
    'missing_deps': (
        'evalbook serve 需要网页组件（{names}）：请运行 pip install "evalbook[web]" 后再试',
        'evalbook serve needs the web components ({names}): run pip install "evalbook[web]" and try again',
    ),
    'port_taken': (
        '端口 {port} 已被占用（{host}）：可能 evalbook serve 已在运行；请关闭占用它的程序，或用 --port 换一个端口（如 --port {next}）',
        'port {port} is already in use ({host}): evalbook serve may be running already; stop that program, or choose another port with --port (e.g. --port {next})',
    ),
    'cannot_bind': (
        '无法在 {host}:{port} 上启动网页服务（{detail}）：请检查 --host 和 --port',
        'cannot start the web server on {host}:{port} ({detail}): check --host and --port',
    ),
    'started': (
        'evalbook 网页已启动：{url} （在浏览器中打开；按 Ctrl-C 停止）',
        'evalbook web page running at {url} (open it in a browser; Ctrl-C stops it)',
    ),
    'public_host': (
        '注意：正在 {host} 上提供服务，局域网中的其他计算机也能访问此页面',
        'note: serving on {host}: other computers on the network can reach this page',
    ),
    'not_multipart': (
        '请求格式有误：请以 multipart/form-data 上传文件（字段名 file）',
        'bad request: upload the file as multipart/form-data (field name file)',
    ),
    'no_file': (
        '没有收到文件：请选择或拖入工作簿（.xlsx）',
        'no file received: choose or drop a workbook (.xlsx)',
    ),
    'one_file': (
        '此接口一次只检查一个文件（收到 {count} 个）：多个文件请分别上传，或使用网页',
        'this endpoint checks one file at a time (got {count}): upload them one by one, or use the page',
    ),
    'too_many_files': (
        '一次最多上传 {limit} 个文件：请分批上传，或使用 evalbook batch',
        'at most {limit} files at a time: upload them in parts, or use evalbook batch',
    ),
    'file_too_large': (
        '{path} 超过 {limit} MB 的上传上限，未检查：请删去无关的工作表或数据后另存，或在本机用 evalbook check 检查',
        '{path} is over the {limit} MB upload limit and was not checked: delete unrelated sheets or data and save, or check it locally with evalbook check',
    ),
    'request_too_large': (
        '上传的内容超过 {limit} MB 的上限：请分批上传',
        'the upload is over the {limit} MB limit: upload the files in parts',
    ),
    'bad_lang': (
        '不支持的语言 {value}：请用 zh 或 en',
        'unsupported language {value}: use zh or en',
    ),
    'not_found': (
        '找不到这个下载：链接无效或已过期（下载文件保留 15 分钟），请重新上传',
        'no such download: the link is invalid or has expired (downloads are kept 15 minutes); upload the file again',
    ),
    'timeout': (
        '{path} 的检查超过 {seconds} 秒仍未完成，已停止：文件可能过大或已损坏；请在 Excel 中打开后另存为 .xlsx 再上传，仍不行请联系管理员',
        '{path} was not checked within {seconds} s and was stopped: the file may be too large or damaged; open it in Excel, save it as .xlsx and upload it again, or contact the administrator',
    ),
    'worker_failed': (
        'evalbook 内部错误：检查 {path} 时工作进程出错（{detail}）：请把文件发给管理员',
        'evalbook internal error: the worker checking {path} failed ({detail}): send the file to the administrator',
    ),
    'summary_timeout': (
        '汇总表未能在时限内生成：请分批上传，或使用 evalbook batch',
        'the summary could not be made within the time limit: upload the files in parts, or use evalbook batch',
    ),
    'summary_failed': (
        'evalbook 内部错误：生成汇总表时工作进程出错（{detail}）：请把文件发给管理员',
        'evalbook internal error: the worker making the summary failed ({detail}): send the files to the administrator',
    ),
    'bad_flag': (
        '参数 {name} 的值 {value} 无效：请用 1 或 0',
        'invalid value {value} for {name}: use 1 or 0',
    ),
    'annotate_report': (
        '{path} 是 Word 自评报告：报告只检查，不生成批注版（请用 /api/check）',
        '{path} is a Word report: reports are checked, not annotated (use /api/check)',
    ),
}
