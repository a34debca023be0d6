"""C rules: caps (分值) — tiers that add up, totals that match the profile."""
