"""Every output of a plan in one folder, with an index page (``cadretrain build``, which
validates first and stops on errors unless told to go on: ``cli.build_step``).

Per class, following the decision table (``enroll.method``): the notice (HTML and Markdown)
for every class, the quota table and the reply forms where the class has quotas, and the
roster and sign-in sheets where an enrollment exists; for the plan: a year calendar and
``index.html`` linking everything.
Outputs go through ``OutputFolder``: atomic, byte-identical across runs, and never over a file
the user edited (``--force`` to override).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from html import escape
from pathlib import Path

from cadretrain.core.diagnostics import Diagnostic, Sink
from cadretrain.core.text import encoded
from cadretrain.enroll.enrollment import Enrollment
from cadretrain.enroll.quota_table import QuotaTable
from cadretrain.plan.model import TrainingClass
from cadretrain.year.model import Year

Producer = Callable[[], bytes]


@dataclass(frozen=True)
class Job:
    path: str  # relative to the output folder
    kind: str  # Chinese, for the index and the summary
    cls: TrainingClass | None
    make: Producer


@dataclass
class BuildResult:
    done: list[Job] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # Chinese, a file not overwritten each
    failed: list[str] = field(default_factory=list)  # Chinese, a file not made each
    written: int = 0  # files written anew, index.html included
    left_out: list[str] = field(default_factory=list)  # Chinese: a class without quotas each
    unchanged: int = 0  # files already as they would be written
    notes: list[str] = field(default_factory=list)  # Chinese: a stale lock taken over, …


def jobs(
    year: Year,
    sink: Sink,
    register: Path | None = None,
    left_out: list[str] | None = None,
    formats: Sequence[str] = (),
    notes: list[str] | None = None,
) -> Iterator[Job]:
    """Every output of the plan, in a stable order; the register and the enrollments are the
    year's, read once. Each class follows the decision table (``enroll.method``): every class
    gets its notice, the quota table and the forms only the rows with quotas; ``left_out``
    receives a sentence for each class without them. ``formats`` (``pdf``, ``docx``) adds the
    notices and the plan document in those formats; ``notes`` receives what the PDFs say
    about substituted fonts."""
    from cadretrain.documents.year_html import year_html
    from cadretrain.enroll.method import why_no_quota
    from cadretrain.enroll.quota_sheet import xlsx_bytes
    from cadretrain.enroll.quota_table import class_quota

    plan = year.plan
    yield Job("日历.html", "全年培训日历", None, lambda: encoded(year_html(year)))
    yield Job("年度培训计划.html", "年度培训计划", None, partial(_plan_document, year))
    for fmt in formats:
        yield Job(
            f"年度培训计划.{fmt}",
            f"年度培训计划（{_FORMAT_NAMES[fmt]}）",
            None,
            partial(_plan_document, year, fmt, notes),
        )
    cadres = year.register(sink, register)
    enrollments = year.enrollments(sink)
    for cls in plan.classes:
        folder = cls.id
        decision, table = class_quota(plan, cls, cadres, sink)
        if table is not None:
            yield Job(f"{folder}/名额分配表.xlsx", "名额分配表", cls, partial(xlsx_bytes, table))
        elif left_out is not None:
            left_out.append(
                f"班次“{cls.label}”：{why_no_quota(cls, decision)}，只生成培训通知，"
                "不生成名额分配表和报名回执"
            )
        yield from _class_extras(year, cls, table, folder, formats, notes)
        enrolled = enrollments.get(cls.id)
        if enrolled is not None:
            yield from _enrolled_outputs(year, cls, enrolled, folder)


_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word"}


def _class_extras(
    year: Year,
    cls: TrainingClass,
    table: QuotaTable | None,
    folder: str,
    formats: Sequence[str] = (),
    notes: list[str] | None = None,
) -> Iterator[Job]:
    """The notices, and reply forms (one per unit with seats, and the instructions) when the
    class has a quota table."""
    from cadretrain.enroll.forms import INSTRUCTIONS, file_names, form_bytes, instructions_bytes

    sched = year.schedule(cls)
    yield Job(f"{folder}/培训通知.html", "培训通知", cls, partial(_notice, year, cls, "html"))
    yield Job(
        f"{folder}/培训通知.md", "培训通知（Markdown）", cls, partial(_notice, year, cls, "md")
    )
    for fmt in formats:
        kind = f"培训通知（{_FORMAT_NAMES[fmt]}）"
        yield Job(f"{folder}/培训通知.{fmt}", kind, cls, partial(_notice, year, cls, fmt, notes))
    if table is None:
        return
    names = file_names(table)
    for uid, name in names.items():
        yield Job(
            f"{folder}/报名回执/{name}", "报名回执", cls, partial(form_bytes, table, uid, sched)
        )
    if names:
        yield Job(
            f"{folder}/报名回执/{INSTRUCTIONS}",
            "填报说明",
            cls,
            partial(instructions_bytes, table, sched, year.calendar),
        )


def _notice(year: Year, cls: TrainingClass, fmt: str, notes: list[str] | None = None) -> bytes:
    from cadretrain.documents.notice import render_notice

    # the plan's own register (not --register), as notices have always been built; problems
    # reading it are reported by the quota tables
    text = render_notice(year, cls, fmt, sink=Sink(), notes=notes)
    return text if isinstance(text, bytes) else encoded(text)


def _plan_document(year: Year, fmt: str = "html", notes: list[str] | None = None) -> bytes:
    from cadretrain.documents.notice import render_plan_document

    text = render_plan_document(year, fmt, notes=notes)
    return text if isinstance(text, bytes) else encoded(text)


def _enrolled_outputs(
    year: Year, cls: TrainingClass, enrolled: Enrollment, folder: str
) -> Iterator[Job]:
    """The roster and the sign-in sheets of a class with an enrollment."""
    from cadretrain.documents.roster import roster_bytes, roster_file_name
    from cadretrain.documents.signin import signin_bytes, signin_file_name

    roster, signin = f"{folder}/{roster_file_name(cls)}", f"{folder}/{signin_file_name(cls)}"
    yield Job(roster, "花名册", cls, partial(roster_bytes, year, cls, enrolled))
    yield Job(signin, "签到表", cls, partial(signin_bytes, year, cls, enrolled))


def index_html(year: Year, result: BuildResult, diagnostics: list[str]) -> str:
    """The index page: every file by class, each class's dates as scheduled by the year model
    (not the plan's words), what checking found; prints on A4."""
    from cadretrain.documents.calendar_text import schedule_text

    plan = year.plan
    rows = []
    by_class: dict[str, list[Job]] = {}
    for job in result.done:
        by_class.setdefault(job.cls.id if job.cls else "", []).append(job)
    for job in by_class.get("", []):
        rows.append(f'<li><a href="{escape(job.path)}">{escape(job.kind)}</a></li>')
    body = [f"<ul>{''.join(rows)}</ul>", "<table><tr><th>班次</th><th>培训日期（排定）</th>"]
    body.append("<th>规划人数</th><th>文件</th></tr>")
    for cls in plan.classes:
        links = "、".join(_links(by_class.get(cls.id, [])))
        when = escape(schedule_text(year, cls))
        planned = escape(cls.planned_text)
        body.append(
            f"<tr><td>{escape(cls.name)}</td><td>{when}</td><td>{planned}</td>"
            f"<td>{links or '—'}</td></tr>"
        )
    body.append("</table>")
    if diagnostics:
        items = "".join(f"<li>{escape(d)}</li>" for d in diagnostics)
        body.append(f"<h2>检查结果（{len(diagnostics)} 条）</h2><ul class=diag>{items}</ul>")
    style = (
        'body{font-family:"Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:1.5em}'
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}"
        "ul.diag li{font-family:monospace}"
        "@page{size:A4;margin:15mm}"
        "@media print{body{margin:0;font-size:10.5pt}a{color:inherit;text-decoration:none}"
        "table{width:100%}tr{break-inside:avoid}th{background:#eee}"
        "th,td{border-color:#000}}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(plan.title)}</title><style>{style}</style></head><body>"
        f"<h1>{escape(plan.title)}</h1>{''.join(body)}</body></html>\n"
    )


