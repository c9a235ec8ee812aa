"""Word lists for the synthetic register: surnames, given-name characters and posts.

Surname weights follow the usual ranking of Chinese surnames (王 李 张 刘 陈 …). Posts are
those of county-level offices: a 乡镇 has a 党委书记, a 乡镇长, a 人大主席 and its 委员; a
县直 unit a head and deputies. ``{party}``, ``{head}``, ``{deputy}`` and ``{congress}`` are
filled in per unit by ``unit_titles``.
"""

from __future__ import annotations

import random

from cadretrain.plan.model import Unit

Post = tuple[str, frozenset[str]]  # the post and the tags it brings

_TOP_20 = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_TOP_20_WEIGHTS: tuple[float, ...] = (7.3, 7.2, 6.8, 5.4, 4.5, 3.1, 2.3, 2.2, 2.1, 2.1)
_TOP_20_WEIGHTS += (1.7, 1.5, 1.3, 1.3, 1.2, 1.2, 1.2, 1.2, 1.1, 0.9)
SURNAMES: dict[str, float] = {
    **dict(zip(_TOP_20, _TOP_20_WEIGHTS, strict=True)),
    **{s: 0.5 for s in "梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏"},
    **{s: 0.3 for s in "钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤"},
}
MALE_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁浩建国志永海峰林东文俊卫新学庆春宏光德成"
FEMALE_CHARS = "芳娜敏静丽艳娟霞燕玲桂英秀红梅琳慧萍雪婷玉兰凤洁丹颖莉晶佳倩"

_NONE: frozenset[str] = frozenset()
_LEADER = frozenset({"主要领导"})

TOWN_HEAD: list[Post] = [
    ("{party}书记", _LEADER),
    ("{party}副书记、{head}", frozenset({"主要领导", "乡镇长"})),
    ("{congress}", frozenset({"人大主席"})),
    ("{party}副书记", _NONE),
]
TOWN_DEPUTY: list[Post] = [
    ("{party}副书记", _NONE),
    ("纪委书记", _NONE),
    ("组织委员", _NONE),
    ("{deputy}", _NONE),
    ("宣传委员", _NONE),
    ("武装部长", _NONE),
    ("{deputy}", _NONE),
    ("政法委员", _NONE),
    ("人大副主席", _NONE),
    ("{deputy}", _NONE),
    ("统战委员", _NONE),
    ("团委书记", frozenset({"团干部"})),
]
TOWN_STAFF: list[Post] = [
    ("党政办科员", _NONE),
    ("财政所科员", _NONE),
    ("农业服务中心科员", _NONE),
    ("计生办科员", _NONE),
    ("综治办科员", _NONE),
    ("党建办科员", frozenset({"党务干部"})),
]
DEPT_HEAD: list[Post] = [("{head}", _LEADER)]
DEPT_DEPUTY: list[Post] = [
    ("{deputy}", _NONE),
    ("{deputy}", _NONE),
    ("纪检组长", _NONE),
    ("机关党支部书记", frozenset({"党务干部"})),
    ("{deputy}", _NONE),
    ("工会主席", _NONE),
]
DEPT_STAFF: list[Post] = [
    ("办公室科员", _NONE),
    ("综合股科员", _NONE),
    ("业务股科员", _NONE),
    ("财务股科员", _NONE),
    ("人事股科员", _NONE),
    ("机关党支部组织委员", frozenset({"党务干部"})),
    ("机关团支部书记", frozenset({"团干部"})),
]
_SPECIAL_HEADS = {
    "县委办": ("常务副主任", "副主任"),
    "县纪委": ("副书记", "常委"),
    "县委政法委": ("常务副书记", "副书记"),
    "县委党校": ("常务副校长", "副校长"),
    "团县委": ("书记", "副书记"),
    "县妇联": ("主席", "副主席"),
    "县总工会": ("常务副主席", "副主席"),
}
# 县处级 posts and the unit each is listed under (when the plan has that unit)
_COUNTY_HEADS = [
    ("县委办", "县委书记"),
    ("县政府办", "县长"),
    ("县人大办", "县人大常委会主任"),
    ("县政协办", "县政协主席"),
]
_COUNTY_DEPUTIES = [
    ("县委办", "县委副书记"),
    ("县政府办", "县委常委、常务副县长"),
    ("县委组织部", "县委常委、组织部部长"),
    ("县纪委", "县委常委、纪委书记"),
    ("县委宣传部", "县委常委、宣传部部长"),
    ("县委政法委", "县委常委、政法委书记"),
    ("县委统战部", "县委常委、统战部部长"),
    ("县委办", "县委常委、办公室主任"),
    ("县政府办", "副县长"),
    ("县人大办", "县人大常委会副主任"),
    ("县政协办", "县政协副主席"),
    ("县政府办", "副县长"),
]


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def unit_titles(name: str) -> dict[str, str]:
    """The words that fill ``{party}``, ``{head}``, ``{deputy}``, ``{congress}`` for a unit."""
    if name.endswith("街道"):
        return {"party": "党工委", "head": "办事处主任", "deputy": "办事处副主任",
                "congress": "人大工委主任"}  # fmt: skip
    if name.endswith(("乡", "镇")):
        head = name[-1] + "长"
        return {"party": "党委", "head": head, "deputy": "副" + head, "congress": "人大主席"}
    if name in _SPECIAL_HEADS:
        head, deputy = _SPECIAL_HEADS[name]
    elif name.startswith("县委") and name.endswith("部"):
        head, deputy = "常务副部长", "副部长"  # the 部长 is a 县委常委 (县处级)
    elif name.endswith("局"):
        head, deputy = "党组书记、局长", "副局长"
    else:
        head, deputy = "党组书记、主任", "副主任"
    return {"party": "党组", "head": head, "deputy": deputy, "congress": "主任"}


def county_posts(units: list[Unit]) -> dict[str, list[tuple[Unit, str]]]:
    """县处级 posts by tier, each under its office; the first 县直 unit when that is absent."""
    by_name = {u.name: u for u in units}
    depts = [u for u in units if "县直" in u.kind] or units
    out: dict[str, list[tuple[Unit, str]]] = {"county_head": [], "county_deputy": []}
    if not depts:
        return out
    for level, posts in (("county_head", _COUNTY_HEADS), ("county_deputy", _COUNTY_DEPUTIES)):
        out[level] = [(by_name.get(office, depts[0]), post) for office, post in posts]
    return out
