"""The codebook as a REFI-QDA codebook (.qdc): for ATLAS.ti, MAXQDA, NVivo, QualCoder and Taguette.

REFI-QDA (the Rotterdam Exchange Format Initiative's QDA-XML) is the format
qualitative-analysis programs exchange codebooks in. Each theme is a codable
Code with its definition as Description; each facet is a parent Code that is
not itself codable, with a codable Code per value; one Set groups the themes.
Every GUID is a UUID 5 of the slug, so the same theme keeps the same GUID in
every export, whatever its title or language: a project that imported an
earlier export recognises its codes again. The same codebook gives the same
bytes.
"""

from __future__ import annotations

import uuid

from lxml import etree

from bottleneck_briefs import __version__
from bottleneck_briefs.briefs.content.statement_coding import facet_titles
from bottleneck_briefs.briefs.content.translations import gettext_for
from bottleneck_briefs.briefs.formats.office_files import refuse_unwritable_text
from bottleneck_briefs.corpus.models import Codebook

NAMESPACE = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("2b528415-c775-4fe2-9a55-050b05c9e698")  # this program's codes; never change it


def guid(*path: str) -> str:
    """E.g. guid("theme", "financiering"): the same code always has the same GUID (upper case, as Taguette's)."""
    return str(uuid.uuid5(GUID_NAMESPACE, "/".join(path))).upper()


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _code(
    parent: etree._Element, code_guid: str, name: str, codable: bool, description: str | None = None
) -> etree._Element:
    code = etree.SubElement(
        parent, _tag("Code"), {"guid": code_guid, "name": name, "isCodable": "true" if codable else "false"}
    )
    if description:
        etree.SubElement(code, _tag("Description")).text = description
    return code


def codebook_xml(codebook: Codebook, language: str) -> bytes:
    """The codebook's XML; office_files.UnwritableTextError when a text holds a character XML cannot hold."""
    refuse_unwritable_text(codebook, "the REFI-QDA codebook")
    english = language == "en"
    _ = gettext_for(language)
    root = etree.Element(_tag("CodeBook"), {"origin": f"bottlenecks {__version__}"}, nsmap={None: NAMESPACE})
    codes = etree.SubElement(root, _tag("Codes"))
    for theme in codebook.themes:
        _code(
            codes,
            guid("theme", theme.slug),
            theme.title_en if english and theme.title_en else theme.title,
            True,
            theme.definition_en if english and theme.definition_en else theme.definition,
        )
    titles = facet_titles(codebook, language)
    for facet in codebook.facets:
        group = _code(codes, guid("facet", facet.slug), titles[facet.slug], False)
        for value in facet.values:
            label = value.label_en if english and value.label_en else value.label
            _code(group, guid("facet", facet.slug, value.slug), label, True)
    sets = etree.SubElement(root, _tag("Sets"))
    themes = etree.SubElement(sets, _tag("Set"), {"guid": guid("set", "themes"), "name": _("Thema’s")})
    for theme in codebook.themes:
        etree.SubElement(themes, _tag("MemberCode"), {"targetGUID": guid("theme", theme.slug)})
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def facet_value_count(codebook: Codebook) -> int:
    return sum(len(facet.values) for facet in codebook.facets)
