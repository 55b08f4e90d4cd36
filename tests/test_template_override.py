"""`--templates DIR` holding only the files a user changes; the sandbox every template runs in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest

from bottleneck_briefs.basics.names import MAX_TEMPLATE_FILES
from bottleneck_briefs.briefs.formats.sealed_fetcher import RefusedURLError, templates_only_fetcher
from bottleneck_briefs.briefs.render import template_folders
from bottleneck_briefs.briefs.render.template_environment import render
from bottleneck_briefs.briefs.render.template_folders import (
    TemplateFileError,
    TemplatesFolderError,
    check_templates_folder,
    folders_digest,
)
from conftest import DATE, TEMPLATES, pdf_text, report

HOUSE_STYLE = "\n/* house style */\nh2 { color: #7a1f3d !important; }\n"


@pytest.fixture
def css_only(tmp_path) -> Path:
    """A templates folder that holds nothing but a changed brief.css."""
    folder = tmp_path / "huisstijl"
    folder.mkdir()
    (folder / "brief.css").write_text(
        (TEMPLATES / "brief.css").read_text(encoding="utf-8") + HOUSE_STYLE, encoding="utf-8"
    )
    return folder


def test_a_folder_with_only_brief_css_changes_the_brief_and_nothing_else(tmp_path, css_only, shipped_briefs):
    out = tmp_path / "out"
    result = report("--theme", "financiering", "--templates", css_only, "--output-dir", out, *DATE)
    assert result.exit_code == 0, result.output
    html = (out / "financiering.html").read_text(encoding="utf-8")
    default = (shipped_briefs / "financiering.html").read_text(encoding="utf-8")
    assert HOUSE_STYLE in html
    # the stylesheet's addition is the only difference: the markup, the other stylesheets and the
    # inline fonts all come from the bundled templates
    assert html.replace(HOUSE_STYLE, "", 1) == default
    pdf = (out / "financiering.pdf").read_bytes()
    assert pdf != (shipped_briefs / "financiering.pdf").read_bytes()  # the heading's colour
    assert pdf_text(out / "financiering.pdf") == pdf_text(shipped_briefs / "financiering.pdf")  # same text


def test_the_cache_key_covers_the_users_folder_and_the_bundled_one(tmp_path, css_only):
    assert folders_digest(css_only) != folders_digest(TEMPLATES)
    before = folders_digest(css_only)
    (css_only / "brief.css").write_text("p { color: black; }\n", encoding="utf-8")
    assert folders_digest(css_only) != before
    assert folders_digest(TEMPLATES) == folders_digest(TEMPLATES.parent / TEMPLATES.name)  # the same folder


def test_the_fetcher_serves_the_users_files_first_then_the_bundled_ones(css_only):
    fetcher = templates_only_fetcher(css_only)
    assert fetcher.fetch((css_only / "brief.css").as_uri()).read() == (css_only / "brief.css").read_bytes()
    font = "fonts/NotoSerif-Regular.woff2"  # as the PDF names it, relative to the user's folder
    assert fetcher.fetch((css_only / font).as_uri()).read() == (TEMPLATES / font).read_bytes()
    with pytest.raises(RefusedURLError):
        fetcher.fetch((css_only / "fonts" / "missing.woff2").as_uri())
    with pytest.raises(RefusedURLError):
        fetcher.fetch((css_only.parent / "elsewhere.css").as_uri())


def test_a_template_of_the_users_folder_includes_the_bundled_parts(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html.j2").write_text('{% include "fonts/README.md" %}', encoding="utf-8")
    assert render(folder, "page.html.j2").startswith("# Bundled fonts")


ESCAPE = "{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"


def test_templates_run_in_the_sandbox(tmp_path):
    marker = tmp_path / "ran"
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html.j2").write_text("<p>\n" + ESCAPE.format(marker=marker) + "\n</p>\n", encoding="utf-8")
    with pytest.raises(TemplateFileError, match=r"page\.html\.j2, line 2: SecurityError"):
        render(folder, "page.html.j2")
    assert not marker.exists()


@dataclass(frozen=True)
class _Shown:
    text: str
    _hidden: str = "verborgen"

    def shout(self) -> str:
        return self.text.upper()


_REACHES = [
    "{{ item.text }}",
    "{{ item._hidden }}",
    "{{ item.shout() }}",
    "{{ item.shout.__func__ }}",
    "{{ item.shout.__globals__ }}",
    "{{ item.__class__.mro() }}",
    "{{ item.__dict__ }}",
    "{{ item.missing }}",
    "{{ item.text.format.__self__ }}",
    "{{ '{0.__class__}'.format(item) }}",
    "{{ item.text.upper() }}",
    "{{ (item.shout).__code__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ range.__self__ }}",
    "{{ item['text'] }}",
]


@pytest.mark.parametrize("source", _REACHES)
def test_the_sandbox_decides_each_attribute_as_jinjas_own_does_every_time(source):
    """The sandbox the briefs use remembers its decisions per class and name: asked twice, it must answer as
    Jinja's sandbox does each time."""
    from jinja2.sandbox import SandboxedEnvironment

    from bottleneck_briefs.briefs.render.template_environment import DecidedSandbox

    def outcome(env):
        try:
            return env.from_string(source).render(item=_Shown("knelpunt"))
        except Exception as error:  # the kind of refusal and its words, which a template's writer reads
            return f"{type(error).__name__}: {error}"

    ours = DecidedSandbox(undefined=jinja2.StrictUndefined)
    jinjas = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    assert [outcome(ours) for _ in range(3)] == [outcome(jinjas)] * 3


def test_report_refuses_a_template_that_reaches_for_python(tmp_path, corpus_copy):
    marker = tmp_path / "ran"
    folder = tmp_path / "templates"
    folder.mkdir()
    source = (TEMPLATES / "brief.html.j2").read_text(encoding="utf-8")
    assert "{% block main %}" in source  # brief.html.j2 fills the blocks of the one base layout
    (folder / "brief.html.j2").write_text(
        source.replace("{% block main %}", "{% block main %}" + ESCAPE.format(marker=marker), 1), encoding="utf-8"
    )
    result = report("--theme", "financiering", "--templates", folder, "--output-dir", tmp_path / "out", *DATE)
    assert result.exit_code == 1
    assert "brief.html.j2, line" in result.output and "SecurityError" in result.output
    assert "nothing was written" in result.output
    assert not marker.exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda tmp: tmp, "holds no template, stylesheet or font"),
        (lambda tmp: tmp / "missing", "is not a folder"),
        (lambda tmp: Path("/usr"), f"holds more than {MAX_TEMPLATE_FILES:,} files"),
    ],
    ids=["empty", "missing", "huge"],
)
def test_a_folder_that_cannot_hold_templates_is_refused(tmp_path, make, message):
    folder = make(tmp_path / "folder")
    if folder.name == "folder":
        folder.mkdir()
    result = report("--theme", "financiering", "--templates", folder, "--output-dir", tmp_path / "out", *DATE)
    assert result.exit_code == 2
    assert message in result.output and "'--templates'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_huge_folder_is_refused_before_it_is_read_through(monkeypatch):
    looked_at = []
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if str(path).startswith("/usr/"):
            looked_at.append(path)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(template_folders.os, "stat", stat)
    with pytest.raises(TemplatesFolderError):
        check_templates_folder(Path("/usr"))
    assert len(looked_at) == MAX_TEMPLATE_FILES + 1  # of the hundred thousand files there
