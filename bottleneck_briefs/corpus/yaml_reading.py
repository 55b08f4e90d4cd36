"""Read one hand-written YAML file into plain data, remembering where every value stands.

The bytes are checked first (size, UTF-8, tabs, control and invisible
characters: yaml_source_checks), then parsed into data with exact positions
(yaml_events), and the same character rules run on what the escapes of quoted
strings write (value_characters). Problems are returned, never raised.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bottleneck_briefs.corpus.file_reading import read_bounded
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.value_characters import escaped_character_problems
from bottleneck_briefs.corpus.writer_agreement import tabs_the_writer_refuses
from bottleneck_briefs.corpus.yaml_document import Path_, ScalarSpan, YamlFile, format_path  # noqa: F401
from bottleneck_briefs.corpus.yaml_events import build
from bottleneck_briefs.corpus.yaml_scalars import CORE_TAGS, resolve_plain  # noqa: F401
from bottleneck_briefs.corpus.yaml_source_checks import (
    LINE_SEPARATORS,
    NOT_PRINTABLE,
    decode_text,
    find_control_characters,
    find_invisible_characters,
    find_tab_indentation,
    without_line_separators,
)

_NOT_PRINTABLE = NOT_PRINTABLE  # the name other modules import


def read_yaml_file(path: Path, display_name: str) -> tuple[YamlFile, list[Problem]]:
    """Read and parse `path`; problems are returned, never raised.

    `YamlFile.checkable` tells whether its data (or, after a syntax error, the
    part named in `complete_items`) can still be validated."""
    result = YamlFile(display_name)
    raw = read_bounded(path, display_name, ": split it into smaller files")
    if isinstance(raw, Problem):
        return result, [raw]
    result.digest = hashlib.sha256(raw).hexdigest()
    text, problems = decode_text(raw, display_name)
    if text is None:
        return result, problems
    result.source = text
    problems = find_tab_indentation(text, display_name) + find_control_characters(text, display_name)
    problems = problems or tabs_the_writer_refuses(text, display_name)
    if problems:
        return result, problems
    invisible = find_invisible_characters(text, display_name)
    if any(character in text for character in LINE_SEPARATORS):
        text = without_line_separators(text)  # reported above; now the parser counts lines as editors do
    result.source = text
    parse_problems = build(text, result)
    # invisible characters and a syntax error still leave data worth checking; other problems do not
    result.checkable = result.data is not None and (not parse_problems or result.complete_items is not None)
    return result, invisible + parse_problems + escaped_character_problems(result)
