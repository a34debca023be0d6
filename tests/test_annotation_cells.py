"""How annotate recognises its own formulas and texts however an application re-wrote them."""

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from evalbook.annotation.cells import formula_key, plain


def test_formula_key_ignores_quotes_case_spaces_dollars_and_xlfn():
    ours = """=IF(COUNT('指标'!I2:I11,G16)=0,"",SUM('指标'!I2:I11,G16))"""
    assert formula_key(ours) == formula_key("""=if(count(指标!$I$2:$I$11, G16)=0,"",sum(指标!I2:I11,g16))""")
    assert formula_key("=_xlfn.IFS(A1>1,1)") == formula_key("=IFS(A1>1,1)")
    # string literals are compared as they are
    assert formula_key('=IF(A1,"a b","")') != formula_key('=IF(A1,"ab","")')
    assert formula_key('=IF(A1,"A","")') != formula_key('=IF(A1,"a","")')
    assert formula_key("=SUM(I2:I9)") != formula_key("=SUM(I2:I8)")


def test_rich_text_is_plain_text():
    rich = CellRichText([TextBlock(InlineFont(b=True), "evalbook "), "校验结果"])
    assert plain(rich) == "evalbook 校验结果" and formula_key(rich) == "EVALBOOK校验结果"
    assert plain(3) == 3 and plain(None) is None
