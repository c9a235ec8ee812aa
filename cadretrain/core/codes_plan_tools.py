"""Codes of the plan's Chinese keys and of the commands that write plans: a key written in
both languages in one mapping (CT150, raised by the loader, with plan examples), and the
tables ``cadretrain import`` reads (CT151–CT153, examples as plain ``通过：`` / ``不通过：``
lines). Assembled into ``codes.CODES``; this project's range is CT150–CT169.
"""

from __future__ import annotations

from cadretrain.core.severity import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

PLAN_TOOLS_TABLE: list[tuple[str, Severity, str, str]] = [
    (
        "CT150",
        E,
        "同一个键用中文和英文各写了一次",
        """每个键都可以写英文（如 name）或中文（如 班次名称），两种写法可以在一个文件中混用；
但同一映射中同一个键只能写一次。两种写法都写了时，只读第一个，第二个不读。

通过::

    classes:
      - {id: a, 班次名称: 甲班, when: 2013年5月13日—15日}

不通过::

    classes:
      - {id: a, name: 甲班, 班次名称: 乙班, when: 2013年5月13日—15日}
""",
    ),
    (
        "CT151",
        E,
        "班次表无法读取",
        """cadretrain import 读不了这个文件：不存在、不是普通文件、过大，或内容与扩展名不符
（如改了扩展名的文本文件、损坏的 xlsx 或 docx）；或文件中没有表格。

通过：班次计划表.xlsx（Excel 保存的工作簿）
不通过：班次计划表.xlsx（其实是改了扩展名的文本文件）""",
    ),
    (
        "CT152",
        E,
        "班次表中找不到表头",
        """表格前 20 行中没有一行同时有班次名称的栏目（班次、培训班名称、项目等）和至少一个其他
栏目（对象、规模、时间、地点等）。表头上方的标题、日期行和表格下方的合计、备注行都可以保留。

通过：表头行为“序号 | 培训班名称 | 培训对象 | 人数 | 举办时间”
不通过：第一行就是“全县乡科级领导干部学习十八大精神轮训班 | 900 | 3月”（没有表头）""",
    ),
    (
        "CT153",
        W,
        "班次表中有未能放入计划的单元格",
        """表格中有内容的单元格，其栏目不对应计划中的任何键（如“经费”），或行不是班次（如表格下方的
说明文字）。导入的计划在相应位置以注释保留原文，请人工核对后填入或删除。

通过：“备注”栏的内容（放入班次的 备注）
不通过：“经费预算（万元）”栏的内容（计划没有对应的键）""",
    ),
]
