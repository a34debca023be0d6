"""S rules: what was read — sheets, columns, cells that must hold numbers, names."""
