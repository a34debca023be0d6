"""The annotated copy of a workbook (spec: cli.md "Annotated workbook").

annotated_copy.py runs the steps; target.py, rerun.py, plan.py, write.py, marks.py and
results_sheet.py each do one of them.
"""

from evalbook.annotation.annotated_copy import annotate
from evalbook.annotation.marks import MARKER
from evalbook.annotation.target import output_path
from evalbook.read import RESULT_SHEET

__all__ = ["MARKER", "RESULT_SHEET", "annotate", "output_path"]
