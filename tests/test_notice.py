"""The training notice (培训通知) and the annual plan document: wording, templates, safety.

The Markdown notice of one class is compared with ``tests/golden/``; after an intended change,
regenerate it with ``CADRETRAIN_UPDATE_GOLDEN=1 python -m pytest tests/test_notice.py`` and
review the diff. The PDF tests at the end measure the geometry GB/T 9704 asks for; they skip
when WeasyPrint or the Noto CJK fonts are missing (``.ci/run`` installs both).
"""

from __future__ import annotations

import csv
import os
import re
from datetime import date
from pathlib import Path

import pytest

from cadretrain.cli.document_steps import run_notice
from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.text import md_escape
from cadretrain.core.wording import cn_count, cn_number, zh_date
from cadretrain.documents.notice import (
    render_notice,
    render_plan_document,
    templates_for,
)
from cadretrain.enroll.form_layout import columns_for
from cadretrain.plan.lookup import find_class
from cadretrain.year.model import Year
from cadretrain.year.pipeline import load_year
from tests.conftest import ROOT

PLAN_2013 = ROOT / "plans" / "2013-county.yaml"
GOLDEN = ROOT / "tests" / "golden" / "rotation-18th-培训通知.md"

SMALL = """\
plan:
  title: 测试县2013年干部教育培训计划
  year: 2013
  organizer: 中共测试县委组织部
  issued: 2013-02-19
  doc_number: 测组〔2013〕12号
ranks: [乡科级正职, 科员]
units:
  - {id: jia, name: 甲镇, kind: 乡镇, counts: {乡科级正职: 20}}
  - {id: yi, name: 乙乡, kind: 乡镇, counts: {乡科级正职: 10}}
  - {id: czj, name: 县财政局, kind: 县直单位, counts: {乡科级正职: 10}}
venues: [{id: ps, name: 县委党校, capacity: 100}]
teachers:
  - {id: t, name: 县委党校教师, pool: true}
  - {id: w, name: 王静, title: 教授, org: 河南省团校}
classes:
  - id: c1
    name: NAME
    audience: 全县乡科级领导干部
    eligible: {rank: [乡科级正职]}
    planned: 40
    when: 2013年4月8日—19日
    sessions: {count: 2, days: 3}
    venue: ps
    topics: [十八大精神, 经济形势与经济政策]
    teachers: [t, w]
  - id: c2
    name: 县域经济研修班
    audience: 各乡镇乡镇长
    when: 十月中下旬，为期一周
    venue: ps
    modules: {政治理论: [十八大精神], 能力素质: [文秘写作知识, 公务礼仪知识]}
"""


def write_year(folder: Path, name: str = "全县乡科级干部专题培训班", text: str = SMALL) -> Year:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.yaml"
    path.write_text(text.replace("NAME", name), encoding="utf-8")
    sink = Sink()
    year = load_year(path, sink, checks=False)
    assert year is not None, sink.items
    return year


def year_2013() -> Year:
    year = load_year(PLAN_2013, checks=False)
    assert year is not None
    return year


def text(value: str | bytes) -> str:
    assert isinstance(value, str)
    return value


# ── wording ─────────────────────────────────────────────────────────────────


def test_chinese_numerals_and_dates() -> None:
    assert [cn_number(n) for n in (1, 2, 10, 11, 20, 23, 99)] == [
        "一",
        "二",
        "十",
        "十一",
        "二十",
        "二十三",
        "九十九",
    ]
    assert cn_count(2) == "两" and cn_count(3) == "三"
    assert zh_date(date(2013, 2, 9)) == "2013年2月9日"  # no leading zeros (GB/T 9704)
    assert zh_date(None) == "____年__月__日"


