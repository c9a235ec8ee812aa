"""``cadretrain build`` of the province plan, beside writing as many small xlsx files raw.

    .venv/bin/python bench/bench_build.py               # about 14 minutes on 2 cores

The province plan (``bench/gen_plan.py``: 2,000 classes, 300 units with declared counts, no
register, no enrollments) is built into ``bench/_data/out`` (emptied first, so every file is
new) by ``python -m cadretrain build … --ignore-errors`` (the plan has errors on purpose), timed
as a subprocess. Then, in the same run, the baseline: a subprocess of the same interpreter
that writes as many xlsx files as the build wrote, each a small sheet with raw openpyxl (a
title row, a header and 10 rows of 8 cells, a border on each; ``Workbook.save``), into
``bench/_data/baseline``. Prints files written (by kind), total bytes, seconds, files per
second and the ratio build / baseline. No target is set: figures only.

``--profile N`` also builds, in-process under cProfile, the same kind of plan with N classes
(a tenth, 200, is enough to see the shares) and prints where the time goes: the top 20 by
cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import benchlib
from benchlib import DATA, ROOT, rel, secs
from gen_plan import generate

OUT = DATA / "out"
BASELINE_OUT = DATA / "baseline"


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def kind_of(path: Path) -> str:
    if path.name.startswith("."):
        return "清单（隐藏）"
    if path.suffix == ".xlsx":
        if path.name == "名额分配表.xlsx":
            return "名额分配表 xlsx"
        if path.parent.name == "报名回执":
            return "报名回执 xlsx"
        return "其他 xlsx"
    return f"{path.suffix or '无扩展名'} 文件"


def baseline(n: int, out: Path) -> None:
    """Write ``n`` small workbooks with raw openpyxl (the subprocess body)."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(name="黑体", size=11)
    out.mkdir(parents=True, exist_ok=True)
    heads = ["序号", "姓名", "性别", "民族", "出生年月", "单位及职务", "职级", "联系电话"]
    for i in range(n):
        wb = Workbook()
        ws = wb.active
        ws.title = "报名回执"
        ws.append([f"第 {i + 1} 份"])
        ws.append(heads)
        for cell in ws[2]:
            cell.font, cell.border = bold, box
        for r in range(1, 11):
            ws.append([r, "", "", "", "", "", "", ""])
            for cell in ws[r + 2]:
                cell.border = box
        folder = out / f"c{i // 100:03d}"
        folder.mkdir(exist_ok=True)
        wb.save(folder / f"{i:05d}.xlsx")


def timed(cmd: list[str], ok: tuple[int, ...]) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "COLUMNS": "100"}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0
    if proc.returncode not in ok:
        sys.exit(f"命令失败（退出码 {proc.returncode}）：{' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return seconds, proc


def profile_build(classes: int) -> list[str]:
    import contextlib

    from cadretrain.cli.build_step import run_build

    plan = DATA / f"province-{classes}.yaml"
    plan.write_text(generate(**{**benchlib.PLAN_ARGS, "classes": classes}), encoding="utf-8")
    target = DATA / "out-profile"
    shutil.rmtree(target, ignore_errors=True)
    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        profiler.enable()
        run_build(Path(rel(plan)), target, ignore_errors=True, progress=False)
        profiler.disable()
    files = files_under(target)
    shutil.rmtree(target, ignore_errors=True)
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    items = sorted(raw.items(), key=lambda kv: kv[1][3], reverse=True)[:20]
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = [f"  （{rel(plan)}：{len(files):,} 个文件，开启分析后共 {total:.1f} s）"]
    rows.append("    调用次数   自身 s   累计 s  函数")
    for (file, line, name), (_cc, nc, tt, ct, _) in items:
        where = f"{file.split('/site-packages/')[-1].split('/main/')[-1]}:{line}({name})"
        rows.append(f"  {nc:>10} {tt:8.2f} {ct:8.2f}  {where if line else name}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--profile", type=int, metavar="N", help="另用 cProfile 分析 N 个班次的同类计划的 build"
    )
    ap.add_argument("--profile-only", action="store_true", help="只做 --profile 的分析，不计时")
    ap.add_argument("--baseline", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.baseline is not None:
        baseline(args.baseline, args.out)
        return 0

    print("== cadretrain build：省级计划生成全部文件（子进程计时）==")
    print(benchlib.machine())
    if args.profile_only and args.profile:
        print("\n".join(profile_build(args.profile)))
        return 0
    plan_arg = rel(benchlib.ensure_plan())
    shutil.rmtree(OUT, ignore_errors=True)
    cmd = [sys.executable, "-m", "cadretrain", "build", plan_arg, "-o", rel(OUT)]
    cmd.append("--ignore-errors")
    t_build, proc = timed(cmd, (0,))
    summary = [line for line in proc.stdout.splitlines() if line.startswith("已生成")]
    print(f"命令：{' '.join(['python', *cmd[1:]])}")
    print(f"输出：{summary[-1] if summary else proc.stdout.strip()[-200:]}")
    files = files_under(OUT)
    kinds = Counter(kind_of(p) for p in files)
    total = sum(p.stat().st_size for p in files)
    xlsx = [p for p in files if p.suffix == ".xlsx"]
    xlsx_bytes = sum(p.stat().st_size for p in xlsx)

    shutil.rmtree(BASELINE_OUT, ignore_errors=True)
    base_cmd = [sys.executable, __file__, "--baseline", str(len(xlsx)), "--out", rel(BASELINE_OUT)]
    t_base, _ = timed(base_cmd, (0,))
    base_files = files_under(BASELINE_OUT)
    base_bytes = sum(p.stat().st_size for p in base_files)

    print()
    print("build 写出的文件：" + "，".join(f"{k} {n:,}" for k, n in sorted(kinds.items())))
    print(
        f"build      {len(files):>7,} 个文件 {total / 2**20:8.1f} MB（其中 xlsx {len(xlsx):,} 个 "
        f"{xlsx_bytes / 2**20:.1f} MB） {secs(t_build):>9}  每秒 {len(files) / t_build:6.1f} 个"
    )
    rate = len(base_files) / t_base
    print(
        f"基线       {len(base_files):>7,} 个 xlsx {base_bytes / 2**20:8.1f} MB"
        f"（openpyxl，每个一张小表）          {secs(t_base):>9}  每秒 {rate:6.1f} 个"
    )
    print(f"比值 build / 基线 = {t_build / t_base:.2f}×（未设目标）")
    if args.profile:
        print()
        print(
            f"== cProfile：{args.profile} 个班次的同类计划，进程内 build 一次，按累计时间前 20 =="
        )
        print("\n".join(profile_build(args.profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
