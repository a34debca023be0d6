"""What a workbook means, with no I/O: workbook.py (the model the reader builds), values.py
(numbers as staff write them and as evalbook shows them), interval.py (the rounding-aware
"equal"), derived.py (every derived figure, computed once), formulas.py (each derived cell's
spreadsheet formula beside its Python twin), scoring.py (targets, actuals and scoring rules).
"""
