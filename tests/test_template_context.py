"""docs/templates.md lists exactly what a template can use: the variables rendering passes, the globals and
filters of the environment, and the fields and properties of every object those hand out."""

from __future__ import annotations

import dataclasses
import inspect
import re
import typing
from datetime import date

import jinja2.defaults
import pytest
from pydantic import BaseModel

from bottleneck_briefs.briefs.content.brief_data import Brief, build_brief
from bottleneck_briefs.briefs.content.composed_brief import build_composed_brief
from bottleneck_briefs.briefs.content.overview_data import Overview, build_overview
from bottleneck_briefs.briefs.content.publication_data import Framing, framed
from bottleneck_briefs.briefs.render import brief_html, charts
from bottleneck_briefs.briefs.render.template_environment import environment
from conftest import ROOT, TEMPLATES

DOC = ROOT / "docs" / "templates.md"
DAY = date(2025, 3, 1)


def documented() -> dict[str, set[str]]:
    """Heading -> the names in the first column of the table below it (`name` in backticks)."""
    tables: dict[str, set[str]] = {}
    heading = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"#{2,3} (.+)", line):
            heading = match.group(1).strip()
        elif heading and (match := re.match(r"\| `([^`]+)` \|", line)):
            tables.setdefault(heading, set()).add(match.group(1))
    return tables


def passed_variables(corpus) -> set[str]:
    """The names render_brief_html hands to the template environment, for a theme's brief, a composed brief and
    the overview, each framed as the report run frames it."""
    names: set[str] = set()

    def spy(templates_dir, name, language, **context):
        names.update(context)
        return ""

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(brief_html, "render", spy)
        composed = build_composed_brief(corpus, corpus.briefs[sorted(corpus.briefs)[0]], DAY)
        for data in (build_brief(corpus, "financiering", DAY), composed, build_overview(corpus, DAY)):
            for medium in brief_html.MEDIA:
                brief_html.render_brief_html(framed(data, corpus), TEMPLATES, medium)
    return names


def _classes(annotation) -> typing.Iterator[type]:
    """The classes named in an annotation such as `tuple[Count, ...] | None`."""
    arguments = typing.get_args(annotation)
    if arguments:
        for argument in arguments:
            yield from _classes(argument)
    elif isinstance(annotation, type):
        yield annotation


def _is_data(cls: type) -> bool:
    return dataclasses.is_dataclass(cls) or issubclass(cls, BaseModel)


def attributes(cls: type) -> set[str]:
    """Fields and public properties: what `brief.x` can reach."""
    fields = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set(cls.model_fields)
    properties = {
        name
        for name, member in inspect.getmembers(cls)
        if isinstance(member, property) and not name.startswith("_") and not hasattr(BaseModel, name)
    }
    return fields | properties


def reachable_types() -> dict[str, type]:
    """Every data class a template can reach from `brief` and from what bar_chart and heat_map return.

    `brief.publication` is typed `object` (the report run sets it after building the brief): its Framing is a
    root of its own."""
    found: dict[str, type] = {}
    roots = [
        Brief,
        Overview,
        Framing,
        typing.get_type_hints(charts.bar_chart)["return"],
        typing.get_type_hints(charts.heat_map)["return"],
    ]
    pending = list(roots)
    while pending:
        cls = pending.pop()
        if not _is_data(cls) or cls.__name__ in found:
            continue
        found[cls.__name__] = cls
        hints = dict(typing.get_type_hints(cls))
        for name in attributes(cls):
            member = getattr(cls, name, None)
            if isinstance(member, property):
                hints[name] = typing.get_type_hints(member.fget).get("return")
        pending += [c for hint in hints.values() for c in _classes(hint) if isinstance(c, type) and _is_data(c)]
    return found


def test_the_documented_variables_are_those_render_passes(corpus):
    assert documented()["Variables"] == passed_variables(corpus)


def test_the_documented_globals_and_filters_are_the_environments():
    env = environment(TEMPLATES, "nl")
    assert documented()["Globals"] == set(env.globals)
    assert documented()["Filters"] == set(env.filters) - set(jinja2.defaults.DEFAULT_FILTERS)
    assert set(env.tests) == set(jinja2.defaults.DEFAULT_TESTS)  # no tests of our own to document


def test_every_reachable_type_is_documented_field_by_field():
    types = reachable_types()
    tables = documented()
    assert {"Brief", "Overview", "Count", "Theme", "BarChart", "StatementEntry", "Changes"} <= types.keys()
    undocumented = sorted(types.keys() - tables.keys())
    assert undocumented == [], f"add a '### NAME' table to {DOC.name} for: {undocumented}"
    for name, cls in types.items():
        missing, stale = attributes(cls) - tables[name], tables[name] - attributes(cls)
        assert (missing, stale) == (set(), set()), (
            f"{DOC.name}, ### {name}: add {sorted(missing)}, remove {sorted(stale)}"
        )
    headings = set(tables) - {"Variables", "Globals", "Filters"}
    assert sorted(headings - types.keys()) == []  # a documented type nothing hands out any more
