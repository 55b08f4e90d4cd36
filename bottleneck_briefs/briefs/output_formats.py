"""The output formats a report can write: the registry that `--format`, the plan, the cache key and the writer follow.

A new format is one module under `formats/` with a `render(job, brief, request)`
function, plus one line in FORMATS. The registry itself is light (standard
library only): the up-to-date check reads it without importing any renderer,
and a renderer's module, with whatever library it needs, is imported only when
a file of its format is due.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bottleneck_briefs.basics.names import PDF_VARIANTS


@dataclass(frozen=True)
class OutputFormat:
    suffix: str  # the file name's suffix, and the name `--format` takes
    module: str  # its render(job, brief, request) returns the file's bytes
    in_pdf_workers: bool = False  # render() returns the HTML that a PDF worker process lays out
    reads_templates: bool = True  # its bytes depend on the templates folder (templates, CSS, fonts, reference.docx/odt)
    options: tuple[str, ...] = ()  # fields of the report request that change the bytes: part of the cache key
    # A format with variants writes one file per variant the request asks for (its field `variant_field`),
    # each named with its own suffix (`variant_suffixes`): financiering.pdf and financiering.archief.pdf.
    variant_field: str | None = None
    variant_suffixes: Mapping[str, str] | None = None

    def render(self, job, brief, request):
        return importlib.import_module(self.module).render(job, brief, request)


@dataclass(frozen=True)
class OutputFile:
    """One file a brief is written to: its format, the suffix of its name, the format's variant if any."""

    format: OutputFormat
    suffix: str  # "pdf", "archief.pdf", "html"
    variant: str | None = None


FORMATS = {output.suffix: output for output in (
    OutputFormat("pdf", "bottleneck_briefs.briefs.formats.pdf", in_pdf_workers=True,
                 variant_field="pdf_variants", variant_suffixes=PDF_VARIANTS),
    OutputFormat("html", "bottleneck_briefs.briefs.formats.html"),
    OutputFormat("docx", "bottleneck_briefs.briefs.formats.docx"),
    OutputFormat("odt", "bottleneck_briefs.briefs.formats.odt"),
    OutputFormat("xlsx", "bottleneck_briefs.briefs.formats.xlsx", reads_templates=False),
    OutputFormat("ods", "bottleneck_briefs.briefs.formats.ods", reads_templates=False),
    OutputFormat("csv", "bottleneck_briefs.briefs.formats.csv", reads_templates=False),
)}
DEFAULT_FORMATS = ("pdf", "html")
ALIASES = {"both": ("pdf", "html")}


class UnknownFormat(ValueError):
    pass


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """`--format pdf --format html`, `--format pdf,html` and `--format both`: each format once, in the order given."""
    chosen: list[str] = []
    for value in values:
        for name in (part.strip().lower() for part in value.split(",")):
            if not name:
                continue
            if name not in FORMATS and name not in ALIASES:
                raise UnknownFormat(f"unknown format '{name}'; choose from {', '.join(FORMATS)} "
                                    "(several: comma-separated or repeated)")
            chosen.extend(ALIASES.get(name, (name,)))
    return tuple(dict.fromkeys(chosen)) or DEFAULT_FORMATS


def output_files(request) -> list[OutputFile]:
    """Every file one brief of the request is written to, in the order of its formats and variants."""
    files = []
    for suffix in request.output_formats:
        output_format = FORMATS[suffix]
        suffixes = output_format.variant_suffixes
        if output_format.variant_field and suffixes:
            files += [OutputFile(output_format, suffixes[variant], variant)
                      for variant in dict.fromkeys(getattr(request, output_format.variant_field))]
        else:
            files.append(OutputFile(output_format, output_format.suffix))
    return files


def needs_pdf_workers(suffixes: Iterable[str]) -> bool:
    return any(FORMATS[suffix].in_pdf_workers for suffix in suffixes)
