"""``cadretrain notice``: the training notice (培训通知, GB/T 9704-2012) of a class, and the
annual plan document, rendered from Jinja templates to HTML, PDF or Markdown.

Templates: the bundled ones live in ``cadretrain/templates/``. A ``templates/`` folder next to
the plan file overrides any of them by file name (a ChoiceLoader, the user's folder first, so a
user template may still include the bundled ``gbt9704.css``). When it overrides something,
rendering runs in Jinja's ``SandboxedEnvironment`` (a template from a shared folder is not
trusted code); the bundled templates alone run in a plain environment, 4–5× faster. Names a
template does not know are errors (``StrictUndefined``), reported in Chinese with the template
and line. HTML templates (``*.html.j2``) are autoescaped: plan text never becomes markup.

>>> # render_notice(year, find_class(year.plan, "十八大轮训班"), "md")  -> the notice as Markdown
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cadretrain.core.diagnostics import Sink
from cadretrain.core.text import encoded, md_escape
from cadretrain.documents.notice_words import cn_number
from cadretrain.documents.title_lines import plain
from cadretrain.plan.model import Plan, TrainingClass

if TYPE_CHECKING:
    from jinja2 import Environment

    from cadretrain.enroll.register import Cadre
    from cadretrain.year.model import Year

FORMATS = ("html", "pdf", "md", "docx")
PLAN_FORMATS = ("html", "pdf", "docx")


class TemplateProblem(Exception):
    """A template could not be loaded or rendered; the message (Chinese) names file and line."""


@dataclass
class Templates:
    """The Jinja environment for one plan: bundled templates, or the plan's own first."""

    env: Environment
    bundled_dir: Path
    user_dir: Path | None = None
    overridden: list[str] = field(default_factory=list)

    def where(self, filename: str | None, name: str | None, line: int | None) -> str:
        """``模板 plans/templates/notice.html.j2 第 12 行`` (bundled ones: 内置模板 name)."""
        label = f"模板 {name or '?'}"
        if filename:
            path = Path(filename).resolve()
            if self.user_dir is not None and path.is_relative_to(self.user_dir.resolve()):
                label = f"模板 {self.user_dir / path.relative_to(self.user_dir.resolve())}"
            elif path.is_relative_to(self.bundled_dir):
                label = f"内置模板 {path.relative_to(self.bundled_dir).as_posix()}"
            else:
                label = f"模板 {filename}"
        return f"{label} 第 {line} 行" if line else label

    def render(self, name: str, context: dict[str, Any]) -> str:
        from jinja2 import TemplateNotFound, TemplateSyntaxError

        try:
            return self.env.get_template(name).render(context)
        except TemplateSyntaxError as exc:
            where = self.where(exc.filename, exc.name, exc.lineno)
            raise TemplateProblem(f"{where}：模板语法错误：{exc.message}") from None
        except TemplateNotFound as exc:
            raise TemplateProblem(_located(self, exc, f"找不到模板“{exc.name}”")) from None
        except Exception as exc:  # anything a template's code raises, with its line
            raise TemplateProblem(_located(self, exc, _explain(exc))) from None


def _located(templates: Templates, exc: BaseException, message: str) -> str:
    """Prefix the innermost template frame of the traceback (Jinja rewrites frames so that
    their file and line are the template's)."""
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".css")):
            return f"{templates.where(frame.filename, None, frame.lineno)}：{message}"
    return message


def _explain(exc: Exception) -> str:
    text, kind = str(exc), type(exc).__name__
    if kind == "Unreadable":  # cadretrain.files.safe_read: a pipe, device or huge template
        return text
    if kind == "UndefinedError":
        m = re.fullmatch(r"'(.+)' is undefined", text)
        if m:
            return f"未定义的名称“{m.group(1)}”（可用的名称见 templates/README.md）"
        m = re.fullmatch(r"'(.+?)(?: object)?' has no attribute '(.+)'", text)
        if m:
            owner = "" if m.group(1) == "dict" else f"“{m.group(1)}”"
            return f"{owner}没有“{m.group(2)}”这一项（可用的名称见 templates/README.md）"
        return f"未定义：{text}"
    if kind == "SecurityError":
        return f"模板执行了不允许的操作，已被沙箱阻止：{text}"
    return f"模板出错（{kind}）：{text}"


