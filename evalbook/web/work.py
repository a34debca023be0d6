"""What the server's worker processes do: one call per file (or per batch), on paths the server
chose, never on a name from the upload. Results are plain dicts (they cross a process boundary);
an unusable file is {"error": its one-line message}, worded with the name the person uploaded.
"""

from __future__ import annotations

import os
from pathlib import Path

import evalbook
from evalbook.errors import InputError


def warm() -> None:
    """Import what a check needs, so a fresh worker's first file is as quick as the next."""
    import evalbook.annotation  # noqa: F401
    import evalbook.pipeline  # noqa: F401
    import openpyxl  # noqa: F401


def _message(err: InputError, display: str, lang: str, path: str) -> str:
    """The error's one line, naming the file as the person knows it, not the server's copy."""
    params = {k: (display if isinstance(v, (str, os.PathLike)) and os.fspath(v) == path else v)
              for k, v in err.params.items()}
    if "path" in params and params["path"] != display:
        params["path"] = display
    err.params = params
    return err.message(lang).replace("\n", " ")


def check_file(path: str, display: str, profile, lang: str) -> dict:
    """`evalbook check --format json` of one uploaded file: {"report": object} or {"error": line}."""
    try:
        report = evalbook.check(path, profile=profile, lang=lang)
    except InputError as err:
        return {"error": _message(err, display, lang, path)}
    data = report.to_json()
    data["file"] = display
    return {"report": data}


def annotate_file(path: str, out_dir: str, display: str, profile, lang: str) -> dict:
    """The annotated copy of one uploaded file, written into *out_dir*, and its report.

    When the workbook can be checked but not annotated (content openpyxl would lose), the
    report still comes back, with the reason in "annotate_error". A Word report is checked
    only (annotating one is not offered: cli.md "Word reports").
    """
    if path.lower().endswith((".docx", ".doc")):
        return check_file(path, display, profile, lang)
    try:
        report, written = evalbook.annotate(path, out=out_dir, profile=profile, lang=lang)
    except InputError as err:
        refused = _message(err, display, lang, path)
        result = check_file(path, display, profile, lang)
        if "report" in result:
            result["annotate_error"] = refused
        return result
    data = report.to_json()
    data["file"] = display
    return {"report": data, "written": os.fspath(written)}


def batch_summary(paths: list[str], summary: str, profile, lang: str) -> dict:
    """The batch summary workbook of several uploads (`evalbook batch`), in this worker alone."""
    try:
        evalbook.run_batch(paths, summary, profile=profile, lang=lang, jobs=1)
    except InputError as err:
        return {"error": err.message(lang).replace("\n", " ")}
    return {"written": summary}


def template(path: str, profile) -> str:
    """The blank standard workbook (`evalbook new`)."""
    evalbook.new_template(Path(path), profile=profile)
    return path
