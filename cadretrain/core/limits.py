"""The documented upper bounds on every count that drives work, each with its reason.

Whatever a user points cadretrain at, it must answer within bounded time and memory. Each
count below decides how much work a command does (rows written, lists built, classes made),
so each has a limit: ``validate`` reports a value beyond it (CT120, ``checks/bounds.py``) and
the code that does the work refuses it again (``plan/expand.py``, ``enroll/quota_table.py``,
``enroll/forms.py``, ``core/apportion.py``), so a library caller cannot bypass the check.
The limits are far above any real plan; the table in ``docs/计划格式.md`` (section 上限) lists
them with ``LIMITS`` (a test compares the two).
"""

from __future__ import annotations

from dataclasses import dataclass

# Sessions (期) of one class: each is a column of the quota table, a choice in the reply
# form's drop-down list and a sheet of the roster; a rotation of a whole county takes 3–10.
MAX_SESSIONS = 100
# Planned seats of one class, or of one listed session: real plans state up to about a
# million (a province's yearly 人次, e.g. 83.26万人次 in Yunnan's 2022 plan); apportioning them
# is a divisor search over the units, whatever the number (core/divisor_search.py).
MAX_SEATS = 1_000_000
# Units (参训单位) of a plan: one reply form each; a province has about 2,000 towns.
MAX_UNITS = 5_000
# Classes one ``per_unit`` template may become: each is a full class with its own notice,
# forms and roster; a whole province plan has about 2,000 classes.
MAX_PER_UNIT_CLASSES = 1_000
# Rows of one reply form (a unit's seats): the form is filled in by hand and has a row per
# seat (10,000 rows take about 3 s and 80 MB to write); a unit given more seats gets no form
# (forms and build say so and name the unit).
MAX_FORM_ROWS = 10_000
# Training days of one session or one ``per_unit`` class (``days``): the sign-in sheet has a
# column per day, and no class outlasts the plan year.
MAX_DAYS = 366
# Characters of a name that becomes part of a file name (class and unit ids, unit names, the
# plan's title): a file name holds 255 bytes, a Chinese character takes 3 of them in UTF-8.
MAX_NAME_CHARS = 60


@dataclass(frozen=True)
class Limit:
    name: str  # the constant's name
    value: int
    what: str  # Chinese: what is counted
    where: str  # Chinese: the plan keys it bounds
    why: str  # Chinese: the reason


LIMITS: tuple[Limit, ...] = (
    Limit(
        "MAX_SESSIONS",
        MAX_SESSIONS,
        "一个班次的期数",
        "sessions 的 count，或逐期列出的期数",
        "每期在名额分配表中占一列、在报名回执的下拉列表中占一项、在花名册中占一个工作表",
    ),
    Limit(
        "MAX_SEATS",
        MAX_SEATS,
        "一个班次或一期的规划人数",
        "planned（班次和逐期列出的各期）",
        "真实的计划最多约百万人次（如全省一年的轮训）；名额按除数法分配，工作量与人数无关",
    ),
    Limit(
        "MAX_UNITS",
        MAX_UNITS,
        "参训单位数",
        "units 与 units_file 合计",
        "每个分到名额的单位一份报名回执；一个省约有 2000 个乡镇",
    ),
    Limit(
        "MAX_PER_UNIT_CLASSES",
        MAX_PER_UNIT_CLASSES,
        "一个小班化模板拆成的班次数",
        "per_unit（各单位人数 ÷ max_size 向上取整之和）",
        "每个班都有自己的通知、回执和花名册；全省的计划约 2000 个班次",
    ),
    Limit(
        "MAX_FORM_ROWS",
        MAX_FORM_ROWS,
        "一份报名回执的行数（一个单位的名额）",
        "由 planned 和名额分配决定",
        "回执由单位手工填写，每个名额一行（1 万行约需 3 秒、80 MB）；"
        "名额更多的单位不生成回执，命令说明是哪个单位",
    ),
    Limit(
        "MAX_DAYS",
        MAX_DAYS,
        "一期或一个小班化班次的培训天数",
        "sessions 的 days，per_unit 的 days",
        "签到表每个培训日一栏；一个班次不会超过一年",
    ),
    Limit(
        "MAX_NAME_CHARS",
        MAX_NAME_CHARS,
        "用作文件名的名称的字数",
        "plan 的 title，班次和单位的 id，单位的 name",
        "它们是输出文件名的一部分；文件名最多 255 字节，一个汉字占 3 字节",
    ),
)


def over(limit: int, value: int | None) -> bool:
    """True when ``value`` is given and exceeds ``limit``."""
    return value is not None and value > limit
