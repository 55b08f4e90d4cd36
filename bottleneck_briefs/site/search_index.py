"""The site's search index: Pagefind, built from Python (the `pagefind[bin]` wheel carries its binary).

Only the statement pages are indexed (they mark their main with
data-pagefind-body); their filters (theme, each facet, edition) come from
their data-pagefind-filter attributes. Pagefind splits the index into small
chunks that the browser loads as a search needs them, all from the site's
own folder. Each language gets its own index (Pagefind reads <html lang>).
The bundle is written to a scratch folder and read back, so that the site's
writer treats it like every other file (compared before it is rewritten).
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Coroutine, Iterable
from pathlib import Path

from bottleneck_briefs.site.search_canonical import canonical_bundle
from bottleneck_briefs.site.site_paths import SEARCH_BUNDLE

# Pagefind's own interface is not used: the site has its own search form (templates/site/search.js)
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind could not build the index; the message says why."""


async def _build(pages: list[tuple[str, str]], folder: str) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    # leaving the context writes the index to the configured output path: here, never the working folder
    config = IndexConfig(keep_index_url=True, write_playground=False, output_path=folder)
    async with PagefindIndex(config=config) as index:
        for path, html in pages:
            await index.add_html_file(content=html, url="/" + path)


def _run(coroutine: Coroutine[object, object, None]) -> None:
    """asyncio.run, also when the caller is inside an event loop already (then in a thread of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def search_bundle(pages: Iterable[tuple[str, str]]) -> dict[str, bytes]:
    """(path, html) of every page to index -> the bundle's files, by their path in the site."""
    with tempfile.TemporaryDirectory(prefix="bottlenecks-search-") as scratch:
        folder = Path(scratch) / SEARCH_BUNDLE
        try:
            _run(_build(sorted(pages), str(folder)))
        except Exception as error:  # the service's errors come in many kinds; all mean no index
            raise SearchIndexError(f"the search index could not be built: {type(error).__name__}: {error}") from None
        files = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name not in UNUSED:
                files[f"{SEARCH_BUNDLE}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return canonical_bundle(files, SEARCH_BUNDLE)
