"""Long fuzzing run: the strategies of ``tests/fuzz_strategies.py`` on many cases.

    .venv/bin/python bench/fuzz.py                      # 20,000 cases, 2 workers
    .venv/bin/python bench/fuzz.py --cases 500 --seed 7 --save bench/_data/fuzz

Hypothesis draws the cases here (mutated plans for ``validate``, ``quota`` and ``build``;
mutated registers, reply forms, sign-in sheets, score sheets and rating forms for ``quota``,
``collect``, ``attendance``, ``scores`` and ``ratings``; mutated enrollments for
``attendance``); worker processes (``--workers``) run
each in-process through typer's CliRunner, under ``signal.alarm`` (``--timeout``, 20 s) and an
address-space limit (``--memory``). A worker that dies (a native abort, a segfault, the
kernel's OOM killer) or stops answering is replaced and the case counted. At the end the counts
by outcome: exit codes 0, 1, 2 (documented), any other exit code, timeouts, tracebacks (grouped
by exception and the innermost cadretrain frame, each with a reproducer), native aborts, and
output that is not Chinese. ``--save DIR`` keeps each failing case's files and recipe, to be
turned into a named regression case under ``tests/``. The exit code is 1 when any case failed.
"""

from __future__ import annotations

import argparse
import base64
import collections
import json
import os
import pickle
import queue
import re
import resource
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
OK = {"exit 0", "exit 1", "exit 2"}

# ------------------------------------------------------------------ the worker side


