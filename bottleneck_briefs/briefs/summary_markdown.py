"""The writer's and editors' own text, from a small, safe Markdown subset to HTML.

Paragraphs, bullet and numbered lists, emphasis (*…*, **…**), line breaks and
links, parsed by markdown-it-py (CommonMark). Everything else stays text: raw
HTML is escaped, not passed through; headings, images, code and tables are
not parsed. A link goes only to http(s) or mailto; any other target (javascript:,
data:, a file) leaves the link's text as plain text.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

SAFE_SCHEMES = ("http:", "https:", "mailto:")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    class SafeMarkdown(MarkdownIt):
        def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
            return url.strip().lower().startswith(SAFE_SCHEMES)

    parser = SafeMarkdown("zero", {"html": False, "linkify": False, "typographer": False})
    return parser.enable(["list", "emphasis", "link", "newline", "escape"])


def summary_html(text: str) -> Markup:
    """The HTML of `text`: safe to put in a page as it is."""
    return Markup(_parser().render(text))
