"""Generate a province-size training plan for the benchmarks (deterministic, no wall clock).

    python bench/gen_plan.py --classes 2000 --venues 300 --teachers 1000 --year 2013 \\
        -o bench/_data/province.yaml

The plan looks like one a provincial organisation department would compile: 全省 classes
(ranked audiences, category tags) and the classes of each city and county (audience = the
region's tag), each region with its own party school and pool of teachers, named teachers who
teach across regions, external venues (universities, cadre academies). Dates use every form
the README lists (ISO spans, ``2013年3月13日---23日``, ``5月11日—12日``, mappings, Chinese and
full-width numerals, vague ``十月中下旬，为期一周`` / ``11月份``).

Classes are placed on the year's working days so that audiences, named teachers and venue
seats mostly do not collide; a small, fixed share of classes ignores availability (or is
deliberately too tight, on a weekend, over capacity, without headcount), so validate finds
some problems of every kind — tens, not thousands. The same arguments always give the same
text: ``random.Random(seed)`` only, and no set is ever iterated.

Units (参训单位, ``--units``, as many as venues by default): about 8 % the province's departments
(省直单位), then in turn one for each city (市直单位) and county (its 城关镇, then a 县直单位 …),
each with declared ``counts`` by rank and tag, local ones with their region's tag, so quotas
work on the plan without a register. They come from a generator of their own: the classes are
the same text with or without units.

Importable: ``generate(classes, venues, teachers, year, seed, units=None) -> str``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# ─────────────────────────── vocabulary ───────────────────────────

_CITY_TEXT = (
    "郑州市 开封市 洛阳市 平顶山市 安阳市 鹤壁市 新乡市 焦作市 濮阳市 许昌市 漯河市 "
    "三门峡市 南阳市 商丘市 信阳市 周口市 驻马店市 济源市"
)
CITIES = tuple(_CITY_TEXT.split(" "))
_COUNTY_A = "新安永长宁平兴丰太泰临清宜东西汝淮固鹿柘睢虞桐方唐淅内卢栾嵩登巩荥沁温孟博修".strip()
_COUNTY_B = "阳平安城乡川山水陵封丘泽源河原武德昌遂义"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
)
_GIVEN_TEXT = (
    "伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 建华 文 华 红 "
    "志强 建国 晓东 海燕 玉兰 春生 瑞娟 卫东 红梅 国庆 立新 振华 向阳 新民 学军 德胜 永刚 "
    "丽君 慧敏 晓红 文斌 海涛 国强 书文 子谦 思远 雅琴 建军 爱民 少华 冬梅 庆丰"
)
GIVEN = tuple(_GIVEN_TEXT.split(" "))
TITLES = ("教授", "教授", "副教授", "副教授", "研究员", "副研究员", "讲师", "高级经济师", "处长")
TEACHER_ORGS = (
    "省委党校",
    "省行政学院",
    "郑州大学",
    "河南大学",
    "省委政策研究室",
    "省社会科学院",
    "省发展改革委",
    "省委组织部",
    "省纪委",
    "中央党校",
    "国家行政学院",
    "南阳师院",
    "省妇联干校",
    "河南省团校",
)
EXTERNAL_VENUES = (
    "浙江大学",
    "清华大学继续教育学院",
    "北京大学",
    "复旦大学",
    "中国人民大学",
    "中山大学",
    "厦门大学",
    "井冈山干部学院",
    "延安干部学院",
    "浦东干部学院",
    "焦裕禄干部学院",
    "红旗渠干部学院",
    "国家行政学院",
    "郑州大学",
    "河南大学",
    "南阳师院",
    "河南农业大学",
    "河南财经政法大学",
    "信阳师院",
    "大别山干部学院",
    "西柏坡干部学院",
    "遵义干部学院",
    "嘉兴南湖干部学院",
    "深圳大学",
    "华中科技大学",
    "武汉大学",
    "南京大学",
    "同济大学",
    "上海交通大学",
    "西安交通大学",
)

RANKS = (
    "厅局级正职",
    "厅局级副职",
    "县处级正职",
    "县处级副职",
    "乡科级正职",
    "乡科级副职",
    "一级主任科员",
    "科员",
)
CATEGORY_TAGS = (
    "中青年",
    "后备干部",
    "主要领导",
    "新任职",
    "村社区党组织书记",
    "团干部",
    "党务干部",
    "组工干部",
    "纪检监察干部",
    "宣传干部",
    "政法干部",
    "统战干部",
    "大学生村官",
    "非公企业党组织书记",
    "入党积极分子",
)

# (audience words, short word, eligible rule for 全省 classes)
_R = RANKS
PROVINCE_AUDIENCES: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("厅局级领导干部", "厅级", {"rank": [_R[0], _R[1]]}),
    ("县处级领导干部", "处级", {"rank": [_R[2], _R[3]]}),
    ("县（市、区）委书记", "县委书记", {"rank": [_R[2]], "tags": ["主要领导"]}),
    ("县（市、区）长", "县长", {"rank": [_R[2]], "tags": ["主要领导"]}),
    ("新任县处级领导干部", "新任处级", {"rank": [_R[3]], "tags": ["新任职"]}),
    ("乡镇党委书记", "乡镇书记", {"rank": [_R[4]], "tags": ["主要领导"]}),
    ("乡镇长", "乡镇长", {"rank": [_R[4]]}),
    ("中青年干部", "中青年", {"tags": ["中青年"]}),
    ("优秀年轻干部", "年轻干部", {"tags": ["后备干部"]}),
    ("女干部", "女干部", {"gender": "女", "rank_at_least": _R[3]}),
    ("村社区党组织书记", "村社区书记", {"tags": ["村社区党组织书记"]}),
    ("团干部", "团干部", {"tags": ["团干部"]}),
    ("党务干部", "党务干部", {"tags": ["党务干部"]}),
    ("组工干部", "组工干部", {"tags": ["组工干部"]}),
    ("纪检监察干部", "纪检干部", {"tags": ["纪检监察干部"]}),
    ("宣传思想文化干部", "宣传干部", {"tags": ["宣传干部"]}),
    ("政法干部", "政法干部", {"tags": ["政法干部"]}),
    ("统战干部", "统战干部", {"tags": ["统战干部"]}),
    ("大学生村官", "村官", {"tags": ["大学生村官"]}),
    ("非公企业党组织书记", "非公书记", {"tags": ["非公企业党组织书记"]}),
)
LOCAL_AUDIENCES: tuple[tuple[str, str], ...] = (
    ("乡科级领导干部", "乡科级"),
    ("中青年干部", "中青年"),
    ("女干部", "女干部"),
    ("村社区党组织书记", "村社区书记"),
    ("团干部", "团干部"),
    ("党务干部", "党务干部"),
    ("入党积极分子", "积极分子"),
    ("新任职干部", "新任职"),
    ("公务员", "公务员"),
    ("纪检监察干部", "纪检干部"),
    ("组工干部", "组工干部"),
    ("大学生村官", "村官"),
    ("非公企业党组织书记", "非公书记"),
    ("党政主要领导", "党政主职"),
)
THEMES = (
    "学习十八大精神",
    "理论",
    "业务",
    "党性教育",
    "依法行政",
    "经济发展",
    "新型城镇化",
    "新农村建设",
    "群众路线教育实践活动",
    "党风廉政建设",
    "公共管理",
    "领导能力提升",
    "应急管理",
    "信访工作",
    "招商引资",
    "电子政务",
    "舆情应对",
    "文化建设",
)
# kind, short, weight at 全省 / city / county, (min, max) working days
KINDS: tuple[tuple[str, str, tuple[int, int, int], tuple[int, int]], ...] = (
    ("轮训班", "轮训", (2, 3, 4), (6, 16)),
    ("培训班", "培训", (4, 6, 9), (1, 5)),
    ("进修班", "进修", (2, 1, 0), (15, 30)),
    ("研修班", "研修", (3, 2, 1), (3, 10)),
    ("专题研讨班", "研讨", (2, 1, 0), (2, 5)),
)
TOPICS = (
    "十八大精神",
    "党章",
    "中国特色社会主义理论体系",
    "马克思主义基本理论",
    "经济形势与经济政策",
    "党性修养和党性锻炼",
    "相关法律法规知识",
    "民族宗教知识",
    "国防教育知识",
    "领导科学知识",
    "文秘写作知识",
    "公务礼仪知识",
    "现代科技知识",
    "办公自动化与公务微博知识",
    "项目建设情况介绍",
    "干部成长成才交流",
    "党史党建知识",
    "如何做一名合格的共产党员",
    "中央关于“三农”方面的方针政策",
    "新型农村社区建设",
    "现代农业产供销知识",
    "群众工作方法",
    "依法行政与法治政府建设",
    "突发事件应对",
    "网络舆情引导",
    "廉政警示教育",
    "统筹城乡发展与新型工业化",
    "转变经济发展方式",
    "怎样当好一把手",
    "案例分析与研讨",
    "实地参观考察",
    "撰写调研报告",
)
MODULES = ("政治理论", "能力素质", "实践知识")
# units (参训单位): the province's departments, each city's and county's departments, and the
# counties' towns; names are the region's name + the word (桐柏县 + 城关镇 = 桐柏县城关镇)
PROVINCE_DEPTS = (
    "省委办公厅",
    "省政府办公厅",
    "省人大常委会办公厅",
    "省政协办公厅",
    "省纪委",
    "省委组织部",
    "省委宣传部",
    "省委统战部",
    "省委政法委",
    "省委党校",
    "省发展改革委",
    "省教育厅",
    "省科技厅",
    "省工业和信息化厅",
    "省公安厅",
    "省民政厅",
    "省司法厅",
    "省财政厅",
    "省人力资源社会保障厅",
    "省国土资源厅",
    "省住房城乡建设厅",
    "省交通运输厅",
    "省水利厅",
    "省农业厅",
    "省林业厅",
    "省商务厅",
    "省文化厅",
    "省卫生厅",
    "省审计厅",
    "团省委",
    "省妇联",
    "省总工会",
)
LOCAL_DEPTS = ("委组织部", "委宣传部", "财政局", "教育局", "委政法委", "民政局", "农业局")
LOCAL_DEPTS += ("委统战部",)
TOWNS = ("城关镇", "东关街道", "城郊乡", "新集镇", "西关街道", "王店乡", "李庄镇", "高庙乡")
UNIT_SHARE_PROVINCE = 0.08  # of the units, like the classes: 8 % are the province's own
DASHES = ("---", "--", "—", "——", "-", "～", "至")
CN_DIGITS = "〇一二三四五六七八九"


# ─────────────────────────── helpers ───────────────────────────


def cn_number(n: int) -> str:
    """1..31 in Chinese numerals: 十三, 二十三, 三十一."""
    if n < 10:
        return CN_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[units] if units else "")


def cn_year(y: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)


_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^:#,\[\]{}]*$")


def q(s: str) -> str:
    """A YAML scalar for ``s``: plain when unambiguous (also inside flow collections)."""
    if _PLAIN_OK.match(s) and s == s.strip() and s.lower() not in ("null", "true", "false"):
        return s
    return json.dumps(s, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def flow_map(d: dict[str, object]) -> str:
    parts = []
    for k, v in d.items():
        if isinstance(v, list):
            text = flow_list([str(x) for x in v])
        elif isinstance(v, bool):
            text = "true" if v else "false"
        else:
            text = q(str(v))
        parts.append(f"{k}: {text}")
    return "{" + ", ".join(parts) + "}"


def workday_flags(year: int) -> list[bool]:
    """Per day of the year (index 0 = 1 January): is it a working day (with 调休)?"""
    first = date(year, 1, 1)
    n = (date(year, 12, 31) - first).days + 1
    try:
        import holidays

        cal = holidays.country_holidays("CN", years=year)
        return [cal.is_working_day(first + timedelta(days=i)) for i in range(n)]
    except Exception:  # pragma: no cover - holidays missing or without the year
        return [(first + timedelta(days=i)).weekday() < 5 for i in range(n)]


# ─────────────────────────── the plan's parts ───────────────────────────


@dataclass
class Region:
    name: str  # 全省, 南阳市, 桐柏县
    level: int  # 0 province, 1 city, 2 county
    venue: str  # its party school's venue id
    pool: str  # its teachers' pool id


@dataclass
class Venue:
    id: str
    name: str
    capacity: int | None
    external: bool = False


@dataclass
class Teacher:
    id: str
    name: str
    pool: bool
    title: str = ""
    org: str = ""


@dataclass
class UnitDecl:
    id: str
    name: str
    kind: str  # 省直单位, 市直单位, 县直单位, 乡镇
    region: str  # the region's tag (南阳市, 桐柏县); "" for the province's departments
    counts: dict[str, int] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)


@dataclass
class Klass:
    region: Region
    name: str
    short: str
    audience: str
    eligible: dict[str, object] | None
    keys: list[str]  # audience keys that must not overlap (rank:…, tag:…)
    kind: str
    ndays: int  # working days the span covers
    count: int | None = None  # sessions {count, days}
    per: int | None = None
    listed: int = 0  # sessions listed one by one
    planned: int | None = None
    planned_text: str | None = None
    venue: str | None = None
    vague: bool = False
    weekend: bool = False
    weekends_true: bool = False
    defect: str = ""  # deliberate problem: tight, clash, teacher, venue, capacity
    teachers: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    modules: dict[str, list[str]] | None = None
    fieldwork: int | None = None
    hours: int | None = None
    notes: str = ""
    days: list[int] = field(default_factory=list)  # reserved day indexes
    when: str = ""
    when_map: tuple[date, date] | None = None
    sessions_listed: list[str] = field(default_factory=list)
    start: date | None = None


class Generator:
    def __init__(
        self, classes: int, venues: int, teachers: int, year: int, seed: int, units: int | None
    ) -> None:
        self.rng = random.Random(seed)
        # units draw from their own generator, so the classes are the same with or without them
        self.unit_rng = random.Random(seed * 1_000_003 + 17)
        self.n_classes, self.n_venues, self.n_teachers = classes, venues, teachers
        self.n_units = venues if units is None else units
        self.units: list[UnitDecl] = []
        self.year = year
        self.first = date(year, 1, 1)
        flags = workday_flags(year)
        self.is_work = flags
        # classes run from late February (after the Spring Festival) to mid December
        lo = (date(year, 2, 25) - self.first).days
        hi = (date(year, 12, 20) - self.first).days
        self.work = [i for i in range(lo, hi + 1) if flags[i]]
        self.busy: dict[str, bytearray] = {}
        self.seats: dict[str, list[int]] = {}
        self.venues: list[Venue] = []
        self.teachers: list[Teacher] = []
        self.regions: list[Region] = []
        self.named: list[str] = []
        self.venue_cap: dict[str, int | None] = {}
        self.next_city = self.next_county = 0

    # ── declarations ──

    def build_world(self) -> None:
        rng = self.rng
        v = max(self.n_venues, 3)
        n_ext = max(1, v // 10)
        n_prov = 2 if v >= 6 else 1
        rest = v - n_ext - n_prov
        n_city = min(len(CITIES), max(1, rest // 12))
        n_county = rest - n_city
        county_names: list[str] = []
        seen = {c[:-1] for c in CITIES}
        while len(county_names) < n_county:
            a, b = rng.choice(_COUNTY_A), rng.choice(_COUNTY_B)
            base = a + b
            if a == b or base in seen:
                if len(seen) > len(_COUNTY_A) * len(_COUNTY_B) - 50:
                    base = base + str(len(county_names))
                else:
                    continue
            seen.add(base)
            county_names.append(base + ("区" if rng.random() < 0.15 else "县"))
        names = ["全省", *CITIES[:n_city], *county_names]
        levels = [0] + [1] * n_city + [2] * n_county

        # venues: the province's two schools, each region's party school, external venues
        vid = 0

        def add_venue(name: str, cap: int | None, external: bool = False) -> str:
            nonlocal vid
            vid += 1
            ident = f"v{vid:03d}"
            self.venues.append(Venue(ident, name, cap, external))
            self.venue_cap[ident] = None if external else cap
            return ident

        prov_school = add_venue("省委党校", 600)
        if n_prov > 1:
            add_venue("省行政学院", 400)
        region_venues = [prov_school]
        for name, level in zip(names[1:], levels[1:], strict=True):
            cap = (
                rng.choice((200, 250, 300, 400))
                if level == 1
                else rng.choice((80, 100, 120, 150, 200, 300))
            )
            region_venues.append(add_venue(f"{name}委党校", cap))
        for i in range(n_ext):
            base = EXTERNAL_VENUES[i % len(EXTERNAL_VENUES)]
            suffix = "" if i < len(EXTERNAL_VENUES) else f"第{i // len(EXTERNAL_VENUES) + 1}教学点"
            add_venue(base + suffix, None, external=True)

        # teachers: pools (province-wide ones, then one per region while they last), named
        t = max(self.n_teachers, 4)
        n_pool = min(len(names) + 3, max(3, t // 4))
        tid = 0

        def add_teacher(name: str, pool: bool, title: str = "", org: str = "") -> str:
            nonlocal tid
            tid += 1
            ident = f"t{tid:04d}"
            self.teachers.append(Teacher(ident, name, pool, title, org))
            return ident

        prov_pool = add_teacher("省委党校教师", True)
        self.extra_pools = [
            add_teacher("全国知名专家教授", True),
            add_teacher("省直部门负责同志", True),
        ]
        pools = [prov_pool]
        for name in names[1:]:
            if len(self.teachers) < n_pool:
                pools.append(add_teacher(f"{name}委党校教师", True))
            else:
                pools.append(prov_pool)
        used_names: set[str] = set()
        while len(self.teachers) < t:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if name in used_names:
                name += rng.choice(GIVEN)[0]
                if name in used_names:
                    continue
            used_names.add(name)
            self.named.append(
                add_teacher(name, False, rng.choice(TITLES), rng.choice(TEACHER_ORGS))
            )
        self.regions = [
            Region(n, lv, ven, pool)
            for n, lv, ven, pool in zip(names, levels, region_venues, pools, strict=True)
        ]
        self.external = [v.id for v in self.venues if v.external]
        self.prov_venues = [v.id for v in self.venues[:n_prov]]

    def build_units(self) -> None:
        """Units with declared ``counts`` (by rank and tag), so quotas work without a register:
        about 8 % the province's departments, then one unit for each city and county in turn
        (a county's first is its 城关镇, a city's its 委组织部), then more while they last.
        Each local unit declares its region's tag, which the local classes' ``eligible`` uses."""
        n = max(self.n_units, 0)
        if n == 0:
            return
        local = [r for r in self.regions if r.level > 0]
        n_prov = max(1, round(n * UNIT_SHARE_PROVINCE)) if local else n
        n_prov = min(n_prov, n)
        decls: list[tuple[str, str, str]] = []  # (name, kind, region tag)
        for i in range(n_prov):
            word = PROVINCE_DEPTS[i % len(PROVINCE_DEPTS)]
            decls.append((word + _nth(i, len(PROVINCE_DEPTS)), "省直单位", ""))
        taken = [0] * len(local)
        while local and len(decls) < n:
            for j, region in enumerate(local):
                if len(decls) >= n:
                    break
                k = taken[j]
                taken[j] += 1
                if region.level == 1:
                    word, kind = LOCAL_DEPTS[k % len(LOCAL_DEPTS)], "市直单位"
                    word += _nth(k, len(LOCAL_DEPTS))
                elif k % 2 == 0:  # counties: town, department, town, department …
                    word, kind = TOWNS[k // 2 % len(TOWNS)] + _nth(k // 2, len(TOWNS)), "乡镇"
                else:
                    word, kind = LOCAL_DEPTS[k // 2 % len(LOCAL_DEPTS)], "县直单位"
                    word += _nth(k // 2, len(LOCAL_DEPTS))
                decls.append((region.name + word, kind, region.name))
        width = max(3, len(str(len(decls))))
        for i, (name, kind, region_tag) in enumerate(decls, start=1):
            unit = UnitDecl(f"u{i:0{width}d}", name, kind, region_tag)
            unit.counts = self.unit_counts(unit)
            if kind == "乡镇":
                street = name.endswith("街道")
                party, office = ("党工委", "办事处") if street else ("党委", "人民政府")
                unit.aliases = [name + party, name + office]
            self.units.append(unit)

    def unit_counts(self, unit: UnitDecl) -> dict[str, int]:
        """Declared people by rank (RANKS order), then by tag (CATEGORY_TAGS order, then the
        region's tag: everyone in a local unit); zeros left out."""
        r = self.unit_rng.randint
        spans: dict[str, tuple[tuple[int, int], ...]] = {  # per rank, in RANKS order
            "省直单位": ((1, 1), (3, 6), (8, 20), (15, 40), (20, 50), (20, 50), (10, 30), (30, 99)),
            "市直单位": ((0, 0), (0, 0), (1, 1), (2, 5), (5, 12), (8, 20), (5, 15), (20, 80)),
            "县直单位": ((0, 0), (0, 0), (0, 0), (0, 0), (1, 2), (2, 5), (2, 6), (10, 40)),
            "乡镇": ((0, 0), (0, 0), (0, 0), (0, 0), (3, 5), (8, 15), (2, 6), (20, 60)),
        }
        ranks = {rank: r(*span) for rank, span in zip(RANKS, spans[unit.kind], strict=True)}
        total = sum(ranks.values())
        town = unit.kind == "乡镇"
        leaders = 2 if town else 1  # 党委书记 and 乡镇长; a department's head

        def share(lo: float, hi: float) -> int:
            return round(total * self.unit_rng.uniform(lo, hi))

        def named(words: tuple[str, ...], lo: int, hi: int) -> int:
            return r(lo, hi) if any(w in unit.name for w in words) else r(0, 1)

        tags = {
            "中青年": share(0.15, 0.30),
            "后备干部": share(0.04, 0.10),
            "主要领导": leaders,
            "新任职": share(0.04, 0.10),
            "村社区党组织书记": r(12, 35) if town else 0,
            "团干部": r(1, 3),
            "党务干部": r(1, 4),
            "组工干部": named(("组织部",), 8, 30),
            "纪检监察干部": named(("纪委",), 10, 40) or r(0, 2),
            "宣传干部": named(("宣传部", "文化"), 8, 25),
            "政法干部": named(("政法委", "公安", "司法"), 15, 60),
            "统战干部": named(("统战部",), 5, 15),
            "大学生村官": r(2, 8) if town else 0,
            "非公企业党组织书记": r(2, 10) if town else 0,
            "入党积极分子": r(0, 5),
        }
        if unit.region:
            tags[unit.region] = total
        return {k: v for k, v in (*ranks.items(), *tags.items()) if v > 0}

    # ── classes ──

    def region_for(self, i: int) -> Region:
        """Spread classes: 8% to 全省, 15% to the cities, the rest to the counties (each level
        round-robin, so no region gets more than its share)."""
        regions = self.regions
        cities = [r for r in regions if r.level == 1]
        counties = [r for r in regions if r.level == 2] or cities
        share = self.rng.random()
        if share < 0.08:
            return regions[0]
        if share < 0.23:
            self.next_city += 1
            return cities[self.next_city % len(cities)]
        self.next_county += 1
        return counties[self.next_county % len(counties)]

    def make_class(self, i: int, names: set[str]) -> Klass:
        rng = self.rng
        region = self.region_for(i)
        level = region.level
        prefix = region.name
        kinds = [k for k in KINDS if k[2][level] > 0]
        kind, kind_short, _, (dmin, dmax) = rng.choices(kinds, [k[2][level] for k in kinds])[0]
        for _ in range(20):
            theme = rng.choice(THEMES)
            if level == 0:
                aud, aud_short, rule = rng.choice(PROVINCE_AUDIENCES)
                eligible: dict[str, object] | None = {
                    k: list(v) if isinstance(v, list) else v for k, v in rule.items()
                }
            else:
                aud, aud_short = rng.choice(LOCAL_AUDIENCES)
                eligible = {"tags": [region.name]}
                if aud == "女干部":
                    eligible["gender"] = "女"
            name = f"{prefix}{aud}{theme}{kind}"
            if name not in names:
                break
        else:
            n = 2
            while f"{name}（{n}）" in names:
                n += 1
            name = f"{name}（{n}）"
        if level > 0 and rng.random() < 0.12:
            eligible = None  # some local classes state no eligibility rule
        keys: list[str] = []
        if eligible is not None:
            ranks = eligible.get("rank")
            if isinstance(ranks, list):
                keys += [f"rank:{r}" for r in ranks]
            if "rank_at_least" in eligible:
                cut = RANKS.index(str(eligible["rank_at_least"]))
                keys += [f"rank:{r}" for r in RANKS[: cut + 1]]
            tags = eligible.get("tags")
            if isinstance(tags, list):
                keys += [f"tag:{t}" for t in tags]
        audience = ("全省" if level == 0 else "全" + prefix[-1]) + aud
        short = ""
        if rng.random() < 0.4:
            short = f"{prefix.removesuffix('市').removesuffix('县')}{aud_short}{kind_short}班"
        k = Klass(region, name, short, audience, eligible, keys, kind, rng.randint(dmin, dmax))
        if kind == "轮训班":
            k.count = rng.randint(2, 4)
            k.per = rng.randint(2, 4)
            k.ndays = k.count * k.per + rng.choice((0, 0, 1, 2, 3))
        elif kind == "培训班" and rng.random() < 0.15:
            k.count, k.per = 2, rng.randint(2, 3)
            k.ndays = k.count * k.per + rng.choice((0, 1, 2))
        elif kind == "培训班" and rng.random() < 0.04:
            k.listed = rng.randint(2, 3)
            k.ndays = k.listed * rng.randint(2, 3)
        if kind == "进修班" and rng.random() < 0.6:
            k.fieldwork = rng.choice((5, 7, 10))
        # venue and headcount
        roll = rng.random()
        external_share = (0.25, 0.10, 0.03)[level]
        if roll < external_share:
            k.venue = rng.choice(self.external)
        elif roll < 0.96:
            k.venue = rng.choice(self.prov_venues) if level == 0 else region.venue
        cap = self.venue_cap.get(k.venue or "") or 300
        count = k.count or max(k.listed, 1)
        per_session = rng.randint(max(20, cap // 6), max(30, cap * 2 // 3))
        if kind in ("进修班", "研修班", "专题研讨班"):
            per_session = min(per_session, rng.randint(30, 80))
        k.planned = per_session * count
        if rng.random() < 0.25:
            k.planned = round(k.planned, -1) or 10
        if rng.random() < 0.04:
            k.planned_text = f"{k.planned}人"
        elif rng.random() < 0.01:
            k.planned_text = fullwidth(str(k.planned))
        # contents
        n_topics = rng.randint(3, 8)
        if kind == "进修班" and rng.random() < 0.5:
            pool = rng.sample(TOPICS, 12)
            k.modules = {MODULES[j]: pool[j * 4 : j * 4 + rng.randint(2, 4)] for j in range(3)}
        else:
            k.topics = rng.sample(TOPICS, n_topics)
        if rng.random() < 0.1:
            k.hours = rng.choice((6, 7, 8))
        return k

    # ── placing on the calendar ──

    def clashes(self, k: Klass, days: list[int]) -> int:
        """How many (audience key, day) and venue-seat collisions placing ``k`` would cause."""
        n = 0
        for key in k.keys:
            row = self.busy.get(key)
            if row is not None:
                n += sum(row[d] for d in days)
        cap = self.venue_cap.get(k.venue or "")
        if cap is not None and k.planned is not None:
            size = self.slot_size(k)
            row2 = self.seats.get(k.venue or "")
            if row2 is not None:
                n += sum(1 for d in days if row2[d] + size > cap)
        return n

    def slot_size(self, k: Klass) -> int:
        planned = k.planned or 0
        if k.vague:
            return planned
        return math.ceil(planned / max(k.count or k.listed or 1, 1))

    def reserve(self, k: Klass, days: list[int]) -> None:
        k.days = days
        n = len(self.is_work)
        for key in k.keys:
            row = self.busy.setdefault(key, bytearray(n))
            for d in days:
                row[d] = 1
        cap = self.venue_cap.get(k.venue or "")
        if cap is not None and k.planned is not None:
            size = self.slot_size(k)
            seats = self.seats.setdefault(k.venue or "", [0] * n)
            for d in days:
                seats[d] += size

    def place_exact(self, k: Klass) -> None:
        rng = self.rng
        work = self.work
        n = min(k.ndays, len(work))
        if k.defect == "tight" and k.count and k.per:
            n = k.count * k.per - rng.randint(1, 2)
        last = len(work) - n
        if k.defect == "clash":
            p = rng.randint(0, last)
            self.reserve(k, work[p : p + n])
            return
        best: tuple[int, int] | None = None
        for _ in range(80):
            p = rng.randint(0, last)
            score = self.clashes(k, work[p : p + n])
            if best is None or score < best[0]:
                best = (score, p)
            if score == 0:
                break
        assert best is not None
        self.reserve(k, work[best[1] : best[1] + n])

    def place_vague(self, k: Klass) -> None:
        """A window such as 十月中下旬 or 11月份, reserved whole for the class's audience."""
        rng = self.rng
        for _ in range(40):
            month = rng.randint(3, 11)
            form = rng.random()
            last = (date(self.year, month + 1, 1) - timedelta(days=1)).day
            if form < 0.35:
                lo, hi = 11, last
                length = rng.choice(("一周", "三天", "五天", "两周"))
                text = f"{cn_number(month)}月中下旬，为期{length}"
            elif form < 0.65:
                lo, hi, text = 1, last, f"{month}月份"
            else:
                part, lo, hi = rng.choice((("上旬", 1, 10), ("中旬", 11, 20), ("下旬", 21, last)))
                text = f"{month}月{part}"
            a = (date(self.year, month, lo) - self.first).days
            b = (date(self.year, month, hi) - self.first).days
            days = [d for d in range(a, b + 1) if self.is_work[d]]
            if not self.clashes(k, days):
                break
        k.when = text
        k.start = date(self.year, month, lo)
        self.reserve(k, days)

    def place_weekend(self, k: Klass) -> None:
        """A deliberate weekend class (入党积极分子班 on 5月11日—12日): reported by CT302."""
        rng = self.rng
        while True:
            d = rng.randint(self.work[0], self.work[-1] - 2)
            saturday = (self.first + timedelta(days=d)).weekday() == 5
            if saturday and not self.is_work[d] and not self.is_work[d + 1]:
                break
        k.ndays = 2
        self.reserve(k, [d, d + 1])

    def assign_teachers(self, k: Klass) -> None:
        rng = self.rng
        first = k.region.pool if rng.random() < 0.85 else rng.choice(self.extra_pools)
        chosen = [first]
        if k.vague or not self.named:
            if rng.random() < 0.3:
                chosen.append(rng.choice(self.extra_pools))
            k.teachers = list(dict.fromkeys(chosen))
            return
        want = rng.choices((0, 1, 2), (3, 5, 2))[0]
        if k.defect == "teacher":  # one named teacher who already teaches on these days
            for tid in rng.sample(self.named, len(self.named)):
                row = self.busy.get(f"teacher:{tid}")
                if row is not None and any(row[d] for d in k.days):
                    chosen.append(tid)
                    break
        tries = 0
        while want and tries < 30:
            tries += 1
            tid = rng.choice(self.named)
            if tid in chosen:
                continue
            row = self.busy.get(f"teacher:{tid}")
            if row is not None and any(row[d] for d in k.days):
                continue
            chosen.append(tid)
            row = self.busy.setdefault(f"teacher:{tid}", bytearray(len(self.is_work)))
            for d in k.days:
                row[d] = 1
            want -= 1
        k.teachers = chosen

    # ── writing dates ──

    def day(self, index: int) -> date:
        return self.first + timedelta(days=index)

    def span_text(self, s: date, e: date) -> str:
        rng = self.rng
        dash = rng.choice(DASHES)
        y = self.year
        roll = rng.random()
        if s == e:
            if roll < 0.4:
                return s.isoformat()
            if roll < 0.8:
                return f"{y}年{s.month}月{s.day}日"
            return f"{s.month}月{s.day}日"
        same = s.month == e.month
        tail = f"{e.day}日" if same else f"{e.month}月{e.day}日"
        if roll < 0.25:
            return f"{s.isoformat()} {rng.choice(('~', '至', '～'))} {e.isoformat()}"
        if roll < 0.62:
            return f"{y}年{s.month}月{s.day}日{dash}{tail}"
        if roll < 0.94:
            return f"{s.month}月{s.day}日{dash}{tail}"
        if roll < 0.97:
            return fullwidth(f"{y}年{s.month}月{s.day}日") + dash + fullwidth(tail)
        cn_tail = f"{cn_number(e.day)}日" if same else f"{cn_number(e.month)}月{cn_number(e.day)}日"
        head = f"{cn_year(y)}年" if rng.random() < 0.5 else ""
        return f"{head}{cn_number(s.month)}月{cn_number(s.day)}日至{cn_tail}"

    def write_dates(self, k: Klass) -> None:
        if k.vague:
            return
        s, e = self.day(k.days[0]), self.day(k.days[-1])
        k.start = s
        if k.listed:
            per = max(1, len(k.days) // k.listed)
            chunks = [k.days[j * per : (j + 1) * per] for j in range(k.listed)]
            k.days = [d for c in chunks for d in c]
            e = self.day(k.days[-1])
            k.sessions_listed = [
                f"{self.day(c[0]).month}月{self.day(c[0]).day}日—{self.day(c[-1]).day}日"
                if self.day(c[0]).month == self.day(c[-1]).month
                else f"{self.day(c[0]).month}月{self.day(c[0]).day}日—"
                f"{self.day(c[-1]).month}月{self.day(c[-1]).day}日"
                for c in chunks
            ]
        if self.rng.random() < 0.05 and not k.weekend:
            k.when_map = (s, e)
        else:
            k.when = self.span_text(s, e)

    # ── the whole plan ──

    def generate(self) -> str:
        rng = self.rng
        self.build_world()
        self.build_units()
        names: set[str] = set()
        classes: list[Klass] = []
        for i in range(self.n_classes):
            k = self.make_class(i, names)
            names.add(k.name)
            classes.append(k)
        # deliberate problems: a fixed small share of the classes gets each kind
        n = len(classes)

        def pick(share: float, fits: Callable[[Klass], bool]) -> list[Klass]:
            cands = [k for k in classes if fits(k) and not (k.vague or k.weekend or k.defect)]
            return rng.sample(cands, min(len(cands), round(share * n)))

        for k in pick(0.025, lambda k: k.kind in ("培训班", "研修班") and not k.count):
            k.vague = True  # 十月中下旬，为期一周 / 11月份: CT204, possible conflicts
        for k in pick(0.005, lambda k: k.kind == "培训班" and not k.count and not k.listed):
            k.weekend = True  # CT302
        for k in pick(0.010, lambda k: bool(k.count)):
            k.defect = "tight"  # CT301
        for k in pick(0.010, lambda k: k.eligible is not None):
            k.defect = "clash"  # CT305 (and now and then CT303)
        for k in pick(0.010, lambda k: True):
            k.defect = "teacher"  # CT304
        for k in pick(0.005, lambda k: bool(k.planned and self.venue_cap.get(k.venue or ""))):
            cap = self.venue_cap[k.venue or ""] or 0
            k.defect = "capacity"  # CT203
            k.planned = cap * (k.count or max(k.listed, 1)) + rng.randint(5, 40)
            k.planned_text = None
        for k in classes:
            if rng.random() < 0.02:
                k.planned, k.planned_text = None, None  # CT202
            if rng.random() < 0.02 and not k.vague and not k.listed:
                k.weekends_true = True
        # longest first, so long classes find room; vague windows first of all
        order = sorted(range(len(classes)), key=lambda j: (not classes[j].vague, -classes[j].ndays))
        for j in order:
            k = classes[j]
            if k.vague:
                self.place_vague(k)
            elif k.weekend:
                self.place_weekend(k)
            else:
                self.place_exact(k)
            self.assign_teachers(k)
            self.write_dates(k)
        classes.sort(key=lambda c: (c.start or self.first, c.region.level, c.name))
        # shorts must be unique against every name and short
        taken = set(names)
        for k in classes:
            if k.short:
                if k.short in taken:
                    k.short = ""
                else:
                    taken.add(k.short)
        return self.render(classes)

    def render(self, classes: list[Klass]) -> str:
        rng = self.rng
        y = self.year
        out: list[str] = [
            "# yaml-language-server: $schema=../../plans/plan.schema.json",
            "# 由 bench/gen_plan.py 生成的省级年度计划（基准测试用，内容为虚构）。",
            "plan:",
            f"  title: 某省{y}年干部教育培训计划",
            f"  year: {y}",
            "  organizer: 中共某省委组织部",
            f"  issued: {y}-01-25",
            f"  doc_number: 省组〔{y}〕5号",
            f"  classes_declared: {len(classes)}",
            "  guiding: >-",
            "    以邓小平理论、“三个代表”重要思想和科学发展观为指导，深入学习贯彻党的十八大精神，"
            "围绕全省工作大局，大规模培训干部，大幅度提高干部素质。",
            "  leadership:",
            "    - 各级党委（党组）要加强对干部教育培训工作的领导。",
            "    - 各级组织部门要认真做好学员选调工作，确保参训率。",
            "",
            "calendar:",
            "  weekend_days: warn",
            "  extra_holidays: []",
            "  extra_workdays: []",
            "",
            "ranks: " + flow_list(list(RANKS)),
            "",
        ]
        tags = list(CATEGORY_TAGS) + [r.name for r in self.regions if r.level > 0]
        rows = [", ".join(q(t) for t in tags[i : i + 12]) for i in range(0, len(tags), 12)]
        out.append("tags: [" + ",\n  ".join(rows) + "]")
        if self.units:
            out += ["", "units:"]
            for u in self.units:
                counts = ", ".join(f"{q(k)}: {n}" for k, n in u.counts.items())
                aliases = f", aliases: {flow_list(u.aliases)}" if u.aliases else ""
                out.append(
                    f"  - {{id: {u.id}, name: {q(u.name)}, kind: {q(u.kind)}{aliases}, "
                    f"counts: {{{counts}}}}}"
                )
        out += ["", "venues:"]
        for v in self.venues:
            d: dict[str, object] = {"id": v.id, "name": v.name}
            if v.external:
                d["external"] = True
            elif v.capacity is not None:
                d["capacity"] = v.capacity
            out.append("  - " + flow_map(d))
        out += ["", "teachers:"]
        for t in self.teachers:
            d = {"id": t.id, "name": t.name}
            if t.title:
                d["title"] = t.title
            if t.org:
                d["org"] = t.org
            if t.pool:
                d["pool"] = True
            out.append("  - " + flow_map(d))
        out += ["", "classes:"]
        for n, k in enumerate(classes, start=1):
            out.append(f"  - id: c{n:04d}")
            out.append(f"    name: {q(k.name)}")
            if k.short:
                out.append(f"    short: {q(k.short)}")
            if k.start is not None:
                out.append(f"    half: {'上半年' if k.start.month <= 6 else '下半年'}")
            out.append(f"    audience: {q(k.audience)}")
            if k.eligible is not None:
                out.append(f"    eligible: {flow_map(k.eligible)}")
            if k.planned_text is not None:
                out.append(f"    planned: {q(k.planned_text)}")
            elif k.planned is not None:
                out.append(f"    planned: {k.planned}")
            if k.when_map is not None:
                s, e = k.when_map
                out.append(f"    when: {{start: {s.isoformat()}, end: {e.isoformat()}}}")
            else:
                out.append(f"    when: {q(k.when)}")
            if k.count and k.per:
                out.append(f"    sessions: {{count: {k.count}, days: {k.per}}}")
            elif k.sessions_listed:
                out.append("    sessions:")
                size = math.ceil((k.planned or 0) / len(k.sessions_listed))
                for text in k.sessions_listed:
                    extra = f", planned: {size}" if k.planned else ""
                    out.append(f"      - {{when: {q(text)}{extra}}}")
            if k.weekends_true:
                out.append("    weekends: true")
            if k.fieldwork:
                out.append(f"    fieldwork_days: {k.fieldwork}")
            if k.hours:
                out.append(f"    hours_per_day: {k.hours}")
            if k.venue:
                out.append(f"    venue: {k.venue}")
            if k.modules:
                out.append("    modules:")
                for mod, topics in k.modules.items():
                    out.append(f"      {mod}: {flow_list(topics)}")
            elif k.topics:
                out.append("    topics:")
                out += [f"      - {q(t)}" for t in k.topics]
            if k.teachers:
                out.append(f"    teachers: {flow_list(k.teachers)}")
            if rng.random() < 0.08:
                out.append("    notes: 以党校教师为主，同时邀请知名专家教授到班上进行专题辅导。")
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"


def _nth(k: int, size: int) -> str:
    """ "" for the first round through a word list, then 2, 3 … so names stay unique."""
    return "" if k < size else str(k // size + 1)


def generate(
    classes: int, venues: int, teachers: int, year: int, seed: int = 1, units: int | None = None
) -> str:
    """The YAML text of a generated plan; the same arguments always give the same text.
    ``units`` defaults to as many as ``venues`` (300 for the province plan); 0 for none."""
    return Generator(classes, venues, teachers, year, seed, units).generate()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成省级规模的年度培训计划（基准测试用）")
    ap.add_argument("--classes", type=int, default=2000)
    ap.add_argument("--venues", type=int, default=300)
    ap.add_argument("--teachers", type=int, default=1000)
    ap.add_argument("--year", type=int, default=2013)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--units", type=int, help="参训单位数（默认与场地数相同；0 为不写 units）")
    ap.add_argument("-o", "--output", type=Path, help="写入的文件；省略时输出到屏幕")
    args = ap.parse_args(argv)
    text = generate(args.classes, args.venues, args.teachers, args.year, args.seed, args.units)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        size = len(text.encode("utf-8"))
        print(f"已写入 {args.output}：{args.classes} 个班次，{size / 1024:.0f} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
