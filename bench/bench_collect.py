"""Merging 500 returned reply forms with ``collect_forms``, beside plain reads of the same files.

    .venv/bin/python bench/bench_collect.py             # about 3 minutes on 2 cores

The plan is the province plan of ``bench/gen_plan.py`` with 500 units instead of 300 (the
classes are the same text; units come from a generator of their own), written to
``bench/_data/province-500u.yaml``. Its synthetic register (100,000 people, seed 1) is made in
memory. The class is the one whose quota (from the units' declared counts) gives seats to
the most units — 全省团干部公共管理轮训班, 1,244 seats in 4 sessions over all 500 units. For each
unit ``cadretrain.enroll.forms.form_bytes`` writes its reply form, which is then filled in with
openpyxl as the unit would: register people of that unit, eligible ones first, one per seat,
with their session (参加期次) as the quota spreads the unit's seats. The 500 files go to
``bench/_data/forms/`` (made again only when the plan or this recipe changed).

Timed in this one run (best of ``--repeat``, default 3): ``collect_forms`` (with the register,
so eligibility is checked too) beside python-calamine reading every row of every sheet of the
500 files, and openpyxl read-only doing the same (once). ``collect`` reads forms with
python-calamine when it is installed; it is also timed with calamine hidden, for reference.
Target: ``collect_forms`` ≤ 2× the fastest plain read → PASS/FAIL; then a cProfile summary of
one run. ``--check`` makes the exit status 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import shutil
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import benchlib
from benchlib import DATA, best_of, rel, secs, verdict
from gen_plan import generate

from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.quota_table import QuotaTable, quota_table

TARGET = 2.0
UNITS = 500
PLAN_PATH = DATA / "province-500u.yaml"
FORMS = DATA / "forms"
TODAY = date(2013, 1, 25)  # the plan's 印发日期: ID numbers are checked against it
RECIPE = 1  # bump when the way the forms are filled changes


def ensure_plan() -> Path:
    text = generate(**benchlib.PLAN_ARGS, units=UNITS)  # type: ignore[arg-type]
    if not PLAN_PATH.exists() or PLAN_PATH.read_text(encoding="utf-8") != text:
        PLAN_PATH.parent.mkdir(parents=True, exist_ok=True)
        PLAN_PATH.write_text(text, encoding="utf-8")
        print(f"（已生成 {rel(PLAN_PATH)}）")
    return PLAN_PATH


def load_year(path: Path) -> Any:
    """The plan's year model (loaded, expanded, scheduled; no checks)."""
    from cadretrain.year.pipeline import load_year as load

    sink = Sink()
    year = load(str(path), sink, checks=False)
    if year is None:
        sys.exit("计划无法加载：" + "\n".join(d.line() for d in sink.items))
    return year


def pick_class(plan: Any) -> tuple[Any, QuotaTable]:
    """The class whose declared-count quota gives seats to the most units (then most seats)."""
    best: tuple[int, int, int] | None = None
    chosen: tuple[Any, QuotaTable] | None = None
    for i, cls in enumerate(plan.classes):
        if not cls.planned:
            continue
        table = quota_table(plan, cls, None, Sink())
        key = (sum(1 for s in table.allocation.shares if s.seats), table.allocation.seats, -i)
        if best is None or key > best:
            best, chosen = key, (cls, table)
    assert chosen is not None
    return chosen


def write_forms(year: Any, table: QuotaTable, cadres: list[Any], folder: Path) -> int:
    """Each unit's form from ``form_bytes``, filled in with openpyxl; returns rows filled."""
    import openpyxl

    from cadretrain.enroll.form_layout import FIRST_DATA_ROW, FORM_SHEET, columns_for, session_label
    from cadretrain.enroll.forms import file_names, form_bytes
    from cadretrain.enroll.population import admitted

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    by_unit: dict[str, list[Any]] = {}
    for c in cadres:
        by_unit.setdefault(c.unit_id or "", []).append(c)
    cols = {field: i for i, (field, *_rest) in enumerate(columns_for(table.sessions), start=1)}
    sched = year.schedule(table.cls)
    filled = 0
    for uid, name in file_names(table).items():
        wb = openpyxl.load_workbook(io.BytesIO(form_bytes(table, uid, sched)))
        ws = wb[FORM_SHEET]
        people = by_unit.get(uid, [])
        people = [p for p in people if admitted(table.cls, p)] + [
            p for p in people if not admitted(table.cls, p)
        ]
        sessions = [n for n, k in enumerate(table.per_session.get(uid, []), 1) for _ in range(k)]
        seats = len(sessions) or sum(s.seats for s in table.allocation.shares if s.unit == uid)
        for row, person in enumerate(people[:seats], start=FIRST_DATA_ROW):
            values = {
                "name": person.name,
                "sex": person.sex,
                "ethnicity": person.ethnicity,
                "birth": person.birth,
                "post": person.post,
                "rank": person.rank,
                "politics": person.politics,
                "phone": person.phone,
                "id_number": person.id_number,
            }
            if "session" in cols and sessions:
                values["session"] = session_label(sessions[row - FIRST_DATA_ROW])
            for field, value in values.items():
                if field in cols:
                    ws.cell(row=row, column=cols[field], value=value)
            filled += 1
        wb.save(folder / name)
    return filled


def ensure_forms(year: Any, table: QuotaTable, cadres: list[Any]) -> list[Path]:
    stamp = FORMS / ".stamp.json"
    want = {
        "plan": hashlib.sha256(Path(year.plan.file).read_bytes()).hexdigest(),
        "class": table.cls.id,
        "people": len(cadres),
        "recipe": RECIPE,
    }
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == want:
        return sorted(FORMS.glob("*.xlsx"))
    t0 = time.perf_counter()
    rows = write_forms(year, table, cadres, FORMS)
    stamp.write_text(json.dumps(want), encoding="utf-8")
    files = sorted(FORMS.glob("*.xlsx"))
    took = time.perf_counter() - t0
    print(f"（已写入 {len(files)} 份回执、{rows:,} 行到 {rel(FORMS)}：{took:.0f} s）")
    return files


