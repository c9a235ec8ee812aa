"""Codes raised while reading after-class records that come in more than once or from outside
the plan: a rating form handed in twice (CT908) and the hours earned outside the plan, 调训 and
the online academy's export (CT981–CT986, ``records/outside.py``). Examples are cell values,
written as plain ``通过：`` / ``不通过：`` lines. Assembled into ``codes.CODES``.
"""

from __future__ import annotations

from cadretrain.core.severity import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

RECORDS_TABLE: list[tuple[str, Severity, str, str]] = [
    (
        "CT908",
        W,
        "同一班次的测评汇总表收到两份",
        """同一班次的满意度测评汇总表出现在两个文件中（如重复提交、另存了一份），只计第一份，另一份不计入
满意率和师资库评定。两份人数不同时为错误：请核实哪一份是对的，删去另一份。

通过：records/ratings/ 中每个班次一份汇总表
不通过：妇女干部班汇总表.xlsx 与 妇女干部班汇总表 - 副本.xlsx""",
    ),
    (
        "CT981",
        E,
        "外部学时记录无法读取",
        """records/outside/（调训）或 records/online/（网络学院导出）中的文件不存在、已损坏，
或找不到表头：表头要有“身份证号”（或“证件号码”等）和“学时”，以及“姓名”；“单位”“课程名称”“完成日期”
等可选。

通过：姓名,身份证号,单位,课程名称,学时,完成日期
不通过：序号,名字,分数""",
    ),
    (
        "CT982",
        E,
        "外部学时记录中的人找不到",
        """按身份证号在报名名单和干部名册中找不到这个人，按姓名加单位也找不到（或不止一人）：这一行的学时
不计入。

通过：孔秀,999999197406142181,城关镇,…
不通过：孔秀,999999197406140000,城关镇,…""",
    ),
    (
        "CT983",
        W,
        "外部学时记录按姓名和单位对应",
        """这一行没有身份证号或身份证号找不到，按姓名加单位对应到了唯一的一人；学时已计入，请核对后补上或
改正身份证号。

通过：孔秀,999999197406142181,城关镇,…
不通过：孔秀,,城关镇,…""",
    ),
    (
        "CT984",
        E,
        "外部学时不是数字",
        """“学时”一栏应为非负数字（可有小数，如 1.5），这一行不计入。

通过：…,12,2013-06-30
不通过：…,十二学时左右,2013-06-30""",
    ),
    (
        "CT985",
        E,
        "外部学时的完成日期不在本年度",
        """“完成日期”（或“开始日期”“结束日期”）认不出，或不在计划的年度内：这一行不计入本年度。

通过：…,12,2013-06-30
不通过：…,12,2012-12-30""",
    ),
    (
        "CT986",
        W,
        "外部学时与计划中的班次重复",
        """同一人在同一时间既在计划的班次中，又有调训或网络学时记录（日期重叠），多半是同一次培训记了两遍：
只计一次（计划班次的学时），外部记录这一行不计入。

通过：孔秀 2013-06-03—06-07 省委党校调训（计划中 6 月没有她的班次）
不通过：孔秀 2013-05-07—05-09 调训（与她参加的妇女干部班日期重叠）""",
    ),
]
