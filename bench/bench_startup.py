"""Cold start of ``cadretrain validate`` on the bundled county plan, beside a minimal Typer app.

    .venv/bin/python bench/bench_startup.py

Each measurement is a fresh process of the same interpreter (``sys.executable``), run from the
project root with output captured; the two commands are interleaved, after two warm-up runs
each (byte-code caches, page cache), and the median of 11 runs is reported:

* ``python -m cadretrain validate plans/2013-county.yaml``
* ``python bench/baseline_app.py plans/2013-county.yaml`` — one Typer command that loads the
  same YAML with CSafeLoader and prints the class count (the floor for any Typer tool).

Prints both, the ratio and PASS/FAIL against the target (≤ 1.3×); for orientation the bare
interpreter and the ``cadretrain`` console script too. Then the top 15 imports by cumulative
time from ``python -X importtime -m cadretrain validate …`` (the lowest of 3 runs per module),
the modules validate imports that the baseline does not (grouped by package), and whether
``openpyxl`` and ``jinja2`` were imported by a validate run (they must not be). ``--check``
makes the exit status 1 when anything FAILs.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PLAN = "plans/2013-county.yaml"
TARGET = 1.3
MUST_NOT_IMPORT = ("openpyxl", "jinja2")
ALSO_REPORT = ("rich", "holidays", "click", "typer", "yaml")

PY = sys.executable
CADRETRAIN = [PY, "-m", "cadretrain", "validate", PLAN]
BASELINE = [PY, "bench/baseline_app.py", PLAN]
BARE = [PY, "-c", "pass"]

_ENV = {**os.environ, "COLUMNS": "100", "PYTHONDONTWRITEBYTECODE": ""}
_ENV.pop("PYTHONDONTWRITEBYTECODE")


def run(cmd: list[str], ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=ROOT, env=_ENV, capture_output=True, text=True)
    if proc.returncode not in ok:
        sys.exit(
            f"命令失败（退出码 {proc.returncode}）：{' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def timed(cmd: list[str], ok: tuple[int, ...]) -> float:
    t0 = time.perf_counter()
    run(cmd, ok)
    return time.perf_counter() - t0


def measure(cmds: dict[str, tuple[list[str], tuple[int, ...]]], n: int) -> dict[str, list[float]]:
    for cmd, ok in cmds.values():  # warm-up
        for _ in range(2):
            run(cmd, ok)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(n):
        for name, (cmd, ok) in cmds.items():
            times[name].append(timed(cmd, ok))
    return times


_IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)\s*$")


def import_times(cmd: list[str], runs: int = 3) -> dict[str, tuple[int, int, int]]:
    """Per module: (lowest cumulative µs, its self µs, nesting depth) over ``runs`` runs."""
    best: dict[str, tuple[int, int, int]] = {}
    for _ in range(runs):
        proc = run([PY, "-X", "importtime", *cmd[1:]], ok=(0, 1))
        for line in proc.stderr.splitlines():
            m = _IMPORT_LINE.match(line)
            if m is None:
                continue
            self_us, cum_us, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
            depth = max(0, (indent - 1) // 2)
            if name not in best or cum_us < best[name][0]:
                best[name] = (cum_us, self_us, depth)
    return best


_PROBE = """
import json, runpy, sys
sys.argv = ["cadretrain", "validate", {plan!r}]
try:
    runpy.run_module("cadretrain", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
names = {names!r}
found = {{n: n in sys.modules for n in names}}
sys.stderr.write("MODULES " + json.dumps({{"found": found, "total": len(sys.modules)}}) + "\\n")
"""


def modules_after_validate() -> tuple[dict[str, bool], int]:
    import json

    names = MUST_NOT_IMPORT + ALSO_REPORT
    proc = run([PY, "-c", _PROBE.format(plan=PLAN, names=names)], ok=(0, 1))
    line = next(x for x in proc.stderr.splitlines() if x.startswith("MODULES "))
    data = json.loads(line.removeprefix("MODULES "))
    return data["found"], data["total"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=11, help="runs per command (default 11)")
    ap.add_argument("--check", action="store_true", help="exit 1 when anything FAILs")
    args = ap.parse_args(argv)

    print("== cadretrain validate：冷启动耗时（每次新进程）==")
    print(f"Python {platform.python_version()}（{PY}）· {os.cpu_count()} 核 · {platform.machine()}")
    probe = run(BASELINE)
    print(f"基线程序输出：{probe.stdout.strip()}")
    cmds: dict[str, tuple[list[str], tuple[int, ...]]] = {
        "cadretrain": (CADRETRAIN, (0, 1)),  # 1: the 2013 plan has errors — that is its answer
        "baseline": (BASELINE, (0,)),
        "bare": (BARE, (0,)),
    }
    script = Path(PY).parent / "cadretrain"
    if script.exists():
        cmds["script"] = ([str(script), "validate", PLAN], (0, 1))
    times = measure(cmds, args.runs)
    med = {name: statistics.median(ts) for name, ts in times.items()}

    def row(label: str, name: str) -> str:
        ts = sorted(times[name])
        spread = f"{ts[0] * 1000:.0f}–{ts[-1] * 1000:.0f}"
        return f"{label:<46} 中位数 {med[name] * 1000:7.1f} ms（{spread} ms）"

    print(f"各 {args.runs} 次，交替运行：")
    print(row("python -m cadretrain validate " + PLAN, "cadretrain"))
    print(row("python bench/baseline_app.py " + PLAN, "baseline"))
    print(row("参考：python -c pass", "bare"))
    if "script" in cmds:
        print(row("参考：.venv/bin/cadretrain validate " + PLAN, "script"))
    ratio = med["cadretrain"] / med["baseline"]
    ok_time = ratio <= TARGET
    delta_ms = (med["cadretrain"] - med["baseline"]) * 1000
    print(
        f"比值 cadretrain/基线 = {ratio:.2f}×（目标 ≤ {TARGET}×；多出 {delta_ms:.0f} ms）："
        f"{'PASS' if ok_time else 'FAIL'}"
    )

    print()
    print("== python -X importtime -m cadretrain validate：按累计时间前 15（3 次取最小）==")
    imports = import_times(CADRETRAIN)
    top = sorted(imports.items(), key=lambda kv: kv[1][0], reverse=True)[:15]
    print(f"  {'累计 ms':>8} {'自身 ms':>8}  模块（缩进 = 被谁导入）")
    for name, (cum, self_us, depth) in top:
        print(f"  {cum / 1000:8.1f} {self_us / 1000:8.1f}  {'  ' * depth}{name}")
    total_self = sum(s for _, s, _ in imports.values()) / 1000
    print(f"  共导入 {len(imports)} 个模块，自身时间合计 {total_self:.1f} ms")

    base = import_times(BASELINE)
    extra: dict[str, list[int]] = {}
    for name, (_, self_us, _) in imports.items():
        if name not in base:
            extra.setdefault(name.split(".")[0], []).append(self_us)
    groups = sorted(extra.items(), key=lambda kv: sum(kv[1]), reverse=True)
    extra_ms = sum(sum(v) for v in extra.values()) / 1000
    print()
    print(f"== 基线没有、validate 多导入的模块（按顶层包合计自身时间，共 {extra_ms:.1f} ms）==")
    for pkg, selfs in groups[:10]:
        print(f"  {sum(selfs) / 1000:8.1f} ms  {pkg}（{len(selfs)} 个模块）")
    rest = extra_ms - sum(sum(v) for _, v in groups[:10]) / 1000
    if len(groups) > 10:
        print(f"  {rest:8.1f} ms  其余 {len(groups) - 10} 个包")
    other = delta_ms - extra_ms
    print(f"  启动多出的 {delta_ms:.0f} ms 中，导入约 {extra_ms:.0f} ms，其余约 {other:.0f} ms")

    print()
    print("== validate 运行后 sys.modules ==")
    found, total = modules_after_validate()
    ok_mods = True
    for name in MUST_NOT_IMPORT:
        bad = found[name]
        ok_mods = ok_mods and not bad
        verdict = "FAIL（已导入）" if bad else "PASS（未导入）"
        print(f"  {name:<10} {verdict}")
    info = "，".join(f"{n} {'是' if found[n] else '否'}" for n in ALSO_REPORT)
    print(f"  参考（是否导入）：{info}；模块总数 {total}")

    print()
    overall = ok_time and ok_mods
    print(
        f"结论：启动 {ratio:.2f}× {'PASS' if ok_time else 'FAIL'}；"
        f"openpyxl/jinja2 {'PASS' if ok_mods else 'FAIL'}"
    )
    return 1 if args.check and not overall else 0


if __name__ == "__main__":
    sys.exit(main())
