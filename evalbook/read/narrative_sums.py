"""The sentences of a Word report whose figures must agree among themselves (evalbook's
extension beyond the spec, rules N106–N108): a paid share and the contract it is a share of, a
remainder and what it is left of, a deduction and the score it leaves, a count stated whole
and in parts, the project's total amount stated twice, a tier-1's 分值/得分 in the text.

Conservative like the rest of the narrative reader: a form that is not unambiguous is not read.
Approximations (约, 近, 余, 左右 …) state no figure; plans state no result; a figure of a
numbered sub-project (“2.…项目。…总投资…”) is not the project's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from evalbook.model.narrative import (
    REPORT_SHEET, CountParts, Narrative, ParaRef, PartsSum, Remainder, Said, ScoreLine, Share, TierClause,
)
from evalbook.model.values import THOUSANDS_SEPARATOR, normalize, parse_text_number

_NUM = r"(\d+(?:\.\d+)?)"
# An amount: number, an approximation after it (800余万元), its unit, an approximation after that.
_MONEY = _NUM + r"(余|多)?(亿元|万元|元)(左右|余|多)?"
_MONEY_RE = re.compile(_MONEY)
# What stands between a label and its figure; an approximation word is kept to be refused.
_LINK = r"(?:为|是|:|达|达到|共计|合计|总计|共)?(约|近|逾|大约|将近|超过)?"
_SENTENCE = re.compile(r"(?<=[。!?！？])")

# The totals a payment can be a share of, or a remainder be left of.
_CONTRACT = re.compile(r"(合同总金额|合同金额|合同总价|合同价款|合同价格|合同价|中标总价|中标金额|中标价|招标价)"
                       + _LINK + _MONEY)
_BUDGET = re.compile(r"(预算资金合计|预算资金总额|预算总额|项目资金合计|项目资金总额|全年预算数|调整后预算数|预算数|"
                     r"预算资金|项目预算)" + _LINK + _MONEY)
_INVEST = re.compile(r"(项目总投资|总投资额|总投资|投资总额|项目总金额|总金额|总造价)" + _LINK + _MONEY)
# N107 compares the project's total with itself: only the words that name the whole project.
_PROJECT_BUDGET = ("预算资金合计", "预算资金总额", "预算总额", "项目资金合计", "项目资金总额")
# 合同总金额, 已支付总金额 … are not the project's total; 一期(工程)总投资, 2023年度…, 其中…,
# 本次评价范围内… are a part of it: such a word anywhere in the clause before the total.
_NOT_PROJECT = re.compile(r"合同|中标|招标|支付|拨付|到位|结算|审计|决算|累计|期|年|其中|子项|分项|标段|本次|范围|部分")

_PAID = re.compile(r"支付|拨付|支出|付款|使用|执行")
_SHARE = re.compile(r"占(?:项目)?(合同总金额|合同金额|合同总价|合同价款|合同价格|合同价|合同|中标金额|中标价|招标价|"
                    r"全年预算数|预算资金|预算总额|预算数|总预算|预算)的?(?:比例|比重)?(?:为|是)?" + _NUM + "%")
_REMAIN = re.compile(r"(剩余|结余)(?:资金|金额|款项|经费|部分)?(?:为|是|:)?" + _LINK + _MONEY)
# A clause that says what is planned or expected states no result.
_PLANNED = re.compile(r"预计|计划|预期|拟|力争|争取|目标")

_DUE = re.compile(r"应得分?(?:为|是)?" + _NUM + "分")
_DEDUCT = re.compile(r"扣(?:除|减)?分?(?:为|是)?" + _NUM + "分")
_SCORE = re.compile(r"(?<!应)得分(?!率)(?:为|是)?" + _NUM + "分")
_SCORE_RATE = re.compile(r"得分率(?:为|是)?" + _NUM + "%")

_MEASURE = "个所家户座处条台套名项间栋辆张"
_COUNT = re.compile(r"(\d+)([" + _MEASURE + r"])([\u4e00-\u9fff]{1,8})")
_WHOLE = re.compile(r"(?:全[县市区乡镇省州旗盟])(?:共有|共计|共|现有|有)?$|共有$")
_LEFT = re.compile(r"(?:尚有|还有|仍有|剩余|另有|尚余)$")
_NOT_YET = re.compile(r"(?:未能|暂未|尚未|仍未|没有|不能|无法|未)([\u4e00-\u9fff]{2})")
_DONE_BEFORE = re.compile(r"已([\u4e00-\u9fff]{2})的?$")
# A count done in one period (今年已开通30个, 2023年新建…) is a part of what is done, not all of it.
_PERIOD = re.compile(r"今年|本年|当年|年度|本期|本月|当月|上半年|下半年|季度|\d+年|\d+月|新增|新")
_DONE_AFTER = re.compile(r"^(?:均|全部|都)?已([\u4e00-\u9fff]{2})")

_PARTS = re.compile(r"其中:?")
_PARTS_TOTAL = re.compile(r"(合计|共计|总计)(?:为|是|:)?" + _LINK + _MONEY)

# A numbered item naming a project: “2.山丹县县级延伸乡镇视频会议系统建设项目。…”.
_ITEM = re.compile(r"^(?:\d+[.、]|[(]\d+[)]|[①-⑳])")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十]+[)])")
_TIER_MARK = re.compile(r"^(?:\d+[.、]|[(]\d+[)]|[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十]+[)])")
_TIER_CAP = re.compile(r"(?:分值|满分|权重)(?:为|是)?" + _NUM + "分")
_TIER_SCORE = re.compile(r"(?<![应率])得分(?!率)(?:为|是)?" + _NUM + "分")


class _Sentence(NamedTuple):
    text: str  # as compared: full width folded, no spaces, no thousands separators
    quote: str  # as written, for the finding to quote
    ref: ParaRef


def read_sums(paragraphs, in_plans: list[bool], tier_names: list[str], out: Narrative) -> None:
    """Adds to *out* the arithmetic facts of *paragraphs* (evalbook.files.docx.Paragraph);
    *in_plans* marks the paragraphs under a plans heading, *tier_names* are the tables' tier-1
    names (canonical)."""
    paras = [[_Sentence(THOUSANDS_SEPARATOR.sub("", normalize(q)), q.strip(), ParaRef(REPORT_SHEET, p.number))
              for q in _SENTENCE.split(p.text) if normalize(q)] for p in paragraphs]
    sub = _sub_project_paragraphs([THOUSANDS_SEPARATOR.sub("", normalize(p.text)) for p in paragraphs])
    totals: list[tuple[int, str, Said]] = []  # (paragraph index, kind, figure)
    for i, sentences in enumerate(paras):
        if in_plans[i]:
            continue
        for s in sentences:
            totals.extend((i, kind, said) for kind, said in _totals(s))
            if not sub[i]:
                out.project_totals.extend(_project_totals(s))
    for i, sentences in enumerate(paras):
        if in_plans[i]:  # a count is read there too (已开通的105个行政村), nothing else
            continue
        for s in sentences:
            out.shares.extend(_shares(s, i, totals))
            out.remainders.extend(_remainders(s, i, totals))
            out.score_lines.extend(_score_lines(s))
            out.part_sums.extend(_part_sums(s))
            out.tier_clauses.extend(_tier_clauses(s, tier_names))
    out.counts.extend(_counts([s for sentences in paras for s in sentences]))


def _said(m: re.Match, word: str, s: _Sentence, first: int = 1) -> Said | None:
    """The figure of a match whose groups from *first* on are (approx, number, approx, unit,
    approx) as _LINK + _MONEY write them; None for an approximation."""
    approx, number, more, unit, around = m.group(first, first + 1, first + 2, first + 3, first + 4)
    if approx or more or around:
        return None
    num = parse_text_number(number)
    return Said(num, unit, word, s.ref, s.quote) if num is not None else None


def _money(m: re.Match, s: _Sentence, word: str = "") -> Said | None:
    """A bare _MONEY match (number, approx, unit, approx); None for an approximation."""
    number, more, unit, around = m.groups()
    if more or around or s.text[max(0, m.start() - 2):m.start()].endswith(("约", "近", "逾")):
        return None
    num = parse_text_number(number)
    return Said(num, unit, word, s.ref, s.quote) if num is not None else None


def _totals(s: _Sentence, *, whole_project: bool = False):
    """(kind, figure) of each total the sentence states; with *whole_project*, only those that
    can be the whole project's (not 2023年度预算资金合计, 一期工程总投资, 合同总金额 …). Any
    total may be what a share or a remainder is of: more of them only makes N106 quieter."""
    for kind, pattern in (("contract", _CONTRACT), ("budget", _BUDGET), ("investment", _INVEST)):
        for m in pattern.finditer(s.text):
            clause = s.text[max(s.text.rfind(c, 0, m.start()) for c in ",;:") + 1:m.start()]
            if whole_project and _NOT_PROJECT.search(clause):
                continue
            said = _said(m, m.group(1), s, 2)
            if said is not None:
                yield kind, said


def _project_totals(s: _Sentence):
    for kind, said in _totals(s, whole_project=True):
        if kind == "investment" or (kind == "budget" and said.word in _PROJECT_BUDGET):
            yield kind, said


def _sub_project_paragraphs(texts: list[str]) -> list[bool]:
    """Paragraphs about one numbered sub-project: an item (1. / （2）/ ③) whose first sentence
    names a 项目, and the paragraphs after it up to the next heading or item."""
    out, inside = [], False
    for text in texts:
        if _ITEM.match(text):
            inside = "项目" in _SENTENCE.split(text)[0] and len(text) > 30
        elif _HEADING.match(text) or len(text) <= 30:
            inside = False
        out.append(inside)
    return out


def _paid_before(s: _Sentence, end: int) -> Said | None:
    """The amount stated last before *end* when its clause says it was paid (支付, 拨付 …) and
    no other figure (but its own share) stands between them."""
    amounts = [m for m in _MONEY_RE.finditer(s.text) if m.end() <= end]
    if not amounts:
        return None
    m = amounts[-1]
    if re.search(r"\d", _SHARE.sub("", s.text[m.end():end])):
        return None
    return _paid(m, s)


def _paid(m: re.Match, s: _Sentence) -> Said | None:
    """The amount of *m* when its clause says it was paid; None otherwise."""
    clause = s.text[max(s.text.rfind(c, 0, m.start()) for c in ",;:") + 1:m.start()]
    paid = _PAID.search(clause)
    if paid is None or _PLANNED.search(clause):
        return None
    return _money(m, s, paid.group(0))


def _paid_also(s: _Sentence, paid: Said, end: int) -> list[Said]:
    """The sentence's other payments stated before *end*."""
    found = (_paid(m, s) for m in _MONEY_RE.finditer(s.text) if m.end() <= end)
    return [p for p in found if p is not None][:-1]


