"""evalbook: checks and annotates 项目支出绩效自评 workbooks.

The library is the product; the command line in :mod:`evalbook.cli` is a thin shell over it.
Each call imports its layer on first use, so ``import evalbook`` stays light for a check.
"""

from evalbook.version import __version__

__all__ = ["__version__", "annotate", "check", "new_template", "run_batch"]


def check(path, profile=None, lang="zh", select=None, ignore=None, limits=None, *, year=None, report=None):
    """Read the workbook (or Word report, .docx) at *path*, run every rule and return a
    :class:`evalbook.report.Report`.

    *select*/*ignore* are lists of codes or prefixes (["T"] drops all target warnings).
    *limits* (:class:`evalbook.files.book.Limits`) bounds the work a workbook may ask for.
    *year* is the evaluation year expected (``--year``). *report* is the Word 自评报告 whose
    text is cross-checked against the workbook (``--report``, the N rules).
    """
    from evalbook.pipeline import check as check_workbook

    return check_workbook(path, profile=profile, lang=lang, select=select, ignore=ignore, limits=limits,
                          year=year, report=report)


def annotate(path, out=None, **options):
    """Write the annotated copy of *path* (see :func:`evalbook.annotation.annotate`);
    returns (report, path written)."""
    from evalbook.annotation import annotate as annotate_workbook

    return annotate_workbook(path, out=out, **options)


def new_template(path, profile=None, **options):
    """Write the blank standard workbook to *path* (``evalbook new``)."""
    from evalbook.template import write_template

    return write_template(path, profile=profile, **options)


def run_batch(inputs, summary=None, **options):
    """Check many workbooks and write one summary workbook (``evalbook batch``)."""
    from evalbook.batch import run_batch as run

    return run(inputs, summary, **options)
