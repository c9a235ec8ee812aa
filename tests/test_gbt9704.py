"""GB/T 9704-2012 complete: the 版记 measured in the PDF (rules, the last on the bottom edge of
the 版心 of an even page, page numbers around a blank page), titles broken at phrase
boundaries, 附件说明 naming the attachments by title, the reply form turned on its page,
发文字号 checked (CT170), fonts substituted named, dates that differ from the plan explained,
the HTML notice as a centred sheet on screen.

The PDF tests skip without WeasyPrint and the Noto CJK fonts (``.ci/run`` installs them)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cadretrain.checks.rules.doc_number_form import corrected
from cadretrain.documents.notice import render_notice, render_plan_document
from cadretrain.documents.title_lines import title_lines
from cadretrain.plan.lookup import find_class
from cadretrain.year.validate import validate_text
from tests.test_notice import (
    A4,
    MM,
    SMALL,
    line_text,
    lines_of,
    pdf_pages,
    pdf_tools,
    text,
    write_year,
    year_2013,
)

RULE_WIDTH = 156  # mm: 版记 rules are as wide as the 版心
BOTTOM = 297 - 35  # mm: the bottom edge of the 版心

IMPRINTED = SMALL.replace(
    "  doc_number: 测组〔2013〕12号\n",
    "  doc_number: 测组〔2013〕12号\n"
    "  cc: [县委办公室, 县人大常委会办公室, 县政府办公室, 县政协办公室]\n"
    "  printed_by: 中共测试县委组织部办公室\n"
    "  printed_on: 2013-02-20\n",
)


LINE = "培训干部教育" * 4 + "培训干部"  # 28 characters: one full line


def filler_template(folder: Path, lines: int) -> None:
    """A test-only notice template: ``lines`` full lines of body text, then the 版记."""
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "templates" / "notice.html.j2").write_text(
        '<html><head><style>{% include "gbt9704.css" %}</style></head><body>'
        f'<p style="text-indent: 0">{{{{ "{LINE}" * {lines} }}}}</p>'
        '{% with imprint = notice.imprint %}{% include "imprint.html.j2" %}{% endwith %}'
        "</body></html>",
        encoding="utf-8",
    )


def rules(page: Any) -> list[tuple[float, float, float]]:
    """Horizontal rules as wide as the 版心: (top mm, bottom mm, thickness mm), top down.

    WeasyPrint paints a box's borders as an outer and an inner rectangle filled even-odd, so a
    rule is the gap between two edges of such rectangles less than 0.6 mm apart."""
    edges: set[float] = set()
    for r in page.rects:
        width = (float(r["x1"]) - float(r["x0"])) / MM
        if abs(width - RULE_WIDTH) < 1:
            edges |= {round(float(r["top"]) / MM, 2), round(float(r["bottom"]) / MM, 2)}
    ys = sorted(edges)
    return [(a, b, b - a) for a, b in itertools.pairwise(ys) if 0.05 < b - a < 0.6]


def folios(page: Any) -> list[str]:
    return [line_text(line) for line in lines_of(page, 14.0) if "—" in line_text(line)]


def imprint_pdf(tmp_path: Path, lines: int, text_: str = IMPRINTED) -> list[Any]:
    pdf_tools()
    year = write_year(tmp_path, text=text_)
    filler_template(tmp_path, lines)
    return pdf_pages(bytes(render_notice(year, year.plan.classes[0], "pdf")))


def check_imprint(page: Any, with_cc: bool = True) -> None:
    found = rules(page)
    assert len(found) == (3 if with_cc else 2), found
    thick = [round(t, 2) for _, _, t in found]
    assert abs(thick[0] - 0.35) < 0.05 and abs(thick[-1] - 0.35) < 0.05, thick
    if with_cc:
        assert abs(thick[1] - 0.25) < 0.05, thick
    assert abs(found[-1][1] - BOTTOM) < 0.5, found[-1]  # the last rule on the 版心's bottom edge
    words = "".join(line_text(line) for line in lines_of(page, 14.0))
    if with_cc:
        assert "抄送：县委办公室，县人大常委会办公室，县政府办公室，县政协办公室。" in words
    assert "中共测试县委组织部办公室" in words and "2013年2月20日印发" in words
    # 印发机关 one character in from the left, 印发日期 one character in from the right
    (printed,) = [line for line in lines_of(page, 14.0) if "印发" in line_text(line)]
    assert abs(float(printed[0]["x0"]) / MM - (28 + 14 / MM)) < 0.8
    assert abs(float(printed[-1]["x1"]) / MM - (210 - 26 - 14 / MM)) < 0.8


def test_imprint_shares_the_last_even_page_when_there_is_room(tmp_path: Path) -> None:
    pages = imprint_pdf(tmp_path, 22 * 2 // 2 + 10)  # a page and ten lines: ends on page 2
    assert len(pages) == 2
    assert len(lines_of(pages[1])) == 10  # the text and the 版记 on one page
    check_imprint(pages[1])
    assert folios(pages[1]) == ["— 2 —"]  # no blank page before it: numbered


def test_imprint_after_an_odd_page_gets_the_next_even_page(tmp_path: Path) -> None:
    pages = imprint_pdf(tmp_path, 22 * 2 + 5)  # ends on page 3 (odd)
    assert len(pages) == 4
    assert not rules(pages[2]) and not lines_of(pages[3])  # page 4 holds only the 版记
    check_imprint(pages[3])
    assert folios(pages[2]) == ["— 3 —"] and folios(pages[3]) == ["— 4 —"]


def test_blank_page_and_imprint_page_carry_no_number(tmp_path: Path) -> None:
    pages = imprint_pdf(tmp_path, 22 * 2)  # two full pages: no room on page 2
    assert len(pages) == 4
    assert not pages[2].chars and not rules(pages[2])  # page 3 is blank …
    check_imprint(pages[3])  # … and the 版记 lies on page 4
    assert folios(pages[1]) == ["— 2 —"]
    assert folios(pages[2]) == [] and folios(pages[3]) == []


def test_imprint_without_cc_has_two_rules(tmp_path: Path) -> None:
    plain = IMPRINTED.replace(
        "  cc: [县委办公室, 县人大常委会办公室, 县政府办公室, 县政协办公室]\n", ""
    )
    pages = imprint_pdf(tmp_path, 10, plain)
    assert len(pages) == 2  # ends on page 1: the 版记 on page 2
    check_imprint(pages[1], with_cc=False)


def test_class_cc_replaces_the_plans(tmp_path: Path) -> None:
    year = write_year(
        tmp_path,
        text=IMPRINTED.replace("    venue: ps\n", "    venue: ps\n    cc: [县委宣传部]\n", 1),
    )
    md = text(render_notice(year, year.plan.classes[0], "md"))
    assert "抄送：县委宣传部。" in md and "县委办公室" not in md
    other = text(render_notice(year, year.plan.classes[1], "md"))
    assert "抄送：县委办公室，县人大常委会办公室，县政府办公室，县政协办公室。" in other
    assert "中共测试县委组织部办公室　　2013年2月20日印发" in other


def test_issued_is_the_date_signed_and_printed_on_the_imprints(tmp_path: Path) -> None:
    year = write_year(tmp_path, text=IMPRINTED)
    html = text(render_notice(year, year.plan.classes[0], "html"))
    assert "<p>2013年2月19日</p>" in html  # 成文日期 under the signature
    assert '<span class="on">2013年2月20日印发</span>' in html
    # without printed_on and printed_by: the 成文日期 and the organizer
    year = write_year(tmp_path / "b")
    html = text(render_notice(year, year.plan.classes[0], "html"))
    assert (
        '<span class="by">中共测试县委组织部</span><span class="on">2013年2月19日印发</span>'
        in html
    )


# ── the 2013 notice, as printed ─────────────────────────────────────────────


def test_2013_notice_pages(tmp_path: Path) -> None:
    pdf_tools()
    year = year_2013()
    cls = find_class(year.plan, "十八大轮训班")
    pages = pdf_pages(bytes(render_notice(year, cls, "pdf")))
    assert len(pages) % 2 == 0
    check_last = pages[-1]
    found = rules(check_last)
    assert len(found) == 2 and abs(found[-1][1] - BOTTOM) < 0.5
    # the title in two lines of whole words, a trapezoid (the first no longer than the second)
    title = [line_text(line) for line in lines_of(pages[0], 22.0)]
    assert title == ["关于举办全县乡科级领导干部", "学习十八大精神轮训班的通知"]
    # 附件说明 names the attachments by their titles, and the titles are those names
    body = "".join(line_text(line) for page in pages for line in lines_of(page))
    assert "附件：1.全县乡科级领导干部学习十八大精神轮训班名额分配表" in body
    assert "2.全县乡科级领导干部学习十八大精神轮训班报名回执" in body
    titles = ["".join(line_text(x) for x in lines_of(p, 22.0)) for p in pages[3:]]
    assert "全县乡科级领导干部学习十八大精神轮训班名额分配表" in titles
    # the reply form lies turned: its head (序号 …) on the left edge, the page number in place
    (turned,) = [
        (n, p) for n, p in enumerate(pages, start=1) if any(not c["upright"] for c in p.chars)
    ]
    number, page = turned
    turned_chars = [c for c in page.chars if not c["upright"]]
    (xu,) = [c for c in turned_chars if c["text"] == "序"]  # the head of the 序号 column
    column = [  # the numbers 1 … 10 of the rows, in the same column of the turned table
        c
        for c in turned_chars
        if c["text"].isdigit() and abs(float(c["matrix"][5]) - float(xu["matrix"][5])) < 5 * MM
    ]
    assert len(column) >= 5
    # turned glyphs are placed by their origin (matrix), not their box: the head on the left
    assert all(float(c["matrix"][4]) > float(xu["matrix"][4]) for c in column)
    assert folios(page) == [f"— {number} —"]
    assert abs(page.width - A4[0]) < MM


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "关于举办全县乡科级领导干部学习十八大精神轮训班的通知",
            ["关于举办全县乡科级领导干部", "学习十八大精神轮训班的通知"],
        ),
        (
            "关于举办东城街道村居“两委”成员培训班的通知",
            ["关于举办东城街道村居", "“两委”成员培训班的通知"],
        ),
        (
            "关于举办全县乡科级|领导干部学习十八大精神轮训班的通知",
            ["关于举办全县乡科级", "领导干部学习十八大精神轮训班的通知"],
        ),
        ("关于举办县域经济研修班的通知", ["关于举办县域经济研修班的通知"]),
    ],
)
def test_titles_break_between_words_into_a_trapezoid(title: str, lines: list[str]) -> None:
    assert title_lines(title) == lines
    assert "".join(lines) == title.replace("|", "")


def test_long_titles_keep_words_and_shape() -> None:
    title = (
        "关于举办全县乡科级领导干部学习贯彻党的十八大精神暨推进县域经济高质量发展专题研修班的通知"
    )
    lines = title_lines(title)
    assert "".join(lines) == title and all(len(x) <= 20 for x in lines)
    lengths = [len(x) for x in lines]
    top = lengths.index(max(lengths))
    assert lengths[: top + 1] == sorted(lengths[: top + 1])  # widening, then
    assert lengths[top:] == sorted(lengths[top:], reverse=True)  # narrowing (diamond) or not
    for a, b in itertools.pairwise(lines):
        assert not (a.endswith("领导") and b.startswith("干部"))


def test_bar_forces_a_break_and_is_never_printed(tmp_path: Path) -> None:
    year = write_year(tmp_path, name="全县乡科级|领导干部专题培训班")
    html = text(render_notice(year, year.plan.classes[0], "html"))
    assert '<h1 class="title">关于举办全县乡科级<br>领导干部专题培训班的通知</h1>' in html
    assert "|" not in html.split("</style>", 1)[1]


# ── 发文字号 ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("县组[2013]第012号", "县组〔2013〕12号"),
        ("县组（2013）12号", "县组〔2013〕12号"),
        ("县组〔2013〕第3号", "县组〔2013〕3号"),
        ("县组【2013】07号", "县组〔2013〕7号"),
        ("县组〔2013〕12号", "县组〔2013〕12号"),
        ("第十二号", None),
    ],
)
def test_doc_number_corrected_form(written: str, fixed: str | None) -> None:
    assert corrected(written) == fixed


def test_ct170_names_the_number_and_suggests_the_fix() -> None:
    plan = SMALL.replace("测组〔2013〕12号", '"测组[2013]第012号"')
    report = validate_text(plan, "plan.yaml")
    (d,) = [d for d in report.diagnostics if d.code == "CT170"]
    assert "测组[2013]第012号" in d.message and "六角括号" in d.message and "第" in d.message
    assert d.hint is not None and "测组〔2013〕12号" in d.hint
    assert d.pos.line == 6
    good = validate_text(SMALL, "plan.yaml")
    assert not [d for d in good.diagnostics if d.code in ("CT170", "CT171")]


def test_ct171_printed_before_issued() -> None:
    plan = IMPRINTED.replace("printed_on: 2013-02-20", "printed_on: 2013-02-18")
    report = validate_text(plan, "plan.yaml")
    (d,) = [d for d in report.diagnostics if d.code == "CT171"]
    assert "2013年2月18日" in d.message and "2013年2月19日" in d.message


# ── fonts ────────────────────────────────────────────────────────────────────


def test_substituted_fonts_are_named(tmp_path: Path) -> None:
    pdf_tools()
    from cadretrain.files.pdf import html_to_pdf

    families = subprocess.run(
        [shutil.which("fc-list") or "fc-list", ":", "family"], capture_output=True, text=True
    ).stdout
    if "仿宋_GB2312" in families or "楷体_GB2312" in families:
        pytest.skip("the Windows fonts are installed here: nothing is substituted")
    year = year_2013()
    html = text(render_notice(year, find_class(year.plan, "十八大轮训班"), "html"))
    fonts: list[str] = []
    html_to_pdf(html, fonts=fonts)
    assert "仿宋_GB2312 → Noto Serif CJK SC" in fonts
    if "AR PL UKai CN" in families:  # Debian's fonts-arphic-ukai: a real 楷体
        assert "楷体_GB2312 → AR PL UKai CN" in fonts
    assert not [f for f in fonts if f.startswith("SimSun")] or "SimSun → Noto Serif CJK SC" in fonts


# ── dates that differ from the plan's ──────────────────────────────────────


DATED = SMALL.replace(
    "    when: 2013年4月8日—19日\n    sessions: {count: 2, days: 3}\n",
    "    when: 2013年4月8日—20日\n",
)


def test_notice_and_plan_document_say_why_dates_differ(tmp_path: Path) -> None:
    year = write_year(tmp_path, text=DATED)
    cls = year.plan.classes[0]
    md = text(render_notice(year, cls, "md"))
    # 20 April 2013 is a Saturday: the class trains 8–19 April
    why = (
        "计划安排为2013年4月8日—20日，按培训日排定，4月20日（周六）不是工作日，"
        "实际为2013年4月8日—19日。"
    )
    assert "2013年4月8日—19日。" + why in md
    plan_html = text(render_plan_document(year, "html"))
    assert "培训时间：2013年4月8日—20日。（培训通知中的时间：" + why + "）" in plan_html
    # the same dates: nothing to explain
    same = write_year(tmp_path / "same", text=DATED.replace("—20日", "—19日"))
    assert "计划安排为" not in text(render_notice(same, same.plan.classes[0], "md"))


def test_sessions_ending_early_are_explained(tmp_path: Path) -> None:
    # two sessions of three days in 8–19 April, each on an unbroken run of training days
    # (8–10 and 15–17 April, plan/placement.py): six training days, the last on 17 April
    year = write_year(tmp_path)
    md = text(render_notice(year, year.plan.classes[0], "md"))
    assert "第一期：2013年4月8日—10日；第二期：2013年4月15日—17日。" in md
    assert (
        "计划安排为2013年4月8日—19日，按培训日排定，六个培训日排至4月17日已满，4月18日—19日不安排培训，"
        in md
    )
    assert "实际为2013年4月8日—17日。" in md


# ── on screen ───────────────────────────────────────────────────────────────


def test_html_notice_is_a_centred_a4_sheet_on_screen(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("needs Chromium (headless) to lay out the page on screen")
    image = pytest.importorskip("PIL.Image")
    year = write_year(tmp_path)
    page = tmp_path / "notice.html"
    page.write_text(text(render_notice(year, year.plan.classes[0], "html")), encoding="utf-8")
    shot = tmp_path / "shot.png"
    run = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=1400,1000",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if not shot.is_file():
        pytest.skip(f"Chromium made no screenshot: {run.stderr[-300:]!r}")
    picture = image.open(shot).convert("RGB")
    width, height = picture.size
    white = [x for x in range(width) if picture.getpixel((x, 400)) == (255, 255, 255)]
    red = [
        x
        for x in range(width)
        for y in range(300, 700, 2)
        if picture.getpixel((x, y))[0] > 200 and picture.getpixel((x, y))[1] < 60
    ]
    assert white and red
    centre = width / 2
    assert abs((white[0] + white[-1]) / 2 - centre) < 10  # the sheet is centred …
    assert abs((min(red) + max(red)) / 2 - centre) < 10  # … and the red rule in it
    px_per_mm = 96 / 25.4
    assert abs((white[-1] - white[0]) / px_per_mm - 210) < 3  # an A4 sheet: 210 mm wide
    assert picture.getpixel((5, 400)) != (255, 255, 255)  # grey around it
    assert height == 1000


def test_a_title_no_office_writes_is_broken_in_bounded_time() -> None:
    """The fuzzer's 1,001-character unit name made a per_unit class title that the layout
    search took minutes over (every combination of breaks); now bounded by MAX_LAYOUTS."""
    import time

    from cadretrain.documents.title_lines import title_lines

    title = "关于举办" + "城关镇" * 333 + "村干部培训班的通知"
    started = time.perf_counter()
    lines = title_lines(title)
    assert time.perf_counter() - started < 5
    assert "".join(lines) == title and all(len(line) <= 20 for line in lines)
    # a real title still gets the searched shape
    assert title_lines("关于举办全县乡科级领导干部学习十八大精神轮训班的通知") == [
        "关于举办全县乡科级领导干部",
        "学习十八大精神轮训班的通知",
    ]
