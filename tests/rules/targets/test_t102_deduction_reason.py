"""T102: points deducted and no deviation reason."""

from __future__ import annotations

import pytest
from builders import IND_HEADER, leaf

from .forms import codes, t_findings


@pytest.mark.parametrize("reason", [None, "无", "0", "—", "/"])
def test_t102_points_deducted_without_reason(tmp_path, reason):
    found, report = t_findings(tmp_path, [
        leaf("满意度指标", "满意度指标", "群众满意度", 5, 4.89, target=95, unit="%", actual=93, reason=reason),
    ])
    assert codes(found, "T102") == ["K2"]
    f = report.findings[0]
    assert (f.stated, f.expected) == (4.89, 5)


def test_t102_silent_with_a_reason_or_full_marks(tmp_path):
    found, _ = t_findings(tmp_path, [
        leaf("满意度指标", "满意度指标", "有原因", 5, 4.89, target=95, unit="%", actual=93,
             reason="高峰时段等候偏长，拟增开潮汐窗口"),
        leaf("满意度指标", "满意度指标", "满分", 5, 5, target=95, unit="%", actual=96),
    ])
    assert codes(found, "T102") == []


def test_t102_without_a_reason_column_points_at_the_score(tmp_path):
    header = IND_HEADER[:-1]
    found, report = t_findings(tmp_path, [
        leaf("满意度指标", "满意度指标", "群众满意度", 5, 4.89, target=95, unit="%", actual=93)[:-1],
    ], header=header)
    assert codes(found, "T102") == ["I2"]
    assert "没有偏差原因" in report.findings[0].message


@pytest.mark.parametrize("head", ["扣分原因", "原因分析", "偏差原因及改进措施", "未完成原因及拟采取的改进措施",
                                  "备注", "扣分原因说明", "偏差原因及改进措施（未满分的须填写）"])
def test_t102_reads_reasons_under_every_accepted_header(tmp_path, head):
    from builders import indicator_rows, standard

    import evalbook

    rows = indicator_rows()
    rows[0] = IND_HEADER[:-1] + [head]
    rows[2][8:10] = [8, 0.8]  # 乙 8 of 10, with its reason in the renamed column
    rows[2][10] = "设备到货延迟，已督促供应商"
    path = standard(tmp_path, indicators=rows, project=_project_for(89 - 2 + 10))
    found = [(f.code, f.cell) for f in evalbook.check(path).findings if f.code.startswith("T")]
    assert found == []  # 庚 and 乙 both give their reasons
    rows[2][10] = None
    path = standard(tmp_path, name="b.xlsx", indicators=rows, project=_project_for(97))
    found = [(f.code, f.cell) for f in evalbook.check(path).findings if f.code == "T102"]
    assert found == [("T102", "K3")]


def test_t102_remarks_are_not_the_reason_column_when_there_is_one(tmp_path):
    from builders import indicator_rows, standard

    import evalbook

    rows = indicator_rows()
    rows[0] = IND_HEADER + ["备注"]
    rows[2][8:10] = [8, 0.8]
    rows[2] += ["已核实"]  # a remark, no reason
    path = standard(tmp_path, indicators=rows, project=_project_for(97))
    found = [(f.code, f.cell) for f in evalbook.check(path).findings if f.code == "T102"]
    assert found == [("T102", "K3")]


def _project_for(claimed):
    from builders import project_rows

    rows = project_rows()
    rows[11] = ["自评得分", claimed]
    return rows
