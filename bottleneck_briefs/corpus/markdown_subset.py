"""The small Markdown subset of the writers' and editors' own texts, and what `check` says of it.

Paragraphs, bullet and numbered lists, emphasis, line breaks and links, parsed
by markdown-it-py (CommonMark) as briefs.render.summary_markdown renders them. One
parser for both, so that what `check` accepts is what a brief shows.

markdown-it stops parsing blocks at its nesting limit: a list nested ten
levels deep loses everything from the tenth level on, the paragraphs after it
included, without a word. `check` refuses such a text at the line where the
loss begins, so the writer's text is never cut short in a brief.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import YamlFile, format_path, line_and_column

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http:", "https:", "mailto:")
MARKDOWN_FIELDS = {"summary", "summary_en"}
# a list item's marker: nesting as deep as the parser's limit takes at least this many of them
_LIST_MARKER = re.compile(r"(?:^|\s)(?:[-*+]|[0-9]{1,9}[.)])(?=\s|$)")
_MARKERS_TO_REACH_THE_LIMIT = 9


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    class SafeMarkdown(MarkdownIt):
        def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
            return url.strip().lower().startswith(SAFE_SCHEMES)

    parser = SafeMarkdown("zero", {"html": False, "linkify": False, "typographer": False})
    return parser.enable(["list", "emphasis", "link", "newline", "escape"])


def lost_from_line(text: str) -> int | None:
    """The line of `text` (0-based) from which the parser would drop the text, nested too deep; None: none."""
    if len(_LIST_MARKER.findall(text)) < _MARKERS_TO_REACH_THE_LIMIT:
        return None  # too few list items to nest that deep: markdown-it is not even imported
    markdown = parser()
    limit = markdown.options.maxNesting
    for token in markdown.parse(text):
        # an opening token at the last level leaves its content to a level the parser no longer reads
        if token.nesting == 1 and token.level >= limit - 1:
            return token.map[0] if token.map else 0
    return None


def markdown_problems(document: YamlFile) -> list[Problem]:
    problems = []
    for path, span in document.scalars.items():
        if not (path and path[-1] in MARKDOWN_FIELDS):
            continue
        line = lost_from_line(span.text)
        if line is None:
            continue
        message = (
            "the lists are nested too deeply: from here on the text would be left out of the brief; "
            "nest lists at most nine levels deep"
        )
        if span.style == "|":  # a literal block keeps its lines: name the very line, at its first character
            header_line = line_and_column(document.source, span.start)[0]
            row = header_line + 1 + line
            source_line = document.source.split("\n")[row - 1] if row <= document.source.count("\n") + 1 else ""
            column = len(source_line) - len(source_line.lstrip(" ")) + 1
            problems.append(Problem(document.display_name, row, column, format_path(path), message))
        else:
            problems.append(document.problem(path, message))
    return problems
