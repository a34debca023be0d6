"""evalbook: checks and annotates 项目支出绩效自评 workbooks.

The library is the product; the command line in :mod:`evalbook.cli` is a thin shell over it.
"""

__version__ = "0.1.0"


def check(path, profile=None, lang="zh"):
    """Read the workbook at *path*, run every rule and return a :class:`evalbook.report.Report`."""
    from .engine import check as _check

    return _check(path, profile=profile, lang=lang)


def annotate(path, out=None, profile=None, lang="zh", in_place=False, allow_loss=False):
    """Write the annotated copy of *path*; returns (Report, output path)."""
    from .annotate import annotate as _annotate

    return _annotate(path, out=out, profile=profile, lang=lang, in_place=in_place, allow_loss=allow_loss)
