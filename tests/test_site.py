"""`bottlenecks site`: the pages, their permanent addresses and links, and the standards of the briefs.

The site of the shipped corpus (Dutch and English) is built once per module;
tests that change a corpus or a site work on their own copies.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import CORPUS, add_editor_note, calls_to, count_calls_in_any_process, invoke
from edition_scenario import ADDED, REASON, RETHEMED, REWORDED, WITHDRAWN, change_after_recording, record

DATE = ["--date", "2026-03-02"]


def build(output: Path, *options: object, corpus: Path = CORPUS):
    return invoke("site", "--output-dir", output, *DATE, *options, "--corpus", corpus)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("site") / "site"
    result = build(output, "--lang", "nl", "--lang", "en")
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="module")
def shipped(corpus):
    return corpus


class Links(HTMLParser):
    """Every href and src of a page, and its ids."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def page_links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


# --- pages ------------------------------------------------------------------------------------------


def test_every_statement_has_its_permanent_page_with_its_verbatim_text(site, shipped):
    import html

    for statement in shipped.statements:
        page = site / "knelpunten" / statement.id.lower() / "index.html"
        assert page.is_file(), page
        content = page.read_text(encoding="utf-8")
        assert html.escape(statement.text, quote=False) in content
        assert f"§{statement.source.section}" in content and f"p.&nbsp;{statement.source.page}</td>" in content
        english = site / "en" / "knelpunten" / statement.id.lower() / "index.html"
        assert html.escape(statement.text, quote=False) in english.read_text(encoding="utf-8")


def test_a_statement_page_links_its_themes_facet_values_and_briefs(site, shipped):
    statement = next(
        s
        for s in shipped.statements
        if len(s.themes) > 1 and any(s.facet_values(facet) for facet in shipped.codebook.facet_slugs)
    )
    page = site / "knelpunten" / statement.id.lower() / "index.html"
    targets = {
        os.path.normpath(page.parent / unquote(urlsplit(link).path))
        for link in page_links(page).links
        if not link.startswith(("#", "http"))
    }
    for theme in statement.themes:
        assert str(site / "themas" / theme / "index.html") in targets
    for facet in shipped.codebook.facet_slugs:
        for value in statement.facet_values(facet):
            assert str(site / "facetten" / facet / value / "index.html") in targets
    holding = [name for name, spec in shipped.briefs.items() if spec.selection.select([statement])]
    for name in holding:
        assert str(site / "briefs" / name / "index.html") in targets


def test_every_theme_and_composed_brief_has_a_page_with_its_statements_and_downloads(site, shipped):
    for theme in shipped.codebook.themes:
        page = site / "themas" / theme.slug / "index.html"
        content = page.read_text(encoding="utf-8")
        for statement in shipped.statements_for(theme.slug):
            assert f"../../knelpunten/{statement.id.lower()}/index.html" in content
        for suffix in ("html", "docx", "xlsx", "csv"):
            assert f"../../data/briefs/{theme.slug}.{suffix}" in content
            assert (site / "data" / "briefs" / f"{theme.slug}.{suffix}").stat().st_size > 0
    for name in shipped.briefs:
        assert (site / "briefs" / name / "index.html").is_file()
        assert (site / "en" / "briefs" / name / "index.html").is_file()


def test_the_open_data_page_lists_every_brief_and_note_with_its_files(site, shipped):
    for prefix in ("", "en/"):
        page = site / prefix / "data" / "index.html"
        links = page_links(page).links
        english, files = (".en", "../../data/") if prefix else ("", "")  # the files of every language are in data/
        for theme in shipped.codebook.themes:
            assert f"../themas/{theme.slug}/index.html" in links
            for suffix in ("html", "docx", "xlsx", "csv"):
                assert f"{files}briefs/{theme.slug}{english}.{suffix}" in links
        for name in shipped.briefs:
            assert f"../briefs/{name}/index.html" in links
        for note in (CORPUS / "notes").glob("*.md"):
            assert f"../notities/{note.stem}/index.html" in links
            assert f"{files}notities/{note.stem}{english}.docx" in links
        assert "../overzicht/index.html" in links
    english = (site / "en" / "data" / "index.html").read_text(encoding="utf-8")
    assert "All statements (JSON)" in english and "Alle uitspraken" not in english  # each file named in English


NOTE = "geld-voor-de-aanpak"  # a shipped note: it quotes, cites and counts, and annexes the theme financiering


def _annexed(shipped) -> list[str]:
    """The note's annex as the corpus gives it: the cited statements in order, then its evidence not cited."""
    spec = shipped.notes[NOTE]
    evidence = [s.id for s in shipped.statements_for("financiering") if s.id not in spec.cited]
    return [*spec.cited, *evidence]


