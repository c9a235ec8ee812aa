"""HTML → PDF with WeasyPrint (optional: ``pip install 'cadretrain[pdf]'``).

WeasyPrint lays out CSS paged media (A4, margins, ``@page :left/:right`` page numbers) with
Pango; on Debian the free fallback fonts are ``fonts-noto-cjk``. Nothing outside the HTML is
read except local font files (WeasyPrint reads an ``@font-face`` ``local()`` font through its
URL fetcher): every other URL is refused, so a template cannot pull a local file (or a web
page) into the PDF. The PDF carries no creation or modification date.
"""

from __future__ import annotations

import logging
from typing import Any


class PdfUnavailable(Exception):
    """WeasyPrint (or the system libraries it needs) is missing; the message says what to do."""


INSTALL_HINT = (
    "生成 PDF 需要 WeasyPrint：pip install 'cadretrain[pdf]'；Linux 还需要 Pango 和中文字体"
    "（Debian/Ubuntu：apt-get install fonts-noto-cjk libharfbuzz-subset0）"
)


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")


def allowed(url: str) -> bool:
    """Only local font files may be read."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    return parts.scheme == "file" and unquote(parts.path).lower().endswith(FONT_SUFFIXES)


def _fonts_only_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher for local fonts only (WeasyPrint ≥ 68 wants a ``URLFetcher`` object)."""
    base = getattr(weasyprint, "URLFetcher", None)
    if base is None:  # older WeasyPrint: a plain function

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            if not allowed(url):
                raise ValueError(f"不读取外部资源：{url}")
            return weasyprint.default_url_fetcher(url, *args, **kwargs)

        return fetch

    class FontsOnly(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not allowed(url):
                raise ValueError(f"不读取外部资源：{url}")
            return super().fetch(url, headers)

    return FontsOnly()


def html_to_pdf(html: str, messages: list[str] | None = None) -> bytes:
    """Render ``html`` to PDF bytes. WeasyPrint's warnings (unknown CSS, refused URLs) are
    collected into ``messages`` instead of being printed."""
    from cadretrain.core.text import printable

    html = printable(html)  # a NUL or lone surrogate from the plan never reaches the parser
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable(INSTALL_HINT) from None
    except OSError as exc:  # Pango or its friends missing
        raise PdfUnavailable(f"WeasyPrint 无法加载系统库（{exc}）。{INSTALL_HINT}") from None
    logger = logging.getLogger("weasyprint")
    handler = _Collect(messages if messages is not None else [])
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        document = weasyprint.HTML(string=html, url_fetcher=_fonts_only_fetcher(weasyprint))
        pdf = document.write_pdf()
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    assert isinstance(pdf, bytes)
    return pdf