class CaseTimeout(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` swallows it."""


def _innermost(tb: Any) -> str:
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if "cadretrain" in f.filename] or frames
    last = ours[-1] if ours else None
    if last is None:
        return "?"
    name = last.filename.replace(str(ROOT) + os.sep, "")
    return f"{name}:{last.lineno}"


def is_json(text: str) -> bool:
    """``quota --format json`` may print ``[]``: data, not a message."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def run_one(case: Any, timeout: int) -> dict[str, Any]:
    """Run one case in this process; the outcome as a dict."""
    from typer.testing import CliRunner

    from cadretrain.cli.main import app
    from tests.fuzz_strategies import realize

    def expired(signum: int, frame: object) -> None:
        raise CaseTimeout

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cadretrain-fuzz-") as tmp:
        old = signal.signal(signal.SIGALRM, expired)
        signal.alarm(timeout)
        try:
            try:
                args = realize(case, Path(tmp))
            except Exception as exc:  # the harness's own mistake, not cadretrain's
                return {
                    "outcome": "harness error",
                    "signature": f"harness: {type(exc).__name__} "
                    f"at {_innermost(exc.__traceback__)}",
                    "detail": "".join(traceback.format_exception(exc))[-2000:],
                }
            result = CliRunner().invoke(app, args, env={"COLUMNS": "120", "NO_COLOR": "1"})
        except CaseTimeout:
            return {"outcome": "timeout", "seconds": time.perf_counter() - started}
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    seconds = time.perf_counter() - started
    exc = result.exception
    if isinstance(exc, CaseTimeout):
        return {"outcome": "timeout", "seconds": seconds}
    if exc is not None and not isinstance(exc, SystemExit):
        where = _innermost(exc.__traceback__)
        return {
            "outcome": "traceback",
            "signature": f"{type(exc).__name__} at {where}",
            "detail": "".join(traceback.format_exception(exc))[-3000:],
            "seconds": seconds,
        }
    text = result.output
    if text.strip() and not CJK.search(text) and not is_json(text):
        return {"outcome": "not Chinese", "detail": text[:500], "seconds": seconds}
    return {"outcome": f"exit {result.exit_code}", "seconds": seconds}


def worker(timeout: int, memory_mb: int) -> None:
    """Read pickled cases (base64, one a line) on stdin; write one JSON outcome a line."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ.setdefault("CADRETRAIN_CACHE", tempfile.mkdtemp(prefix="cadretrain-fuzz-cache-"))
    for line in sys.stdin:
        case = pickle.loads(base64.b64decode(line))
        try:
            outcome = run_one(case, timeout)
        except MemoryError:
            outcome = {"outcome": "traceback", "signature": "MemoryError (outside a command)"}
        sys.stdout.write(json.dumps(outcome) + "\n")
        sys.stdout.flush()


# ------------------------------------------------------------------ the parent side


class Pool:
    """``workers`` worker processes, each fed by a thread from one queue of cases."""

    def __init__(self, workers: int, timeout: int, memory_mb: int, save: Path | None) -> None:
        self.cases: queue.Queue[Any] = queue.Queue(maxsize=workers * 2)
        self.timeout, self.memory_mb, self.save = timeout, memory_mb, save
        self.lock = threading.Lock()
        self.counts: collections.Counter[str] = collections.Counter()
        self.signatures: dict[str, tuple[int, Any, str]] = {}
        self.seconds: list[tuple[float, str]] = []
        self.threads = [threading.Thread(target=self._feed, daemon=True) for _ in range(workers)]
        for t in self.threads:
            t.start()

    def _spawn(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--worker",
                "--timeout",
                str(self.timeout),
                "--memory",
                str(self.memory_mb),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )

    def _feed(self) -> None:
        proc = self._spawn()
        while True:
            case = self.cases.get()
            if case is None:
                break
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write(base64.b64encode(pickle.dumps(case)).decode() + "\n")
                proc.stdin.flush()
                ready, _, _ = select.select([proc.stdout], [], [], self.timeout + 30)
                line = proc.stdout.readline() if ready else None
            except (BrokenPipeError, OSError):
                line = ""
            if line:
                outcome = json.loads(line)
            elif line is None:  # the alarm did not fire (stuck in native code): kill it
                proc.kill()
                proc.wait()
                outcome = {"outcome": "timeout", "detail": "worker killed"}
            else:
                code = proc.wait()
                name = signal.Signals(-code).name if code < 0 else f"exit {code}"
                outcome = {"outcome": "native abort", "signature": f"worker died: {name}"}
            if line is None or not line:
                proc = self._spawn()
            self._record(case, outcome)
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait()

    def _record(self, case: Any, outcome: dict[str, Any]) -> None:
        kind = outcome["outcome"]
        with self.lock:
            self.counts[kind] += 1
            self.seconds.append((float(outcome.get("seconds", 0.0)), case.describe()))
            if kind in OK:
                return
            signature = outcome.get("signature") or kind
            seen = self.signatures.get(signature)
            number = seen[0] + 1 if seen else 1
            self.signatures[signature] = (
                number,
                seen[1] if seen else case,
                seen[2] if seen else str(outcome.get("detail", "")),
            )
            if self.save is not None and not seen:
                self._keep(len(self.signatures), signature, case, outcome)

    def _keep(self, n: int, signature: str, case: Any, outcome: dict[str, Any]) -> None:
        from tests.fuzz_strategies import realize

        assert self.save is not None
        folder = self.save / f"{n:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            args = realize(case, folder)
        except Exception as exc:  # reported as a harness error already
            args = [repr(exc)]
        (folder / "case.json").write_text(
            json.dumps(
                {"signature": signature, "args": args, "recipe": case.describe(), **outcome},
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )

    def close(self) -> None:
        for _ in self.threads:
            self.cases.put(None)
        for t in self.threads:
            t.join()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=20_000, help="cases to run (20,000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--timeout", type=int, default=20, help="seconds per case (20)")
    parser.add_argument("--memory", type=int, default=2048, help="MB of address space per worker")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (random)")
    parser.add_argument("--no-build", action="store_true", help="leave out build (the slowest)")
    parser.add_argument("--save", type=Path, default=None, help="keep failing cases here")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.timeout, args.memory)
        return 0

    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed
    from hypothesis import strategies as st

    from tests.fuzz_strategies import SMALL_PLANS, book_cases, plan_cases

    branches = [plan_cases(commands=("validate", "quota"))] * 4 + [book_cases()] * 4
    branches.append(plan_cases(bases=("enrollment",)))
    if not args.no_build:
        branches.append(plan_cases(commands=("build",), bases=SMALL_PLANS))
    strategy = st.one_of(*branches)
    pool = Pool(args.workers, args.timeout, args.memory, args.save)
    started = time.perf_counter()
    drawn = 0

    @settings(
        max_examples=args.cases,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def drive(case: Any) -> None:
        nonlocal drawn
        drawn += 1
        pool.cases.put(case)
        if drawn % 500 == 0:
            print(f"  {drawn} 个用例已派发（{time.perf_counter() - started:.0f} 秒）", flush=True)

    if args.seed is not None:
        drive = with_seed(args.seed)(drive)
    drive()
    pool.close()
    took = time.perf_counter() - started
    report(pool, drawn, took)
    return 0 if set(pool.counts) <= OK else 1


def report(pool: Pool, drawn: int, took: float) -> None:
    counts = pool.counts
    print(f"用例 {drawn} 个，用时 {took:.0f} 秒（每个平均 {took / max(drawn, 1):.2f} 秒，并行）")
    for key in ("exit 0", "exit 1", "exit 2"):
        print(f"  退出码 {key[5:]}：{counts.get(key, 0)}")
    other = sum(n for k, n in counts.items() if k.startswith("exit ") and k not in OK)
    print(f"  其他退出码：{other}")
    for key, zh in (
        ("timeout", "超时"),
        ("traceback", "未处理的异常"),
        ("native abort", "进程崩溃"),
        ("not Chinese", "输出不是中文"),
        ("harness error", "测试框架自身出错（不算 cadretrain 的问题）"),
    ):
        print(f"  {zh}：{counts.get(key, 0)}")
    if pool.seconds:
        print("  最慢的用例：")
        for seconds, recipe in sorted(pool.seconds, reverse=True)[:3]:
            print(f"    {seconds:.1f} 秒：{recipe[:300]}")
    for signature, (n, case, detail) in sorted(pool.signatures.items(), key=lambda x: -x[1][0]):
        print(f"\n[{n} 次] {signature}\n  复现：{case.describe()}")
        if detail:
            print("  " + detail.strip().replace("\n", "\n  ")[-1500:])


if __name__ == "__main__":
    sys.exit(main())