def templates_for(plan: Plan) -> Templates:
    """The environment for ``plan``: sandboxed when its ``templates/`` folder overrides one."""
    from jinja2 import (
        ChoiceLoader,
        Environment,
        PackageLoader,
        StrictUndefined,
        select_autoescape,
    )

    from cadretrain.files.templates import user_loader

    bundled = PackageLoader("cadretrain", "templates")
    bundled_dir = Path(__file__).resolve().parent / "templates"
    user_dir = Path(plan.file).parent / "templates"
    overridden = [n for n in bundled.list_templates() if (user_dir / n).is_file()]
    autoescape = select_autoescape(["html", "html.j2"], default_for_string=False)
    env: Environment
    if overridden:
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment(
            loader=ChoiceLoader([user_loader(user_dir), bundled]),
            undefined=StrictUndefined,
            autoescape=autoescape,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    else:
        env = Environment(
            loader=bundled,
            undefined=StrictUndefined,
            autoescape=autoescape,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    env.filters["md"] = md_escape
    env.filters["cn"] = cn_number
    return Templates(env, bundled_dir, user_dir if overridden else None, overridden)


@dataclass
class Rendered:
    name: str  # file name inside the output folder
    data: bytes
    notes: list[str] = field(default_factory=list)  # Chinese remarks for the terminal


def _render_class(
    templates: Templates,
    year: Year,
    cls: TrainingClass,
    fmt: str,
    cadres: list[Cadre] | None,
    sink: Sink,
) -> tuple[str | bytes, list[str]]:
    from cadretrain.documents.notice_content import notice_context
    from cadretrain.documents.notice_layout import lay_out
    from cadretrain.enroll.quota_table import class_quota

    if fmt not in FORMATS:
        raise ValueError(f"未知的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    plan = year.plan
    sched = year.schedule(cls)
    decision, table = class_quota(plan, cls, cadres, sink)
    notes = []
    if sched.unfitted:
        notes.append(
            f"班次“{cls.label}”有 {sched.unfitted} 期排不进培训日期（见 cadretrain validate 的 "
            "CT301），通知中写作“时间另行通知”"
        )
    context = lay_out(
        notice_context(plan, cls, sched, table, year.calendar, decision),
        plan,
        cls,
        sched,
        year.calendar,
    )
    if fmt == "md":
        return templates.render("notice.md.j2", context), notes
    if fmt == "docx":
        from cadretrain.documents.docx_letterhead import LetterheadProblem
        from cadretrain.documents.notice_docx import notice_docx

        try:
            return notice_docx(context, letterhead_for(plan)), notes
        except LetterheadProblem as exc:
            raise TemplateProblem(str(exc)) from None
    html = templates.render("notice.html.j2", context)
    if fmt == "html":
        return html, notes
    return _pdf(html, notes), notes


def render_notice(
    year: Year,
    cls: TrainingClass,
    fmt: str,
    register: Path | None = None,
    *,
    sink: Sink | None = None,
    notes: list[str] | None = None,
) -> str | bytes:
    """The notice of ``cls`` (a class of ``year``): HTML or Markdown text, or PDF or Word bytes
    (``fmt`` html | md | pdf | docx).

    ``register`` overrides ``plan.register`` for the quota table (附件1); problems reading it go
    to ``sink``. Raises :class:`TemplateProblem` (and ``PdfUnavailable`` for PDF)."""
    sink = sink if sink is not None else Sink()
    cadres = year.register(sink, register)
    data, said = _render_class(templates_for(year.plan), year, cls, fmt, cadres, sink)
    if notes is not None:
        notes += said
    return data


def render_plan_document(
    year: Year, fmt: str = "html", *, notes: list[str] | None = None
) -> str | bytes:
    """The annual plan itself (``plan.html.j2``) as HTML text, or PDF or Word bytes; ``notes``
    receives remarks for the terminal (fonts substituted in the PDF)."""
    if fmt not in PLAN_FORMATS:
        raise ValueError("年度计划文件只能生成 html、pdf 或 docx")
    return _plan_document(templates_for(year.plan), year, fmt, notes if notes is not None else [])


def _plan_document(templates: Templates, year: Year, fmt: str, notes: list[str]) -> str | bytes:
    from cadretrain.documents.plan_document import plan_document_context

    context = plan_document_context(year)
    if fmt == "docx":
        from cadretrain.documents.plan_docx import plan_docx

        return plan_docx(context)
    html = templates.render("plan.html.j2", context)
    return html if fmt == "html" else _pdf(html, notes)


LETTERHEAD = "letterhead.docx"  # an office's own 版头, in the templates/ folder beside the plan


def letterhead_for(plan: Plan) -> Path | None:
    """The office's letterhead template (``templates/letterhead.docx`` beside the plan), if any."""
    path = Path(plan.file).parent / "templates" / LETTERHEAD
    return path if path.is_file() else None


def _pdf(html: str, notes: list[str]) -> bytes:
    """The PDF of ``html``; a note for each font that stood in for the one the CSS names first."""
    from cadretrain.files.pdf import html_to_pdf

    fonts: list[str] = []
    pdf = html_to_pdf(html, fonts=fonts)
    notes += [f"PDF 中代用的字体：{f}" for f in fonts]
    return pdf


def _as_bytes(data: str | bytes) -> bytes:
    return encoded(data) if isinstance(data, str) else data


def render_all(
    templates: Templates,
    year: Year,
    classes: list[TrainingClass],
    fmt: str,
    plan_document: bool,
    register: Path | None,
    sink: Sink,
) -> list[Rendered]:
    """What ``cadretrain notice`` writes: the plan document (``plan_document``), or the notice
    of each class; quota problems go to ``sink``. Raises :class:`TemplateProblem` (and
    ``PdfUnavailable`` for PDF)."""
    plan = year.plan
    if plan_document:
        notes: list[str] = []
        data = _plan_document(templates, year, fmt, notes)
        return [Rendered(f"{plain(plan.title)}.{fmt}", _as_bytes(data), notes)]
    cadres = year.register(sink, register)
    out = []
    for cls in classes:
        data, notes = _render_class(templates, year, cls, fmt, cadres, sink)
        out.append(Rendered(f"{cls.id}-培训通知.{fmt}", _as_bytes(data), notes))
    return out
