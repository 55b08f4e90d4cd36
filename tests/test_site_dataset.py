"""The site's dataset description (DCAT-AP-DONL, JSON-LD), read as RDF with rdflib: every required property."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from conftest import CORPUS, invoke
from edition_scenario import change_after_recording, record

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
BASE = "https://example.org/knelpunten/"
THEME = "https://example.org/thema/openbare-orde-en-veiligheid"  # a stand-in: the publisher names the real one
PUBLICATION = f"""publisher: Voorbeeldorganisatie
website: https://example.org/knelpunten/
contact: redactie@example.org
status: definitief
licence: CC BY 4.0
creator: Voorbeeldorganisatie, redactie knelpunten
dataset_theme: {THEME}
privacy_ok: ["redactie@example.org: the editors' shared address, no person's"]
"""
DATASET = [
    DCT.identifier,
    DCT.title,
    DCT.description,
    DCT.publisher,
    DCT.creator,
    DCAT.contactPoint,
    DCAT.theme,
    DCT.license,
    DCT.language,
    ADMS.status,
    DCT.modified,
]
DISTRIBUTION = [DCT.title, DCT["format"], DCAT.mediaType, DCAT.byteSize, SPDX.checksum, DCAT.accessURL]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Graph]:
    corpus = tmp_path_factory.mktemp("published") / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    (corpus / "publication.yaml").write_text(PUBLICATION, encoding="utf-8")
    record(corpus)
    change_after_recording(corpus)
    record(corpus, "2026-2", "2026-04-01")
    output = corpus.parent / "site"
    result = invoke("site", "--output-dir", output, "--date", "2026-04-02", "--no-search", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # the publication file has all the dataset needs
    graph = Graph().parse(output / "data" / "dataset.jsonld", format="json-ld")
    return output, graph


def test_every_dataset_has_every_required_property(published):
    _, graph = published
    datasets = sorted(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 3  # the collection now, and editions 2026-1 and 2026-2
    for dataset in datasets:
        missing = [str(prop) for prop in DATASET if graph.value(dataset, prop) is None]
        assert missing == [], dataset
        assert graph.value(dataset, DCAT.theme) == URIRef(THEME)
        assert graph.value(dataset, DCT.license) == URIRef("http://creativecommons.org/licenses/by/4.0/")
        assert graph.value(dataset, DCT.language) == URIRef(
            "http://publications.europa.eu/resource/authority/language/NLD"
        )
        assert graph.value(graph.value(dataset, DCT.publisher), FOAF.name) == Literal("Voorbeeldorganisatie")
        contact = graph.value(dataset, DCAT.contactPoint)
        assert graph.value(contact, RDF.type) == VCARD.Organization  # the organisation's, never a person's
        assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:redactie@example.org")
        assert str(graph.value(dataset, DCT.identifier)).startswith(BASE)
        assert list(graph.objects(dataset, DCAT.distribution))


def test_every_distribution_names_its_file_with_size_and_checksum(published):
    output, graph = published
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) >= 5 + 2 * 2
    for distribution in distributions:
        assert [str(p) for p in DISTRIBUTION if graph.value(distribution, p) is None] == []
        url = str(graph.value(distribution, DCAT.accessURL))
        assert url.startswith(BASE)
        data = (output / url.removeprefix(BASE)).read_bytes()
        assert int(graph.value(distribution, DCAT.byteSize)) == len(data)
        checksum = graph.value(distribution, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert str(graph.value(distribution, DCAT.mediaType)).startswith(
            "https://www.iana.org/assignments/media-types/"
        )


def test_the_editions_are_versions_of_the_collection(published):
    _, graph = published
    current = next(d for d in graph.subjects(RDF.type, DCAT.Dataset) if graph.value(d, DCT.isVersionOf) is None)
    versions = set(graph.objects(current, DCT.hasVersion))
    assert len(versions) == 2
    for version in versions:
        assert graph.value(version, DCT.isVersionOf) == current
    assert {str(graph.value(v, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))) for v in versions} == {
        "2026-1",
        "2026-2",
    }


def test_without_the_fields_the_description_leaves_them_out_rather_than_invent_them(tmp_path):
    output = tmp_path / "site"
    assert invoke("site", "--output-dir", output, "--date", "2026-04-02", "--no-search").exit_code == 0
    graph = Graph().parse(output / "data" / "dataset.jsonld", format="json-ld", publicID="https://host.test/data/")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    for prop in (DCAT.theme, DCT.license, DCT.creator):
        assert graph.value(dataset, prop) is None
    assert graph.value(graph.value(dataset, DCT.publisher), FOAF.name) == Literal("Programma Samen tegen Mensenhandel")
