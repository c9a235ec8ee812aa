"""What the register, roster, build and collect benchmarks share: the generated province plan
and synthetic register in ``bench/_data/`` (git-ignored, made again only when missing or
stale), timing helpers and the machine line that heads every report.

Not a benchmark itself; the scripts beside it import it (``sys.path`` holds ``bench/``).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "_data"
for _p in (str(HERE), str(ROOT)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from gen_plan import generate  # noqa: E402

# the province plan of bench/README.md: 2,000 classes, 300 venues, 1,000 teachers, 300 units
PLAN_ARGS = {"classes": 2000, "venues": 300, "teachers": 1000, "year": 2013, "seed": 1}
PLAN_PATH = DATA / "province.yaml"
PEOPLE = 100_000
SEED = 1


def machine() -> str:
    import openpyxl

    return (
        f"Python {platform.python_version()} · openpyxl {openpyxl.__version__} · "
        f"{os.cpu_count()} 核 · {platform.machine()}"
    )


def ensure_plan(path: Path = PLAN_PATH, quiet: bool = False) -> Path:
    """The province plan, written when missing or not what ``gen_plan`` makes now."""
    text = generate(**PLAN_ARGS)  # type: ignore[arg-type]
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not quiet:
            print(f"（已生成 {rel(path)}）")
    return path


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def load_province() -> Any:
    """The province plan's year model (loaded, expanded, scheduled; no checks); exits when it
    does not load."""
    from cadretrain.core.diagnostics import Sink
    from cadretrain.year.pipeline import load_year

    sink = Sink()
    year = load_year(str(ensure_plan(quiet=True)), sink, checks=False)
    if year is None:
        sys.exit("省级计划无法加载：" + "\n".join(d.line() for d in sink.items))
    return year


def register_paths(n: int = PEOPLE, seed: int = SEED) -> tuple[Path, Path]:
    stem = DATA / f"register-{n}-{seed}"
    return stem.with_suffix(".csv"), stem.with_suffix(".xlsx")


def ensure_register(plan: Any, n: int = PEOPLE, seed: int = SEED) -> tuple[Path, Path]:
    """The synthetic register of ``n`` cadres as CSV and xlsx, made again when the plan (or
    the generator's output) changed: a stamp beside them records what they were made from."""
    from cadretrain.synth.register import generate_register, write_csv, write_xlsx

    csv_path, xlsx_path = register_paths(n, seed)
    stamp = csv_path.with_suffix(".json")
    plan_hash = hashlib.sha256(Path(plan.file).read_bytes()).hexdigest()
    want = {"plan": plan_hash, "n": n, "seed": seed}
    fresh = csv_path.exists() and xlsx_path.exists() and stamp.exists()
    if fresh and json.loads(stamp.read_text(encoding="utf-8")) == want:
        return csv_path, xlsx_path
    t0 = time.perf_counter()
    cadres = generate_register(plan, n, seed)
    t1 = time.perf_counter()
    write_csv(cadres, csv_path)  # the tag columns in use, as an office's register has them
    t2 = time.perf_counter()
    write_xlsx(cadres, xlsx_path, title="某省干部名册（虚构）")
    t3 = time.perf_counter()
    stamp.write_text(json.dumps(want), encoding="utf-8")
    print(
        f"（已生成名册 {n:,} 人：生成 {t1 - t0:.1f} s，写 CSV {t2 - t1:.1f} s，"
        f"写 xlsx {t3 - t2:.1f} s）"
    )
    return csv_path, xlsx_path


def cadres_of(plan: Any, n: int = PEOPLE, seed: int = SEED) -> list[Any]:
    """The synthetic register in memory (the same people the files hold), indexed by ID number
    as ``read_register`` returns it."""
    from cadretrain.enroll.register import Register
    from cadretrain.synth.register import generate_register

    return Register(generate_register(plan, n, seed))


def best_of(n: int, fn: Callable[[], object]) -> tuple[float, list[float]]:
    times = []
    for _ in range(max(n, 1)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), times


def maxrss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_mb(key: str) -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def reset_peak() -> float | None:
    """Start a new peak-memory window (Linux: ``5`` into /proc/self/clear_refs resets VmHWM),
    so that building a benchmark's input does not hide the peak of what is measured.
    Returns the resident memory now (MB), or None where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        return None
    return _status_mb("VmRSS")


def window_peak() -> float | None:
    """The peak resident memory (MB) since :func:`reset_peak`."""
    return _status_mb("VmHWM")


def secs(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
