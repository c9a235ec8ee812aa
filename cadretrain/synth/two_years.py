"""Two years of after-class records, generated: a plans folder with one subfolder per year
(``2013/``, ``2014/``), each with its plan, enrollments and ``records/`` filled the way offices
fill them, so that every rule of the 学时 ledger, the completion rule and the report meets a
case. Synthetic people (ID numbers with the area code 999999); deterministic, no randomness.

2013 (``hours_per_day: 7.5``; the class ``a`` sets 6):

- ``a`` 5 days (10 half-days; 1/7 allows 1 missed), one session, signed: ✓, √, 1 and names;
  one late; one person on leave for a half-day (allowed); one absent twice (a blank and 缺:
  退学); one on leave for a whole day written once into the day's merged cells (退学 — but the
  plan records an approved exception for her); the last afternoon nobody signed (not
  recorded: credited to everyone). Scores: one below 60, one blank (待评).
- ``b`` 3 days, no sign-in records: the enrollment is the basis.
- ``c`` two sessions of 2 days: the first signed (one absent half-day: over 1/7 of 4), the
  second's sheet left blank (no records for that session: the enrollment basis).
- ``records/outside``: 调训 rows matched by ID, one by name and unit (CT983), one repeating
  class ``a`` for a trainee (CT986, counted once), one unknown ID (CT982), one 学时 不是数字
  (CT984), one date in another year (CT985). ``records/online``: an export with the
  platform's header names; the plan asks for 10 online 学时 a year.

2014 (``leave_rule: {脱产: 1/5}``): ``a`` 3 days (6 half-days; 1/5 allows 1 missed), the same
people partly (same ID numbers: one cadre over both years), one absent once (allowed by 1/5),
one absent twice (退学); ``b`` of kind 业余 without records; 调训 and online rows. The
县处级 cadre's 420 调训 学时 (56 days) bring him to 3 months over the five years by days, not
by 学时 (Art. 14 decided by 天数).

    python -m cadretrain.synth.two_years OUT_FOLDER
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from cadretrain.core import idcard

AREA = "999999"
UNITS = [("chengguan", "城关镇"), ("dongguan", "东关街道")]
NAMES = [
    "王建国", "李秀英", "张伟", "刘芳", "陈静", "杨磊", "赵丽", "黄勇",
    "周敏", "吴涛", "徐霞", "孙斌", "胡燕", "朱明", "高玲", "林峰",
]  # fmt: skip
RANKS = ["县处级副职", "乡科级正职", "乡科级副职", "科员"]


def id_number(index: int) -> str:
    """A valid GB 11643 number of the fake area, born 1970 + index % 20."""
    first17 = f"{AREA}{1970 + index % 20}0{1 + index % 9}1{index % 10}{100 + index:03d}"[:17]
    return first17 + idcard.check_char(first17)


def person(index: int, session: int = 0) -> dict[str, Any]:
    unit = UNITS[index % 2][0]
    row: dict[str, Any] = {
        "name": NAMES[index],
        "unit": unit,
        "sex": "男" if index % 2 == 0 else "女",
        "post": "副镇长" if unit == "chengguan" else "副主任",
        "rank": RANKS[0] if index == 0 else RANKS[1 + index % 3],
        "id_number": id_number(index),
    }
    if session:
        row["session"] = str(session)
    return row


PLAN_2013 = """\
plan:
  title: 2013年测试县干部教育培训计划
  year: 2013
  organizer: 中共测试县委组织部
  hours_per_day: 7.5
  online_hours: 10
ranks: [县处级正职, 县处级副职, 乡科级正职, 乡科级副职, 科员]
units:
  - {id: chengguan, name: 城关镇}
  - {id: dongguan, name: 东关街道}
classes:
  - id: a
    name: 乡镇干部培训班
    when: 2013年5月6日—10日
    weekends: true
    hours_per_day: 6
    planned: 12
    topics: [党的十八大精神, 依法行政]
    exceptions:
      - {name: 刘芳, reason: 经县委组织部批准，因防汛请假}
  - id: b
    name: 党务干部培训班
    when: 2013年6月3日—5日
    weekends: true
    planned: 8
    topics: [党务工作实务]
  - id: c
    name: 村级后备干部培训班
    when: 2013年9月2日—5日
    weekends: true
    planned: 6
    sessions: {count: 2, days: 2}
    topics: [农村政策]
