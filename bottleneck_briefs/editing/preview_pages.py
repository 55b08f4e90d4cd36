"""The pages of `bottlenecks serve` around the briefs: the index, problems, and the reload script."""

from __future__ import annotations

import html

from bottleneck_briefs.briefs.palette import COLOURS  # the briefs' one palette
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
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{html.escape(title)}</title><style>"
        f"body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:{COLOURS['ink']}}}"
        f"pre{{white-space:pre-wrap;background:{COLOURS['error_tint']};border-left:4px solid {COLOURS['error']};"
        "padding:1rem}"
        "h1{font-size:1.5rem}</style></head>\n"
        f"<body><main>{body}</main></body></html>\n"
    )


def problems_page(lines: list[str]) -> str:
    count = len(lines)
    return page("Fouten in het corpus", (
        "<h1>Het corpus bevat fouten</h1>"
        f"<p>{count} melding{'en' if count != 1 else ''}. Herstel ze en sla het bestand op; "
        "deze pagina ververst vanzelf.</p>"
        f"<pre>{html.escape(chr(10).join(lines))}</pre>"
    ))


def render_failure_page(slug: str, message: str) -> str:
    return page("Fout bij het maken van de brief", (
        f"<h1>De brief '{html.escape(slug)}' kon niet worden gemaakt</h1>"
        "<p>Herstel de fout en sla op; deze pagina ververst vanzelf.</p>"
        f"<pre>{html.escape(message)}</pre>"
    ))


def index_page(corpus: Corpus) -> str:
    items = "".join(
        f"<li><a href=\"/{html.escape(theme.slug)}.html\">{html.escape(theme.title)}</a> "
        f"({corpus.count_for(theme.slug)})</li>"
        for theme in corpus.codebook.themes
    )
    composed = "".join(f"<li><a href=\"/{html.escape(name)}.html\">{html.escape(corpus.briefs[name].title)}</a> "
                       f"(briefs/{html.escape(name)}.yaml)</li>" for name in sorted(corpus.briefs))
    if composed:
        items += f"</ul><h2>Samengestelde briefs</h2><ul>{composed}"
    notes = "".join(f"<li><a href=\"/{html.escape(name)}.html\">{html.escape(corpus.notes[name].front.title)}</a> "
                    f"(notes/{html.escape(name)}.md)</li>" for name in sorted(corpus.notes))
    if notes:
        items += f"</ul><h2>Notities</h2><ul>{notes}"
    return page("Voorbeeld van de briefs", f"<h1>Voorbeeld van de briefs</h1><ul>{items}</ul>")


def not_found_page(slug: str) -> str:
    return page("Niet gevonden", f"<h1>Geen thema of brief '{html.escape(slug)}'</h1>")
