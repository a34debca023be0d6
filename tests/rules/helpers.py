"""What the S, C and P rule tests ask of a workbook: the findings of one code, and that the
consistent form has none of them."""

from builders import standard

import evalbook


def found(path, code, **kw):
    return [(f.code, f.sheet, f.cell, f.severity) for f in evalbook.check(path, **kw).findings if f.code == code]


def base_is_clean(tmp_path, code):
    assert found(standard(tmp_path, name="clean.xlsx"), code) == []
