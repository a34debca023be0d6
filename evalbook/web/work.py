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


def _copy_path(path: str, out_dir: str, tag: str) -> str:
    """Where a copy of the upload at *path* goes: ``01.checked.xlsx``, ``01.fixed.xlsm``…"""
    name = os.path.basename(path)
    stem, suffix = os.path.splitext(name)
    return os.path.join(out_dir, f"{stem}.{tag}{'.xlsm' if suffix.lower() == '.xlsm' else '.xlsx'}")


def annotate_file(path: str, out_dir: str, display: str, profile, lang: str, fix: bool = False,
                  both: bool = False) -> dict:
    """The annotated copy of one uploaded file, written into *out_dir*, and its report:
    {"report", "written"}; with *fix* the `annotate --fix` copy instead; with *both* the
    annotated copy and the --fix copy ("fixed", and "replaced": how many stated figures the
    fix copy replaced by formulas, its P109 findings).

    When the workbook can be checked but not annotated (content openpyxl would lose), the
    report still comes back, with the reason in "annotate_error". A Word report is checked
    only (annotating one is not offered: cli.md "Word reports"). 校验结果 names the file as
    the person uploaded it (*display*).
    """
    if path.lower().endswith((".docx", ".doc")):
        return check_file(path, display, profile, lang)
    try:
        report, written = evalbook.annotate(path, out=_copy_path(path, out_dir, "fixed" if fix else "checked"),
                                            profile=profile, lang=lang, fix=fix, display_name=display)
    except InputError as err:
        refused = _message(err, display, lang, path)
        result = check_file(path, display, profile, lang)
        if "report" in result:
            result["annotate_error"] = refused
        return result
    data = report.to_json()
    data["file"] = display
    result = {"report": data, "written": os.fspath(written)}
    if both:
        try:
            fixed_report, fixed = evalbook.annotate(path, out=_copy_path(path, out_dir, "fixed"), profile=profile,
                                                    lang=lang, fix=True, display_name=display)
        except InputError as err:
            result["fix_error"] = _message(err, display, lang, path)
        else:
            result["fixed"] = os.fspath(fixed)
            result["replaced"] = sum(1 for f in fixed_report.findings if f.code == "P109")
    return result


def batch_summary(paths: list[str], summary: str, profile, lang: str, names: dict[str, str] | None = None,
                  timeout: float | None = 60.0) -> dict:
    """The batch summary workbook of several uploads (`evalbook batch`), one file at a time,
    each within *timeout* seconds; *names* {path: uploaded name}: how the summary names them."""
    try:
        evalbook.run_batch(paths, summary, profile=profile, lang=lang, jobs=1, display_names=names,
                           timeout=timeout)
    except InputError as err:
        return {"error": err.message(lang).replace("\n", " ")}
    return {"written": summary}


def template(path: str, profile) -> str:
    """The blank standard workbook (`evalbook new`)."""
    evalbook.new_template(Path(path), profile=profile)
    return path
