"""S rules: each fires on the mistake it names, at the cell a reviewer must look at, and stays
silent on the consistent form (test_reader_variants pins that the base is clean)."""
