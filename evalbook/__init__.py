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


def __getattr__(name):
    # `evalbook.annotate` is both the module (style: one module per concern) and the library
    # call; importing the module replaces the package attribute, so the module itself is
    # callable (see the end of annotate.py) and loaded here on first use, keeping
    # `import evalbook` light for the check path.
    if name == "annotate":
        import importlib

        return importlib.import_module(f"{__name__}.annotate")
    raise AttributeError(f"module 'evalbook' has no attribute {name!r}")
