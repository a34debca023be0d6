"""T rules: targets and scoring — scores that do not follow from what was achieved.

All are warnings: the scoring rules leave room for judgement, so a T finding asks a reviewer
to look, it does not say the table is wrong. None fires on a row whose score follows the
profile's rule within rounding (the interval rule) and the T103 tolerance."""
