"""evalbook: checks and annotates 项目支出绩效自评 workbooks.

The library is the product; the command line in :mod:`evalbook.cli` is a thin shell over it.
"""

__version__ = "0.1.0"


def check(path, profile=None, lang="zh", select=None, ignore=None):
    """Read the workbook at *path*, run every rule and return a :class:`evalbook.report.Report`.

    *select*/*ignore* are lists of codes or prefixes (["T"] drops all target warnings).
    """
    from .engine import check as _check

    return _check(path, profile=profile, lang=lang, select=select, ignore=ignore)


def annotate(path, out=None, profile=None, lang="zh", in_place=False, allow_loss=False, select=None,
             ignore=None):
    """Write the annotated copy of *path*; returns (Report, output path)."""
    from .annotate import annotate as _annotate

    return _annotate(path, out=out, profile=profile, lang=lang, in_place=in_place, allow_loss=allow_loss,
                     select=select, ignore=ignore)
