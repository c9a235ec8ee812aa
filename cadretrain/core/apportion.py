"""Apportioning a class's planned headcount across units (名额分配).

``apportion`` divides ``seats`` among units in proportion to their eligible cadres:

- ``largest_remainder`` (Hare quota): floor each exact quota, then one more seat to the units
  with the largest remainders;
- ``dhondt`` / ``sainte_lague``: seats one at a time to the largest quotient population ÷ d,
  with d = 1, 2, 3… or 1, 3, 5… for a unit already holding 0, 1, 2… seats (computed by divisor
  search, so the cost does not grow with the headcount: ``core/divisor_search.py``);
- ``huntington_hill``: d = √(n(n+1)). For n = 0 the divisor is 0, so every unit with cadres
  first gets 1 seat; when there are fewer seats than such units, the first seats go to the
  largest units (the tie rule below). Quotients are compared squared, p²/(n(n+1)), exactly.

All decisions use integers and ``Fraction``; floats never decide a seat.

Tie rule (stable, independent of the mapping's iteration order): equal remainders or
quotients go to the unit with more cadres, then to the unit earlier in ``order`` (the plan's
unit order; units missing from it come after), then to the smaller unit id. A note records
every tie that decided a seat.

Bounds: a unit without cadres gets 0. ``minimum`` lifts every other unit to at least that
many (capped by its population), ``maximum`` caps every unit, and no unit ever gets more
seats than cadres. A unit whose share falls below its floor is held there and the rest is
re-apportioned among the others by the same method; a unit above its cap likewise (a cap is
final and frees the units held at their floor); this repeats until stable. Infeasible
requests are reduced and noted: seats beyond the cadres (or the caps) are not allocated; a
minimum the seats cannot cover drops to the largest floor every unit can get, the largest
units (tie rule) keeping one more as far as the seats go.

``Share.exact`` is min(seats, total) × population ÷ total, before any bound.

Limits (``core/limits.py``): at most ``MAX_UNITS`` units and ``MAX_SESSIONS`` sessions, else
:class:`CannotProceed`; the plan's checks (CT120) report them first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import isqrt

from cadretrain.core.divisor_search import divisor, divisor_search, priority
from cadretrain.core.errors import CannotProceed
from cadretrain.core.limits import MAX_SESSIONS, MAX_UNITS
from cadretrain.core.wording import decimal_text

METHODS: dict[str, str] = {
    "largest_remainder": "最大余额法（黑尔数额）",
    "dhondt": "汉狄法（D'Hondt，除数 1、2、3…）",
    "sainte_lague": "圣拉古法（Sainte-Laguë，除数 1、3、5…）",
    "huntington_hill": "亨廷顿-希尔法（Huntington-Hill，除数 √(n(n+1))）",
}
TIE_RULE = "人数多者优先，其次按计划中的单位顺序，再按单位代码"

TieKey = tuple[int, int, str]


@dataclass(frozen=True)
class Share:
    unit: str  # unit id
    population: int  # eligible cadres in the unit
    exact: Fraction  # exact quota = min(seats, total) * population / total, before min/max
    seats: int
    reason: str  # Chinese, shows the arithmetic


@dataclass(frozen=True)
class Allocation:
    method: str  # largest_remainder | dhondt | sainte_lague | huntington_hill
    seats: int  # seats actually allocated (sum of Share.seats)
    requested: int
    population: int
    shares: tuple[Share, ...]  # in the input order of units
    notes: tuple[str, ...]  # Chinese notes


@dataclass
class _Round:
    seats: dict[str, int]
    reasons: dict[str, str] = field(default_factory=dict)
    ties: list[str] = field(default_factory=list)


def _fmt(q: Fraction) -> str:
    """A non-negative fraction to 2 decimals, half up."""
    return decimal_text(q, 2)


def _fmt_sqrt(x: Fraction) -> str:
    """√x (x ≥ 0) to 2 decimals, half up: round(100√x) = (⌊√(40000x)⌋ + 1) // 2."""
    n = (isqrt(int(x * 40000)) + 1) // 2
    return f"{n // 100}.{n % 100:02d}"


