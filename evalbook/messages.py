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
