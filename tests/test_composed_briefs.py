"""Composed briefs: brief files under briefs/, `report --brief`, the facet filters, --combine and --name.

The statements a selection should hold are computed here from the corpus YAML,
read with PyYAML in this file, never by the code under test.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from bottleneck_briefs.briefs.render.summary_markdown import summary_html
from conftest import CORPUS, invoke

DATE = ["--date", "2026-12-01"]
EXAMPLE = "opvang-en-zorg"


def report(corpus: Path, out: Path, *args: str):
    return invoke("report", *args, "--corpus", str(corpus), "--output-dir", str(out), *DATE)


# --- the expected selection, from the YAML itself ----------------------------------------------------


def corpus_yaml(corpus: Path) -> tuple[dict, list[dict]]:
    codebook = yaml.safe_load((corpus / "codebook.yaml").read_text(encoding="utf-8"))
    statements = [
        item
        for path in sorted((corpus / "statements").glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["statements"]
    ]
    return codebook, statements


def expected_ids(corpus: Path, select: dict) -> set[str]:
    """Themes: any of them; each facet given: any of its values; all facets given; plus include, minus exclude."""
    codebook, statements = corpus_yaml(corpus)
    facet_values = {facet["slug"]: facet["values"] for facet in codebook["facets"]}  # as the codebook declares them
    theme_names = {
        name.lower(): theme["slug"] for theme in codebook["themes"] for name in (theme["slug"], theme["title"])
    }
    facet_names = {
        facet: {name.lower(): value["slug"] for value in values for name in (value["slug"], value["label"])}
        for facet, values in facet_values.items()
    }
    themes = {theme_names[value.lower()] for value in select.get("themes", [])}
    facets = {
        facet: {facet_names[facet][value.lower()] for value in select[facet]}
        for facet in facet_values
        if select.get(facet)
    }
    chosen = set()
    for statement in statements:
        filtered = bool(themes or facets)
        if themes and not themes & set(statement["themes"]):
            filtered = False
        if any(not values & set(statement.get(facet, [])) for facet, values in facets.items()):
            filtered = False
        if filtered or statement["id"] in select.get("include", []):
            chosen.add(statement["id"])
    return chosen - set(select.get("exclude", []))


class StatementBlocks(HTMLParser):
    """The id and text of every statement block of an HTML brief, and the text of its own-text section."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.own_text = ""
        self._stack: list[str] = []  # per open element: what it is ("quote", "own", "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "statement" in classes:
            self.ids.append(attrs["id"].upper())
        kind = "quote" if "statement-text" in classes else "own" if "own-text" in classes else ""
        if tag not in ("meta", "br", "link", "img", "input", "hr"):
            self._stack.append(kind)
        if kind == "quote":
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag not in ("meta", "br", "link", "img", "input", "hr") and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if "quote" in self._stack:
            self.texts[-1] += data
        if "own" in self._stack:
            self.own_text += data


