"""Breaking a document's title into lines as GB/T 9704-2012 7.3.1 asks: each line keeps whole
words (词意完整), and the lines form a trapezoid (each no longer than the next) or a diamond
(longer in the middle).

Words are found by a small lexicon of the phrases titles of training notices are made of
(关于, 举办, 乡科级, 领导干部, 轮训班, 的通知 …), numbers with their unit (2013年), and quoted or
bracketed names (“两委”, 《财务会计》) kept whole; a ``|`` written in the plan's text forces a
break there (and is never printed). Between two characters that no phrase covers a break is
allowed but costly, so it is used only when no arrangement of whole phrases fits.

>>> title_lines("关于举办全县乡科级领导干部学习十八大精神轮训班的通知")
['关于举办全县乡科级领导干部', '学习十八大精神轮训班的通知']
"""

from __future__ import annotations

import itertools
import math
import re

PER_LINE = 20  # 2号 (22 pt) characters in the 156 mm 版心: 442 pt / 22 pt
BREAK = "|"

_WORDS = (
    "关于",
    "举办",
    "召开",
    "开展",
    "组织",
    "印发",
    "转发",
    "做好",
    "加强",
    "进一步",
    "的通知",
    "的方案",
    "的报告",
    "的意见",
    "通知",
    "方案",
    "计划",
    "意见",
    "全县",
    "全市",
    "全区",
    "全省",
    "全镇",
    "全乡",
    "全系统",
    "县委",
    "市委",
    "区委",
    "县直",
    "市直",
    "区直",
    "县直机关",
    "机关",
    "乡科级",
    "县处级",
    "厅局级",
    "领导干部",
    "干部",
    "党员",
    "党员干部",
    "青年干部",
    "中青年",
    "中青年干部",
    "妇女",
    "妇女干部",
    "后备干部",
    "新任",
    "村、社区",
    "社区",
    "村居",
    "街道",
    "乡镇",
    "党支部书记",
    "党支部",
    "书记",
    "成员",
    "党组织",
    "党务",
    "党政",
    "主职",
    "积极分子",
    "入党积极分子",
    "学习",
    "贯彻",
    "学习贯彻",
    "落实",
    "十八大",
    "十九大",
    "二十大",
    "精神",
    "理论",
    "专题",
    "业务",
    "岗位",
    "管理",
    "能力",
    "素质",
    "提升",
    "知识",
    "教育",
    "干部教育",
    "培训",
    "培训班",
    "轮训班",
    "研修班",
    "进修班",
    "示范班",
    "专题班",
    "训练营",
    "讲坛",
    "大讲坛",
    "工作",
    "年度",
    "县域经济",
    "经济",
    "发展",
    "财务",
    "会计",
    "税收",
    "执法",
    "征管",
    "软件",
    "应用",
    "操作",
    "信息",
    "写作",
    "办公",
    "自动化",
)
_LEXICON = sorted(_WORDS, key=len, reverse=True)
_WHOLE = re.compile(
    r"“[^”]*”|《[^》]*》|〈[^〉]*〉|（[^）]*）|\([^)]*\)|\d+(?:年|月|日|期|号)?|[A-Za-z]+"
)
_PUNCT_AFTER = set("，、。；：！？”》）〉")  # never starts a line


def _words(text: str) -> list[tuple[str, bool]]:
    """The text as (piece, is_word): lexicon words, numbers and quoted names are words; other
    characters stand alone."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(text):
        m = _WHOLE.match(text, i)
        if m:
            out.append((m.group(), True))
            i = m.end()
            continue
        for w in _LEXICON:
            if text.startswith(w, i):
                out.append((w, True))
                i += len(w)
                break
        else:
            out.append((text[i], False))
            i += 1
    return out


# Layouts tried for one title at most: a real title (up to about 60 characters, three lines)
# needs a few hundred; beyond this the lines are filled in turn.
MAX_LAYOUTS = 20_000


def _cost(lines: list[str], weak: int) -> tuple[int, float]:
    lengths = [len(line) for line in lines]
    top = max(lengths)
    first, last = lengths.index(top), len(lengths) - 1 - lengths[::-1].index(top)
    rising = all(a <= b for a, b in itertools.pairwise(lengths[: first + 1]))
    falling = all(a >= b for a, b in itertools.pairwise(lengths[last:]))
    flat = all(n == top for n in lengths[first : last + 1])
    trapezoid = rising and flat and last == len(lengths) - 1
    diamond = rising and falling and flat and lengths[0] < top and lengths[-1] < top
    shape = 0 if trapezoid or diamond else 1
    spread = sum(abs(a - b) for a, b in itertools.pairwise(lengths))
    return (weak * 10 + shape * 5, spread)


def title_lines(title: str, per_line: int = PER_LINE) -> list[str]:
    """``title`` broken into lines of at most ``per_line`` characters, whole words kept, in a
    trapezoid or diamond; ``|`` forces a break."""
    parts = [p.strip() for p in title.split(BREAK)]
    if len(parts) > 1:
        return [line for p in parts if p for line in title_lines(p, per_line)]
    text = parts[0]
    if len(text) <= per_line:
        return [text] if text else []
    pieces = _words(text)
    # a break before piece i is allowed unless piece i is closing punctuation; weak when
    # neither neighbour is a word (inside a run of single characters)
    spots = [
        i
        for i in range(1, len(pieces))
        if pieces[i][0][0] not in _PUNCT_AFTER and pieces[i - 1][0][-1] not in "“《（("
    ]
    weak_spots = {i for i in spots if not pieces[i - 1][1] and not pieces[i][1]}
    best: tuple[tuple[int, float], list[str]] | None = None
    for count in range(-(-len(text) // per_line), len(pieces) + 1):
        if math.comb(len(spots), count - 1) > MAX_LAYOUTS:
            return _greedy(pieces, spots, per_line)  # a title no office writes: bounded work
        for cut in itertools.combinations(spots, count - 1):
            bounds = (0, *cut, len(pieces))
            lines = ["".join(p for p, _ in pieces[a:b]) for a, b in itertools.pairwise(bounds)]
            if any(len(line) > per_line for line in lines):
                continue
            cost = _cost(lines, sum(1 for i in cut if i in weak_spots))
            if best is None or cost < best[0]:
                best = (cost, lines)
        if best is not None:
            return best[1]
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]  # unbreakable


def _greedy(pieces: list[tuple[str, bool]], spots: list[int], per_line: int) -> list[str]:
    """Lines filled in turn, each broken at the last allowed spot that keeps it within
    ``per_line`` (or cut at ``per_line`` where a word is longer)."""
    allowed = set(spots)
    lines: list[str] = []
    line = ""
    for i, (piece, _) in enumerate(pieces):
        if line and i in allowed and len(line) + len(piece) > per_line:
            lines.append(line)
            line = ""
        line += piece
        while len(line) > per_line:
            lines.append(line[:per_line])
            line = line[per_line:]
    return [*lines, line] if line else lines


def plain(text: str) -> str:
    """``text`` without the ``|`` that marks a forced title break."""
    return text.replace(BREAK, "")
