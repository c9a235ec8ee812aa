"""A synthetic cadre register (干部名册) for a plan: realistic in shape, about no real person.

Deterministic: the same plan, size and seed give the same register (``random.Random(seed)``,
no clock). Every ID number uses the area code ``999999``, which is no real area code
(GB/T 2260 codes start with 11–82), so no generated number can belong to a real person;
the checksums are valid, the birth date in the number is the 出生年月 and the sex digit
matches 性别. Village secretaries and other people outside a cadre register are not made up.

    python -m cadretrain.synth.register plans/2013-county.yaml -n 1500 -o examples/register-2013.csv
"""

from __future__ import annotations

import argparse
import calendar
import csv
import math
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cadretrain.core import idcard
from cadretrain.core.diagnostics import Pos
from cadretrain.enroll.register import Cadre
from cadretrain.plan.model import Plan, Unit
from cadretrain.synth.words import (
    DEPT_DEPUTY,
    DEPT_HEAD,
    DEPT_STAFF,
    FEMALE_CHARS,
    MALE_CHARS,
    SURNAMES,
    TOWN_DEPUTY,
    TOWN_HEAD,
    TOWN_STAFF,
    county_posts,
    pick,
    unit_titles,
)

FAKE_AREA = "999999"
COLUMNS = ("序号", "姓名", "性别", "民族", "出生年月", "单位", "职务", "职级")
COLUMNS_2 = ("政治面貌", "学历", "身份证号", "联系电话")
PYRAMID = 3.0  # each rank is about three times as many as the one above it
MARGIN = 1.05  # classes limited to some ranks get 5 % more eligible cadres than planned
BIRTH_YEARS = {  # (earliest, latest, most common) by tier; all within 1960–1995
    "county_head": (1960, 1968, 1962),
    "county_deputy": (1960, 1975, 1966),
    "head": (1960, 1982, 1967),
    "deputy": (1960, 1988, 1972),
    "staff": (1965, 1995, 1984),
}
ETHNICITIES = {"汉族": 95, "回族": 3, "满族": 1, "蒙古族": 0.5, "土家族": 0.5}
MOBILE_PREFIXES = (*range(130, 140), 150, 151, 152, 153, 155, 156, 157, 158, 159, *range(180, 190))


@dataclass
class _Slot:
    unit: Unit | None
    post: str
    tags: frozenset[str] = frozenset()


def tier(rank: str) -> str:
    """county_head, county_deputy, head, deputy or staff, from the rank's name."""
    county = "县处" in rank or "处级" in rank or "县级" in rank
    if "正" in rank:
        return "county_head" if county else "head"
    if "副" in rank:
        return "county_deputy" if county else "deputy"
    return "staff"


