"""`bottlenecks serve --site`: the site as it will be published, served on localhost and rebuilt on every save.

The site is built, exactly as `bottlenecks site` builds it, into a private
temporary folder, and that folder is served as a static host would serve it
(so the search, which fetches its index, works as published). A thread
watches the corpus and the templates (watchfiles) and rebuilds after each
save; the new site replaces the old all or nothing (site_writing), so a
reader sees the old pages or the new ones, and the build cache makes a
rebuild render only what changed. When the corpus no longer loads, the
problems are printed and the last good site stays up. Only the files of the
site are served: http.server's static handler never leaves its folder.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bottleneck_briefs.corpus.load_cache import load_corpus_remembered
from bottleneck_briefs.site.search_index import SearchIndexError
from bottleneck_briefs.site.site_build import SiteError, SiteRequest, build_site
from bottleneck_briefs.site.site_writing import SiteWriteError, write_site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class SitePreview:
    corpus_dir: Path
    templates_dir: Path
    day: date
    languages: tuple[str, ...]
    say: Callable[[str], None]  # where the preview tells what it did (the terminal)
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="bottlenecks-site-preview-")))
    builds: int = 0  # completed builds, the first included
    _stop: threading.Event = field(default_factory=threading.Event)

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def build(self) -> bool:
        """Build the site into the preview's folder; False (and the problems told) when it cannot be built."""
        result = load_corpus_remembered(self.corpus_dir, self.templates_dir)  # a template edit: no new load
        for problem in result.problems:
            self.say(problem.format())
        if result.corpus is None:  # errors, the personal-data guard among them: nothing is built
            self.say("the corpus has errors: the preview keeps the last site that could be built")
            return False
        request = SiteRequest(
            output_dir=self.site, day=self.day, languages=self.languages, templates_dir=self.templates_dir
        )
        try:
            built = build_site(result.corpus, request)
            write_site(self.site, built.files, built.taken, built.old_site)
        except (SiteError, SearchIndexError, SiteWriteError) as error:
            self.say(f"Error: {error}; the preview keeps the last site that could be built")
            return False
        self.builds += 1
        return True

    def start(self, host: str, port: int) -> ThreadingHTTPServer:
        """Build once, then serve the site and rebuild it on every save below the corpus and the templates."""
        self.build()
        self.site.mkdir(exist_ok=True)  # served even when the first build failed: its problems are told
        handler = functools.partial(_QuietHandler, directory=str(self.site))
        server = ThreadingHTTPServer((host, port), handler)  # an OSError here: the caller calls stop_building
        server.daemon_threads = True
        watcher = threading.Thread(target=self._watch, daemon=True, name="watch-site")
        watcher.start()
        self._server, self._watcher = server, watcher
        return server

    def _watch(self) -> None:
        from watchfiles import DefaultFilter
        from watchfiles import watch as watch_files

        paths = [str(path) for path in (self.corpus_dir, self.templates_dir) if Path(path).exists()]
        for changes in watch_files(
            *paths,
            watch_filter=DefaultFilter(),
            stop_event=self._stop,
            debounce=200,
            rust_timeout=1000,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if changes:
                names = sorted({Path(path).name for _, path in changes})
                self.say(f"changed: {', '.join(names)}; rebuilding the site")
                if self.build():
                    self.say("the site is rebuilt: reload the page")

    def stop(self) -> None:
        """Stop serving (from another thread than serve_forever's, or after it returned) and remove the folder."""
        self._stop.set()
        self._server.server_close()
        self._watcher.join(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)

    def stop_building(self) -> None:
        """Remove the folder when the server could not start."""
        shutil.rmtree(self.folder, ignore_errors=True)
