"""`bottlenecks report`: build, render and write the briefs of one or more themes.

Every requested file is rendered in memory first; only when all of them
succeeded is anything written, each file atomically. So a template error in
the third theme does not leave a mix of new and old briefs behind, and the
corpus is only ever read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .atomic_write import write_all_atomically
from .brief_data import build_brief
from .brief_date import BriefDateError, brief_date
from .brief_html import render_brief_html
from .corpus import Corpus
from .models import SLUG_PATTERN
from .pdf_output import DEFAULT_PDF_VARIANT, PdfProblem, render_pdf
from .template_environment import DEFAULT_TEMPLATES, TemplateProblem

FORMATS = {"pdf": ("pdf",), "html": ("html",), "both": ("pdf", "html")}


class ReportProblem(Exception):
    """The reports could not be made; nothing was written."""


@dataclass(frozen=True)
class ReportRequest:
    slugs: tuple[str, ...]
    output_format: str = "both"
    output_dir: Path = Path("reports")
    pdf_variant: str = DEFAULT_PDF_VARIANT
    date: str | None = None  # YYYY-MM-DD; otherwise derived from the corpus (see brief_date)
    templates_dir: Path = DEFAULT_TEMPLATES


def output_path(output_dir: Path, slug: str, suffix: str) -> Path:
    """`output_dir/slug.suffix`, refused unless the slug is a plain slug and the file stays inside."""
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ReportProblem(f"'{slug}' is not a theme slug (lowercase letters, digits and hyphens)")
    target = Path(output_dir) / f"{slug}.{suffix}"
    folder = Path(output_dir).resolve()
    # resolve() follows a symlink planted at the target: it must still land in the folder
    if target.resolve().parent != folder:
        raise ReportProblem(f"{target} would be written outside the output folder {folder}")
    return target  # as the user named it, for the messages


def render_reports(corpus: Corpus, corpus_dir: Path, request: ReportRequest) -> list[tuple[Path, bytes]]:
    """Every requested file as (path, bytes), nothing written yet."""
    if request.output_format not in FORMATS:
        raise ReportProblem(f"unknown format '{request.output_format}'; choose one of {', '.join(FORMATS)}")
    try:
        day = brief_date(corpus_dir, request.date)
    except BriefDateError as error:
        raise ReportProblem(str(error)) from None
    outputs: list[tuple[Path, bytes]] = []
    for slug in dict.fromkeys(request.slugs):  # each theme once, in the order asked
        if corpus.theme(slug) is None:
            raise ReportProblem(f"unknown theme '{slug}'")
        brief = build_brief(corpus, slug, day)
        try:
            for suffix in FORMATS[request.output_format]:
                path = output_path(request.output_dir, slug, suffix)
                if suffix == "html":
                    data = render_brief_html(brief, request.templates_dir, "html").encode("utf-8")
                else:
                    html = render_brief_html(brief, request.templates_dir, "pdf")
                    data = render_pdf(html, request.templates_dir, request.pdf_variant)
                outputs.append((path, data))
        except (TemplateProblem, PdfProblem) as error:
            raise ReportProblem(f"brief '{slug}': {error}") from None
    return outputs


def write_reports(corpus: Corpus, corpus_dir: Path, request: ReportRequest) -> list[Path]:
    """Render all, then write all; returns the files written."""
    outputs = render_reports(corpus, corpus_dir, request)
    try:
        Path(request.output_dir).mkdir(parents=True, exist_ok=True)
        # all files reach the disk before any replaces its predecessor: a full disk changes nothing
        write_all_atomically(outputs)
    except OSError as error:
        raise ReportProblem(f"cannot write {error.filename or request.output_dir}: {error.strerror or error}") from None
    return [path for path, _ in outputs]


def html_brief(corpus: Corpus, corpus_dir: Path, templates_dir: Path, slug: str, date: str | None = None) -> str:
    """The HTML brief of one theme exactly as `report --format html` writes it (e.g. for a live preview)."""
    try:
        return render_brief_html(build_brief(corpus, slug, brief_date(corpus_dir, date)), templates_dir, "html")
    except BriefDateError as error:
        raise ReportProblem(str(error)) from None
    except TemplateProblem as error:
        raise ReportProblem(f"brief '{slug}': {error}") from None
