"""The one exception the command line turns into a single line on stderr and exit 2."""

from __future__ import annotations


class InputError(Exception):
    """The input or the command line cannot be used. `key` names a template in messages.ERRORS."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "zh") -> str:
        from evalbook.messages import error_text

        return error_text(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")