def _tie_note(kind: str, group: list[str], value: str, won: list[str]) -> str:
    return (
        f"{kind}并列：{'、'.join(group)} 的{kind}同为 {value}，争 {len(won)} 席，"
        f"按“{TIE_RULE}”给 {'、'.join(won)}"
    )


def _largest_remainder(pops: dict[str, int], seats: int, key: dict[str, TieKey]) -> _Round:
    total = sum(pops.values())
    quota = {u: Fraction(seats * p, total) for u, p in pops.items()}
    floor = {u: int(q) for u, q in quota.items()}
    rem = {u: quota[u] - floor[u] for u in pops}
    left = seats - sum(floor.values())
    ranked = sorted(pops, key=lambda u: (-rem[u], key[u]))
    rnd = _Round({u: floor[u] + (1 if i < left else 0) for i, u in enumerate(ranked)})
    for i, u in enumerate(ranked):
        text = f"按比例 {_fmt(quota[u])}，取整 {floor[u]}"
        if not rem[u]:
            rnd.reasons[u] = text + "，无余数"
        else:
            got = "补 1 席" if i < left else f"不补席（余额席 {left} 个）"
            rnd.reasons[u] = text + f"，余数 {_fmt(rem[u])} 排第 {i + 1}，{got}"
    if 0 < left < len(ranked) and rem[ranked[left - 1]] == rem[ranked[left]]:
        group = [u for u in ranked if rem[u] == rem[ranked[left]]]
        won = group[: left - ranked.index(group[0])]  # group is a run of ``ranked``
        rnd.ties.append(_tie_note("余数", group, _fmt(rem[group[0]]), won))
    return rnd


def _show(p: int, d: int, method: str) -> str:
    if method == "huntington_hill":
        return f"{p}÷√({d}×{d + 1})={_fmt_sqrt(priority(p, d, method))}"
    return f"{p}÷{divisor(d, method)}={_fmt(priority(p, d, method))}"


def _highest_averages(
    pops: dict[str, int], seats: int, method: str, key: dict[str, TieKey]
) -> _Round:
    """The seats, reasons and tie notes of giving the seats one at a time to the largest
    quotient; the seats are found by divisor search (``core/divisor_search.py``), not one by one."""
    rnd = _Round(dict.fromkeys(pops, 0))
    first: dict[str, str] = {}
    if method == "huntington_hill":  # divisor √0 = 0: every unit first gets 1 seat
        ranked = sorted(pops, key=lambda u: key[u])
        for u in ranked[:seats]:
            rnd.seats[u] = 1
        if seats < len(ranked):
            for i, u in enumerate(ranked):
                first[u] = f"名额少于单位数，按人数排第 {i + 1}"
            if seats and pops[ranked[seats - 1]] == pops[ranked[seats]]:
                group = [u for u in ranked if pops[u] == pops[ranked[seats]]]
                won = [u for u in group if rnd.seats[u]]
                rnd.ties.append(_tie_note("人数", group, str(pops[group[0]]), won))
        else:
            first = dict.fromkeys(pops, "每个单位先得 1 席")
    # a unit Huntington-Hill left at 0 seats competes no further: only when no seats remain
    units = [u for u in pops if rnd.seats[u] or method != "huntington_hill"]
    left = seats - sum(rnd.seats.values())
    cutoff: Fraction | None = None  # the quotient of the last seat given by quotient
    base = 1 if method == "huntington_hill" else 0
    if left > 0 and units:
        rnd.seats.update(divisor_search({u: pops[u] for u in units}, rnd.seats, left, method, key))
        cutoff = min(
            priority(pops[u], rnd.seats[u] - 1, method) for u in units if rnd.seats[u] > base
        )
    nexts = {u: priority(pops[u], rnd.seats[u], method) for u in units}
    if cutoff is not None and cutoff in nexts.values():
        losers = [u for u in units if nexts[u] == cutoff]
        won = [
            u
            for u in sorted(pops, key=lambda u: key[u])
            if rnd.seats[u] > base and priority(pops[u], rnd.seats[u] - 1, method) == cutoff
        ]
        group = sorted([*won, *losers], key=lambda u: key[u])
        rnd.ties.append(_tie_note("商数", group, _show_value(cutoff, method), won))
    last = "" if cutoff is None else f"末席商数 {_show_value(cutoff, method)}"
    for u, p in pops.items():
        d = rnd.seats[u]
        parts = [f"得 {d} 席"]
        if u in first and d <= 1:
            parts.append(first[u])
        elif d:
            parts.append(f"第 {d} 席商数 {_show(p, d - 1, method)}")
        if cutoff is not None:
            nxt = f"{'下一商数' if d else '商数'} {_show(p, d, method)}"
            if priority(p, d, method) < cutoff:
                parts.append(f"{nxt} 低于{last}")
            else:
                parts.append(f"{nxt} 与{last} 并列，按并列规则未得席")
        rnd.reasons[u] = parts[0] + ("：" + "；".join(parts[1:]) if parts[1:] else "")
    return rnd