def test_every_note_has_a_page_with_its_text_quotes_counts_and_annex(site, shipped):
    from bottleneck_briefs.corpus.note_markers import find_markers

    spec = shipped.notes[NOTE]
    page = site / "notities" / NOTE / "index.html"
    content = page.read_text(encoding="utf-8")
    text = text_of(page)
    assert spec.front.title in text and spec.front.to in text and spec.front.reference in text
    assert "Aanleiding" in text and "[[" not in content  # the writer's text, every marker filled in
    statements = {s.id: s for s in shipped.statements}
    quoted = [m.statement_id for m in find_markers(spec.body) if m.statement_id]
    for statement_id in quoted:  # verbatim, each linking to its permanent page
        assert statements[statement_id].text in text
        assert f'href="../../knelpunten/{statement_id.lower()}/index.html"' in content
    financing = len(shipped.statements_for("financiering"))
    assert f"Professionals noemen {financing} knelpunten over financiering" in text  # counted at this build
    annex = content[content.index('id="bijlage"') :]
    ids = re.findall(r'<li class="statement" id="(kp-\d{3})">', annex)
    assert ids == [i.lower() for i in _annexed(shipped)]
    for statement_id in spec.cited:  # the text's citations lead to the annex, which is on the page
        assert f'href="#{statement_id.lower()}"' in content
    assert set(re.findall(r'<a class="note-citation" href="#(kp-\d{3})"', content)) <= set(ids)
    for name in shipped.notes:
        assert (site / "notities" / name / "index.html").is_file()
        assert (site / "en" / "notities" / name / "index.html").is_file()


def test_a_note_page_offers_the_notes_files_as_report_writes_them(site, shipped, tmp_path):
    content = (site / "notities" / NOTE / "index.html").read_text(encoding="utf-8")
    for suffix in ("html", "docx", "xlsx", "csv"):
        assert f'href="../../data/notities/{NOTE}.{suffix}" download' in content
        assert (site / "data" / "notities" / f"{NOTE}.{suffix}").stat().st_size > 0
    assert f'href="../../../data/notities/{NOTE}.en.html" download' in (
        site / "en" / "notities" / NOTE / "index.html"
    ).read_text(encoding="utf-8")
    out = tmp_path / "report"
    assert (
        invoke("report", "--note", NOTE, "--format", "csv", *DATE, "--output-dir", out, "--corpus", CORPUS).exit_code
        == 0
    )
    assert (out / f"{NOTE}.csv").read_bytes() == (site / "data" / "notities" / f"{NOTE}.csv").read_bytes()


def test_the_home_page_links_every_note(site, shipped):
    for home in (site / "index.html", site / "en" / "index.html"):
        links = page_links(home).links
        for name in shipped.notes:
            assert f"notities/{name}/index.html" in links
    assert shipped.notes[NOTE].front.title in text_of(site / "index.html")


def test_a_statement_page_lists_the_notes_that_cite_or_annex_it(site, shipped):
    annexed = set(_annexed(shipped))
    without = 0
    for statement in shipped.statements:
        content = (site / "knelpunten" / statement.id.lower() / "index.html").read_text(encoding="utf-8")
        row = re.search(r"<th scope=\"row\">Geciteerd in</th>(.*?)</tr>", content)
        if statement.id in annexed:
            assert row and f'href="../../notities/{NOTE}/index.html"' in row.group(1), statement.id
            assert shipped.notes[NOTE].front.title in row.group(1)
        elif row:
            assert f"notities/{NOTE}/" not in row.group(1), statement.id
        else:
            without += 1
    assert without > 0  # a statement no note cites shows no such row
    assert "Cited in" in (site / "en" / "knelpunten" / shipped.notes[NOTE].cited[0].lower() / "index.html").read_text(
        encoding="utf-8"
    )


class DutchText(HTMLParser):
    """The texts of a page with the language each is in (the nearest lang attribute around it)."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        language = next((lang for _, lang in reversed(self.open) if lang), None)
        self.texts.append((" ".join(data.split()), language))


def test_the_english_site_marks_every_dutch_text_it_quotes_as_dutch(site, shipped):
    """WCAG 3.1.2: a statement, and a note's own words, are Dutch on the English pages too."""
    dutch = [" ".join(s.text.split()) for s in shipped.statements]
    for spec in shipped.notes.values():
        dutch += [" ".join(spec.body.split()), spec.front.title, spec.front.to]
    unmarked = []
    for page in sorted((site / "en").rglob("*.html")):
        parser = DutchText()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.texts
        for text, language in parser.texts:
            if len(text) >= 20 and language != "nl" and any(text in source for source in dutch):
                unmarked.append((page.relative_to(site).as_posix(), text[:60]))
    assert unmarked == []


