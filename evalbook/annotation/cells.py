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
    ordered = sorted(set(rows))
    if not ordered:
        return out
    first = last = ordered[0]
    for r in ordered:
        if r > last + 1:
            out.append((first, last))
            first = r
        last = r
    out.append((first, last))
    return out


def plain(value):
    """Text as text: rich-text runs (openpyxl's CellRichText, as Excel, WPS and LibreOffice
    store a partly formatted cell) become their plain string; other values pass through."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if type(value).__name__ in ("CellRichText", "TextBlock"):
        return str(value)
    return value


_XL_PREFIXES = ("_XLFN._XLWS.", "_XLFN.", "_XLWS.")


def formula_key(value) -> str:
    """A formula (or text) as a key that every application's re-writing of it shares: no
    leading =, no white space or $ outside string literals, sheet names without quotes, no
    _xlfn./_xlws. prefixes, function and cell names in upper case. Two formulas with the same
    key compute the same thing; the key is only compared, never written."""
    text = plain(value)
    if text is None:
        return ""
    text = str(text).strip()
    if text.startswith("="):
        text = text[1:]
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':  # a string literal stays as it is ("" inside is an escaped quote)
            j = i + 1
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            out.append(text[i:j + 1])
            i = j + 1
            continue
        if ch in " \t\r\n$'":
            i += 1
            continue
        out.append(ch.upper())
        i += 1
    key = "".join(out)
    for p in _XL_PREFIXES:
        key = key.replace(p, "")
    return key
