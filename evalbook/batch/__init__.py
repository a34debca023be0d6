"""Many workbooks, one summary workbook for a reviewer (spec: cli.md "Batch summary").

find.py finds the workbooks, one_file.py checks one (FileResult), pool.py shares the files
among worker processes, summary.py writes the summary workbook, run.py ties them together.
"""

from evalbook.batch.find import find_workbooks
from evalbook.batch.one_file import FileResult
from evalbook.batch.pool import start_method
from evalbook.batch.run import BatchResults, run_batch, skipped_lines
from evalbook.batch.summary import write_summary

__all__ = ["BatchResults", "FileResult", "find_workbooks", "run_batch", "skipped_lines", "start_method",
           "write_summary"]
