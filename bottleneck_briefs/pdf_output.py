"""Turn a rendered brief (HTML) into PDF bytes with WeasyPrint.

WeasyPrint is imported here, inside the function: it is slow to import and
pulls in native libraries, and `check`, `themes`, `list` and HTML-only
reports must not pay for it (or fail when those libraries are missing).
"""

from __future__ import annotations

import logging
from pathlib import Path

from .sealed_fetcher import templates_only_fetcher

PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")
DEFAULT_PDF_VARIANT = "pdf/ua-1"


class PdfProblem(Exception):
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


def render_pdf(html: str, templates_dir: Path, variant: str = DEFAULT_PDF_VARIANT) -> bytes:
    """The PDF of one brief. Relative URLs in the HTML resolve inside `templates_dir`, nothing else is read."""
    if variant not in PDF_VARIANTS:
        raise PdfProblem(f"unknown PDF variant '{variant}'; choose one of {', '.join(PDF_VARIANTS)}")
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    templates_dir = Path(templates_dir).resolve()
    # WeasyPrint reports unusable CSS and refused resources as log warnings; they are collected
    # and turned into an error, because a brief that silently lost its fonts is not the brief we mean.
    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = HTML(string=html, base_url=templates_dir.as_uri() + "/",
                        url_fetcher=templates_only_fetcher(templates_dir))
        pdf = document.write_pdf(
            pdf_variant=variant,
            pdf_tags=True,  # PDF/UA requires tags; the archival PDF/A-3b keeps them for screen readers too
            pdf_identifier=True,  # derived from the content (md5), so reruns give identical bytes
            custom_metadata=False,
        )
    except FatalURLFetchingError as error:
        cause = error.__cause__ or error
        raise PdfProblem(f"rendering stopped: {cause}") from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise PdfProblem("rendering problems:\n  " + "\n  ".join(collector.messages))
    return pdf
