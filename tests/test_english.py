"""`report --lang en`: English labels, dates and numbers; statements verbatim in Dutch, translations marked."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bottleneck_briefs.briefs.content.translations import date_label, po_path
from conftest import DATA, ENGLISH_DATE, ROOT, pdf_text, report

TRANSLATED = DATA / "translated"

# Dutch words of the templates' labels: none may be left outside Dutch-marked text in an English brief
DUTCH_LABELS = [
    "Samenvatting",
    "Inhoud",
    "Uitspraken",
    "uitspraak",
    "Verantwoording",
    "Bron",
    "Datum",
    "Omvang",
    "Corpusversie",
    "Kerncijfers",
    "Figuur",
    "Thema",
    "thema",
    "Partijen",
    "Doelgroep",
    "pagina",
    "Noot van de redactie",
    "Ook onder",
    "Samen met",
    "Alleen",
    "Afbakening",
    "Herkomst",
    "Cijfers",
    "Aantal",
    "vermeldingen",
    "overzicht",
    "Knelpunten",
    "mensenhandel",
    "november",
    "van de",
    "geen",
]


class VisibleText(HTMLParser):
    """Text a reader sees, leaving out elements marked Dutch (lang="nl") and the stylesheets."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr", "line", "rect", "path"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: inside Dutch or style?

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            return
        inherited = self._stack[-1] if self._stack else False
        self._stack.append(inherited or attrs.get("lang") == "nl" or tag in ("style", "script"))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return parser.text


def test_english_files_get_their_own_names(english_briefs):
    out = english_briefs.folder
    assert english_briefs.outputs[0].splitlines() == [
        str(out / name)
        for name in (
            "financiering.en.pdf",
            "financiering.en.html",
            "opvang-en-zorg.en.pdf",
            "opvang-en-zorg.en.html",
            "overzicht.en.pdf",
            "overzicht.en.html",
        )
    ]


@pytest.mark.parametrize("name", ["financiering.en.html", "opvang-en-zorg.en.html", "overzicht.en.html"])
def test_no_dutch_label_in_an_english_html_brief(english_briefs, name):
    html = (english_briefs / name).read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    text = visible(html)
    assert "24 November 2026" in text
    left = [word for word in DUTCH_LABELS if re.search(rf"\b{re.escape(word)}\b", text)]
    assert left == []


@pytest.mark.parametrize("name", ["financiering.en.pdf", "opvang-en-zorg.en.pdf", "overzicht.en.pdf"])
def test_no_dutch_label_in_an_english_pdf_brief(english_briefs, corpus, name):
    text = pdf_text(english_briefs / name)
    # take out what is Dutch on purpose (marked lang="nl" in the HTML): the statements, editors' notes,
    # the source's title and the codebook's guidance
    squashed = " ".join(text.split())
    for statement in corpus.statements:
        for dutch in (statement.text, statement.note or ""):  # editors' notes are in Dutch too
            squashed = squashed.replace(" ".join(dutch.split()), "")
    for theme in corpus.codebook.themes:
        for field in (theme.use_when, theme.not_when):
            squashed = squashed.replace(" ".join(field.split()), "")
    for brief in corpus.briefs.values():  # a brief file's Dutch summary (Markdown), shown marked Dutch
        for chunk in re.split(r"\n\n|\n- ", (brief.summary or "").replace("**", "").removeprefix("- ")):
            squashed = squashed.replace(" ".join(chunk.split()), "")
    squashed = squashed.replace("Bloemlezing — Programma Samen tegen Mensenhandel", "")
    squashed = squashed.replace("Samen tegen Mensenhandel", "")  # the programme's name
    assert "page 2 of" in squashed and "24 November 2026" in squashed
    left = [word for word in DUTCH_LABELS if re.search(rf"\b{re.escape(word)}\b", squashed)]
    assert left == [], name


def test_english_overview_figures_count_what_the_statements_say(english_briefs, corpus):
    html = (english_briefs / "overzicht.en.html").read_text(encoding="utf-8")
    per_theme = Counter(t for s in corpus.statements for t in s.themes)
    for theme in corpus.codebook.themes:
        assert theme.title_en
        assert re.search(
            rf'<th scope="row">{re.escape(theme.title_en)}</th>'
            rf'<td class="num">{per_theme[theme.slug]}</td>',
            html,
        ), theme.slug
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    assert all(f"{t.title_en} {per_theme[t.slug]}" in svg for t in corpus.codebook.themes)
    assert f"{len(corpus.statements)} statements" in visible(html)


