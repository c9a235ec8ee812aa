"""结业证书 (completion certificates): one for each trainee who completed a class, read from the
records beside the plan — the library behind ``cadretrain certificates``.

- Who: the people the class's filled 成绩登记表 (``records/scores/<class-id>.xlsx``) grades 优秀
  or 合格, the leave rule applied from its sign-in records
  (:func:`cadretrain.records.folder.class_scores`): exactly those the 结业名单, the report and the
  archive count as 结业. A class without a score sheet has no certificates.
- 学时: the person's entry in the 学时 ledger (:func:`cadretrain.records.ledger.class_entries`):
  attended half-days from the class's sign-in records when there are any, else the scheduled
  days of the person's session; so the certificate, the ledger and the archive agree.
- Dates: the person's session as scheduled in the year model; the certificate is dated its last
  training day (结业日), or left blank to be written by hand when the class has no dates.
- Issuer: the plan's ``organizer`` (blank when the plan names none).
- Number: :mod:`cadretrain.records.certificate_numbers` (stable, unique, no ID number in it).
- No ID number, phone or birth date is ever written. Output: A4 or A5 landscape, PDF (HTML
  template ``certificate.html.j2`` through :func:`cadretrain.files.pdf.html_to_pdf`) or .docx
  (:mod:`cadretrain.files.docx_certificate`), one page per certificate, one file per class.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cadretrain.core.diagnostics import Sink
from cadretrain.core.errors import CannotProceed
from cadretrain.core.wording import span_text, zh_date
from cadretrain.files.docx_certificate import CertificatePage, PageSize
from cadretrain.plan.model import TrainingClass
from cadretrain.records.assessment import Scores
from cadretrain.records.certificate_numbers import certificate_numbers, class_codes
from cadretrain.records.ledger import AttendedKey, class_entries, num, person_key, unit_name
from cadretrain.year.model import Year

TITLE_ZH = "结业证书"
FORMATS = ("pdf", "docx")
SIZES: dict[str, PageSize] = {
    "A4": PageSize(297, 210, 24, 40, 20, 12, 24),
    "A5": PageSize(210, 148, 16, 28, 14, 9, 18),
}


@dataclass(frozen=True)
class Certificate:
    """One trainee's certificate, as printed (never an ID number)."""

    number: str
    name: str
    unit: str
    class_id: str
    class_name: str
    dates: str  # 2013年5月7日至9日
    hours: Decimal
    grade: str  # 优秀 or 合格
    issuer: str
    issued: str  # 2013年5月9日, or blanks

    def page(self) -> CertificatePage:
        host = f"{self.issuer}举办的" if self.issuer else ""
        body = (
            f"于{self.dates}参加{host}{self.class_name}学习，完成规定的培训课程，"
            f"共计{num(self.hours)}学时，考核{self.grade}，准予结业。"
        )
        return CertificatePage(
            title=TITLE_ZH,
            number=f"证书编号：{self.number}",
            salutation=f"{self.name}同志：",
            paragraphs=(body, "特发此证。"),
            issuer=self.issuer or "（发证单位）",
            date=self.issued,
        )


def _span(days: Sequence[object]) -> str:
    """2013年5月7日至9日, 2013年5月13日至7月12日 (training days, first to last)."""
    from datetime import date

    return span_text([d for d in days if isinstance(d, date)], to="至")


def _dates(year: Year, cls: TrainingClass, session: int) -> tuple[str, str]:
    """The person's dates and the certificate's date (their last training day)."""
    slots = [s for s in year.schedule(cls).slots if not s.possible and s.days]
    slot = next((s for s in slots if s.number == session), None)
    if slot is None and len(slots) == 1:
        slot = slots[0]
    if slot is not None:
        return _span(slot.days), zh_date(slot.days[-1])
    text = cls.when.text if cls.when is not None else ""
    if text and "年" not in text:
        text = f"{year.plan.year}年{text}"
    return text or f"{year.plan.year}年", zh_date(None)


