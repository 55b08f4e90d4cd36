"""Turn several HTML briefs into PDFs at once, one worker process per core.

WeasyPrint lays out in pure Python, so threads would share one core. Worker
processes are forked after WeasyPrint has been imported here, so they start
in milliseconds with the import already done instead of paying ~1 s each.
Where fork is unavailable, or for a single PDF or a single core, the PDFs are
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


def render_pdfs(documents: list[str], templates_dir: Path, variant: str,
                on_done: Callable[[int], None] = lambda index: None, workers: int | None = None) -> list[bytes]:
    """The PDF of each HTML document, in the same order; `on_done(index)` as each one finishes.

    The first failure stops the run as PdfRenderFailed.
    """
    workers = min(len(documents), workers or available_cores())
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for index, html in enumerate(documents):
            try:
                results.append(render_pdf(html, templates_dir, variant))
            except Exception as error:
                raise PdfRenderFailed(index, error) from error
            on_done(index)
        return results

    import weasyprint  # noqa: F401  (once, here, so that every forked worker has it)

    # Longest first: a long brief started last would leave the other cores idle at the end.
    order = sorted(range(len(documents)), key=lambda index: -len(documents[index]))
    results: list[bytes | None] = [None] * len(documents)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(render_pdf, documents[index], templates_dir, variant): index for index in order}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                error = future.exception()
                if error is not None:
                    for other in pending:
                        other.cancel()
                    raise PdfRenderFailed(futures[future], error) from error
                results[futures[future]] = future.result()
                on_done(futures[future])
    return results
