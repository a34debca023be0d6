"""A checked workbook's findings: findings.py (Finding, Summary, Report and the JSON form the
spec fixes) and text.py (what a person reads on the terminal)."""
