"""The briefs a report run can make, each as a job: what to build and how to render it.

A theme's brief is one job; `report --all` is simply every job. The rest of
the report machinery (cache, parallel PDFs, atomic writing) only sees jobs,
so a new kind of brief is one more function here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from .brief_data import build_brief
from .brief_html import render_brief_html
from .corpus import Corpus


@dataclass(frozen=True)
class BriefJob:
    name: str  # the files are <output folder>/<name>.pdf and .html
    kind: str  # part of the cache key: two kinds of brief never share one
    label: str  # how messages name it, e.g. "brief 'financiering'"
    build: Callable[[Corpus, date], object]  # the brief's data (no markup)
    render: Callable[[object, Path, str], str]  # (data, templates folder, medium) -> HTML


def theme_job(slug: str) -> BriefJob:
    return BriefJob(name=slug, kind="theme", label=f"brief '{slug}'",
                    build=lambda corpus, day: build_brief(corpus, slug, day), render=render_brief_html)


def theme_jobs(slugs: tuple[str, ...]) -> list[BriefJob]:
    return [theme_job(slug) for slug in dict.fromkeys(slugs)]  # each theme once, in the order asked


def all_jobs(corpus: Corpus) -> list[BriefJob]:
    """Every brief `report --all` writes: each theme in codebook order, then the overview."""
    jobs = theme_jobs(tuple(theme.slug for theme in corpus.codebook.themes))
    # OVERVIEW: the brief of the whole corpus is added here as one more job.
    return jobs