def test_markdown_notice_matches_the_golden_file() -> None:
    year = year_2013()
    plan = year.plan
    md = text(render_notice(year, find_class(plan, "rotation-18th"), "md"))
    if os.environ.get("CADRETRAIN_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(md, encoding="utf-8")
    assert md == GOLDEN.read_text(encoding="utf-8"), "CADRETRAIN_UPDATE_GOLDEN=1 regenerates"


def test_notice_has_the_parts_of_a_gbt9704_notice(tmp_path: Path) -> None:
    year = write_year(tmp_path)
    plan = year.plan
    html = text(render_notice(year, plan.classes[0], "html"))
    assert html == render_notice(year, plan.classes[0], "html")  # deterministic
    assert '<div class="mark"' in html and ">中共测试县委组织部文件<" in html
    assert '<p class="docno">测组〔2013〕12号</p>' in html
    assert '<div class="red-line">' in html
    assert '<h1 class="title">关于举办全县乡科级干部专题培训班的通知</h1>' in html
    assert "各乡镇党委，县直各单位党组（党委）：" in html
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == [
        "一、培训时间和地点",
        "二、培训对象",
        "三、培训内容",
        "四、名额分配",
        "五、报名与报到",
        "六、有关要求",
        "七、联系方式",
    ]
    # two sessions of three training days from 8 April 2013 (a Monday), earliest first, each
    # Monday–Wednesday rather than across a weekend (plan/placement.py)
    assert "第一期：2013年4月8日—10日；第二期：2013年4月15日—17日。" in html
    assert '<span class="kai">（一）培训时间。</span>' in html
    assert "授课教师：县委党校教师、河南省团校王静教授。" in html
    assert "联系人：____ 电话：____" in html
    # reply forms due five working days before the first training day (Qingming: 4–6 April)
    assert "于2013年3月29日前报送中共测试县委组织部" in html
    # 附件说明 names each attachment by its title (GB/T 9704-2012 7.3.4)
    assert (
        '<span class="lead">附件：</span><span class="no">1.</span>'
        "全县乡科级干部专题培训班名额分配表</p>" in html
    )
    assert '<p class="more"><span class="no">2.</span>全县乡科级干部专题培训班报名回执</p>' in html
    assert "<p>2013年2月19日</p>" in html
    assert '<p class="label">附件1</p>' in html and '<p class="label">附件2</p>' in html
    # 附件1: 40 seats by eligible cadres 20:10:10, each unit spread over the two sessions
    assert "<tr><td>1</td><td>甲镇</td><td>20</td><td>10</td><td>10</td></tr>" in html
    assert '<tr class="total"><td></td><td>合计</td><td>40</td><td>20</td><td>20</td></tr>' in html
    # 附件2: the reply form's columns, as in the xlsx reply forms
    heads = "".join(f"<th>{c[1]}</th>" for c in columns_for(2))
    assert heads in html


def test_doc_number_is_omitted_when_the_plan_has_none(tmp_path: Path) -> None:
    year = write_year(tmp_path, text=SMALL.replace("  doc_number: 测组〔2013〕12号\n", ""))
    plan = year.plan
    html = text(render_notice(year, plan.classes[0], "html"))
    assert 'class="docno"' not in html and '<div class="red-line">' in html


def test_class_without_planned_seats_has_one_unnumbered_attachment(tmp_path: Path) -> None:
    year = write_year(tmp_path)
    plan = year.plan
    cls = find_class(plan, "县域经济研修班")
    md = text(render_notice(year, cls, "md"))
    assert "十月中下旬，为期一周，具体时间另行通知。" in md
    assert "本班次不分配名额" in md
    assert "培训内容包括政治理论、能力素质两个板块。" in md
    assert "（一）政治理论。十八大精神。" in md
    assert "附件：县域经济研修班报名回执\n" in md and "## 附件\n" in md
    assert "附件1" not in md and "名额分配表" not in md


def test_unfitted_session_is_left_to_a_later_notice() -> None:
    year = year_2013()
    plan = year.plan
    md = text(render_notice(year, find_class(plan, "十八大轮训班"), "md"))
    # 3 sessions × 3 days need 9 training days; 13–23 March 2013 has 8 (CT301)
    assert "第二期：2013年3月18日—20日；第三期：时间另行通知。" in md


# ── safety ──────────────────────────────────────────────────────────────────


def test_script_in_plan_values_stays_text(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>培训班"
    year = write_year(tmp_path, name=evil)
    plan = year.plan
    plan.organizer = '<img src=x onerror="alert(2)">'
    for html in (
        text(render_notice(year, plan.classes[0], "html")),
        text(render_plan_document(year, "html")),
    ):
        assert "<script>" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;培训班" in html
    md = text(render_notice(year, plan.classes[0], "md"))
    assert "<script>" not in md and r"\<script\>" in md


def test_autoescape_covers_html_j2_templates(tmp_path: Path) -> None:
    env = templates_for(write_year(tmp_path).plan).env
    assert callable(env.autoescape)
    assert env.autoescape("notice.html.j2") and env.autoescape("plan.html.j2")
    assert not env.autoescape("notice.md.j2")


def test_notices_carry_no_id_numbers_or_phones() -> None:
    year = year_2013()
    plan = year.plan
    with (ROOT / "examples" / "register-2013.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    secrets = {r["身份证号"] for r in rows} | {r["联系电话"] for r in rows}
    secrets.discard("")
    assert len(secrets) > 1000
    for cls in plan.classes:
        for fmt in ("html", "md"):
            out = text(render_notice(year, cls, fmt))
            assert not re.search(r"\d{11,}", out), (cls.id, fmt)
            assert not any(s in out for s in secrets), (cls.id, fmt)


def test_md_escape_keeps_chinese_and_escapes_markup() -> None:
    assert md_escape("县委党校（一）") == "县委党校（一）"
    assert md_escape("a|b *c* <d> [e]") == r"a\|b \*c\* \<d\> \[e\]"
    assert md_escape("两行\n文字") == "两行 文字"


# ── the plan document ───────────────────────────────────────────────────────


def test_plan_document_follows_the_source_plan() -> None:
    year = year_2013()
    plan = year.plan
    html = text(render_plan_document(year, "html"))
    assert '<h1 class="title">县2013年干部教育培训方案</h1>' in html
    assert re.findall(r"<h2>(.*?)</h2>", html) == [
        "一、指导思想",
        "二、方法措施",
        "三、实施步骤",
        "四、组织领导",
    ]
    assert html.index("上半年开设班次：") < html.index("下半年开设班次：")
    for cls in plan.classes:
        assert f"{cls.name}</span>" in html
    assert "培训时间：2013年3月13日---23日，每期三天，分三期进行。" in html  # the written text
    assert "培训对象：全县村、社区党支部书记，规划人数257人。" in html
    assert "分两期进行" in html
    assert "授课教师：省妇联干校田瑞娟教授、县委党校教师。" in html
    assert "<p>1.要加强干部教育培训工作领导" in html
    # the 实施步骤 summary moves from the introduction into section 三
    steps = html.index("三、实施步骤")
    assert html.index("全年县内干部教育培训共12个班次") > steps
    assert "<p>中共县委组织部</p>" in html and "<p>2013年2月19日</p>" in html


# ── templates: overrides, sandbox, errors ───────────────────────────────────


def test_bundled_templates_run_unsandboxed_and_overrides_sandboxed(tmp_path: Path) -> None:
    from jinja2.sandbox import SandboxedEnvironment

    year = write_year(tmp_path)
    plan = year.plan
    assert not isinstance(templates_for(plan).env, SandboxedEnvironment)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "README.md").write_text("说明", encoding="utf-8")
    assert not isinstance(templates_for(plan).env, SandboxedEnvironment)  # nothing overridden
    (tmp_path / "templates" / "notice.md.j2").write_text(
        "{{ cls.name }}｜{{ notice.date }}\n", encoding="utf-8"
    )
    templates = templates_for(plan)
    assert isinstance(templates.env, SandboxedEnvironment)
    assert templates.overridden == ["notice.md.j2"]
    assert render_notice(year, plan.classes[0], "md") == "全县乡科级干部专题培训班｜2013年2月19日\n"
    # the other templates still come from the package
    assert "关于举办" in text(render_notice(year, plan.classes[0], "html"))


def test_user_template_may_include_the_bundled_stylesheet(tmp_path: Path) -> None:
    year = write_year(tmp_path)
    plan = year.plan
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "notice.html.j2").write_text(
        '<style>{% include "gbt9704.css" %}</style><p>{{ notice.title }}</p>', encoding="utf-8"
    )
    html = text(render_notice(year, plan.classes[0], "html"))
    assert "@page" in html and "<p>关于举办全县乡科级干部专题培训班的通知</p>" in html


def run(year: Year, out: Path, fmt: str = "html", **kw: object) -> int:
    return run_notice(year, kw.pop("query", "c1"), fmt, out, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("第一行\n第二行\n{{ notice.titel }}\n", "notice.md.j2 第 3 行：没有“titel”这一项"),
        ("{{ nootice.title }}\n", "notice.md.j2 第 1 行：未定义的名称“nootice”"),
        ("一\n{% for x in cls.topics %}\n{{ x }\n", "notice.md.j2 第 3 行：模板语法错误"),
        ("{{ ''.__class__.__mro__ }}\n", "notice.md.j2 第 1 行：模板执行了不允许的操作"),
        ('{% include "nothing.j2" %}\n', "notice.md.j2 第 1 行：找不到模板“nothing.j2”"),
    ],
)
def test_template_errors_are_reported_in_chinese_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str, expected: str
) -> None:
    year = write_year(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "notice.md.j2").write_text(template, encoding="utf-8")
    code = run(year, tmp_path / "out", "md")
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err, err
    assert str(tmp_path / "templates" / "notice.md.j2") in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "c1-培训通知.md").exists()


