"""Reading one returned reply form (报名回执): which unit sent it, and who is on it.

The unit is recognised, in this order, from the hidden ``_cadretrain`` sheet, the info row's
``单位：…``, the 单位 (or 单位及职务) column, and the file name; a text that names two units
is never settled by a guess. The header row is found by its names (``register_layout``), so
reordered columns, extra columns and old templates (no 参加期次, or a 单位及职务 column) read
the same. Cell checks are the register's (CT403–CT406, CT411, CT412); a row without a name,
without an ID number or with an invalid one is *rejected*: reported and not enrolled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cadretrain.core import idcard
from cadretrain.core.control_chars import report_cells
from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.enroll.enrollment import Enrollee
from cadretrain.enroll.form_layout import FORM_SHEET, LISTS_SHEET, META_SHEET
from cadretrain.enroll.register import _Checker, _Row
from cadretrain.enroll.register_layout import HEADERS, RANK_SYNONYMS, Layout, find_layout, squeeze
from cadretrain.files.tabular import Table, cell_text, is_number, read_tables
from cadretrain.plan.model import Plan, TrainingClass

SESSION_HEADS = frozenset({"参加期次", "期次", "参训期次", "培训期次", "期别", "参加期别"})
NOTE_HEADS = frozenset({"备注"})
_SUM_ROWS = ("合计", "总计", "小计")
_PERSONAL = frozenset(HEADERS) - {"unit", "unit_post"}  # a row is blank without any of these
_SEPARATORS = " 、,，:：-—/"
_INFO_UNIT = re.compile(r"单位\s*[:：]\s*([^\s,，;；]+)")
_SESSION = re.compile(r"第?([0-9]{1,2}|[一二三四五六七八九十]{1,3})期?")
_NUMBER_CELL = (
    "这一格存成了数字：Excel 只保留 15 位有效数字，后几位可能已变成 0。"
    "请把该列设为“文本”格式后重新录入。"
)


@dataclass(frozen=True)
class FormRow:
    """A person read from a form, with the columns their values came from (1-based)."""

    person: Enrollee
    file: str
    where: str  # 工作表“报名回执”第 5 行
    line: int
    cols: dict[str, int]

    def pos(self, key: str = "name") -> Pos:
        return Pos(self.file, self.line, self.cols.get(key, 0))

    @property
    def place(self) -> str:
        """``城关镇.xlsx 工作表“报名回执”第 5 行（张三）``, for messages naming two places."""
        return f"{Path(self.file).name} {self.where}（{self.person.name}）"


@dataclass
class Form:
    """A usable form: its unit, how that was recognised, its people and its rejected rows."""

    file: str
    unit: str  # unit id
    how: str  # Chinese: 隐藏工作表、表头上方的“单位：城关镇”、“单位”列、文件名
    rows: list[FormRow] = field(default_factory=list)
    rejected: list[Pos] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.rows) + len(self.rejected)


def parse_session(text: str) -> int | None:
    """``第2期``, ``2``, ``２``, ``二``, ``第十二期`` → the number; None when unreadable."""
    from cadretrain.core.dates import _num_value

    m = _SESSION.fullmatch(squeeze(text))
    return _num_value(m.group(1)) if m else None


def units_in(text: str, names: dict[str, tuple[str, str]], order: Sequence[str]) -> list[str]:
    """The units whose name or alias appears in ``text``, a name inside a longer one that
    belongs to another unit not counted (县委办 in 县委办公室); in plan order."""
    text = squeeze(text)
    hits = [
        (written, uid) for written, (uid, _name) in names.items() if written and written in text
    ]
    found = {
        uid
        for written, uid in hits
        if not any(
            written in longer and other != uid for longer, other in hits if longer != written
        )
    }
    return [uid for uid in order if uid in found]


def read_form(
    path: Path, plan: Plan, cls: TrainingClass, sink: Sink, *, sessions: int, today: date
) -> Form | None:
    """Read one returned form; None (after an error diagnostic) when it cannot be used."""
    file = str(path)
    tables = read_tables(path, sink, "CT701")
    if tables is None:
        return None
    meta = _meta(tables)
    if not _for_class(meta, plan, cls, file, sink):
        return None
    sheets = _form_sheets(tables, plan)
    if not sheets:
        sink.add(
            "CT701",
            Pos(file),
            f"回执 {path.name} 中没有找到表头",
            hint="表头一行应有“姓名”“性别”“出生年月”“职务”“职级”“身份证号”等列名。",
        )
        return None
    for table, layout in sheets:
        missing = [
            zh for key, zh in (("name", "姓名"), ("id", "身份证号")) if key not in layout.columns
        ]
        if missing:
            sink.add(
                "CT701",
                Pos(file, layout.header_line, 1),
                f"回执 {path.name} {table.where(layout.header_line)}（表头）"
                f"缺少“{'”“'.join(missing)}”列",
                hint="可用的列名：" + "、".join(HEADERS["name"] + HEADERS["id"]),
            )
            return None
    checker = _Checker(file, plan, sink, today)
    recognised = _recognise(path, meta, sheets, plan, checker.units, sink)
    if recognised is None:
        return None
    form = Form(file, *recognised)
    reader = _Reader(form, plan, sessions, checker)
    for table, layout in sheets:
        reader.sheet(table, layout)
    return form


def _meta(tables: list[Table]) -> dict[str, str]:
    for table in tables:
        if table.name == META_SHEET:
            return {
                cell_text(row[0]): cell_text(row[1]) for _line, row in table.rows if len(row) > 1
            }
    return {}


def _for_class(meta: dict[str, str], plan: Plan, cls: TrainingClass, file: str, sink: Sink) -> bool:
    written = meta.get("class", "")
    if not written or written == cls.id or meta.get("class_name") == cls.name:
        return True
    other = next((c for c in plan.classes if c.id == written), None)
    label = f"“{other.label}”（{written}）" if other else f"“{meta.get('class_name') or written}”"
    sink.add(
        "CT702",
        Pos(file),
        f"回执 {Path(file).name} 是{label}的报名回执，不是“{cls.label}”的，未读取",
        hint="请检查是否放错了文件夹，或用 --class 指定该回执所属的班次。",
    )
    return False


def _form_sheets(tables: list[Table], plan: Plan) -> list[tuple[Table, Layout]]:
    """The 报名回执 sheet; without it, every other sheet that has a header row."""
    usable = [t for t in tables if t.name not in (META_SHEET, LISTS_SHEET)]
    named = [t for t in usable if t.name == FORM_SHEET]
    out = []
    for table in named or usable:
        layout = find_layout(table, plan.tags)
        if layout is not None:
            out.append((table, layout))
    return out


def _recognise(
    path: Path,
    meta: dict[str, str],
    sheets: list[tuple[Table, Layout]],
    plan: Plan,
    names: dict[str, tuple[str, str]],
    sink: Sink,
) -> tuple[str, str] | None:
    """(unit id, how it was recognised): the first source naming exactly one unit; None after
    CT703 when a source names two, or none does."""
    if meta.get("unit") in plan.units:
        return meta["unit"], "隐藏工作表"
    sources = [("隐藏工作表", meta.get("unit_name", ""))]
    for table, layout in sheets:
        above = " ".join(cell_text(c) for _n, row in table.rows[: layout.header_index] for c in row)
        sources += [(f"表头上方的“单位：{m}”", m) for m in _INFO_UNIT.findall(above)]
    column: set[str] = set()
    for table, layout in sheets:
        for col in layout.columns.get("unit", []) + layout.columns.get("unit_post", []):
            rows = table.rows[layout.header_index + 1 :]
            column |= {cell_text(row[col]) for _n, row in rows if col < len(row)}
    sources.append(("“单位”列", "|".join(sorted(column))))
    stem = path.stem
    words = ({c.name for c in plan.classes} | {c.short for c in plan.classes}) - {""}
    for word in sorted(words, key=len, reverse=True):  # a class name is not a unit's
        stem = stem.replace(word, "|")
    sources.append(("文件名", stem))
    for how, text in sources:
        found = units_in(text, names, list(plan.units))
        if len(found) == 1:
            return found[0], how
        if found:
            listed = "、".join(plan.units[uid].name for uid in found)
            sink.add(
                "CT703",
                Pos(str(path)),
                f"无法确定回执 {path.name} 是哪个单位的：{how}中有 {len(found)} 个单位（{listed}）",
                hint="一份回执只填一个单位；请分开填写，或把文件名改为单位名称。",
            )
            return None
    sink.add(
        "CT703",
        Pos(str(path)),
        f"无法确定回执 {path.name} 是哪个单位的：隐藏工作表、表头上方的“单位：”、“单位”列和文件名中"
        "都没有计划中的单位名称",
        hint="请把文件名改为单位名称（如“城关镇.xlsx”），或在表头上方写“单位：城关镇”；"
        "单位的其他写法可加入计划中该单位的 aliases。",
    )
    return None


def _leading_unit(
    text: str, names: dict[str, tuple[str, str]], longest: int
) -> tuple[str | None, str]:
    """(unit id, the rest) when ``text`` starts with a unit's name or alias."""
    for size in range(min(longest, len(text)), 0, -1):
        if text[:size] in names:
            return names[text[:size]][0], text[size:].lstrip(_SEPARATORS)
    return None, text