def test_statements_stay_verbatim_dutch_in_an_english_brief(english_briefs, corpus):
    html = (english_briefs / "financiering.en.html").read_text(encoding="utf-8")
    quotes = re.findall(r'<blockquote class="statement-text" lang="nl"><p>(.*?)</p></blockquote>', html, re.S)
    assert sorted(" ".join(q.split()) for q in quotes) == sorted(
        " ".join(s.text.split()).replace("&", "&amp;") for s in corpus.statements_for("financiering")
    )
    assert 'class="statement-translation"' not in html  # the shipped corpus has no translations


def test_a_translation_appears_beside_the_original_marked_english(tmp_path):
    assert (
        report(
            "--lang",
            "en",
            "--theme",
            "capaciteit",
            "--overview",
            "--format",
            "html",
            "--output-dir",
            str(tmp_path),
            *ENGLISH_DATE,
            corpus=TRANSLATED,
        ).exit_code
        == 0
    )
    for name in ("capaciteit.en.html", "overzicht.en.html"):
        html = (tmp_path / name).read_text(encoding="utf-8")
        original = html.index('<blockquote class="statement-text" lang="nl"><p>Capaciteitstekort politie.</p>')
        translation = html.index(
            '<p class="statement-translation" lang="en"><span class="translation-label">'
            "Translation (not from the source):</span> Police capacity shortage.</p>"
        )
        assert original < translation, name
    assert (
        report(
            "--theme", "capaciteit", "--format", "html", "--output-dir", str(tmp_path), *ENGLISH_DATE, corpus=TRANSLATED
        ).exit_code
        == 0
    )
    assert "Police capacity shortage" not in (tmp_path / "capaciteit.html").read_text(encoding="utf-8")


def test_english_rerun_is_byte_identical(english_briefs, tmp_path):
    assert (
        report(
            "--lang", "en", "--overview", "--theme", "financiering", "--output-dir", str(tmp_path), *ENGLISH_DATE
        ).exit_code
        == 0
    )
    for name in ("financiering.en.pdf", "financiering.en.html", "overzicht.en.pdf", "overzicht.en.html"):
        assert (tmp_path / name).read_bytes() == (english_briefs / name).read_bytes(), name


def test_english_does_not_overwrite_dutch(tmp_path):
    assert report("--overview", "--format", "html", "--output-dir", str(tmp_path), *ENGLISH_DATE).exit_code == 0
    dutch = (tmp_path / "overzicht.html").read_bytes()
    assert (
        report("--overview", "--lang", "en", "--format", "html", "--output-dir", str(tmp_path), *ENGLISH_DATE).exit_code
        == 0
    )
    assert (tmp_path / "overzicht.html").read_bytes() == dutch
    assert b'lang="en"' in (tmp_path / "overzicht.en.html").read_bytes()


def test_every_template_message_has_an_english_translation():
    with po_path("en").open("rb") as source:
        catalog = read_po(source)
    found = set()
    sources = (
        ("jinja2", ROOT / "templates", "**.j2"),
        ("jinja2", ROOT / "templates", "**.css"),
        ("python", ROOT / "bottleneck_briefs", "**.py"),
    )
    for method, folder, pattern in sources:
        for _, _, message, _, _ in extract_from_dir(
            folder, method_map=[(pattern, method)], options_map={pattern: {"extensions": "jinja2.ext.i18n"}}
        ):
            found.add(message if isinstance(message, str) else message[0])
    assert found
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string and all(m.string)}
    assert sorted(found - translated) == []
    stale = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} - found
    assert sorted(stale) == []  # a message no template uses any more is dead weight


def test_dates_per_language():
    from datetime import date

    assert date_label(date(2026, 11, 24), "en") == "24 November 2026"
    assert date_label(date(2026, 11, 24), "nl") == "24 november 2026"
    assert date_label(date(2025, 3, 1), "nl") == "1 maart 2025"  # no leading zero
