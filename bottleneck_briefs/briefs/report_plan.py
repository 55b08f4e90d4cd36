"""Which files a report run makes and the cache key of each, without loading the corpus.

This module stays light (no pydantic, no Jinja, no WeasyPrint): a rerun in
which every file is up to date is answered from here after hashing the
corpus files, in a fraction of the time loading and validating would take.
That is safe because the corpus digest covers every byte of every corpus
file and the program digest covers the validating code: the same digest was
loaded and validated by the run that wrote the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.basics.names import (
    DEFAULT_LANGUAGE,
    DEFAULT_PDF_VARIANT,
    DEFAULT_TEMPLATES,
    OVERVIEW_NAME,
    output_stem,
)
from bottleneck_briefs.briefs.brief_date import BriefDateError, brief_date
from bottleneck_briefs.briefs.build_cache import BuildCache
from bottleneck_briefs.briefs.output_formats import DEFAULT_FORMATS, FORMATS
from bottleneck_briefs.briefs.template_folders import folders_digest
from bottleneck_briefs.corpus.files import CODEBOOK_NAME, corpus_digest


@dataclass(frozen=True)
class ReportRequest:
    slugs: tuple[str, ...] = ()
    overview: bool = False  # also the overview brief of all themes (reports/overzicht.*)
    output_formats: tuple[str, ...] = DEFAULT_FORMATS  # suffixes from output_formats.FORMATS
    output_dir: Path = Path("reports")
    pdf_variant: str = DEFAULT_PDF_VARIANT
    date: str | None = None  # YYYY-MM-DD; otherwise derived from the corpus (see brief_date)
    templates_dir: Path = DEFAULT_TEMPLATES
    all_briefs: bool = False  # every theme and the overview, instead of `slugs`
    force: bool = False  # render even when the cache says a file is up to date
    language: str = DEFAULT_LANGUAGE  # "en": English labels, files named SLUG.en.pdf


@dataclass
class ReportResult:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)  # left alone: same inputs, same bytes on disk
    warnings: list[str] = field(default_factory=list)


class ReportProgress:
    """Told how many files will be rendered, then of each one done; silent by default."""

    def start(self, count: int) -> None:
        pass

    def advance(self, path: Path) -> None:
        pass


def job_ids(request: ReportRequest, theme_slugs: list[str]) -> list[tuple[str, str]]:
    """(kind, name) of every brief asked for: the themes in the order asked (each once), then the overview."""
    if request.all_briefs:
        return [("theme", slug) for slug in theme_slugs] + [("overview", OVERVIEW_NAME)]
    ids = [("theme", slug) for slug in dict.fromkeys(request.slugs)]
    return ids + ([("overview", OVERVIEW_NAME)] if request.overview else [])


def output_keys(request: ReportRequest, corpus_version: str, day: date,
                ids: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(name, suffix, key) of every requested file.

    Per file, not per run: `--format html` after `--format both` finds the
    HTML current. The key holds everything the file's bytes depend on.
    """
    common = (program_digest(), corpus_version, folders_digest(request.templates_dir), day.isoformat())
    keys = []
    for kind, name in ids:
        for suffix in request.output_formats:
            options = [str(getattr(request, option)) for option in FORMATS[suffix].options]
            keys.append((name, suffix, cache_key(*common, kind, name, request.language, suffix, *options)))
    return keys


def _theme_slugs(corpus_dir: Path) -> list[str] | None:
    """The codebook's theme slugs, read without validation (only used to look up cache entries)."""
    import yaml

    try:
        data = yaml.load((Path(corpus_dir) / CODEBOOK_NAME).read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return [theme["slug"] for theme in data["themes"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None


def all_up_to_date(corpus_dir: Path, request: ReportRequest) -> ReportResult | None:
    """The result of the run when every requested file is up to date, else None (then run in full)."""
    if request.force or not set(request.output_formats) <= FORMATS.keys():
        return None
    cache = BuildCache.load(request.output_dir)
    if not cache.entries:
        return None
    try:
        version = corpus_digest(corpus_dir)  # first: it refuses files over the limits before reading them
        day = brief_date(corpus_dir, request.date)
        slugs = _theme_slugs(corpus_dir) if request.all_briefs else []
        if slugs is None:
            return None
        keys = output_keys(request, version, day, job_ids(request, slugs))
    except (BriefDateError, OSError):
        return None
    result = ReportResult()
    for name, suffix, key in keys:
        path = Path(request.output_dir) / f"{output_stem(name, request.language)}.{suffix}"
        if not cache.is_current(path, key):
            return None
        result.up_to_date.append(path)
    return result
