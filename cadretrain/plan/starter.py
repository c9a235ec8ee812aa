"""A starter plan in Chinese keys (``cadretrain new YEAR`` without ``--from``)."""

from __future__ import annotations

from datetime import date

from cadretrain.core.dates import format_span


def _weekdays(year: int, week: int, first: int, last: int) -> tuple[date, date]:
    return date.fromisocalendar(year, week, first), date.fromisocalendar(year, week, last)


def starter_plan(year: int) -> str:
    """A commented plan in Chinese keys to start from. Its two classes sit in weeks without
    statutory holidays or 调休 in any year (mid-March, mid-November), so it validates
    cleanly."""
    a_start, a_end = _weekdays(year, 11, 1, 3)
    b_start, b_end = _weekdays(year, 46, 2, 4)
    return f"""\
# {year} 年干部教育培训计划（cadretrain new {year} 生成的起步模板）。
# 键可以写中文，也可以写英文（如 班次名称 / name），一个文件中可以混用；
# 每个键的含义见 docs/计划格式.md。改完后运行 cadretrain validate 检查。
# 想让编辑器提示键名：cadretrain schema -o plan.schema.json，再在第一行写
# # yaml-language-server: $schema=./plan.schema.json

计划:
  计划标题: {year}年干部教育培训计划
  计划年度: {year}
  制定单位: 中共××县委组织部 # 改为本单位名称
  # 发文字号: 县组〔{year}〕1号
  # 印发日期: {year}-02-20
  # 干部名册文件: 干部名册.xlsx # 有名册时按名册分配名额

# 职级从高到低排列，参训条件中引用
职级: [乡科级正职, 乡科级副职, 一级主任科员, 科员]

场地:
  - {{场地代号: party-school, 场地名称: 县委党校, 可容纳人数: 120}}

教师:
  - {{教师代号: ps-faculty, 姓名: 县委党校教师, 师资群体: true}}

班次:
  # 每个班次一项；班次代号只用小写英文字母、数字和连字符，用作文件名
  - 班次代号: township-leaders
    班次名称: {year}年乡科级领导干部培训班
    简称: 乡科级班
    培训对象: 全县乡科级领导干部
    参训条件: {{职级: [乡科级正职, 乡科级副职]}}
    规划人数: 100
    培训时间: {format_span(a_start, a_end)} # 也可写 3月中旬，为期三天、11月份 等
    培训地点: party-school
    培训内容: [学习贯彻党的理论]
    授课教师: [ps-faculty]

  - 班次代号: young-cadres
    班次名称: {year}年中青年干部培训班
    简称: 中青年班
    培训对象: 全县优秀中青年干部
    参训条件: {{职级: [一级主任科员, 科员]}}
    规划人数: 50
    培训时间: {format_span(b_start, b_end)}
    培训地点: party-school
    授课教师: [ps-faculty]
"""
