"""The plan as typed values, each carrying the ``Rec`` it was read from (for positions).

Each key of the plan format is declared once, here (or in ``specs`` and ``grading``), on the
attribute it fills (``keys.key``): its kind, its Chinese description, whether the format
requires it, and its default (the dataclass default). ``schema`` and ``loader`` read these
declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadretrain.core.dates import DateSpan
from cadretrain.core.diagnostics import Pos
from cadretrain.core.headcount import Headcount, headcount_text
from cadretrain.plan.declared_total import DeclaredTotal
from cadretrain.plan.fields import Rec
from cadretrain.plan.grading import (
    CLASS_KINDS,
    LEAVE_CHOICES,
    ApprovedException,
    Grading,
    LeaveRule,
    TeacherPoolRule,
)
from cadretrain.plan.imprint import Imprint
from cadretrain.plan.keys import inline, key
from cadretrain.plan.plan_settings import CalendarConfig, DateSettings, PlanTexts
from cadretrain.plan.specs import EligibleRule, Organizers, PerUnit, RankLadder

# The roster's columns (``roster_columns``): the default ones in order, then those on request.
ROSTER_DEFAULT_COLUMNS = (
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "单位及职务",
    "职级",
    "联系电话",
    "备注",
)
ROSTER_COLUMNS = (*ROSTER_DEFAULT_COLUMNS, "身份证号", "政治面貌", "分组")
_ID = "（小写英文字母、数字和连字符）"


@dataclass(kw_only=True)
class Unit:
    """A unit that sends trainees (乡镇, 县直单位 …)."""

    rec: Rec
    id: str = field(metadata=key("id", "单位代号" + _ID, required=True))
    name: str = field(metadata=key("str", "单位名称（与名册“单位”列一致）", required=True))
    kind: str = field(default="", metadata=key("str", "单位类别，如 乡镇、县直单位、学校、村居"))
    parent: str | None = field(default=None, metadata=key("ref", "上级单位代号"))
    aliases: list[str] = field(
        default_factory=list,
        metadata=key("list:str", "名册中可能出现的其他写法，如 城关镇党委", zh="其他写法"),
    )
    counts: dict[str, int] = field(
        default_factory=dict,
        metadata=key("counts", "申报人数：{职级或标签: 人数}，没有名册时用于名额分配"),
    )


@dataclass(frozen=True, kw_only=True)
class QuotaRule:
    method: str = field(
        default="largest_remainder",
        metadata=key(
            "enum",
            "分配方法：largest_remainder 最大余额法（默认）、dhondt 最高平均数法、"
            "sainte_lague 圣拉古法、huntington_hill 亨廷顿-希尔法",
            choices=("largest_remainder", "dhondt", "sainte_lague", "huntington_hill"),
        ),
    )
    min: int = field(
        default=0, metadata=key("int", "每个有符合条件干部的单位至少分得的名额", zh="每单位至少")
    )
    max: int | None = field(
        default=None, metadata=key("int", "每个单位至多分得的名额", zh="每单位至多")
    )
    per_session_max: int | None = field(
        default=None,
        metadata=key("int", "每单位每期至多名额（默认 名额÷期数 向上取整）", zh="每期每单位至多"),
    )


@dataclass(kw_only=True)
class Venue:
    rec: Rec
    id: str = field(metadata=key("id", "场地代号" + _ID, required=True))
    name: str = field(metadata=key("str", "场地名称", required=True))
    capacity: int | None = field(default=None, metadata=key("int", "可容纳人数"))
    external: bool = field(default=False, metadata=key("bool", "外单位场地（不检查容量）"))
    address: str = field(default="", metadata=key("str", "地址"))


@dataclass(kw_only=True)
class Teacher:
    rec: Rec
    id: str = field(metadata=key("id", "教师代号" + _ID, required=True))
    name: str = field(metadata=key("str", "姓名或师资群体名称", required=True, zh="姓名"))
    title: str = field(default="", metadata=key("str", "职称"))
    org: str = field(default="", metadata=key("str", "所在单位"))
    pool: bool = field(
        default=False, metadata=key("bool", "师资群体（如 县委党校教师），不检查同日重复授课")
    )


@dataclass(frozen=True)
class Eligible:
    """Who may attend. ``ranks`` None means any rank; tags must all be held."""

    ranks: frozenset[str] | None = None
    gender: str | None = None
    tags: frozenset[str] = frozenset()

    def admits(self, rank: str, sex: str, tags: frozenset[str]) -> bool:
        """True when a person of this rank, sex and tags meets the rule."""
        if self.ranks is not None and rank not in self.ranks:
            return False
        if self.gender and sex != self.gender:
            return False
        return self.tags <= tags

    def describe(self) -> str:
        parts = []
        if self.ranks is not None:
            parts.append("职级" + "、".join(sorted(self.ranks)))
        if self.gender:
            parts.append(self.gender + "性")
        if self.tags:
            parts.append("标签" + "、".join(sorted(self.tags)))
        return "，".join(parts) or "不限"


@dataclass(kw_only=True)
class SessionSpec:
    """A session (期) listed with its own dates."""

    rec: Rec
    when: DateSpan = field(metadata=key("when", "本期时间", required=True))
    planned: int | None = field(default=None, metadata=key("headcount", "本期人数"))
    headcount: Headcount | None = None  # ``planned`` as written (约, 余, 每期 …)
    venue: str | None = field(default=None, metadata=key("ref", "本期场地（默认同班次）"))
    teachers: list[str] | None = field(
        default=None, metadata=key("list:ref", "本期授课教师代号（默认同班次）")
    )


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
    session_count: int | None = None  # ``sessions: {count, days}``
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


@dataclass(kw_only=True)
class Plan:
    """The plan: the keys of the top level (``section="root"``) and of ``plan:``."""

    file: str
    rec: Rec  # the top level
    plan_rec: Rec = field(
        metadata=key(
            "plan", "计划的基本信息", required=True, name="plan", section="root", zh="计划"
        )
    )
    calendar: CalendarConfig = field(
        default_factory=CalendarConfig,
        metadata=key(
            "calendar",
            "日历设置：周末与节假日规则、补充的假日和调休工作日",
            section="root",
            zh="日历",
        ),
    )
    ranks: list[str] = field(  # after loading: every ladder's ranks too (``rank_ladders``)
        default_factory=list, metadata=key("list:str", "职级，从高到低排列", section="root")
    )
    rank_ladders: list[RankLadder] = field(
        default_factory=list,
        metadata=key(
            "list:rank_ladder",
            "并行的职级序列（领导职务、职级），各自从高到低，并写明哪些属于县处级及以上",
            section="root",
        ),
    )
    tags: list[str] = field(
        default_factory=list,
        metadata=key("list:str", "标签（如 中青年），供 eligible 引用", section="root"),
    )
    units: dict[str, Unit] = field(
        default_factory=dict,
        metadata=key(
            "list:unit", "参训单位（乡镇、县直单位等），用于名额分配", section="root", zh="单位"
        ),
    )
    units_file: str = field(
        default="",
        metadata=key(
            "str",
            "单位名单文件（YAML，内容是与 units 相同格式的列表），相对于计划文件",
            section="root",
        ),
    )
    venues: dict[str, Venue] = field(
        default_factory=dict, metadata=key("list:venue", "培训场地", section="root", zh="场地")
    )
    teachers: dict[str, Teacher] = field(
        default_factory=dict,
        metadata=key("list:teacher", "授课教师或师资群体", section="root", zh="教师"),
    )
    classes: list[TrainingClass] = field(
        default_factory=list,
        metadata=key("list:class", "培训班次", required=True, section="root", zh="班次"),
    )
    classes_listed: int = 0  # classes as the plan counts them (per_unit templates expanded)

    title: str = field(metadata=key("str", "计划标题", required=True, section="plan"))
    year: int = field(metadata=key("year", "计划年度（四位数年份）", required=True, section="plan"))
    organizer: str = field(
        default="", metadata=key("str", "制定单位，如 中共县委组织部", section="plan")
    )
    issued: date | None = field(
        default=None, metadata=key("date", "成文日期（署名下的日期）", section="plan")
    )
    doc_number: str = field(
        default="", metadata=key("str", "发文字号，如 县组〔2013〕12号", section="plan")
    )
    classes_declared: DeclaredTotal | None = field(
        default=None,
        metadata=key(
            "declared",
            "计划正文写明的班次数或期数（如 12、共12个班次、共15期、12个班次、45期），用于核对",
            section="plan",
            zh="班次总数",
        ),
    )
    organizers: Organizers | None = field(
        default=None,
        metadata=key(
            "organizers",
            "各班次的主办、承办、协办单位（班次可另写 organizers）",
            section="plan",
            zh="主办承办",
        ),
    )
    recipients: list[str] | None = field(
        default=None,
        metadata=key(
            "list:str",
            "培训通知的主送机关，如 [各乡镇党委, 县直各单位党组（党委）]；"
            "不写则按各班次的参训单位推定",
            section="plan",
            zh="主送机关",
        ),
    )
    texts: PlanTexts = field(default_factory=PlanTexts, metadata=inline(PlanTexts, section="plan"))
    dates: DateSettings = field(
        default_factory=DateSettings, metadata=inline(DateSettings, section="plan")
    )
    imprint: Imprint = field(default_factory=Imprint, metadata=inline(Imprint, section="plan"))
    register: str = field(
        default="",
        metadata=key(
            "str", "干部名册文件（xlsx 或 csv），相对于计划文件所在文件夹", section="plan"
        ),
    )
    hours_per_day: float = field(  # 学时 per training day: 12 days ↔ 90 学时 (条例 Art. 14)
        default=7.5,
        metadata=key(
            "number",
            "每个培训日折算的学时（默认 7.5：12 天 = 90 学时）",
            section="plan",
            zh="每日学时",
        ),
    )
    online_hours: float | None = field(
        default=None,
        metadata=key(
            "number",
            "本地规定的每人每年网络学时（如 20）；单独列出，不影响第十四条的达标判断",
            section="plan",
            zh="网络学时",
        ),
    )
    teacher_pool: TeacherPoolRule = field(
        default_factory=TeacherPoolRule,
        metadata=key(
            "teacher_pool", "师资库规则：满意率达到多少、在几个班次中达到即可入库", section="plan"
        ),
    )
    leave_rule: LeaveRule = field(
        default_factory=LeaveRule,
        metadata=key(
            "leave_rule",
            "各类班次的请假上限（默认均为条例第十五条的 1/7），班次可用 leave_limit 覆盖",
            section="plan",
            zh="请假上限",
        ),
    )
    roster_columns: list[str] = field(
        default_factory=list,
        metadata=key(
            "list:str",
            "花名册的栏目及顺序，如 [序号, 姓名, 性别, 出生年月, 单位及职务, 联系电话, 备注]",
            section="plan",
            zh="花名册栏目",
        ),
    )
    notes: str = field(default="", metadata=key("text", "备注", section="plan"))
    ignore: object = field(  # the mapping as written; plan/ignores.py reads it with positions
        default=None,
        metadata=key(
            "reasons",
            "全计划不报告的诊断代码及理由，如 {CT302: 经县委同意，部分班次周末上课}",
            section="plan",
            zh="忽略",
        ),
    )

    def at(self, name: str, item: int | None = None) -> Pos:
        """Where the key ``name`` of ``plan:`` is written (its ``item``-th item for a list),
        for diagnostics; the ``plan:`` mapping itself when the key is not written."""
        return self.plan_rec.at(name) if item is None else self.plan_rec.item_at(name, item)

    @property
    def ladders(self) -> list[list[str]]:
        """The rank ladders, each from high to low: ``ranks`` as written, then each of
        ``rank_ladders`` (``ranks`` itself holds all of them after loading)."""
        written: list[str] = self.rec.values.get("ranks", [])
        return [x for x in [written, *(ladder.ranks for ladder in self.rank_ladders)] if x]

    def organizers_of(self, cls: TrainingClass) -> Organizers:
        """Who holds ``cls``, role by role: the class's ``organizers``, else the plan's; the
        主办 falls back to ``organizer`` (a plan written with one organizer only)."""
        own, common = cls.organizers or Organizers(), self.organizers or Organizers()
        lead = own.lead or common.lead or ([self.organizer] if self.organizer else [])
        return Organizers(
            lead=lead, host=own.host or common.host, assist=own.assist or common.assist
        )

    def receiver_of(self, cls: TrainingClass) -> str:
        """Where reply forms for ``cls`` go: its first 承办, else its first 主办; '' if none."""
        org = self.organizers_of(cls)
        return (org.host or org.lead or [""])[0]

    def leader_ranks(self) -> dict[str, bool]:
        """The ranks whose 条例 Art. 14 group the plan declares (``rank_ladders`` with
        ``leaders``): True for 县处级及以上, False for 乡科级及以下."""
        out: dict[str, bool] = {}
        for ladder in self.rank_ladders:
            if ladder.leaders is not None:
                for rank in ladder.ranks:
                    out.setdefault(rank, rank in ladder.leaders)
        return out

    @property
    def tags_declared(self) -> bool:
        """True when the plan lists its ``tags`` (then ``eligible`` may use no others)."""
        return "tags" in self.rec.values

    def listed_ids(self, name: str) -> list[tuple[str, Pos]]:
        """Every ``id`` listed under a top-level list (``units``, ``venues``, ``teachers``,
        ``classes``) with where it is written: repeated ones, and those of entries the model
        leaves out for a missing name, included."""
        return [(r.values["id"], r.at("id")) for r in self.rec.get(name, []) if "id" in r.values]
