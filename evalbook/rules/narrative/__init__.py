"""N rules: the narrative — a Word report's own sentences against its tables (or the workbook
checked with --report)."""