def plain_calamine(files: list[Path]) -> int:
    import python_calamine

    n = 0
    for path in files:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).iter_rows():
                n += len(row)
    return n


def plain_openpyxl(files: list[Path]) -> int:
    import openpyxl

    n = 0
    for path in files:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    n += len(row)
        finally:
            wb.close()
    return n


def run_collect(
    year: Any, table: QuotaTable, files: list[Path], cadres: list[Any], calamine: bool = True
) -> tuple[Any, Sink]:
    import cadretrain.files.tabular as tabular
    from cadretrain.enroll.collect import collect

    sink = Sink()
    saved = tabular._calamine
    if not calamine:
        tabular._calamine = lambda: None  # type: ignore[assignment]
    try:
        found = collect(
            year.plan,
            table.cls,
            table,
            files,
            sink,
            schedules=year.schedules,
            cadres=cadres,
            others={},
            today=TODAY,
        )
    finally:
        tabular._calamine = saved  # type: ignore[assignment]
    return found, sink


def collect_forms_once(year: Any, table: QuotaTable, files: list[Path], cadres: list[Any]) -> Any:
    from cadretrain.enroll.collect import collect_forms

    return collect_forms(
        year.plan,
        table.cls,
        table,
        files,
        Sink(),
        schedules=year.schedules,
        cadres=cadres,
        others={},
        today=TODAY,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="各测几次取最好（默认 3）")
    ap.add_argument("--check", action="store_true", help="未达标时退出码为 1")
    args = ap.parse_args(argv)

    print("== 报名回执汇总：collect_forms 与直接读取同样的 500 份回执 ==")
    print(benchlib.machine())
    year = load_year(ensure_plan())
    plan = year.plan
    cadres = benchlib.cadres_of(plan)
    cls, table = pick_class(plan)
    files = ensure_forms(year, table, cadres)
    size = sum(p.stat().st_size for p in files)
    print(
        f"计划：{rel(PLAN_PATH)}（{len(plan.units)} 个单位）；班次 {cls.id} {cls.name}，"
        f"规划 {cls.planned} 人，{table.sessions} 期，{table.allocation.seats} 个名额分到 "
        f"{sum(1 for s in table.allocation.shares if s.seats)} 个单位"
    )
    print(
        f"回执 {len(files)} 份，共 {size / 2**20:.1f} MB；名册 {len(cadres):,} 人（参训条件核对用）"
    )
    try:
        import python_calamine  # noqa: F401

        calamine = True
    except ImportError:
        calamine = False
    print(f"python-calamine：{'已安装' if calamine else '未安装'}")

    found, sink = run_collect(year, table, files, cadres)  # warm-up, and the figures
    codes = Counter(d.code for d in sink.items)
    print(
        f"读取回执 {len(found.forms)} 份，{found.rows_read:,} 行：列入名单 "
        f"{len(found.enrollment.people):,} 人，未列入 {len(found.rejected)} 行；诊断 "
        + ("，".join(f"{c} {n}" for c, n in sorted(codes.items())) or "无")
    )

    r = args.repeat
    t_cal = best_of(r, lambda: plain_calamine(files))[0] if calamine else None
    t_opx, _ = best_of(1, lambda: plain_openpyxl(files))
    t_col, all_col = best_of(r, lambda: collect_forms_once(year, table, files, cadres))
    t_col_opx = None
    if calamine:
        t_col_opx, _ = best_of(1, lambda: run_collect(year, table, files, cadres, False))

    print()
    print(f"== 读取 {len(files)} 份回执（各 {r} 次取最好；openpyxl 只读 1 次）==")
    if t_cal is not None:
        print(f"python-calamine 读每张表的全部行        {secs(t_cal):>9}")
    print(f"openpyxl 只读、遍历每张表的全部单元格    {secs(t_opx):>9}")
    fastest, name = (t_cal, "calamine") if t_cal is not None else (t_opx, "openpyxl 只读")
    ratio = t_col / fastest
    ok = ratio <= TARGET
    print(
        f"collect_forms（{'calamine' if calamine else 'openpyxl'}，含名册核对） {secs(t_col):>9}   "
        f"= {ratio:.2f}× {name}（目标 ≤ {TARGET:.0f}×）：{verdict(ok)}"
    )
    if t_col_opx is not None:
        print(
            f"参考：collect（openpyxl 路径）          {secs(t_col_opx):>9}   "
            f"= {t_col_opx / t_opx:.2f}× openpyxl 只读"
        )
    print("collect_forms 各次：" + " ".join(f"{t:.2f}" for t in all_col) + " s")

    profiler = cProfile.Profile()
    profiler.enable()
    collect_forms_once(year, table, files, cadres)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    print()
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"== cProfile：collect_forms 一次（开启分析后共 {total:.2f} s），按自身时间前 12 ==")
    print("  调用次数    自身 s  累计 s  函数")
    for (file, line, fn), (_cc, nc, tt, ct, _) in sorted(
        raw.items(), key=lambda kv: kv[1][2], reverse=True
    )[:12]:
        where = f"{file.split('/site-packages/')[-1].split('/main/')[-1]}:{line}({fn})"
        print(f"  {nc:>8} {tt:8.3f} {ct:7.3f}  {where if line else fn}")
    print()
    print(f"结论：collect_forms {ratio:.2f}× {name}，{verdict(ok)}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
