"""The sentences of a Word report that state a figure the tables also hold (spec: workbook.md
"Word reports"): the total score, the grade, 预算执行率, 全年预算数 / 全年执行数 with their
unit, and an indicator's figure. Each is kept with its paragraph and the sentence quoted.

Conservative by design: a clause about a plan, a target, an approximation or a change (目标,
计划, 约, 以上, 提高 …) states no result; a clause that names a tier or says 分值 / 满分 is
not the total; an indicator figure is read only when exactly one indicator's name and exactly
one number stand in the clause.
"""

from __future__ import annotations

import re

from evalbook.model.narrative import REPORT_SHEET, Narrative, ParaRef, Statement
from evalbook.model.values import THOUSANDS_SEPARATOR, normalize, parse_text_number
from evalbook.model.workbook import Workbook
from evalbook.read.narrative_sums import read_sums

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n")
# Clauses: split at commas and semicolons, never inside a number (1,789.95).
_CLAUSE = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|;")
_NUMBER = r"(\d+(?:\.\d+)?)"

# A clause with one of these states a plan, a target, an estimate or a change, not a result.
_NOT_A_RESULT = re.compile(
    r"目标|计划|预计|预期|力争|争取|确保|拟|要求|年初|上年|去年|同比|环比|较上|比上|提高|提升|增长|增加|下降|"
    r"降低|减少|约|左右|以上|以下|不低于|不少于|不超过|超过|高于|低于|累计|若|如果|保持|持续|进一步|下一步|今后|"
    r"明年|力求|努力")
# A section heading (一、… / 5、… / （二）…, short); under one about plans (下一步改进措施,
# 工作计划, 建议) nothing states a result, until the next top-level heading.
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、．]|[（(][一二三四五六七八九十]+[)）])")
_TOP_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、．])")
_PLAN_HEADING = re.compile(r"改进|措施|下一步|计划|建议|打算|展望")
# A clause naming a tier, or a cap, is not about the total.
_TIER_WORDS = re.compile(r"产出|效益|满意度|预算执行|分值|满分|权重|应得")

_TOTAL = re.compile(r"(综合自评得分|自评评价得分|自评综合得分|综合评价得分|综合得分|自评得分|自评总分|总得分|总分)"
                    r"(?:为|是|:|达到|达|合计|共计|共)?" + _NUMBER + r"分(?!值|之|率)")
_RATE = re.compile(r"(预算资金执行率|预算执行率|资金执行率)(?:为|是|:|达到|达|仅为|仅)?" + _NUMBER + r"%")
_AMOUNT = re.compile(r"(全年预算数|调整后预算数|全年预算|预算数|全年执行数|预算执行数|执行数|全年支出|实际支出|支出)"
                     r"(?:金额)?(?:为|是|:|共计|合计|共|了)?" + _NUMBER + r"(亿元|万元|元)")
_AMOUNT_KIND = {"全年预算数": "budget", "调整后预算数": "budget", "全年预算": "budget", "预算数": "budget"}
_AMOUNT_NOT_BEFORE = ("年初", "上年", "累计", "其中")

_GRADE_WORDS = r"(优秀|良好|中等|不合格|合格|较差|优|良|中|差)"
_GRADE_END = r"(?=[”\"」’)]|等级|等次|级|[,。;、]|$)"
_CONNECT = r"(?:为|是|:|评定为|评为|定为|确定为|属于|属)"
_GRADE = (
    # 等级为优 (at the clause's start, or after 自评/评价 …: 验收等级, 质量等级 are not the grade)
    re.compile(r"(?:^|自评|评价|绩效|综合|评定)(?:等级|等次|级别)" + _CONNECT + r"?[“\"「‘]?" + _GRADE_WORDS + _GRADE_END),
    # 评价结果为良好 (a 结果 needs its 为: 评价结果良好 may describe anything)
    re.compile(r"(?:自评|评价|绩效|综合)(?:结果|结论)" + _CONNECT + r"[“\"「‘]?" + _GRADE_WORDS + _GRADE_END),
    # 评为优秀等级
    re.compile(r"(?:评为|评定为|定为|确定为|属于|属|达到)[“\"「‘]?" + _GRADE_WORDS + r"[”\"」’]?(?:等级|等次|级)"),
)
_GRADE_OF = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "合格": "中",
             "差": "差", "较差": "差", "不合格": "差"}

_NAME_PREFIX = re.compile(r"^(?:指标\d*[:.、]|\d+[.、]|[(]\d+[)])+")
_BRACKETED = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]")
_FIGURE = re.compile(_NUMBER + r"(%|亿元|万元|元|[^\d\W])?")
_MONEY_UNITS = ("元", "万元", "亿元", "万", "亿")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def clauses(sentence: str) -> list[str]:
    """The sentence as compared (full width folded, no spaces), cut at commas and semicolons."""
    return [c for c in _CLAUSE.split(normalize(sentence)) if c]


