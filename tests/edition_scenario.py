"""The 'done when' of editions, as a test helper: record 2026-1, then reword, withdraw, add and re-theme one
statement each.

Always in a copy of the corpus: the shipped statements are verbatim from the source.
"""

from __future__ import annotations

from pathlib import Path

from conftest import invoke

REWORDED, WITHDRAWN, ADDED, RETHEMED = "KP-002", "KP-024", "KP-050", "KP-025"
NEW_TEXT = "Er is te weinig geld voor de opvang van slachtoffers in kleine gemeenten & <regio's>."
REASON = "Dubbel met KP-017."


def record(corpus: Path, name: str = "2026-1", day: str = "2026-03-01"):
    result = invoke("edition", name, "--date", day, "--corpus", str(corpus))
    assert result.exit_code == 0, result.output
    return result


def change_after_recording(corpus: Path) -> None:
    statements = corpus / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    edits = [
        (
            "      Er is een versnipperde financiering, die vaak korte termijn is, van\n",
            "      Er is een versnipperde financiering, die vaak kortlopend is, van\n",
        ),
        (
            "  - id: KP-024\n    text: Hoeveel geld is er eigenlijk beschikbaar, €2 miljoen onvoldoende.\n"
            '    source: {document: bloemlezing-stm, section: "2.16", page: 27}\n    themes: [financiering]\n\n',
            "",
        ),
        ("    themes: [opvang, financiering]\n", "    themes: [opvang, financiering, zorg]\n    partijen: [cosm]\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text += (
        f'\n  - id: {ADDED}\n    text: "{NEW_TEXT}"\n'
        '    source: {document: bloemlezing-stm, section: "2.16", page: 27}\n'
        "    themes: [financiering, opvang]\n"
    )
    statements.write_text(text, encoding="utf-8")
    codebook = corpus / "codebook.yaml"
    codebook.write_text(
        codebook.read_text(encoding="utf-8").replace(
            "retired_ids: []", f"retired_ids:\n  - {{id: {WITHDRAWN}, reason: {REASON}}}"
        ),
        encoding="utf-8",
    )
    result = invoke("check", "--corpus", str(corpus))
    assert result.exit_code == 0, result.output
