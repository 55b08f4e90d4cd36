"""Turn HTML briefs into PDFs in worker processes, one per core.

WeasyPrint lays out in pure Python, so threads would share one core. The
workers are forked as soon as the report run knows a PDF may be due, before
the corpus is loaded, and each imports WeasyPrint (~1 s) while this process
loads the corpus and renders the HTML: on two cores that import costs no
wall time. With one core, or where fork is unavailable, the PDFs are
rendered one after the other in this process.

Each worker makes the bundled fonts ready once, right after the import and
so also while this process is still busy, and uses them for every PDF it
renders (pdf_output.SharedFonts: about 0.2 s a brief). WeasyPrint keeps the
registered fonts in a temporary folder that it removes when the font
configuration is garbage-collected, which a worker process never gets to;
so the workers keep their temporary files in a folder of this run's that is
removed when the workers are gone, however they ended; the workers end
with this process, even when it is killed (see worker_lifetime).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from bottleneck_briefs.basics.processes import available_cores
from bottleneck_briefs.briefs.formats.pdf_output import SharedFonts, render_pdf
from bottleneck_briefs.briefs.run.worker_lifetime import end_with_parent, make_scratch_folder


class PdfRenderError(Exception):
    """Rendering the document at `index` failed with `error` (the workers know no brief names)."""

    def __init__(self, index: int, error: BaseException) -> None:
        super().__init__(str(error))
        self.index = index
        self.error = error


_worker_fonts: SharedFonts | None = None  # this worker process's fonts, for every PDF it renders
_worker_start_error: BaseException | None = None  # why the worker could not get ready


def _start_worker(scratch: str, templates_dir: Path, parent_pid: int) -> None:
    global _worker_fonts, _worker_start_error
    # Ctrl-C reaches the whole process group; the parent handles it and stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with_parent(parent_pid, scratch)
    tempfile.tempdir = scratch  # WeasyPrint's font files go here; the parent removes the folder
    try:
        _worker_fonts = SharedFonts(templates_dir)  # imports WeasyPrint
    except Exception as error:  # told with the first brief, in one line: an initializer would log a traceback
        _worker_start_error = error


def _render_in_worker(html: str, templates_dir: Path, variant: str) -> bytes:
    if _worker_start_error is not None:
        raise _worker_start_error
    return render_pdf(html, templates_dir, variant, fonts=_worker_fonts)


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
        self.scratch: str | None = None  # the workers' temporary folder
        self.used = False
        self.submitted: list[tuple[str, str]] = []  # (HTML, PDF variant)
        self.futures: dict = {}  # future -> index into submitted

    def __enter__(self) -> PdfRenderer:
        # A single worker pays off too, on two or more cores: it imports WeasyPrint alongside us.
        if self.workers >= 1 and available_cores() > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.scratch = make_scratch_folder()
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(self.scratch, self.templates_dir, os.getpid()),
            )
            self.pool.submit(int)  # start the workers now, not at the first PDF
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is None or self.scratch is None:
            return
        try:
            self._stop_workers(self.pool, failed=exc_info[0] is not None or not self.used)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    @staticmethod
    def _stop_workers(pool: ProcessPoolExecutor, failed: bool) -> None:
        if not failed:
            pool.shutdown()
            return
        # A failed run, or no PDF was due after all (the cache had them): do not wait for workers
        # still importing WeasyPrint or rendering what nobody will write.
        processes = list(getattr(pool, "_processes", {}).values())
        for process in processes:
            process.terminate()
        # With the workers gone the pool's manager thread ends at once; waiting for it leaves no
        # half-closed pipe behind for the interpreter's exit hook to trip over ("Bad file descriptor").
        pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, html: str, variant: str | None = None) -> int:
        """Queue one document (a worker starts on it at once) as `variant` (default: the renderer's);
        returns its index for collect()."""
        index = len(self.submitted)
        self.submitted.append((html, variant or self.variant))
        if self.pool is not None:
            self.used = True
            self.futures[self.pool.submit(_render_in_worker, html, self.templates_dir, variant or self.variant)] = index
        return index

    def collect(self, on_done: Callable[[int], None] = lambda index: None) -> list[bytes]:
        """The PDF of every submitted document, in order; `on_done(index)` as each one finishes.

        The first failure stops the run as PdfRenderError.
        """
        results: dict[int, bytes] = {}
        if self.pool is None:
            for index, (html, variant) in enumerate(self.submitted):
                try:
                    results[index] = render_pdf(html, self.templates_dir, variant)
                except Exception as error:
                    raise PdfRenderError(index, error) from error
                on_done(index)
            return [results[index] for index in range(len(self.submitted))]
        pending = set(self.futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                failure = future.exception()
                if failure is not None:
                    raise PdfRenderError(self.futures[future], failure) from failure
                results[self.futures[future]] = future.result()
                on_done(self.futures[future])
        return [results[index] for index in range(len(self.submitted))]
