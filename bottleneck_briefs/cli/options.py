"""What the commands share: the corpus option, dates, loading the corpus or exiting, the corpus lock, names."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from bottleneck_briefs.basics.names import DEFAULT_CORPUS
from bottleneck_briefs.briefs.formats.output_formats import (
    FORMATS,
    UnknownFormatError,
    parse_formats,
)

if TYPE_CHECKING:
    from bottleneck_briefs.cli.requested_briefs import CommandLineBriefs
    from bottleneck_briefs.corpus.loading import Corpus


F = TypeVar("F", bound=Callable[..., Any])  # a click command function, given back with its options


def existing_corpus(ctx: click.Context, param: click.Parameter, folder: Path) -> Path:
    """Every command names a missing corpus folder the same way: its full path, and --corpus (exit 1)."""
    if not folder.is_dir():
        from bottleneck_briefs.corpus.loading import missing_folder_problem

        click.echo(missing_folder_problem(folder).format(), err=True)
        ctx.exit(1)
    return folder


CORPUS_OPTION = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path),
    default=Path(DEFAULT_CORPUS),
    show_default=True,
    metavar="DIR",
    callback=existing_corpus,
    help="Folder with the codebook and the statement files.",
)


def valid_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--date as YYYY-MM-DD, refused while parsing (exit 2) with the form it wants."""
    from bottleneck_briefs.briefs.content.brief_date import BriefDateError, parse_date

    try:
        return None if value is None else parse_date(value).isoformat()
    except BriefDateError as error:
        raise click.BadParameter(f"{error}, e.g. 2025-01-31 for 31 January 2025") from None


def load_or_exit(
    corpus_dir: Path, refusal: str = "", templates_dir: Path | None = None, *, serving: bool = False
) -> Corpus:
    """Load the corpus (from the cache when these very files were loaded before: corpus/load_cache); on errors
    print them (file:line:col) and `refusal`, and exit 1. `serving`: the command runs until stopped (a preview),
    so a new load is stored at once, for the preview's own loads and the commands run beside it."""
    from bottleneck_briefs.corpus.load_cache import load_corpus_remembered

    context = None if serving else click.get_current_context(silent=True)
    # the data model is imported there, while a second process reads; a new load is stored once the command is done
    result = load_corpus_remembered(corpus_dir, templates_dir, store_later=context.call_on_close if context else None)
    if result.corpus is None:
        from bottleneck_briefs.editing.terminal import problem_report

        click.echo(problem_report(result.problems, result.file_count) + (f": {refusal}" if refusal else ""), err=True)
        sys.exit(1)
    for problem in result.problems:
        click.echo(problem.format(), err=True)
    # The corpus lives until the command ends: the cycle collector need not walk its millions of objects
    # again at every collection the command's own work triggers.
    gc.freeze()
    return result.corpus


def hold_corpus_lock(corpus_dir: Path) -> None:
    """One writer of the corpus at a time (basics/corpus_lock): held until the command ends; read after this."""
    from bottleneck_briefs.basics.corpus_lock import CorpusLockedError, corpus_lock

    try:
        click.get_current_context().with_resource(corpus_lock(corpus_dir))
    except CorpusLockedError as error:
        raise click.ClickException(str(error)) from None


def shown_path(path: Path) -> Path:
    """A path as a user would type it here: relative to the working folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return Path(path)


def selection_options(command: F) -> F:
    """--brief and --combine, the selections of `report` and `list`; a FacetFilterCommand adds the facet filters
    (--doelgroep, --partij, ... as the codebook declares them) after --brief."""
    for option in reversed(
        [
            click.option(
                "--brief",
                "brief_names",
                multiple=True,
                metavar="NAME",
                help="A brief composed in briefs/NAME.yaml; repeat for several.",
            ),
            click.option(
                "--combine", is_flag=True, help="One brief about all --theme options instead of one per theme."
            ),
        ]
    ):
        command = option(command)
    return command


def resolve_briefs_or_exit(
    corpus: Corpus,
    slugs: tuple[str, ...],
    brief_names: tuple[str, ...],
    facets: dict[str, tuple[str, ...]],
    combine: bool,
    name: str | None = None,
    listing: bool = False,
) -> CommandLineBriefs:
    """The theme slugs and the command-line selection asked for; a mistake is a usage error (exit 2)."""
    from bottleneck_briefs.cli.requested_briefs import OptionUsageError, resolve

    try:
        return resolve(corpus, slugs, facets, combine, name, brief_names, listing=listing)
    except OptionUsageError as problem:
        raise click.BadParameter(str(problem), param_hint=f"'{problem.option}'") from None


def require_edition(corpus: Corpus, name: str) -> None:
    known = [edition.edition for edition in corpus.editions]
    if name not in known:
        from bottleneck_briefs.corpus.schema_errors import did_you_mean

        listing = (
            f"Recorded editions: {', '.join(known)}"
            if known
            else "No edition is recorded yet: record one with `bottlenecks edition NAME`"
        )
        raise click.BadParameter(
            f"unknown edition '{name}'{did_you_mean(name, known)}\n{listing}", param_hint="'--since'"
        )


# the formats --help lists; an alias (`both`, the older name of pdf,html) is still accepted, not listed
FORMAT_NAMES = list(FORMATS)


def templates_folder(ctx: click.Context, param: click.Parameter, folder: Path | None) -> Path | None:
    """--templates: a folder with the templates the user changed (the rest are the bundled ones)."""
    from bottleneck_briefs.briefs.render.template_folders import TemplatesFolderError, check_templates_folder

    if folder is not None:
        try:
            check_templates_folder(folder)
        except TemplatesFolderError as error:
            raise click.BadParameter(str(error)) from None
    return folder


TEMPLATES_HELP = "Folder with the templates, stylesheets or fonts you changed; the rest are the bundled ones."


def templates_option(help: str = TEMPLATES_HELP) -> Callable[[F], F]:
    """--templates DIR, as every command that reads templates takes it; `help` says what this command does with it."""
    return click.option(
        "--templates",
        "templates_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        metavar="DIR",
        callback=templates_folder,
        help=help,
    )


def output_formats_option(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    try:
        return parse_formats(values)
    except UnknownFormatError as error:
        raise click.BadParameter(str(error)) from None


SLUG_HELP = "Theme slug or title, e.g. financiering; repeat for several."

NOTE_OPTION = click.option(
    "--note", "note_names", multiple=True, metavar="NAME", help="A note written in notes/NAME.md; repeat for several."
)


def known_note_or_exit(corpus: Corpus, name: str) -> str:
    """A note's name as the loaded corpus knows it; otherwise a usage error (exit 2) with a did-you-mean."""
    if name not in corpus.notes:
        from bottleneck_briefs.corpus.schema_errors import did_you_mean

        known = sorted(corpus.notes)
        listing = f"The notes: {', '.join(known)}" if known else "There are no notes yet (notes/NAME.md)"
        raise click.BadParameter(f"unknown note '{name}'{did_you_mean(name, known)}\n{listing}", param_hint="'--note'")
    return name
