"""The T rule tests' workbook: the consistent form with its indicator rows replaced, checked
with the T rules alone."""

from __future__ import annotations

from builders import IND_HEADER, standard

from evalbook.pipeline import check


def t_findings(tmp_path, rows, profile=None, merges=None, header=IND_HEADER, name="form.xlsx"):
    path = standard(tmp_path, name=name, indicators=[header, *rows], merges={"指标": merges or []})
    report = check(path, profile=profile, select=["T"])
    return [(f.code, f.cell) for f in report.findings], report


def codes(found, code):
    return [cell for c, cell in found if c == code]
