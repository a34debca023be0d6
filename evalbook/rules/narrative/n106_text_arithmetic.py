"""N106: the text's own arithmetic does not hold (evalbook's extension beyond the spec).
Doc: n106_text_arithmetic.md beside this file."""

from __future__ import annotations

from evalbook.model.interval import Interval
from evalbook.model.workbook import Workbook
from evalbook.rules import Context, rule
from evalbook.rules.narrative.shared import arithmetic, money, plain, quote, said_wan, same


@rule("N106", "warning",
      title=("报告正文中的数字彼此算不拢", "figures in the report's text do not add up among themselves"),
      messages={
          "N106.share": ("报告写“{quote}”：{paid_word} {paid} 占{word} {shown}，按{total_word} {total} 计算应为 {expected}",
                         "the report says “{quote}”: {paid} ({paid_word}) is {shown} of the {word}; against "
                         "{total_word} {total} it is {expected}"),
          "N106.remainder": ("报告写“{quote}”：{paid_word} {paid}，剩余 {left}；按{total_word} {total} 计算剩余应为 {expected} 万元",
                             "the report says “{quote}”: {paid} ({paid_word}), {left} left; {total_word} {total} "
                             "leaves {expected} 万元"),
          "N106.deduction": ("报告写“{quote}”：应得分 {due} 分、扣 {deducted} 分，评价得分应为 {expected} 分，正文写 {stated} 分",
                             "the report says “{quote}”: {due} due less {deducted} deducted is {expected}, "
                             "not the stated score {stated}"),
          "N106.rate": ("报告写“{quote}”：得分率 {stated}，评价得分 {score} 分 / 应得分 {due} 分 = {expected}",
                        "the report says “{quote}”: score rate {stated}; {score} scored of {due} due is {expected}"),
          "N106.parts": ("报告写“{quote}”：其中各项 {parts} 合计应为 {expected} 万元，正文写{word} {said}",
                         "the report says “{quote}”: its parts {parts} add up to {expected} 万元, "
                         "not the stated {word} {said}"),
          "N106.count": ("报告写“{quote}”：已{verb} {done}{noun}，{left_at} 写尚有 {left}{noun}未{verb}，"
                         "合计 {expected}{noun}；而 {total_at} 写共 {stated}{noun}",
                         "the report says “{quote}”: {done}{noun} done (已{verb}), {left_at} says {left}{noun} "
                         "not yet (未{verb}), {expected} in all; {total_at} says {stated}{noun} in all"),
      })
def check_text_arithmetic(wb: Workbook, ctx: Context):
    for fact in arithmetic(wb, "shares"):
        yield from _share(fact, ctx)
    for fact in arithmetic(wb, "remainders"):
        yield from _remainder(fact, ctx)
    for line in arithmetic(wb, "score_lines"):
        yield from _score_line(line, ctx)
    for fact in arithmetic(wb, "part_sums"):
        yield from _parts(fact, ctx)
    for fact in arithmetic(wb, "counts"):
        yield from _count(fact, ctx)


def _share(fact, ctx: Context):
    """The share is 累计支付 / the total for at least one total of its base the report states
    (and one payment of the sentence)."""
    shares = [(t, fact.paid.wan / t.wan) for t in fact.totals if t.wan]
    others = [p.wan / t.wan for p in fact.paid_also for t in fact.totals if t.wan]
    if not shares or any(fact.share.num.agrees(x) for x in [x for _, x in shares] + others):
        return
    total, expected = min(shares, key=lambda p: abs(p[1] - fact.share.num.value))
    st = fact.share
    yield ctx.finding("N106", st.ref, "N106.share", stated=st.num.value, expected=expected, percent=True,
                      quote=quote(st.sentence), paid=money(fact.paid), paid_word=fact.paid.word, word=st.word,
                      shown=f"{st.num.value * 100:.{max(st.num.decimals - 2, 0)}f}%",
                      total_word=total.word, total=money(total))


def _remainder(fact, ctx: Context):
    """剩余 = the total − 累计支付 for at least one total the report states (each figure the
    interval its decimals allow: the text's figures are rounded)."""
    left = said_wan(fact.remainder)
    if any(same(left, said_wan(t) - said_wan(p)) for t in fact.totals for p in [fact.paid, *fact.paid_also]):
        return
    total = min(fact.totals, key=lambda t: abs(t.wan - fact.paid.wan - fact.remainder.wan))
    st = fact.remainder
    yield ctx.finding("N106", st.ref, "N106.remainder", stated=st.wan, expected=total.wan - fact.paid.wan,
                      quote=quote(st.sentence), paid=money(fact.paid), paid_word=fact.paid.word, left=money(st),
                      total_word=total.word, total=money(total))


def _score_line(line, ctx: Context):
    """评价得分 = 应得分 − 扣分, 得分率 = 评价得分 / 应得分, each as stated."""
    due, score = line.due.value, line.score.value
    if line.deducted is not None and not line.score.agrees(due - line.deducted.value):
        yield ctx.finding("N106", line.ref, "N106.deduction", stated=score, expected=due - line.deducted.value,
                          quote=quote(line.sentence), due=plain(due), deducted=plain(line.deducted.value))
    elif line.rate is not None and due and not line.rate.agrees(score / due):
        yield ctx.finding("N106", line.ref, "N106.rate", stated=line.rate.value, expected=score / due, percent=True,
                          quote=quote(line.sentence), due=plain(due), score=plain(score))


def _parts(fact, ctx: Context):
    """其中各项 add up to the 合计 stated after them (the parts as rounded as the text shows them)."""
    whole = Interval(0.0, 0.0)
    for part in fact.parts:
        whole = whole + said_wan(part)
    if same(said_wan(fact.total), whole):
        return
    st = fact.total
    yield ctx.finding("N106", st.ref, "N106.parts", stated=st.wan, expected=sum(p.wan for p in fact.parts),
                      quote=quote(st.sentence), parts=" + ".join(money(p) for p in fact.parts),
                      word=st.word, said=money(st))


def _count(fact, ctx: Context):
    """What is done and what is not add up to the whole (counts: exact)."""
    done, left, total = fact.done.num.value, fact.undone.num.value, fact.total.num.value
    if done + left == total:
        return
    st = fact.done
    yield ctx.finding("N106", st.ref, "N106.count", stated=total, expected=done + left, quote=quote(st.sentence),
                      verb=fact.verb, done=plain(done), left=plain(left), noun=fact.noun,
                      left_at=str(fact.undone.ref), total_at=str(fact.total.ref))
