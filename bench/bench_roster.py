"""Writing a 100,000-person 花名册 with ``roster_bytes``, beside raw openpyxl and xlsxwriter.

    .venv/bin/python bench/bench_roster.py              # about 4 minutes on 2 cores

One class of the province plan (``bench/gen_plan.py``) taught in one session, and an
enrollment of 100,000 people: the synthetic register
(``cadretrain.synth.register.generate_register``,
seed 1) turned into ``Enrollee`` records. Each variant runs in a fresh process of this
interpreter, which first builds the same plan and enrollment (not timed), then times writing
the workbook to bytes and reports how far resident memory rose above its level before writing
(the peak is reset first: ``/proc/self/clear_refs``), and the process's ``ru_maxrss``.
The variants, interleaved, best of ``--repeat`` (default 2):

* ``roster``        — ``cadretrain.documents.roster.roster_bytes(year, cls, enrollment)``;
* ``openpyxl-wo``   — a raw openpyxl write-only workbook of the same cells: title, 制表单位/日期
  and header rows merged and styled alike, one ``WriteOnlyCell`` per cell with the same
  font, border and alignment as a named style registered once; same column widths, print
  titles, frozen panes, A4 landscape fitted to one page wide, footer;
* ``openpyxl-wo-objs`` — the same, but each cell given the Font, Border and Alignment objects
  (shared, made once) instead of a named style: what ``WriteOnlyCell`` styling usually looks
  like; for reference;
* ``xlsxwriter``    — xlsxwriter with ``constant_memory`` writing the same cells and formats.

All outputs are read back with python-calamine (or openpyxl read-only) and compared cell by
cell (the values, not the styles). Target: roster ≤ 1.5× the faster openpyxl write-only
variant → PASS/FAIL. ``--check`` makes the exit status 1 when it is missed; ``-n`` sets the
number of people.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import benchlib
from benchlib import DATA, maxrss_mb, reset_peak, secs, verdict, window_peak

TARGET = 1.5
VARIANTS = ("roster", "openpyxl-wo", "openpyxl-wo-objs", "xlsxwriter")
HEADS = ["序号", "姓名", "性别", "民族", "出生年月", "单位及职务", "职级", "联系电话", "备注"]
WRAP_COLS = {5, 8}  # 单位及职务, 备注: wrapped, left-aligned
# column widths for the raw writers: what a hand-written script would set
WIDTHS = [7, 10, 6, 8, 10, 44, 14, 13, 6]


# ─────────────────────────── the input (built in every worker) ───────────────────────────


def the_class(plan: Any) -> Any:
    """The first class of the province plan taught in one session on fixed dates, open to
    men and women."""
    for cls in plan.classes:
        one = cls.scheduled and not cls.session_count and not cls.sessions and cls.planned
        if one and not any(rule.gender for rule in cls.eligible or []):
            return cls
    raise SystemExit("省级计划中没有只有一期、日期确定的班次")


def make_enrollment(plan: Any, cls: Any, n: int) -> Any:
    from cadretrain.enroll.enrollment import Enrollee, Enrollment

    csv_name = benchlib.register_paths(n)[0].name
    people = [
        Enrollee(
            name=c.name,
            unit=c.unit_id or "",
            sex=c.sex,
            ethnicity=c.ethnicity,
            birth=c.birth,
            post=c.post,
            rank=c.rank,
            politics=c.politics,
            phone=c.phone,
            id_number=c.id_number,
            source=f"{csv_name}:{i}",
        )
        for i, c in enumerate(benchlib.cadres_of(plan, n), start=2)
    ]
    return Enrollment(cls.id, people)


def grid(plan: Any, people: list[Any]) -> list[list[object]]:
    """The roster's body cells, as a plain script would compute them."""
    order = {uid: i for i, uid in enumerate(plan.units)}
    names = {uid: u.name for uid, u in plan.units.items()}
    rows: list[list[object]] = []
    ranked = sorted(people, key=lambda p: order.get(p.unit, len(order)))
    for n, p in enumerate(ranked, start=1):
        unit = names.get(p.unit, p.unit)
        post = p.post if p.post.startswith(unit) else unit + p.post
        rows.append([n, p.name, p.sex, p.ethnicity, p.birth, post, p.rank, p.phone, p.note])
    return rows


def texts(plan: Any, cls: Any) -> tuple[str, str, str]:
    from cadretrain.core.wording import day_text

    made = day_text(plan.issued) if plan.issued else "____年__月__日"
    return f"{cls.name}学员花名册", f"制表单位：{plan.organizer}", f"制表日期：{made}"


# ─────────────────────────── the variants ───────────────────────────


