"""The annotated copy of a workbook (spec: cli.md "Annotated workbook")."""

from evalbook.annotation.writer import MARKER, RESULT_SHEET, annotate, output_path

__all__ = ["MARKER", "RESULT_SHEET", "annotate", "output_path"]
