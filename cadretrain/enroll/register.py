"""The cadre register (干部名册): read from xlsx or CSV, every row checked against the plan.

Each problem in a row is a diagnostic (CT403–CT412) at its row and column, naming the sheet;
the rows are returned all the same (except those without a name), so that one typo does not
hide the register. Blank rows, rows with only a 序号, 合计 rows and notes such as
“填表人：…” below the table are skipped silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cadretrain.core import idcard
from cadretrain.core.diagnostics import Pos, Related, Sink
from cadretrain.core.gc_pause import cycle_collection_paused
from cadretrain.enroll.register_layout import (
    HEADER_ROWS,
    HEADERS,
    MIN_KNOWN,
    RANK_SYNONYMS,
    TAG_TRUE,
    Layout,
    find_layout,
    parse_birth,
    phone_ok,
    squeeze,
)
from cadretrain.files.tabular import Table, cell_text, is_number, read_tables
from cadretrain.plan.fields import did_you_mean
from cadretrain.plan.model import Plan

_SEXES = {"男": "男", "男性": "男", "女": "女", "女性": "女"}
_SUM_ROWS = ("合计", "总计", "小计")
_POST_SEPARATORS = " 、,，:：-—/"


@dataclass(frozen=True)
class Cadre:
    """One person in the register. ``birth`` is ``YYYY.MM`` as rosters print it;
    ``unit_name`` is the plan's name of the unit when it was recognised, else as written;
    ``source`` is the file and row (``col`` 0)."""

    name: str
    sex: str
    ethnicity: str
    birth: str
    unit_id: str | None
    unit_name: str
    post: str
    rank: str
    politics: str
    phone: str
    id_number: str
    tags: frozenset[str]
    source: Pos
    education: str = ""


class Register(list[Cadre]):
    """The cadres read from a register, with an index by ID number built as they were read
    (the first row of a duplicated ID wins, as in the CT409 report)."""

    def __init__(self, cadres: list[Cadre]) -> None:
        super().__init__(cadres)
        self.by_id: dict[str, Cadre] = {}
        for cadre in cadres:
            if cadre.id_number:
                self.by_id.setdefault(cadre.id_number, cadre)


def index_by_id(cadres: list[Cadre], wanted: set[str]) -> dict[str, Cadre]:
    """Cadres by ID number: the register's own index, or one built for the wanted IDs."""
    if isinstance(cadres, Register):
        return cadres.by_id
    found: dict[str, Cadre] = {}
    for cadre in cadres:
        if cadre.id_number in wanted:
            found.setdefault(cadre.id_number, cadre)
    return found


def read_register(
    path: Path | str, plan: Plan, sink: Sink, *, today: date | None = None
) -> Register:
    """Every cadre of every sheet that has a header row; problems go to ``sink``.

    ``today`` bounds birth dates in ID numbers (default: the real today).
    """
    with cycle_collection_paused():  # every cadre stays alive: see core/gc_pause.py
        return _read_register(path, plan, sink, today)


def _read_register(path: Path | str, plan: Plan, sink: Sink, today: date | None) -> Register:
    tables = read_tables(path, sink, "CT401")
    if tables is None:
        return Register([])
    checker = _Checker(str(path), plan, sink, today or date.today())
    found = False
    out: list[Cadre] = []
    for table in tables:
        layout = find_layout(table, plan.tags)
        if layout is None:
            continue  # an explanation sheet, a chart …
        found = True
        out.extend(checker.sheet(table, layout))
    if not found:
        sink.add(
            "CT401",
            Pos(str(path)),
            f"名册 {path} 的前 {HEADER_ROWS} 行中没有找到表头",
            hint="表头一行应至少有“姓名”“性别”“出生年月”“单位”“职务”“职级”“身份证号”"
            f"等列名中的 {MIN_KNOWN} 个。",
        )
    return Register(out)


@dataclass
class _Row:
    where: str  # 工作表“名册”第 12 行
    line: int
    cells: Sequence[object]
    values: dict[str, tuple[str, int]]  # field → (text, column); column -1 if absent
    heads: list[str]
    name: str = ""

    def text(self, key: str) -> str:
        return self.values.get(key, ("", -1))[0]


_UnitTable = dict[str, tuple[str, str]]  # written form → (id, plan name)
_last_units: list[tuple[Plan, _UnitTable, int]] = []  # the last plan's table, reused


