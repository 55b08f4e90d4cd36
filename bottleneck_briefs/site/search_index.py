"""The site's search index: Pagefind, run from Python (the `pagefind[bin]` wheel carries its binary).

Only the statement pages are indexed (they mark their main with
data-pagefind-body); their filters (theme, each facet, edition) come from
their data-pagefind-filter attributes. Pagefind splits the index into small
chunks that the browser loads as a search needs them, all from the site's
own folder. Each language gets its own index (Pagefind reads <html lang>).

The pages are written to a scratch folder (in memory when there is room:
worker_lifetime.memory_folder; by a thread: the writes wait on the disk
while the build goes on) and Pagefind's command indexes them into
another, in one run, while the build renders the pages that show the
briefs' files: the bundle is read back only after the process has
ended, so every file is complete (its service, asked to write
the files and then stopped, could leave one empty under load), and one run
over a folder costs no round trip per page. Pagefind ends with the build,
also when the build is killed outright (KILL): on Linux it is started
through util-linux's `setpriv --pdeathsig`, so the kernel kills it when
the thread that started it ends; that thread writes the pages, starts
Pagefind and waits for it, so it lives exactly as long as Pagefind does. The scratch folder is the
working folder too, so no Pagefind configuration file of the caller's is
read; PAGEFIND_ variables of the environment are left out for the same reason.
It holds a folder per page: it is removed by a process of its own, as the
old site is (removing thousands of folders takes seconds).

The bundle depends on the indexed pages alone (and on Pagefind and this
program): search_key digests them, so that a rebuild whose statement pages
did not change takes the old site's bundle instead of running Pagefind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from bottleneck_briefs.briefs.run.worker_lifetime import make_scratch_folder
from bottleneck_briefs.site.search_canonical import canonical_bundle, read_bundle
from bottleneck_briefs.site.site_paths import SEARCH_BUNDLE
from bottleneck_briefs.site.site_writing import remove_meanwhile

# Pagefind's own interface is not used: the site has its own search form (templates/site/search.js)
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


SCRATCH_PREFIX = "bottlenecks-search-"
BLOCK = 4096  # a file takes whole blocks of memory or disk


class SearchIndexError(Exception):
    """Pagefind could not build the index; the message says why."""


def _executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(
            "the search index could not be built: Pagefind is not installed "
            "(pip install 'pagefind[bin]'), or leave the search out with --no-search"
        ) from None
    found = get_executable()
    if found is None:
        raise SearchIndexError(
            "the search index could not be built: Pagefind's program was not found "
            "(pip install 'pagefind[bin]'), or leave the search out with --no-search"
        )
    return Path(found)


def _write_pages(pages: Iterable[tuple[str, str]], source: Path, stopping: threading.Event) -> None:
    """Write the pages under `source`, until the run is stopped."""
    try:
        for path, html in pages:
            if stopping.is_set():
                return
            target = source / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
    except OSError as error:  # a full disk or memory, or a scratch folder removed meanwhile
        raise SearchIndexError(
            f"the search index could not be built: cannot write its pages in {source.parent}: {error.strerror or error}"
        ) from None


def _ended_with_this_thread() -> list[str]:
    """The command prefix that has the kernel kill the program when the thread that starts it ends (so when
    this process is killed): util-linux's setpriv, where there is one (Linux); else nothing."""
    setpriv = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    return [setpriv, "--pdeathsig", "KILL", "--"] if setpriv else []


def _start(scratch: Path) -> subprocess.Popen[str]:
    """Start Pagefind on scratch/pages, its bundle to go to scratch/pagefind."""
    source, bundle = scratch / "pages", scratch / SEARCH_BUNDLE
    environment = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
    command = [str(_executable()), "--site", str(source), "--output-path", str(bundle), "--keep-index-url", "--silent"]
    try:
        return subprocess.Popen(
            [*_ended_with_this_thread(), *command],
            cwd=scratch,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            stdin=subprocess.DEVNULL,
        )
    except OSError as error:
        raise SearchIndexError(
            f"the search index could not be built: Pagefind did not start: {error.strerror or error}"
        ) from None


