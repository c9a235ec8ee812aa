"""Every diagnostic code: default severity, a Chinese title, and (for codes raised while
reading the file) the explanation with a passing and a failing example.

Codes raised by checks take their explanation from the check function's docstring (see
``checks/``); ``cadretrain explain CODE`` shows either. Codes are stable: never reuse one.
Examples are plan fragments placed after a minimal ``plan:`` header and tested in
``tests/test_explain.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadretrain.core.codes_data import DATA_TABLE
from cadretrain.core.codes_register import REGISTER_TABLE
from cadretrain.core.severity import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    doc: str = ""


_TABLE: list[tuple[str, Severity, str, str]] = [
    ("CT001", E, "文件无法读取", "文件不存在、是文件夹或没有读取权限。"),
    (
        "CT002",
        E,
        "不是文本文件或编码无法识别",
        "文件含空字节（如 Excel、压缩包），或既非 UTF-8 也非 GBK。",
    ),
    ("CT003", N, "文件为 GBK 编码", "已按 GBK 正确读取；建议另存为 UTF-8。"),
    ("CT004", E, "文件过大", "计划文件超过 20 MB；名册等大数据请放在 Excel 或 CSV 中。"),
    (
        "CT005",
        E,
        "YAML 语法错误",
        """缩进、冒号、引号或括号有误，文件无法解析。

通过::

    classes: []

不通过::

    classes: [
""",
    ),
    (
        "CT006",
        E,
        "不支持锚点、别名和合并键",
        """计划中的每项内容都应直接写出；别名（*名称）和合并键（<<）会让内容悄悄共用。

通过::

    classes: []

不通过::

    base: &b {}
    classes: []
    copy: *b
""",
    ),
    (
        "CT007",
        E,
        "键重复",
        """同一映射中同一个键出现两次时，YAML 只保留一个值，另一个被悄悄丢掉。

通过::

    classes: []

不通过::

    classes: []
    classes: []
""",
    ),
    ("CT008", E, "嵌套过深", "映射或列表嵌套超过 64 层；计划文件不会这样写。"),
    ("CT009", E, "文件为空", "文件没有内容，或只有注释。"),
    (
        "CT101",
        E,
        "未知的键",
        """键名拼写有误或不属于该处；提示会给出最接近的键名。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013-05-07, planned: 10}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013-05-07, planed: 10}
""",
    ),
    (
        "CT102",
        E,
        "缺少必填项",
        """如班次缺少 id、name 或 when。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013-05-07}

不通过::

    classes:
      - {id: a, name: 甲班}
""",
    ),
    (
        "CT103",
        E,
        "类型不对",
        """如人数写成了文字、列表写成了映射。“45人”“４５”可以识别。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013-05-07, planned: 45人}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013-05-07, planned: 四十五}
""",
    ),
    (
        "CT104",
        E,
        "日期不存在",
        """如 2013年2月30日。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年2月28日}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013年2月30日}
""",
    ),
    (
        "CT112",
        E,
        "无法识别的培训时间",
        """when 的写法无法识别。

通过::

    classes:
      - {id: a, name: 甲班, when: 十月中下旬，为期一周}

不通过::

    classes:
      - {id: a, name: 甲班, when: 秋天}
""",
    ),
    (
        "CT113",
        E,
        "代号不合规",
        """代号用作文件名，只能用小写英文字母、数字和连字符。

通过::

    classes:
      - {id: youth-spring, name: 甲班, when: 2013-05-07}

不通过::

    classes:
      - {id: 春期班, name: 甲班, when: 2013-05-07}
""",
    ),
    ("CT105", E, "结束早于开始", ""),
    ("CT106", W, "日期不在计划年度内", ""),
    ("CT107", E, "代号重复", ""),
    ("CT108", E, "名称重复", ""),
    ("CT109", E, "引用了未声明的场地", ""),
    ("CT110", E, "引用了未声明的教师", ""),
    ("CT111", E, "引用了未声明的职级或标签", ""),
    ("CT114", E, "引用了未声明的单位", ""),
    ("CT115", E, "未知的花名册栏目", ""),
    # bounds and text hygiene, checked while loading (plan/limits_check.py, plan/null_items.py)
    (
        "CT120",
        E,
        "数量超过上限",
        """规划人数、期数、每期天数和参训单位数不能超过上限（见 docs/计划格式.md 的“上限”）：
它们决定要写多少行、建多少个班和多少份回执，超过上限时各命令不再照做。

通过::

    classes:
      - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900,
         sessions: {count: 3, days: 3}}

不通过::

    classes:
      - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900000,
         sessions: {count: 3, days: 3}}
""",
    ),
    (
        "CT121",
        E,
        "数量不能为 0",
        """小班化（per_unit）的每班天数 days 和每班最多人数 max_size 至少为 1；为 0 时无法拆班，
班次按模板原样保留。

通过::

    units: [{id: a, name: 甲镇, counts: {科员: 10}}]
    classes:
      - {id: v, name: 两委班, when: 2013年3月—6月, per_unit: {days: 3, max_size: 5}}

不通过::

    units: [{id: a, name: 甲镇, counts: {科员: 10}}]
    classes:
      - {id: v, name: 两委班, when: 2013年3月—6月, per_unit: {days: 0, max_size: 5}}
""",
    ),
    (
        "CT122",
        E,
        "文字中有控制字符",
        """文字中有看不见的控制字符（如响铃 U+0007、ESC U+001B）。YAML 不允许直接写入，
但双引号中的转义（\\a、\\e、\\x07、\\u0007）会产生它们；报名名单和报回的回执中也可能有。
表格和文书无法写入这些字符：读入时换成 U+FFFD（�），并逐个报告位置。

通过::

    classes:
      - {id: a, name: "甲班", when: 2013-05-07}

不通过::

    classes:
      - {id: a, name: "甲\\a班", when: 2013-05-07}
""",
    ),
    (
        "CT123",
        E,
        "列表中有空项",
        """列表中的一项是空的（“-”后没有内容，或写成 null、~）。这一项不会被读入：想写的班次、场地、
教师、单位、分期或专题就悄悄少了一个。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013-05-07}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013-05-07}
      -
""",
    ),
    ("CT201", W, "班次总数与声明不符", ""),
    ("CT202", W, "未写规划人数", ""),
    ("CT203", E, "每期人数超过场地容量", ""),
    ("CT204", W, "班次时间未确定", ""),
    ("CT205", W, "节假日安排未知的年度", ""),
    ("CT301", E, "分期排不进培训日期", ""),
    ("CT302", W, "开班或结业日在周末或节假日", ""),
    ("CT303", E, "场地超员", ""),
    ("CT304", E, "教师同日两班授课", ""),
    ("CT305", W, "学员可能同时在两个班", ""),
    ("CT306", E, "分期日期有误", ""),
    ("CT307", E, "同一人同时报名两个班", ""),
]

CODES: dict[str, Code] = {
    c: Code(c, sev, title, doc) for c, sev, title, doc in (*_TABLE, *REGISTER_TABLE, *DATA_TABLE)
}
