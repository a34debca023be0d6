"""Web-system exports the tests build: a sheet's rows written as an HTML table (as web systems
write their "xls" downloads: colspan/rowspan merges, numbers as text, a charset meta) and
sheets written as Excel 2003 XML (SpreadsheetML: ss:Styles number formats, ss:Index,
ss:MergeAcross/ss:MergeDown). Each takes the same rows, merges and formats tests/builders.py
writes as .xlsx, so a test can compare the two files' findings."""

from __future__ import annotations

import datetime as dt
import html
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import column_index_from_string, range_boundaries


def _merge_map(merges):
    anchors, covered = {}, set()
    for rng in merges or []:
        c1, r1, c2, r2 = range_boundaries(rng)
        anchors[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    return anchors, covered


def _a1(a1: str) -> tuple[int, int]:
    letters = a1.rstrip("0123456789")
    return int(a1[len(letters):]), column_index_from_string(letters)


def shown(value, fmt: str | None = None) -> str:
    """A value as a web page shows it: percents with %, thousands as written."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)) and fmt and fmt.endswith("%"):
        places = len(fmt.split(".")[1]) - 1 if "." in fmt else 0
        return f"{value * 100:.{places}f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return "" if value is None else str(value)


def html_table(rows, merges=None, formats=None, start_row: int = 1, attrs: str = 'border="1"') -> str:
    """*rows* (from sheet row *start_row*) as one <table>: merged ranges as colspan/rowspan,
    numbers as the text a page shows, a cell stored as text in the sheet marked x:str."""
    anchors, covered = _merge_map(merges)
    fmts = {_a1(k): v for k, v in (formats or {}).items()}
    width = max((len(r) for r in rows), default=0)
    out = [f"<table {attrs}>"]
    for i, row in enumerate(rows):
        r = start_row + i
        out.append("<tr>")
        for c in range(1, width + 1):
            if (r, c) in covered:
                continue
            v = row[c - 1] if c - 1 < len(row) else None
            span = anchors.get((r, c))
            extra = ""
            if span and span[0] > 1:
                extra += f' rowspan="{span[0]}"'
            if span and span[1] > 1:
                extra += f' colspan="{span[1]}"'
            text = html.escape(shown(v, fmts.get((r, c))))
            out.append(f"<td{extra}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_page(body: str, charset: str = "utf-8", title: str = "导出") -> str:
    return (f'<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f"<title>{title}</title>\n<style>td {{ border: 1px solid #000; }}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


SS = "urn:schemas-microsoft-com:office:spreadsheet"


def spreadsheetml(sheets: dict, merges: dict | None = None, formats: dict | None = None,
                  named: dict[str, str] | None = None, prolog: str = "") -> str:
    """Sheets (name → rows) as Excel 2003 XML. *named* maps a number format to the named format
    Excel writes for it (e.g. "0.00%" → "Percent")."""
    styles: dict[str, str] = {}
    body = []
    for name, rows in sheets.items():
        anchors, covered = _merge_map((merges or {}).get(name))
        fmts = {_a1(k): v for k, v in ((formats or {}).get(name) or {}).items()}
        body.append(f"<Worksheet ss:Name={quoteattr(name)}><Table>")
        last_row = 0
        for i, row in enumerate(rows, start=1):
            cells = []
            next_col = 1
            for c, v in enumerate(row, start=1):
                if (i, c) in covered or (v is None and (i, c) not in anchors):
                    continue
                attrs = "" if c == next_col else f' ss:Index="{c}"'
                span = anchors.get((i, c))
                if span and span[1] > 1:
                    attrs += f' ss:MergeAcross="{span[1] - 1}"'
                if span and span[0] > 1:
                    attrs += f' ss:MergeDown="{span[0] - 1}"'
                fmt = fmts.get((i, c))
                if fmt:
                    sid = styles.setdefault(fmt, f"s{len(styles) + 21}")
                    attrs += f' ss:StyleID="{sid}"'
                next_col = c + (span[1] if span else 1)
                if v is None:
                    cells.append(f"<Cell{attrs}/>")
                    continue
                if isinstance(v, bool):
                    kind, text = "Boolean", "1" if v else "0"
                elif isinstance(v, (int, float)):
                    kind, text = "Number", repr(v)
                elif isinstance(v, (dt.date, dt.datetime)):
                    kind, text = "DateTime", v.strftime("%Y-%m-%dT%H:%M:%S.000")
                else:
                    kind, text = "String", escape(str(v))
                cells.append(f'<Cell{attrs}><Data ss:Type="{kind}">{text}</Data></Cell>')
            if not cells:
                continue
            index = "" if i == last_row + 1 else f' ss:Index="{i}"'
            body.append(f"<Row{index}>" + "".join(cells) + "</Row>")
            last_row = i
        body.append("</Table></Worksheet>")
    style_xml = "".join(
        f'<Style ss:ID="{sid}"><NumberFormat ss:Format={quoteattr((named or {}).get(fmt, fmt))}/></Style>'
        for fmt, sid in styles.items())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + prolog + '<?mso-application progid="Excel.Sheet"?>\n'
            f'<Workbook xmlns="{SS}" xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="{SS}" '
            'xmlns:html="http://www.w3.org/TR/REC-html40">\n'
            f'<Styles><Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/></Style>{style_xml}'
            "</Styles>\n" + "\n".join(body) + "\n</Workbook>\n")
