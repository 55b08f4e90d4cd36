"""The briefs a report run can make, each as a job: what to build (each output format renders it its own way).

A theme's brief is one job, a composed brief (a brief file, or a selection
made on the command line) another, the overview a third; `report --all` is simply
every job (report_plan.job_ids lists them). The rest of the report machinery
(cache, parallel PDFs, atomic writing) only sees jobs, so a new kind of brief
is one more function here and one more kind there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bottleneck_briefs.basics.names import OVERVIEW_NAME
from bottleneck_briefs.briefs.content.brief_data import build_brief
from bottleneck_briefs.briefs.content.composed_brief import build_composed_brief
from bottleneck_briefs.briefs.content.overview_data import build_overview
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.selection import BriefSpec

if TYPE_CHECKING:
    from bottleneck_briefs.briefs.content.note_data import Note


@dataclass(frozen=True)
class BriefJob:
    name: str  # the files are <output folder>/<name>.pdf and .html
    kind: str  # part of the cache key: two kinds of brief never share one
    label: str  # how messages name it, e.g. "brief 'financiering'"
    build: Callable[[Corpus, date, str], Any]  # (corpus, day, language) -> the brief's data (no markup)


def theme_job(slug: str) -> BriefJob:
    return BriefJob(
        name=slug,
        kind="theme",
        label=f"brief '{slug}'",
        build=lambda corpus, day, language: build_brief(corpus, slug, day, language),
    )


def composed_job(name: str) -> BriefJob:
    """The brief of the brief file briefs/NAME.yaml."""
    return BriefJob(
        name=name,
        kind="composed",
        label=f"brief '{name}' (briefs/{name}.yaml)",
        build=lambda corpus, day, language: build_composed_brief(corpus, corpus.briefs[name], day, language),
    )


def selection_job(spec: BriefSpec) -> BriefJob:
    """A brief over the selection given on the command line (--doelgroep, --combine, ...)."""
    return BriefJob(
        name=spec.name,
        kind="selection",
        label=f"brief '{spec.name}'",
        build=lambda corpus, day, language: build_composed_brief(corpus, spec, day, language),
    )


def overview_job() -> BriefJob:
    """The overview of the whole corpus; brief_html renders it with its own template."""
    return BriefJob(name=OVERVIEW_NAME, kind="overview", label="the overview", build=build_overview)


def note_job(name: str, templates_dir: Path | None = None) -> BriefJob:
    """The note notes/NAME.md, of a kind the templates folder declares."""

    def build(corpus: Corpus, day: date, language: str) -> Note:
        from bottleneck_briefs.briefs.content.note_data import build_note
        from bottleneck_briefs.corpus.note_kinds import note_kinds

        return build_note(corpus, corpus.notes[name], note_kinds(templates_dir)[0], day, language)

    return BriefJob(name=name, kind="note", label=f"note '{name}' (notes/{name}.md)", build=build)


def job_for(kind: str, name: str, selection: BriefSpec | None = None, templates_dir: Path | None = None) -> BriefJob:
    """The job report_plan.job_ids names (kind, name); `selection`: the request's command-line brief."""
    if kind == "note":
        return note_job(name, templates_dir)
    if kind == "overview":
        return overview_job()
    if kind == "composed":
        return composed_job(name)
    if kind == "selection" and selection is not None:
        return selection_job(selection)
    return theme_job(name)
