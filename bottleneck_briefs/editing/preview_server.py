"""`bottlenecks serve`: a live preview of the HTML briefs on localhost.

A background thread watches the corpus and the templates (watchfiles); every
change bumps a version, and the pages browsers are showing are rendered anew
at once (see preview_state). Each page carries a small script, added only
here, that reloads it when the new version is ready: told over Server-Sent
Events (`/_events`), else by asking `/_version` once a second. When the
corpus does not load, the page lists the problems (file, line, field) instead.

Only these paths are served: `/` (the themes and brief files), `/<name>.html` (a theme's or a
brief file's brief),
`/_version` and `/_events`. No file is ever served from disk. A client that
does not send its whole request within a deadline is dropped, however slowly
its bytes trickle in, and one that goes away mid-answer is let go without a word.
"""

from __future__ import annotations

import io
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from bottleneck_briefs.basics.printable import printable
from bottleneck_briefs.editing.preview_pages import POLL_MILLISECONDS, reload_script, with_reload  # noqa: F401
from bottleneck_briefs.editing.preview_state import PreviewState, Renderer  # noqa: F401

if TYPE_CHECKING:
    from typing_extensions import Buffer
    from watchfiles import Change

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
REQUEST_TIMEOUT_SECONDS = 10  # to take an answer (each write)
REQUEST_DEADLINE_SECONDS = 10  # to send the whole request, line and headers: one byte every 4 s never ends it
LISTEN_BACKLOG = 128  # connections the kernel holds while every thread is busy (the default, 5, drops them)
KEEPALIVE_SECONDS = 15  # an event stream sends a comment this often: a browser that left is noticed
_SLUG_PATH = re.compile(r"^/([a-z0-9]+(?:-[a-z0-9]+)*)\.html$")
_CLIENT_GONE = (ConnectionError, TimeoutError)  # BrokenPipeError and ConnectionResetError are ConnectionErrors


class PreviewHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], _CLIENT_GONE):
            return  # a browser that closed its tab: nothing to report
        super().handle_error(request, client_address)


class _DeadlineReader(io.RawIOBase):
    """A request's bytes, each read waiting only for the time left until the request's deadline.

    The socket's own timeout is per read: a client that sends a byte just before each runs out would hold
    a thread for ever."""

    def __init__(self, connection: socket.socket, deadline: float) -> None:
        self.connection, self.deadline = connection, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request was not sent in time")
        self.connection.settimeout(left)
        return self.connection.recv_into(buffer)