def test_every_relative_link_and_source_leads_to_a_file_of_the_site(site):
    """Links are relative, so the site works from any folder: each one must resolve inside the site."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    ids = {page: page_links(page).ids for page in pages}
    broken = []
    for page in pages:
        for link in page_links(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                assert parts.scheme in ("http", "https", "mailto"), (page, link)
                continue
            assert not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_relative_to(site.resolve()) or not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, set()):
                broken.append(f"{page.relative_to(site)} -> {link} (no such id)")
    assert broken == []


def test_no_page_refers_to_another_origin(site):
    """No CDN, font, script or stylesheet from elsewhere: every src and stylesheet is the site's own."""
    for page in site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        assert (
            not re.search(r'(src|href)="(https?:)?//[^"]*"[^>]*>', re.sub(r"<a [^>]*>", "", content))
            or "canonical" in content
        ), page
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert re.findall(r"url\(([^)]*)\)", css) and all(
        not url.strip("\"'").startswith(("http", "//", "data:")) for url in re.findall(r"url\(([^)]*)\)", css)
    )
    for url in re.findall(r"url\(\"?([^)\"]*)\"?\)", css):
        assert (site / "assets" / url).is_file(), url


def test_the_map_has_one_real_table_per_facet_and_each_count_links_to_its_statements(site, shipped):
    for facet in shipped.codebook.facet_slugs:
        page = site / "kaart" / facet / "index.html"
        content = page.read_text(encoding="utf-8")
        assert content.count("<table") == 1 and '<th scope="row">' in content and '<th scope="col"' in content
        for theme in shipped.codebook.themes:
            for value in shipped.codebook.facet(facet).values:
                count = sum(
                    1 for s in shipped.statements if theme.slug in s.themes and value.slug in s.facet_values(facet)
                )
                cell = site / "kaart" / facet / theme.slug / value.slug / "index.html"
                assert cell.is_file() == bool(count), cell
                if count:
                    assert f'href="{theme.slug}/{value.slug}/index.html"' in content
                    assert cell.read_text(encoding="utf-8").count('class="statement"') == count
    assert (site / "kaart" / "index.html").is_file()


