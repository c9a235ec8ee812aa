"""Reading a 100,000-cadre register, and quotas for every class of the province plan from it.

    .venv/bin/python bench/bench_register.py            # about 3 minutes on 2 cores

The province plan (``bench/gen_plan.py``, 2,000 classes, 300 units) and its synthetic register
(``cadretrain.synth.register.generate_register``, 100,000 people, seed 1) are written to
``bench/_data/``
(git-ignored) as CSV and xlsx when missing or stale. Then, all in this one run:

1. Reading (best of ``--repeat``, default 3):
   CSV — ``read_register`` beside the csv module reading every row of the same file;
   xlsx — ``read_register`` beside python-calamine reading every row and openpyxl read-only
   iterating every cell of the same file. ``read_register`` uses python-calamine when it is
   installed; it is also timed with calamine hidden (its openpyxl path), for reference.
   Target: ``read_register`` within 2× the fastest plain read of the same format (CSV: the csv
   module; xlsx: calamine when installed, else openpyxl read-only). Then a cProfile summary
   of one ``read_register`` of the CSV: where the time over the plain read goes.
2. Quotas: ``quota_table`` for every class with ``planned`` (total, and per class: mean,
   median, slowest), beside a baseline loop that only filters the register per class by the
   class's ``eligible`` rules (a list comprehension, the rules inlined). For reference: the
   same populations counted from the register grouped once by (rank, sex, tags), checked to
   equal ``quota_table``'s. No target; figures and ratios only.

``--check`` makes the exit status 1 when a target is missed; ``-n`` sets the register's size.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import pstats
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import benchlib
from benchlib import best_of, rel, secs, verdict

from cadretrain.core.diagnostics import Sink
from cadretrain.enroll.quota_table import quota_table
from cadretrain.enroll.register import Cadre, read_register

TARGET = 2.0


def plain_csv(path: Path) -> int:
    """The csv module reading every row (the encoding read_register finds: UTF-8 with BOM)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return sum(len(row) for row in csv.reader(fh))


def plain_calamine(path: Path) -> int:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    n = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).iter_rows():
            n += len(row)
    return n


