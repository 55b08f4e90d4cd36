"""The parts of `bottlenecks report` that need no PDF: brief data, date, writing, sealing, templates."""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from datetime import date

import pytest

from bottleneck_briefs.basics.atomic_write import write_atomically
from bottleneck_briefs.briefs.content.brief_data import (
    build_brief,
    page_range_label,
)
from bottleneck_briefs.briefs.content.brief_date import BriefDateError, brief_date
from bottleneck_briefs.briefs.formats.sealed_fetcher import (
    RefusedURLError,
    resolve_template_url,
    templates_only_fetcher,
)
from bottleneck_briefs.briefs.render.template_environment import (
    DEFAULT_TEMPLATES,
    TemplateFileError,
    render,
)
from bottleneck_briefs.briefs.run.report_plan import ReportError, output_path
from conftest import CORPUS

DAY = date(2025, 3, 1)


# --- brief data ------------------------------------------------------------------------------


def test_every_statement_of_the_theme_is_in_exactly_one_group(corpus):
    for theme in corpus.codebook.themes:
        brief = build_brief(corpus, theme.slug, DAY)
        ids = [s.id for s in brief.statements]
        assert sorted(ids) == sorted(s.id for s in corpus.statements_for(theme.slug)), theme.slug
        assert len(ids) == len(set(ids)), theme.slug
        texts = {s.id: s.text for s in corpus.statements}
        assert all(s.text == texts[s.id] for s in brief.statements)  # verbatim


def test_a_statement_listed_alike_in_two_briefs_is_one_entry_built_once(corpus):
    """The overview and a theme's brief list a statement under that theme with the same entry object: built once,
    and described once for the site's build cache."""
    from bottleneck_briefs.briefs.content.overview_data import build_overview

    overview = build_overview(corpus, DAY)
    brief = build_brief(corpus, "financiering", DAY)
    section = next(section for section in overview.sections if section.link.slug == "financiering")
    in_overview = {entry.id: entry for entry in section.statements}
    assert brief.statements and all(entry is in_overview[entry.id] for entry in brief.statements)
    other = next(section for section in overview.sections if section.link.slug != "financiering")
    shared = set(in_overview) & {entry.id for entry in other.statements}
    assert shared  # listed under another theme, a statement is another entry (its other themes differ)
    assert all(in_overview[e.id] is not e for e in other.statements if e.id in shared)
    # ... whose citation and coding are the same objects all the same
    assert all(
        (in_overview[e.id].citation, in_overview[e.id].coding) == (e.citation, e.coding)
        and in_overview[e.id].coding is e.coding
        for e in other.statements
        if e.id in shared
    )


def test_entries_follow_the_statement_object_and_the_corpus(corpus):
    """An entry is reused only for the very statement object it was made of, and builders live with their corpus."""
    import gc

    from bottleneck_briefs.briefs.content import brief_parts
    from bottleneck_briefs.corpus.loading import load_corpus

    builder = brief_parts.EntryBuilder.for_corpus(corpus, "nl")
    assert brief_parts.EntryBuilder.for_corpus(corpus, "nl") is builder
    assert brief_parts.EntryBuilder.for_corpus(corpus, "en") is not builder
    statement = corpus.statements[0]
    entry = builder(statement, statement.themes[0])
    reworded = statement.model_copy(update={"text": "Een ander knelpunt."})
    assert builder(reworded, statement.themes[0]).text == "Een ander knelpunt."
    assert builder(statement, statement.themes[0]) is entry

    again = load_corpus(CORPUS).corpus
    other = brief_parts.EntryBuilder.for_corpus(again, "nl")
    assert other is not builder and other(again.statements[0], statement.themes[0]) is not entry
    del again, other
    gc.collect()
    assert brief_parts._builders.empty  # the corpus gone, its builders (and their entries) go too


def test_groups_share_their_co_theme_and_the_core_group_comes_first(corpus):
    brief = build_brief(corpus, "financiering", DAY)
    titles = {t.title: t.slug for t in corpus.codebook.themes}
    by_id = {s.id: s for s in corpus.statements}
    assert brief.groups[0].co_theme is None
    assert all(by_id[s.id].themes == ["financiering"] for s in brief.groups[0].statements)
    for group in brief.groups[1:]:
        assert all(titles[group.co_theme] in by_id[s.id].themes for s in group.statements)
    sizes = [len(g.statements) for g in brief.groups[1:]]
    assert sizes == sorted(sizes, reverse=True)


