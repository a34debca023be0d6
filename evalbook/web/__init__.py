"""`evalbook serve`: the same work as the command line, as a local web page (spec: cli.md "Web page").

The page is for staff who never open a terminal; the JSON API (`POST /api/check`,
`POST /api/annotate`) is for other systems. It is built only on the public library API
(evalbook.check, annotate, new_template, run_batch, InputError, rules.explain, files.door.sniff).
Its dependencies (starlette, uvicorn, python-multipart) are the `web` extra: import
:mod:`evalbook.web.app` only after checking they are there (:func:`missing_dependencies`).
"""

from __future__ import annotations

import importlib.util

REQUIRED = {"starlette": "starlette", "uvicorn": "uvicorn", "python_multipart": "python-multipart"}


def missing_dependencies() -> list[str]:
    """The pip names of the web extra's packages that are not installed."""
    return [pip for module, pip in REQUIRED.items() if importlib.util.find_spec(module) is None]
