"""The canonical layout of one YAML value: key order, scalar styles, flow or block collections.

The layout rules are described in canonical_format; this module applies them to
ruamel.yaml's round-trip data in place.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from pydantic import BaseModel

from bottleneck_briefs.corpus.brief_file_models import BriefFile, BriefSelection
from bottleneck_briefs.corpus.models import (
    Codebook,
    Document,
    Facet,
    FacetValue,
    RetiredId,
    Section,
    Source,
    Statement,
    StatementFile,
    Theme,
)
from bottleneck_briefs.corpus.yaml_reading import _NOT_PRINTABLE as NOT_PRINTABLE
from bottleneck_briefs.editing.format_safety import round_trip_yaml
from bottleneck_briefs.editing.yaml_spacing import space_items

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

WIDTH = 76
TEXT_INDENT = 6  # the content of a block scalar in a list item's mapping: "  - key:" -> 6 spaces
LONG_TEXT_FIELDS = {
    "text",
    "translation_en",
    "note",
    "definition",
    "definition_en",
    "use_when",
    "not_when",
    "summary",
    "summary_en",
}


def fold_positions(text: str, indent: int = TEXT_INDENT, width: int = WIDTH) -> list[int]:
    """Greedy wrapping: the positions of the spaces where a folded scalar breaks its lines.

    Only a single space between two non-space characters can be folded; any other
    break would change the text when YAML unfolds it.
    """
    limit = width - indent
    candidates = [
        i
        for i, char in enumerate(text)
        if char == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " "
    ]
    folds: list[int] = []
    line_start = 0
    last_break: int | None = None
    for position in candidates:
        if position - line_start > limit:  # the word ending here does not fit on the line
            if last_break is not None:
                folds.append(last_break)
                line_start = last_break + 1
            if position - line_start > limit:  # one word longer than a line: it gets a line of its own
                folds.append(position)
                line_start, last_break = position + 1, None
                continue
        last_break = position
    if len(text) - line_start > limit and last_break is not None:
        folds.append(last_break)
    return folds


def _fits_plain(key: str, text: str, indent: int) -> bool:
    """Whether `key: text` fits on one line and YAML needs no quotes for it."""
    if len(text) + len(key) + 2 + indent > WIDTH:
        return False
    from ruamel.yaml.comments import CommentedMap

    out = io.StringIO()
    round_trip_yaml().dump(CommentedMap([(key, text)]), out)
    return out.getvalue() == f"{key}: {text}\n"


def _long_text(key: str, value: object) -> object:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    text = str(value)
    if NOT_PRINTABLE.search(text) or text != text.strip():
        return _quoted(text)  # only double quotes can hold these (as escapes); `check` reports them anyway
    if "\n" in text:
        return LiteralScalarString(text)
    if _fits_plain(key, text, TEXT_INDENT - 2):
        return text
    folded = FoldedScalarString(text)
    folded.fold_pos = fold_positions(text)
    return folded


def _plain(value: object) -> object:
    from ruamel.yaml.scalarstring import ScalarString

    return str(value) if isinstance(value, ScalarString) else value


def _quoted(value: object) -> object:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(value) if isinstance(value, str) else value


def _set_scalar(mapping: CommentedMap, key: str, value: object) -> None:
    """Set a value with exactly the given style (CommentedMap.__setitem__ would keep the old one)."""
    from ruamel.yaml.compat import ordereddict

    ordereddict.__setitem__(mapping, key, value)


FLOW_MODELS = (Source, FacetValue, RetiredId)
_CHILD_MODELS: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (StatementFile, "statements"): Statement,
    (Statement, "source"): Source,
    (Codebook, "themes"): Theme,
    (Codebook, "facets"): Facet,
    (Facet, "values"): FacetValue,
    (Codebook, "documents"): Document,
    (Document, "sections"): Section,
    (Codebook, "retired_ids"): RetiredId,
    (BriefFile, "select"): BriefSelection,
}
_SPACED_LISTS = {(StatementFile, "statements"), (Codebook, "themes")}  # a blank line between items
# the codebook's facets are fields of these, in the place after this one (their order is the editor's)
_FACETS_AFTER = {Statement: "themes", BriefSelection: "themes"}


def normalise_mapping(mapping: CommentedMap, model: type[BaseModel]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    order = list(model.model_fields)
    keys = list(mapping.keys())
    if model in _FACETS_AFTER:
        place = order.index(_FACETS_AFTER[model]) + 1
        order[place:place] = [key for key in keys if key not in order]
    wanted = [key for key in order if key in mapping] + [key for key in keys if key not in order]
    if keys != wanted:
        items = [(key, mapping[key]) for key in wanted]
        for key in keys:
            del mapping[key]
        for key, value in items:
            mapping[key] = value
    if model in FLOW_MODELS:
        mapping.fa.set_flow_style()
    else:
        mapping.fa.set_block_style()

    for key in wanted:
        value = mapping[key]
        if isinstance(value, str):
            if key in LONG_TEXT_FIELDS and value.strip():
                _set_scalar(mapping, key, _long_text(key, value))
            elif model in (Source, Section) and key in ("section", "number"):
                _set_scalar(mapping, key, _quoted(value))
            else:
                _set_scalar(mapping, key, _plain(value))
        elif isinstance(value, CommentedMap):
            child = _CHILD_MODELS.get((model, key))
            if child is not None:
                normalise_mapping(value, child)
        elif isinstance(value, CommentedSeq):
            child = _CHILD_MODELS.get((model, key))
            if child is not None:
                _normalise_list(value, child, spaced=(model, key) in _SPACED_LISTS)
            elif all(not isinstance(item, (CommentedMap, CommentedSeq)) for item in value):
                value.fa.set_flow_style()
                for index, item in enumerate(value):
                    list.__setitem__(value, index, _plain(item))


def _normalise_list(items: CommentedSeq, model: type[BaseModel], spaced: bool) -> None:
    from ruamel.yaml.comments import CommentedMap

    items.fa.set_block_style()
    for item in items:
        if isinstance(item, CommentedMap):
            normalise_mapping(item, model)
    if spaced:
        space_items(items)