def class_certificates(
    year: Year,
    cls: TrainingClass,
    scores: Scores,
    attended: Mapping[AttendedKey, Decimal] | None = None,
    notes: Mapping[AttendedKey, str] | None = None,
) -> list[Certificate]:
    """The certificates of ``cls``: everyone ``scores`` completes, in the sheet's order;
    ``attended``/``notes`` as for the ledger (the records folder's sign-in sheets)."""
    plan = year.plan
    enrollment = year.enrollments().get(cls.id)
    if enrollment is None:
        return []
    entries = {key: (p, e) for key, p, e in class_entries(year, cls, enrollment.people, attended)}
    done = [r for r in scores.results if r.completed]
    people = []
    for r in done:
        key = person_key(plan, r.person)
        people.append((r.person.name.strip(), unit_name(plan, r.person.unit), key))
    codes = class_codes(plan.year, [c.id for c in plan.classes])
    numbers = certificate_numbers(plan.year, cls.id, codes[cls.id], people)
    out = []
    for r, (name, unit, key), number in zip(done, people, numbers, strict=True):
        found = entries.get(key)
        hours = found[1].hours if found is not None else Decimal(0)
        dates, issued = _dates(year, cls, r.person.session)
        out.append(
            Certificate(
                number=number,
                name=name,
                unit=unit,
                class_id=cls.id,
                class_name=cls.name,
                dates=dates,
                hours=hours,
                grade=r.grade,
                issuer=plan.organizer.strip(),
                issued=issued,
            )
        )
    return out


def year_certificates(
    year: Year, sink: Sink, class_id: str | None = None
) -> list[tuple[TrainingClass, list[Certificate]]]:
    """Each class with a score sheet in the records folder (or only ``class_id``) and its
    certificates; problems in the sheets go to ``sink``. CannotProceed when the one class
    asked for has no score sheet."""
    from cadretrain.records.folder import attended_half_days, class_scores, scores_path

    scored = class_scores(year, sink)
    attended, notes = attended_half_days([year], Sink())  # `attendance` tells their problems
    chosen = [c for c in year.plan.classes if class_id is None or c.id == class_id]
    if class_id is not None and class_id not in scored:
        where = scores_path(year.plan, class_id)
        raise CannotProceed(
            f"没有读到班次“{chosen[0].label if chosen else class_id}”的成绩（{where}），"
            "无法确定谁结业，未生成结业证书",
            sink.items,
            hint="请把填好的成绩登记表存为 records/scores/班次代号.xlsx"
            "（空表用 cadretrain scores 生成）。",
        )
    return [
        (c, class_certificates(year, c, scored[c.id], attended, notes))
        for c in chosen
        if c.id in scored
    ]


def file_name(cls: TrainingClass, size: str, fmt: str) -> str:
    """``women-leaders-结业证书-A4.pdf``."""
    return f"{cls.id}-{TITLE_ZH}-{size}.{fmt}"


def certificates_html(certificates: Sequence[Certificate], size: str) -> str:
    """The certificates as one printable HTML page, one sheet each (the bundled template)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("cadretrain", "templates"),
        autoescape=True,  # plan text never becomes markup
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    template = env.get_template("certificate.html.j2")
    return template.render(size=SIZES[size], pages=[c.page() for c in certificates])


def certificates_bytes(
    certificates: Sequence[Certificate], size: str, fmt: str, messages: list[str] | None = None
) -> bytes:
    """The file: PDF (``messages`` receives the PDF engine's warnings; raises
    :class:`~cadretrain.files.pdf.PdfUnavailable` without it) or .docx."""
    if fmt == "docx":
        from cadretrain.files.docx_certificate import certificates_docx

        return certificates_docx([c.page() for c in certificates], SIZES[size])
    from cadretrain.files.pdf import html_to_pdf

    return html_to_pdf(certificates_html(certificates, size), messages)