def test_open_data_holds_one_record_per_statement_in_every_format(site, shipped):
    import jsonschema
    from openpyxl import load_workbook

    records = json.loads((site / "data" / "knelpunten.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "statements.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, schema)
    assert [r["id"] for r in records["statements"]] == [s.id for s in shipped.statements]
    assert [r["text"] for r in records["statements"]] == [s.text for s in shipped.statements]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "knelpunten.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [s.id for s in shipped.statements]
    assert [row["text"] for row in rows] == [s.text for s in shipped.statements]
    sheet = load_workbook(site / "data" / "knelpunten.xlsx", read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert [row[1] for row in values[1:]] == [s.text for s in shipped.statements]
    assert (site / "data" / "codeboek.qdc").read_bytes().startswith(b"<?xml")
    for statement in records["statements"]:
        assert (site / statement["page_path"]).is_file()


# --- editions, withdrawn statements ------------------------------------------------------------------


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("edited") / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    record(corpus)
    change_after_recording(corpus)
    record(corpus, "2026-2", "2026-04-01")
    output = corpus.parent / "site"
    result = build(output, corpus=corpus)
    assert result.exit_code == 0, result.output
    return output


def test_a_withdrawn_statement_keeps_its_address_with_a_notice_and_its_reason(edited_site):
    page = edited_site / "knelpunten" / WITHDRAWN.lower() / "index.html"
    text = text_of(page)
    assert "Deze uitspraak is ingetrokken." in text and REASON in text
    assert "Hoeveel geld is er eigenlijk beschikbaar" in text  # as the edition had it
    assert "Editie 2026-2 (2026-04-01): ingetrokken" in text


def test_a_statement_page_tells_its_history_across_the_editions(edited_site):
    reworded = text_of(edited_site / "knelpunten" / REWORDED.lower() / "index.html")
    assert "Editie 2026-1 (2026-03-01): toegevoegd" in reworded
    assert "Editie 2026-2 (2026-04-01): anders verwoord" in reworded
    content = (edited_site / "knelpunten" / REWORDED.lower() / "index.html").read_text(encoding="utf-8")
    assert "<del>korte termijn</del>" in content and "<ins>kortlopend</ins>" in content
    rethemed = text_of(edited_site / "knelpunten" / RETHEMED.lower() / "index.html")
    assert "anders ingedeeld" in rethemed and "erbij: Zorg en hulpverlening" in rethemed
    added = text_of(edited_site / "knelpunten" / ADDED.lower() / "index.html")
    assert "Editie 2026-2 (2026-04-01): toegevoegd" in added


def test_the_dataset_has_a_version_per_edition(edited_site):
    description = json.loads((edited_site / "data" / "dataset.jsonld").read_text(encoding="utf-8"))
    versions = [node.get("owl:versionInfo") for node in description["@graph"]]
    assert versions == [None, "2026-1", "2026-2"]
    for name in ("2026-1", "2026-2"):
        records = json.loads((edited_site / "data" / "edities" / name / "knelpunten.json").read_text(encoding="utf-8"))
        assert (WITHDRAWN in [r["id"] for r in records["statements"]]) == (name == "2026-1")


# --- the standards of the briefs ---------------------------------------------------------------------


def test_the_same_corpus_gives_the_same_bytes_in_any_folder(site, tmp_path):
    again = tmp_path / "again"
    assert build(again, "--lang", "nl", "--lang", "en").exit_code == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_rebuild_rewrites_only_the_pages_that_changed(tmp_path):
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    output = tmp_path / "site"
    assert build(output, corpus=corpus).exit_code == 0
    inodes = {p: p.stat().st_ino for p in output.rglob("*") if p.is_file()}
    again = build(output, corpus=corpus)
    assert again.exit_code == 0 and "(0 written," in again.output
    assert {p: p.stat().st_ino for p in output.rglob("*") if p.is_file()} == inodes
    add_editor_note(corpus)
    changed = build(output, corpus=corpus)
    assert changed.exit_code == 0, changed.output
    written = int(re.search(r"\((\d+) written", changed.output).group(1))
    assert 0 < written < len(inodes) // 2
    kept = [p for p in output.rglob("*.html") if inodes.get(p) == p.stat().st_ino]
    assert len(kept) > 3 * len([p for p in inodes if p.suffix == ".html"]) // 4  # pages and files of HTML alike


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_rebuild_takes_unchanged_pages_from_the_build_cache_and_gives_the_bytes_of_a_fresh_build(tmp_path):
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    output = tmp_path / "site"
    first = build(output, "--no-search", corpus=corpus)
    assert first.exit_code == 0 and "; 0 pages not rendered anew" in first.output, first.output
    manifest = json.loads((output / ".bottlenecks-site-cache.json").read_text(encoding="utf-8"))
    cacheable = len([path for path in manifest["files"] if path.endswith("/index.html")])  # the cached kinds
    assert cacheable > len(list((output / "knelpunten").iterdir()))
    add_editor_note(corpus)
    (output / "knelpunten" / "kp-001" / "index.html").write_text("edited by hand", encoding="utf-8")
    again = build(output, "--no-search", corpus=corpus)
    assert again.exit_code == 0, again.output
    reused = int(re.search(r"; (\d+) pages not rendered anew", again.output).group(1))
    # anew: the noted statement's page, its map cell and facet value pages, and the page edited by hand
    assert cacheable - 6 <= reused <= cacheable - 2
    # the briefs that do not hold the statement: their files taken, only the corpus's version in them written anew
    taken, total = map(int, re.search(r"; (\d+) of (\d+) brief files taken", again.output).groups())
    assert 0 < taken < total
    assert "Een opmerking van de redactie." in "".join(
        p.read_text(encoding="utf-8") for p in (output / "knelpunten").glob("*/index.html")
    )
    fresh = tmp_path / "fresh"
    assert build(fresh, "--no-search", corpus=corpus).exit_code == 0
    assert _files(output) == _files(fresh)  # the hand-edited page is made anew, the rest as a fresh build makes it
    templates = tmp_path / "templates" / "site"
    templates.mkdir(parents=True)
    layout = Path(__file__).resolve().parent.parent / "templates" / "site" / "statement.html.j2"
    (templates / "statement.html.j2").write_text(
        layout.read_text(encoding="utf-8").replace('<h2>{{ _("Citeerwijze") }}</h2>', "<h2>Zo citeert u</h2>"),
        encoding="utf-8",
    )
    restyled = build(output, "--no-search", "--templates", templates.parent, corpus=corpus)
    assert restyled.exit_code == 0 and "; 0 pages not rendered anew" in restyled.output, restyled.output
    assert "Zo citeert u" in (output / "knelpunten" / "kp-002" / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_from_the_same_inputs_builds_nothing_unless_the_old_site_was_touched(tmp_path, monkeypatch):
    from bottleneck_briefs.site import site_build

    builds = calls_to(monkeypatch, site_build, "build_site")
    output = tmp_path / "site"
    assert build(output, "--no-search").exit_code == 0 and len(builds) == 1
    made = _files(output)
    again = build(output, "--no-search")
    assert again.exit_code == 0 and "(0 written," in again.output and len(builds) == 1, again.output
    assert _files(output) == made
    # each of these makes the site differ from what was built: it is built and written whole again
    touches = [
        lambda: (output / "knelpunten" / "kp-002" / "index.html").write_text("edited", encoding="utf-8"),
        lambda: (output / "extra.html").write_text("foreign", encoding="utf-8"),
        lambda: (output / "knelpunten" / "kp-002" / "index.html").unlink(),
        lambda: os.symlink(output / "index.html", output / "linked.html"),
        lambda: os.mkfifo(output / "pipe"),
    ]
    for touch in touches:
        touch()
        assert build(output, "--no-search").exit_code == 0
        assert _files(output) == made and not (output / "linked.html").is_symlink()
        assert not (output / "pipe").exists()
    assert len(builds) == 1 + len(touches)
    assert build(output, "--no-search", "--date", "2026-03-03").exit_code == 0 and len(builds) == 2 + len(touches)


def test_a_note_page_is_rendered_again_only_when_the_notes_inputs_change(tmp_path, monkeypatch):
    from bottleneck_briefs.site import site_build

    rendered: list[str] = []
    render_page = site_build.render_page

    def recording(page, *args, **kwargs):
        rendered.append(page.path)
        return render_page(page, *args, **kwargs)

    monkeypatch.setattr(site_build, "render_page", recording)
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    output = tmp_path / "site"
    page = f"notities/{NOTE}/index.html"
    assert build(output, "--no-search", corpus=corpus).exit_code == 0 and page in rendered
    rendered.clear()
    assert build(output, "--no-search", corpus=corpus).exit_code == 0
    assert page not in rendered and "notities/capaciteit-beslisnota/index.html" not in rendered
    note = corpus / "notes" / f"{NOTE}.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace("## Aanleiding\n", "## Aanleiding\n\nEen nieuwe zin van de opsteller.\n", 1), encoding="utf-8"
    )
    rendered.clear()
    assert build(output, "--no-search", corpus=corpus).exit_code == 0
    assert page in rendered
    assert not [path for path in rendered if path.startswith("knelpunten/")]  # they show the title alone
    assert "Een nieuwe zin van de opsteller." in (output / page).read_text(encoding="utf-8")
    assert "Een nieuwe zin van de opsteller." in (output / "data" / "notities" / f"{NOTE}.html").read_text("utf-8")
    # one more statement of the note's theme: its count, its annex and its files change
    add_editor_note(corpus)
    rendered.clear()
    assert build(output, "--no-search", corpus=corpus).exit_code == 0
    assert page in rendered and "Een opmerking van de redactie." in (output / page).read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert build(fresh, "--no-search", corpus=corpus).exit_code == 0
    assert _files(output) == _files(fresh)


def test_a_rebuild_whose_statement_pages_did_not_change_takes_the_old_search_index(tmp_path, monkeypatch):
    from bottleneck_briefs.site import site_build

    runs: list[int] = []

    class Counting(site_build.PagefindRun):
        def __init__(self, pages):
            runs.append(len(pages))
            super().__init__(pages)

    monkeypatch.setattr(site_build, "PagefindRun", Counting)
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    output = tmp_path / "site"
    assert build(output, corpus=corpus).exit_code == 0 and len(runs) == 1
    note = corpus / "notes" / f"{NOTE}.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("## Aanleiding\n", "## Aanleiding\n\nEen nieuwe zin.\n", 1), encoding="utf-8")
    bundle = {path: data for path, data in _files(output).items() if path.startswith("pagefind/")}
    changed = build(output, corpus=corpus)
    assert changed.exit_code == 0 and "(0 written" not in changed.output, changed.output
    assert len(runs) == 1  # the statement pages are those of the last build: so is their index
    assert {path: data for path, data in _files(output).items() if path.startswith("pagefind/")} == bundle
    # a bundle file changed by hand is never taken: the index is made anew
    (output / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    note.write_text(text, encoding="utf-8")
    assert build(output, corpus=corpus).exit_code == 0 and len(runs) == 2
    fresh = tmp_path / "fresh"
    assert build(fresh, corpus=corpus).exit_code == 0
    assert _files(output) == _files(fresh)


def test_the_open_data_is_made_again_only_when_the_corpus_changes(tmp_path, monkeypatch):
    from bottleneck_briefs.site import open_data

    made = count_calls_in_any_process(monkeypatch, open_data, "records_xlsx", tmp_path / "made")  # in the workers
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    output = tmp_path / "site"
    assert build(output, "--no-search", corpus=corpus).exit_code == 0 and made() == 1
    templates = tmp_path / "templates" / "site"
    templates.mkdir(parents=True)
    (templates / "site.css").write_text(
        (Path(__file__).resolve().parent.parent / "templates" / "site" / "site.css").read_text(encoding="utf-8")
        + "\n/* house style */\n",
        encoding="utf-8",
    )
    restyled = build(output, "--no-search", "--templates", templates.parent, corpus=corpus)
    assert restyled.exit_code == 0 and "(0 written" not in restyled.output and made() == 1, restyled.output
    (output / "data" / "knelpunten.xlsx").write_bytes(b"edited by hand")
    assert build(output, "--no-search", corpus=corpus).exit_code == 0 and made() == 2  # never taken once edited
    note = corpus / "notes" / f"{NOTE}.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    assert build(output, "--no-search", corpus=corpus).exit_code == 0 and made() == 3  # another corpus version
    fresh = tmp_path / "fresh"
    assert build(fresh, "--no-search", corpus=corpus).exit_code == 0
    assert _files(output) == _files(fresh)


def _gone(folder: Path) -> list[str]:
    """The swapped-out sites still being removed, once their removers had a minute to finish."""
    for _ in range(600):
        left = sorted(path.name for path in folder.iterdir() if ".gone-" in path.name)
        if not left:
            break
        time.sleep(0.1)
    return left


def test_the_old_site_is_removed_after_the_swap_and_a_stopped_removal_by_the_next_run(tmp_path):
    output = tmp_path / "site"
    assert build(output, "--no-search").exit_code == 0
    assert build(output, "--no-search", "--date", "2026-03-03").exit_code == 0  # another site: swapped in
    assert _gone(tmp_path) == [] and sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    stopped = tmp_path / ".site.gone-999999-0.tmp"  # a removal stopped with its process
    (stopped / "knelpunten" / "kp-002").mkdir(parents=True)
    (stopped / "knelpunten" / "kp-002" / "index.html").write_text("old", encoding="utf-8")
    assert build(output, "--no-search").exit_code == 0
    assert _gone(tmp_path) == [] and sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_first_site_another_run_put_in_place_meanwhile_is_replaced_whole(tmp_path, monkeypatch):
    """Two first builds at once: the one that ends second swaps its site in as it would over any old site."""
    from bottleneck_briefs.site import site_writing

    fresh, other, output = tmp_path / "fresh", tmp_path / "other", tmp_path / "site"
    assert build(fresh, "--no-search").exit_code == 0
    assert build(other, "--no-search", "--date", "2026-03-03").exit_code == 0  # what the other run wrote
    real = site_writing.old_files

    def other_run_done_meanwhile(root):  # called once there was no site yet
        found = real(root)
        shutil.copytree(other, output)
        return found

    monkeypatch.setattr(site_writing, "old_files", other_run_done_meanwhile)
    result = build(output, "--no-search")
    assert result.exit_code == 0, result.output
    assert _files(output) == _files(fresh)
    assert _gone(tmp_path) == [] and sorted(path.name for path in tmp_path.iterdir()) == ["fresh", "other", "site"]


@pytest.mark.parametrize("when", ["before the links", "while the links are made"])
def test_a_site_another_run_put_in_place_meanwhile_never_lends_this_one_its_files(when, tmp_path, monkeypatch):
    """The pages a rebuild took from the old site are linked from that site only: should another run swap its own
    site in first (here with one such page changed, its size kept), this run's site is still a fresh build's."""
    from bottleneck_briefs.site import site_writing

    corpus, output = tmp_path / "bottlenecks", tmp_path / "site"
    shutil.copytree(CORPUS, corpus)
    assert build(output, "--no-search", corpus=corpus).exit_code == 0
    add_editor_note(corpus)  # a rebuild that takes most pages from the old site
    page = "knelpunten/kp-003/index.html"

    def other_run_swaps_its_site_in() -> None:
        other = tmp_path / "other"
        shutil.copytree(output, other)
        data = (other / page).read_bytes()
        (other / page).write_bytes(data.replace(b"<main", b"<MAIN", 1))
        os.rename(output, tmp_path / "aside")
        os.rename(other, output)

    real_write, real_link = site_writing.write_site, os.link
    swapped = []

    def write_site(output_dir, files, taken, old):
        assert page in taken
        if when == "before the links":
            other_run_swaps_its_site_in()
            swapped.append(page)
        return real_write(output_dir, files, taken, old)

    def link(source, target, **options):
        if not swapped:
            other_run_swaps_its_site_in()
            swapped.append(page)
        return real_link(source, target, **options)

    monkeypatch.setattr(site_writing, "write_site", write_site)
    monkeypatch.setattr(os, "link", link)
    result = build(output, "--no-search", corpus=corpus)
    assert result.exit_code == 0, result.output
    assert swapped
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    assert build(fresh, "--no-search", corpus=corpus).exit_code == 0
    assert _files(output) == _files(fresh)


def test_files_removed_from_the_old_site_while_the_new_one_was_built_are_written_all_the_same(tmp_path, monkeypatch):
    """A page the build took from the old site and a file it will compare there, removed by hand meanwhile."""
    from bottleneck_briefs.site import site_writing

    corpus, output = tmp_path / "bottlenecks", tmp_path / "site"
    shutil.copytree(CORPUS, corpus)
    assert build(output, "--no-search", corpus=corpus).exit_code == 0
    add_editor_note(corpus)
    real_write = site_writing.write_site

    def write_site(output_dir, files, taken, old):
        assert "knelpunten/kp-003/index.html" in taken and "assets/site.css" not in taken
        (output / "knelpunten" / "kp-003" / "index.html").unlink()
        (output / "assets" / "site.css").unlink()
        return real_write(output_dir, files, taken, old)

    monkeypatch.setattr(site_writing, "write_site", write_site)
    result = build(output, "--no-search", corpus=corpus)
    assert result.exit_code == 0, result.output
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    assert build(fresh, "--no-search", corpus=corpus).exit_code == 0
    assert _files(output) == _files(fresh)


def test_a_file_made_a_symbolic_link_since_the_walk_is_written_never_linked(tmp_path, monkeypatch):
    """An old file compared with the new bytes, replaced by hand meanwhile by a link to a file outside the site with
    those bytes: the new site gets a plain file of its own, neither the link nor the file it points to."""
    from bottleneck_briefs.site import site_writing

    corpus, output = tmp_path / "bottlenecks", tmp_path / "site"
    shutil.copytree(CORPUS, corpus)
    assert build(output, "--no-search", corpus=corpus).exit_code == 0
    add_editor_note(corpus)
    outside = tmp_path / "outside.css"
    real_write = site_writing.write_site

    def write_site(output_dir, files, taken, old):
        assert "assets/site.css" not in taken and "assets/site.css" in old.sizes
        shutil.copyfile(output / "assets" / "site.css", outside)
        (output / "assets" / "site.css").unlink()
        (output / "assets" / "site.css").symlink_to(outside)
        return real_write(output_dir, files, taken, old)

    monkeypatch.setattr(site_writing, "write_site", write_site)
    result = build(output, "--no-search", corpus=corpus)
    assert result.exit_code == 0, result.output
    written = output / "assets" / "site.css"
    assert not written.is_symlink() and not os.path.samefile(written, outside)
    assert written.read_bytes() == outside.read_bytes()


def test_personal_data_in_a_note_refuses_the_site_before_anything_is_written(tmp_path):
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    note = corpus / "notes" / f"{NOTE}.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace(
            "## Aanleiding\n", "## Aanleiding\n\nVragen aan jan.jansen@example.nl of 06-12345678.\n", 1
        ),
        encoding="utf-8",
    )
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("the old site", encoding="utf-8")
    result = build(output, corpus=corpus)
    assert result.exit_code == 1
    assert f"{NOTE}.md" in result.output and "e-mail" in result.output.lower()
    assert "nothing was written" in result.output
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the old site"


def test_the_privacy_guard_refuses_before_anything_is_written(tmp_path):
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    statements = corpus / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(
        text.replace(
            "    themes: [financiering]\n",
            "    themes: [financiering]\n    note: Vragen aan jan.jansen@example.nl\n",
            1,
        ),
        encoding="utf-8",
    )
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("the old site", encoding="utf-8")
    result = build(output, corpus=corpus)
    assert result.exit_code == 1
    assert "nothing was written" in result.output and "e-mail" in result.output.lower()
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the old site"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    "script", ["echo 'index: out of memory' >&2; exit 3", 'mkdir -p "$4"; : > "$4/pagefind-entry.json"']
)
def test_a_search_index_pagefind_could_not_make_whole_is_a_clear_error_and_nothing_is_written(
    script, tmp_path, monkeypatch
):
    """A Pagefind that fails, or leaves its entry file empty (as its service could under load), stops the run."""
    from bottleneck_briefs.site import search_index

    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(search_index, "_executable", lambda: fake)
    output = tmp_path / "site"
    result = build(output)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exc_info  # no traceback
    assert "the search index could not be" in result.output and "nothing was written" in result.output
    assert ("status 3: index: out of memory" in result.output) == script.startswith("echo")
    assert not output.exists()