def rank_counts(plan: Plan, n: int) -> dict[str, int]:
    """How many cadres of each rank: a pyramid, widened where a class needs more people of
    some ranks (the 2013 rotation class: 900 of 乡科级正职 and 乡科级副职)."""
    ranks = list(plan.ranks)
    if not ranks:
        return {}
    weight = {r: PYRAMID**i for i, r in enumerate(ranks)}
    counts = dict(zip(ranks, apportion(n, [weight[r] for r in ranks]), strict=True))
    needs: dict[frozenset[str], int] = {}
    for tc in plan.classes:
        rules = tc.eligible or []
        if tc.planned and len(rules) == 1 and rules[0].ranks and not rules[0].tags:
            group = frozenset(rules[0].ranks) & set(ranks)
            if group:
                needs[group] = max(needs.get(group, 0), math.ceil(tc.planned * MARGIN))
    for group, need in sorted(needs.items(), key=lambda kv: (-kv[1], sorted(kv[0]))):
        need = min(need, n)
        if sum(counts[r] for r in group) >= need:
            continue
        inside = [r for r in ranks if r in group]
        outside = [r for r in ranks if r not in group]
        counts.update(zip(inside, apportion(need, [weight[r] for r in inside]), strict=True))
        counts.update(zip(outside, apportion(n - need, [weight[r] for r in outside]), strict=True))
    return counts


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder; ties to the first)."""
    if not weights:
        return []
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    out = [math.floor(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (out[i] - quotas[i], i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def generate_register(plan: Plan, n: int, seed: int) -> list[Cadre]:
    """``n`` synthetic cadres for ``plan``, sorted by unit (in plan order) and rank."""
    rng = random.Random(seed)
    ranks = list(plan.ranks) or [""]
    counts = rank_counts(plan, n) or {"": n}
    units = list(plan.units.values())
    unit_order = {u.id: i for i, u in enumerate(units)}
    slots = _Slots(units, rng)
    ids: set[str] = set()
    phones: set[str] = set()
    people: list[tuple[int, int, int, Cadre]] = []
    for rank in ranks:
        level = tier(rank)
        for slot in slots.take(level, counts.get(rank, 0)):
            male = rng.random() < (0.7 if level != "staff" else 0.5)
            lo, hi, mode = BIRTH_YEARS[level]
            year = round(rng.triangular(lo, hi, mode))
            month = rng.randint(1, 12)
            day = rng.randint(1, calendar.monthrange(year, month)[1])
            id_number = _id_number(rng, f"{year:04d}{month:02d}{day:02d}", male, ids)
            politics = _politics(rng, level)
            unit = slot.unit
            cadre = Cadre(
                name=_name(rng, male),
                sex="男" if male else "女",
                ethnicity=pick(rng, ETHNICITIES),
                birth=f"{year}.{month:02d}",
                unit_id=unit.id if unit else None,
                unit_name=unit.name if unit else "县直机关",  # a plan without units
                post=slot.post,
                rank=rank,
                politics=politics,
                phone=_phone(rng, phones),
                id_number=id_number,
                tags=_tags(plan, slot, rank, year, politics, rng),
                source=Pos("synthetic", 0, 0),
                education=_education(rng, level),
            )
            order = unit_order[unit.id] if unit else -1
            people.append((order, ranks.index(rank), len(people), cadre))
    people.sort(key=lambda p: p[:3])
    return [c for *_key, c in people]


class _Slots:
    """Posts handed out unit by unit: first every unit's 党委书记 or head, then the second
    post of each unit, and so on; when a unit's list is used up, a generic post."""

    def __init__(self, units: list[Unit], rng: random.Random) -> None:
        self.units = units
        self.rng = rng
        towns = [u for u in units if "乡镇" in u.kind or u.name.endswith(("乡", "镇", "街道"))]
        self.towns = {u.id for u in towns}  # ids: Unit's dataclass == compares every field
        self.weights = [1.4 if u.id in self.towns else 1.0 for u in units]  # 乡镇 have more staff
        self.county = county_posts(units)

    def take(self, level: str, count: int) -> list[_Slot]:
        if level.startswith("county"):
            offices = self.county[level]
            top = [_Slot(*offices[i % len(offices)]) for i in range(count)] if offices else []
            return top + [self._generic(level) for _ in range(count - len(top))]
        table = {"head": (TOWN_HEAD, DEPT_HEAD), "deputy": (TOWN_DEPUTY, DEPT_DEPUTY)}
        lists: list[tuple[Unit, list[tuple[str, frozenset[str]]]]] = []
        for unit in self.units:
            posts = table.get(level, ([], []))[0 if unit.id in self.towns else 1]
            words = unit_titles(unit.name)
            lists.append((unit, [(p.format(**words), t) for p, t in posts]))
        out: list[_Slot] = []
        depth = max((len(p) for _u, p in lists), default=0)
        for i in range(depth):
            out.extend(_Slot(u, *p[i]) for u, p in lists if i < len(p))
        out = out[:count]
        return out + [self._generic(level) for _ in range(count - len(out))]

    def _generic(self, level: str) -> _Slot:
        if not self.units:
            return _Slot(None, "科员")
        unit = self.rng.choices(self.units, self.weights)[0]
        if level in ("head", "county_head"):
            return _Slot(unit, "主任科员")
        if level in ("deputy", "county_deputy"):
            return _Slot(unit, "副主任科员")
        post, tags = self.rng.choice(TOWN_STAFF if unit.id in self.towns else DEPT_STAFF)
        return _Slot(unit, post, tags)


def _tags(
    plan: Plan, slot: _Slot, rank: str, year: int, politics: str, rng: random.Random
) -> frozenset[str]:
    declared = set(plan.tags)
    tags = set(slot.tags)
    if slot.unit is not None and "县直" in slot.unit.kind:
        tags.add("县直机关")
    if slot.unit is not None and slot.unit.name == "团县委":
        tags.add("团干部")
    ranks = list(plan.ranks)
    bar = ranks.index("乡科级副职") if "乡科级副职" in ranks else len(ranks) // 2
    if plan.year - year <= 40 and rank in ranks and ranks.index(rank) <= bar:
        tags.add("中青年")
    if politics in ("群众", "共青团员") and rng.random() < 0.6:
        tags.add("入党积极分子")
    return frozenset(tags & declared)