def _show_value(q: Fraction, method: str) -> str:
    return _fmt_sqrt(q) if method == "huntington_hill" else _fmt(q)


def apportion(
    populations: Mapping[str, int],
    seats: int,
    method: str = "largest_remainder",
    minimum: int = 0,
    maximum: int | None = None,
    order: Sequence[str] | None = None,
) -> Allocation:
    """Apportion ``seats`` among the units of ``populations`` (see the module docstring)."""
    if method not in METHODS:
        raise ValueError(f"未知的名额分配方法“{method}”，可选：{'、'.join(METHODS)}")
    if seats < 0 or minimum < 0 or (maximum is not None and maximum < 0):
        raise ValueError("规划人数、下限和上限不能为负数")
    if any(p < 0 for p in populations.values()):
        raise ValueError("单位的干部人数不能为负数")
    if len(populations) > MAX_UNITS:
        raise CannotProceed(
            f"参训单位有 {len(populations)} 个，超过上限 {MAX_UNITS} 个，无法分配名额",
            hint="请合并单位，或把计划拆成几份（见 docs/计划格式.md 的“上限”）。",
        )
    index: dict[str, int] = {}
    for u in order or ():
        index.setdefault(u, len(index))
    key = {u: (-p, index.get(u, len(index)), u) for u, p in populations.items()}
    total = sum(populations.values())
    target = min(seats, total)
    exact = {
        u: Fraction(target * p, total) if total else Fraction(0) for u, p in populations.items()
    }
    notes: list[str] = []
    if seats > total:
        notes.append(f"规划人数 {seats} 超过符合条件的干部总数 {total}，只能分配 {total} 人")
    if maximum is not None and minimum > maximum:
        notes.append(f"下限 {minimum} 大于上限 {maximum}，下限按 {maximum} 执行")
        minimum = maximum
    hi = {u: p if maximum is None else min(p, maximum) for u, p in populations.items()}
    if sum(hi.values()) < target:
        notes.append(
            f"每个单位最多 {maximum} 人，最多只能分配 {sum(hi.values())} 人，少于规划人数 {seats}"
        )
        target = sum(hi.values())

    def need(m: int) -> int:
        return sum(min(p, m) for p in populations.values())

    floor, top = 0, minimum  # the largest floor every unit can be given
    while floor < top:
        mid = (floor + top + 1) // 2
        floor, top = (mid, top) if need(mid) <= target else (floor, mid - 1)
    lo = {u: min(p, floor) for u, p in populations.items()}
    if floor < minimum and target:
        # the units with most cadres (tie rule) get one more, as far as seats allow
        slack = target - need(floor)
        ranked = sorted((u for u, p in populations.items() if p > floor), key=lambda u: key[u])
        for u in ranked[:slack]:
            lo[u] += 1
        notes.append(
            f"下限 {minimum} 共需 {need(minimum)} 人，超过可分配的 {target} 人："
            + "，".join(
                [f"各单位下限降为 {floor}"] * (floor > 0)
                + [f"人数最多的 {slack} 个单位保证 {floor + 1} 人"] * (slack > 0)
            )
        )
        if slack and populations[ranked[slack - 1]] == populations[ranked[slack]]:
            group = [u for u in ranked if populations[u] == populations[ranked[slack]]]
            won = [u for u in group if lo[u] > floor]
            notes.append(_tie_note("人数", group, str(populations[group[0]]), won))
    active = [u for u, p in populations.items() if p > 0]

    bound = {"lo": lo, "hi": hi}
    fixed: dict[str, str] = {}  # unit -> "lo" (held at its floor) or "hi" (held at its cap)
    while True:
        free = {u: populations[u] for u in active if u not in fixed}
        left = target - sum(bound[k][u] for u, k in fixed.items())
        if method == "largest_remainder":
            rnd = _largest_remainder(free, left, key) if free else _Round({})
        else:
            rnd = _highest_averages(free, left, method, key)
        under = [u for u in free if rnd.seats[u] < lo[u]]
        over = [u for u in free if rnd.seats[u] > hi[u]]
        if under:
            fixed.update(dict.fromkeys(under, "lo"))
        elif over:  # a cap is final; units held at their floor compete again
            fixed = {u: k for u, k in fixed.items() if k == "hi"}
            fixed.update(dict.fromkeys(over, "hi"))
        else:
            break
    notes.extend(rnd.ties)
    if fixed:
        notes.append(
            f"{len(fixed)} 个单位按上限或下限确定名额，其余 {left} 人在其他 {len(free)} 个单位间"
            f"按{METHODS[method]}重新分配"
        )

    shares = []
    for u, p in populations.items():
        x = f"按比例 {_fmt(exact[u])}"
        n = bound[fixed[u]][u] if u in fixed else rnd.seats.get(u, 0)
        if p == 0:
            why = "无符合条件干部"
        elif seats == 0:
            why = "规划人数为 0"
        elif fixed.get(u) == "lo":
            why = (
                f"下限 {minimum}，该单位只有 {p} 名干部" if n == p < minimum else f"下限 {n}（{x}）"
            )
        elif fixed.get(u) == "hi":
            why = f"上限 {n}（{x}）" if n == maximum else f"该单位只有 {p} 名干部，全部参训（{x}）"
        elif target == total:
            why = f"规划人数不少于干部总数，全部 {p} 人参训"
        else:
            why = (f"其余 {left} 人重新分配：" if fixed else "") + rnd.reasons[u]
        shares.append(Share(u, p, exact[u], n, why))
    return Allocation(
        method=method,
        seats=sum(s.seats for s in shares),
        requested=seats,
        population=total,
        shares=tuple(shares),
        notes=tuple(notes),
    )


