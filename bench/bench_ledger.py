"""The 学时 ledger of 100,000 cadres over five years, beside plain reads of the same files.

    .venv/bin/python bench/bench_ledger.py            # about 6 minutes on 2 cores

Data (``bench/_data/ledger/``, made again only when this recipe or the generator changed):
five annual plans, 2013–2017, each the province plan of ``bench/gen_plan.py`` for that year
(2,000 classes, the same 300 units), and for every class with a planned headcount an
enrollment (``enrollments/<class-id>.yaml``, the layout ``cadretrain collect`` writes) drawn
from the synthetic register of 100,000 cadres (seed 1): about 1.2 classes per cadre and year,
multi-session classes spread over their sessions, ``random.Random(year)`` only.

Timed in this one run:

- baselines: reading every enrollment file as text (the I/O floor), and ``yaml.load`` with
  libyaml's ``CBaseLoader`` (the least any YAML-reading tool does with them);
- ``load_plans`` of the five plans; ``ledger`` (every enrollment read, every class scheduled,
  each entry keyed to its cadre, the register's 100,000 cadres added); ``check`` for 2017 for
  everyone (Art. 14: 90 学时 a year, 550 per five years for 县处级); one unit's ledger
  workbook (``ledger_bytes``) and the whole province's (100,000 rows);
- end to end: ``python -m cadretrain hours DIR --year 2017 --unit U -o OUT`` in a subprocess.

Peak memory: the resident-set peak while the ledger is built and checked (VmHWM reset first)
and the process peak. No target is set by the issue; the ratios are reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import benchlib
from benchlib import DATA, best_of, rel, secs
from gen_plan import generate

YEARS = range(2013, 2018)
PER_CADRE = 1.2  # classes per cadre and year
FOLDER = DATA / "ledger"
RECIPE = 1  # bump when the way the enrollments are drawn changes
FIELDS = ("name", "unit", "sex", "ethnicity", "birth", "post", "rank", "politics")


def _stamp() -> dict[str, Any]:
    texts = [generate(**{**benchlib.PLAN_ARGS, "year": y}) for y in YEARS]  # type: ignore[arg-type]
    digest = hashlib.sha256("".join(texts).encode("utf-8")).hexdigest()
    return {"plans": digest, "people": benchlib.PEOPLE, "recipe": RECIPE, "texts": texts}


def _dump(body: dict[str, Any], title: str) -> str:
    """``dump_enrollment``'s text, with libyaml's emitter (the same output, much faster)."""
    import yaml

    head = f"# {title}：报名名单（由 cadretrain collect 生成，可以审阅和修改）\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return head + yaml.dump(body, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)


def ensure_data() -> tuple[Path, int, int]:
    """The five plans and their enrollments; returns (folder, files, people enrolled)."""
    from cadretrain.core.diagnostics import Sink
    from cadretrain.enroll.enrollment import Enrollee, Enrollment, dump_enrollment
    from cadretrain.plan.loader import load_plan

    want = _stamp()
    texts = want.pop("texts")
    stamp = FOLDER / "stamp.json"
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == want:
        meta = json.loads((FOLDER / "meta.json").read_text(encoding="utf-8"))
        return FOLDER, meta["files"], meta["people"]
    t0 = time.perf_counter()
    shutil.rmtree(FOLDER, ignore_errors=True)
    (FOLDER / "enrollments").mkdir(parents=True)
    files = people = 0
    cadres: list[Any] | None = None
    for year, text in zip(YEARS, texts, strict=True):
        # one folder holds the five plans; each plan's enrollments sit beside it
        sub = FOLDER / str(year)
        (sub / "enrollments").mkdir(parents=True, exist_ok=True)
        path = sub / f"province-{year}.yaml"
        path.write_text(text, encoding="utf-8")
        plan = load_plan(str(path), Sink())
        assert plan is not None, path
        if cadres is None:
            cadres = list(benchlib.cadres_of(plan))
        rng = random.Random(year)
        classes = [c for c in plan.classes if c.planned]
        total = sum(c.planned or 0 for c in classes)
        scale = PER_CADRE * len(cadres) / total
        checked = False
        for cls in classes:
            n = max(1, round((cls.planned or 0) * scale))
            count = max(1, len(cls.sessions))
            chosen = rng.sample(range(len(cadres)), min(n, len(cadres)))
            rows = []
            for k, i in enumerate(sorted(chosen)):
                c = cadres[i]
                row = {f: getattr(c, f) for f in FIELDS if f != "unit"}
                row = {"name": c.name, "unit": c.unit_id, **row}
                row.update(phone=c.phone, id_number=c.id_number)
                if count > 1:
                    row["session"] = k % count + 1
                row["source"] = f"returns/{c.unit_name}-报名回执.xlsx:{k + 4}"
                rows.append({key: v for key, v in row.items() if v not in ("", 0, None)})
            body = {"class": cls.id, "people": rows}
            text_out = _dump(body, plan.title)
            if not checked:  # the emitter gives the product's own layout
                people_rows = [Enrollee(**{k: v for k, v in r.items()}) for r in rows]
                real = dump_enrollment(Enrollment(cls.id, people_rows), plan)
                if real != text_out:
                    sys.exit("基准生成的报名名单与 dump_enrollment 的格式不同")
                checked = True
            (sub / "enrollments" / f"{cls.id}.yaml").write_text(text_out, encoding="utf-8")
            files += 1
            people += len(rows)
        print(f"（{year} 年：{len(classes):,} 个班次的报名名单）", flush=True)
    shutil.rmtree(FOLDER / "enrollments")
    (FOLDER / "meta.json").write_text(json.dumps({"files": files, "people": people}), "utf-8")
    stamp.write_text(json.dumps(want), encoding="utf-8")
    took = secs(time.perf_counter() - t0)
    print(f"（已生成 {rel(FOLDER)}：{files:,} 份报名名单、{people:,} 人次，{took}）")
    return FOLDER, files, people


def read_texts(files: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)


def read_yaml(files: list[Path]) -> int:
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    return sum(
        len(yaml.load(p.read_text(encoding="utf-8"), Loader=loader)["people"]) for p in files
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="10 万干部、5 个年度的学时台账")
    ap.add_argument("--repeat", type=int, default=1, help="计时取最好的次数（默认 1）")
    args = ap.parse_args(argv)

    from cadretrain.core.diagnostics import Sink
    from cadretrain.records.ledger import Thresholds, ledger
    from cadretrain.records.ledger_check import check
    from cadretrain.records.ledger_sheet import ledger_bytes
    from cadretrain.records.plan_folder import load_plans

    print(benchlib.machine())
    folder, n_files, n_people = ensure_data()
    files = sorted(folder.glob("*/enrollments/*.yaml"))
    size = sum(p.stat().st_size for p in files) / 1e6
    print(
        f"数据：{len(YEARS)} 个年度计划，{n_files:,} 份报名名单（{size:.0f} MB），{n_people:,} 人次"
    )

    t_text, _ = best_of(args.repeat, lambda: read_texts(files))
    t_yaml, _ = best_of(args.repeat, lambda: read_yaml(files))
    print(f"基线  读文本（逐行）           {secs(t_text):>10}")
    print(f"基线  yaml.load CBaseLoader    {secs(t_yaml):>10}")

    t0 = time.perf_counter()
    years = load_plans(folder).years
    t_plans = time.perf_counter() - t0
    plans = [y.plan for y in years]
    assert [p.year for p in plans] == list(YEARS), [p.year for p in plans]
    cadres = benchlib.cadres_of(plans[0])

    before = benchlib.reset_peak()
    book: Any = None

    def build() -> None:
        nonlocal book
        sink = Sink()
        book = ledger(years, sink, cadres=cadres)
        assert not sink.has_errors(), sink.items[:3]

    t_ledger, _ = best_of(args.repeat, build)
    t0 = time.perf_counter()
    everyone = check(book, YEARS[-1])
    t_check = time.perf_counter() - t0
    peak = benchlib.window_peak()
    short = sum(1 for s in everyone if not s.ok)
    entries = sum(len(p.entries) for p in book.people.values())
    print(f"计划  load_plans（5 个计划）    {secs(t_plans):>10}")
    print(
        f"台账  ledger                   {secs(t_ledger):>10}   "
        f"{len(book.people):,} 人、{entries:,} 条记录；"
        f"比读文本 {t_ledger / t_text:.1f}×，比 CBaseLoader {t_ledger / t_yaml:.2f}×"
    )
    print(
        f"核对  check {YEARS[-1]}（全体）       {secs(t_check):>10}   "
        f"{len(everyone):,} 人，未达标 {short:,} 人"
    )
    if before is not None and peak is not None:
        grew = peak - before
        print(f"内存  建台账并核对时峰值 {peak:.0f} MB（开始 {before:.0f} MB，增 {grew:.0f} MB）")

    unit = everyone[0].unit
    mine = [s for s in everyone if s.unit == unit]
    organizer = plans[-1].organizer
    t_unit, _ = best_of(
        args.repeat, lambda: ledger_bytes(unit, YEARS[-1], mine, organizer, Thresholds())
    )
    print(f"输出  {unit} 台账 xlsx（{len(mine):,} 人）{secs(t_unit):>10}")
    t0 = time.perf_counter()
    data = ledger_bytes("全部单位", YEARS[-1], everyone, organizer, Thresholds())
    t_all = time.perf_counter() - t0
    mb = len(data) / 1e6
    print(f"输出  全部单位台账 xlsx（{len(everyone):,} 人） {secs(t_all):>10}   {mb:.1f} MB")

    out = DATA / "ledger-out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "cadretrain", "hours", str(folder), "--year", str(YEARS[-1])]
    cmd += ["--unit", unit, "-o", str(out)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    t_cli = time.perf_counter() - t0
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    code = done.returncode
    print(f"命令  cadretrain hours --unit（子进程） {secs(t_cli):>10}   退出码 {code}：{last}")
    print(f"进程内存峰值 {benchlib.maxrss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