def blocks(path: Path) -> StatementBlocks:
    parser = StatementBlocks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pdf_ids(path: Path) -> set[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return set(re.findall(r"·\s*(KP-\d{3,})", text))  # the id after each statement's citation


def write_brief(corpus: Path, name: str, text: str) -> Path:
    path = corpus / "briefs" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


# --- the shipped example, in PDF and HTML -------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("composed")
    result = report(CORPUS, out, "--brief", EXAMPLE)
    assert result.exit_code == 0, result.output
    return out


def example_select() -> dict:
    return yaml.safe_load((CORPUS / "briefs" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8"))["select"]


def test_the_example_selects_what_its_file_says_in_pdf_and_html(example):
    expected = expected_ids(CORPUS, example_select())
    assert len(expected) == 14  # opvang or zorg (14), plus KP-022, minus KP-030
    parsed = blocks(example / f"{EXAMPLE}.html")
    assert sorted(parsed.ids) == sorted(expected)  # each exactly once
    assert pdf_ids(example / f"{EXAMPLE}.pdf") == expected


def test_statements_stay_verbatim_and_the_summary_stays_apart(example):
    _, statements = corpus_yaml(CORPUS)
    texts = {statement["id"]: " ".join(statement["text"].split()) for statement in statements}
    parsed = blocks(example / f"{EXAMPLE}.html")
    assert [" ".join(text.split()) for text in parsed.texts] == [texts[i] for i in parsed.ids]
    summary = yaml.safe_load((CORPUS / "briefs" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8"))["summary"]
    own = " ".join(parsed.own_text.split())
    assert "Kernboodschap van de opsteller" in own and "geen uitspraak uit de bron" in own
    assert "Professionals noemen tekorten" in own
    for text in parsed.texts:  # no sentence of the summary inside a statement
        assert "Professionals noemen" not in text and "Tussen wal en schip:" not in text
    assert "**" not in own and summary.count("**") == 8  # the Markdown became emphasis


def test_the_selection_is_stated_in_words(example):
    html = (example / f"{EXAMPLE}.html").read_text(encoding="utf-8")
    assert (
        "Uitspraken over opvang of zorg en hulpverlening, aangevuld met 1 met de hand gekozen uitspraak; "
        "1 uitspraak is met de hand weggelaten."
    ) in html
    assert "Met de hand toegevoegd: KP-022. Met de hand weggelaten: KP-030." in html  # which ones, in the colophon


def test_a_composed_brief_is_byte_identical_and_then_up_to_date(example, tmp_path):
    result = report(CORPUS, tmp_path, "--brief", EXAMPLE)
    assert result.exit_code == 0, result.output
    for suffix in ("pdf", "html"):
        assert (tmp_path / f"{EXAMPLE}.{suffix}").read_bytes() == (example / f"{EXAMPLE}.{suffix}").read_bytes()
    again = report(CORPUS, tmp_path, "--brief", EXAMPLE)
    assert again.output.count("up to date") == 2, again.output


# --- selections of every kind, file against command line -----------------------------------------------

SELECTIONS = [
    {"themes": ["opvang", "zorg"], "doelgroep": ["minderjarigen"]},
    {"themes": ["Financiering"], "partijen": ["politie", "Gemeenten"]},
    {"partijen": ["gemeenten"], "exclude": ["KP-048"]},
    {"themes": ["Zorg en hulpverlening", "preventie"], "uitbuitingsvorm": ["crimineel"], "include": ["KP-013"]},
    {"include": ["KP-001", "KP-049"]},
    {"themes": ["capaciteit"], "doelgroep": ["daders", "asielzoekers"], "partijen": ["coa"]},
]


def select_yaml(select: dict) -> str:
    return "\n".join(f"  {key}: [{', '.join(values)}]" for key, values in select.items())


@pytest.mark.parametrize("select", SELECTIONS, ids=lambda select: "+".join(select))
def test_a_brief_file_renders_exactly_its_selection(select, corpus_copy, tmp_path):
    write_brief(corpus_copy, "keuze", f"title: Een keuze\nselect:\n{select_yaml(select)}\n")
    result = report(corpus_copy, tmp_path, "--brief", "keuze", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(blocks(tmp_path / "keuze.html").ids) == sorted(expected_ids(corpus_copy, select))


CLI_OPTIONS = {
    "themes": "--theme",
    "doelgroep": "--doelgroep",
    "partijen": "--partij",
    "uitbuitingsvorm": "--uitbuitingsvorm",
}


@pytest.mark.parametrize(
    "select", [s for s in SELECTIONS if "include" not in s and "exclude" not in s], ids=lambda select: "+".join(select)
)
def test_the_command_line_filters_give_what_the_equivalent_file_gives(select, corpus_copy, tmp_path):
    write_brief(corpus_copy, "bestand", f"title: Een keuze\nselect:\n{select_yaml(select)}\n")
    options = [arg for key, values in select.items() for value in values for arg in (CLI_OPTIONS[key], value)]
    from_file = report(corpus_copy, tmp_path, "--brief", "bestand", "--format", "html")
    from_options = report(corpus_copy, tmp_path, *options, "--combine", "--name", "opties", "--format", "html")
    assert from_file.exit_code == 0 and from_options.exit_code == 0, from_file.output + from_options.output
    file_ids = blocks(tmp_path / "bestand.html").ids
    assert file_ids == blocks(tmp_path / "opties.html").ids
    assert sorted(file_ids) == sorted(expected_ids(corpus_copy, select))
    listed = invoke("list", *options, "--corpus", str(corpus_copy))
    assert listed.exit_code == 0, listed.output
    assert re.findall(r"^(KP-\d{3,}) ", listed.output, flags=re.M) == file_ids or sorted(
        re.findall(r"^(KP-\d{3,}) ", listed.output, flags=re.M)
    ) == sorted(file_ids)


def test_combine_makes_one_brief_of_several_themes_named_by_them(tmp_path):
    result = report(CORPUS, tmp_path, "--theme", "Opvang", "--theme", "zorg", "--combine", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["opvang-zorg.html"]
    assert sorted(blocks(tmp_path / "opvang-zorg.html").ids) == sorted(
        expected_ids(CORPUS, {"themes": ["opvang", "zorg"]})
    )


def test_theme_values_in_any_case_and_by_title(tmp_path):
    result = report(CORPUS, tmp_path, "--theme", "Financiering", "--theme", "Zorg en hulpverlening", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["financiering.html", "zorg.html"]


def test_all_includes_every_brief_file(corpus_copy, tmp_path):
    write_brief(corpus_copy, "alleen-gekozen", "title: Twee gekozen\nselect:\n  include: [KP-001, KP-049]\n")
    result = report(corpus_copy, tmp_path, "--all", "--format", "html")
    assert result.exit_code == 0, result.output
    names = {p.stem for p in tmp_path.glob("*.html")}
    assert {EXAMPLE, "alleen-gekozen", "overzicht", "financiering"} <= names
    assert sorted(blocks(tmp_path / "alleen-gekozen.html").ids) == ["KP-001", "KP-049"]


# --- bad brief files: check names them; report writes nothing -----------------------------------------

BAD_FILES = [
    ("select:\n  themes: [opvng]\n", 3, 12, "select.themes[0]: unknown theme 'opvng' — did you mean 'opvang'?"),
    (
        "select:\n  themes: [opvang]\n  doelgroep: [minderjarig]\n",
        4,
        15,
        "select.doelgroep[0]: unknown doelgroep value 'minderjarig' — did you mean 'minderjarigen'?",
    ),
    ("select:\n  include: [KP-0022]\n", 3, 13, "select.include[0]: must be written 'KP-022', not 'KP-0022'"),
    (
        "select:\n  themes: [opvang]\n  include: [KP-022]\n  exclude: [KP-022]\n",
        5,
        13,
        "select.exclude[0]: id 'KP-022' is in both include (line 4) and exclude: keep one",
    ),
    ("select:\n  themes: [opvang]\n  doelgroep: [daders]\n", 2, 1, "select: this selection matches no statement"),
    ("select:\n  exclude: [KP-022]\n", 2, 1, "select: selects nothing: give themes, facet values"),
    ("selct:\n  themes: [opvang]\n", 2, 1, "selct: unknown field 'selct' — did you mean 'select'?"),
]


@pytest.mark.parametrize(
    "body, line, column, message", BAD_FILES, ids=[m.split("'")[1] if "'" in m else m[:20] for *_, m in BAD_FILES]
)
def test_check_names_a_mistake_in_a_brief_file_at_its_place(
    body, line, column, message, corpus_copy, tmp_path, monkeypatch
):
    monkeypatch.chdir(corpus_copy.parent)
    write_brief(corpus_copy, "fout", "title: Fout\n" + body)
    result = invoke("check", "--no-cache", "--corpus", "bottlenecks")
    assert result.exit_code == 1
    assert f"bottlenecks/briefs/fout.yaml:{line}:{column}: {message}" in result.output
    out = tmp_path / "reports"
    earlier = report(corpus_copy, out, "--theme", "opvang", "--format", "html")
    assert earlier.exit_code == 1 and not out.exists()  # a report run refuses the corpus too: nothing written


def test_a_retired_id_in_include_is_refused(corpus_copy):
    codebook = corpus_copy / "codebook.yaml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace(
            "retired_ids: []", "retired_ids:\n  - {id: KP-900, reason: Dubbel.}"
        ),
        encoding="utf-8",
    )
    write_brief(corpus_copy, "oud", "title: Oud\nselect:\n  include: [KP-900]\n")
    result = invoke("check", "--no-cache", "--corpus", str(corpus_copy))
    assert result.exit_code == 1
    assert "oud.yaml:3:13: select.include[0]: id 'KP-900' is retired" in result.output


@pytest.mark.parametrize(
    "name, says",
    [
        ("financiering", "'financiering' is a theme's slug: a composed brief needs another name"),
        ("overzicht", "'overzicht' names the overview's files"),
        ("Mijn Brief", "'Mijn Brief' cannot name a brief: use lowercase letters, digits and hyphens"),
    ],
)
def test_a_brief_file_name_never_collides_with_a_theme_or_is_unsafe(name, says, corpus_copy):
    write_brief(corpus_copy, name, "title: Botsing\nselect:\n  themes: [opvang]\n")
    result = invoke("check", "--no-cache", "--corpus", str(corpus_copy))
    assert result.exit_code == 1
    assert f"briefs/{name}.yaml: {says}" in result.output


def test_a_bad_brief_file_leaves_earlier_reports_as_they_were(corpus_copy, tmp_path):
    assert report(corpus_copy, tmp_path, "--brief", EXAMPLE, "--format", "html").exit_code == 0
    before = (tmp_path / f"{EXAMPLE}.html").read_bytes()
    path = corpus_copy / "briefs" / f"{EXAMPLE}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [opvang, zorg]", "themes: [opvang, zrg]"), encoding="utf-8"
    )
    result = report(corpus_copy, tmp_path, "--brief", EXAMPLE, "--format", "html")
    assert result.exit_code == 1
    assert "unknown theme 'zrg' — did you mean 'zorg'?" in result.output
    assert (tmp_path / f"{EXAMPLE}.html").read_bytes() == before


# --- bad command lines: exit 2, nothing written ----------------------------------------------------------

BAD_COMMAND_LINES = [
    (["--brief", "opvang-zorg"], "unknown brief 'opvang-zorg' — did you mean 'opvang-en-zorg'?"),
    (
        ["--theme", "opvang", "--doelgroep", "minderjarig"],
        "unknown doelgroep value 'minderjarig' — did you mean 'minderjarigen'?",
    ),
    (["--theme", "financering", "--combine"], "unknown theme 'financering' — did you mean 'financiering'?"),
    (["--theme", "opvang", "--combine"], "'opvang' is a theme's slug"),
    (["--theme", "opvang", "--doelgroep", "daders"], "this selection matches no statement"),
    (["--partij", "politie", "--name", "../buiten"], "'../buiten' cannot name a brief"),
    (["--partij", "politie", "--name", EXAMPLE], f"'{EXAMPLE}' is the name of a brief file"),
    (["--theme", "opvang", "--name", "x"], "--name names a combined brief"),
    (["--all", "--brief", EXAMPLE], "--all already writes every theme's and every brief file's brief"),
]


@pytest.mark.parametrize("args, says", BAD_COMMAND_LINES, ids=[says[:30] for _, says in BAD_COMMAND_LINES])
def test_a_bad_command_line_is_a_usage_error_and_writes_nothing(args, says, tmp_path):
    out = tmp_path / "reports"
    result = report(CORPUS, out, *args)
    assert result.exit_code == 2, result.output
    assert says in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not out.exists()


# --- the writer's and the editors' own text -----------------------------------------------------------


def test_the_markdown_subset_is_safe():
    html = summary_html(
        "Een *kort* stuk <script>alert(1)</script>\n\n- [goed](https://example.org) "
        "[slecht](javascript:alert(1)) [bestand](file:///etc/passwd)\n\n# geen kop\n"
    )
    assert "<em>kort</em>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert '<a href="https://example.org">goed</a>' in html
    assert "javascript:" not in html.split("[slecht]")[0] and 'href="javascript' not in html
    assert 'href="file' not in html
    assert "<h1>" not in html and "# geen kop" in html


def test_a_themes_own_summary_is_shown_as_the_editors(corpus_copy, tmp_path):
    codebook = corpus_copy / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(
        text.replace(
            "      (gebruik capaciteit).\n\n  - slug: capaciteit",
            "      (gebruik capaciteit).\n    summary: Geld komt *steeds* terug.\n\n  - slug: capaciteit",
            1,
        ),
        encoding="utf-8",
    )
    result = report(corpus_copy, tmp_path, "--theme", "financiering", "--format", "html")
    assert result.exit_code == 0, result.output
    parsed = blocks(tmp_path / "financiering.html")
    own = " ".join(parsed.own_text.split())
    assert own.startswith("Samenvatting van de redactie Geld komt steeds terug.")
    assert "<em>steeds</em>" in (tmp_path / "financiering.html").read_text(encoding="utf-8")
    assert not any("Geld komt" in text for text in parsed.texts)


def test_serve_previews_brief_files():
    from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
    from bottleneck_briefs.briefs.run.brief_report import html_brief
    from bottleneck_briefs.editing.preview_server import PreviewState

    state = PreviewState(CORPUS, DEFAULT_TEMPLATES, html_brief)
    status, index = state.page(None)
    assert f'href="/{EXAMPLE}.html"' in index
    status, page = state.page(EXAMPLE)
    assert status == 200 and "Kernboodschap van de opsteller" in page
    assert state.page("geen-brief")[0] == 404


def test_fmt_lays_out_a_brief_file_and_keeps_its_data(corpus_copy):
    path = write_brief(
        corpus_copy,
        "rommel",
        """
        select:
          exclude: [KP-030]
          themes:
            - opvang
            - Zorg en hulpverlening
        summary: "Een lange samenvatting die niet op één regel past, omdat ze langer is dan zesenzeventig tekens."
        title: Rommel   # de titel
        """,
    )
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = invoke("fmt", "--corpus", str(corpus_copy))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/brief.schema.json\n"
        "title: Rommel   # de titel\n\n"
        "summary: >-\n"
        "  Een lange samenvatting die niet op één regel past, omdat ze langer is\n"
        "  dan zesenzeventig tekens.\n\n"
        "select:\n"
        "  themes: [opvang, Zorg en hulpverlening]\n"
        "  exclude: [KP-030]\n"
    )
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == before


def test_an_english_composed_brief_has_english_labels(tmp_path):
    from test_english import DUTCH_LABELS, VisibleText

    result = report(CORPUS, tmp_path, "--brief", EXAMPLE, "--lang", "en", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / f"{EXAMPLE}.en.html").read_text(encoding="utf-8")
    assert (
        "Statements on shelter or care and support, with 1 statement chosen by hand; 1 statement was left out by hand."
    ) in html
    assert "The author’s key message" in html and "Shelter and care for victims" in html
    visible = VisibleText()
    visible.feed(html)
    assert [label for label in DUTCH_LABELS if label in visible.text] == []


def test_check_warns_of_hand_picks_that_change_nothing(corpus_copy):
    write_brief(
        corpus_copy,
        "overbodig",
        "title: Overbodig\nselect:\n  themes: [opvang]\n  include: [KP-038]\n  exclude: [KP-001]\n",
    )
    result = invoke("check", "--no-cache", "--corpus", str(corpus_copy))
    assert result.exit_code == 0, result.output
    assert (
        "overbodig.yaml:4:13: warning: select.include[0]: KP-038: the selection holds it anyway; "
        "listing it in include changes nothing"
    ) in result.output
    assert (
        "overbodig.yaml:5:13: warning: select.exclude[0]: KP-001: the selection does not hold it; "
        "listing it in exclude changes nothing"
    ) in result.output
