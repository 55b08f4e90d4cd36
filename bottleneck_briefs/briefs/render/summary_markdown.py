"""The writer's and editors' own text, from a small, safe Markdown subset to HTML.

Paragraphs, bullet and numbered lists, emphasis (*…*, **…**), line breaks and
links, parsed by markdown-it-py (CommonMark). Everything else stays text: raw
HTML is escaped, not passed through; headings, images, code and tables are
not parsed. A link goes only to http(s) or mailto; any other target (javascript:,
data:, a file) leaves the link's text as plain text.
"""

from __future__ import annotations

from markupsafe import Markup

from bottleneck_briefs.corpus.markdown_subset import parser as _parser  # check reads it as the briefs render it


def summary_html(text: str) -> Markup:
    """The HTML of `text`: safe to put in a page as it is."""
    return Markup(_parser().render(text))


def summary_paragraphs(text: str) -> list[str]:
    """The same text as plain paragraphs, one per paragraph or list item (with its bullet or number), for Word."""
    paragraphs: list[str] = []
    lists: list[list[int]] = []  # per open list: [its next number], or [] for a bullet list
    prefix = ""
    for token in _parser().parse(text):
        if token.type == "bullet_list_open":
            lists.append([])
        elif token.type == "ordered_list_open":
            lists.append([int(token.attrs.get("start", 1) or 1)])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open" and lists:
            numbering = lists[-1]
            prefix = "  " * (len(lists) - 1) + (f"{numbering[0]}. " if numbering else "• ")
            if numbering:
                numbering[0] += 1
        elif token.type == "inline":
            words = "".join(
                child.content
                if child.type in ("text", "code_inline")
                else " "
                if child.type in ("softbreak", "hardbreak")
                else ""
                for child in token.children or ()
            )
            paragraphs.append(prefix + words)
            prefix = ""
    return paragraphs
