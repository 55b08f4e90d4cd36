"""Every kind of site page judged by the third-party checkers the briefs use: the Nu HTML Checker and axe-core
(WCAG 2.1 A/AA and best practices) at 1280 and 390 px. One page of each kind, Dutch and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke
from test_third_party_checks import Once, axe_violations, format_axe, format_vnu, run_vnu

pytestmark = pytest.mark.xdist_group("third-party-checkers")

KINDS = {  # one page of every kind the page plan makes
    "home": "index.html",
    "theme": "themas/financiering/index.html",
    "composed": "briefs/opvang-en-zorg/index.html",
    "overview": "overzicht/index.html",
    "statement": "knelpunten/kp-002/index.html",
    "map": "kaart/partijen/index.html",
    "cell": "kaart/partijen/financiering/gemeenten/index.html",
    "facet-value": "facetten/partijen/politie/index.html",
    "search": "zoeken/index.html",
    "data": "data/index.html",
    "retired": "knelpunten/kp-024/index.html",
    "note": "notities/geld-voor-de-aanpak/index.html",
}
PAGES = [*KINDS.values(), *(f"en/{path}" for path in KINDS.values())]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    import shutil

    from conftest import CORPUS
    from edition_scenario import change_after_recording, record

    corpus = tmp_path_factory.mktemp("checked") / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    record(corpus)
    change_after_recording(corpus)  # a withdrawn statement, a reworded one: every kind of page has content
    output = corpus.parent / "site"
    result = invoke(
        "site",
        "--output-dir",
        output,
        "--date",
        "2026-04-02",
        "--no-search",
        "--lang",
        "nl",
        "--lang",
        "en",
        "--corpus",
        corpus,
    )
    assert result.exit_code == 0, result.output
    return output


def test_one_page_of_every_kind_of_the_page_plan_is_checked():
    from bottleneck_briefs.site.page_plan import PAGE_KINDS

    assert set(KINDS) == {kind.name for kind in PAGE_KINDS}


@pytest.fixture(scope="module")
def vnu(site) -> Once:
    return Once(lambda: run_vnu([site / page for page in PAGES]))


@pytest.fixture(scope="module")
def axe(site) -> dict[str, Once]:
    files = [site / page for page in PAGES]
    return {
        "desktop": Once(lambda: axe_violations(files, "1280x900")),
        "phone": Once(lambda: axe_violations(files, "390x844")),
    }


@pytest.mark.parametrize("page", PAGES)
def test_site_page_is_valid_html(page, site, vnu):
    messages = vnu()[str((site / page).resolve())]
    assert not messages, f"the Nu HTML Checker reports for {page}:\n{format_vnu(messages)}"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page", PAGES)
def test_site_page_has_no_axe_violations(page, viewport, site, axe):
    violations = axe[viewport]()[str((site / page).resolve())]
    assert not violations, f"axe-core ({viewport}) reports for {page}:\n{format_axe(violations)}"