class _Reader:
    """Turns a form's rows into people (``form.rows``) or rejected rows (``form.rejected``)."""

    def __init__(self, form: Form, plan: Plan, sessions: int, checker: _Checker) -> None:
        self.form = form
        self.plan = plan
        self.sessions = sessions
        self.checker = checker
        self.longest = checker.longest

    def sheet(self, table: Table, layout: Layout) -> None:
        extra: dict[str, int] = {}
        for col, head in enumerate(layout.heads):
            if head in SESSION_HEADS:
                extra.setdefault("session", col)
            elif head in NOTE_HEADS:
                extra.setdefault("note", col)
        before = len(self.form.rows)
        for line, cells in table.rows[layout.header_index + 1 :]:
            self.row(table, layout, extra, line, cells)
        people = len(self.form.rows) - before
        if self.sessions > 1 and "session" not in extra and people:
            self.checker.sink.add(
                "CT707",
                Pos(self.form.file, layout.header_line, 1),
                f"回执 {Path(self.form.file).name} {table.where(layout.header_line)}（表头）"
                f"没有“参加期次”列（本班分 {self.sessions} 期）：此表 {people} 人暂不分期",
                hint="这可能是旧版回执；请该单位改用新回执，或在报名名单中补填各人的期次。",
            )

    def row(
        self,
        table: Table,
        layout: Layout,
        extra: dict[str, int],
        line: int,
        cells: Sequence[object],
    ) -> None:
        texts = [cell_text(c) for c in cells]
        texts = report_cells(texts, self.form.file, line, table.where(line), self.checker.sink)
        texts += [""] * (len(layout.heads) - len(texts))
        values: dict[str, tuple[str, int]] = {}
        for key, where in layout.columns.items():
            values[key] = next(((texts[c], c) for c in where if texts[c]), ("", where[0]))
        for key, col in extra.items():
            values[key] = (texts[col], col)
        filled = [text for key, (text, _col) in values.items() if text and key in _PERSONAL]
        if not filled or squeeze(next(t for t in texts if t)).startswith(_SUM_ROWS):
            return  # blank, or only 序号 / 单位 / 期次 / 备注 filled, or a 合计 row
        name = squeeze(values.get("name", ("", 0))[0])
        if re.search("[:：]", name) or (len(filled) == 1 and re.search("[:：]", filled[0])):
            return  # a note below the table: 填表人：…  联系电话：…
        r = _Row(table.where(line), line, cells, values, layout.heads, name)
        here = Pos(self.form.file, line, 0)
        if not name:
            self.checker.add("CT705", r, "name", "姓名为空，此行未列入名单")
            self.form.rejected.append(here)
            return
        number = self.id_number(r)
        if number is None:
            self.form.rejected.append(here)
            return
        unit_id, rest = _leading_unit(
            squeeze(r.text("unit_post")), self.checker.units, self.longest
        )
        person = Enrollee(
            name=name,
            unit=self.form.unit,
            sex=self.checker.check_sex(r, number),
            ethnicity=r.text("ethnicity"),
            birth=self.checker.check_birth(r, number),
            post=r.text("post") or (rest if unit_id else r.text("unit_post")),
            rank=self.rank(r),
            politics=r.text("politics"),
            phone=self.checker.check_phone(r),
            id_number=number,
            session=self.session(r),
            note=r.text("note"),
            source=f"{Path(self.form.file).name}:{line}",
        )
        cols = {key: col + 1 for key, (_text, col) in values.items()}
        self.form.rows.append(FormRow(person, self.form.file, r.where, line, cols))

    def id_number(self, r: _Row) -> str | None:
        written = r.text("id")
        if not written:
            self.checker.add("CT705", r, "id", f"{r.name}的身份证号为空，此行未列入名单")
            return None
        number = idcard.normalize_id(written)
        problem = idcard.validate_id(number, self.checker.today)
        if problem is None:
            return number
        hint = _NUMBER_CELL if is_number(r.cells[r.values["id"][1]]) else ""
        message = f"{r.name}的身份证号“{written}”{problem.message}，此行未列入名单"
        self.checker.add("CT403", r, "id", message, hint)
        return None

    def rank(self, r: _Row) -> str:
        rank = squeeze(r.text("rank"))
        ranks = self.plan.ranks
        if rank and rank not in ranks and RANK_SYNONYMS.get(rank) in ranks:
            rank = RANK_SYNONYMS[rank]
        if rank and ranks and rank not in ranks:
            hint = self.checker.hint(rank, ranks, "") + "计划的职级：" + "、".join(ranks)
            self.checker.add("CT706", r, "rank", f"{r.name}的职级“{rank}”不在计划的 ranks 中", hint)
        return rank

    def session(self, r: _Row) -> int:
        """The chosen session; 0 when the class has one session, or none (valid) was chosen."""
        if self.sessions <= 1 or "session" not in r.values:
            return 0  # a form without the column: one warning for the sheet (see ``sheet``)
        written = r.text("session")
        number = parse_session(written) if written else None
        if number is not None and 1 <= number <= self.sessions:
            return number
        choices = "、".join(f"第{i}期" for i in range(1, self.sessions + 1))
        if not written:
            message = f"{r.name}没有填写参加期次（本班分 {self.sessions} 期），暂不分期"
        else:
            message = f"{r.name}的参加期次“{written}”不对：本班分 {self.sessions} 期，暂不分期"
        self.checker.add("CT707", r, "session", message, f"请该单位从 {choices} 中选择。")
        return 0
