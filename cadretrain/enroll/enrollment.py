"""A class's enrollment (报名名单): who attends, from which unit, in which session.

Kept as ``enrollments/<class-id>.yaml`` beside the plan: a plain file that can be reviewed
in git. Written deterministically (units in plan order, then the order the rows were read);
read back with every scalar as text (YAML 1.1 cannot turn an ID number or a phone into an int).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from cadretrain.core.control_chars import report_values
from cadretrain.core.diagnostics import Pos, Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.plan.model import Plan, TrainingClass

FIELDS_ZH = {
    "name": "姓名",
    "sex": "性别",
    "ethnicity": "民族",
    "birth": "出生年月",
    "unit": "单位",
    "post": "职务",
    "rank": "职级",
    "politics": "政治面貌",
    "phone": "联系电话",
    "id_number": "身份证号",
    "session": "期次",
    "note": "备注",
    "source": "来源",
}


@dataclass(frozen=True, slots=True)
class Enrollee:
    name: str
    unit: str  # unit id in the plan
    sex: str = ""
    ethnicity: str = ""
    birth: str = ""  # YYYY.MM
    post: str = ""
    rank: str = ""
    politics: str = ""
    phone: str = ""
    id_number: str = ""
    session: int = 0  # 1-based; 0 when the class has one session or none was chosen
    note: str = ""
    source: str = ""  # file:row the person was read from
    line: int = field(default=0, compare=False)  # where the person stands in the enrollment file


@dataclass
class Enrollment:
    class_id: str
    people: list[Enrollee]
    file: str = ""

    def in_session(self, number: int) -> list[Enrollee]:
        return [p for p in self.people if p.session in (number, 0)]


def person_key(p: Enrollee) -> str:
    """Who a person is across enrollments: the ID number when there is one, else name and
    unit (CT307 and collect's CT711 match people by it)."""
    return p.id_number.upper() if p.id_number else f"{p.name}@{p.unit}"


def enrollment_dir(plan: Plan) -> Path:
    return Path(plan.file).parent / "enrollments"


def enrollment_path(plan: Plan, class_id: str) -> Path:
    return enrollment_dir(plan) / f"{class_id}.yaml"


def dump_enrollment(enrollment: Enrollment, plan: Plan) -> str:
    """The YAML text of an enrollment: stable order, every value quoted as needed."""
    import yaml

    from cadretrain.core.text import printable

    order = {uid: i for i, uid in enumerate(plan.units)}
    people = sorted(
        enumerate(enrollment.people), key=lambda p: (order.get(p[1].unit, len(order)), p[0])
    )

    def clean(value: object) -> object:  # no control character in a file people read
        return printable(value) if isinstance(value, str) else value

    body = {
        "class": enrollment.class_id,
        "people": [
            {k: clean(v) for k, v in asdict(person).items() if v not in ("", 0) and k != "line"}
            for _, person in people
        ],
    }
    title = " ".join(printable(plan.title).splitlines())  # one comment line, whatever the title
    head = f"# {title}：报名名单（由 cadretrain collect 生成，可以审阅和修改）\n"
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000)


_PLAIN_START = frozenset("'\"&*!|>%@`{[#,?:-")
_KEYS_OK: set[str] = set()  # keys already found to be identifiers


def _scalar(raw: str) -> str | None:
    """A plain or single-quoted one-line scalar as text; None for anything fancier."""
    if raw[:1] == "'":
        if len(raw) < 2 or raw[-1] != "'":
            return None
        inner = raw[1:-1]
        return inner.replace("''", "'") if "'" not in inner.replace("''", "") else None
    if not raw or raw[0] in _PLAIN_START or ": " in raw or " #" in raw or raw[-1] == ":":
        return None
    return raw