def spread_over_sessions(
    seats: Mapping[str, int],
    sessions: int,
    per_session_max: int | None = None,
) -> dict[str, list[int]]:
    """Spread each unit's seats over ``sessions`` sessions (期), per unit a list of counts.

    Every unit sends ⌊seats/sessions⌋ or ⌈seats/sessions⌉ to each session. Its extra people go,
    unit by unit in input order, to the sessions with the smallest total so far (the earlier
    session on a tie), so session totals never differ by more than 1. That also makes the
    largest session as small as it can be (⌈total/sessions⌉), so it fits a venue whenever any
    spread does; the caller compares it with the venue's capacity. ``per_session_max`` caps what
    one unit sends to one session; a cap
    below ⌈seats/sessions⌉ cannot be met and raises ``ValueError``.
    """
    if sessions < 1:
        raise ValueError("期数至少为 1")
    if sessions > MAX_SESSIONS:
        raise CannotProceed(
            f"分 {sessions} 期超过上限 {MAX_SESSIONS} 期，无法把名额分到各期",
            hint="请减少期数，或把班次拆成几个（见 docs/计划格式.md 的“上限”）。",
        )
    if any(n < 0 for n in seats.values()):
        raise ValueError("单位名额不能为负数")
    if per_session_max is not None:
        for u, n in seats.items():
            if n > per_session_max * sessions:
                raise ValueError(
                    f"单位“{u}”的 {n} 个名额分 {sessions} 期，每期最多 {per_session_max} 人，排不下"
                )
    spread = {u: [n // sessions] * sessions for u, n in seats.items()}
    totals = [sum(n // sessions for n in seats.values())] * sessions
    for u, n in seats.items():
        for i in sorted(range(sessions), key=lambda i: (totals[i], i))[: n % sessions]:
            spread[u][i] += 1
            totals[i] += 1
    return spread