def name_key(name: str) -> str:
    """An indicator's name as a report's text writes it: no 指标1： prefix, no bracketed
    remark, no spaces, full width folded."""
    s = _NAME_PREFIX.sub("", normalize(name).lstrip("★☆"))
    bare = _BRACKETED.sub("", s)
    return bare or re.sub(r"[()\[\]【】]", "", s)


def read_narrative(paragraphs, wb: Workbook | None = None) -> Narrative:
    """The statements of *paragraphs* (evalbook.files.docx.Paragraph) that the N rules compare;
    *wb* gives the indicator names an indicator figure is matched against."""
    names = _names(wb)
    tier_names = _tier_names(wb)
    out = Narrative(paragraphs=len(paragraphs))
    plans = _in_plans(paragraphs)
    for para, in_plans in zip(paragraphs, plans):
        if in_plans:
            continue
        ref = ParaRef(REPORT_SHEET, para.number)
        for sentence in sentences(para.text):
            for clause in clauses(sentence):
                clause = THOUSANDS_SEPARATOR.sub("", clause)
                out.statements.extend(_read_clause(clause, sentence, ref, names, tier_names))
    tier1s = sorted({t1.name for t1 in wb.indicators.tier1s}) if wb is not None and wb.indicators else []
    read_sums(paragraphs, plans, tier1s, out)
    return out


def _in_plans(paragraphs) -> list[bool]:
    """Each paragraph: does it stand under a heading about plans (下一步改进措施 …)?"""
    out, in_plans = [], False
    for para in paragraphs:
        text = normalize(para.text)
        if len(text) <= 30 and _HEADING.match(text):
            if _PLAN_HEADING.search(text):
                in_plans = True
            elif _TOP_HEADING.match(text):
                in_plans = False
        out.append(in_plans)
    return out


def _read_clause(clause: str, sentence: str, ref: ParaRef, names: dict, tier_names: list[str]):
    if _NOT_A_RESULT.search(clause):
        return
    about_tier = bool(_TIER_WORDS.search(clause)) or any(n in clause for n in tier_names)
    if not about_tier:
        for m in _TOTAL.finditer(clause):
            yield Statement("total", ref, sentence, num=parse_text_number(m.group(2)), word=m.group(1))
        for pattern in _GRADE:
            m = pattern.search(clause)
            if m:
                word = m.group(1)
                yield Statement("grade", ref, sentence, grade=_GRADE_OF[word], word=word)
                break
    for m in _RATE.finditer(clause):
        yield Statement("rate", ref, sentence, num=parse_text_number(m.group(2) + "%"), word=m.group(1))
    for m in _AMOUNT.finditer(clause):
        if any(clause[:m.start()].endswith(w) or w in clause[:m.start()] for w in _AMOUNT_NOT_BEFORE):
            continue
        kind = _AMOUNT_KIND.get(m.group(1), "executed")
        yield Statement(kind, ref, sentence, num=parse_text_number(m.group(2)), unit=m.group(3), word=m.group(1))
    found = _indicator(clause, names)
    if found is not None:
        key, leaves, figure, unit = found
        yield Statement("indicator", ref, sentence, num=figure, unit=unit, name=key, leaves=leaves)


def _names(wb: Workbook | None) -> dict[str, list]:
    """Each indicator name key → the leaves of that name (two leaves of one name: not unique)."""
    out: dict[str, list] = {}
    if wb is None or wb.indicators is None:
        return out
    for leaf in wb.indicators.leaves:
        key = name_key(leaf.name)
        if len(key) >= 2 and not key.isdigit():
            out.setdefault(key, []).append(leaf)
    return out


def _tier_names(wb: Workbook | None) -> list[str]:
    """Tier-2 and tier-3 names (as keys of 3 characters or more): a clause naming one is about
    that tier or indicator, not the total."""
    if wb is None or wb.indicators is None:
        return []
    keys = {name_key(leaf.name) for leaf in wb.indicators.leaves}
    keys |= {name_key(t2.name) for t1 in wb.indicators.tier1s for t2 in t1.tier2s}
    return sorted(k for k in keys if len(k) >= 3)


def _indicator(clause: str, names: dict[str, list]):
    """(name key, leaves, the figure, its unit) when exactly one indicator's name and exactly
    one number stand in *clause*; None otherwise."""
    present = [k for k in names if k in clause]
    present = [k for k in present if not any(k != o and k in o for o in present)]
    if len(present) != 1:
        return None
    key = present[0]
    rest = clause.replace(key, " ")
    figures = list(_FIGURE.finditer(rest))
    if len(figures) != 1:
        return None
    m = figures[0]
    unit = m.group(2) or None
    text = m.group(1) + ("%" if unit == "%" else "")
    figure = parse_text_number(text)
    return (key, names[key], figure, unit) if figure is not None else None


__all__ = ["read_narrative", "name_key", "sentences", "clauses", "is_money_unit"]


def is_money_unit(unit: str | None) -> bool:
    return unit in _MONEY_UNITS