def _candidates(totals, i: int, kinds: tuple[str, ...]) -> list[Said]:
    """The totals of *kinds* stated in paragraph *i*, else in the whole report; none (nothing
    to judge by) when one word states two values there: two 合同金额 (一标段…二标段…) are parts,
    and the total meant is then their sum, which the text does not state. (合同金额 and 中标价
    are two names a total goes by: either may be meant.)"""
    here = [s for j, k, s in totals if j == i and k in kinds]
    scope = here or [s for _, k, s in totals if k in kinds]
    values: dict[str, set] = {}
    for said in scope:
        values.setdefault(said.word, set()).add(round(said.wan, 6))
    return [] if any(len(v) > 1 for v in values.values()) else scope


def _shares(s: _Sentence, i: int, totals):
    for m in _SHARE.finditer(s.text):
        paid = _paid_before(s, m.start())
        share = parse_text_number(m.group(2) + "%")
        if paid is None or share is None:
            continue
        base = "budget" if "预算" in m.group(1) else "contract"
        found = _candidates(totals, i, (base,))
        if found:
            yield Share(paid, Said(share, "%", m.group(1), s.ref, s.quote), base, found,
                        _paid_also(s, paid, m.start()))


def _remainders(s: _Sentence, i: int, totals):
    for m in _REMAIN.finditer(s.text):
        paid = _paid_before(s, m.start())
        left = _said(m, m.group(1), s, 2)
        if paid is None or left is None:
            continue
        found = _candidates(totals, i, ("budget", "contract", "investment"))
        if found:
            yield Remainder(paid, left, found, _paid_also(s, paid, m.start()))


