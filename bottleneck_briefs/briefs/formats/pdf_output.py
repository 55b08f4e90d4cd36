"""Turn a rendered brief (HTML) into PDF bytes with WeasyPrint.

WeasyPrint is imported here, inside the function: it is slow to import and
pulls in native libraries, and `check`, `themes`, `list` and HTML-only
reports must not pay for it (or fail when those libraries are missing).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from bottleneck_briefs.basics.names import DEFAULT_PDF_VARIANT, PDF_VARIANTS
from bottleneck_briefs.briefs.formats.sealed_fetcher import templates_only_fetcher
from bottleneck_briefs.briefs.render.template_folders import find, template_folders


class PdfError(Exception):
    pass


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # Advice about an optional faster subsetter, not about the brief: the fonts are embedded either way.
        if "HarfBuzz-Subset" not in message:
            self.messages.append(message)


def decompressed_fonts(templates_dir: Path) -> dict[Path, bytes]:
    """Every WOFF2 font the templates folders offer (the user's over the bundled, by name), decompressed to
    the TrueType bytes WeasyPrint would make of it; keyed by the resolved path the URL fetcher finds."""
    from fontTools.ttLib import woff2  # WeasyPrint's own dependency for this

    names = sorted(
        {
            found.relative_to(folder).as_posix()
            for folder in template_folders(templates_dir)
            for found in Path(folder).rglob("*.woff2")
        }
    )
    fonts = {}
    for path in dict.fromkeys(filter(None, (find(templates_dir, name) for name in names))):
        out = BytesIO()
        try:
            woff2.decompress(BytesIO(path.read_bytes()), out)
        except Exception:  # left to WeasyPrint, which reports an unusable font itself
            continue
        fonts[path] = out.getvalue()
    return fonts


class SharedFonts:
    """The bundled fonts made ready once for all the PDFs one process renders.

    For every document WeasyPrint decompresses each WOFF2 font and registers it
    with fontconfig (about 0.2 s a brief). Kept here instead: the decompressed
    fonts, which the URL fetcher serves in place of the WOFF2 files, and one
    FontConfiguration, which registers each @font-face once. The PDFs are
    byte-identical either way (tested).
    """

    def __init__(self, templates_dir: Path) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.config = FontConfiguration()
        self.files = decompressed_fonts(templates_dir)


# Python's cyclic garbage collector runs after every 700 net allocations by default, and its
# full passes walk every live object: the whole box tree of a long brief, again and again
# while WeasyPrint lays it out. Collecting after 50,000 finds the same garbage in far fewer
# passes: the 90-page overview of 500 statements renders in 7.2 s instead of 9.6 s, with the
# same peak memory (benchmarks/run.py measures the whole runs).
LAYOUT_GC_THRESHOLD = (50_000, 20, 20)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*LAYOUT_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def render_pdf(
    html: str, templates_dir: Path, variant: str = DEFAULT_PDF_VARIANT, fonts: SharedFonts | None = None
) -> bytes:
    """The PDF of one brief. Relative URLs in the HTML name files of the templates folders (`templates_dir`,
    then the bundled templates); nothing else is read.

    `fonts`: fonts made ready for several documents (see parallel_render); by default WeasyPrint
    prepares them for this document alone.
    """
    if variant not in PDF_VARIANTS:
        raise PdfError(f"unknown PDF variant '{variant}'; choose one of {', '.join(PDF_VARIANTS)}")
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from bottleneck_briefs.briefs.formats import pdf_structure

    pdf_structure.install()

    templates_dir = Path(templates_dir).resolve()
    # WeasyPrint reports unusable CSS and refused resources as log warnings; they are collected
    # and turned into an error, because a brief that silently lost its fonts is not the brief we mean.
    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = HTML(
            string=html,
            base_url=templates_dir.as_uri() + "/",
            url_fetcher=templates_only_fetcher(templates_dir, fonts.files if fonts else None),
        )
        with _fewer_collections():
            pdf = document.write_pdf(
                pdf_variant=variant,
                pdf_tags=True,  # PDF/UA and PDF/A-2a (level a: accessible) both require the tags
                pdf_identifier=True,  # derived from the content (md5), so reruns give identical bytes
                custom_metadata=False,
                font_config=fonts.config if fonts else None,
            )
    except FatalURLFetchingError as error:
        cause = error.__cause__ or error
        raise PdfError(f"rendering stopped: {cause}") from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise PdfError("rendering problems:\n  " + "\n  ".join(collector.messages))
    return pdf
