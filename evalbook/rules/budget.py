"""B rules: budget, funds and payments — the money a report states must add up like its scores.

All comparisons stay inside one workbook's 金额单位 (万元 or 元): every amount of a workbook is
in the same unit (workbook.md), so nothing is converted and an amount's shown decimals are
judged as written. A stated figure is the interval its shown decimals allow; a computed one is
taken from the stored values of its inputs (rules.md "equal").
"""

from __future__ import annotations

from evalbook.rules import Context
from evalbook.rules import rule
from evalbook.model.derived import budget_score, val
from evalbook.messages import num, pct, shown
from evalbook.model.workbook import Field, FundsRow, Workbook
from evalbook.read.reader import label_key

_EPS = 1e-9

MONEY_NAMES = {"total_investment": "项目总投资", "contract": "合同金额",
               "cumulative_paid": "累计支付", "remaining": "剩余资金"}
FUNDS_COLUMNS = (("initial_budget", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


def _decimals(*fields: Field | None) -> int:
    """Decimals to show money with: at least 2, more when an input shows more, so two figures
    that differ in the fourth decimal never print alike."""
    d = 2
    for f in fields:
        if f is not None and f.num is not None and not f.num.percent:
            d = max(d, f.num.decimals)
    return d


def _money(x: float | None, *fields: Field | None) -> str:
    return num(x, _decimals(*fields))


def _total(wb: Workbook) -> FundsRow | None:
    p = wb.project
    return p.funds.total if p is not None and p.funds is not None else None


def _money_field(wb: Workbook, name: str) -> Field | None:
    p = wb.project
    if p is None or name not in p.money:
        return None
    return p.money[name].value


@rule("B101", "error")
def check_execution_rate(wb: Workbook, ctx: Context):
    """The funds block's stated 执行率 is not 全年执行数 / 全年预算数. When it is 全年执行数 /
    年初预算数 (the budget before adjustment), the message says so.

    The execution rate is what the budget-execution score is computed from; a rate that does
    not follow from the two amounts beside it scores money that was not spent (or hides money
    that was).

    Example: 全年预算数 50, 全年执行数 40, 执行率 98%.

    Fix: make it 全年执行数/全年预算数 (annotate writes it as a formula).
    """
    total = _total(wb)
    if total is None or total.rate is None or total.rate.num is None:
        return
    b, e = val(total.budget), val(total.executed)
    if b is None or e is None or b <= 0:
        return
    expected = e / b
    if total.rate.num.agrees(expected):
        return
    params = dict(shown=shown(total.rate), executed=_money(e, total.executed), budget=_money(b, total.budget),
                  rate=pct(expected))
    initial = val(total.initial_budget)
    key = "B101"
    if initial is not None and initial > 0 and total.rate.num.agrees(e / initial):
        key = "B101.initial"
        params.update(initial=_money(initial, total.initial_budget), other=pct(e / initial))
    yield ctx.finding("B101", total.rate.ref, key, stated=total.rate.num.value, expected=expected,
                      percent=True, **params)


@rule("B102", "error")
def check_budget_score(wb: Workbook, ctx: Context):
    """The stated budget-execution score (the funds block's 得分, or the 预算执行率 row's in the
    indicator sheet) is not the profile's formula — by default 分值 × min(执行率, 100%), two
    decimals — applied to 全年执行数 / 全年预算数. A 预算执行率 row is judged with its own 分值
    when the funds block gives the money and the row gives the score.

    The budget-execution score is part of the total; one written by hand (often full marks)
    lifts the total and the grade without the money to back it.

    Example: 分值 10, 执行率 44.69%, 得分 10.00 (the formula gives 4.47).

    Fix: write the formula's score (annotate writes it as a formula).
    """
    d = ctx.derived
    if d.budget_rate is None:
        return
    scored = [(d.budget_score_field, d.budget_cap)]
    if d.budget_source == "funds" and wb.indicators is not None:
        scored += [(row.score, val(row.cap)) for row in wb.indicators.budget_rows
                   if row.score is not d.budget_score_field]
    r = min(d.budget_rate, 1.0) if ctx.profile.budget_formula == "capped" else d.budget_rate
    key = "B102" if ctx.profile.budget_formula == "capped" else "B102.linear"
    for f, cap in scored:
        if f is None or f.num is None or cap is None:
            continue
        expected = budget_score(cap, d.budget_rate, ctx.profile)
        # The formula rounds to two decimals; a score stated with more may match the unrounded value.
        if f.num.agrees(expected) or f.num.agrees(cap * r):
            continue
        yield ctx.finding("B102", f.ref, key, stated=f.num.value, expected=expected,
                          cap=num(cap), rate=pct(d.budget_rate), profile=ctx.profile.name)


@rule("B103", "error")
def check_funds_parts(wb: Workbook, ctx: Context):
    """The funds block's 其中 rows (当年财政拨款, 上年结转资金, 其他资金 …) do not add up to the
    年度资金总额 row, checked per column: 年初预算数, 全年预算数 and 全年执行数 each on their own.
    A total left blank or at 0 while its 其中 rows carry money is the same finding: the total
    row is what the rate and score are computed from. Columns whose 其中 cells are all blank
    are not checked (many reports give the total alone).

    The total row feeds the execution rate; parts that say otherwise mean one of them was
    changed and the other was not.

    Example: 全年预算数 50 over 当年财政拨款 40 + 上年结转资金 5 + 其他资金 0 = 45.

    Fix: make 年度资金总额 the sum of its 其中 rows (annotate writes a SUM formula there).
    """
    total = _total(wb)
    if total is None:
        return
    parts = wb.project.funds.parts
    for attr, column in FUNDS_COLUMNS:
        cell = getattr(total, attr)
        if cell is None:
            continue
        items = [(p, getattr(p, attr)) for p in parts]
        items = [(p, f) for p, f in items if f is not None and f.num is not None]
        if not items:
            continue
        expected = sum(f.num.value for _, f in items)
        fields = [f for _, f in items] + [cell]
        listing = " + ".join(f"{label_key(p.label)} {_money(f.num.value, *fields)}" for p, f in items)
        if cell.bad:
            continue  # text where the total belongs is S103's
        stated = val(cell)
        if stated is None or stated == 0:
            if abs(expected) > _EPS:
                yield ctx.finding("B103", cell.ref, "B103.blank", stated=stated, expected=expected,
                                  column=column, sum=_money(expected, *fields), parts=listing)
            continue
        if not cell.num.agrees(expected):
            yield ctx.finding("B103", cell.ref, stated=stated, expected=expected, column=column,
                              shown=_money(stated, *fields), sum=_money(expected, *fields), parts=listing)


@rule("B104", "warning")
def check_execution_above_budget(wb: Workbook, ctx: Context):
    """Execution above budget: 全年执行数 is more than 全年预算数 (执行率 above 100%), in the
    funds block's 年度资金总额 row. The finding sits on 全年执行数, the figure to verify.

    Spending more than the (adjusted) budget is not allowed without a budget adjustment; most
    often the adjusted budget was not carried into 全年预算数, or 执行数 counts another year's
    money. The score is capped at 分值 either way.

    Example: 全年预算数 50, 全年执行数 52 (104%).

    Fix: enter the adjusted budget in 全年预算数, or correct 全年执行数.
    """
    total = _total(wb)
    if total is None or total.executed is None:
        return
    b, e = val(total.budget), val(total.executed)
    if b is None or e is None:
        return
    # Money spent against a budget of 0 is above it too; its rate has no value to show.
    if e > b + _EPS * max(1.0, abs(b)):
        yield ctx.finding("B104", total.executed.ref, stated=e, expected=b,
                          executed=_money(e, total.executed, total.budget),
                          budget=_money(b, total.executed, total.budget), rate=pct(e / b) if b > 0 else pct(None))


def _year_payments(wb: Workbook, year: int):
    return [p for p in wb.payments.rows if p.date is not None and p.date.year == year]


@rule("B105", "error")
def check_year_payments(wb: Workbook, ctx: Context):
    """The payments dated in the evaluation year (评价年度) do not add up to the funds block's
    全年执行数. Checked only when the year is known, the payments sheet lists payments and
    全年执行数 is stated; payments without a readable date are left out (B110 names them, and the
    message says how many). When 全年执行数 is instead the sum of all dated payments, other
    years' included, the message says so.

    全年执行数 is money paid out in the year; the payment list is its evidence. When they
    differ, one of them is incomplete.

    Example: 全年执行数 300, payments dated 2023 adding up to 280.

    Fix: list the missing payments, or correct 全年执行数.
    """
    total, p = _total(wb), wb.project
    if wb.payments is None or not wb.payments.rows or p is None or p.year is None:
        return
    if total is None or total.executed is None or total.executed.num is None:
        return
    rows = _year_payments(wb, p.year)
    amounts = [r.amount for r in rows if r.amount is not None and r.amount.num is not None]
    expected = sum(f.num.value for f in amounts)
    if total.executed.num.agrees(expected):
        return
    undated = sum(1 for r in wb.payments.rows if r.date is None)
    dated = [r.amount for r in wb.payments.rows
             if r.date is not None and r.amount is not None and r.amount.num is not None]
    key = "B105.undated" if undated else "B105"
    if len(dated) > len(amounts) and total.executed.num.agrees(sum(f.num.value for f in dated)):
        key = "B105.all"
    fields = dated + [total.executed]
    yield ctx.finding("B105", total.executed.ref, key, stated=total.executed.num.value, expected=expected,
                      shown=_money(total.executed.num.value, *fields), sum=_money(expected, *fields),
                      year=p.year, count=len(rows), undated=undated, all=len(dated))


@rule("B106", "error")
def check_payment_totals(wb: Workbook, ctx: Context):
    """Either all payments listed do not add up to the stated 累计支付 (on the 累计支付 cell),
    or the payments sheet's stated 合计 row is not the sum of the payments above it (on the
    合计 cell). Both are checked. When 累计支付 is only the evaluation year's payments, the
    message says so.

    累计支付 is what the share of the contract and the remaining money are computed from; the
    payment list is its evidence, and the 合计 row is what a reviewer reads first.

    Example: 累计支付 800, payments adding up to 500; or 合计 30 over payments of 15 + 10.

    Fix: list the missing payments or correct 累计支付; make 合计 a SUM of the rows above it.
    """
    pay = wb.payments
    if pay is None:
        return
    amounts = [r.amount for r in pay.rows if r.amount is not None and r.amount.num is not None]
    listed = sum(f.num.value for f in amounts)
    paid = _money_field(wb, "cumulative_paid")
    if pay.rows and paid is not None and paid.num is not None and not paid.num.agrees(listed):
        fields = amounts + [paid]
        key, year, year_count = "B106.paid", None, 0
        if wb.project is not None and wb.project.year is not None:
            year = wb.project.year
            in_year = [r.amount for r in _year_payments(wb, year) if r.amount is not None and r.amount.num is not None]
            year_count = len(in_year)
            if year_count < len(amounts) and paid.num.agrees(sum(f.num.value for f in in_year)):
                key = "B106.paid_year"
        yield ctx.finding("B106", paid.ref, key, stated=paid.num.value, expected=listed,
                          shown=_money(paid.num.value, *fields), sum=_money(listed, *fields),
                          count=len(pay.rows), year=year, year_count=year_count)
    t = pay.total
    if t is not None and t.num is not None and not t.num.agrees(listed):
        fields = amounts + [t]
        yield ctx.finding("B106", t.ref, "B106.total", stated=t.num.value, expected=listed,
                          shown=_money(t.num.value, *fields), sum=_money(listed, *fields),
                          count=len(pay.rows))


@rule("B107", "error")
def check_remaining(wb: Workbook, ctx: Context):
    """The stated 剩余资金 is not 项目总投资 − 累计支付 (全年预算数 − 全年执行数 when either of the
    two is missing). When the stated figure is the other reading (合同金额 − 累计支付, or
    全年预算数 − 全年执行数), the message says so.

    Money left over is returned or carried over; a figure that does not follow from the
    amounts above it misstates what is owed back.

    Example: 项目总投资 36.92, 累计支付 36.92, 剩余资金 0.08 (it is 0).

    Fix: make it 项目总投资 − 累计支付 (annotate writes it as a formula).
    """
    rem = _money_field(wb, "remaining")
    if rem is None or rem.num is None:
        return
    total = _total(wb)
    readings = []  # (name of base, base field, name of subtrahend, subtrahend field)
    ti, paid = _money_field(wb, "total_investment"), _money_field(wb, "cumulative_paid")
    contract = _money_field(wb, "contract")
    if val(ti) is not None and val(paid) is not None:
        readings.append(("项目总投资", ti, "累计支付", paid))
    if total is not None and val(total.budget) is not None and val(total.executed) is not None:
        readings.append(("全年预算数", total.budget, "全年执行数", total.executed))
    if not readings:
        return
    base_name, base, sub_name, sub = readings[0]
    expected = base.num.value - sub.num.value
    if rem.num.agrees(expected):
        return
    if val(contract) is not None and val(paid) is not None:
        readings.append(("合同金额", contract, "累计支付", paid))
    fields = [rem, base, sub]
    params = dict(shown=_money(rem.num.value, *fields), base_name=base_name, base=_money(base.num.value, *fields),
                  sub_name=sub_name, sub=_money(sub.num.value, *fields), diff=_money(expected, *fields))
    for o_base_name, o_base, o_sub_name, o_sub in readings[1:]:
        other = o_base.num.value - o_sub.num.value
        if rem.num.agrees(other):
            yield ctx.finding("B107", rem.ref, "B107.other", stated=rem.num.value, expected=expected,
                              other_base_name=o_base_name, other_base=_money(o_base.num.value, rem, o_base),
                              other_sub_name=o_sub_name, other_sub=_money(o_sub.num.value, rem, o_sub),
                              **params)
            return
    yield ctx.finding("B107", rem.ref, stated=rem.num.value, expected=expected, **params)


@rule("B108", "error")
def check_paid_share(wb: Workbook, ctx: Context):
    """The stated 支付占合同比例 is not 累计支付 / 合同金额 (rounding at its shown decimals is
    allowed: 45% stands for 44.5%–45.5%). When the stated share is instead 累计支付 / 项目总投资
    or 累计支付 / 全年预算数, the message says which.

    Reports often divide by the budget and call it a share of the contract; the two differ
    whenever the contract came in under budget, and the share of the contract is what the
    payment schedule is judged by.

    Example: 累计支付 800, 合同金额 1736.18, 项目总投资 1789.95, stated 45%: 800/1789.95 is
    44.69% (of the budget), 800/1736.18 is 46.08% (of the contract).

    Fix: make it 累计支付/合同金额 (annotate writes it as a formula).
    """
    p = wb.project
    share = p.paid_share if p is not None else None
    if share is None or share.num is None:
        return
    paid, contract = _money_field(wb, "cumulative_paid"), _money_field(wb, "contract")
    pv, cv = val(paid), val(contract)
    if pv is None or cv is None or cv <= 0:
        return
    expected = pv / cv
    if share.num.agrees(expected):
        return
    fields = [paid, contract]
    params = dict(shown=shown(share), paid=_money(pv, *fields), contract=_money(cv, *fields),
                  rate=pct(expected))
    total = _total(wb)
    others = [("B108.total", _money_field(wb, "total_investment")),
              ("B108.budget", total.budget if total is not None else None)]
    for key, base in others:
        bv = val(base)
        if bv is not None and bv > 0 and share.num.agrees(pv / bv):
            yield ctx.finding("B108", share.ref, key, stated=share.num.value, expected=expected, percent=True,
                              base=_money(bv, paid, base), other=pct(pv / bv), **params)
            return
    yield ctx.finding("B108", share.ref, stated=share.num.value, expected=expected, percent=True, **params)


@rule("B109", "error")
def check_money_parts(wb: Workbook, ctx: Context):
    """The 其中 rows listed directly under a project money field (项目总投资, 合同金额 …) add up
    to more than the field: an error, since a part cannot exceed its whole. When they add up to
    less, a warning (same code): a part may be missing from the list, or the rest is unassigned.
    A field left blank while its 其中 rows carry money counts as adding up to more.

    The parts are usually the sub-projects or contracts the money went to; a whole that
    disagrees with them means one of the figures was copied wrong.

    Example: 项目总投资 237.95 with 其中 80 + 78.82 + 81 = 239.82.

    Fix: correct the part or the whole so that the parts add up to it.
    """
    p = wb.project
    if p is None:
        return
    for name, mf in p.money.items():
        parts = [(label, f) for label, f in mf.parts if f.num is not None]
        if not parts:
            continue
        expected = sum(f.num.value for _, f in parts)
        fields = [f for _, f in parts] + [mf.value]
        listing = " + ".join(_money(f.num.value, *fields) for _, f in parts)
        what = MONEY_NAMES.get(name, name)
        if mf.value.bad:
            continue  # text where the amount belongs is S103's
        stated = val(mf.value)
        if stated is None:
            if abs(expected) > _EPS:
                yield ctx.finding("B109", mf.value.ref, "B109.blank", expected=expected, what=what,
                                  sum=_money(expected, *fields), parts=listing)
            continue
        if mf.value.num.agrees(expected):
            continue
        more = expected > stated
        yield ctx.finding("B109", mf.value.ref, "B109.more" if more else "B109.less",
                          severity=None if more else "warning", stated=stated, expected=expected, what=what,
                          shown=_money(stated, *fields), sum=_money(expected, *fields), parts=listing,
                          diff=_money(abs(expected - stated), *fields))


@rule("B110", "warning")
def check_payment_dates(wb: Workbook, ctx: Context):
    """A payment is dated outside the evaluation year (评价年度), or its date cannot be read
    (blank, or text that is no date). Accepted: Excel dates, and text such as 2023-09-15,
    2023/9/15, 2023年9月15日, 2023.9. When the year is unknown only unreadable dates are reported.

    Payments of other years do not belong in this year's 全年执行数 (they may belong in
    累计支付); an undated payment cannot be placed in any year.

    Example: 评价年度 2023, a payment dated 2022-12-28.

    Fix: write the payment's date; move other years' payments out of the year's total.
    """
    pay, p = wb.payments, wb.project
    if pay is None:
        return
    year = p.year if p is not None else None
    for r in pay.rows:
        f = r.date_field
        if r.date is None:
            if f.blank:
                yield ctx.finding("B110", f.ref, "B110.blank")
            else:
                yield ctx.finding("B110", f.ref, "B110.unreadable", text=str(f.raw).strip()[:40])
        elif year is not None and r.date.year != year:
            yield ctx.finding("B110", f.ref, "B110.outside", date=r.date.isoformat(), year=year)


@rule("B111", "error")
def check_payment_amounts(wb: Workbook, ctx: Context):
    """A payment's amount is 0 or negative, missing, or not a number.

    A payment list is evidence of money paid out; a zero, a negative amount (a refund written
    as a payment) or a text amount drops out of, or distorts, every total built on it.

    Example: 金额 "待付", or −5 for a refund.

    Fix: write the amount paid as a positive number; record refunds in 备注 and reduce 累计支付.
    """
    pay = wb.payments
    if pay is None:
        return
    for r in pay.rows:
        f = r.amount
        if f is None:
            continue
        if f.num is None:
            if f.blank:
                yield ctx.finding("B111", f.ref, "B111.blank")
            else:
                yield ctx.finding("B111", f.ref, "B111.text", text=str(f.raw).strip()[:40])
        elif f.num.value <= 0:
            yield ctx.finding("B111", f.ref, "B111.nonpositive", stated=f.num.value, shown=shown(f))


@rule("B112", "warning")
def check_paid_above(wb: Workbook, ctx: Context):
    """累计支付 is above 合同金额 or above 项目总投资 for every value their shown decimals allow
    (49.6 is above 49.5; 36.92 is not above 36.915, which may be 36.92 when rounded).

    Paying more than the contract needs a supplementary contract, and more than the project's
    total investment needs new money; most often the figures were mixed up.

    Example: 合同金额 36.92, 累计支付 39.62.

    Fix: check 累计支付 against the payment list, and the contract and investment figures.
    """
    paid = _money_field(wb, "cumulative_paid")
    if paid is None or paid.num is None:
        return
    above = []
    for name in ("contract", "total_investment"):
        f = _money_field(wb, name)
        # A shown figure stands for [x − h, x + h): a paid interval starting where the other's ends
        # is above it for every value the two cells can hold (49.6 vs 49.5), an overlap is not.
        if (f is not None and f.num is not None and paid.num.value > f.num.value
                and paid.num.stated.lo >= f.num.stated.hi - _EPS * max(1.0, abs(f.num.value))):
            above.append((name, f))
    if not above:
        return
    key = "B112.both" if len(above) == 2 else f"B112.{above[0][0]}"
    fields = [paid] + [f for _, f in above]
    ref_value = above[0][1].num.value
    yield ctx.finding("B112", paid.ref, key, stated=paid.num.value, expected=ref_value,
                      shown=_money(paid.num.value, *fields),
                      **{name: _money(f.num.value, *fields) for name, f in above})


@rule("B113", "warning")
def check_results_ahead_of_money(wb: Workbook, ctx: Context):
    """Results ahead of money: the indicators' completion — the leaf scores' sum over the leaf
    caps' sum — exceeds the budget execution rate (全年执行数 / 全年预算数) by more than the
    profile's margin of the rate itself, i.e. completion > rate × (1 + b113_margin) (mof2020:
    5%, so at a rate of 44.69% a completion above 46.93% is reported). The finding sits on the
    stated 执行率 (the cell where it belongs when blank).

    Full marks on outputs with half the money spent is the commonest inflation in
    self-evaluations: either the work is not done, or the money was spent and not recorded.

    Example: all indicators at full marks (100%) with 全年执行数 300 of 全年预算数 1789.95 (16.76%).

    Fix: score what was actually achieved, or record the spending in 全年执行数.
    """
    d = ctx.derived
    if d.budget_rate is None or d.leaf_cap_sum <= 0 or wb.indicators is None:
        return
    completion = d.leaf_score_sum / d.leaf_cap_sum
    margin = ctx.profile.b113_margin
    limit = d.budget_rate * (1 + margin)
    if completion <= limit + _EPS:
        return
    f = d.budget_rate_field if d.budget_rate_field is not None else d.executed
    if f is None:
        return
    yield ctx.finding("B113", f.ref, stated=completion, expected=d.budget_rate, percent=True,
                      score=num(d.leaf_score_sum), cap=num(d.leaf_cap_sum), margin=pct(margin, 0),
                      limit=pct(limit))
