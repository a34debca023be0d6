"""The command line in Chinese: help texts and click's own words (usage, options, errors).

Help and usage errors are Chinese unless the run asks for English: `--lang en` anywhere on the
command line, or EVALBOOK_LANG=en, or an English locale (LANG / LC_ALL / LC_MESSAGES = en_…).
The English help is the commands' docstrings in evalbook/cli.py; the Chinese is here, swapped in
for the run and restored after it (tests run many commands in one process).
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import click


def help_lang(argv: list[str]) -> str:
    """The language of help and usage errors for this command line and environment."""
    for i, a in enumerate(argv):
        if a.startswith("--lang="):
            return "en" if a == "--lang=en" else "zh"
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
    env = os.environ.get("EVALBOOK_LANG", "").strip().lower()
    if env in ("zh", "en"):
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def default_lang() -> str:
    """--lang's default: EVALBOOK_LANG when it names a language, else Chinese."""
    env = os.environ.get("EVALBOOK_LANG", "").strip().lower()
    return env if env in ("zh", "en") else "zh"


# click's msgids (gettext) and their Chinese; a msgid missing here stays English.
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing command.": "缺少命令。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带取值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个取值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数（{number_type}）。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
}

_CLICK_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators")


def _zh(message: str) -> str:
    return CLICK_ZH.get(message, message)


def _zh_n(singular: str, plural: str, n: int) -> str:
    return _zh(singular if n == 1 else plural)


EXAMPLE_HEADING = "示例："

# Chinese help of each command (the English is the docstring); the examples are the same.
COMMANDS_ZH: dict[str, str] = {
    "": """evalbook：在报送之前检查项目支出绩效自评表。

    不写命令直接给出文件（如把工作簿拖到 evalbook 快捷方式上）等同于 evalbook check。

    \b
    示例：
      evalbook check examples/smart_city.xlsx
      evalbook annotate examples/smart_city.xlsx -o checked.xlsx
      evalbook serve
    """,
    "check": """检查工作簿（或 Word 自评报告 .docx）并列出问题；不写任何文件。

    \b
    示例：
      evalbook check examples/smart_city.xlsx
      evalbook check --format json --ignore T 自评表.xlsx
      evalbook check 自评报告.docx
      evalbook check 自评表.xlsx --report 自评报告.docx
    """,
    "annotate": """写出批注版工作簿：公式、批注、标记、实时校验，以及“校验结果”工作表。

    \b
    示例：
      evalbook annotate examples/smart_city.xlsx -o smart_city.checked.xlsx
    """,
    "new": """写出空白的标准工作簿（templates/ 中的模板）。

    \b
    示例：
      evalbook new 2024自评表.xlsx && evalbook check 2024自评表.xlsx
    """,
    "rules": """列出全部规则，或解释其中一条（原因、示例、改法）。

    \b
    示例：
      evalbook rules
      evalbook rules T103
    """,
    "batch": """检查多个工作簿（在文件夹中查找 .xlsx/.xlsm/.xls），汇总成一个工作簿。

    无法读取的文件是汇总表中的一行，不会中断整批检查。有文件出错或无法读取时退出码为 1。

    \b
    示例：
      evalbook batch 收到的自评表/ -o 汇总.xlsx --annotate-to 已批注/
      evalbook batch a.xlsx b.xlsx --format json --jobs 1
    """,
    "serve": """启动本机网页：在浏览器里拖入工作簿即可检查、下载批注版，不用命令行。

    默认只有本机能访问（127.0.0.1）；要让局域网内其他计算机访问，请明确指定 --host。

    \b
    示例：
      evalbook serve
      evalbook serve --port 8080 --profile free10
    """,
}

