"""P rules: points (得分) — scores within caps, sums and totals that match, the grade."""
