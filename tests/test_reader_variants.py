"""Every layout variant workbook.md tolerates, each on a workbook the test builds."""

import openpyxl
import pytest
from builders import IND_HEADER, indicator_rows, leaf, mof_grid, project_rows, standard, write_book

import evalbook
from evalbook.read import read_book
from evalbook.files.xlsx import read_xlsx


def model(path):
    return read_book(read_xlsx(str(path)))


def codes(path, select="S,C,P"):
    return [(f.code, f.cell) for f in evalbook.check(path).findings if f.code[0] in select]


def test_the_consistent_base_form_has_no_findings(tmp_path):
    assert evalbook.check(standard(tmp_path)).findings == []


def test_header_below_title_rows(tmp_path):
    rows = [["项目绩效指标评分表"], ["单位：万元"], []] + indicator_rows()
    wb = model(standard(tmp_path, indicators=rows))
    assert wb.indicators.columns.header_row == 4
    assert len(wb.indicators.leaves) == 7
    assert codes(standard(tmp_path, name="b.xlsx", indicators=rows)) == []


def _merged_rows():
    """Tier names only on the first row of their block, as merged cells leave them."""
    rows = indicator_rows()
    for r in range(2, len(rows)):
        if rows[r][0] == rows[r - 1][0] or (r > 1 and rows[r][0] is None):
            pass
    out = [rows[0]]
    prev1 = prev2 = None
    for row in rows[1:]:
        row = list(row)
        t1, t2 = row[0], row[1]
        if t1 == prev1:
            row[0] = None
        if (t1, t2) == (prev1, prev2):
            row[1] = None
        prev1, prev2 = t1, t2
        out.append(row)
    return out


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "blank"])
def test_tier_cells_fill_down_whether_merged_or_blank(tmp_path, merged):
    merges = {"指标": ["A2:A5", "B2:B3", "B4:B5", "A6:A7", "B6:B7"]} if merged else None
    path = standard(tmp_path, indicators=_merged_rows(), merges=merges)
    wb = model(path)
    assert [t.name for t in wb.indicators.tier1s] == ["产出", "效益", "满意度"]
    assert [len(t2.leaves) for t1 in wb.indicators.tier1s for t2 in t1.tier2s] == [2, 2, 2, 1]
    assert codes(path) == []


def test_caps_inside_labels_are_declared_caps_and_located_at_the_label(tmp_path):
    rows = _merged_rows()
    rows[1][0] = "产出指标（50分）"
    rows[1][1] = "数量指标(12)"  # leaves add up to 20
    rows[5][0] = "效益（30）"
    merges = {"指标": ["A2:A5", "B2:B3", "B4:B5", "A6:A7", "B6:B7"]}
    path = standard(tmp_path, indicators=rows, merges=merges)
    wb = model(path)
    t1 = wb.indicators.tier1s[0]
    assert t1.name == "产出" and t1.cap.num.value == 50 and t1.cap.ref.a1 == "A2"
    assert t1.tier2s[0].name == "数量" and t1.tier2s[0].cap.num.value == 12
    assert wb.indicators.tier1s[1].name == "效益"
    # 数量(12) over 10 + 10; 产出(50) over 12 + 30 = 42
    assert codes(path) == [("C102", "A2"), ("C101", "B2")]


def test_full_width_parentheses_and_line_breaks_in_labels(tmp_path):
    rows = indicator_rows()
    rows[7][1] = "服务对象\n满意度指标（10）"
    wb = model(standard(tmp_path, indicators=rows))
    t2 = wb.indicators.tier1s[2].tier2s[0]
    assert t2.name == "服务对象满意度" and t2.cap.num.value == 10


def test_tier1_names_with_and_without_zhibiao_are_one_tier(tmp_path):
    rows = indicator_rows()
    rows[1][0] = "产出"
    rows[7][0] = "服务对象满意度指标"
    wb = model(standard(tmp_path, indicators=rows))
    assert [t.name for t in wb.indicators.tier1s] == ["产出", "效益", "满意度"]
    assert len(wb.indicators.tier1s[0].leaves) == 4


def test_tier_header_rows_declare_tier_caps_and_scores(tmp_path):
    h = IND_HEADER
    rows = [h,
            ["产出指标", None, None, None, None, None, None, 50, 50],
            ["产出指标", "数量指标", None, None, None, None, None, 20, 20],
            leaf("产出指标", "数量指标", "甲", 10, 10), leaf("产出指标", "数量指标", "乙", 10, 10),
            ["产出指标", "质量指标", None, None, None, None, None, 30, 29],  # leaves score 30
            leaf("产出指标", "质量指标", "丙", 15, 15), leaf("产出指标", "质量指标", "丁", 15, 15)]
    rows += indicator_rows()[5:]
    path = standard(tmp_path, indicators=rows)
    wb = model(path)
    t1 = wb.indicators.tier1s[0]
    assert t1.cap.num.value == 50 and t1.score.num.value == 50
    assert [t2.cap.num.value for t2 in t1.tier2s] == [20, 30]
    assert len(t1.leaves) == 4
    assert codes(path) == [("P103", "I6")]


