"""The briefs a report run can make, each as a job: what to build and how to render it.

A theme's brief is one job, the overview another; `report --all` is simply
every job (report_plan.job_ids lists them). The rest of the report machinery
(cache, parallel PDFs, atomic writing) only sees jobs, so a new kind of brief
is one more function here and one more kind there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bottleneck_briefs.basics.names import OVERVIEW_NAME
from bottleneck_briefs.briefs.brief_data import build_brief
from bottleneck_briefs.briefs.brief_html import render_brief_html
from bottleneck_briefs.briefs.overview_data import build_overview
from bottleneck_briefs.corpus.loading import Corpus


@dataclass(frozen=True)
class BriefJob:
    name: str  # the files are <output folder>/<name>.pdf and .html
    kind: str  # part of the cache key: two kinds of brief never share one
    label: str  # how messages name it, e.g. "brief 'financiering'"
    build: Callable[[Corpus, date, str], Any]  # (corpus, day, language) -> the brief's data (no markup)
    render: Callable[[Any, Path, str], str]  # (data, templates folder, medium) -> HTML


def theme_job(slug: str) -> BriefJob:
    return BriefJob(name=slug, kind="theme", label=f"brief '{slug}'",
                    build=lambda corpus, day, language: build_brief(corpus, slug, day, language),
                    render=render_brief_html)


def overview_job() -> BriefJob:
    """The overview of the whole corpus; brief_html renders it with its own template."""
    return BriefJob(name=OVERVIEW_NAME, kind="overview", label="the overview", build=build_overview,
                    render=render_brief_html)


def job_for(kind: str, name: str) -> BriefJob:
    """The job report_plan.job_ids names (kind, name)."""
    if kind == "overview":
        return overview_job()
    return theme_job(name)
