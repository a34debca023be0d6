"""Every text evalbook shows is a (Chinese, English) pair in a table beside the code that uses it;
this is the one lookup they all go through. Chinese is the default: the forms and the people who
fill them in are Chinese."""

from __future__ import annotations

Texts = dict[str, tuple[str, str]]


def pick(table: Texts, key: str, lang: str, **params) -> str:
    """The text for *key* in *lang* ("en", anything else is Chinese), with *params* filled in."""
    zh, en = table[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text