class PagefindRun:
    """Pagefind indexing the pages in its own process while the build goes on; `bundle` waits for it. Whatever
    happens, `stop` ends it and hands its scratch folder to a remover."""

    def __init__(self, pages: Iterable[tuple[str, str]]):
        listed = list(pages)
        # named for this run: a later one removes it should this one be killed before it could (worker_lifetime)
        self.scratch: Path | None = Path(make_scratch_folder(SCRATCH_PREFIX, _room_for(listed)))
        self.process: subprocess.Popen[str] | None = None
        self._said: tuple[str, str] = ("", "")  # Pagefind's stdout and stderr, once it has ended
        self._failed: BaseException | None = None
        self._stopping = threading.Event()
        self._starting = threading.Lock()  # held while Pagefind is started: stop() then waits to end it
        self._thread = threading.Thread(target=self._run, args=(listed, self.scratch), name="pagefind")
        self._thread.start()

    def _run(self, pages: list[tuple[str, str]], scratch: Path) -> None:
        """Write the pages, start Pagefind and wait for it: all in this thread, which Pagefind's parent-death
        signal is tied to."""
        try:
            _write_pages(pages, scratch / "pages", self._stopping)
            with self._starting:
                if self._stopping.is_set():
                    return
                self.process = _start(scratch)
            self._said = self.process.communicate()
        except BaseException as error:  # raised by bundle()
            self._failed = error

    def bundle(self) -> dict[str, bytes]:
        """The bundle's files, by their path in the site."""
        self._thread.join()
        if self._failed is not None:
            self.stop()
            raise self._failed
        assert self.process is not None and self.scratch is not None
        try:
            stdout, stderr = self._said
            if self.process.returncode != 0:
                said = (stderr or stdout).strip().splitlines()
                raise SearchIndexError(
                    f"the search index could not be built: Pagefind stopped with status "
                    f"{self.process.returncode}" + (f": {said[-1]}" if said else "")
                )
            folder = self.scratch / SEARCH_BUNDLE
            if not (folder / "pagefind-entry.json").is_file():
                raise SearchIndexError("the search index could not be built: Pagefind wrote no pagefind-entry.json")
            files = read_bundle(folder, SEARCH_BUNDLE, UNUSED)
        finally:
            self.stop()
        try:
            return canonical_bundle(files, SEARCH_BUNDLE)
        except (ValueError, KeyError, IndexError, OSError) as error:
            raise SearchIndexError(
                f"the search index could not be read back: {type(error).__name__}: {error}"
            ) from None

    def stop(self) -> None:
        """End Pagefind (or keep it from starting), wait for the thread, hand the scratch folder to a remover."""
        with self._starting:
            self._stopping.set()
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
        self._thread.join()
        if self.scratch is not None:
            remove_meanwhile(self.scratch)
            self.scratch = None


def _room_for(pages: list[tuple[str, str]]) -> int:
    """The bytes the scratch folder will take, about: each page and the bundle's fragment of it, in whole blocks (the
    bundle's index and filters are a small part besides)."""
    return sum((len(html.encode("utf-8")) // BLOCK + 2) * BLOCK for _, html in pages)


def search_key(pages: Iterable[tuple[str, str]]) -> str:
    """What the bundle is made of: Pagefind's version and the pages, path and HTML (the program is in the build
    cache's own key)."""
    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = "-"
    digest = hashlib.sha256(f"pagefind={version}\0".encode())
    for path, html in sorted(pages):
        digest.update(f"{path}\0{len(html)}\0".encode())
        digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def search_bundle(pages: Iterable[tuple[str, str]]) -> dict[str, bytes]:
    """(path, html) of every page to index -> the bundle's files, by their path in the site."""
    return PagefindRun(pages).bundle()