def write_roster(year: Any, cls: Any, enrollment: Any) -> bytes:
    from cadretrain.documents.roster import roster_bytes

    data: bytes = roster_bytes(year, cls, enrollment)
    return data


def write_openpyxl(plan: Any, cls: Any, enrollment: Any, named: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    song = Font(name="宋体", size=11)
    styles = {
        "title": (Font(name="黑体", size=16, bold=True), Border(), center),
        "info": (song, Border(), Alignment(vertical="center")),
        "right": (song, Border(), Alignment(horizontal="right")),
        "head": (Font(name="黑体", size=11), box, center),
        "body": (song, box, center),
        "wrap": (song, box, Alignment(vertical="center", wrap_text=True)),
    }
    wb = Workbook(write_only=True)
    if named:
        for name, (font, border, alignment) in styles.items():
            wb.add_named_style(NamedStyle(name=name, font=font, border=border, alignment=alignment))
    ws = wb.create_sheet("全部")

    def cell(value: object, style: str) -> Any:
        c = WriteOnlyCell(ws, value=value)
        if named:
            c.style = style
        else:
            c.font, c.border, c.alignment = styles[style]
        return c

    width = len(HEADS)
    left = width // 2
    title, organizer, made = texts(plan, cls)
    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.row_dimensions[1].height = 32
    last = get_column_letter(width)
    merged: Any = getattr(ws, "merged_cells")  # noqa: B009 - untyped on write-only sheets
    merged.add(f"A1:{last}1")
    merged.add(f"A2:{get_column_letter(left)}2")
    merged.add(f"{get_column_letter(left + 1)}2:{last}2")
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.append([cell(title if c == 0 else None, "title") for c in range(width)])
    row2 = [cell(organizer if c == 0 else None, "info") for c in range(left)]
    row2 += [cell(made if c == left else None, "right") for c in range(left, width)]
    ws.append(row2)
    ws.append([cell(h, "head") for h in HEADS])
    kinds = ["wrap" if c in WRAP_COLS else "body" for c in range(width)]
    for row in grid(plan, enrollment.people):
        ws.append([cell(v, kinds[c]) for c, v in enumerate(row)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_xlsxwriter(plan: Any, cls: Any, enrollment: Any) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    song = {"font_name": "宋体", "font_size": 11}
    center = {"align": "center", "valign": "vcenter", "text_wrap": True}
    box = {"border": 1}
    f_title = wb.add_format({"font_name": "黑体", "font_size": 16, "bold": True, **center})
    f_info = wb.add_format({**song, "valign": "vcenter"})
    f_right = wb.add_format({**song, "align": "right"})
    f_head = wb.add_format({"font_name": "黑体", "font_size": 11, **box, **center})
    f_body = wb.add_format({**song, **box, **center})
    f_wrap = wb.add_format({**song, **box, "valign": "vcenter", "text_wrap": True})
    ws = wb.add_worksheet("全部")
    width = len(HEADS)
    left = width // 2
    title, organizer, made = texts(plan, cls)
    for i, w in enumerate(WIDTHS):
        ws.set_column(i, i, w)
    ws.set_row(0, 32)
    ws.repeat_rows(2)
    ws.freeze_panes(3, 0)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.merge_range(0, 0, 0, width - 1, title, f_title)
    ws.merge_range(1, 0, 1, left - 1, organizer, f_info)
    ws.merge_range(1, left, 1, width - 1, made, f_right)
    for c, head in enumerate(HEADS):
        ws.write_string(2, c, head, f_head)
    formats = [f_wrap if c in WRAP_COLS else f_body for c in range(width)]
    for r, row in enumerate(grid(plan, enrollment.people), start=3):
        ws.write_number(r, 0, row[0], f_body)  # type: ignore[arg-type]
        for c in range(1, width):
            ws.write_string(r, c, str(row[c]), formats[c])
    wb.close()
    return out.getvalue()


def worker(variant: str, n: int, out: Path) -> None:
    """Build the input, write the workbook once, print one JSON line with the figures."""
    year = benchlib.load_province()
    plan = year.plan
    cls = the_class(plan)
    enrollment = make_enrollment(plan, cls, n)
    fns = {
        "roster": lambda: write_roster(year, cls, enrollment),
        "openpyxl-wo": lambda: write_openpyxl(plan, cls, enrollment, named=True),
        "openpyxl-wo-objs": lambda: write_openpyxl(plan, cls, enrollment, named=False),
        "xlsxwriter": lambda: write_xlsxwriter(plan, cls, enrollment),
    }
    # imports are not part of the figure
    import openpyxl.cell
    import xlsxwriter

    import cadretrain.documents.roster
    import cadretrain.files.xlsx

    del openpyxl, xlsxwriter, cadretrain
    gc.collect()
    before = reset_peak()
    t0 = time.perf_counter()
    data = fns[variant]()
    seconds = time.perf_counter() - t0
    peak = window_peak()
    grow = None if before is None or peak is None else peak - before
    out.write_bytes(data)
    result = {"seconds": seconds, "bytes": len(data), "rss_peak": maxrss_mb(), "grow": grow}
    print(json.dumps({"class": cls.name, "people": len(enrollment.people), **result}))


# ─────────────────────────── the parent ───────────────────────────


def run_worker(variant: str, n: int) -> dict[str, Any]:
    out = DATA / f"roster-{variant}.xlsx"
    cmd = [sys.executable, __file__, "--worker", variant, "-n", str(n), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{variant} 失败（退出码 {proc.returncode}）：\n{proc.stdout}\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["out"] = out
    return result


def read_back(path: Path) -> list[list[str]]:
    """The first sheet's cells as text (numbers without .0, blanks as "")."""
    from cadretrain.files.tabular import cell_text

    try:
        import python_calamine

        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except ImportError:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
    out = [[cell_text(c) for c in row] for row in rows]
    for row in out:
        while row and not row[-1]:
            row.pop()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-n", type=int, default=benchlib.PEOPLE, help="人数（默认 100000）")
    ap.add_argument("--repeat", type=int, default=2, help="每种写法测几次取最好（默认 2）")
    ap.add_argument("--only", choices=VARIANTS, action="append", help="只测某几种写法")
    ap.add_argument("--check", action="store_true", help="未达标时退出码为 1")
    ap.add_argument("--worker", choices=VARIANTS, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, args.n, args.out)
        return 0

    print("== 花名册：roster_bytes 与 openpyxl 只写模式、xlsxwriter 写同样的单元格 ==")
    print(benchlib.machine() + " · 每种写法每次一个新进程")
    benchlib.ensure_plan()
    variants = tuple(args.only or VARIANTS)
    results: dict[str, list[dict[str, Any]]] = {v: [] for v in variants}
    for _ in range(args.repeat):
        for v in variants:
            results[v].append(run_worker(v, args.n))
    first = results[variants[0]][0]
    print(f"班次：{first['class']}（一期）；学员 {first['people']:,} 人，每人 9 栏")
    best = {v: min(rs, key=lambda r: r["seconds"]) for v, rs in results.items()}

    print()
    print("写法                  最好         各次      文件   写入时峰值增加   进程峰值")
    for v in variants:
        b = best[v]
        each = " ".join(f"{r['seconds']:.1f}" for r in results[v]) + " s"
        grows = [r["grow"] for r in results[v] if r["grow"] is not None]
        grow = f"{max(grows):8.0f} MB" if grows else "      未知"
        peak = max(r["rss_peak"] for r in results[v])
        print(
            f"{v:<18} {secs(b['seconds']):>9} {each:>12} {b['bytes'] / 2**20:6.1f} MB "
            f"{grow}      {peak:6.0f} MB"
        )
    print("（写入时峰值增加：开始写之前的常驻内存到写的过程中最高点；进程峰值含生成名单）")

    # the same cells?
    print()
    if "roster" in variants:
        reference = read_back(best["roster"]["out"])
        for v in variants[1:]:
            other = read_back(best[v]["out"])
            same = other == reference
            diff = ""
            if not same:
                at = next(
                    (i for i, (a, b) in enumerate(zip(reference, other, strict=False)) if a != b),
                    min(len(reference), len(other)),
                )
                diff = f"（第 {at + 1} 行起不同：{reference[at : at + 1]} / {other[at : at + 1]}）"
            print(f"单元格与 roster 相同：{v} {'是' if same else '否'}{diff}")
        print(f"（共 {len(reference):,} 行，含标题、制表、表头 3 行）")

    ok = True
    raws = [v for v in ("openpyxl-wo", "openpyxl-wo-objs") if v in variants]
    if "roster" in variants and raws:
        raw = min(raws, key=lambda v: best[v]["seconds"])
        ratio = best["roster"]["seconds"] / best[raw]["seconds"]
        ok = ratio <= TARGET
        print()
        print(
            f"比值 roster / openpyxl 只写（{raw}，两种只写写法中较快者）= {ratio:.2f}×"
            f"（目标 ≤ {TARGET}×）：{verdict(ok)}"
        )
        for v in variants[1:]:
            r = best["roster"]["seconds"] / best[v]["seconds"]
            print(f"  参考：roster / {v} = {r:.2f}×")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
