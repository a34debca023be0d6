"""T101–T107 on built workbooks: each fires where the score does not follow from the target
and the actual, and stays silent on rows that are consistent (within rounding and the T103
tolerance)."""
