"""B rules: budget, funds and payments — the money a report states must add up like its scores.

All comparisons stay inside one workbook's 金额单位 (万元 or 元): every amount of a workbook is
in the same unit (workbook.md), so nothing is converted and an amount's shown decimals are
judged as written. A stated figure is the interval its shown decimals allow; a computed one is
taken from the stored values of its inputs (rules.md "equal")."""