def test_a_failed_write_leaves_the_old_site_whole(tmp_path, monkeypatch):
    from bottleneck_briefs.site import site_writing

    output = tmp_path / "site"
    assert build(output, "--no-search").exit_code == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    staged = []
    real_fdopen = os.fdopen

    class FillsUp(io.BufferedWriter):
        """A file whose disk is full after half of what is written to it."""

        def write(self, data):
            super().write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    def fdopen(handle, mode="r", *args, **kwargs):
        path = os.readlink(f"/proc/self/fd/{handle}")
        if mode != "wb" or f"{tmp_path}/.site.site-" not in path:
            return real_fdopen(handle, mode, *args, **kwargs)  # not a file of the new site
        staged.append(path)
        return FillsUp(io.FileIO(handle, "wb")) if len(staged) > 20 else real_fdopen(handle, mode, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)
    result = build(output, "--no-search", "--date", "2027-01-01")
    assert len(staged) == 21  # the twenty-first file of the new site filled the disk
    assert result.exit_code == 1 and "No space left on device" in result.output, result.output
    full = Path(staged[-1])
    staging = next(folder for folder in full.parents if folder.name.startswith(".site.site-"))
    assert f"cannot write {output / full.relative_to(staging)}: No space" in result.output  # named in the site
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert site_writing  # the writer whose failure this is