def _id_number(rng: random.Random, birth: str, male: bool, used: set[str]) -> str:
    while True:
        seq = rng.randrange(500) * 2 + (1 if male else 0)  # the 17th digit: odd for men
        first17 = f"{FAKE_AREA}{birth}{seq:03d}"
        number = first17 + idcard.check_char(first17)
        if number not in used:
            used.add(number)
            return number


def _name(rng: random.Random, male: bool) -> str:
    chars = MALE_CHARS if male else FEMALE_CHARS
    given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
    return pick(rng, SURNAMES) + given


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"
        if phone not in used:
            used.add(phone)
            return phone


def _politics(rng: random.Random, level: str) -> str:
    if level != "staff":
        return pick(rng, {"中共党员": 97, "民盟盟员": 1, "九三学社社员": 1, "无党派人士": 1})
    return pick(rng, {"中共党员": 86, "中共预备党员": 2, "群众": 7, "共青团员": 3, "民盟盟员": 2})


def _education(rng: random.Random, level: str) -> str:
    if level != "staff":
        return pick(rng, {"研究生": 15, "大学本科": 65, "大专": 20})
    return pick(rng, {"研究生": 5, "大学本科": 55, "大专": 35, "中专": 5})


def _rows(cadres: Sequence[Cadre], tags: Sequence[str]) -> list[list[str]]:
    rows = []
    for i, c in enumerate(cadres, start=1):
        row = [str(i), c.name, c.sex, c.ethnicity, c.birth, c.unit_name, c.post, c.rank]
        row += [c.politics, c.education, c.id_number, c.phone]
        row += ["是" if t in c.tags else "" for t in tags]
        rows.append(row)
    return rows


def _tag_columns(cadres: Sequence[Cadre], tags: Sequence[str] | None) -> list[str]:
    if tags is not None:
        return list(tags)
    return sorted({t for c in cadres for t in c.tags})


def write_csv(cadres: Sequence[Cadre], path: Path | str, tags: Sequence[str] | None = None) -> None:
    """UTF-8 with BOM (so that Excel opens it without mojibake), one header row."""
    columns = _tag_columns(cadres, tags)
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([*COLUMNS, *COLUMNS_2, *columns])
        writer.writerows(_rows(cadres, columns))


def write_xlsx(
    cadres: Sequence[Cadre],
    path: Path | str,
    tags: Sequence[str] | None = None,
    title: str = "××县干部名册",
) -> None:
    """A workbook as offices make it: a merged title row above the header, ID numbers as text."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    columns = _tag_columns(cadres, tags)
    header = [*COLUMNS, *COLUMNS_2, *columns]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("干部名册")
    widths = {"姓名": 10, "出生年月": 10, "单位": 14, "职务": 22, "职级": 12, "身份证号": 21}
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 9)
    merged: Any = getattr(ws, "merged_cells")  # noqa: B009 - untyped on write-only sheets
    merged.add(f"A1:{get_column_letter(len(header))}1")
    ws.append([title])
    ws.append(header)
    for row in _rows(cadres, columns):
        ws.append(row)
    wb.save(path)


def main(argv: Sequence[str] | None = None) -> int:
    from cadretrain.core.diagnostics import Severity, Sink
    from cadretrain.year.pipeline import load_year

    parser = argparse.ArgumentParser(
        prog="python -m cadretrain.synth.register",
        description="为计划生成合成的干部名册（虚构人员）",
    )
    parser.add_argument("plan", help="计划文件")
    parser.add_argument("-n", type=int, default=1500, help="人数（默认 1500）")
    parser.add_argument("-o", "--output", required=True, help="输出文件（.csv 或 .xlsx）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    args = parser.parse_args(argv)
    sink = Sink()
    year = load_year(args.plan, sink, checks=False)  # per_unit classes expanded
    if year is None or any(d.severity is Severity.ERROR and d.code < "CT2" for d in sink.items):
        for d in sink.items:
            print(d.line(), file=sys.stderr)
        return 2
    plan = year.plan
    cadres = generate_register(plan, args.n, args.seed)
    if args.output.lower().endswith(".xlsx"):
        write_xlsx(cadres, args.output, plan.tags)
    else:
        write_csv(cadres, args.output, plan.tags)
    print(f"已生成 {len(cadres)} 名虚构干部的名册：{args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
