"""The pages of `bottlenecks serve` around the briefs: the index, problems, and the reload script."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bottleneck_briefs.basics.names import OVERVIEW_NAME
from bottleneck_briefs.briefs.render.palette import COLOURS  # the briefs' one palette
from bottleneck_briefs.corpus.loading import Corpus

POLL_MILLISECONDS = 1000


def reload_script(version: int) -> str:
    """Reload when a newer version is ready: pushed over Server-Sent Events (/_events) as soon as the new
    pages are rendered; where that stream is refused or missing, asked for once a second (/_version)."""
    return (
        "<script>/* bottlenecks serve: reload when the corpus or the templates change */\n"
        f"(function () {{ var seen = {version}, polling = false;\n"
        "  function check(v) { if (Number(v) > seen) { location.reload(); } }\n"
        "  function poll() { if (polling) { return; } polling = true;\n"
        "    setInterval(function () {\n"
        "      fetch('/_version', {cache: 'no-store'}).then(function (r) { return r.text(); })\n"
        "        .then(check).catch(function () {});\n"
        f"    }}, {POLL_MILLISECONDS}); }}\n"
        "  if (!window.EventSource) { poll(); return; }\n"
        "  var events = new EventSource('/_events');\n"
        "  events.onmessage = function (e) { check(e.data); };\n"
        "  events.onerror = function () { if (events.readyState === EventSource.CLOSED) { poll(); } };\n"
        "})();</script>\n"
    )


def with_reload(document: str, version: int) -> str:
    """Add the reload script just before </body> (or at the end)."""
    script = reload_script(version)
    index = document.lower().rfind("</body>")
    return document[:index] + script + document[index:] if index >= 0 else document + script


def page(title: str, body: str) -> str:
    """A page of the preview's own, in English like the commands (titles from the corpus carry lang="nl")."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        f"color:{COLOURS['ink']}}}"
        f"pre{{white-space:pre-wrap;background:{COLOURS['error_tint']};border-left:4px solid {COLOURS['error']};"
        "padding:1rem}"
        "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}</style></head>\n"
        f"<body><main>{body}</main></body></html>\n"
    )


def problems_page(lines: list[str]) -> str:
    count = len(lines)
    return page(
        "Problems in the corpus",
        (
            "<h1>The corpus has problems</h1>"
            f"<p>{count} problem{'s' if count != 1 else ''}. Fix them and save the file; "
            "this page reloads by itself.</p>"
            f"<pre>{html.escape(chr(10).join(lines))}</pre>"
        ),
    )


def render_failure_page(slug: str, message: str) -> str:
    return page(
        "The brief could not be made",
        (
            f"<h1>The brief '{html.escape(slug)}' could not be made</h1>"
            "<p>Fix the error and save; this page reloads by itself.</p>"
            f"<pre>{html.escape(message)}</pre>"
        ),
    )


@dataclass(frozen=True)
class IndexEntry:
    """One page the preview serves, as the index lists it."""

    group: str  # the heading it is listed under, in English
    name: str  # the page's address without ".html"
    title: str  # from the corpus, in Dutch
    detail: str  # in English: how many statements, or which file


def index_entries(corpus: Corpus) -> list[IndexEntry]:
    """The overview, every theme's brief and every composed brief, in that order; other kinds of page add
    their own entries to this list."""
    entries = [IndexEntry("Overview", OVERVIEW_NAME, "Overzicht", f"all {len(corpus.statements)} statements")]
    entries += [
        IndexEntry("Theme briefs", theme.slug, theme.title, f"{corpus.count_for(theme.slug)} statements")
        for theme in corpus.codebook.themes
    ]
    entries += [
        IndexEntry("Composed briefs", name, corpus.briefs[name].title, f"briefs/{name}.yaml")
        for name in sorted(corpus.briefs)
    ]
    entries += [
        IndexEntry("Notes", name, corpus.notes[name].front.title, f"notes/{name}.md") for name in sorted(corpus.notes)
    ]
    return entries


def index_page(entries: list[IndexEntry]) -> str:
    """The entries under their group headings, groups in the order they first appear."""
    groups: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    body = "<h1>Preview of the briefs</h1>"
    for group, members in groups.items():
        items = "".join(
            f'<li><a href="/{html.escape(entry.name)}.html" lang="nl">{html.escape(entry.title)}</a> '
            f"({html.escape(entry.detail)})</li>"
            for entry in members
        )
        body += f"<h2>{html.escape(group)}</h2><ul>{items}</ul>"
    return page("Preview of the briefs", body)


def not_found_page(slug: str) -> str:
    return page(
        "Not found",
        f"<h1>No theme or brief '{html.escape(slug)}'</h1><p><a href=\"/\">All briefs in this preview</a></p>",
    )