# Chinese help of options, by parameter name; (command, name) where a command says it otherwise.
OPTIONS_ZH: dict[str | tuple[str, str], str] = {
    "profile": "评分方案：mof2020（默认）、free10、budget20、framework2013，或 TOML 文件路径。",
    ("new", "profile"): "评分方案（决定各级分值）。",
    "select": "只检查这些规则代码或前缀（如 C101,P）。",
    "ignore": "不检查这些规则代码或前缀（如 T）。",
    "lang": "信息的语言（zh 中文，en 英文；默认 zh，或环境变量 EVALBOOK_LANG）。",
    ("serve", "lang"): "网页服务提示的语言；网页本身默认中文，页面上可切换英文。",
    "strict": "警告也算失败（退出码 1）。",
    "year": "评价年度应为 YYYY：评价年度缺失或不同时给出 S110 警告。",
    "quiet": "只输出汇总行（text）/ 成功时不输出。",
    "fmt": "输出格式：text 文本，json 每个工作簿一个 JSON 对象。",
    ("batch", "fmt"): "json：每个文件一个检查结果对象（JSON Lines）输出到屏幕。",
    "out": "写到哪里（默认在原文件旁写 <文件名>.checked.xlsx）。",
    ("batch", "out"): "汇总工作簿（.xlsx）；除非 --format json，否则必须给出。",
    "in_place": "覆盖原文件，先保留一份 <文件名>.bak.xlsx。",
    "allow_loss": "即使会丢失 openpyxl 无法保留的内容也照样写出。",
    ("batch", "allow_loss"): "即使会丢失 openpyxl 无法保留的内容也照样写批注版。",
    "force": "文件已存在时覆盖。",
    ("annotate", "fix"): "把填错的派生数（总分、小计、得分率、执行率等）也改写为公式；原填数值记在校验结果表，以后每次检查都报 P109。",
    ("annotate", "max_cells"): "单元格超过 N 个的工作簿拒绝处理（默认 300,000；行数、合并区域和共享字符串按比例放宽）。",
    "jobs": "并行的工作进程数（默认等于 CPU 核数；1 表示不用工作进程）。",
    ("batch", "jobs"): "同时检查的工作进程数（默认等于 CPU 核数）。",
    "force": "汇总表已存在时覆盖它。",
    "timeout": "单个文件超过这么多秒仍未检查完就放弃（汇总中记为“超时”）。",
    ("serve", "timeout"): "单个文件超过这么多秒仍未检查完就停止检查（换一个新的工作进程），页面上给出一行说明。",
    ("serve", "jobs"): "并行的工作进程数（默认等于 CPU 核数）。",
    "max_memory": "单个文件所需内存超过这么多 MB 就放弃（汇总中记为“内存超限”）。",
    "annotate_to": "同时把每个文件的批注版写到 DIR，保持原来的文件夹结构。",
    "host": "监听的地址（默认 127.0.0.1，只有本机能访问；0.0.0.0 表示局域网内都能访问）。",
    "port": "端口（默认 8000；0 表示任选一个空闲端口）。",
    "max_file_mb": "每个上传文件的大小上限，MB。",
    "version": "显示版本号并退出。",
}


@contextmanager
def localized(group: click.Group, lang: str):
    """Run *group* with its help and click's words in *lang*; everything is put back after."""
    if lang == "en":
        yield
        return
    import importlib

    modules = [importlib.import_module(f"click.{name}") for name in _CLICK_MODULES]
    saved_gettext = [(m, getattr(m, "_", None), getattr(m, "ngettext", None)) for m in modules]
    commands = {"": group, **group.commands}
    saved_help = {}
    for name, cmd in commands.items():
        saved_help[name] = (cmd.help, cmd.short_help, cmd.options_metavar,
                            getattr(cmd, "subcommand_metavar", None),
                            [(p, getattr(p, "help", None)) for p in cmd.params])
        if name in COMMANDS_ZH:
            cmd.help = COMMANDS_ZH[name]
            cmd.short_help = None
        cmd.options_metavar = "[选项]"
        if isinstance(cmd, click.Group):
            cmd.subcommand_metavar = "命令 [参数]..."
        for p in cmd.params:
            text = OPTIONS_ZH.get((name, p.name)) or OPTIONS_ZH.get(p.name)
            if text is not None and isinstance(p, click.Option):
                p.help = text
        # click builds each command's --help option once and keeps it: rebuild it in this language.
        cmd._help_option = None
    for m in modules:
        if getattr(m, "_", None) is not None:
            m._ = _zh
        if getattr(m, "ngettext", None) is not None:
            m.ngettext = _zh_n
    try:
        yield
    finally:
        for m, gt, ngt in saved_gettext:
            if gt is not None:
                m._ = gt
            if ngt is not None:
                m.ngettext = ngt
        for name, cmd in commands.items():
            cmd.help, cmd.short_help, cmd.options_metavar, sub, params = saved_help[name]
            if sub is not None:
                cmd.subcommand_metavar = sub
            for p, text in params:
                p.help = text
            cmd._help_option = None
