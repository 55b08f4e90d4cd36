"""The guard judges what is published: the parsed text in every published field, whatever spaces, dashes,
escapes or invisible characters wrote it, told at the file's line and column; `check` and `report` refuse."""

from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from bottleneck_briefs.corpus import privacy
from bottleneck_briefs.corpus.brief_file_models import BriefFile
from bottleneck_briefs.corpus.coding_models import Coding
from bottleneck_briefs.corpus.kinds import NOT_PUBLISHED_KINDS, PLACES
from bottleneck_briefs.corpus.models import Codebook, StatementFile
from bottleneck_briefs.corpus.note_models import NoteFrontMatter
from bottleneck_briefs.corpus.privacy_guard import NOT_PUBLISHED, published_texts
from bottleneck_briefs.corpus.publication_models import Publication
from bottleneck_briefs.corpus.yaml_document import YamlFile, format_path
from conftest import CORPUS, invoke
from privacy_cases import AS_WRITTEN, ESCAPED_CHARACTERS, WRITTEN_JOINERS

STATEMENTS = Path("statements") / "guard-cases.yaml"
SOURCE = '{document: bloemlezing-stm, section: "2.16", page: 26}'


def statement_file(texts: list[str]) -> str:
    return "statements:\n" + "".join(
        f"  - id: KP-{900 + number}\n    text: {text}\n    source: {SOURCE}\n    themes: [financiering]\n"
        for number, text in enumerate(texts)
    )


