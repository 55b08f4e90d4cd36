"""Turn HTML briefs into PDFs in worker processes, one per core.

WeasyPrint lays out in pure Python, so threads would share one core. The
workers are forked as soon as the report run knows a PDF may be due, before
the corpus is loaded, and each imports WeasyPrint (~1 s) while this process
loads the corpus and renders the HTML: on two cores that import costs no
wall time. With one core, or where fork is unavailable, the PDFs are
rendered one after the other in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Callable

from .pdf_output import render_pdf


class PdfRenderFailed(Exception):
    """Rendering the document at `index` failed with `error` (the workers know no brief names)."""

    def __init__(self, index: int, error: BaseException) -> None:
        super().__init__(str(error))
        self.index = index
        self.error = error


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours taskset and container CPU sets
    except AttributeError:
        return os.cpu_count() or 1


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401


class PdfRenderer:
    """Renders PDFs; use as a context manager so that its workers always end."""

    def __init__(self, templates_dir: Path, variant: str, most: int, workers: int | None = None) -> None:
        """`most`: how many PDFs this run may render at most (workers beyond that would idle).

        `workers`: default one per core; 0 renders in this process.
        """
        self.templates_dir = templates_dir
        self.variant = variant
        self.workers = min(most, available_cores() if workers is None else workers)
        self.pool: ProcessPoolExecutor | None = None
        self.used = False

    def __enter__(self) -> "PdfRenderer":
        # A single worker pays off too, on two or more cores: it imports WeasyPrint alongside us.
        if self.workers >= 1 and available_cores() > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_import_weasyprint)
            self.pool.submit(int)  # start the workers now, not at the first PDF
        return self

    def __exit__(self, *exc_info) -> None:
        if self.pool is None:
            return
        if exc_info[0] is None and self.used:
            self.pool.shutdown()
            return
        # A failed run, or no PDF was due after all (the cache had them): do not wait for workers
        # still importing WeasyPrint or rendering what nobody will write.
        processes = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()

    def render(self, documents: list[str], on_done: Callable[[int], None] = lambda index: None) -> list[bytes]:
        """The PDF of each HTML document, in the same order; `on_done(index)` as each one finishes.

        The first failure stops the run as PdfRenderFailed.
        """
        if self.pool is None:
            results = []
            for index, html in enumerate(documents):
                try:
                    results.append(render_pdf(html, self.templates_dir, self.variant))
                except Exception as error:
                    raise PdfRenderFailed(index, error) from error
                on_done(index)
            return results
        self.used = True
        # Longest first: a long brief started last would leave the other cores idle at the end.
        order = sorted(range(len(documents)), key=lambda index: -len(documents[index]))
        futures = {self.pool.submit(render_pdf, documents[index], self.templates_dir, self.variant): index
                   for index in order}
        results: list[bytes | None] = [None] * len(documents)
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                error = future.exception()
                if error is not None:
                    raise PdfRenderFailed(futures[future], error) from error
                results[futures[future]] = future.result()
                on_done(futures[future])
        return results


def render_pdfs(documents: list[str], templates_dir: Path, variant: str,
                on_done: Callable[[int], None] = lambda index: None, workers: int | None = None) -> list[bytes]:
    """The PDF of each HTML document, in the same order, with workers for just this call."""
    with PdfRenderer(templates_dir, variant, len(documents), workers) as renderer:
        return renderer.render(documents, on_done)
