"""The reply form (报名回执) layout, shared by the writer (``forms``) and the reader
(``collect``), so the two cannot drift apart.

One workbook per unit. Sheet ``报名回执``: row 1 the merged title, row 2 the class, dates,
unit and quota, row 3 the header, then one numbered row per seat. A hidden sheet
``_cadretrain`` holds ``key | value`` rows (plan title, class id, unit id, seats, form
version) so a returned form is recognised even when the unit renamed the file; the reader
falls back to the header names (and their usual variants) when that sheet is gone (an old
template, or a form retyped by hand).
"""

from __future__ import annotations

FORM_SHEET = "报名回执"
META_SHEET = "_cadretrain"
LISTS_SHEET = "_lists"  # hidden: long drop-down lists (民族) live here
FORM_VERSION = "1"
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = 4

# (field, header, input hint shown when the header or a cell is selected, column width)
COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    ("seq", "序号", "", 6),
    ("name", "姓名", "填写身份证上的姓名，中间不要加空格", 10),
    ("sex", "性别", "从下拉列表选择：男 或 女", 6),
    ("ethnicity", "民族", "从下拉列表选择，如 汉族", 8),
    ("birth", "出生年月", "如 1975.03", 10),
    ("post", "职务", "现任职务，如 党委副书记、镇长", 24),
    ("rank", "职级", "从下拉列表选择", 12),
    ("politics", "政治面貌", "如 中共党员", 10),
    ("phone", "联系电话", "11 位手机号码，或带区号的固定电话", 14),
    ("id_number", "身份证号", "18 位，最后一位可以是 X；请勿使用科学计数法", 22),
    ("session", "参加期次", "从下拉列表选择参加第几期", 10),
    ("note", "备注", "", 12),
)

_ETHNICITY_TEXT = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 "
    "哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 "
    "柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 "
    "普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 "
    "塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
)
ETHNICITIES: tuple[str, ...] = tuple(_ETHNICITY_TEXT.split())

POLITICS = ("中共党员", "中共预备党员", "共青团员", "民主党派", "无党派人士", "群众")


def columns_for(sessions: int) -> tuple[tuple[str, str, str, int], ...]:
    """The form's columns: the 参加期次 column only when the class has several sessions."""
    return tuple(c for c in COLUMNS if c[0] != "session" or sessions > 1)


def session_label(number: int) -> str:
    return f"第{number}期"
