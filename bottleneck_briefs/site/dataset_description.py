"""The dataset description of the site's open data: DCAT-AP-DONL, as JSON-LD.

One dataset for the collection as published now, and one per recorded
edition, linked both ways (dct:hasVersion, dct:isVersionOf). Every
distribution names its title, format, media type, byte size, SHA-256
checksum and access URL. Only what publication.yaml and the corpus say is
written: a missing field is left out and reported (`site_requirements`), never
made up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bottleneck_briefs.corpus.publication_models import Publication

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "spdx": "http://spdx.org/rdf/terms#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
DUTCH = "http://publications.europa.eu/resource/authority/language/NLD"
AVAILABLE = "http://data.overheid.nl/status/beschikbaar"  # DONL's status list: the data can be downloaded
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
# licences by the names publishers write, to the URIs DCAT wants
LICENCES = {
    "cc0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "cc0 1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "cc by 4.0": "http://creativecommons.org/licenses/by/4.0/",
    "cc-by 4.0": "http://creativecommons.org/licenses/by/4.0/",
    "cc-by-4.0": "http://creativecommons.org/licenses/by/4.0/",
    "cc by-sa 4.0": "http://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-sa-4.0": "http://creativecommons.org/licenses/by-sa/4.0/",
}


@dataclass(frozen=True)
class Distribution:
    name: str  # the file's name in the site
    path: str  # from the site's root
    title: str
    file_type: str  # the EU file-type authority's code: CSV, JSON, XLSX, XML
    media_type: str  # IANA: text/csv
    size: int
    sha256: str


@dataclass(frozen=True)
class DatasetVersion:
    key: str  # "" for the collection as published now, else the edition's name
    title: str
    description: str
    date: str  # YYYY-MM-DD: the edition's date, or the site's
    distributions: tuple[Distribution, ...]
    identifier_path: str  # its own address (a folder of the site), from the site's root: its identifier
    landing_path: str = "data/"  # the page that describes it and links its files


def licence_uri(licence: str | None) -> str | None:
    if not licence:
        return None
    if licence.startswith(("http://", "https://")):
        return licence
    return LICENCES.get(" ".join(licence.lower().split()))


def _iri(base: str, path: str) -> str:
    """An absolute IRI under the site's base URL; without one, relative to the description itself (in data/)."""
    if base:
        return base.rstrip("/") + "/" + path
    return "../" + path


def _contact(publication: Publication) -> dict:
    point: dict = {"@type": "vcard:Organization", "vcard:fn": publication.publisher}
    contact = publication.contact or ""
    if "@" in contact and " " not in contact.strip():
        point["vcard:hasEmail"] = {"@id": "mailto:" + contact.strip()}
    elif contact.startswith(("http://", "https://")):
        point["vcard:hasURL"] = {"@id": contact}
    elif contact:
        point["vcard:note"] = contact
    return point


def _dataset(version: DatasetVersion, publication: Publication | None, base: str) -> dict:
    node: dict = {
        "@id": _iri(base, version.identifier_path) + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": _iri(base, version.identifier_path),
        "dct:title": {"@value": version.title, "@language": "nl"},
        "dct:description": {"@value": version.description, "@language": "nl"},
        "dct:language": {"@id": DUTCH},
        "adms:status": {"@id": AVAILABLE},
        "dct:modified": {"@value": version.date, "@type": "xsd:date"},
        "dcat:landingPage": {"@id": _iri(base, version.landing_path)},
    }
    if version.key:
        node["owl:versionInfo"] = version.key
        node["dct:issued"] = {"@value": version.date, "@type": "xsd:date"}
    licence = licence_uri(publication.licence) if publication else None
    if publication is not None:
        node["dct:publisher"] = {"@type": "foaf:Organization", "foaf:name": publication.publisher}
        node["dcat:contactPoint"] = _contact(publication)
        if publication.creator:
            node["dct:creator"] = {"@type": "foaf:Organization", "foaf:name": publication.creator}
        if publication.dataset_theme:
            node["dcat:theme"] = {"@id": publication.dataset_theme}
    if licence:
        node["dct:license"] = {"@id": licence}
    node["dcat:distribution"] = [_distribution(item, base, licence) for item in version.distributions]
    return node


def _distribution(item: Distribution, base: str, licence: str | None) -> dict:
    node = {
        "@id": _iri(base, item.path) + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": {"@value": item.title, "@language": "nl"},
        "dct:format": {"@id": FILE_TYPES + item.file_type},
        "dcat:mediaType": {"@id": MEDIA_TYPES + item.media_type},
        "dcat:byteSize": {"@value": str(item.size), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": {"@value": item.sha256, "@type": "xsd:hexBinary"},
        },
        "dcat:accessURL": {"@id": _iri(base, item.path)},
        "dcat:downloadURL": {"@id": _iri(base, item.path)},
        "dct:language": {"@id": DUTCH},
    }
    if licence:
        node["dct:license"] = {"@id": licence}
    return node


def dataset_description(
    current: DatasetVersion, editions: list[DatasetVersion], publication: Publication | None, base: str | None
) -> bytes:
    """The JSON-LD document: the current dataset, then one per edition, oldest first."""
    base = base or ""
    graph = [_dataset(current, publication, base)] + [_dataset(edition, publication, base) for edition in editions]
    current_id = graph[0]["@id"]
    if editions:
        graph[0]["dct:hasVersion"] = [{"@id": node["@id"]} for node in graph[1:]]
        for node in graph[1:]:
            node["dct:isVersionOf"] = {"@id": current_id}
    document = {"@context": CONTEXT, "@graph": graph}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