def plain_openpyxl(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                n += sum(1 for _ in row)
    finally:
        wb.close()
    return n


def has_calamine() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


def register(path: Path, plan: Any, *, calamine: bool = True) -> list[Cadre]:
    """``read_register``; with ``calamine=False`` as on a machine without python-calamine."""
    import cadretrain.files.tabular as tabular

    sink = Sink()
    saved = tabular._calamine
    if not calamine:
        tabular._calamine = lambda: None  # type: ignore[assignment]
    try:
        cadres = read_register(path, plan, sink)
    finally:
        tabular._calamine = saved  # type: ignore[assignment]
    if sink.items:
        print(f"  （{rel(path)}：{len(sink.items)} 条诊断，如 {sink.items[0].line()}）")
    return cadres


def baseline_filter(classes: list[Any], cadres: list[Cadre]) -> list[int]:
    """Per class, the register filtered by its rules: the least any quota must do."""
    sizes = []
    for cls in classes:
        rules = cls.eligible
        if not rules:
            kept = list(cadres)
        elif len(rules) == 1:
            ranks, gender, tags = rules[0].ranks, rules[0].gender, rules[0].tags
            kept = [
                c
                for c in cadres
                if (ranks is None or c.rank in ranks)
                and (not gender or c.sex == gender)
                and tags <= c.tags
            ]
        else:
            specs = [(r.ranks, r.gender, r.tags) for r in rules]
            kept = [
                c
                for c in cadres
                if any(
                    (rk is None or c.rank in rk) and (not g or c.sex == g) and t <= c.tags
                    for rk, g, t in specs
                )
            ]
        sizes.append(len(kept))
    return sizes


def grouped_counts(plan: Any, classes: list[Any], cadres: list[Cadre]) -> list[dict[str, int]]:
    """Reference: the register counted once by (rank, sex, tags) and unit; per class only the
    groups are tested. Gives the same populations as ``quota_table`` (checked by the caller)."""
    groups: dict[tuple[str, str, frozenset[str]], Counter[str]] = {}
    for c in cadres:
        key = (c.rank, c.sex, c.tags)
        groups.setdefault(key, Counter())[c.unit_id or ""] += 1
    out = []
    for cls in classes:
        counts = dict.fromkeys(plan.units, 0)
        rules = cls.eligible
        for (rank, sex, tags), units in groups.items():
            if rules and not any(r.admits(rank, sex, tags) for r in rules):
                continue
            for uid, n in units.items():
                if uid in counts:
                    counts[uid] += n
        out.append(counts)
    return out


def profile_read(path: Path, plan: Any, top: int = 12) -> list[str]:
    profiler = cProfile.Profile()
    profiler.enable()
    read_register(path, plan, Sink())
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    items = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = [f"  （开启分析后共 {total:.2f} s）按自身时间前 {top}："]
    rows.append("  调用次数    自身 s  累计 s  函数")
    for (file, line, name), (_cc, nc, tt, ct, _) in items:
        where = f"{file.split('/cadretrain/')[-1]}:{line}({name})" if line else name
        rows.append(f"  {nc:>8} {tt:8.3f} {ct:7.3f}  {where}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-n", type=int, default=benchlib.PEOPLE, help="名册人数（默认 100000）")
    ap.add_argument("--seed", type=int, default=benchlib.SEED)
    ap.add_argument("--repeat", type=int, default=3, help="读取各测几次取最好（默认 3）")
    ap.add_argument("--check", action="store_true", help="未达标时退出码为 1")
    args = ap.parse_args(argv)

    print("== 干部名册：读取耗时，及按名册为全部班次分配名额 ==")
    print(benchlib.machine())
    plan = benchlib.load_province().plan
    csv_path, xlsx_path = benchlib.ensure_register(plan, args.n, args.seed)
    print(
        f"计划：{rel(Path(plan.file))}（{len(plan.classes)} 个班次，{len(plan.units)} 个单位）；"
        f"名册 {args.n:,} 人：{rel(csv_path)} {csv_path.stat().st_size / 2**20:.1f} MB，"
        f"{rel(xlsx_path)} {xlsx_path.stat().st_size / 2**20:.1f} MB"
    )
    calamine = has_calamine()
    print(f"python-calamine：{'已安装' if calamine else '未安装'}")

    # warm-up: imports (openpyxl, calamine, idcard tables) are paid here, not in the figures
    cadres = register(csv_path, plan)
    register(xlsx_path, plan)
    columns = len(next(csv.reader(csv_path.open(encoding="utf-8-sig"))))
    print(f"读出 {len(cadres):,} 人，每行 {columns} 列")

    r = args.repeat
    t_csv, _ = best_of(r, lambda: plain_csv(csv_path))
    t_reg_csv, all_csv = best_of(r, lambda: register(csv_path, plan))
    t_cal = best_of(r, lambda: plain_calamine(xlsx_path))[0] if calamine else None
    t_opx, _ = best_of(1 if r > 1 else r, lambda: plain_openpyxl(xlsx_path))
    t_reg_x, all_x = best_of(r, lambda: register(xlsx_path, plan))
    t_reg_x_opx = t_reg_x
    if calamine:
        t_reg_x_opx, _ = best_of(1, lambda: register(xlsx_path, plan, calamine=False))

    print()
    print(f"== 读取（各 {r} 次取最好；openpyxl 只读 1 次）==")
    ratio_csv = t_reg_csv / t_csv
    print(f"CSV   csv 模块读全部行                 {secs(t_csv):>9}")
    print(
        f"CSV   read_register                    {secs(t_reg_csv):>9}   "
        f"= {ratio_csv:.1f}× csv 模块（目标 ≤ {TARGET:.0f}×）：{verdict(ratio_csv <= TARGET)}"
    )
    if t_cal is not None:
        print(f"xlsx  python-calamine 读全部行          {secs(t_cal):>9}")
    print(f"xlsx  openpyxl 只读、遍历全部单元格      {secs(t_opx):>9}")
    fastest, fastest_name = (t_cal, "calamine") if t_cal is not None else (t_opx, "openpyxl 只读")
    ratio_x = t_reg_x / fastest
    print(
        f"xlsx  read_register（{'calamine' if calamine else 'openpyxl'}）        "
        f"{secs(t_reg_x):>9}   = {ratio_x:.1f}× {fastest_name}（目标 ≤ {TARGET:.0f}×）："
        f"{verdict(ratio_x <= TARGET)}"
    )
    if calamine:
        print(
            f"xlsx  参考：read_register（openpyxl 路径） {secs(t_reg_x_opx):>9}   "
            f"= {t_reg_x_opx / t_opx:.1f}× openpyxl 只读"
        )
    print(f"      read_register 各次：CSV {fmt(all_csv)}；xlsx {fmt(all_x)}")
    print()
    print("== cProfile：read_register 读 CSV 一次 ==")
    print("\n".join(profile_read(csv_path, plan)))

    # quotas for every class with planned
    classes = [c for c in plan.classes if c.planned]
    print()
    print(
        f"== 名额分配：{len(classes)} 个有规划人数的班次（共 {len(plan.classes)} 个），"
        f"名册 {len(cadres):,} 人 =="
    )
    t0 = time.perf_counter()
    sizes = baseline_filter(classes, cadres)
    t_base = time.perf_counter() - t0
    per_class: list[float] = []
    tables = []
    sink = Sink()
    t0 = time.perf_counter()
    for cls in classes:
        t1 = time.perf_counter()
        tables.append(quota_table(plan, cls, cadres, sink))
        per_class.append(time.perf_counter() - t1)
    t_quota = time.perf_counter() - t0
    t0 = time.perf_counter()
    grouped = grouped_counts(plan, classes, cadres)
    t_grouped = time.perf_counter() - t0
    same = all(g == t.population.counts for g, t in zip(grouped, tables, strict=True))
    with_people = sum(1 for t in tables if t.allocation.population)
    seats = sum(t.allocation.seats for t in tables)
    eligible_total = sum(sum(t.population.counts.values()) + t.population.unplaced for t in tables)
    print(
        f"符合条件（名册中，各班次合计）{eligible_total:,} 人次；名册中有符合条件干部的班次 "
        f"{with_people} 个；分出名额 {seats:,} 个；诊断 {len(sink.items)} 条"
    )
    print("（地方班次的参训条件多为地区标签，如 tags: [南阳市]；合成名册没有地区标签列，")
    print("  这些班次名册中无人符合、名额为 0，但 quota_table 仍要逐人判断整个名册，耗时不受影响）")
    print(
        f"基线：逐班次筛选名册（列表推导） 共 {secs(t_base):>9}，"
        f"每班次 {t_base / len(classes) * 1000:.1f} ms"
    )
    mean = t_quota / len(classes)
    print(
        f"quota_table 逐班次              共 {secs(t_quota):>9}，每班次平均 {mean * 1000:.1f} ms，"
        f"中位数 {statistics.median(per_class) * 1000:.1f} ms，最慢 {max(per_class) * 1000:.1f} ms"
    )
    print(f"比值 quota_table / 基线 = {t_quota / t_base:.2f}×（未设目标）")
    print(
        f"参考：先按（职级、性别、标签）分组再逐班次判断各组 共 {secs(t_grouped)}"
        f"（{t_grouped / t_quota:.3f}× quota_table），"
        f"人数与 quota_table 一致：{'是' if same else '否'}"
    )
    kept = sum(sizes)
    agree = "是" if kept == eligible_total else "否"
    print(f"（基线筛出 {kept:,} 人次，应与上面符合条件人次相同：{agree}）")

    print()
    ok = ratio_csv <= TARGET and ratio_x <= TARGET
    print(
        f"结论：CSV read_register {ratio_csv:.1f}× {verdict(ratio_csv <= TARGET)}；"
        f"xlsx read_register {ratio_x:.1f}× {verdict(ratio_x <= TARGET)}；"
        f"名额分配 {t_quota / t_base:.2f}× 基线（{secs(t_quota)}，未设目标）"
    )
    return 1 if args.check and not ok else 0


def fmt(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times) + " s"


if __name__ == "__main__":
    sys.exit(main())