def place(path: Path, index: int, needle: str) -> tuple[int, int]:
    """Line and column of `needle` in the text of statement `index` (the line after its id)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines.index(f"  - id: KP-{900 + index}") + 2
    return line, lines[line - 1].index(needle) + 1


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[Path, str]:
    """One `check` of a corpus holding every written case; (its statement file, the output)."""
    corpus = tmp_path_factory.mktemp("guard") / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    texts = [written for written, _, _ in AS_WRITTEN] + [written for written, _, _ in ESCAPED_CHARACTERS]
    (corpus / STATEMENTS).write_text(statement_file(texts), encoding="utf-8")
    result = invoke("check", "--corpus", corpus)
    assert result.exit_code == 1, result.output
    return corpus / STATEMENTS, result.output


@pytest.mark.parametrize(("index", "case"), list(enumerate(AS_WRITTEN)), ids=[case[0] for case in AS_WRITTEN])
def test_what_a_reader_gets_is_refused_at_its_place_in_the_file(checked, index, case):
    path, output = checked
    _, kind, needle = case
    line, column = place(path, index, needle)
    assert f"{path}:{line}:{column}: statements[{index}].text: looks like {kind} ('" in output, output


@pytest.mark.parametrize(
    ("index", "case"), list(enumerate(ESCAPED_CHARACTERS)), ids=[case[0] for case in ESCAPED_CHARACTERS]
)
def test_a_character_written_as_an_escape_is_refused_at_the_escape(checked, index, case):
    path, output = checked
    _, message, needle = case
    index += len(AS_WRITTEN)
    line, column = place(path, index, needle)
    assert f"{path}:{line}:{column}: statements[{index}].text: {message}" in output, output


def test_emoji_and_scripts_keep_their_joiners(corpus_copy):
    (corpus_copy / STATEMENTS).write_text(statement_file(WRITTEN_JOINERS), encoding="utf-8")
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    assert "U+200" not in result.output


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("Een woord met een verborgen teken: a\u200db.", "U+200D (ZERO WIDTH JOINER)"),
        ("Cijfers met een verborgen teken: 12\u200c34.", "U+200C (ZERO WIDTH NON-JOINER)"),
        ("Een emoji en dan een letter: \U0001f469\u200da.", "U+200D (ZERO WIDTH JOINER)"),
    ],
)
def test_a_joiner_anywhere_else_is_refused(corpus_copy, text, character):
    (corpus_copy / STATEMENTS).write_text(statement_file([text]), encoding="utf-8")
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    line, column = place(
        corpus_copy / STATEMENTS, 0, "\u200d" if "JOINER)" in character and "NON" not in character else "\u200c"
    )
    assert f"{corpus_copy / STATEMENTS}:{line}:{column}: invisible character {character}" in result.output


# --- every published field -------------------------------------------------------------------------

PLANTED = [  # (file, the line as shipped, the line planted, the field, what the line holds at the finding)
    (
        "briefs/opvang-en-zorg.yaml",
        "title: Opvang en zorg voor slachtoffers",
        "title: Opvang en zorg, bel 06-12345678",
        "title",
        "06-",
    ),
    (
        "briefs/opvang-en-zorg.yaml",
        "  weinig doorstroomplekken en te weinig passende zorg, onder meer voor",
        "  weinig doorstroomplekken, zegt mevrouw Jansen, en te weinig passende zorg, onder meer voor",
        "summary",
        "mevrouw",
    ),
    (
        "codebook.yaml",
        "      Geld: budgetten, financieringsstromen, kosten, tarieven en bedprijzen.",
        "      Geld: mail jan.jansen@example.nl over budgetten en bedprijzen.",
        "themes[0].definition",
        "jan.",
    ),
    (
        "codebook.yaml",
        "    title: Financiering",
        "    title: Financiering volgens dhr Bakker",
        "themes[0].title",
        "dhr",
    ),
]


def plant(corpus: Path, file: str, shipped: str, planted: str) -> None:
    path = corpus / file
    text = path.read_text(encoding="utf-8")
    assert shipped in text, f"{shipped!r} is no longer in {file}"
    path.write_text(text.replace(shipped, planted, 1), encoding="utf-8")


def test_every_published_file_and_field_is_guarded(corpus_copy, tmp_path):
    for file, shipped, planted, _, _ in PLANTED:
        plant(corpus_copy, file, shipped, planted)
    publication = corpus_copy / "publication.yaml"
    publication.write_text(
        publication.read_text(encoding="utf-8") + "contact: dhr. Bakker, 06-12345678\n", encoding="utf-8"
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    for file, _, planted, field, needle in PLANTED:
        lines = (corpus_copy / file).read_text(encoding="utf-8").split("\n")
        line = lines.index(planted) + 1
        assert f"{corpus_copy / file}:{line}:{planted.index(needle) + 1}: {field}: looks like" in result.output, (
            result.output
        )
    line = publication.read_text(encoding="utf-8").split("\n").index("contact: dhr. Bakker, 06-12345678") + 1
    assert f"{publication}:{line}:10: contact: looks like a person's name ('dhr.…er')" in result.output
    assert f"{publication}:{line}:23: contact: looks like a phone number ('06-1…78')" in result.output
    out = tmp_path / "out"
    refused = invoke(
        "report",
        "--theme",
        "financiering",
        "--format",
        "html",
        "--date",
        "2025-03-01",
        "--output-dir",
        out,
        "--corpus",
        corpus_copy,
    )
    assert refused.exit_code == 1
    assert f"{publication}:{line}:23: contact: looks like a phone number" in refused.output
    assert not out.exists() or not any(out.iterdir())


def test_a_file_level_acknowledgement_lets_a_finding_stay(corpus_copy):
    publication = corpus_copy / "publication.yaml"
    publication.write_text(
        publication.read_text(encoding="utf-8")
        + "contact: landelijke hulplijn 0800-2000\n"
        + 'privacy_ok: ["0800\u20132000: landelijke hulplijn", "info@example.nl: oud adres"]\n',
        encoding="utf-8",
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    lines = publication.read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, start=1) if text.startswith("privacy_ok"))
    column = lines[line - 1].index('"info') + 1
    assert (
        f"{publication}:{line}:{column}: warning: privacy_ok[1]: 'info@example.nl' matches nothing the privacy "
        "check finds here; remove this acknowledgement"
    ) in result.output


# --- a new field cannot be forgotten --------------------------------------------------------------

# Every published kind of file and its model; a new kind of file adds its model here.
PUBLISHED_MODELS: dict[str, type[BaseModel]] = {
    "codebook": Codebook,
    "statements": StatementFile,
    "briefs": BriefFile,
    "publication": Publication,
    "coding": Coding,
    "notes": NoteFrontMatter,
}


def _sample(annotation, path: tuple, texts: set[tuple]) -> object:
    """A value of `annotation` with a text in every text field; the paths of those texts are added to `texts`."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _sample(arguments[0], path, texts)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return _sample(next(argument for argument in arguments if argument is not type(None)), path, texts)
    if origin is list:
        return [_sample(arguments[0], (*path, 0), texts)]
    if origin is dict:
        return {"key": _sample(arguments[1], (*path, "key"), texts)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {
            name: _sample(field.annotation, (*path, name), texts) for name, field in annotation.model_fields.items()
        }
    if annotation is str:
        texts.add(path)
        return "Text 1"  # what could hold personal data (a lower-case word cannot)
    return 1


@pytest.mark.parametrize("kind", sorted(PUBLISHED_MODELS))
def test_every_text_field_of_a_published_model_is_guarded(kind):
    texts: set[tuple] = set()
    document = YamlFile(kind, data=_sample(PUBLISHED_MODELS[kind], (), texts))
    guarded = {tuple(field.path) for field in published_texts(document)}
    forgotten = {path for path in texts - guarded if not set(path) & NOT_PUBLISHED}
    assert not forgotten, f"published but not guarded: {sorted(format_path(path) for path in forgotten)}"
    assert texts & guarded  # the sample holds texts at all
    assert kind not in NOT_PUBLISHED_KINDS


def test_every_kind_of_file_is_a_published_model_or_said_not_to_be():
    assert set(PLACES.values()) == set(PUBLISHED_MODELS) | NOT_PUBLISHED_KINDS


# --- the phone search is linear ---------------------------------------------------------------------


def test_the_phone_library_sees_a_bounded_number_of_candidates(monkeypatch):
    """Digits and spaces: from each group that may start a number, a few runs of groups reach the library."""
    import phonenumbers

    calls = []
    parse = phonenumbers.parse
    monkeypatch.setattr(phonenumbers, "parse", lambda number, region: calls.append(number) or parse(number, region))
    privacy._valid_phone.cache_clear()
    text = " ".join(f"0{index % 10}" for index in range(300)) + " " + "0 " * 300
    privacy.find_personal_data(text)
    assert len(calls) <= 2 * 600, len(calls)
    assert max(len(number) for number in calls) <= 40


def test_import_reads_a_row_as_published(corpus_copy, tmp_path):
    sheet = tmp_path / "rijen.csv"
    sheet.write_text(
        "tekst;thema's;paragraaf;pagina;noot\n"
        "Bel 06\u00a012345678 als er iets is.;financiering;2.16;27;\n"
        "Mail j.jansen@poli\u00adtie.nl voor meer.;financiering;2.16;27;\n",
        encoding="utf-8",
    )
    before = {path: path.read_bytes() for path in (corpus_copy / "statements").iterdir()}
    result = invoke("import", sheet, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert ":2: tekst: looks like a phone number ('06 1…78') at character 5: remove it" in result.output
    assert ":3: tekst: looks like an e-mail address ('j.ja…nl') at character 6: remove it" in result.output
    assert {path: path.read_bytes() for path in (corpus_copy / "statements").iterdir()} == before


def test_a_text_that_is_no_yaml_value_is_guarded_at_its_place():
    """The one call for a Markdown body after front matter: findings at the body's line and column, and the
    front matter's privacy_ok acknowledges them."""
    from bottleneck_briefs.corpus.privacy_guard import GuardedText, privacy_problems

    source = "---\ntitle: Notitie\nprivacy_ok: ['0800-2000: hulplijn']\n---\nBel 0800-2000 of\nmevrouw Jansen.\n"
    body = source[source.index("Bel") :]
    document = YamlFile("notes/a.md", data={"title": "Notitie", "privacy_ok": ["0800-2000: hulplijn"]}, source=source)
    [problem] = privacy_problems([GuardedText(document, ("body",), body, source.index("Bel"))])
    assert (problem.file, problem.line, problem.column, problem.field) == ("notes/a.md", 6, 1, "body")
    assert problem.message.startswith("looks like a person's name ('mevr…en'): remove it")
