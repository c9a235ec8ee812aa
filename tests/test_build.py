"""``cadretrain build`` end to end on the bundled 2013 plan."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import ROOT

PLAN = ROOT / "plans" / "2013-county.yaml"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadretrain", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if tag == "a" and k == "href" and v]


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_errors_stop_the_build_unless_ignored(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stopped = cli("build", str(PLAN), "-o", str(out))
    assert stopped.returncode == 1 and "CT301" in stopped.stderr
    assert not out.exists()


def test_build_writes_linked_outputs_reproducibly_and_keeps_edits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = cli("build", str(PLAN), "-o", str(out), "--ignore-errors")
    assert first.returncode == 0, first.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    links = Links()
    links.feed(index)
    assert "日历.html" in links.hrefs
    assert "rotation-18th/名额分配表.xlsx" in links.hrefs
    for href in links.hrefs:
        assert (out / href).exists(), href  # a file, or the folder of a class's reply forms
    assert "rotation-18th/报名回执/" in links.hrefs
    assert len(list((out / "rotation-18th" / "报名回执").glob("*.xlsx"))) > 10
    assert "CT301" in index  # the findings are on the index page
    before = digest(out)
    second = cli("build", str(PLAN), "-o", str(out), "--ignore-errors")
    assert second.returncode == 0 and "新写入 0 个文件" in second.stdout
    assert digest(out) == before  # byte-identical
    edited = out / "日历.html"
    edited.write_text("我改过", encoding="utf-8")
    third = cli("build", str(PLAN), "-o", str(out), "--ignore-errors")
    assert third.returncode == 1 and "日历.html" in third.stderr
    assert edited.read_text(encoding="utf-8") == "我改过"
    forced = cli("build", str(PLAN), "-o", str(out), "--ignore-errors", "--force")
    assert forced.returncode == 0 and digest(out) == before


def test_year_calendar_escapes_plan_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "plan: {title: '<script>alert(1)</script>', year: 2013}\n"
        "classes:\n  - {id: a, name: '<b>甲</b>', when: 2013年5月7日, planned: 5}\n",
        encoding="utf-8",
    )
    result = cli("build", str(plan), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "日历.html"):
        html = (tmp_path / "out" / page).read_text(encoding="utf-8")
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "<b>甲</b>" not in html
