"""The new parts (publisher's framing, changes appendix) judged by the third-party checkers.

A brief and the overview with a publication file and `--since`, in a corpus copy that
was recorded and then changed: Nu HTML Checker and axe-core on the HTML, qpdf and
pdffonts on the PDF. The checkers come from `bash .ci/install --checkers`; a missing one fails.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import invoke
from edition_scenario import change_after_recording, record
from test_third_party_checks import axe_violations, format_axe, format_vnu, pdffonts, qpdf_check, run_vnu

pytestmark = pytest.mark.xdist_group("third-party-checkers")  # the checkers start once, in one worker

PUBLICATION = """publisher: Gemeente Voorbeeldstad, afdeling Zorg en Veiligheid
website: https://www.voorbeeldstad.example/knelpunten
contact: Postbus 1, 1000 AA Voorbeeldstad
status: concept
licence: CC BY 4.0
"""


@pytest.fixture(scope="module")
def since_briefs(tmp_path_factory, shipped_corpus_dir):
    corpus = tmp_path_factory.mktemp("checked") / "bottlenecks"
    shutil.copytree(shipped_corpus_dir, corpus)
    (corpus / "publication.yaml").write_text(PUBLICATION, encoding="utf-8")
    record(corpus)
    change_after_recording(corpus)
    out = corpus.parent / "reports"
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--overview",
        "--since",
        "2026-1",
        "--date",
        "2026-03-02",
        "--output-dir",
        str(out),
        "--corpus",
        str(corpus),
    )
    assert result.exit_code == 0, result.output
    return [out / "financiering", out / "overzicht"]


def test_html_with_framing_and_changes_is_valid(since_briefs):
    files = [stem.with_suffix(".html") for stem in since_briefs]
    report = run_vnu(files)
    for html in files:
        errors = report[str(html.resolve())]
        assert not errors, f"{html.name}:\n{format_vnu(errors)}"


@pytest.mark.parametrize("viewport", [None, "375x812"])
def test_html_with_framing_and_changes_is_accessible(since_briefs, viewport):
    files = [stem.with_suffix(".html") for stem in since_briefs]
    violations = axe_violations(files, viewport)
    for html in files:
        found = violations[str(html.resolve())]
        assert not found, f"{html.name} ({viewport or 'desktop'}):\n{format_axe(found)}"


def test_pdf_with_framing_and_changes_passes_qpdf_and_embeds_its_fonts(since_briefs):
    for stem in since_briefs:
        pdf = stem.with_suffix(".pdf")
        done = qpdf_check(pdf)
        assert done.returncode == 0, f"qpdf --check {pdf.name}:\n{done.stdout}\n{done.stderr}"
        fonts = pdffonts(pdf)
        assert fonts and all(font["emb"] == "yes" for font in fonts), fonts
