"""A note's Markdown to HTML, with its markers: a statement quoted, a statement cited, a number counted.

CommonMark (markdown-it-py, as for the writers' summaries) with headings,
blockquotes, lists, emphasis and links; raw HTML is escaped, a link goes only
to http(s) or mailto. `[[KP-024]]` alone in a paragraph becomes a quote part
(the template renders it, verbatim with its citation); `[[KP-017]]` in a
sentence a link to the statement in the annex; `[[count ...]]` the number
the corpus gives now. The title is the note's h1: the text's headings start
at h2 (`#` and `##`) and go no deeper than h4.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from bottleneck_briefs.corpus.markdown_subset import SAFE_SCHEMES
from bottleneck_briefs.corpus.note_markers import MARKER, find_markers

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

TOP_LEVEL, DEEPEST_LEVEL = 2, 4


@dataclass(frozen=True)
class TextPart:
    html: Markup


@dataclass(frozen=True)
class QuotePart:
    statement_id: str


NotePart = TextPart | QuotePart


def _marker_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = MARKER.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("note_marker", "", 0)
        token.content = match.group(0)
    state.pos = match.end()
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    class SafeMarkdown(MarkdownIt):
        def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
            return url.strip().lower().startswith(SAFE_SCHEMES)

    parser = SafeMarkdown("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["heading", "blockquote", "list", "emphasis", "link", "newline", "escape", "hr"])
    parser.inline.ruler.before("link", "note_marker", _marker_rule)
    parser.add_render_rule(
        "note_marker", lambda self, tokens, index, options, env: env["marker"](tokens[index].content)
    )
    return parser


def note_parts(text: str, marker_html: Callable[[str], Markup]) -> list[NotePart]:
    """The note's text as HTML parts and quotes, in order. `marker_html`: a marker in a sentence (its whole
    text, e.g. '[[KP-017]]') as HTML."""
    parser = _parser()
    tokens = parser.parse(text)
    parts: list[NotePart] = []
    pending: list = []
    env = {"marker": marker_html}

    def flush() -> None:
        if pending:
            parts.append(TextPart(Markup(parser.renderer.render(pending, parser.options, env))))
            pending.clear()

    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("heading_open", "heading_close"):
            level = min(max(int(token.tag[1]), TOP_LEVEL), DEEPEST_LEVEL)
            token.tag = f"h{level}"
        quoted = _quoted_id(tokens, index)
        if quoted is not None:
            flush()
            parts.append(QuotePart(quoted))
            index += 3
            continue
        pending.append(token)
        index += 1
    flush()
    return parts


def _quoted_id(tokens: list, index: int) -> str | None:
    """The id of a paragraph that is only a statement's marker (not in a list or a blockquote), else None."""
    if index + 2 >= len(tokens) or tokens[index].type != "paragraph_open" or tokens[index].level != 0:
        return None
    children = [child for child in tokens[index + 1].children or () if child.type != "text" or child.content.strip()]
    if len(children) != 1 or children[0].type != "note_marker":
        return None
    marker = find_markers(children[0].content)[0]
    return marker.statement_id


def escaped(text: str) -> Markup:
    return escape(text)
