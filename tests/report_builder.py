"""Word reports for the tests, built with python-docx in the markup of examples/build_reports.py
(one line a paragraph; "|" rows a table, "^" merges with the cell above (vMerge), "<" with the
cell to the left (gridSpan); "@PAGE" a page break).

`base_report()` is a consistent 自评报告: a project table, a funds block in 元, three indicator
tables separated by text (the first broken over a page into a continuation with its header
repeated and its tier cells left blank), and sentences that agree with every table. Keyword
arguments change one figure of the text, so each test can make exactly one mismatch.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_reports", ROOT / "examples" / "build_reports.py")
build_reports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_reports)

HEADER = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"

PROJECT = """| 项目名称 | 县级政务服务平台建设项目 | <
| 主管部门 | 县信息化工作办公室 | <
| 评价年度 | 2023 | <
| 自评得分 | {claimed} | <
| 自评等级 | {grade} | <"""

FUNDS = """单位：元
| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
| 年度资金总额 | 1000000 | 1000000 | 960000 | 10 | 96% | 9.6
| 其中：当年财政拨款 | 1000000 | 1000000 | 960000 | — | — | —"""

OUTPUT_A = HEADER + """
| 产出指标（50） | 数量指标（20） | 应用系统建设 | 3项 | 3项 | 10 | 10 |
| ^ | ^ | 设备采购数量 | 20台 | 20台 | 10 | 10 |
| ^ | 质量指标（15） | 系统验收合格率 | 100% | 100% | 15 | 15 |"""

OUTPUT_B = HEADER + """
|  | 时效指标（15） | 按期完成率 | 100% | 100% | 15 | {late_score} |
| 小计 | < | < | < | < | 50 | 50 |"""

EFFECT = HEADER + """
| 效益指标（30） | 社会效益指标（30） | 政策知晓率 | ≥90% | 95% | 15 | 15 |
| ^ | ^ | 服务覆盖乡镇数 | 8个 | 8个 | 15 | 15 |
| 小计 | < | < | < | < | 30 | 30 |"""

SATISFACTION = HEADER + """
| 满意度指标（10） | 服务对象满意度指标（10） | 群众满意度 | ≥90% | 96% | 10 | 10 |
| 小计 | < | < | < | < | 10 | 10 |"""


def base_text(*, total="99.6", grade="优", rate="96%", executed="96万元", budget="100万元",
              awareness="95%", claimed="99.6", stated_grade="优", late_score="15") -> str:
    """The report's markup; the keywords are the figures its text (or its tables) state."""
    return "\n".join([
        "县信息化工作办公室",                                    # 段落1
        "县级政务服务平台建设项目支出绩效自评报告",                # 段落2
        "",
        "一、项目基本情况",                                      # 段落3
        PROJECT.format(claimed=claimed, grade=stated_grade),
        "二、项目资金情况",                                      # 段落4
        FUNDS,                                                  # 单位：元 is 段落5
        f"本项目全年预算数{budget}，全年执行数{executed}，预算执行率{rate}。",  # 段落6
        "三、绩效目标完成情况",                                  # 段落7
        "1.产出指标（分值50分，得分50分）",                        # 段落8
        OUTPUT_A,
        "@PAGE",
        "续表",                                                 # 段落9
        OUTPUT_B.format(late_score=late_score),
        "全年完成3项应用系统建设，全部通过验收。",                  # 段落10
        "2.效益指标（分值30分，得分30分）",                        # 段落11
        EFFECT,
        f"通过宣传，政策知晓率为{awareness}。",                     # 段落12
        "3.满意度指标（分值10分，得分10分）",                      # 段落13
        SATISFACTION,
        "四、自评结论",                                          # 段落14
        f"经综合评价，本项目自评得分为{total}分，评价等级为{grade}。",  # 段落15
        "五、存在的问题",                                        # 段落16
        "下一步力争群众满意度达到98%以上。",                        # 段落17
    ]) + "\n"


# Where each sentence of base_text stands (its paragraph number).
PARAGRAPH = {"funds": 6, "systems": 10, "awareness": 12, "conclusion": 15}


def write(path: Path, text: str) -> Path:
    build_reports.save(build_reports.build(text), path)
    return path


def base_report(path: Path, **changes) -> Path:
    return write(path, base_text(**changes))
