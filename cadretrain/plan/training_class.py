"""A class (班次) of the plan as typed values; its keys declared once on the attributes they fill
(``keys.key``), as in ``model``."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadretrain.core.dates import DateSpan
from cadretrain.core.diagnostics import Pos
from cadretrain.core.headcount import Headcount, headcount_text
from cadretrain.plan.fields import Rec
from cadretrain.plan.grading import (
    CLASS_KINDS,
    LEAVE_CHOICES,
    ApprovedException,
    Grading,
)
from cadretrain.plan.keys import key
from cadretrain.plan.sections import _ID, Eligible, QuotaRule, SessionSpec
from cadretrain.plan.specs import EligibleRule, Organizers, PerUnit


@dataclass(eq=False, kw_only=True)
class TrainingClass:
    """A class (班次). Compared and hashed by identity: two classes are never 'equal'."""

    rec: Rec
    index: int
    id: str = field(metadata=key("id", "班次代号" + _ID + "，用作文件名", required=True))
    name: str = field(metadata=key("str", "班次全称", required=True, zh="班次名称"))
    short: str = field(default="", metadata=key("str", "简称"))
    half: str = field(default="", metadata=key("enum", "所属半年", choices=("上半年", "下半年")))
    audience: str = field(default="", metadata=key("str", "培训对象（原文）"))
    eligible: list[Eligible] | None = field(  # any of these rules admits a person
        default=None,
        metadata=key(
            "eligibility",
            "参训条件，用于判断两个班次的学员是否可能重叠；培训对象由几类人组成时写成列表（满足其一即可）",
        ),
    )
    eligible_rules: list[EligibleRule] = field(default_factory=list)  # ``eligible`` as written
    planned: int | None = field(  # the number used; ``headcount`` says how it was written
        default=None,
        metadata=key(
            "headcount", "规划人数，可写 45、约80人、80余人、30至40人、每期120人、1.2万人次"
        ),
    )
    headcount: Headcount | None = None
    when: DateSpan | None = field(
        default=None,
        metadata=key(
            "when", "培训时间，如 2013年3月13日---23日、十月中下旬，为期一周", required=True
        ),
    )
    session_count: int | None = None  # ``sessions: {count, days}``, else what ``when`` states
    session_days: int | None = None
    sessions: list[SessionSpec] = field(  # ... or listed one by one
        default_factory=list,
        metadata=key("sessions", "分期：{count: 期数, days: 每期天数}，或逐期列出日期"),
    )
    weekends: bool = field(default=False, metadata=key("bool", "周末也上课"))
    closed_door: bool = field(
        default=False,
        metadata=key("bool", "封闭式培训：工具排定的各期不宜跨节假日和封闭时段", zh="封闭式培训"),
    )
    fieldwork_days: int | None = field(
        default=None, metadata=key("int", "其中调研、实践天数", zh="调研实践天数")
    )
    hours_per_day: float | None = field(
        default=None,
        metadata=key(
            "number", "本班每个培训日的学时（不写则用 plan.hours_per_day）", zh="每日学时"
        ),
    )
    venue: str | None = field(
        default=None, metadata=key("ref", "培训场地代号（见 venues）", zh="培训地点")
    )
    topics: list[str] = field(default_factory=list, metadata=key("list:str", "培训内容"))
    modules: dict[str, list[str]] = field(
        default_factory=dict, metadata=key("modules", "培训内容板块：{板块名: [专题…]}")
    )
    teachers: list[str] = field(
        default_factory=list, metadata=key("list:ref", "授课教师代号（见 teachers）")
    )
    quota: QuotaRule = field(
        default_factory=QuotaRule,
        metadata=key("quota", "名额分配方法与每单位下限、上限", zh="名额分配"),
    )
    grading: Grading = field(
        default_factory=Grading, metadata=key("grading", "考核：各项成绩的权重与等次线")
    )
    kind: str = field(
        default="脱产",
        metadata=key(
            "enum", "班次类别：脱产（默认）、业余、网络；不按班名推断", choices=CLASS_KINDS
        ),
    )
    leave_limit: str | None = field(
        default=None,
        metadata=key(
            "enum",
            "本班的请假上限（不写则按 plan.leave_rule 中本班类别的规定）",
            choices=LEAVE_CHOICES,
            zh="请假上限",
        ),
    )
    exceptions: list[ApprovedException] = field(
        default_factory=list,
        metadata=key(
            "list:exception",
            "经批准不受请假上限限制、准予结业的学员：[{name, id_number, reason}]",
            zh="结业例外",
        ),
    )
    selection: str = field(
        default="",
        metadata=key(
            "enum",
            "学员产生方式：推荐、考试、委托、指定（不按单位分配名额，不发报名回执）",
            choices=("推荐", "考试", "委托", "指定"),
        ),
    )
    register_share: int = field(
        default=50,
        metadata=key(
            "int",
            "名册覆盖下限（%）：名册中符合条件的干部不足规划人数的这一比例时，不按名册分配名额",
        ),
    )
    per_unit: PerUnit | None = field(
        default=None,
        metadata=key(
            "per_unit", "小班化：按单位拆成多个班次，每班不超过 max_size 人，依次排定日期"
        ),
    )
    organizers: Organizers | None = field(
        default=None,
        metadata=key(
            "organizers", "本班的主办、承办、协办单位（不写则用 plan.organizers）", zh="主办承办"
        ),
    )
    recipients: list[str] | None = field(
        default=None,
        metadata=key(
            "list:str",
            "本班通知的主送机关（不写则用 plan.recipients，再不写则按参训单位推定）",
            zh="主送机关",
        ),
    )
    requirements: list[str] | None = field(
        default=None,
        metadata=key(
            "list:str", "本班通知的“有关要求”各条（不写则用 plan.requirements）", zh="有关要求"
        ),
    )
    notes: str = field(default="", metadata=key("text", "备注"))
    cc: list[str] | None = field(
        default=None,
        metadata=key(
            "list:str", "本班通知的抄送机关（不写则用 plan.cc；[] 不抄送）", zh="抄送机关"
        ),
    )
    ignore: object = field(  # the mapping as written; plan/ignores.py reads it with positions
        default=None,
        metadata=key(
            "reasons", "本班不报告的诊断代码及理由，如 {CT302: 经县委同意，本班周六上课}", zh="忽略"
        ),
    )
    template: str = ""  # for a class expanded from ``per_unit``: the template class's id
    unit: str = ""  # ... and the unit it is for
    sessions_from_when: bool = False  # the sessions are those ``when`` states (分两期，每期三天)

    def __post_init__(self) -> None:
        """Sessions stated in ``when`` (``3月，每期三天，分两期进行``) are the class's sessions
        when it writes no ``sessions:`` of its own, as ``sessions: {count: 2, days: 3}`` would
        be: placed, counted and multiplied the same way. A ``sessions:`` written wins (CT312
        says when the two disagree)."""
        when = self.when
        if when is None or when.session_count is None or self.sessions:
            return
        if self.session_count is None and self.session_days is None:
            self.session_count, self.session_days = when.session_count, when.session_days
            self.sessions_from_when = True

    @property
    def eligible_text(self) -> str:
        rules = [e.describe() for e in self.eligible or []]
        return rules[0] if len(rules) == 1 else "或".join(f"（{r}）" for r in rules)

    @property
    def planned_text(self) -> str:
        """The headcount as a table shows it: ``900``, ``约80人``, ``每期120人（共360人）``."""
        return headcount_text(self.headcount, self.planned, expanded=bool(self.template))

    @property
    def planned_words(self) -> str:
        """The headcount in a sentence: ``900人``, ``约80人``."""
        text = self.planned_text
        return text + "人" if text.isdigit() else text

    @property
    def label(self) -> str:
        """How messages name the class: its short name, else its full name."""
        return self.short or self.name

    @property
    def pos(self) -> Pos:
        return self.rec.pos

    @property
    def scheduled(self) -> bool:
        """True when the dates are exact (not a vague window such as 十月中下旬)."""
        return self.when is not None and self.when.exact

    def teachers_of(self, number: int) -> list[str]:
        """The teachers of session ``number`` (1-based): the session's own when it lists
        them, else the class's."""
        if 0 < number <= len(self.sessions):
            own = self.sessions[number - 1].teachers
            if own is not None:
                return own
        return self.teachers

    @property
    def all_topics(self) -> list[str]:
        out = list(self.topics)
        for topics in self.modules.values():
            out.extend(t for t in topics if t not in out)
        return out
