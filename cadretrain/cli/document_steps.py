"""``cadretrain notice``, ``roster`` and ``signin``: the commands' steps over
:mod:`cadretrain.documents`, callable from tests. Each returns the exit code; a class that
cannot be found, or has no readable enrollment, raises
:class:`~cadretrain.core.errors.CannotProceed` (shown by ``cli.app``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from cadretrain.cli.outputs import write_outputs
from cadretrain.year.model import Year


def run_notice(
    year: Year,
    query: str | None,
    fmt: str,
    output: Path,
    force: bool = False,
    plan_document: bool = False,
    register: Path | None = None,
) -> int:
    """Write ``{output}/{class-id}-培训通知.{fmt}`` (every class when ``query`` is None), or
    ``{plan title}.{fmt}`` with ``plan_document``. Exit code: 0 ok, 1 problems, 2 usage."""
    from cadretrain.cli.diagnostics_out import print_diagnostics
    from cadretrain.core.diagnostics import Severity, Sink
    from cadretrain.documents.notice import (
        FORMATS,
        PLAN_FORMATS,
        TemplateProblem,
        render_all,
        templates_for,
    )
    from cadretrain.files.pdf import PdfUnavailable
    from cadretrain.plan.lookup import pick_class

    if fmt not in FORMATS:
        print(f"错误：未知的格式“{fmt}”，可选：{'、'.join(FORMATS)}", file=sys.stderr)
        return 2
    if plan_document and fmt not in PLAN_FORMATS:
        print(
            f"错误：年度计划文件（--plan-document）只能生成 {'、'.join(PLAN_FORMATS)}",
            file=sys.stderr,
        )
        return 2
    plan = year.plan
    classes = list(plan.classes)
    if query is not None and not plan_document:
        classes = [pick_class(plan, query)]
    sink = Sink()
    templates = templates_for(plan)
    if templates.overridden:
        where = templates.user_dir
        print(f"使用 {where} 中的模板：{'、'.join(templates.overridden)}", file=sys.stderr)
    try:
        rendered = render_all(templates, year, classes, fmt, plan_document, register, sink)
    except PdfUnavailable as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 3
    except TemplateProblem as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        print_diagnostics(sink.items)

    def files() -> Iterator[tuple[str, bytes]]:
        for item in rendered:
            for note in item.notes:
                print(f"注意：{note}", file=sys.stderr)
            yield item.name, item.data

    if write_outputs(output, force, files()):
        return 1
    return 1 if any(d.severity is Severity.ERROR for d in sink.items) else 0


def run_roster(
    year: Year,
    query: str,
    output: Path,
    force: bool = False,
    with_id: bool = False,
    groups: int = 0,
) -> int:
    """``cadretrain roster``: write ``{output}/{class-id}-花名册.xlsx``; returns the exit code."""
    from cadretrain.cli.outputs import write_output
    from cadretrain.documents.roster import roster_bytes, roster_file_name
    from cadretrain.enroll.enrollment import load_for_class
    from cadretrain.enroll.parts import session_parts

    cls, enrollment = load_for_class(year.plan, query)
    _parts, unassigned = session_parts(year.plan, cls, enrollment, year.schedule(cls))
    if unassigned:
        print(
            f"提示：{len(unassigned)} 人没有分期（报名名单中没有 session），只列在“全部”表中",
            file=sys.stderr,
        )

    def build() -> bytes:
        return roster_bytes(year, cls, enrollment, with_id=with_id, groups=groups)

    return write_output(output, force, roster_file_name(cls), build)


def run_signin(year: Year, query: str, output: Path, force: bool = False) -> int:
    """``cadretrain signin``: write ``{output}/{class-id}-签到表.xlsx``; returns the exit code."""
    from cadretrain.cli.outputs import write_output
    from cadretrain.documents.signin import signin_bytes, signin_file_name
    from cadretrain.enroll.enrollment import load_for_class
    from cadretrain.enroll.parts import session_parts

    cls, enrollment = load_for_class(year.plan, query)
    parts, unassigned = session_parts(year.plan, cls, enrollment, year.schedule(cls))
    if unassigned:
        print(
            f"提示：{len(unassigned)} 人没有分期（报名名单中没有 session），未列入签到表",
            file=sys.stderr,
        )
    for part in parts:
        if not part.days:
            which = part.label or f"班次“{cls.label}”"
            print(f"提示：{which}没有排定日期，签到表的日期栏留空，请手工填写", file=sys.stderr)
    return write_output(
        output, force, signin_file_name(cls), lambda: signin_bytes(year, cls, enrollment)
    )