def test_subtotal_indicator_total_and_total_rows(tmp_path):
    rows = indicator_rows()
    rows.insert(5, ["小计", None, None, None, None, None, None, 50, 50, 1.0])
    rows.insert(8, ["合计", None, None, None, None, None, None, 30, 30, 1.0])  # indicator rows below: a subtotal
    rows.append(["小计", None, None, None, None, None, None, 10, 9, 0.9])
    rows.append(["指标合计", None, None, None, None, None, None, 90, 89])
    rows.append(["总分", None, None, None, None, None, None, 100, 99])
    path = standard(tmp_path, indicators=rows)
    wb = model(path)
    kinds = [(s.kind, s.tier1) for s in wb.indicators.sums]
    assert kinds == [("subtotal", "产出"), ("subtotal", "效益"), ("subtotal", "满意度"),
                     ("indicators", None), ("total", None)]
    assert codes(path) == []
    rows[-1] = ["总分", None, None, None, None, None, None, 100, 98]
    rows[5] = ["小计", None, None, None, None, None, None, 48, 50, 1.0]
    path = standard(tmp_path, name="bad.xlsx", indicators=rows)
    assert codes(path) == [("C106", "H6"), ("P106", "J6"), ("P104", "I13")]


def test_a_final_heji_with_no_indicator_rows_below_is_the_total(tmp_path):
    rows = indicator_rows() + [["合计", None, None, None, None, None, None, 100, 97]]
    path = standard(tmp_path, indicators=rows)
    assert model(path).indicators.sums[0].kind == "total"
    assert codes(path) == [("P104", "I9")]


def test_budget_execution_row_in_the_indicator_sheet_counts_as_the_budget_tier(tmp_path):
    proj = project_rows()[:14]  # no funds block
    rows = indicator_rows()
    rows.insert(1, ["预算执行率", None, None, None, "100%", None, "100%", 10, 10, 1.0])
    path = standard(tmp_path, project=proj, indicators=rows)
    wb = model(path)
    assert len(wb.indicators.budget_rows) == 1
    assert len(wb.indicators.leaves) == 7 and [t.name for t in wb.indicators.tier1s] == ["产出", "效益", "满意度"]
    assert [c for c in codes(path) if c[0] != "S104"] == []
    rows[1][8] = 11
    path = standard(tmp_path, name="over.xlsx", project=proj, indicators=rows)
    assert ("P101", "I2") in codes(path)


def test_breakdown_rows_are_shown_but_never_summed(tmp_path):
    rows = indicator_rows()
    rows.insert(2, [None, None, "其中：新建", None, None, None, None, 6, 6])
    rows.insert(3, [None, None, "改建部分", None, 5, "个", 5, None, None])
    path = standard(tmp_path, indicators=rows)
    wb = model(path)
    assert wb.indicators.breakdown_rows == [3, 4]
    assert codes(path) == []


def test_key_marks_are_not_part_of_the_name(tmp_path):
    rows = indicator_rows()
    rows[1][2] = "★甲"
    rows[2][2] = "☆乙"
    wb = model(standard(tmp_path, indicators=rows))
    leaves = wb.indicators.leaves
    assert (leaves[0].name, leaves[0].key, leaves[1].name, leaves[1].key) == ("甲", True, "乙", True)


def test_notes_close_the_table(tmp_path):
    rows = indicator_rows() + [[], ["注：1. 本表分值合计 100 分。"],
                               leaf("产出指标", "数量指标", "说明用例", 99, 99)]
    path = standard(tmp_path, indicators=rows)
    assert len(model(path).indicators.leaves) == 7
    assert codes(path) == []


