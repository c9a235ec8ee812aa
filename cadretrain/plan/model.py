"""The plan as typed values, each carrying the ``Rec`` it was read from (for positions).

Each key of the plan format is declared once, here (or in ``specs`` and ``grading``), on the
attribute it fills (``keys.key``): its kind, its Chinese description, whether the format
requires it, and its default (the dataclass default). ``schema`` and ``loader`` read these
declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadretrain.core.diagnostics import Pos
from cadretrain.plan.declared_total import DeclaredTotal
from cadretrain.plan.fields import Rec
from cadretrain.plan.grading import (
    LeaveRule,
    TeacherPoolRule,
)
from cadretrain.plan.imprint import Imprint
from cadretrain.plan.keys import inline, key
from cadretrain.plan.plan_settings import CalendarConfig, DateSettings, PlanTexts
from cadretrain.plan.sections import (  # re-exported: the model's parts, one import away
    ROSTER_COLUMNS as ROSTER_COLUMNS,
)
from cadretrain.plan.sections import (
    ROSTER_DEFAULT_COLUMNS as ROSTER_DEFAULT_COLUMNS,
)
from cadretrain.plan.sections import (
    Eligible as Eligible,
)
from cadretrain.plan.sections import (
    QuotaRule as QuotaRule,
)
from cadretrain.plan.sections import (
    SessionSpec as SessionSpec,
)
from cadretrain.plan.sections import (
    Teacher as Teacher,
)
from cadretrain.plan.sections import (
    Unit as Unit,
)
from cadretrain.plan.sections import (
    Venue as Venue,
)
from cadretrain.plan.specs import Organizers, RankLadder
from cadretrain.plan.training_class import TrainingClass as TrainingClass


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
