"""N rules: a Word report's sentences against its tables; each fires at the paragraph of the
sentence, quotes it, and stays silent on the consistent report (tests/report_builder.py)."""