"""

PLAN_2014 = """\
plan:
  title: 2014年测试县干部教育培训计划
  year: 2014
  organizer: 中共测试县委组织部
  leave_rule: {脱产: 1/5}
ranks: [县处级正职, 县处级副职, 乡科级正职, 乡科级副职, 科员]
units:
  - {id: chengguan, name: 城关镇}
  - {id: dongguan, name: 东关街道}
classes:
  - id: a
    name: 乡镇干部进修班
    when: 2014年4月7日—9日
    weekends: true
    planned: 10
    topics: [全面深化改革]
  - id: b
    name: 理论学习讲座
    kind: 业余
    when: 2014年6月9日—10日
    weekends: true
    planned: 6
"""

ENROLLED = {
    2013: {
        "a": [person(i) for i in range(12)],
        "b": [person(i) for i in (0, 2, 5, 8, 12, 13, 14, 15)],
        "c": [person(i, 1) for i in (3, 6, 9)] + [person(i, 2) for i in (10, 11, 12)],
    },
    2014: {
        "a": [person(i) for i in (0, 1, 2, 3, 4, 12, 13, 14, 15, 7)],
        "b": [person(i) for i in (0, 5, 6, 7, 8, 9)],
    },
}

# (year, class) → {name: {half-day index: mark}}; None = left blank (absent)
MARKS: dict[tuple[int, str], dict[str, dict[int, str | None]]] = {
    (2013, "a"): {"张伟": {4: "迟到"}, "陈静": {5: "请假"}, "周敏": {1: None, 6: "缺"}},
    (2013, "c"): {"赵丽": {2: None}},
    (2014, "a"): {"张伟": {0: "缺勤"}, "胡燕": {3: None, 4: "旷课"}},
}
MERGED_LEAVE = {(2013, "a"): ("刘芳", 2)}  # the third day, written once into merged cells
NOT_RECORDED = {(2013, "a"): 9}  # the last afternoon: nobody signed
BLANK_SESSIONS = {(2013, "c"): 2}  # the second session's sheet was never filled


def _mark(index: int, name: str) -> str | int:
    return (name, 1, "√", "✓", "✓")[index % 5]


def _fill_signin(data: bytes, key: tuple[int, str]) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment

    from cadretrain.files.xlsx import put, to_bytes

    wb = openpyxl.load_workbook(io.BytesIO(data))
    for number, ws in enumerate(wb.worksheets, start=1):
        if BLANK_SESSIONS.get(key) == number:
            continue
        halves = [c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value in ("上午", "下午")]
        rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value]
        marks = MARKS.get(key, {})
        merged = MERGED_LEAVE.get(key)
        for index, row in enumerate(rows):
            name = str(ws.cell(row, 2).value)
            for half, col in enumerate(halves):
                if half == NOT_RECORDED.get(key):
                    continue
                if merged and merged[0] == name and half // 2 == merged[1]:
                    continue  # written once below, into the merged cells of that day
                own = marks.get(name, {})
                value = own[half] if half in own else _mark(index + half, name)
                if value is not None:
                    put(ws, row, col, value)
        names = [str(ws.cell(r, 2).value) for r in rows]
        if merged and merged[0] in names:
            row, col = rows[names.index(merged[0])], halves[merged[1] * 2]
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + 1)
            put(ws, row, col, "请假")
            ws.cell(row, col).alignment = Alignment(horizontal="center")
    return bytes(to_bytes(wb))


def _fill_scores(data: bytes, components: int) -> bytes:
    import openpyxl

    from cadretrain.files.xlsx import put, to_bytes

    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    for index, row in enumerate(range(4, ws.max_row + 1)):
        if not ws.cell(row, 2).value:
            continue
        for k in range(components):
            score: int | None = 70 + (index * 7 + k * 5) % 30
            if index == 6:
                score = 40 + k  # 不合格
            if index == 8 and k == 1:
                score = None  # blank: 待评
            if score is not None:
                put(ws, row, 4 + k, score)
    return bytes(to_bytes(wb))


OUTSIDE_HEADS = ["序号", "姓名", "身份证号码", "工作单位", "培训班次", "开始日期", "结束日期"]
OUTSIDE_HEADS += ["学时（小时）"]
ONLINE_HEADS = ["学员姓名", "证件号码", "所在单位", "课程名称", "获得学时", "学习完成时间"]

# (person index or None for an unknown ID, ID written, 班次, start, end, 学时)
OUTSIDE: dict[int, list[tuple[int | None, bool, str, str, str, object]]] = {
    2013: [
        (7, True, "市委党校科级干部培训班", "2013-07-01", "2013-07-05", 37.5),
        (13, False, "省委党校专题研讨班", "2013/10/14", "2013/10/16", 22.5),  # by name: CT983
        (0, True, "县委党校轮训（重复）", "2013-05-07", "2013-05-08", 15),  # repeats a: CT986
        (None, True, "市委党校培训班", "2013-08-01", "2013-08-02", 15),  # unknown ID: CT982
        (9, True, "市委党校培训班", "2013-08-05", "2013-08-06", "十二"),  # CT984
        (10, True, "市委党校培训班", "2012-12-03", "2012-12-04", 15),  # another year: CT985
    ],
    2014: [(0, True, "省委党校县处级干部进修班", "2014-09-01", "2014-11-30", 420)],
}
# (person index, 课程名称, 学时, 完成时间)
ONLINE: dict[int, list[tuple[int, str, object, str]]] = {
    2013: [
        (7, "学习贯彻党的十八大精神", 4, "2013-03-01 20:00:00"),
        (7, "依法行政", 6.5, "2013-04-02 21:10:44"),
        (15, "农村基层党组织建设", 12, "2013年11月20日"),
    ],
    2014: [(1, "全面深化改革", 8, "2014-05-05 19:00:00")],
}


def _outside_xlsx(year: int) -> bytes:
    from cadretrain.synth.outside import outside_workbook

    rows: list[list[object]] = []
    for who, with_id, course, start, end, hours in OUTSIDE[year]:
        p = person(who) if who is not None else {"name": "外县人", "id_number": id_number(99)}
        unit = dict(UNITS).get(p.get("unit", ""), "外县")
        rows.append([p["name"], p["id_number"] if with_id else "", unit, course, start, end, hours])
    return outside_workbook(year, OUTSIDE_HEADS, rows)


def _online_csv(year: int) -> bytes:
    lines = [",".join(ONLINE_HEADS)]
    for who, course, hours, done in ONLINE[year]:
        p = person(who)
        lines.append(",".join([p["name"], p["id_number"], dict(UNITS)[p["unit"]], course]))
        lines[-1] += f",{hours},{done}"
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def write_two_years(folder: Path) -> list[Path]:
    """Write the two years into ``folder`` (``2013/``, ``2014/``); the plan files."""
    import yaml

    from cadretrain.core.diagnostics import Sink
    from cadretrain.documents.signin import signin_bytes
    from cadretrain.records.assessment import grading_for, score_sheet_bytes
    from cadretrain.year.pipeline import load_year

    plans = []
    for year, text in ((2013, PLAN_2013), (2014, PLAN_2014)):
        base = folder / str(year)
        (base / "enrollments").mkdir(parents=True, exist_ok=True)
        plan_file = base / f"{year}-test.yaml"
        plan_file.write_text(text, encoding="utf-8")
        for cid, people in ENROLLED[year].items():
            body = yaml.safe_dump({"class": cid, "people": people}, allow_unicode=True)
            (base / "enrollments" / f"{cid}.yaml").write_text(body, encoding="utf-8")
        y = load_year(plan_file, Sink(), checks=False)
        assert y is not None, plan_file
        enrollments = y.enrollments()
        for cls in y.plan.classes:
            key = (year, cls.id)
            if key not in MARKS:
                continue  # no sign-in records: the enrollment is the basis
            sub = base / "records" / "attendance" / cls.id
            sub.mkdir(parents=True, exist_ok=True)
            sheet = signin_bytes(y, cls, enrollments[cls.id])
            (sub / f"{cls.id}-签到表（已填）.xlsx").write_bytes(_fill_signin(sheet, key))
        scores = base / "records" / "scores"
        scores.mkdir(parents=True, exist_ok=True)
        cls = next(c for c in y.plan.classes if c.id == "a")
        sheet = score_sheet_bytes(y.plan, cls, enrollments["a"])
        (scores / "a.xlsx").write_bytes(_fill_scores(sheet, len(grading_for(cls).weights)))
        for kind, name, data in (
            ("outside", f"{year}年调训学时登记.xlsx", _outside_xlsx(year)),
            ("online", "网络学院学时导出.csv", _online_csv(year)),
        ):
            (base / "records" / kind).mkdir(parents=True, exist_ok=True)
            (base / "records" / kind / name).write_bytes(data)
        plans.append(plan_file)
    return plans


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for path in write_two_years(Path(argv[0])):
        print(f"已写入 {path.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