def test_a_run_killed_before_its_swap_leaves_the_old_site_and_is_cleaned_up(tmp_path):
    output = tmp_path / "site"
    assert build(output, "--no-search").exit_code == 0
    leftover = tmp_path / ".site.site-999999.tmp"  # a killed run's folder: its process is gone
    (leftover / "knelpunten").mkdir(parents=True)
    (leftover / "index.html").write_text("half", encoding="utf-8")
    assert (output / "index.html").read_text(encoding="utf-8") != "half"
    assert build(output, "--no-search").exit_code == 0
    assert not leftover.exists()


def test_an_output_folder_that_is_a_symlink_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    link = tmp_path / "site"
    link.symlink_to(elsewhere)
    result = build(link, "--no-search")
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]


def test_a_symlink_inside_the_old_site_is_never_followed(tmp_path):
    output = tmp_path / "site"
    assert build(output, "--no-search").exit_code == 0
    secret = tmp_path / "secret.html"
    secret.write_text("outside", encoding="utf-8")
    page = output / "zoeken" / "index.html"
    page.unlink()
    page.symlink_to(secret)
    assert build(output, "--no-search").exit_code == 0
    assert not (output / "zoeken" / "index.html").is_symlink()
    assert secret.read_text(encoding="utf-8") == "outside"