def _score_lines(s: _Sentence):
    """One “应得分A分，扣B分，评价得分C分，得分率R%” per sentence: each figure stated once."""
    found = [list(p.finditer(s.text)) for p in (_DUE, _DEDUCT, _SCORE, _SCORE_RATE)]
    if len(found[0]) != 1 or len(found[2]) != 1 or len(found[1]) > 1 or len(found[3]) > 1:
        return
    due, deducted, score, rate = (parse_text_number(ms[0].group(1) + ("%" if k == 3 else "")) if ms else None
                                  for k, ms in enumerate(found))
    if due is not None and score is not None and (deducted is not None or rate is not None):
        yield ScoreLine(s.ref, s.quote, due, score, deducted, rate)


def _part_sums(s: _Sentence):
    """“其中：A万元；B万元，合计C万元”: each part between 其中 and 合计 one amount, two parts or more."""
    starts = list(_PARTS.finditer(s.text))
    if len(starts) != 1:
        return
    total_m = next((m for m in _PARTS_TOTAL.finditer(s.text) if m.start() > starts[0].end()), None)
    if total_m is None:
        return
    total = _said(total_m, total_m.group(1), s, 2)
    parts = []
    for segment in re.split(r"[;、,]", s.text[starts[0].end():total_m.start()]):
        if not segment:
            continue
        amounts = list(_MONEY_RE.finditer(segment))
        if len(amounts) != 1:
            return
        part = _money(amounts[0], _Sentence(segment, s.quote, s.ref))
        if part is None:
            return
        parts.append(part)
    if total is not None and len(parts) >= 2:
        yield PartsSum(parts, total)