def _unit_table(plan: Plan) -> tuple[_UnitTable, int]:
    """The plan's unit names and aliases, normalised once per plan (collect builds a checker
    for every returned form; re-normalising 500 forms × every unit was half its time)."""
    if _last_units and _last_units[0][0] is plan:
        return _last_units[0][1], _last_units[0][2]
    units: _UnitTable = {}
    for unit in plan.units.values():
        for written in (unit.name, *unit.aliases):
            units.setdefault(squeeze(written), (unit.id, unit.name))
    longest = max((len(k) for k in units), default=0)
    _last_units[:] = [(plan, units, longest)]
    return units, longest


class _Checker:
    def __init__(self, file: str, plan: Plan, sink: Sink, today: date) -> None:
        self.file = file
        self.plan = plan
        self.sink = sink
        self.today = today
        self.units, self.longest = _unit_table(plan)
        self.ranks = set(plan.ranks)
        self.seen_ids: dict[str, tuple[Pos, str]] = {}  # id → (pos, “工作表…第 N 行（姓名）”)
        self.hints: dict[tuple[str, str], str] = {}

    def sheet(self, table: Table, layout: Layout) -> list[Cadre]:
        missing = layout.missing()
        if missing:
            self.sink.add(
                "CT402",
                Pos(self.file, layout.header_line, 1),
                f"{table.where(layout.header_line)}（表头）缺少“{'”“'.join(missing)}”列",
                hint="可用的列名：" + "、".join(v for vs in HEADERS.values() for v in vs),
            )
            return []
        out = []
        for line, cells in table.rows[layout.header_index + 1 :]:
            cadre = self.row(table, layout, line, cells)
            if cadre is not None:
                out.append(cadre)
        return out

    def row(self, table: Table, layout: Layout, line: int, cells: Sequence[object]) -> Cadre | None:
        texts = [cell_text(c) for c in cells]
        texts += [""] * (len(layout.heads) - len(texts))
        values: dict[str, tuple[str, int]] = {}
        for key, cols in layout.columns.items():
            values[key] = ("", cols[0])
            for col in cols:
                if texts[col]:
                    values[key] = (texts[col], col)
                    break
        tags = frozenset(tag for col, tag in layout.tags.items() if texts[col] in TAG_TRUE)
        filled = [text for text, _col in values.values() if text]
        if not tags and (not filled or (len(filled) == 1 and re.search("[:：]", filled[0]))):
            return None  # blank but for 序号 or 备注, or a note such as 填表人：…
        if squeeze(next((t for t in texts if t), "")).startswith(_SUM_ROWS):
            return None  # 合计 row
        r = _Row(table.where(line), line, cells, values, layout.heads, squeeze(values["name"][0]))
        if not r.name:
            self.add("CT410", r, "name", "姓名为空")
            return None
        id_number, id_ok = self.check_id(r)
        valid_id = id_number if id_ok else ""
        unit_id, unit_name, post = self.check_unit(r)
        return Cadre(
            name=r.name,
            sex=self.check_sex(r, valid_id),
            ethnicity=r.text("ethnicity"),
            birth=self.check_birth(r, valid_id),
            unit_id=unit_id,
            unit_name=unit_name,
            post=post,
            rank=self.check_rank(r),
            politics=r.text("politics"),
            phone=self.check_phone(r),
            id_number=id_number,
            tags=tags,
            source=Pos(self.file, line, 0),
            education=r.text("education"),
        )

    def add(
        self,
        code: str,
        r: _Row,
        key: str,
        message: str,
        hint: str = "",
        related: Sequence[Related] = (),
    ) -> None:
        col = r.values[key][1]
        self.sink.add(
            code,
            Pos(self.file, r.line, col + 1),
            f"{r.where}“{r.heads[col]}”列：{message}",
            hint=hint,
            related=related,
        )

    def hint(self, word: str, choices: Sequence[str], fallback: str) -> str:
        key = (word, fallback)
        if key not in self.hints:  # difflib is slow; a misspelling repeats down the column
            self.hints[key] = did_you_mean(word, tuple(choices)) or fallback
        return self.hints[key]

    def check_id(self, r: _Row) -> tuple[str, bool]:
        written = r.text("id")
        if not written:
            return "", False
        number = idcard.normalize_id(written)
        problem = idcard.validate_id(number, self.today)
        if problem is not None:
            hint = ""
            if is_number(r.cells[r.values["id"][1]]):
                hint = (
                    "这一格存成了数字：Excel 只保留 15 位有效数字，后几位可能已变成 0。"
                    "请把该列设为“文本”格式后重新录入。"
                )
            self.add("CT403", r, "id", f"{r.name}的身份证号“{written}”{problem.message}", hint)
        first = self.seen_ids.get(number)
        here = Pos(self.file, r.line, r.values["id"][1] + 1)
        if first is None:
            self.seen_ids[number] = (here, f"{r.where}（{r.name}）")
        else:
            self.add(
                "CT409",
                r,
                "id",
                f"{r.name}的身份证号“{number}”与{first[1]}重复",
                "同一人出现两次，或有一行的身份证号录错。",
                (Related(first[0], f"第一次出现：{first[1]}"),),
            )
        return number, problem is None

    def check_sex(self, r: _Row, valid_id: str) -> str:
        written = squeeze(r.text("sex"))
        sex = _SEXES.get(written, "")
        if written and not sex:
            self.add("CT412", r, "sex", f"{r.name}的性别“{written}”应为“男”或“女”")
        if valid_id:
            by_id = idcard.sex(valid_id)
            if sex and sex != by_id:
                self.add(
                    "CT405",
                    r,
                    "sex",
                    f"{r.name}的性别是“{sex}”，但身份证号第 17 位“{valid_id[16]}”表示{by_id}性",
                    "身份证号第 17 位单数为男、双数为女；请核对性别或身份证号。",
                )
            sex = sex or by_id
        return sex

    def check_birth(self, r: _Row, valid_id: str) -> str:
        written = r.text("birth")
        ym = parse_birth(written) if written else None
        if written and ym is None:
            self.add(
                "CT411",
                r,
                "birth",
                f"{r.name}的出生年月“{written}”无法识别",
                "写成 1975.03、1975年3月 或 1975-03-12。",
            )
        if valid_id:
            born = idcard.birth_date(valid_id)
            by_id = (born.year, born.month)
            # 1975.10 typed as a number shows as 1975.1: trust the ID number then
            lost_zero = ym == (born.year, 1) and born.month == 10 and written.endswith(".1")
            if ym is not None and ym != by_id and not lost_zero:
                self.add(
                    "CT404",
                    r,
                    "birth",
                    f"{r.name}的出生年月是 {ym[0]}.{ym[1]:02d}，"
                    f"但身份证号中的出生日期是 {born.isoformat()}",
                    "请按干部档案核对出生年月和身份证号。",
                )
            if ym is None or lost_zero:
                ym = by_id
        return f"{ym[0]}.{ym[1]:02d}" if ym else ""

    def check_unit(self, r: _Row) -> tuple[str | None, str, str]:
        """(unit id or None, unit name, post); 单位及职务 split when there is no 单位."""
        post = r.text("post")
        written, key, rest = squeeze(r.text("unit")), "unit", ""
        if not written and r.text("unit_post"):
            written, key = squeeze(r.text("unit_post")), "unit_post"
            for size in range(min(self.longest, len(written)), 0, -1):
                if written[:size] in self.units:
                    written, rest = written[:size], written[size:].lstrip(_POST_SEPARATORS)
                    break
        if not written:
            self.add("CT410", r, key if key in r.values else "unit_post", f"{r.name}的单位为空")
            return None, "", post
        post = post or rest
        if not self.units:
            return None, written, post  # the plan lists no units: nothing to match against
        found = self.units.get(written)
        if found is None:
            names = list(self.units)
            self.add(
                "CT407",
                r,
                key,
                f"{r.name}的单位“{written}”不在计划的 units 中",
                self.hint(
                    written, names, "请在计划的 units 中加上该单位，或把这种写法加入其 aliases。"
                ),
            )
            return None, written, post
        return found[0], found[1], post

    def check_rank(self, r: _Row) -> str:
        rank = squeeze(r.text("rank"))
        if rank and rank not in self.ranks and RANK_SYNONYMS.get(rank) in self.ranks:
            rank = RANK_SYNONYMS[rank]
        if rank and self.ranks and rank not in self.ranks:
            self.add(
                "CT408",
                r,
                "rank",
                f"{r.name}的职级“{rank}”不在计划的 ranks 中",
                self.hint(rank, self.plan.ranks, "") + "计划的职级：" + "、".join(self.plan.ranks),
            )
        return rank

    def check_phone(self, r: _Row) -> str:
        phone = unicodedata.normalize("NFKC", r.text("phone")).strip()
        if phone and not phone_ok(phone):
            self.add(
                "CT406",
                r,
                "phone",
                f"{r.name}的联系电话“{phone}”格式不对",
                "手机号 11 位、以 13—19 开头；座机号应带区号，如 0377-1234567。",
            )
        return phone
