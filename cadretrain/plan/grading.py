"""The rules the plan sets for after the class: a class's ``grading`` (考核: weights, grade
lines, the 优秀 cap), the plan's ``teacher_pool`` (师资库: how satisfied, in how many
classes), the leave rule each kind of class follows (``leave_rule``, 结业) and the approved
exceptions to it. Read once when the plan is loaded; ``records`` applies them."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from cadretrain.core.wording import decimal_text
from cadretrain.plan.fields import Rec
from cadretrain.plan.keys import key, keys

DEFAULT_WEIGHTS = {"学习态度": 20, "培训考勤": 30, "学习结果": 30, "成果转化": 20}
WEIGHT_TOTALS = (Fraction(1), Fraction(100))  # fractions (0.2 …) or whole numbers / percents


def _number(value: Fraction) -> str:
    return decimal_text(value, 1, trim=True)


def _weight(value: Fraction) -> str:
    return decimal_text(value, 6, trim=True)


@dataclass(frozen=True, kw_only=True)
class Grading:
    """A class's ``grading``; a component weighted 0 is left out, and no weights at all means
    the default four. Weights are kept as written (fractions adding up to 1, or whole numbers
    or percentages adding up to 100); any other total is :attr:`weights_problem`, never
    normalised."""

    weights: dict[str, Fraction] = field(
        default_factory=lambda: {k: Fraction(v) for k, v in DEFAULT_WEIGHTS.items()},
        metadata=key(
            "weights",
            "各考核项目及权重，如 {学习态度: 20, 培训考勤: 30, 学习结果: 30, 成果转化: 20}；"
            "也可写小数（0.2，合计为 1）或百分数（20%，合计为 100%）",
            zh="考核权重",
        ),
    )
    excellent: Fraction = field(
        default=Fraction(90), metadata=key("number", "优秀的分数线（默认 90）")
    )
    passing: Fraction = field(
        default=Fraction(60), metadata=key("number", "合格的分数线（默认 60）", name="pass")
    )
    excellent_share: Fraction | None = field(
        default=None, metadata=key("number", "优秀人数占比上限，如 0.2")
    )
    unreadable: bool = False  # weights were written but one could not be read (CT103)

    @property
    def weights_problem(self) -> str:
        """Why these weights cannot grade anyone (Chinese), or "" when they can."""
        if self.unreadable:
            return "考核权重 grading.weights 中有无法读取的权重"
        total = sum(self.weights.values(), Fraction(0))
        if total in WEIGHT_TOTALS:
            return ""
        parts = "、".join(f"{k} {_weight(v)}" for k, v in self.weights.items())
        return (
            f"考核权重 grading.weights（{parts}）合计为 {_weight(total)}，"
            "既不是 1（小数写法）也不是 100（整数或百分数写法）"
        )

    def describe(self) -> str:
        parts = "、".join(f"{k} {_weight(v)}" for k, v in self.weights.items())
        text = (
            f"各项满分 100 分，总评 = 各项成绩 × 权重 ÷ 权重合计（权重：{parts}）；"
            f"优秀 ≥ {_number(self.excellent)} 分，合格 ≥ {_number(self.passing)} 分"
        )
        if self.excellent_share is not None:
            text += f"；优秀不超过参评人数的 {_number(self.excellent_share * 100)}%"
        return text


@dataclass(frozen=True, kw_only=True)
class TeacherPoolRule:
    """The plan's ``teacher_pool``; ``classes`` 0 means the default 2."""

    satisfied: Fraction = field(
        default=Fraction(9, 10),
        metadata=key("number", "进入师资库所需的满意率，如 0.9", zh="入库满意率"),
    )
    classes: int = field(
        default=2, metadata=key("int", "至少在几个班次中达到该满意率", zh="达标班次数")
    )
    floor: Fraction = field(
        default=Fraction(6, 10),
        metadata=key("number", "满意率低于此值的教师予以提示，如 0.6", zh="提示满意率"),
    )


def grading_from(rec: Rec) -> Grading:
    """A class's ``grading`` as written: numbers (weights too) as exact fractions, weights of
    0 left out; weights written but unreadable mark the grading ``unreadable``."""
    values = _values(Grading, rec)
    written = values.pop("weights", {})
    weights = {name: _exact(w) for name, w in written.items() if w > 0}
    if weights:
        values["weights"] = weights
    elif "weights" in rec.key_pos and "weights" not in rec.values:
        values["unreadable"] = True
    return Grading(**values)


def _exact(value: float) -> Fraction:
    return Fraction(str(value))  # 0.1 is 1/10: the decimal as written, not the float


def teacher_pool_from(rec: Rec) -> TeacherPoolRule:
    """The plan's ``teacher_pool`` as written: numbers as exact fractions."""
    values = _values(TeacherPoolRule, rec)
    if not values.get("classes", 2):
        del values["classes"]
    return TeacherPoolRule(**values)


def _values(cls: type[Any], rec: Rec) -> dict[str, Any]:
    """The keys of ``cls`` that ``rec`` has, by attribute; a number as an exact fraction
    (``0.2`` is 1/5, not 0.2000000000000000111)."""
    out: dict[str, Any] = {}
    for k in keys(cls):
        if k.name in rec.values:
            value = rec.values[k.name]
            out[k.attr] = (
                Fraction(value).limit_denominator(1000) if k.field.kind == "number" else value
            )
    return out


# Leave rules (条例 Art. 15 by default) and class kinds; a kind is declared, never guessed.
LEAVE_CHOICES = ("1/7", "1/10", "1/6", "1/5", "1/4", "1/3", "不限")
CLASS_KINDS = ("脱产", "业余", "网络")
_LEAVE = "：缺课（请假、缺勤）超过班次学时的这一比例者退学、不予结业；不限 = 不按请假定结业"


@dataclass(frozen=True, kw_only=True)
class LeaveRule:
    """``plan.leave_rule``: which leave limit each kind of class follows."""

    full_time: str = field(
        default="1/7", metadata=key("enum", "脱产班次" + _LEAVE, choices=LEAVE_CHOICES, name="脱产")
    )
    part_time: str = field(
        default="1/7", metadata=key("enum", "业余班次" + _LEAVE, choices=LEAVE_CHOICES, name="业余")
    )
    online: str = field(
        default="1/7", metadata=key("enum", "网络班次" + _LEAVE, choices=LEAVE_CHOICES, name="网络")
    )

    def for_kind(self, kind: str) -> str:
        return {"业余": self.part_time, "网络": self.online}.get(kind, self.full_time)


@dataclass(frozen=True, kw_only=True)
class ApprovedException:
    """One item of a class's ``exceptions``: a trainee allowed to complete despite the leave
    rule, with the approved reason (printed wherever the result is shown)."""

    name: str = field(metadata=key("str", "学员姓名", required=True))
    id_number: str = field(default="", metadata=key("str", "身份证号（有同名学员时据此区分）"))
    reason: str = field(
        metadata=key(
            "str", "批准的理由，如 经县委组织部批准，因公请假", required=True, zh="批准理由"
        )
    )