def _tier_clauses(s: _Sentence, tier_names: list[str]):
    """“产出指标（指标分值50分，得分50分）”: a sentence opening with a tier-1's name (nothing
    between it and its figures but 指标 / 分析 / 情况) states that tier's cap and score."""
    rest = _TIER_MARK.sub("", s.text)
    for name in sorted(tier_names, key=len, reverse=True):
        m = re.match(re.escape(name) + r"(?:指标)?(?:分析|情况|完成情况|得分情况|评价情况)?[(:,]?(?:指标)?"
                     r"(?=分值|满分|权重|得分)", rest)
        if m is None:
            continue
        tail = rest[m.end():]
        if "应得" in tail or any(n in tail for n in tier_names) or _PLANNED.search(tail):
            return
        caps, scores = list(_TIER_CAP.finditer(tail)), list(_TIER_SCORE.finditer(tail))
        if len(caps) > 1 or len(scores) > 1:
            return
        cap = parse_text_number(caps[0].group(1)) if caps else None
        score = parse_text_number(scores[0].group(1)) if scores else None
        if cap is not None or score is not None:
            yield TierClause(s.ref, s.quote, name, cap, score)
        return


def _counts(sentences: list[_Sentence]) -> list[CountParts]:
    """A count the report states whole (全县105个行政村), done (已开通的105个行政村) and not done
    (尚有6个行政村…暂未开通), for one measure word, noun and verb, each with one value."""
    whole, done, left = [], [], []  # (said, tail, verbs)
    for s in sentences:
        for m in _COUNT.finditer(s.text):
            before, tail = s.text[:m.start()], m.group(3)
            said = Said(parse_text_number(m.group(1)), m.group(2), "", s.ref, s.quote)
            if _WHOLE.search(before):
                whole.append((said, tail, set()))
            elif _LEFT.search(before):
                left.append((said, tail, {v.group(1) for v in _NOT_YET.finditer(s.text[m.end(2):])}))
            else:
                d = _DONE_BEFORE.search(before) or _find_done_after(tail)
                # the words that say when: the clause before the count, and before 已 after it
                when = before[max(before.rfind(c) for c in ",;:") + 1:] + tail.split("已", 1)[0]
                if d is not None and not _PERIOD.search(when):
                    done.append((said, tail, {d.group(1)}))
    out, seen = [], set()
    for d_said, d_tail, d_verbs in done:
        verb = next(iter(d_verbs))
        for l_said, l_tail, l_verbs in left:
            noun = _common_prefix(d_tail, l_tail)
            key = (d_said.unit, noun, verb)
            if d_said.unit != l_said.unit or len(noun) < 2 or verb not in l_verbs or key in seen:
                continue
            seen.add(key)
            group = _one_value(d_said.unit, noun, verb, whole, done, left)
            if group is not None:
                out.append(CountParts(d_said.unit + noun, verb, *group))
    return out


def _find_done_after(tail: str):
    """“105个行政村已开通”: 已 + verb after the noun (the noun is what the tails share)."""
    k = tail.find("已")
    return _DONE_AFTER.match(tail[k - 1 if k > 0 and tail[k - 1] in "均都" else k:]) if k > 0 else None


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _one_value(unit, noun, verb, whole, done, left):
    """(total, done, undone) when each is stated with one value for this noun; else None."""
    picked = []
    for mentions, needs_verb in ((whole, False), (done, True), (left, True)):
        these = [s for s, tail, verbs in mentions
                 if s.unit == unit and tail.startswith(noun) and (not needs_verb or verb in verbs)]
        if not these or len({s.num.value for s in these}) != 1:
            return None
        picked.append(these[0])
    return tuple(picked)