def test_key_figures_count_what_the_statements_say(corpus):
    brief = build_brief(corpus, "financiering", DAY)
    statements = corpus.statements_for("financiering")
    assert brief.statement_count == corpus.count_for("financiering") == len(statements)
    co = Counter(t for s in statements for t in s.themes if t != "financiering")
    titles = {t.slug: t.title for t in corpus.codebook.themes}
    assert brief.co_themes[0].count == max(co.values())
    assert {c.label: c.count for c in brief.co_themes}.items() <= {titles[k]: v for k, v in co.items()}.items()
    parties = Counter(p for s in statements for p in s.facet_values("partijen"))
    figures = {facet.slug: facet for facet in brief.facets}
    assert sum(c.count for c in figures["partijen"].top) == sum(parties.values())
    assert [facet.slug for facet in brief.named_facets] == ["partijen", "doelgroep"]  # the codebook's `named` order
    assert brief.pages == tuple(sorted({s.source.page for s in statements}))
    assert sum(c.count for c in brief.sections) == len(statements)
    assert brief.corpus_version == corpus.digest[:12]


@pytest.mark.parametrize("pages, label", [((26,), "26"), ((26, 27), "26–27"), ((3, 5, 6, 7, 9), "3, 5–7, 9")])
def test_page_range_label(pages, label):
    assert page_range_label(pages) == label


# --- the brief's date --------------------------------------------------------------------------


def test_date_explicit_beats_source_date_epoch(tmp_path):
    assert brief_date(tmp_path, "2024-05-06", {"SOURCE_DATE_EPOCH": "0"}) == date(2024, 5, 6)
    assert brief_date(tmp_path, None, {"SOURCE_DATE_EPOCH": "86400"}) == date(1970, 1, 2)
    with pytest.raises(BriefDateError):
        brief_date(tmp_path, "6-5-2024", {})
    with pytest.raises(BriefDateError):
        brief_date(tmp_path, None, {"SOURCE_DATE_EPOCH": "gisteren"})


def test_date_from_last_git_commit_of_the_corpus(tmp_path):
    corpus = tmp_path / "repo" / "bottlenecks"
    corpus.mkdir(parents=True)
    (corpus / "a.yaml").write_text("x: 1\n")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2021-07-08T12:00:00Z",
        "GIT_COMMITTER_DATE": "2021-07-08T12:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "corpus"]):
        subprocess.run(["git", "-C", str(tmp_path / "repo"), *command], check=True, env=env)
    os.utime(corpus / "a.yaml", (2_000_000_000, 2_000_000_000))  # a later mtime must not win over git
    assert brief_date(corpus, None, {}) == date(2021, 7, 8)


def test_date_from_newest_file_outside_git(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, stamp in (("a.yaml", 1_600_000_000), ("b.yaml", 1_700_000_000)):
        (corpus / name).write_text("x: 1\n")
        os.utime(corpus / name, (stamp, stamp))
    assert brief_date(corpus, None, {}) == date(2023, 11, 14)


# --- writing -------------------------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_failed_atomic_write_keeps_the_earlier_file(tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old report")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(target, b"new report")
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


@pytest.mark.parametrize("slug", ["../etc", "a/b", "/tmp/x", "..", "Financiering", "", "a\\b"])
def test_output_path_accepts_slugs_only(tmp_path, slug):
    with pytest.raises(ReportError):
        output_path(tmp_path, slug, "pdf")


def test_output_path_refuses_a_symlink_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside.pdf"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "financiering.pdf").symlink_to(outside)
    with pytest.raises(ReportError, match="outside"):
        output_path(tmp_path / "reports", "financiering", "pdf")
    assert output_path(tmp_path / "reports", "capaciteit", "pdf") == tmp_path / "reports" / "capaciteit.pdf"


# --- sealed rendering ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/font.woff2",
        "https://example.org/style.css",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "data:text/css,body{}",
        "file://otherhost" + str(DEFAULT_TEMPLATES / "brief.css"),
        (DEFAULT_TEMPLATES / "fonts").as_uri() + "/../../bottlenecks/codebook.yaml",
        (DEFAULT_TEMPLATES / "fonts").as_uri() + "/%2E%2E/%2E%2E/setup.cfg",
    ],
)
def test_fetcher_refuses_everything_outside_templates(url):
    with pytest.raises(RefusedURLError):
        resolve_template_url(url, DEFAULT_TEMPLATES)
    with pytest.raises(RefusedURLError):
        templates_only_fetcher(DEFAULT_TEMPLATES).fetch(url)


def test_fetcher_refuses_a_symlink_leading_out_of_templates(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "secret.css").symlink_to("/etc/passwd")
    with pytest.raises(RefusedURLError):
        resolve_template_url((templates / "secret.css").as_uri(), templates)


