"""The codes raised while reading: default severity, a Chinese title, and the explanation
with a passing and a failing example. ``Sink.add`` looks severities up here.

Here: the plan file itself (CT0xx) and its format (CT1xx raised by the loader, and by
``plan/ignores.py`` and ``checks/ignoring.py`` about ``ignore:``); registers
(``codes_register``, CT4xx) and the other data files (``codes_data``, CT5xx–CT9xx). The
codes of the validation rules are declared by the rules themselves (``checks/rules/``);
``checks/catalog.py`` joins both for ``cadretrain explain``, ``cadretrain codes`` and
``docs/诊断代码.md``. Codes are stable: never reuse one. Examples are plan fragments placed
after a minimal ``plan:`` header and tested in ``tests/test_explain.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadretrain.core.codes_data import DATA_TABLE
from cadretrain.core.codes_plan_tools import PLAN_TOOLS_TABLE
from cadretrain.core.codes_records import RECORDS_TABLE
from cadretrain.core.codes_register import REGISTER_TABLE
from cadretrain.core.codes_when import WHEN_TABLE
from cadretrain.core.severity import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    doc: str = ""


_TABLE: list[tuple[str, Severity, str, str]] = [
    (
        "CT001",
        E,
        "文件无法读取",
        "文件不存在、是文件夹、不是普通文件（命名管道、设备），或没有读取权限；"
        "或计划中 units_file 的路径含空字符、控制字符，或过长。",
    ),
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
    (
        "CT116",
        E,
        "ignore 中的代码未知或不能忽略",
        """ignore 只能忽略检查计划内容时报告的警告和提示（cadretrain codes 中 CT1xx—CT3xx 里由
检查得出的那些）。代码拼错、不存在，或是读取文件、名册、回执时的代码，都会报告此错误。

通过::

    classes:
      - {id: a, name: 甲班, when: 十月中下旬，为期一周, ignore: {CT204: 待县委常委会确定}}

不通过::

    classes:
      - {id: a, name: 甲班, when: 十月中下旬，为期一周, ignore: {CT240: 待县委常委会确定}}
""",
    ),
    (
        "CT117",
        E,
        "ignore 缺少理由",
        """忽略一个问题必须写明理由（代码: 理由），日后核对计划的人才知道为什么不管它。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月11日—12日, ignore: {CT302: 经县委同意，本班周末上课}}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月11日—12日, ignore: {CT302: ""}}
""",
    ),
    (
        "CT118",
        E,
        "错误不能忽略",
        """ignore 只能忽略警告和提示；错误会使排期、名额或文书出错，必须改正。CT302 在
calendar.weekend_days: error 时按错误报告，此时也不能忽略。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月11日—12日, ignore: {CT302: 经县委同意，本班周末上课}}

不通过::

    classes:
      - {id: a, name: 轮训班, when: 2013年3月13日---23日, sessions: {count: 3, days: 3},
         ignore: {CT301: 周末也上课}}
""",
    ),
    (
        "CT119",
        W,
        "ignore 没有对应的问题",
        """ignore 中的一项没有忽略掉任何问题：问题已经解决，或写错了班次。请删除这一项，
以免日后悄悄掩盖新的问题。

通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月11日—12日, ignore: {CT302: 经县委同意，本班周末上课}}

不通过::

    classes:
      - {id: a, name: 甲班, when: 2013年5月7日—9日, ignore: {CT302: 经县委同意，本班周末上课}}
""",
    ),
    # bounds and text hygiene, checked while loading (plan/limits_check.py, plan/null_items.py)
    (
        "CT120",
        E,
        "数量超过上限",
        """规划人数、期数、每期天数、参训单位数和用作文件名的名称长度不能超过上限（见
docs/计划格式.md 的“上限”）：它们决定要写多少行、建多少个班和多少份回执，超过上限时各命令
不再照做；名称是输出文件名的一部分，过长时无法建立文件。

通过::

    classes:
      - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 900,
         sessions: {count: 3, days: 3}}

不通过::

    classes:
      - {id: a, name: 轮训班, when: 2013年3月13日---29日, planned: 2000000,
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
]

CODES: dict[str, Code] = {
    c: Code(c, sev, title, doc)
    for c, sev, title, doc in (
        *_TABLE,
        *WHEN_TABLE,
        *PLAN_TOOLS_TABLE,
        *REGISTER_TABLE,
        *DATA_TABLE,
        *RECORDS_TABLE,
    )
}
