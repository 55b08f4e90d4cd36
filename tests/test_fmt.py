"""`bottlenecks fmt`: one canonical layout, comments kept, data never changed."""

from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bottleneck_briefs.corpus.yaml_reading import read_yaml_file
from bottleneck_briefs.editing.canonical_format import (
    WIDTH,
    fold_positions,
    format_text,
)
from conftest import invoke

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/statements.schema.json"

MESSY = """\
# Kop van het bestand: blijft staan.
statements:


  - text: "Er is een versnipperde financiering, die vaak korte termijn is, van organisaties die met arbeidsmigranten werken."
    id: KP-002   # id na de tekst
    themes:
      - financiering
    source:
      page: 26
      section: '2.16'
      document: bloemlezing-stm
    doelgroep: ['arbeidsmigranten']
  # commentaar voor de tweede uitspraak
  - id: KP-004

    text: >
      Kort.
    note: "Een opmerking: met dubbele punt."
    source: {document: bloemlezing-stm, section: "2.16", page: 26}
    themes: [capaciteit, signalering]
# slotcommentaar
"""  # noqa: E501 (a statement quoted verbatim, on one line as an editor may write it)

CANONICAL = f"""\
{SCHEMA_LINE}
# Kop van het bestand: blijft staan.
statements:
  - id: KP-002   # id na de tekst
    text: >-
      Er is een versnipperde financiering, die vaak korte termijn is, van
      organisaties die met arbeidsmigranten werken.
    source: {{document: bloemlezing-stm, section: "2.16", page: 26}}
    themes: [financiering]
    doelgroep: [arbeidsmigranten]

  # commentaar voor de tweede uitspraak
  - id: KP-004
    text: "Kort.\\n"
    source: {{document: bloemlezing-stm, section: "2.16", page: 26}}
    themes: [capaciteit, signalering]
    note: >-
      Een opmerking: met dubbele punt.
# slotcommentaar
"""


def fmt(text: str) -> str:
    return format_text(text, is_codebook=False, schema_line=SCHEMA_LINE)


def data(text: str, tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    document, problems = read_yaml_file(path, "x.yaml")
    assert problems == []
    return document.data


def test_messy_file_gets_the_canonical_layout(tmp_path):
    formatted = fmt(MESSY)
    assert formatted == CANONICAL
    assert data(formatted, tmp_path) == data(MESSY, tmp_path)


def test_each_file_keeps_its_line_endings():
    """CRLF (Windows) and CR stay: the layout is canonical, the line ending is the file's own."""
    for ending in ("\r\n", "\r"):
        assert fmt(MESSY.replace("\n", ending)) == CANONICAL.replace("\n", ending)
        assert fmt(CANONICAL.replace("\n", ending)) == CANONICAL.replace("\n", ending)


def test_formatting_is_idempotent():
    once = fmt(MESSY)
    assert fmt(once) == once


def test_comments_are_kept():
    formatted = fmt(MESSY)
    for comment in (
        "# Kop van het bestand: blijft staan.",
        "# id na de tekst",
        "# commentaar voor de tweede uitspraak",
        "# slotcommentaar",
    ):
        assert formatted.count(comment) == 1, comment


def test_shipped_corpus_is_canonical(shipped_corpus_dir):
    result = invoke("fmt", "--check", "--corpus", str(shipped_corpus_dir))
    assert result.exit_code == 0, result.output
    assert "4 files: 0 would be reformatted, 4 unchanged" in result.output


def test_check_names_the_files_that_differ_and_writes_nothing(corpus_copy):
    path = corpus_copy / "statements" / "bloemlezing-2.15.yaml"
    messy = path.read_text(encoding="utf-8").replace("themes: [beleid]", "themes:\n      - beleid", 1)
    path.write_text(messy, encoding="utf-8")

    result = invoke("fmt", "--check", "--corpus", str(corpus_copy))
    assert result.exit_code == 1
    assert "bloemlezing-2.15.yaml: not in canonical layout" in result.output
    assert "bloemlezing-2.16.yaml" not in result.output
    assert path.read_text(encoding="utf-8") == messy

    result = invoke("fmt", "--corpus", str(corpus_copy))
    assert result.exit_code == 0, result.output
    assert "bloemlezing-2.15.yaml: reformatted" in result.output
    assert invoke("fmt", "--check", "--corpus", str(corpus_copy)).exit_code == 0
    assert invoke("check", "--corpus", str(corpus_copy)).exit_code == 0


def test_texts_are_identical_after_fmt(corpus_copy, shipped_corpus_dir):
    import yaml

    from bottleneck_briefs.corpus.loading import load_corpus

    for path in (corpus_copy / "statements").glob("*.yaml"):  # a different layout: PyYAML's own
        path.write_text(
            yaml.safe_dump(
                data(path.read_text(encoding="utf-8"), corpus_copy.parent), allow_unicode=True, sort_keys=True, width=60
            ),
            encoding="utf-8",
        )
    assert invoke("fmt", "--check", "--corpus", str(corpus_copy)).exit_code == 1
    assert invoke("fmt", "--corpus", str(corpus_copy)).exit_code == 0
    before = load_corpus(shipped_corpus_dir).corpus.statements
    after = load_corpus(corpus_copy).corpus.statements
    assert [s.text for s in after] == [s.text for s in before]
    assert after == before


def test_unreadable_file_is_reported_and_left_alone(corpus_copy):
    path = corpus_copy / "statements" / "kapot.yaml"
    path.write_text("statements:\n  - id: KP-100\n    text: [\n", encoding="utf-8")
    result = invoke("fmt", "--corpus", str(corpus_copy))
    assert result.exit_code == 1
    assert "kapot.yaml:" in result.output
    assert "1 could not be formatted" in result.output
    assert path.read_text(encoding="utf-8") == "statements:\n  - id: KP-100\n    text: [\n"


def test_folding_wraps_at_the_width_and_never_inside_double_spaces():
    text = "een  twee " + " ".join(["woord"] * 40)
    folds = fold_positions(text)
    assert 4 not in folds and 5 not in folds
    lines, start = [], 0
    for position in folds:
        lines.append(text[start:position])
        start = position + 1
    lines.append(text[start:])
    assert " ".join(lines) == text
    assert all(6 + len(line) <= WIDTH for line in lines)


# invisible (Cf) characters are refused by check and so by fmt: not texts it must keep
words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp"), blacklist_characters="\ufeff\x85"
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(words, min_size=1, max_size=30), st.sampled_from([" ", "  "]))
def test_any_text_survives_formatting(tmp_path, parts, separator):
    """Any text the reader accepts: `fmt` refuses a file with errors before it formats (an invisible character such
    as U+034F, a mark these words may hold, is one)."""
    text = separator.join(parts)
    import json

    source = (
        "statements:\n  - id: KP-001\n    text: "
        + json.dumps(text, ensure_ascii=False)
        + '\n    source: {document: d, section: "1", page: 1}\n    themes: [t]\n'
    )
    path = tmp_path / "original.yaml"
    path.write_text(source, encoding="utf-8")
    assume(read_yaml_file(path, "original.yaml")[1] == [])
    formatted = fmt(source)
    assert data(formatted, tmp_path)["statements"][0]["text"] == text
    assert fmt(formatted) == formatted
