"""The output formats a report can write: the registry that `--format`, the plan, the cache key and the writer follow.

A new format is one module under `formats/` with a `render(job, brief, request)`
function that declares itself a Renderer (which mypy then checks), plus one line
in FORMATS. The registry itself is light (standard library only): the
up-to-date check reads it without importing any renderer,
and a renderer's module, with whatever library it needs, is imported only when
a file of its format is due.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias

from bottleneck_briefs.basics.names import PDF_VARIANTS

if TYPE_CHECKING:  # light at run time: the registry is read without the data model or any renderer
    from bottleneck_briefs.briefs.content.brief_data import Brief
    from bottleneck_briefs.briefs.content.note_data import Note
    from bottleneck_briefs.briefs.content.overview_data import Overview

AnyBrief: TypeAlias = "Brief | Overview | Note"  # every kind of brief a format renders


class RenderJob(Protocol):
    """What a renderer may know of the run's job (run.brief_jobs.BriefJob is one): which brief it makes."""

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> str: ...


class RenderRequest(Protocol):
    """What a renderer may read of the report request (run.report_plan.ReportRequest is one)."""

    @property
    def templates_dir(self) -> Path: ...

    @property
    def output_formats(self) -> tuple[str, ...]: ...


class Renderer(Protocol):
    """The contract of a module under formats/: its render() makes one brief's file. Each module declares
    `_RENDER: Renderer = render` for mypy to check (tests/test_renderer_contract.py sees that it does)."""

    def __call__(self, job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes | str:
        """The file's bytes; for a format laid out in the PDF workers (in_pdf_workers), the HTML they lay out."""
        ...


@dataclass(frozen=True)
class OutputFormat:
    suffix: str  # the file name's suffix, and the name `--format` takes
    module: str  # its render(job, brief, request) returns the file's bytes
    in_pdf_workers: bool = False  # render() returns the HTML that a PDF worker process lays out
    reads_templates: bool = True  # its bytes depend on the templates folder (templates, CSS, fonts, reference.docx/odt)
    # made from the brief's office document (office_source), which the formats that share it can reuse when made
    # one after the other within documents_shared()
    office_document: bool = False
    sheet: bool = False  # made from the brief's sheet_layout, which the formats that share it reuse likewise
    options: tuple[str, ...] = ()  # fields of the report request that change the bytes: part of the cache key
    # A format with variants writes one file per variant the request asks for (its field `variant_field`),
    # each named with its own suffix (`variant_suffixes`): financiering.pdf and financiering.archief.pdf.
    variant_field: str | None = None
    variant_suffixes: Mapping[str, str] | None = None

    def render(self, job: RenderJob, brief: AnyBrief, request: RenderRequest) -> bytes | str:
        render: Renderer = importlib.import_module(self.module).render
        return render(job, brief, request)


@dataclass(frozen=True)
class OutputFile:
    """One file a brief is written to: its format, the suffix of its name, the format's variant if any."""

    format: OutputFormat
    suffix: str  # "pdf", "archief.pdf", "html"
    variant: str | None = None


FORMATS = {
    output.suffix: output
    for output in (
        OutputFormat(
            "pdf",
            "bottleneck_briefs.briefs.formats.pdf",
            in_pdf_workers=True,
            variant_field="pdf_variants",
            variant_suffixes=PDF_VARIANTS,
        ),
        OutputFormat("html", "bottleneck_briefs.briefs.formats.html"),
        OutputFormat("docx", "bottleneck_briefs.briefs.formats.docx", office_document=True),
        OutputFormat("odt", "bottleneck_briefs.briefs.formats.odt", office_document=True),
        OutputFormat("xlsx", "bottleneck_briefs.briefs.formats.xlsx", reads_templates=False, sheet=True),
        OutputFormat("ods", "bottleneck_briefs.briefs.formats.ods", reads_templates=False, sheet=True),
        OutputFormat("csv", "bottleneck_briefs.briefs.formats.csv", reads_templates=False),
    )
}
DEFAULT_FORMATS = ("pdf", "html")
ALIASES = {"both": ("pdf", "html")}


class UnknownFormatError(ValueError):
    pass


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """`--format pdf --format html`, `--format pdf,html` and `--format both`: each format once, in the order given."""
    chosen: list[str] = []
    for value in values:
        for name in (part.strip().lower() for part in value.split(",")):
            if not name:
                continue
            if name not in FORMATS and name not in ALIASES:
                raise UnknownFormatError(
                    f"unknown format '{name}'; choose from {', '.join(FORMATS)} (several: comma-separated or repeated)"
                )
            chosen.extend(ALIASES.get(name, (name,)))
    return tuple(dict.fromkeys(chosen)) or DEFAULT_FORMATS


def made_together(suffixes: Iterable[str]) -> list[tuple[str, ...]]:
    """The formats as units that one process makes, each unit's formats one after the other: those made from one
    office document together, first; those made from one sheet layout together; each other one alone."""
    units: dict[str, list[str]] = {"office document": []}
    for suffix in suffixes:
        output_format = FORMATS[suffix]
        shared = "office document" if output_format.office_document else "sheet" if output_format.sheet else suffix
        units.setdefault(shared, []).append(suffix)
    return [tuple(unit) for unit in units.values() if unit]


def output_files(request: RenderRequest) -> list[OutputFile]:
    """Every file one brief of the request is written to, in the order of its formats and variants."""
    files: list[OutputFile] = []
    for suffix in request.output_formats:
        output_format = FORMATS[suffix]
        suffixes = output_format.variant_suffixes
        if output_format.variant_field and suffixes:
            files += [
                OutputFile(output_format, suffixes[variant], variant)
                for variant in dict.fromkeys(getattr(request, output_format.variant_field))
            ]
        else:
            files.append(OutputFile(output_format, output_format.suffix))
    return files


def needs_pdf_workers(suffixes: Iterable[str]) -> bool:
    return any(FORMATS[suffix].in_pdf_workers for suffix in suffixes)
