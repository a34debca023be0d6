"""The N rule tests' reports: tests/report_builder.py's consistent report, one figure changed."""

from report_builder import PARAGRAPH, base_report, write

import evalbook


def n_found(path, code=None, **kw):
    return [(f.code, f.sheet, f.cell) for f in evalbook.check(path, **kw).findings
            if (f.code == code if code else f.code.startswith("N"))]


def at(where):
    return f"段落{PARAGRAPH[where]}"


__all__ = ["n_found", "at", "base_report", "write", "PARAGRAPH"]