# ── the command ─────────────────────────────────────────────────────────────


def test_run_notice_writes_through_the_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = write_year(tmp_path / "p")
    out = tmp_path / "out"
    assert run(year, out) == 0
    target = out / "c1-培训通知.html"
    assert f"已写入 {target}" in capsys.readouterr().out
    first = target.read_bytes()
    assert run(year, out) == 0 and target.read_bytes() == first
    target.write_text("手工修改", encoding="utf-8")
    assert run(year, out) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "手工修改"
    assert run(year, out, force=True) == 0 and target.read_bytes() == first
    assert run(year, out, "md", query=None) == 0
    assert sorted(p.name for p in out.glob("*.md")) == ["c1-培训通知.md", "c2-培训通知.md"]
    assert run(year, out, plan_document=True, query=None) == 0
    assert (out / "测试县2013年干部教育培训计划.html").is_file()


def test_run_notice_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    year = write_year(tmp_path)
    with pytest.raises(CannotProceed) as unknown:
        run(year, tmp_path / "out", query="没有这个班")
    assert unknown.value.exit_code == 2 and "计划中没有班次“没有这个班”" in unknown.value.message
    assert run(year, tmp_path / "out", "md", plan_document=True) == 2
    assert run(year, tmp_path / "out", "odt") == 2
    assert not (tmp_path / "out").exists()


