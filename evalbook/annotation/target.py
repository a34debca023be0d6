"""Where the annotated copy goes: ``<stem>.checked.xlsx``, OUT (-o, a file or a folder) or,
with --in-place, the input itself; an .xls becomes an .xlsx beside it, since an .xls cannot
hold what annotate writes — <stem>.xlsx, or <stem>.checked.xlsx when a <stem>.xlsx exists
(--in-place never replaces a different workbook). OUT may never be the input without --in-place."""

from __future__ import annotations

import os
from pathlib import Path

from evalbook.errors import InputError
from evalbook.files.door import CONVERTED_KINDS


def output_path(path, kind: str) -> Path:
    """The default OUT: ``<stem>.checked.xlsx`` beside the input (.xlsm stays .xlsm)."""
    src = Path(path)
    suffix = ".xlsm" if kind == "xlsm" else ".xlsx"
    return src.with_name(src.stem + ".checked" + suffix)


def target_path(src: Path, out, in_place: bool, kind: str) -> Path:
    if in_place:
        if out is not None and not same_file(Path(out), src):
            raise InputError("annotate_in_place_out", path=str(out))
        # An .xls (or a web page's table) cannot hold what annotate writes: the .xlsx goes beside
        # it, the input stays; and when <stem>.xlsx is already there (another workbook),
        # <stem>.checked.xlsx instead.
        if kind not in CONVERTED_KINDS:
            return src
        beside = src.with_suffix(".xlsx")
        return output_path(src, kind) if os.path.lexists(beside) else beside
    if out is None:
        return output_path(src, kind)
    target = Path(out)
    if target.is_dir():
        target = output_path(target / src.name, kind)
    if same_file(target, src):
        raise InputError("annotate_same", path=str(src))
    return target


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()
