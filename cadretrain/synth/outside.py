"""Synthetic hours from outside the plan for the bundled 2013 year: a 调训 record
(``plans/records/outside/``) and an online academy's learner export
(``plans/records/online/``). The people are the synthetic register's (ID numbers with the area
code 999999), picked by position, so the files are deterministic; no real person appears.

The 调训 record shows what the reader does: four rows matched by ID number, one without an ID
matched by name and unit (CT983), and one that repeats the 妇女干部班 for its first trainee
(same person, overlapping dates: CT986, counted once). The export uses other header names (学员姓名,
证件号码, 获得学时, 学习完成时间) as such platforms do.

    python -m cadretrain.synth.outside plans/2013-county.yaml
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from cadretrain.year.model import Year

OUTSIDE_FILE = "2013年干部调训学时登记.xlsx"
ONLINE_FILE = "网络学院学员学时导出.csv"
OUTSIDE_HEADS = ["序号", "姓名", "身份证号", "工作单位", "培训班次", "开始日期", "结束日期", "学时"]
ONLINE_HEADS = ["学员姓名", "证件号码", "所在单位", "课程名称", "获得学时", "学习完成时间"]

# (register position, 班次, start, end, 学时, ID written)
OUTSIDE_ROWS = [
    (10, "省委党校中青年干部培训班", date(2013, 9, 2), date(2013, 9, 27), 150, True),
    (20, "市委党校乡镇党委书记培训班", date(2013, 6, 3), date(2013, 6, 14), 75, True),
    (30, "市委党校党务干部专题研讨班", date(2013, 11, 4), date(2013, 11, 8), 37.5, True),
    (45, "省委组织部基层干部示范培训班", date(2013, 10, 14), date(2013, 10, 18), 37.5, True),
    (40, "市委党校统战干部培训班", date(2013, 4, 8), date(2013, 4, 12), 37.5, False),
]
# (register position, 课程名称, 学时, 完成时间)
ONLINE_ROWS = [
    (10, "学习贯彻党的十八大精神", 3, "2013-02-25 20:31:05"),
    (10, "中国特色社会主义理论体系", 4.5, "2013-04-02 21:10:44"),
    (20, "学习贯彻党的十八大精神", 3, "2013-03-20 19:02:13"),
    (31, "领导干部网络素养", 2, "2013-06-11 08:45:00"),
    (31, "依法行政与法治政府建设", 6, "2013-07-30 22:15:37"),
    (31, "农村基层党组织建设", 12, "2013-09-09 10:00:00"),
]


def _cadres(year: Year) -> list[tuple[str, str, str]]:
    register = year.register()
    if not register:
        raise SystemExit("计划没有干部名册（plan.register），无法生成示例")
    return [(c.name, c.id_number, c.unit_name) for c in register]


def outside_bytes(year: Year) -> bytes:
    """The 调训 record: :data:`OUTSIDE_ROWS`, then the 妇女干部班's first trainee again."""
    cadres = _cadres(year)
    rows: list[list[object]] = []
    for pos, course, start, end, hours, with_id in OUTSIDE_ROWS:
        name, ident, unit = cadres[pos]
        rows.append([name, ident if with_id else "", unit, course, start, end, hours])
    cls = next(c for c in year.plan.classes if c.id == "women-leaders")
    first = year.enrollments()[cls.id].people[0]
    days = year.schedule(cls).slots[0].days
    unit = year.plan.units[first.unit].name if first.unit in year.plan.units else first.unit
    course = "全县妇女领导干部培训班（市妇联调训）"
    rows.append([first.name, first.id_number, unit, course, days[0], days[-1], 22.5])
    return outside_workbook(year.plan.year, OUTSIDE_HEADS, rows)


def outside_workbook(year: int, heads: list[str], rows: list[list[object]]) -> bytes:
    """A 调训登记 sheet as an outside office keeps it: a title, ``heads`` (序号 first), then each
    row numbered, dates as ISO text."""
    import openpyxl

    from cadretrain.files.xlsx import put, to_bytes

    wb = openpyxl.Workbook()
    ws = wb.worksheets[0]
    ws.title = "调训登记"
    put(ws, 1, 1, f"{year}年干部调训学时登记表")
    for c, head in enumerate(heads, start=1):
        put(ws, 2, c, head)
    for r, row in enumerate(rows, start=3):
        put(ws, r, 1, r - 2)
        for c, value in enumerate(row, start=2):
            put(ws, r, c, value.isoformat() if isinstance(value, date) else value)
    return bytes(to_bytes(wb))


def online_text(year: Year) -> str:
    """The online academy's export as CSV (UTF-8 with BOM, as such platforms write it)."""
    cadres = _cadres(year)
    lines = [",".join(ONLINE_HEADS)]
    for pos, course, hours, done in ONLINE_ROWS:
        name, ident, unit = cadres[pos]
        lines.append(",".join([name, ident, unit, course, str(hours), done]))
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def main(argv: list[str]) -> int:
    from cadretrain.records.folder import records_dir
    from cadretrain.year.pipeline import load_year

    year = load_year(Path(argv[0]), checks=False)
    if year is None:
        print(f"无法读取计划 {argv[0]}", file=sys.stderr)
        return 2
    base = records_dir(year.plan)
    (base / "outside").mkdir(parents=True, exist_ok=True)
    (base / "online").mkdir(parents=True, exist_ok=True)
    (base / "outside" / OUTSIDE_FILE).write_bytes(outside_bytes(year))
    (base / "online" / ONLINE_FILE).write_bytes(online_text(year).encode("utf-8"))
    print(f"已写入 {base / 'outside' / OUTSIDE_FILE}、{base / 'online' / ONLINE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