def _fast_load(text: str) -> tuple[dict[str, object], list[int]] | None:
    """Read the block layout ``dump_enrollment`` writes, ten times faster than YAML does;
    also returns the line number where each person starts.

    Returns None at the first line outside that layout, so the caller falls back to YAML.
    """
    data: dict[str, object] = {}
    people: list[dict[str, str]] = []
    starts: list[int] = []
    person: dict[str, str] | None = None
    keys_ok = _KEYS_OK
    for number, line in enumerate(text.splitlines(), start=1):
        head = line[:2]
        if head == "- " or head == "  ":
            if head == "- ":
                if person is None and "people" not in data:
                    return None
                person = {}
                people.append(person)
                starts.append(number)
            key, sep, raw = line[2:].partition(": ")
            if key not in keys_ok:
                if not line.strip():
                    continue
                if not key.isidentifier():
                    return None
                keys_ok.add(key)
            value = _scalar(raw)
            if person is None or not sep or value is None:
                return None
            person[key] = value
        elif not line or line[0] == "#" or not line.strip():
            continue
        elif line == "people:":
            data["people"] = people
        elif line.startswith("class: "):
            value = _scalar(line[7:])
            if value is None:
                return None
            data["class"] = value
        else:
            return None
    return data, starts


_KNOWN = frozenset(f.name for f in fields(Enrollee)) - {"line"}


def load_enrollment(path: Path, sink: Sink) -> Enrollment | None:
    """Read an enrollment file; problems become diagnostics (CT601)."""
    import yaml

    from cadretrain.files.safe_read import TEXT_LIMIT, Unreadable, read_limited

    name = str(path)
    try:
        text = read_limited(path, TEXT_LIMIT, "报名名单").decode("utf-8-sig")
        fast = _fast_load(text)
        if fast is not None:
            data: Any = fast[0]
            starts = fast[1]
        else:  # edited by hand beyond the simple shape we write: full YAML
            data = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
            starts = [n for n, t in enumerate(text.splitlines(), start=1) if t.startswith("- ")]
    except Unreadable as exc:
        sink.add("CT601", Pos(name), f"报名名单无法读取：{exc.message}")
        return None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        sink.add("CT601", Pos(name), f"报名名单 {name} 无法读取：{exc}")
        return None
    if not isinstance(data, dict) or not isinstance(data.get("people", []), list):
        sink.add("CT601", Pos(name), f"报名名单 {name} 的格式不对：应有 class 和 people 两项")
        return None
    known = _KNOWN
    people = []
    for i, row in enumerate(data.get("people") or [], start=1):
        if not isinstance(row, dict) or not row.get("name") or not row.get("unit"):
            sink.add("CT601", Pos(name), f"报名名单 {name} 第 {i} 人缺少姓名或单位")
            continue
        if fast is not None and row.keys() <= known:  # every value is text already
            values = dict(row)
        else:
            values = {k: str(v) for k, v in row.items() if k in known}
        session = values.pop("session", "0")
        line = starts[i - 1] if i <= len(starts) else 0
        values = report_values(values, Pos(name, line, 1), f"报名名单第 {i} 人", sink, FIELDS_ZH)
        people.append(
            Enrollee(session=int(session) if session.isdigit() else 0, line=line, **values)
        )
    return Enrollment(str(data.get("class", path.stem)), people, name)


def load_enrollments(plan: Plan, sink: Sink) -> dict[str, Enrollment]:
    """Every enrollment beside the plan whose class exists, by class id."""
    folder = enrollment_dir(plan)
    out: dict[str, Enrollment] = {}
    if not folder.is_dir():
        return out
    ids = {c.id for c in plan.classes}
    for path in sorted(folder.glob("*.yaml")):
        if path.stem in ids:
            loaded = load_enrollment(path, sink)
            if loaded is not None:
                out[path.stem] = loaded
    return out


def load_for_class(plan: Plan, query: str) -> tuple[TrainingClass, Enrollment]:
    """The class ``query`` names and its enrollment.

    Raises :class:`CannotProceed`: unusable (exit code 2) for a class that cannot be found;
    otherwise (1) when the class has no enrollment yet or it cannot be read."""
    from cadretrain.plan.lookup import pick_class

    cls = pick_class(plan, query)
    path = enrollment_path(plan, cls.id)
    if not path.exists():  # a folder, pipe or device by that name: load_enrollment says so
        raise CannotProceed(
            f"班次“{cls.label}”还没有报名名单（{path}），请先运行 cadretrain collect"
        )
    sink = Sink()
    enrollment = load_enrollment(path, sink)
    if enrollment is None or sink.items:
        # one 错误： line per problem, as the roster and sign-in commands have always said
        raise CannotProceed("\n错误：".join(f"[{d.code}] {d.message}" for d in sink.items))
    return cls, enrollment