# ── the PDF (WeasyPrint), measured ──────────────────────────────────────────

MM = 72 / 25.4  # PDF points per millimetre
A4 = (210 * MM, 297 * MM)


def pdf_tools() -> object:
    """pdfplumber, or skip: the PDF tests need WeasyPrint, pdfplumber and the Noto CJK fonts."""
    import shutil
    import subprocess

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"PDF tests need WeasyPrint and Pango (pip install '.[pdf]'): {exc}")
    pdfplumber = pytest.importorskip("pdfplumber", reason="PDF tests measure with pdfplumber")
    fc_list = shutil.which("fc-list")
    families = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    if fc_list is None or "Noto Serif CJK SC" not in families.stdout:
        pytest.skip("PDF tests need the Noto CJK fonts (Debian: fonts-noto-cjk; .ci/run installs)")
    return pdfplumber


def pdf_pages(pdf: bytes) -> list[object]:
    import io

    pdfplumber = pdf_tools()
    return list(pdfplumber.open(io.BytesIO(pdf)).pages)  # type: ignore[attr-defined]


def lines_of(page: object, size: float = 16.0) -> list[list[dict[str, object]]]:
    """The page's text lines of one font size (16 pt: the body), top to bottom, by baseline
    (the 楷体 of a （一） heading has another ascent than the 仿宋 beside it)."""
    rows: dict[float, list[dict[str, object]]] = {}
    for ch in page.chars:  # type: ignore[attr-defined]
        if abs(float(ch["size"]) - size) < 0.1 and ch.get("upright", True):
            rows.setdefault(-round(float(ch["matrix"][5]) * 2) / 2, []).append(ch)
    return [sorted(rows[top], key=lambda c: float(c["x0"])) for top in sorted(rows)]  # type: ignore[arg-type]


def line_text(line: list[dict[str, object]]) -> str:
    return "".join(str(c["text"]) for c in line)


