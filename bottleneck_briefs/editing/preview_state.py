"""What `serve` shows: the corpus as last loaded and the pages rendered from it, per version.

Every change bumps the version. The watcher then renders, at once, the pages
browsers asked for before, and only then announces the version as ready: a
browser told to reload gets the finished page from the cache, never a page
half-rendered (every render runs under one lock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from bottleneck_briefs.basics.names import OVERVIEW_NAME
from bottleneck_briefs.corpus.load_cache import load_corpus_remembered
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.editing.preview_pages import (
    index_entries,
    index_page,
    not_found_page,
    problems_page,
    render_failure_page,
    with_reload,
)

# Rendering one brief as HTML: (corpus, corpus folder, templates folder, theme slug) -> the HTML document.
Renderer = Callable[[Corpus, Path, Path, str], str]
_INDEX = ""  # the key of the index page among the wanted pages


@dataclass
class PreviewState:
    corpus_dir: Path
    templates_dir: Path
    renderer: Renderer
    version: int = 1
    ready_version: int = 1  # the newest version whose wanted pages are rendered
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ready: threading.Condition = field(default_factory=threading.Condition)
    _loaded_version: int = 0
    _corpus: Corpus | None = None
    _problems: list[str] = field(default_factory=list)
    _pages: dict[str, str] = field(default_factory=dict)
    _wanted: set[str] = field(default_factory=set)  # pages asked for: rendered ahead after a change

    def changed(self) -> None:
        with self._lock:
            self.version += 1

    def prepare(self) -> None:
        """Render the wanted pages of the current version, then announce it to waiting browsers."""
        with self._lock:
            self._load()
            for slug in sorted(self._wanted):
                if slug and self._corpus is not None and self._serves(slug):
                    self._brief(slug)
            version = self._loaded_version
        with self._ready:
            self.ready_version = max(self.ready_version, version)
            self._ready.notify_all()

    def wait_until_ready(self, newer_than: int, timeout: float) -> int:
        """The ready version once it is newer than `newer_than`, or the current one after `timeout` seconds."""
        with self._ready:
            self._ready.wait_for(lambda: self.ready_version > newer_than, timeout=timeout)
            return self.ready_version

    def _load(self) -> None:
        """With the lock held: reload the corpus if the files changed since the last load."""
        if self._loaded_version == self.version:
            return
        result = load_corpus_remembered(self.corpus_dir, self.templates_dir)  # a template edit: no new load
        self._corpus = result.corpus
        self._problems = [problem.format() for problem in result.problems]
        self._pages = {}
        self._loaded_version = self.version

    def _serves(self, slug: str) -> bool:
        """With the corpus loaded: whether `slug` names a page the preview renders."""
        assert self._corpus is not None
        return (
            slug == OVERVIEW_NAME
            or self._corpus.theme(slug) is not None
            or slug in self._corpus.briefs
            or slug in self._corpus.notes
        )

    def _brief(self, slug: str) -> str:
        """With the lock held and the corpus loaded: the brief of `slug`, rendered once per version."""
        assert self._corpus is not None
        if slug not in self._pages:
            try:
                document = self.renderer(self._corpus, self.corpus_dir, self.templates_dir, slug)
            except Exception as error:  # a template error must not stop the preview
                document = render_failure_page(slug, f"{type(error).__name__}: {error}")
            self._pages[slug] = document
        return self._pages[slug]

    def page(self, slug: str | None) -> tuple[HTTPStatus, str]:
        """The page for a theme (None: the index), rendered at most once per version."""
        with self._lock:
            self._load()
            version = self._loaded_version
            if self._corpus is None:
                return HTTPStatus.OK, with_reload(problems_page(self._problems), version)
            if slug is None:
                self._wanted.add(_INDEX)
                return HTTPStatus.OK, with_reload(index_page(index_entries(self._corpus)), version)
            if not self._serves(slug):
                return HTTPStatus.NOT_FOUND, not_found_page(slug)
            self._wanted.add(slug)
            return HTTPStatus.OK, with_reload(self._brief(slug), version)
