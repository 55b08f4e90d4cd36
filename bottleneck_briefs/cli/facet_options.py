"""The facet filters of `report` and `list`: one option per facet the codebook declares.

click builds a command's parser from its options, so the options must be known
before the arguments are parsed. A command of class FacetFilterCommand reads the
facet declarations of the corpus the arguments name (`--corpus`, else the
default folder) just before parsing, leniently: loading the corpus checks the
codebook in full afterwards. Each facet's option is `--` and its `option:` in
the codebook, else its slug (`--doelgroep`, `--partij`, `--sector`); `--help`
lists them with the facet's label.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from bottleneck_briefs.basics.names import DEFAULT_CORPUS

_FILTERS = "bottlenecks.facet_filters"  # ctx.meta key: facet slug -> the values given
_OPTIONS = "bottlenecks.facet_options"


@dataclass(frozen=True)
class FacetOption:
    slug: str
    option: str  # "--partij"
    label: str  # "Partijen", for the help


def declared_facet_options(corpus_dir: Path) -> list[FacetOption]:
    """The facets the corpus's codebook declares, as far as it can be read; none when it cannot."""
    from bottleneck_briefs.corpus.facet_declarations import written_facet_slugs
    from bottleneck_briefs.corpus.files import CODEBOOK_NAME
    from bottleneck_briefs.corpus.yaml_reading import read_yaml_file

    path = Path(corpus_dir) / CODEBOOK_NAME
    if not path.is_file():
        return []
    document, _ = read_yaml_file(path, str(path))
    data = document.data if isinstance(document.data, dict) else {}
    declared = {
        facet["slug"]: facet
        for facet in data.get("facets") or []
        if isinstance(facet, dict) and isinstance(facet.get("slug"), str)
    }
    options = []
    for slug in written_facet_slugs(data):
        facet = declared[slug]
        option, label = facet.get("option"), facet.get("label")
        options.append(
            FacetOption(
                slug,
                f"--{option if isinstance(option, str) and option else slug}",
                label if isinstance(label, str) else slug,
            )
        )
    return options


def _corpus_argument(args: list[str]) -> Path:
    """The --corpus the arguments give (the last one, as click takes it), else the default folder."""
    folder = DEFAULT_CORPUS
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--corpus" and index + 1 < len(args):
            folder = args[index + 1]
        elif arg.startswith("--corpus="):
            folder = arg.split("=", 1)[1]
    return Path(folder)


def _option(facet: FacetOption) -> click.Option:
    def store(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
        ctx.meta[_FILTERS][facet.slug] = values
        return values

    return click.Option(
        [facet.option, "facet_" + facet.slug.replace("-", "_")],
        multiple=True,
        metavar="VALUE",
        expose_value=False,
        callback=store,
        show_default=False,
        help=f"{facet.label}: only statements with this value (slug or label; repeat: any).",
    )


class FacetFilterCommand(click.Command):
    """A command with the codebook's facet filters among its options, placed after --brief."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        taken = {opt for param in self.params for opt in param.opts}
        ctx.meta[_OPTIONS] = [
            _option(facet) for facet in declared_facet_options(_corpus_argument(args)) if facet.option not in taken
        ]
        ctx.meta[_FILTERS] = {}
        return super().parse_args(ctx, args)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        place = next((index + 1 for index, param in enumerate(params) if param.name == "brief_names"), len(params))
        return params[:place] + ctx.meta.get(_OPTIONS, []) + params[place:]


def facet_filters() -> dict[str, tuple[str, ...]]:
    """The values the facet options of the running command were given, by facet slug (only those given)."""
    given = click.get_current_context().meta.get(_FILTERS, {})
    return {facet: values for facet, values in given.items() if values}
