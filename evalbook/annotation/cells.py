"""Small cell helpers every part of annotate uses: writing a value as what it is, telling a
formula from text, and the runs of consecutive rows a range or a mark covers."""

from __future__ import annotations


def put_value(cell, value) -> None:
    """Write *value*; a string is always text, even one beginning with = (openpyxl would make
    it a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def is_formula(cell) -> bool:
    return cell.data_type == "f" and isinstance(cell.value, str)


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows joined: [3, 4, 5, 8] → [(3, 5), (8, 8)]."""
    out: list[tuple[int, int]] = []
    for r in sorted(set(rows)):
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out
