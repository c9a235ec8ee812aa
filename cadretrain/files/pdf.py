"""HTML → PDF with WeasyPrint (optional: ``pip install 'cadretrain[pdf]'``).

WeasyPrint lays out CSS paged media (A4, margins, ``@page :left/:right`` page numbers) with
Pango; on Debian the free fallback fonts are ``fonts-noto-cjk``. Nothing outside the HTML is
read except local font files (WeasyPrint reads an ``@font-face`` ``local()`` font through its
URL fetcher): every other URL is refused, so a template cannot pull a local file (or a web
page) into the PDF. The PDF carries no creation or modification date.

The 版记 (GB/T 9704-2012 7.4): an element ``id="gbt-imprint"`` goes on the last page, an even
one, its bottom on the bottom of the page's content box. That takes two layouts: the first
finds where the text before it ends (the empty ``id="gbt-imprint-before"``) and how tall it
is; the second sets the height of the spacer ``id="gbt-imprint-space"`` before it. When a blank
page must precede it, the blank page and the 版记 page carry no page number (named page
``gbt-bare``). :func:`substitutions` tells which fonts of the CSS font stacks stood in for the
ones named first.
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


def unavailable() -> str | None:
    """Why PDFs cannot be made here (Chinese, with what to install), or None when they can."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return INSTALL_HINT
    except OSError as exc:  # Pango or its friends missing
        return f"WeasyPrint 无法加载系统库（{exc}）。{INSTALL_HINT}"
    return None


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


IMPRINT = "gbt-imprint"
_PX_PER_MM = 96 / 25.4
_BARE_PAGES = """
@page :blank { @bottom-left { content: none } @bottom-right { content: none }
  @bottom-center { content: none } }
@page gbt-bare { @bottom-left { content: none } @bottom-right { content: none }
  @bottom-center { content: none } }
"""


def _with_style(html: str, css: str) -> str:
    style = f"<style>{css}</style>"
    at = html.find("</head>")
    return html[:at] + style + html[at:] if at >= 0 else style + html


def _anchor(pages: list[Any], name: str) -> tuple[int, float] | None:
    """(1-based page number, y in CSS px) of the element with id ``name``."""
    for number, page in enumerate(pages, start=1):
        if name in page.anchors:
            return number, float(page.anchors[name][1])
    return None


def _content_bottom(page: Any) -> float:
    box = page._page_box  # WeasyPrint's laid-out page (no public accessor for the content box)
    return float(box.content_box_y() + box.height)


def _placement(pages: list[Any]) -> str:
    """The CSS that puts the 版记 where GB/T 9704 wants it, from the first layout (in which
    the 版记 starts a page of its own)."""
    before = _anchor(pages, f"{IMPRINT}-before")
    # the spacer (empty in the first layout) starts the page: the 版记's own box may be moved
    # by relative positioning, the spacer and the end marker are where the flow puts them
    top, end = _anchor(pages, f"{IMPRINT}-space"), _anchor(pages, f"{IMPRINT}-end")
    if before is None or top is None or end is None or top[0] != end[0]:
        return ""  # no 版记, or one taller than a page: leave it where it falls
    height = end[1] - top[1]
    last, y = before
    bottom = _content_bottom(pages[top[0] - 1])
    slack = 0.5  # px; a spacer that fills the page exactly may be pushed on by rounding
    if last % 2 == 0 and y + height <= bottom - slack:
        return f"#{IMPRINT}-space {{ height: {bottom - y - height - slack:.2f}px }}"
    space = f"height: {bottom - top[1] - height - slack:.2f}px"
    if last % 2:  # the text ends on an odd page: the 版记 alone on the next (even) page
        return f"#{IMPRINT}-space {{ break-before: page; {space} }}"
    # an even page without room: a blank odd page, then the 版记 page, neither numbered
    return f"#{IMPRINT}-space {{ break-before: left; page: gbt-bare; {space} }}"


def html_to_pdf(
    html: str, messages: list[str] | None = None, fonts: list[str] | None = None
) -> bytes:
    """Render ``html`` to PDF bytes. WeasyPrint's warnings (unknown CSS, refused URLs) are
    collected into ``messages`` instead of being printed; ``fonts`` receives a Chinese line
    for each font that stood in for the one a font stack names first (:func:`substitutions`).
    A 版记 (``id="gbt-imprint"``) is placed at the foot of the last, even, page."""
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
        fetcher = _fonts_only_fetcher(weasyprint)
        if f'id="{IMPRINT}"' in html:
            html = _with_style(html, _BARE_PAGES)
            first = weasyprint.HTML(
                string=_with_style(html, f"#{IMPRINT}-space {{ break-before: page }}"),
                url_fetcher=fetcher,
            ).render()
            html = _with_style(html, _placement(first.pages))
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render()
        pdf = document.write_pdf()
        if fonts is not None:
            used = {str(f.family) for f in document.fonts.values()}
            fonts += [f"{want} → {got}" for want, got in substitutions(html, used)]
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    assert isinstance(pdf, bytes)
    return pdf


_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def _installed() -> set[str] | None:
    """Every family and full name fontconfig knows (lower case), or None without fc-list."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{family}\n%{fullname}\n"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {name.strip().lower() for line in out.splitlines() for name in line.split(",")}


def substitutions(html: str, used: set[str]) -> list[tuple[str, str]]:
    """(font named first, font that stood in) for each CSS font stack of ``html`` whose first
    font is not installed, where the stand-in is among the ``used`` families of the PDF.
    ``@font-face`` aliases (``local()`` sources) count as the font they name. Empty without
    fontconfig's ``fc-list`` (the fonts cannot be told there)."""
    import re

    installed = _installed()
    if installed is None:
        return []
    aliases: dict[str, list[str]] = {}
    for block in re.findall(r"@font-face\s*{([^}]*)}", html):
        name = re.search(r"font-family:\s*([^;]+);", block)
        if name:
            local = re.findall(r"local\(\s*[\"']?([^\"')]+)", block)
            aliases[name.group(1).strip().strip("\"'")] = local
    css = re.sub(r"@font-face\s*{[^}]*}", "", html)
    used_lower = [u.lower() for u in used]
    out: list[tuple[str, str]] = []
    for stack in dict.fromkeys(re.findall(r"font-family:\s*([^;}\n]+(?:\n\s+[^;}\n]+)*)", css)):
        names = [n.strip().strip("\"'") for n in stack.split(",")]
        names = [n for n in names if n and n.lower() not in _GENERIC]
        if not names:
            continue
        chosen = None
        for n in names:
            real = [x for x in aliases.get(n, [n]) if x.lower() in installed]
            if real:
                chosen = real[0]
                break
        if chosen is None or chosen == names[0]:
            continue
        if any(chosen.lower().startswith(u) for u in used_lower):
            pair = (names[0], chosen)
            if pair not in out:
                out.append(pair)
    return out
