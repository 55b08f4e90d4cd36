"""`bottlenecks serve`: a live preview of the HTML briefs on localhost.

A background thread watches the corpus and the templates (watchfiles); every
change bumps a version number. Pages are rendered on request and cached per
version. The pages carry a small script, added only here, that asks for the
version once a second and reloads the page when it changed. When the corpus
does not load, the page lists the problems (file, line, field) instead.

Only these paths are served: `/` (the themes and brief files), `/<name>.html` (a theme's
or a brief file's brief) and
`/_version`. No file is ever served from disk.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bottleneck_briefs.briefs.palette import COLOURS  # the briefs' one palette
from bottleneck_briefs.corpus.loading import Corpus, load_corpus

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
POLL_MILLISECONDS = 1000
_SLUG_PATH = re.compile(r"^/([a-z0-9]+(?:-[a-z0-9]+)*)\.html$")

# Rendering one brief as HTML: (corpus, corpus folder, templates folder, theme slug) -> the HTML document.
Renderer = Callable[[Corpus, Path, Path, str], str]


def reload_script(version: int) -> str:
    return (
        "<script>/* bottlenecks serve: reload when the corpus or the templates change */\n"
        f"(function () {{ var seen = {version};\n"
        "  setInterval(function () {\n"
        "    fetch('/_version', {cache: 'no-store'}).then(function (r) { return r.text(); })\n"
        "      .then(function (v) { if (Number(v) !== seen) { location.reload(); } })\n"
        "      .catch(function () {});\n"
        f"  }}, {POLL_MILLISECONDS});\n"
        "})();</script>\n"
    )


def with_reload(document: str, version: int) -> str:
    """Add the reload script just before </body> (or at the end)."""
    script = reload_script(version)
    index = document.lower().rfind("</body>")
    return document[:index] + script + document[index:] if index >= 0 else document + script


def _page(title: str, body: str) -> str:
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
    return _page("Fouten in het corpus", (
        "<h1>Het corpus bevat fouten</h1>"
        f"<p>{count} melding{'en' if count != 1 else ''}. Herstel ze en sla het bestand op; "
        "deze pagina ververst vanzelf.</p>"
        f"<pre>{html.escape(chr(10).join(lines))}</pre>"
    ))


def render_failure_page(slug: str, message: str) -> str:
    return _page("Fout bij het maken van de brief", (
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
    return _page("Voorbeeld van de briefs", f"<h1>Voorbeeld van de briefs</h1><ul>{items}</ul>")


@dataclass
class PreviewState:
    """The corpus as last loaded and the pages rendered from it, per version."""

    corpus_dir: Path
    templates_dir: Path
    renderer: Renderer
    version: int = 1
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _loaded_version: int = 0
    _corpus: Corpus | None = None
    _problems: list[str] = field(default_factory=list)
    _pages: dict[str, str] = field(default_factory=dict)

    def changed(self) -> None:
        with self._lock:
            self.version += 1

    def _load(self) -> None:
        """With the lock held: reload the corpus if the files changed since the last load."""
        if self._loaded_version == self.version:
            return
        result = load_corpus(self.corpus_dir)
        self._corpus = result.corpus
        self._problems = [problem.format() for problem in result.problems]
        self._pages = {}
        self._loaded_version = self.version

    def page(self, slug: str | None) -> tuple[HTTPStatus, str]:
        """The page for a theme (None: the index), rendered at most once per version."""
        with self._lock:
            self._load()
            version = self.version
            if self._corpus is None:
                return HTTPStatus.OK, with_reload(problems_page(self._problems), version)
            if slug is None:
                return HTTPStatus.OK, with_reload(index_page(self._corpus), version)
            if self._corpus.theme(slug) is None and slug not in self._corpus.briefs:
                return HTTPStatus.NOT_FOUND, _page("Niet gevonden", f"<h1>Geen thema '{html.escape(slug)}'</h1>")
            if slug not in self._pages:
                try:
                    document = self.renderer(self._corpus, self.corpus_dir, self.templates_dir, slug)
                except Exception as error:  # a template error must not stop the preview
                    document = render_failure_page(slug, f"{type(error).__name__}: {error}")
                self._pages[slug] = document
            return HTTPStatus.OK, with_reload(self._pages[slug], version)


def _handler(state: PreviewState, allowed_hosts: set[str] | None):
    class Handler(BaseHTTPRequestHandler):
        server_version = "bottlenecks-serve"
        sys_version = ""

        def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
            if allowed_hosts is not None and host not in allowed_hosts:  # a page elsewhere cannot reach the preview through DNS rebinding
                return self._send(HTTPStatus.FORBIDDEN, "text/plain", "forbidden host\n")
            path = self.path.split("?", 1)[0]
            if path == "/_version":
                return self._send(HTTPStatus.OK, "text/plain", f"{state.version}")
            if path in ("/", "/index.html"):
                return self._send(*self._html(state.page(None)))
            match = _SLUG_PATH.match(path)
            if match:
                return self._send(*self._html(state.page(match.group(1))))
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", "not found\n")

        def do_HEAD(self) -> None:  # noqa: N802
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain", "")

        @staticmethod
        def _html(result: tuple[HTTPStatus, str]) -> tuple[HTTPStatus, str, str]:
            status, document = result
            return status, "text/html; charset=utf-8", document

        def _send(self, status: HTTPStatus, content_type: str, body: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:  # quiet: the terminal shows what matters
            pass

    return Handler


def watch(paths: list[Path], state: PreviewState, stop: threading.Event, on_change=None) -> None:
    """Bump the state's version on every change below `paths`, until `stop` is set."""
    from watchfiles import DefaultFilter
    from watchfiles import watch as watch_files

    class SourceFilter(DefaultFilter):
        """Editors' and tools' temporary files (hidden, or without a suffix) are not changes to preview."""

        def __call__(self, change, path: str) -> bool:
            name = Path(path).name
            return super().__call__(change, path) and not name.startswith(".") and "." in name

    existing = [str(path) for path in paths if path.exists()]
    for changes in watch_files(*existing, watch_filter=SourceFilter(), stop_event=stop, debounce=200, step=50,
                               rust_timeout=1000, raise_interrupt=False):
        state.changed()
        if on_change is not None:
            on_change(sorted({Path(path).name for _, path in changes}))


@dataclass
class PreviewServer:
    state: PreviewState
    host: str = "127.0.0.1"
    port: int = 8000
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self, on_change=None) -> ThreadingHTTPServer:
        # On loopback only loopback names are accepted; bound elsewhere on purpose, any name is.
        allowed = set(LOOPBACK_HOSTS) if self.host in LOOPBACK_HOSTS else None
        server = ThreadingHTTPServer((self.host, self.port), _handler(self.state, allowed))
        server.daemon_threads = True
        watcher = threading.Thread(target=watch, daemon=True, name="watch",
                                   args=([self.state.corpus_dir, self.state.templates_dir], self.state, self._stop,
                                         on_change))
        watcher.start()
        self._server, self._watcher = server, watcher
        return server

    def serve_until_interrupted(self) -> None:
        """Serve until Ctrl-C (SIGINT) or SIGTERM, then stop the watcher and close the socket."""
        import signal

        def interrupt(signum, frame):
            raise KeyboardInterrupt

        # also when started in the background, where a shell may have set SIGINT to be ignored
        signal.signal(signal.SIGINT, interrupt)
        signal.signal(signal.SIGTERM, interrupt)
        try:
            self._server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop.set()
            self._server.server_close()
            self._watcher.join(timeout=5)
