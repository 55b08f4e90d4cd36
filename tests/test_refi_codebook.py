"""`bottlenecks export codebook FILE.qdc`: the codebook as REFI-QDA, for qualitative-analysis programs."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path

import pytest
from lxml import etree

from bottleneck_briefs.briefs.formats.refi_codebook import GUID_NAMESPACE, NAMESPACE
from conftest import CORPUS, DATA, invoke

PROJECT_XSD = DATA / "refi-qda" / "Project.xsd"
PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
Q = f"{{{NAMESPACE}}}"


def export(target: Path, *args: str, corpus: Path = CORPUS):
    return invoke("export", "codebook", target, *args, "--corpus", corpus)


@pytest.fixture(scope="module")
def qdc(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("qdc") / "knelpunten.qdc"
    result = export(target)
    assert result.exit_code == 0, result.output
    assert "10 themes and 22 facet values" in result.output
    return target


def as_project(codebook: etree._Element) -> etree._Element:
    """The codebook's Codes and Sets inside a REFI-QDA project: the standard's own schema for them."""

    def renamed(element):
        element = copy.deepcopy(element)
        for node in element.iter():
            node.tag = node.tag.replace(NAMESPACE, PROJECT_NAMESPACE)
        return element

    project = etree.Element(f"{{{PROJECT_NAMESPACE}}}Project", name="test", nsmap={None: PROJECT_NAMESPACE})
    book = etree.SubElement(project, f"{{{PROJECT_NAMESPACE}}}CodeBook")
    book.append(renamed(codebook.find(f"{Q}Codes")))
    project.append(renamed(codebook.find(f"{Q}Sets")))  # a project holds its sets beside the codebook
    return project


def test_codes_and_sets_are_valid_against_the_standard_schema(qdc):
    schema = etree.XMLSchema(etree.parse(str(PROJECT_XSD)))
    project = as_project(etree.parse(str(qdc)).getroot())
    assert schema.validate(project), schema.error_log


def test_the_schema_check_can_fail(qdc):
    """A code without isCodable (required by the standard) is refused: the check above is real."""
    schema = etree.XMLSchema(etree.parse(str(PROJECT_XSD)))
    root = etree.parse(str(qdc)).getroot()
    del root.find(f"{Q}Codes/{Q}Code").attrib["isCodable"]
    assert not schema.validate(as_project(root))


def test_envelope_as_taguette_writes_it(qdc):
    """<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="..."><Codes>...</Codes><Sets>...</Sets></CodeBook>."""
    root = etree.parse(str(qdc)).getroot()
    assert root.tag == f"{Q}CodeBook"
    assert root.nsmap == {None: NAMESPACE}
    assert root.get("origin", "").startswith("bottlenecks ")
    assert [child.tag for child in root] == [f"{Q}Codes", f"{Q}Sets"]
    assert qdc.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_one_code_per_theme_with_its_definition(qdc, corpus):
    codes = etree.parse(str(qdc)).getroot().find(f"{Q}Codes")
    themes = [code for code in codes if code.get("isCodable") == "true"]
    assert [(c.get("name"), c.findtext(f"{Q}Description")) for c in themes] == [
        (t.title, t.definition) for t in corpus.codebook.themes
    ]
    assert [c.get("guid") for c in themes] == [
        str(uuid.uuid5(GUID_NAMESPACE, f"theme/{t.slug}")).upper() for t in corpus.codebook.themes
    ]


def test_facets_are_parent_codes_of_their_values(qdc, corpus):
    codes = etree.parse(str(qdc)).getroot().find(f"{Q}Codes")
    groups = [code for code in codes if code.get("isCodable") == "false"]
    assert [g.get("name") for g in groups] == ["Doelgroepen", "Partijen", "Vormen van uitbuiting"]
    for facet, group in zip(corpus.codebook.facet_slugs, groups, strict=True):
        values = corpus.codebook.facet(facet).values
        children = group.findall(f"{Q}Code")
        assert [c.get("name") for c in children] == [v.label for v in values]
        assert all(c.get("isCodable") == "true" for c in children)
        assert [c.get("guid") for c in children] == [
            str(uuid.uuid5(GUID_NAMESPACE, f"facet/{facet}/{v.slug}")).upper() for v in values
        ]


def test_every_guid_is_unique_and_the_theme_set_points_at_the_themes(qdc, corpus):
    root = etree.parse(str(qdc)).getroot()
    guids = [code.get("guid") for code in root.iter(f"{Q}Code")]
    assert len(guids) == len(set(guids)) == 10 + 3 + 22
    members = [m.get("targetGUID") for m in root.find(f"{Q}Sets/{Q}Set").findall(f"{Q}MemberCode")]
    assert members == guids[: len(corpus.codebook.themes)]


def test_same_codebook_same_bytes_and_stable_guids_across_languages(qdc, tmp_path):
    again = tmp_path / "again.qdc"
    assert export(again).exit_code == 0
    assert again.read_bytes() == qdc.read_bytes()
    english = tmp_path / "english.qdc"
    assert export(english, "--lang", "en").exit_code == 0
    dutch_root, english_root = (etree.parse(str(path)).getroot() for path in (qdc, english))
    guids = [[code.get("guid") for code in root.iter(f"{Q}Code")] for root in (dutch_root, english_root)]
    assert guids[0] == guids[1]
    assert "Target groups" in [c.get("name") for c in english_root.iter(f"{Q}Code")]


def test_target_must_be_a_qdc_file(tmp_path):
    """Guards against `export codebook bottlenecks/codebook.yaml` overwriting the corpus."""
    result = export(tmp_path / "codebook.yaml")
    assert result.exit_code == 2
    assert "does not end in .qdc" in result.output
    assert not (tmp_path / "codebook.yaml").exists()


def test_a_broken_corpus_writes_nothing(tmp_path, corpus_copy):
    (corpus_copy / "codebook.yaml").write_text("themes: [\n", encoding="utf-8")
    result = export(tmp_path / "x.qdc", corpus=corpus_copy)
    assert result.exit_code == 1
    assert "codebook.yaml" in result.output
    assert not (tmp_path / "x.qdc").exists()
