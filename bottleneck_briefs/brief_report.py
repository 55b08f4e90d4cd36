"""`bottlenecks report`: build, render and write the briefs of one or more themes.

Every requested file is rendered in memory first; only when all of them
succeeded is anything written, each file atomically. So a template error in
the third theme does not leave a mix of new and old briefs behind, and the
corpus is only ever read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .atomic_write import write_all_atomically
from .brief_data import Brief, build_brief
from .brief_date import BriefDateError, brief_date
from .brief_html import render_brief_html
from .corpus import Corpus
from .models import SLUG_PATTERN
from .overview_data import Overview, build_overview
from .pdf_output import DEFAULT_PDF_VARIANT, PdfProblem, render_pdf
from .template_environment import DEFAULT_TEMPLATES, TemplateProblem
from .translations import DEFAULT_LANGUAGE, LANGUAGES, output_stem

FORMATS = {"pdf": ("pdf",), "html": ("html",), "both": ("pdf", "html")}


class ReportProblem(Exception):
    """The reports could not be made; nothing was written."""


@dataclass(frozen=True)
class ReportRequest:
    slugs: tuple[str, ...] = ()
    overview: bool = False  # also the overview brief of all themes (reports/overzicht.*)
    output_format: str = "both"
    output_dir: Path = Path("reports")
    pdf_variant: str = DEFAULT_PDF_VARIANT
    date: str | None = None  # YYYY-MM-DD; otherwise derived from the corpus (see brief_date)
    templates_dir: Path = DEFAULT_TEMPLATES
    language: str = DEFAULT_LANGUAGE  # "en": English labels, files named SLUG.en.pdf


def output_path(output_dir: Path, slug: str, suffix: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """`output_dir/slug.suffix` (`slug.en.suffix` in English), refused unless the slug is a plain slug and
    the file stays inside."""
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ReportProblem(f"'{slug}' is not a theme slug (lowercase letters, digits and hyphens)")
    if language not in LANGUAGES:
        raise ReportProblem(f"unknown language '{language}'; choose one of {', '.join(LANGUAGES)}")
    target = Path(output_dir) / f"{output_stem(slug, language)}.{suffix}"
    folder = Path(output_dir).resolve()
    # resolve() follows a symlink planted at the target: it must still land in the folder
    if target.resolve().parent != folder:
        raise ReportProblem(f"{target} would be written outside the output folder {folder}")
    return target  # as the user named it, for the messages


def build_documents(corpus: Corpus, request: ReportRequest, day: date) -> list[Brief | Overview]:
    """The briefs asked for, in order: each theme once as asked, then the overview."""
    documents: list[Brief | Overview] = []
    for slug in dict.fromkeys(request.slugs):
        if corpus.theme(slug) is None:
            raise ReportProblem(f"unknown theme '{slug}'")
        documents.append(build_brief(corpus, slug, day, request.language))
    if request.overview:
        documents.append(build_overview(corpus, day, request.language))
    return documents


def render_document(document: Brief | Overview, request: ReportRequest) -> list[tuple[Path, bytes]]:
    """The requested files of one brief (a theme's or the overview) as (path, bytes)."""
    outputs: list[tuple[Path, bytes]] = []
    try:
        for suffix in FORMATS[request.output_format]:
            path = output_path(request.output_dir, document.name, suffix, document.language)
            if suffix == "html":
                data = render_brief_html(document, request.templates_dir, "html").encode("utf-8")
            else:
                html = render_brief_html(document, request.templates_dir, "pdf")
                data = render_pdf(html, request.templates_dir, request.pdf_variant)
            outputs.append((path, data))
    except (TemplateProblem, PdfProblem) as error:
        raise ReportProblem(f"brief '{document.name}': {error}") from None
    return outputs


def render_reports(corpus: Corpus, corpus_dir: Path, request: ReportRequest) -> list[tuple[Path, bytes]]:
    """Every requested file as (path, bytes), nothing written yet."""
    if request.output_format not in FORMATS:
        raise ReportProblem(f"unknown format '{request.output_format}'; choose one of {', '.join(FORMATS)}")
    if request.language not in LANGUAGES:
        raise ReportProblem(f"unknown language '{request.language}'; choose one of {', '.join(LANGUAGES)}")
    try:
        day = brief_date(corpus_dir, request.date)
    except BriefDateError as error:
        raise ReportProblem(str(error)) from None
    documents = build_documents(corpus, request, day)
    names = [document.name for document in documents]
    clash = next((name for name in names if names.count(name) > 1), None)
    if clash:  # e.g. a theme whose slug is the overview's file name
        raise ReportProblem(f"two briefs would be written to the same files: {clash}")
    return [output for document in documents for output in render_document(document, request)]


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