def _links(class_jobs: list[Job]) -> list[str]:
    """One link per kind of file; a kind with several files (the forms) links to its folder."""
    kinds: dict[str, list[Job]] = {}
    for job in class_jobs:
        kinds.setdefault(job.kind, []).append(job)
    out = []
    for kind, group in kinds.items():
        if len(group) == 1:
            out.append(f'<a href="{escape(group[0].path)}">{escape(kind)}</a>')
        else:
            folder = group[0].path.rsplit("/", 1)[0] + "/"
            out.append(f'<a href="{escape(folder)}">{escape(kind)}（{len(group)} 份）</a>')
    return out


def build_plan(
    year: Year,
    output: Path,
    *,
    checked: Sequence[Diagnostic] = (),
    force: bool = False,
    register: Path | None = None,
    each: Callable[[list[Job]], Iterable[Job]] | None = None,
    formats: Sequence[str] = (),
) -> BuildResult:
    """Write every output of the year's plan and ``index.html`` (listing ``checked``, what
    validating the plan found, and the problems met while building) into ``output``; returns
    what was written, refused (edited since the last build, without ``force``) and failed (a
    user's template). ``each`` wraps the list of jobs as they run (a progress bar). ``formats``
    (``pdf``, ``docx``; the plan's ``notice_formats`` are added) writes the notices and the plan
    document in those formats too."""
    from cadretrain.files.output_folder import OutputFolder, OutputRefused

    lines = [d.shown_line() for d in checked]
    sink = Sink()
    result = BuildResult()
    wanted = [f for f in ("pdf", "docx") if f in formats or f in year.plan.imprint.notice_formats]
    fonts: list[str] = []
    todo = list(jobs(year, sink, register, result.left_out, wanted, fonts))
    folder = OutputFolder(output, force=force)
    try:  # closed however the build ends (Ctrl-C, a full disk): the manifest stays true
        for job in each(todo) if each is not None else todo:
            try:
                folder.write(job.path, job.make())
                result.done.append(job)
            except OutputRefused as exc:
                result.refused.append(str(exc))
            except Exception as exc:  # a user's template error: report it, build the rest
                from cadretrain.documents.notice import TemplateProblem

                if not isinstance(exc, TemplateProblem):
                    raise
                result.failed.append(f"{job.path}：{exc}")
        lines += [d.shown_line() for d in sink.items]
        try:
            folder.write("index.html", encoded(index_html(year, result, lines)))
        except OutputRefused as exc:
            result.refused.append(str(exc))
    finally:
        folder.close()
    result.written, result.unchanged = len(folder.written), len(folder.unchanged)
    substituted = (n for n in fonts if n.startswith("PDF 中代用的字体"))  # said once a build
    result.notes = folder.notes + list(dict.fromkeys(substituted))
    return result
