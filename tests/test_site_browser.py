"""The site in a real browser (Playwright for Python driving Debian's Chromium; no browser is installed by the tests).

The site is served from a local http.server on 127.0.0.1. One walk by
keyboard alone (home, a theme, a statement, back), the search (a word of one
statement finds it; a filter narrows the results; the results are announced
to screen readers), and a withdrawn statement's address. Every request the
browser makes must stay on the site's own origin: the route handler aborts
and records any other.
"""

from __future__ import annotations

import functools
import re
import shutil
import sys
import threading
import traceback
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import CORPUS, invoke
from edition_scenario import REASON, WITHDRAWN, change_after_recording, record

pytestmark = pytest.mark.xdist_group("third-party-checkers")

CHROMIUM = next(
    (path for path in (Path("/usr/bin/chromium"), Path("/usr/lib/chromium/chromium")) if path.exists()), None
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 30_000


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the signature http.server calls
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A request the browser gave up on (it left the page meanwhile) is no error; any other is printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("browsed") / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    record(corpus)
    change_after_recording(corpus)  # KP-024 withdrawn, with its reason
    return corpus


@pytest.fixture(scope="module")
def origin(corpus_dir):
    output = corpus_dir.parent / "site"
    result = invoke("site", "--output-dir", output, "--date", "2026-04-02", "--corpus", corpus_dir)
    assert result.exit_code == 0, (result.output, result.exc_info and traceback.format_exception(*result.exc_info))
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("Debian's Chromium is missing: run `bash .ci/install --checkers` first", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, origin):
    """A fresh page whose every request to another origin is aborted and recorded; none may happen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []

    def guard(route):
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    yield opened
    context.close()
    assert foreign == [], f"requests left the site's origin: {foreign}"


def tab_to(page, pattern: str, limit: int = 200) -> str:
    """Press Tab until the focused element's text matches `pattern`; its text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement ? document.activeElement.textContent.trim() : ''")
        if re.fullmatch(pattern, text):
            return text
    pytest.fail(f"no focusable element matching {pattern!r} within {limit} Tab presses on {page.url}")


def test_home_to_theme_to_statement_and_back_by_keyboard_alone(page, origin):
    page.goto(f"{origin}/index.html")
    tab_to(page, "Financiering")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}/themas/financiering/index.html")
    statement = tab_to(page, r"KP-\d{3}.*")
    statement_id = statement.split()[0].split("(")[0].strip()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}/knelpunten/{statement_id.lower()}/index.html")
    assert page.locator("h1").inner_text() == statement_id
    tab_to(page, "Financiering")  # its theme, a link on the statement's page
    page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}/themas/financiering/index.html")
    tab_to(page, "Start")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}/index.html")


def _unique_word(corpus) -> tuple[str, str]:
    """A long word in exactly one statement's text: (word, that statement's id)."""
    seen: Counter = Counter()
    owner = {}
    for statement in corpus.statements:
        for word in set(re.findall(r"[a-z]{9,}", statement.text.lower())):
            seen[word] += 1
            owner[word] = statement.id
    word = sorted(word for word, count in seen.items() if count == 1)[0]
    return word, owner[word]


def _search(page, origin, term: str) -> list[str]:
    page.goto(f"{origin}/zoeken/index.html")
    page.wait_for_selector("#filters:not([hidden])")  # the index is loaded and its filters are listed
    for _ in range(50):  # the skip link and the menu come first: Tab until the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "zoekterm":
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    page.keyboard.type(term)
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('zoekstatus').textContent.includes('gevonden')")
    return [link.inner_text() for link in page.locator("#zoekresultaten a").all()]


def test_a_word_of_one_statement_finds_that_statement_and_the_result_is_announced(page, origin, corpus_dir):
    from bottleneck_briefs.corpus.loading import load_corpus

    word, statement_id = _unique_word(load_corpus(corpus_dir).corpus)
    found = _search(page, origin, word)
    assert found == [statement_id]
    status = page.locator("#zoekstatus")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert status.inner_text() == "1 uitspraak gevonden."


def test_a_search_finds_statements_by_their_own_words_not_by_what_every_statement_page_shows(page, origin, corpus_dir):
    """Labels, the source, the edition, the briefs and how to cite stand on every statement page: left out of the
    index, a word of theirs finds nothing, and a word some statements say finds those, not all."""
    from bottleneck_briefs.corpus.loading import load_corpus

    corpus = load_corpus(corpus_dir).corpus
    for shown_on_every_page in ("Citeerwijze", "Bloemlezing", "Geschiedenis"):
        assert _search(page, origin, shown_on_every_page) == []
        assert page.locator("#zoekstatus").inner_text() == "Geen uitspraken gevonden."
    saying = {statement.id for statement in corpus.statements if "mensenhandel" in statement.text.lower()}
    found = set(_search(page, origin, "mensenhandel"))
    assert saying and saying <= found and len(found) < len(corpus.statements) // 4


def test_a_filter_narrows_the_results(page, origin, corpus_dir):
    from bottleneck_briefs.corpus.loading import load_corpus

    corpus = load_corpus(corpus_dir).corpus
    everything = _search(page, origin, "slachtoffers")
    assert len(everything) > 3
    theme = page.locator("#filters select").first
    assert page.locator("#filters label").first.inner_text() in (
        "Thema",
        "Editie",
        "Doelgroepen",
        "Partijen",
        "Vormen van uitbuiting",
    )
    select = page.locator("select[data-filter='Thema']")
    for _ in range(20):  # from the search box on to the theme's filter, by keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.filter") == "Thema":
            break
    else:
        pytest.fail("the theme filter cannot be reached with Tab")
    select.select_option(label=next(o for o in select.locator("option").all_inner_texts() if o.startswith("Opvang")))
    page.wait_for_function(f"document.querySelectorAll('#zoekresultaten li').length < {len(everything)}")
    narrowed = [link.inner_text() for link in page.locator("#zoekresultaten a").all()]
    in_theme = {statement.id for statement in corpus.statements if "opvang" in statement.themes}
    assert narrowed and set(narrowed) <= in_theme and set(narrowed) < set(everything)
    assert theme.count() == 1


def test_a_withdrawn_statement_shows_its_notice(page, origin):
    response = page.goto(f"{origin}/knelpunten/{WITHDRAWN.lower()}/index.html")
    assert response is not None and response.status == 200
    assert "Deze uitspraak is ingetrokken." in page.locator("main").inner_text()
    assert REASON in page.locator("main").inner_text()


def test_a_note_reached_from_the_home_page_fits_a_phone_and_its_citations_lead_to_its_annex(page, origin):
    page.goto(f"{origin}/index.html")
    page.get_by_role("link", name="Wat professionals zeggen over geld voor de aanpak van mensenhandel").click()
    page.wait_for_url(f"{origin}/notities/geld-voor-de-aanpak/index.html")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    citation = page.locator("a.note-citation").first
    target = citation.get_attribute("href")
    citation.click()
    assert page.evaluate("location.hash") == target
    annexed = page.locator(f"li{target}")
    assert annexed.is_visible() and annexed.locator("blockquote").inner_text().strip()
    annexed.locator("a.statement-id").click()  # to the statement's page, which names the note
    page.wait_for_url(f"{origin}/knelpunten/{target[1:]}/index.html")
    assert "Wat professionals zeggen over geld" in page.locator("main").inner_text()
