"""`bottlenecks schema`: JSON Schemas generated from the data model, with the codebook's values as enums."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from bottleneck_briefs.corpus.json_schema import load_codebook, statements_schema
from bottleneck_briefs.corpus.loading import corpus_files
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file
from conftest import invoke

SCHEMA_LINE = "# yaml-language-server: $schema="


def data_of(path: Path):
    document, problems = read_yaml_file(path, path.name)
    assert problems == []
    return document.data


def schema_for(yaml_path: Path) -> dict:
    """The schema the file's first line points an editor to, resolved as the YAML language server does."""
    first = yaml_path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_LINE)
    target = (yaml_path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
    assert target.is_file(), target
    return json.loads(target.read_text(encoding="utf-8"))


def errors(schema: dict, data) -> list:
    validator = Draft202012Validator(schema)
    return sorted(validator.iter_errors(data), key=lambda error: list(error.absolute_path))


def test_committed_schemas_are_current(shipped_corpus_dir):
    result = invoke("schema", "--check", "--corpus", str(shipped_corpus_dir))
    assert result.exit_code == 0, result.output
    assert result.output.count("up to date") == 7  # statements, codebook, brief, publication, edition, coding, note


def test_schemas_are_valid_json_schema(shipped_corpus_dir):
    for name in (
        "statements.schema.json",
        "codebook.schema.json",
        "brief.schema.json",
        "publication.schema.json",
        "edition.schema.json",
        "coding.schema.json",
        "note.schema.json",
    ):
        Draft202012Validator.check_schema(json.loads((shipped_corpus_dir / "schema" / name).read_text()))


def test_every_shipped_file_points_to_its_schema_and_validates(shipped_corpus_dir):
    files = corpus_files(shipped_corpus_dir)
    assert len(files) == 5  # the codebook, two statement files, the publication and a brief file
    titles = {"codebook.yaml": "Knelpunten: codebook", "publication.yaml": "Knelpunten: publication"}
    for path in files:
        schema = schema_for(path)
        assert schema["title"] == (
            "Knelpunten: brief file"
            if path.parent.name == "briefs"
            else titles.get(path.name, "Knelpunten: statement file")
        )
        assert errors(schema, data_of(path)) == []


def test_a_recorded_edition_points_to_its_schema_and_validates(corpus_copy):
    assert invoke("edition", "2026-1", "--date", "2026-03-01", "--corpus", str(corpus_copy)).exit_code == 0
    path = corpus_copy / "editions" / "2026-1.yaml"
    schema = schema_for(path)
    assert schema["title"] == "Knelpunten: recorded edition"
    data = data_of(path)
    assert errors(schema, data) == []
    data["status"] = "definitief"  # a field editions do not have
    data["date"] = "1 maart 2026"
    assert {tuple(error.absolute_path) for error in errors(schema, data)} == {(), ("date",)}


@pytest.fixture
def statement_file(shipped_corpus_dir):
    path = shipped_corpus_dir / "statements" / "bloemlezing-2.16.yaml"
    return schema_for(path), data_of(path)


def test_schema_rejects_a_theme_typo_and_offers_the_themes(statement_file):
    schema, data = statement_file
    data["statements"][0]["themes"] = ["financering"]
    found = errors(schema, data)
    assert [list(error.absolute_path) for error in found] == [["statements", 0, "themes", 0]]
    assert "'financering' is not one of" in found[0].message
    assert "financiering" in found[0].validator_value


@pytest.mark.parametrize(
    "field, value, where",
    [
        ("partijen", ["polite"], ["partijen", 0]),
        ("doelgroep", ["minderjarigen", "minderjarigen"], ["doelgroep"]),
        ("source", {"document": "bloemlezing-stm", "section": 2.16, "page": 26}, ["source", "section"]),
        ("source", {"document": "bloemlezing", "section": "2.16", "page": 26}, ["source", "document"]),
        ("them", ["financiering"], []),
    ],
)
def test_schema_rejects_other_mistakes(statement_file, field, value, where):
    schema, data = statement_file
    data["statements"][0][field] = value
    found = errors(schema, data)
    assert found
    assert {tuple(error.absolute_path) for error in found} == {("statements", 0, *where)}


def test_enums_follow_the_codebook(corpus_copy):
    """Not a hand-written copy: a theme added to the codebook appears in the regenerated schema."""
    codebook_path = corpus_copy / "codebook.yaml"
    text = codebook_path.read_text(encoding="utf-8")
    text = text.replace(
        "\nfacets:",
        "\n  - slug: huisvesting\n    title: Huisvesting\n    definition: Wonen.\n"
        "    use_when: Over wonen.\n    not_when: Niet over wonen.\n\nfacets:",
        1,
    )
    codebook_path.write_text(text, encoding="utf-8")

    assert invoke("schema", "--check", "--corpus", str(corpus_copy)).exit_code == 1
    result = invoke("schema", "--corpus", str(corpus_copy))
    assert result.exit_code == 0, result.output
    schema = json.loads((corpus_copy / "schema" / "statements.schema.json").read_text())
    themes = schema["$defs"]["Statement"]["properties"]["themes"]["items"]["enum"]
    assert themes[-1] == "huisvesting"
    assert invoke("schema", "--check", "--corpus", str(corpus_copy)).exit_code == 0


def test_schema_follows_the_data_model(shipped_corpus_dir):
    """Every field of the model, with its type constraints, is in the schema."""
    from bottleneck_briefs.corpus.facet_models import corpus_models

    codebook, problems = load_codebook(shipped_corpus_dir)
    assert problems == []
    statement = statements_schema(codebook)["$defs"]["Statement"]
    assert list(statement["properties"]) == list(corpus_models(codebook.facet_slugs).statement.model_fields)
    assert list(statement["properties"])[5:8] == ["doelgroep", "partijen", "uitbuitingsvorm"]  # after themes
    assert statement["additionalProperties"] is False
    assert statement["properties"]["id"]["pattern"] == r"^KP-(?:[0-9]{3}|[1-9][0-9]{3,})$"  # one form per number


def test_schema_command_reports_a_broken_codebook(corpus_copy):
    (corpus_copy / "codebook.yaml").write_text("themes: [\n", encoding="utf-8")
    result = invoke("schema", "--corpus", str(corpus_copy))
    assert result.exit_code == 1
    assert "codebook.yaml:" in result.output
