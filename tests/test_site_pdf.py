"""`bottlenecks site --pdf`: every brief's and note's page offers its PDF too, laid out as `report` lays it out, and
a PDF is never taken from the previous build with only its corpus version changed (it is laid out in glyphs)."""

from __future__ import annotations

import re
import shutil
import subprocess

from conftest import CORPUS, add_editor_note, invoke, pdf_text, squash


def _build(output, corpus):
    result = invoke("site", "--pdf", "--no-search", "--output-dir", output, "--date", "2025-03-01", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    return result


def test_with_pdf_every_brief_and_note_page_offers_its_pdf_and_a_change_lays_every_pdf_out_anew(tmp_path, corpus):
    from bottleneck_briefs.corpus.loading import load_corpus

    folder = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, folder)
    site = tmp_path / "site"
    _build(site, folder)
    for theme in corpus.codebook.themes:
        page = (site / "themas" / theme.slug / "index.html").read_text(encoding="utf-8")
        assert f'href="../../data/briefs/{theme.slug}.pdf"' in page
    theme = corpus.codebook.themes[0]
    text = pdf_text(site / "data" / "briefs" / f"{theme.slug}.pdf")
    assert squash(corpus.statements_for(theme.slug)[0].text) in squash(text)
    info = subprocess.run(["pdfinfo", site / "data" / "briefs" / f"{theme.slug}.pdf"], capture_output=True, text=True)
    assert re.search(r"^Tagged:\s+yes", info.stdout, re.M), info.stdout
    for note in (folder / "notes").glob("*.md"):
        assert f"{note.stem}.pdf" in (site / "notities" / note.stem / "index.html").read_text(encoding="utf-8")
        assert (site / "data" / "notities" / f"{note.stem}.pdf").stat().st_size > 0

    # a note on a statement of financiering alone: the other briefs' HTML is taken with the new version written
    # in, their PDFs are laid out anew and name it too
    add_editor_note(folder)
    again = _build(site, folder)
    taken, total = map(int, re.search(r"; (\d+) of (\d+) brief files taken", again.output).groups())
    pdfs = len(list((site / "data").glob("*/*.pdf")))
    assert 0 < taken <= total - pdfs
    version = load_corpus(folder).corpus.digest[:12]
    assert version in pdf_text(site / "data" / "briefs" / "beleid.pdf")
    assert version in (site / "data" / "briefs" / "beleid.html").read_text(encoding="utf-8")