def test_fetcher_serves_the_bundled_fonts():
    font = DEFAULT_TEMPLATES / "fonts" / "NotoSerif-Regular.woff2"
    response = templates_only_fetcher(DEFAULT_TEMPLATES).fetch(font.as_uri())
    assert response.read() == font.read_bytes()


def test_fetcher_serves_ready_fonts_only_behind_the_same_checks(tmp_path):
    """Fonts decompressed ahead are served in place of the file, but a URL must still pass every check."""
    font = (DEFAULT_TEMPLATES / "fonts" / "NotoSerif-Regular.woff2").resolve()
    ready = {font: b"\x00\x01\x00\x00 decompressed"}
    fetcher = templates_only_fetcher(DEFAULT_TEMPLATES, ready)
    assert fetcher.fetch(font.as_uri()).read() == ready[font]
    assert fetcher.fetch((DEFAULT_TEMPLATES / "fonts" / "x" / ".." / font.name).as_uri()).read() == ready[font]
    outside = tmp_path / "elsewhere.woff2"
    outside.write_bytes(b"wOF2")
    with pytest.raises(RefusedURLError):
        templates_only_fetcher(DEFAULT_TEMPLATES, {outside.resolve(): b"font"}).fetch(outside.as_uri())


# --- templates and fonts -------------------------------------------------------------------------


def test_template_error_names_template_and_line(tmp_path, corpus):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html.j2").write_text("<p>fine</p>\n<p>{{ brief.titel }}</p>\n")
    with pytest.raises(TemplateFileError, match=r"page\.html\.j2, line 2: .*titel"):
        render(templates, "page.html.j2", brief=build_brief(corpus, "financiering", DAY))
    (templates / "syntax.html.j2").write_text("<p>\n{% if %}\n")
    with pytest.raises(TemplateFileError, match=r"syntax\.html\.j2, line 2"):
        render(templates, "syntax.html.j2")


def test_templates_escape_statement_text(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text("<p>{{ text }}</p>")
    assert render(templates, "t.html.j2", text="<script>x</script>") == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_templates_are_compiled_once_for_many_renders(tmp_path, monkeypatch):
    """`report --all` renders some twenty documents from the same templates: Jinja compiles each once."""
    import jinja2

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html.j2").write_text('{% include "part.html.j2" %}{{ n }}')
    (templates / "part.html.j2").write_text("<p>part</p>")
    compiled = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda self, source, name=None, *args, **kwargs: (
            compiled.append(name) or real_compile(self, source, name, *args, **kwargs)
        ),
    )
    assert [render(templates, "page.html.j2", n=n) for n in range(5)] == [f"<p>part</p>{n}" for n in range(5)]
    assert sorted(compiled) == ["page.html.j2", "part.html.j2"]


def test_an_edited_template_is_never_served_stale(tmp_path):
    """The compiled templates are looked up by the folder's content, not by file times (the live preview)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.html.j2"
    page.write_text("<p>before</p>")
    assert render(templates, "page.html.j2") == "<p>before</p>"
    times = page.stat()
    page.write_text("<p>after!</p>")
    os.utime(page, ns=(times.st_atime_ns, times.st_mtime_ns))  # an edit within one tick of the file clock
    assert render(templates, "page.html.j2") == "<p>after!</p>"


def test_unreadable_templates_folder_is_a_template_problem(tmp_path, monkeypatch):
    from bottleneck_briefs.briefs.render import template_environment

    def unreadable(folder):
        raise PermissionError(13, "Permission denied", str(folder / "page.html.j2"))

    monkeypatch.setattr(template_environment, "folders_digest", unreadable)
    with pytest.raises(TemplateFileError, match=r"cannot read the templates in .*: Permission denied"):
        render(tmp_path, "page.html.j2")


def test_bundled_fonts_cover_the_corpus_and_stay_small(corpus):
    from fontTools.ttLib import TTFont

    fonts = sorted((DEFAULT_TEMPLATES / "fonts").glob("*.woff2"))
    assert len(fonts) == 5 and (DEFAULT_TEMPLATES / "fonts" / "OFL.txt").is_file()
    assert sum(f.stat().st_size for f in fonts) < 2_000_000
    used = {ch for s in corpus.statements for ch in s.text + (s.note or "")} | set("€§–—‘’“”·")
    for font in fonts:
        cmap = TTFont(font).getBestCmap()
        missing = sorted(ch for ch in used if not ch.isspace() and ord(ch) not in cmap)
        assert not missing, f"{font.name} lacks {missing}"