def test_pdf_body_grid_is_22_lines_of_28_characters(tmp_path: Path) -> None:
    pdf_tools()
    year = write_year(tmp_path)
    plan = year.plan
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "notice.html.j2").write_text(  # a test-only template: 60 lines
        '<html><head><style>{% include "gbt9704.css" %}</style></head><body>'
        '<p style="text-indent: 0">{{ "培训干部教育" * 280 }}</p></body></html>',
        encoding="utf-8",
    )
    pages = pdf_pages(bytes(render_notice(year, plan.classes[0], "pdf")))
    assert len(pages) == 3  # 1,680 characters, 60 lines: 22 + 22 + 16
    assert len(lines_of(pages[2])) == 16
    for page in pages[:2]:
        assert abs(page.width - A4[0]) < MM and abs(page.height - A4[1]) < MM  # type: ignore[attr-defined]
        lines = lines_of(page)
        assert len(lines) == 22, [len(line) for line in lines]
        assert all(len(line) == 28 for line in lines), [len(line) for line in lines]
        tops = [float(line[0]["top"]) / MM for line in lines]
        assert abs(tops[0] - 37) < 1, tops[0]  # 天头 37 mm
        pitch = (tops[-1] - tops[0]) / 21
        assert abs(pitch - 225 / 22) < 0.05, pitch  # 22 lines fill 225 mm
        for line in lines:
            assert abs(float(line[0]["x0"]) / MM - 28) < 1  # 订口 28 mm
            assert abs(float(line[-1]["x1"]) / MM - (210 - 26)) < 1  # 28 characters fill 156 mm


def test_pdf_notice_layout(tmp_path: Path) -> None:
    pdf_tools()
    year = year_2013()
    plan = year.plan
    cls = find_class(plan, "十八大轮训班")
    html = text(render_notice(year, cls, "html"))
    from cadretrain.files.pdf import html_to_pdf

    messages: list[str] = []
    pdf = html_to_pdf(html, messages)
    assert not [m for m in messages if "HarfBuzz" not in m], messages  # all CSS understood
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    pages = pdf_pages(pdf)
    first = pages[0]
    mark = [c for c in first.chars if c["non_stroking_color"] == (1.0, 0.0, 0.0)]  # type: ignore[attr-defined]
    assert line_text(mark) == "中共县委组织部文件"
    assert abs(float(mark[0]["top"]) / MM - (37 + 35)) < 1.5  # 35 mm under the 版心's top
    centre = (float(mark[0]["x0"]) + float(mark[-1]["x1"])) / 2 / MM
    assert abs(centre - (28 + 156 / 2)) < 1
    (title, *_), body = lines_of(first, 22.0), lines_of(first)
    assert line_text(title).startswith("关于举办全县乡科级领导干部")
    assert line_text(body[0]) == "各乡镇党委，县直各单位党组（党委）："
    assert abs(float(body[0][0]["x0"]) / MM - 28) < 1  # 主送机关 flush left
    assert abs(float(body[1][0]["x0"]) / MM - (28 + 2 * 156 / 28)) < 1  # two characters in
    full = lines_of(pages[1])
    assert len(full) == 22 and max(len(line) for line in full) <= 28 + 8  # digits are narrow
    turned = 0
    for number, page in enumerate(pages, start=1):
        width, height = page.width, page.height  # type: ignore[attr-defined]
        # every page upright A4; the reply form lies turned on its page (GB/T 9704-2012 8)
        assert abs(width - A4[0]) < MM and abs(height - A4[1]) < MM
        turned += any(not c["upright"] for c in page.chars)  # type: ignore[attr-defined]
        (folio,) = [line for line in lines_of(page, 14.0) if "—" in line_text(line)]
        assert line_text(folio) == f"— {number} —"
        assert abs(float(folio[0]["top"]) / MM - (297 - 35 + 7)) < 1.5  # 7 mm under the 版心
        if number % 2:  # odd pages: one character in from the right
            assert abs(float(folio[-1]["x1"]) / MM - (210 - 26 - 14 / MM)) < 1
        else:  # even pages: one character in from the left
            assert abs(float(folio[0]["x0"]) / MM - (28 + 14 / MM)) < 1
    assert turned == 1  # 附件2, the reply form


def test_pdf_plan_document(tmp_path: Path) -> None:
    pdf_tools()
    pages = pdf_pages(bytes(render_plan_document(year_2013(), "pdf")))
    assert len(pages) > 3
    assert line_text(lines_of(pages[0], 22.0)[0]) == "县2013年干部教育培训方案"