def test_the_site_warns_what_the_publication_lacks_for_the_dataset_and_check_site_too(tmp_path):
    output = tmp_path / "site"
    result = build(output, "--no-search")
    assert result.exit_code == 0
    for field in ("contact", "licence", "creator", "dataset_theme"):
        assert f"publication.yaml: warning: {field}: missing" in result.output
    checked = invoke("check", "--site", "--corpus", CORPUS)
    assert checked.exit_code == 0 and "publication.yaml: warning: dataset_theme: missing" in checked.output
    plain = invoke("check", "--corpus", CORPUS)
    assert "dataset_theme" not in plain.output


def test_base_url_gives_canonical_addresses_while_links_stay_relative(tmp_path):
    output = tmp_path / "site"
    result = build(output, "--no-search", "--base-url", "https://example.org/knelpunten")
    assert result.exit_code == 0
    page = (output / "knelpunten" / "kp-002" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/knelpunten/knelpunten/kp-002/">' in page
    assert 'href="../../themas/' in page
    assert invoke("site", "--base-url", "example.org").exit_code == 2


def test_the_site_writes_nothing_outside_its_output_folder(tmp_path):
    """Pagefind writes its index where it is told: never into the folder the command runs in."""
    from conftest import bottlenecks

    work = tmp_path / "work"
    work.mkdir()
    done = bottlenecks("site", "--output-dir", str(tmp_path / "out" / "site"), *DATE, "--corpus", str(CORPUS), cwd=work)
    assert done.returncode == 0, done.stderr
    assert list(work.iterdir()) == []
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["site"]
    assert (tmp_path / "out" / "site" / "pagefind" / "pagefind-entry.json").is_file()


WEBSITE = "https://example.org/knelpunten-site"


def _with_website(tmp_path: Path) -> Path:
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    publication = corpus / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8") + f"website: {WEBSITE}/\n", encoding="utf-8")
    return corpus


def test_the_statement_links_in_a_brief_lead_to_the_permanent_pages_when_there_is_a_website(tmp_path):
    corpus = _with_website(tmp_path)
    for language, prefix in (("nl", ""), ("en", "en/")):
        out = tmp_path / f"reports-{language}"
        result = invoke(
            "report",
            "--theme",
            "financiering",
            "--format",
            "html",
            "--lang",
            language,
            "--output-dir",
            out,
            "--corpus",
            corpus,
        )
        assert result.exit_code == 0, result.output
        html = next(out.glob("*.html")).read_text(encoding="utf-8")
        assert f'<a class="statement-id" href="{WEBSITE}/{prefix}knelpunten/kp-002/">KP-002</a>' in html
        assert 'class="statement-id" href="#' not in html
    site = tmp_path / "site"
    assert (
        invoke(
            "site", "--output-dir", site, "--no-search", "--lang", "nl", "--lang", "en", "--corpus", corpus
        ).exit_code
        == 0
    )
    assert (site / "knelpunten" / "kp-002" / "index.html").is_file()  # where the link leads, once published
    assert (site / "en" / "knelpunten" / "kp-002" / "index.html").is_file()
    plain = tmp_path / "plain"
    assert (
        invoke(
            "report", "--theme", "financiering", "--format", "html", "--output-dir", plain, "--corpus", CORPUS
        ).exit_code
        == 0
    )
    assert '<a class="statement-id" href="#kp-002">KP-002</a>' in next(plain.glob("*.html")).read_text("utf-8")


def test_the_statement_links_in_a_note_lead_to_the_permanent_pages_when_there_is_a_website(tmp_path):
    corpus = _with_website(tmp_path)
    note = sorted((corpus / "notes").glob("*.md"))[0]
    out = tmp_path / "reports"
    result = invoke("report", "--note", note.stem, "--format", "html", "--output-dir", out, "--corpus", corpus)
    assert result.exit_code == 0, result.output
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    links = re.findall(r'<a class="statement-id" href="([^"]*)">(KP-\d{3})</a>', html)
    assert links and all(href == f"{WEBSITE}/knelpunten/{number.lower()}/" for href, number in links)


def test_without_other_processes_the_site_is_the_same(tmp_path, monkeypatch):
    from bottleneck_briefs.site import site_build

    forked = tmp_path / "forked"
    assert build(forked, "--no-search").exit_code == 0
    monkeypatch.setattr(site_build.multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    pool = calls_to(monkeypatch, site_build, "ProcessPoolExecutor")
    alone = tmp_path / "alone"
    assert build(alone, "--no-search").exit_code == 0 and not pool
    assert _files(alone) == _files(forked)