def test_xianjie_column_order_with_cap_before_values(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因"]
    rows = [header]
    for r in indicator_rows()[1:]:
        rows.append([r[0], r[1], r[2], r[7], r[4], r[6], r[8], r[10]])
    path = standard(tmp_path, indicators=rows)
    wb = model(path)
    assert sum(l.cap.num.value for l in wb.indicators.leaves) == 90
    assert codes(path) == []


def test_yunnan_columns_nature_value_unit(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "全年实际值", "分值", "得分"]
    rows = [header] + [r[:9] for r in indicator_rows()[1:]]
    wb = model(standard(tmp_path, indicators=rows))
    leaf0 = wb.indicators.leaves[0]
    assert leaf0.nature == ">=" and leaf0.target.num.value == 10 and leaf0.unit == "个"
    assert leaf0.actual.num.value == 10


def test_text_numbers_full_width_digits_and_units_are_read(tmp_path):
    rows = indicator_rows()
    rows[1][7], rows[1][8] = "１０", "10分"
    path = standard(tmp_path, indicators=rows)
    leaf0 = model(path).indicators.leaves[0]
    assert leaf0.cap.num.value == 10 and leaf0.score.num.value == 10
    assert codes(path) == [("S107", "H2"), ("S107", "I2")]


def test_sheets_found_by_content_when_names_match_nothing(tmp_path):
    path = write_book(tmp_path / "x.xlsx", {"Sheet1": project_rows(), "评分明细": indicator_rows()},
                      formats={"Sheet1": {"B11": "0%", "F16": "0.00%"}})
    wb = model(path)
    assert wb.indicators is not None and wb.indicators.sheet == "评分明细"
    assert wb.project is not None and wb.project.sheet == "Sheet1"
    assert evalbook.check(path).findings == []


def test_sheet_names_match_ignoring_spaces_and_width(tmp_path):
    path = write_book(tmp_path / "x.xlsx", {"项目 信息": project_rows(), "绩效指标 ": indicator_rows()},
                      formats={"项目 信息": {"B11": "0%", "F16": "0.00%"}})
    assert evalbook.check(path).findings == []


def test_single_sheet_form_with_project_fields_above_the_table(tmp_path):
    rows = project_rows() + [[]] + indicator_rows()
    fmts = {"表1": {"B11": "0%", "F16": "0.00%"}}
    path = write_book(tmp_path / "one.xlsx", {"表1": rows}, formats=fmts)
    wb = model(path)
    assert wb.project.claimed_total.num.value == 99 and len(wb.indicators.leaves) == 7
    assert evalbook.check(path).findings == []


def test_inline_label_and_value_in_one_cell_and_merged_labels(tmp_path):
    rows = project_rows()
    rows[1] = ["项目名称：测试项目"]
    rows[11] = ["自评得分", None, 99]  # label merged over A:B, value further right
    path = standard(tmp_path, project=rows, merges={"项目": ["A12:B12"]})
    p = model(path).project
    assert p.texts["name"].raw == "测试项目"
    assert p.claimed_total.num.value == 99 and p.claimed_total.ref.a1 == "C12"
    assert evalbook.check(path).findings == []


def test_labels_with_units_in_brackets_and_colons(tmp_path):
    rows = project_rows()
    rows[6] = ["项目总投资（万元）：", 100]
    rows[11] = ["自评得分:", 99]
    p = model(standard(tmp_path, project=rows)).project
    assert p.money["total_investment"].value.num.value == 100
    assert p.claimed_total.num.value == 99


def test_read_paths_agree(tmp_path):
    """The fast path and a full openpyxl load give the same findings."""
    from evalbook.pipeline import run_rules
    from evalbook.profiles import load
    from evalbook.files.openpyxl_load import book_from_openpyxl

    rows = _merged_rows()
    rows[1][1] = "数量指标（12）"
    path = standard(tmp_path, indicators=rows, merges={"指标": ["A2:A5", "B2:B3", "B4:B5", "A6:A7", "B6:B7"]})
    fast = run_rules(read_book(read_xlsx(str(path))), load(None))
    full = run_rules(read_book(book_from_openpyxl(openpyxl.load_workbook(path, data_only=True), str(path))),
                     load(None))
    assert [f.to_json() for f in fast.findings] == [f.to_json() for f in full.findings]
    assert [f.code for f in fast.findings] == ["C102", "C101"] or fast.findings


def test_two_row_header_with_merged_group_and_vertically_merged_columns(tmp_path):
    rows = indicator_rows()
    top = ["绩效指标", None, None, "指标性质", "年度指标值", "度量单位", "实际完成值", "分值", "得分", "得分率",
           "偏差原因分析及改进措施"]
    second = ["一级指标", "二级指标", "三级指标"] + [None] * 8
    merges = {"指标": ["A1:C1"] + [f"{c}1:{c}2" for c in "DEFGHIJK"]}
    path = standard(tmp_path, indicators=[top, second] + rows[1:], merges=merges,
                    formats={"指标": {f"J{r}": "0%" for r in range(3, 10)}})
    wb = model(path)
    assert wb.indicators.columns.header_row == 2
    assert wb.indicators.columns.get("score") == 9 and len(wb.indicators.leaves) == 7
    assert evalbook.check(path).findings == []


def test_mof_grid_funds_block_with_a_merged_first_column(tmp_path):
    rows = project_rows()
    rows[14] = ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    rows[15] = [None, "年度资金总额", 100, 100, 100, 10, 1.0, 10]
    rows[16] = [None, "其中：当年财政拨款", 100, 100, 100]
    rows[17] = [None, "上年结转资金", 0, 0, 0]
    rows[18] = [None, "其他资金", 0, 0, 0]
    path = standard(tmp_path, project=rows, merges={"项目": ["A15:B15", "A16:A19"]},
                    formats={"项目": {"G16": "0.00%"}})
    funds = model(path).project.funds
    assert funds.total.label == "年度资金总额" and funds.total.score.num.value == 10
    assert [p.label for p in funds.parts] == ["其中:当年财政拨款", "上年结转资金", "其他资金"]
    assert evalbook.check(path).findings == []


def test_label_value_pairs_side_by_side_and_an_empty_value(tmp_path):
    rows = project_rows()
    rows[2] = ["主管部门", None, "实施单位", "测试中心"]  # 主管部门 left empty
    p = model(standard(tmp_path, project=rows)).project
    assert p.texts["department"].blank and p.texts["department"].ref.a1 == "B3"
    assert p.texts["unit"].raw == "测试中心"


def test_mof_single_sheet_grid_reads_clean(tmp_path):
    rows, merges = mof_grid()
    path = write_book(tmp_path / "mof.xlsx", {"表": rows}, {"表": merges}, {"表": {"G6": "0.00%"}})
    wb = model(path)
    assert [r.label for r in wb.project.funds.parts] == ["其中:当年财政拨款", "上年结转资金", "其他资金"]
    assert [s.kind for s in wb.indicators.sums] == ["total"]
    report = evalbook.check(path)
    assert report.findings == [] and report.summary.claimed_total == 99


def test_mof_single_sheet_grid_total_row_is_checked(tmp_path):
    rows, merges = mof_grid(total_score=100)
    path = write_book(tmp_path / "mof.xlsx", {"表": rows}, {"表": merges}, {"表": {"G6": "0.00%"}})
    assert [(f.code, f.cell) for f in evalbook.check(path).findings] == [("P104", "H17")]


@pytest.mark.parametrize("label, name, cap", [
    ("产出指标（50分）", "产出指标", 50), ("产出(50)", "产出", 50), ("数量指标（１２）", "数量指标", 12),
    ("数量指标（分值12分）", "数量指标", 12), ("效益指标(权重：30)", "效益指标", 30),
    ("项目(一期)", "项目(一期)", None),
])
def test_caps_in_labels_in_the_forms_offices_write_them(label, name, cap):
    from evalbook.read.labels import split_cap

    assert split_cap(label) == (name, cap)


def test_payments_with_a_number_column_and_heji_in_the_date_column(tmp_path):
    pay = [["序号", "支付日期", "支付事项", "金额"], [1, "2023-03-01", "首付款", 60], [2, "2023/9/15", "尾款", 40],
           [None, "合计", None, 100]]
    path = standard(tmp_path, extra={"支付": pay})
    p = model(path).payments
    assert [r.amount.num.value for r in p.rows] == [60, 40] and p.total.num.value == 100
    assert evalbook.check(path).findings == []


# workbook.md: a notes block runs on over numbered lines and text-only rows; a 合计 / 总计 row
# followed by nothing but a notes block is the total row, not a subtotal.
def _notes_layouts():
    span = "A{r}:K{r}"
    yield ("合计", [["注：1.本表分值合计100分；"], ["2.定性指标按达成、部分达成、未达成评分；"],
                   ["3.偏差原因须说明。"]], lambda first: [span.format(r=first + i) for i in range(3)])
    yield ("总计", [["注："], [None, None, "1.本表由项目单位填写"], [None, None, "2、定性指标按档次评分"],
                   [None, None, "（3）其他说明"]], lambda first: [])
    yield ("合计", [[], [None, None, "1.本表由项目单位填写", None, None, None, None, "说明"],
                   [None, None, "2、定性指标按达成、部分达成、未达成评分"], ["（3）其他"]],
           lambda first: ["C{r}:K{r}".format(r=first + 1)])


@pytest.mark.parametrize("word,notes,merges", list(_notes_layouts()))
def test_a_total_row_followed_by_a_numbered_notes_block_is_the_total(tmp_path, word, notes, merges):
    total_row = len(indicator_rows()) + 1
    rows = indicator_rows() + [[word, None, None, None, None, None, None, 100, 99, 0.99]] + notes
    path = standard(tmp_path, indicators=rows, merges={"指标": merges(total_row + 1)})
    ind = model(path).indicators
    assert [s.kind for s in ind.sums] == ["total"]
    assert len(ind.leaves) == 7 and [t.name for t in ind.tier1s] == ["产出", "效益", "满意度"]
    assert codes(path, "SCPT") == []
    rows[total_row - 1][8:10] = [97, 0.97]  # the total row is checked as the form's total
    path = standard(tmp_path, name="bad.xlsx", indicators=rows, merges={"指标": merges(total_row + 1)})
    assert codes(path) == [("P104", f"I{total_row}")]
