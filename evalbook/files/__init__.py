"""Bytes to cells and back: the only place that opens or writes a file.

door.py judges a file before any parser runs (kind, sizes, work limits, refusals) and picks the
reader; xlsx.py (with xlsx_parts.py), xls.py and openpyxl_load.py each yield the same Book
(book.py: a plain grid of cells); inventory.py names what a load-and-save would lose;
cached_values.py puts computed results into a written workbook; atomic.py writes through a
temporary file and a rename.
"""