def _handler(
    state: PreviewState, allowed_hosts: set[str] | None, stopping: threading.Event
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "bottlenecks-serve"
        sys_version = ""
        timeout = REQUEST_TIMEOUT_SECONDS  # the socket's, for the answer; the request has its deadline

        def setup(self) -> None:
            super().setup()
            self.rfile.close()  # the socket's own reader, replaced by one that keeps the deadline
            self.rfile = io.BufferedReader(
                _DeadlineReader(self.connection, time.monotonic() + REQUEST_DEADLINE_SECONDS)
            )

        def parse_request(self) -> bool:
            parsed = super().parse_request()  # reads the headers, within the deadline
            self.connection.settimeout(self.timeout)  # the answer's writes: each its own timeout again
            return parsed

        def do_GET(self) -> None:  # the http.server naming
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
            # a page elsewhere cannot reach the preview through DNS rebinding
            if allowed_hosts is not None and host not in allowed_hosts:
                return self._send(HTTPStatus.FORBIDDEN, "text/plain", "forbidden host\n")
            path = self.path.split("?", 1)[0]
            if path == "/_version":
                return self._send(HTTPStatus.OK, "text/plain", f"{state.version}")
            if path == "/_events":
                return self._events()
            if path in ("/", "/index.html"):
                return self._send(*self._html(state.page(None)))
            match = _SLUG_PATH.match(path)
            if match:
                return self._send(*self._html(state.page(match.group(1))))
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", "not found\n")

        do_HEAD = do_GET  # noqa: N815 (the http.server naming): the same answer without its body, see _send

        def _events(self) -> None:
            """Server-Sent Events: the ready version now, then each newer one as soon as its pages are ready."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command == "HEAD":
                return
            self.close_connection = True
            seen = state.ready_version
            try:
                self.wfile.write(f"retry: {POLL_MILLISECONDS}\ndata: {seen}\n\n".encode())
                self.wfile.flush()
                while not stopping.is_set():
                    version = state.wait_until_ready(seen, timeout=KEEPALIVE_SECONDS)
                    self.wfile.write(f"data: {version}\n\n".encode() if version > seen else b": still here\n\n")
                    self.wfile.flush()
                    seen = version
            except _CLIENT_GONE:
                pass

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

        def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal shows what matters
            pass

    return Handler


def snapshot(paths: list[Path]) -> set[tuple[str, int, int]]:
    """Every file below `paths` with its size and modification time: what a save changes."""
    found = set()
    for root in paths:
        for path in Path(root).rglob("*"):
            try:
                status = path.stat()
            except OSError:
                continue
            found.add((str(path), status.st_size, status.st_mtime_ns))
    return found


def watch(
    paths: list[Path],
    state: PreviewState,
    stop: threading.Event,
    on_change: Callable[[list[str]], None] | None = None,
    before: set[tuple[str, int, int]] | None = None,
) -> None:
    """Bump the state's version on every change below `paths` and render it ahead, until `stop` is set.

    `before`: the files as they were when the server started. The operating system's watch is in place only
    once watchfiles first answers (a change or a time-out); a save in the moment before that is found by
    comparing the files with `before` then, so no save is ever missed."""
    from watchfiles import DefaultFilter
    from watchfiles import watch as watch_files

    class SourceFilter(DefaultFilter):
        """Editors' and tools' temporary files (hidden, or without a suffix) are not changes to preview."""

        def __call__(self, change: Change, path: str) -> bool:
            name = Path(path).name
            return super().__call__(change, path) and not name.startswith(".") and "." in name

    existing = [str(path) for path in paths if path.exists()]
    # debounce: the changes of one save (truncate, write, rename) come within a few milliseconds
    ready = False
    for changes in watch_files(
        *existing,
        watch_filter=SourceFilter(),
        stop_event=stop,
        debounce=50,
        step=20,
        rust_timeout=1000,
        yield_on_timeout=True,
        raise_interrupt=False,
    ):
        changed = {path for _, path in changes}
        if not ready:
            ready = True
            if not changed and before is not None:
                changed = {
                    path
                    for path, *_ in snapshot([Path(path) for path in existing]) ^ before
                    if not Path(path).name.startswith(".") and "." in Path(path).name
                }
        if not changed:
            continue
        state.changed()
        if on_change is not None:
            on_change(sorted({printable(Path(path).name) for path in changed}))  # a name may hold an escape
        state.prepare()


@dataclass
class PreviewServer:
    state: PreviewState
    host: str = "127.0.0.1"
    port: int = 8000
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self, on_change: Callable[[list[str]], None] | None = None) -> ThreadingHTTPServer:
        # On loopback only loopback names are accepted; bound elsewhere on purpose, any name is.
        allowed = set(LOOPBACK_HOSTS) if self.host in LOOPBACK_HOSTS else None
        server = PreviewHTTPServer((self.host, self.port), _handler(self.state, allowed, self._stop))
        paths = [self.state.corpus_dir, self.state.templates_dir]
        # taken before any page is served: whatever is saved from here on is seen (see watch)
        before = snapshot([path for path in paths if path.exists()])
        watcher = threading.Thread(
            target=watch, daemon=True, name="watch", args=(paths, self.state, self._stop, on_change, before)
        )
        watcher.start()
        self._server, self._watcher = server, watcher
        return server

    def serve_until_interrupted(self) -> None:
        """Serve until Ctrl-C (SIGINT) or SIGTERM, then stop the watcher and close the socket."""
        import signal

        def interrupt(signum: int, frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        # also when started in the background, where a shell may have set SIGINT to be ignored
        signal.signal(signal.SIGINT, interrupt)
        signal.signal(signal.SIGTERM, interrupt)
        try:
            self._server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop.set()  # event streams end at their next keep-alive; their threads are daemons
            self._server.server_close()
            self._watcher.join(timeout=5)
