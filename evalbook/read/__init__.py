"""Cells to the model (spec: workbook.md): labels.py holds every name the reader accepts,
grid.py the merged-cell-aware grid and header finder, project.py / indicators.py /
payments.py one part of the form each, and workbook.py read_book, which ties them together."""

from evalbook.read.labels import RESULT_SHEET
from evalbook.read.workbook import read_book

__all__ = ["RESULT_SHEET", "read_book"]
