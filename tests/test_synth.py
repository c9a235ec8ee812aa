"""The synthetic register: deterministic, valid, and big enough for the 2013 plan's classes."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.core.idcard import birth_date, sex, validate_id
from cadretrain.enroll.register import Cadre, read_register
from cadretrain.plan.loader import load_plan
from cadretrain.plan.model import Plan
from cadretrain.synth.register import (
    FAKE_AREA,
    apportion,
    generate_register,
    main,
    write_csv,
    write_xlsx,
)
from tests.conftest import ROOT, load

PLAN_2013 = ROOT / "plans" / "2013-county.yaml"
EXAMPLE = ROOT / "examples" / "register-2013.csv"


@cache
def plan_2013() -> Plan:
    sink = Sink()
    plan = load_plan(PLAN_2013, sink)
    assert plan is not None
    return plan


@cache
def register_2013() -> tuple[Cadre, ...]:
    return tuple(generate_register(plan_2013(), 1500, 1))


def without_source(cadres: list[Cadre] | tuple[Cadre, ...]) -> list[Cadre]:
    return [replace(c, source=Pos("")) for c in cadres]


def test_deterministic() -> None:
    again = generate_register(plan_2013(), 1500, 1)
    assert tuple(again) == register_2013()
    other = generate_register(plan_2013(), 1500, 2)
    assert other != again


def test_every_id_is_valid_fake_and_matches_birth_and_sex() -> None:
    cadres = register_2013()
    assert len({c.id_number for c in cadres}) == len(cadres)
    for c in cadres:
        assert validate_id(c.id_number, date(2013, 1, 1)) is None, c
        assert c.id_number.startswith(FAKE_AREA)
        born = birth_date(c.id_number)
        assert c.birth == f"{born.year}.{born.month:02d}"
        assert 1960 <= born.year <= 1995
        assert sex(c.id_number) == c.sex


def test_units_ranks_tags_phones_are_plausible() -> None:
    plan = plan_2013()
    cadres = register_2013()
    assert all(
        c.unit_id in plan.units and plan.units[c.unit_id].name == c.unit_name for c in cadres
    )
    assert {c.unit_id for c in cadres} == set(plan.units)  # every unit has cadres
    assert all(c.rank in plan.ranks for c in cadres)
    assert all(c.tags <= set(plan.tags) for c in cadres)
    assert len({c.phone for c in cadres}) == len(cadres)
    assert all(len(c.phone) == 11 and c.phone[:2] in ("13", "15", "18") for c in cadres)
    ranks = Counter(c.rank for c in cadres)
    assert ranks["县处级正职"] < ranks["乡科级正职"] < ranks["乡科级副职"]  # a pyramid
    men = sum(c.sex == "男" for c in cadres) / len(cadres)
    assert 0.55 <= men <= 0.7
    ethnic = Counter(c.ethnicity for c in cadres)
    assert ethnic.most_common(1)[0][0] == "汉族" and len(ethnic) > 1
    for c in cadres:
        if "乡镇长" in c.tags:
            assert plan.units[c.unit_id or ""].kind == "乡镇" and c.rank == "乡科级正职"
        if "中青年" in c.tags:
            assert 2013 - int(c.birth[:4]) <= 40
            assert plan.ranks.index(c.rank) <= plan.ranks.index("乡科级副职")
    heads = [c for c in cadres if c.post in ("党委书记", "党工委书记")]
    assert {c.unit_name for c in heads} == {u.name for u in plan.units.values() if u.kind == "乡镇"}
    assert all("主要领导" in c.tags for c in heads)


def test_enough_people_for_the_2013_classes() -> None:
    """The rotation class trains 900 乡科级 cadres; every class limited to ranks, gender and
    tags finds at least its planned number of eligible people."""
    cadres = register_2013()
    township = [c for c in cadres if c.rank in ("乡科级正职", "乡科级副职")]
    assert len(township) >= 900
    for tc in plan_2013().classes:
        if not tc.planned or not tc.eligible or tc.id in ("village-secretaries", "party-activists"):
            continue  # village secretaries and activists are not in a cadre register
        fits = [
            c
            for c in cadres
            if any(
                (e.ranks is None or c.rank in e.ranks)
                and (e.gender is None or c.sex == e.gender)
                and e.tags <= c.tags
                for e in tc.eligible
            )
        ]
        assert len(fits) >= tc.planned, (tc.id, len(fits), tc.planned)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_written_register_reads_back_without_problems(tmp_path: Path, suffix: str) -> None:
    cadres = list(register_2013())
    path = tmp_path / f"r{suffix}"
    (write_csv if suffix == ".csv" else write_xlsx)(cadres, path, plan_2013().tags)
    sink = Sink()
    back = read_register(path, plan_2013(), sink, today=date(2013, 2, 19))
    assert sink.items == []
    assert without_source(back) == without_source(cadres)
    assert back[0].source == Pos(str(path), 2 if suffix == ".csv" else 3, 0)


def test_xlsx_has_a_merged_title_row(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx(list(register_2013())[:5], path, plan_2013().tags)
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws["A1"].value == "××县干部名册"
    assert [str(r) for r in ws.merged_cells.ranges] == [
        f"A1:{ws.cell(2, ws.max_column).column_letter}1"
    ]
    assert [ws.cell(2, i).value for i in (1, 2, 11)] == ["序号", "姓名", "身份证号"]
    assert isinstance(ws.cell(3, 11).value, str)  # the ID number is text, all 18 digits kept


def test_the_bundled_example_is_current(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    assert main([str(PLAN_2013), "-n", "1500", "-o", str(out)]) == 0
    assert out.read_bytes() == EXAMPLE.read_bytes(), (
        "run: python -m cadretrain.synth.register plans/2013-county.yaml -n 1500 "
        "-o examples/register-2013.csv"
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: Excel opens it as UTF-8


def test_main_refuses_a_missing_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "none.yaml"), "-o", str(tmp_path / "r.csv")]) == 2
    assert "CT001" in capsys.readouterr().err
    assert not (tmp_path / "r.csv").exists()


def test_a_bare_plan(tmp_path: Path) -> None:
    bare, _ = load("plan: {title: 测试计划, year: 2013}\nclasses: []\n")
    assert bare is not None
    cadres = generate_register(bare, 30, 5)
    assert len(cadres) == 30
    write_csv(cadres, tmp_path / "r.csv")
    sink = Sink()
    assert len(read_register(tmp_path / "r.csv", bare, sink)) == 30
    assert sink.items == []


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [(10, [1, 1, 1], [4, 3, 3]), (7, [1, 3, 9], [0, 2, 5]), (0, [1, 2], [0, 0]), (5, [], [])],
)
def test_apportion(total: int, weights: list[float], expected: list[int]) -> None:
    assert apportion(total, weights) == expected
