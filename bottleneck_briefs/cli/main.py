"""The `bottlenecks` command group: it parses arguments and delegates.

The briefs' commands are here; the editors' commands, the site's and what all commands share live beside
this module in `bottleneck_briefs/cli/`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bottleneck_briefs import __version__
from bottleneck_briefs.basics.names import DEFAULT_OUTPUT_DIR, DEFAULT_PDF_VARIANT, DEFAULT_TEMPLATES, PDF_VARIANTS
from bottleneck_briefs.cli import editor_commands, site_command
from bottleneck_briefs.cli.escaped_output import EscapedOutputGroup
from bottleneck_briefs.cli.facet_options import FacetFilterCommand, facet_filters
from bottleneck_briefs.cli.option_groups import GroupedOptionsCommand
from bottleneck_briefs.cli.options import (
    CORPUS_OPTION,
    FORMAT_NAMES,
    NOTE_OPTION,
    SLUG_HELP,
    known_note_or_exit,
    load_or_exit,
    output_formats_option,
    require_edition,
    resolve_briefs_or_exit,
    selection_options,
    templates_option,
    valid_date,
)

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.loading import Corpus


@click.group(cls=EscapedOutputGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bottlenecks")
def main() -> None:
    """Themed policy briefs from the curated bottleneck statements ("knelpunten")."""


@main.command(short_help="Validate the whole corpus and report every problem.")
@click.option("--no-cache", is_flag=True, help="Validate in full even when this very corpus was found clean before.")
@templates_option("Folder whose notes/ declares more kinds of note (see --templates of report).")
@click.option(
    "--site",
    "for_site",
    is_flag=True,
    help="Also warn about what publication.yaml lacks for the site's dataset description.",
)
@CORPUS_OPTION
def check(no_cache: bool, templates_dir: Path | None, for_site: bool, corpus_dir: Path) -> None:
    """Validate every YAML file of the corpus and report all problems."""
    if for_site:
        no_cache = True  # the site's warnings are not part of what the cache remembers
    from bottleneck_briefs.corpus.check_cache import (
        check_key,
        remember_report,
        remembered_report,
    )

    key = None if no_cache else check_key(corpus_dir, templates_dir)
    summary = remembered_report(key)  # the same bytes were found clean by this same program
    if summary is None:
        from bottleneck_briefs.corpus.load_cache import load_corpus_remembered
        from bottleneck_briefs.corpus.loading import load_corpus
        from bottleneck_briefs.editing.terminal import problem_report

        # validated in full; stored for the commands that load this corpus next (unless --no-cache)
        result = (
            load_corpus(corpus_dir, templates_dir)
            if no_cache
            else load_corpus_remembered(corpus_dir, templates_dir, read=False)
        )
        if result.problems:
            click.echo(problem_report(result.problems, result.file_count), err=True)
        if result.corpus is None:
            sys.exit(1)
        corpus = result.corpus
        if for_site:
            from bottleneck_briefs.site.site_requirements import site_requirements

            for problem in site_requirements(corpus_dir, corpus):
                click.echo(problem.format(), err=True)
        summary = (
            f"{len(corpus.statements)} statements, {len(corpus.codebook.themes)} themes in {corpus.file_count} files"
        )
        if not result.problems:  # warnings are shown fresh every time, so only a silent run is remembered
            remember_report(key, summary)
    click.echo(f"{corpus_dir}: {summary}: OK")


@main.command(short_help="List the themes, the brief files and the notes.")
@CORPUS_OPTION
def themes(corpus_dir: Path) -> None:
    """List the themes: slug, title and number of statements; then the brief files and notes."""
    from bottleneck_briefs.editing.terminal import themes_table

    click.echo(themes_table(load_or_exit(corpus_dir)))


@main.command(
    name="list", cls=FacetFilterCommand, short_help="Show the statements of a theme, brief, note or selection."
)
@click.option("--theme", "slugs", multiple=True, metavar="SLUG", help=SLUG_HELP)
@selection_options
@NOTE_OPTION
@CORPUS_OPTION
def list_statements(
    slugs: tuple[str, ...], brief_names: tuple[str, ...], combine: bool, note_names: tuple[str, ...], corpus_dir: Path
) -> None:
    """Show the statements of a theme, a brief file, a note or a selection (the options of `report`)."""
    from bottleneck_briefs.editing.terminal import note_list, selection_list, statement_list

    facets = facet_filters()
    filtered = any(facets.values())
    if not slugs and not brief_names and not note_names and not filtered:
        raise click.UsageError(
            "name a theme with --theme, a brief file with --brief, a note with --note, or a facet filter"
        )
    corpus = load_or_exit(corpus_dir)
    if note_names and not slugs and not brief_names and not filtered:
        click.echo(
            "\n\n".join(note_list(corpus, known_note_or_exit(corpus, name)) for name in dict.fromkeys(note_names))
        )
        return
    # listing several themes shows them together, as --combine does
    asked = resolve_briefs_or_exit(corpus, slugs, brief_names, facets, combine or len(slugs) > 1, listing=True)
    parts = [statement_list(corpus, slug) for slug in asked.slugs]
    parts += [selection_list(corpus, corpus.briefs[name]) for name in dict.fromkeys(brief_names)]
    parts += [selection_list(corpus, asked.selection)] if asked.selection else []
    parts += [note_list(corpus, known_note_or_exit(corpus, name)) for name in dict.fromkeys(note_names)]
    click.echo("\n\n".join(parts))


# --- briefs: report ----------------------------------------------------------------------------


class ReportCommand(FacetFilterCommand, GroupedOptionsCommand):
    """`report`: the codebook's facet filters among its options, and its many options in groups."""

    option_groups = (
        ("What to render", ("slugs", "brief_names", "combine", "note_names", "overview", "all_briefs")),
        ("Formats", ("output_formats", "pdf_variants")),
        ("Output", ("output_dir", "brief_name", "force", "quiet")),
        ("Framing", ("language", "brief_date", "since", "templates_dir")),
    )
    facet_group = "What to render"


@main.command(cls=ReportCommand, short_help="Write briefs and notes: PDF, HTML, Word, ODF, spreadsheets.")
@click.option(
    "--theme",
    "slugs",
    multiple=True,
    metavar="SLUG",
    help="Theme slug or title, e.g. financiering; repeat for several briefs (or --combine for one).",
)
@selection_options
@NOTE_OPTION
@click.option(
    "--name",
    "brief_name",
    default=None,
    metavar="NAME",
    help="File name of the brief made by --combine or a facet filter (default: its values, e.g. opvang-zorg).",
)
@click.option(
    "--overview",
    is_flag=True,
    help="Also write the overview of all themes, with figures: reports/overzicht.pdf and .html.",
)
@click.option(
    "--all",
    "all_briefs",
    is_flag=True,
    help="Every theme's brief, every brief file's, every note and the overview, in one run with the PDFs "
    "rendered in parallel.",
)
@click.option(
    "--format",
    "output_formats",
    multiple=True,
    callback=output_formats_option,
    metavar="FORMAT[,FORMAT...]",
    help=f"Which files to write: {', '.join(FORMAT_NAMES)} (default: pdf,html); repeat or separate by commas.",
)
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(DEFAULT_OUTPUT_DIR),
    metavar="DIR",
    show_default=True,
    help="Folder for the briefs (created if missing).",
)
@click.option(
    "--pdf-variant",
    "pdf_variants",
    type=click.Choice(list(PDF_VARIANTS)),
    multiple=True,
    default=(DEFAULT_PDF_VARIANT,),
    show_default=True,
    help="pdf/ua-1: SLUG.pdf, tagged for accessibility, to publish; pdf/a-2a: SLUG.archief.pdf, "
    "to archive (also tagged). Repeat for both.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of the brief's labels, dates and numbers; en writes SLUG.en.pdf and .html. "
    "Statements stay verbatim Dutch.",
)
@click.option(
    "--date",
    "brief_date",
    metavar="YYYY-MM-DD",
    default=None,
    callback=valid_date,
    help="Date on the brief (default: SOURCE_DATE_EPOCH, else the corpus's last commit or change).",
)
@templates_option()
@click.option("--force", is_flag=True, help="Render every brief, also those that are up to date.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--since",
    "since",
    metavar="EDITION",
    default=None,
    help="Add an appendix of what changed since this recorded edition (see `bottlenecks editions`).",
)
@CORPUS_OPTION
def report(
    slugs: tuple[str, ...],
    brief_names: tuple[str, ...],
    combine: bool,
    note_names: tuple[str, ...],
    brief_name: str | None,
    overview: bool,
    all_briefs: bool,
    output_formats: tuple[str, ...],
    output_dir: Path,
    pdf_variants: tuple[str, ...],
    language: str,
    brief_date: str | None,
    templates_dir: Path | None,
    force: bool,
    quiet: bool,
    since: str | None,
    corpus_dir: Path,
) -> None:
    """Write the brief of each theme (reports/SLUG.pdf and .html) and of each brief file (reports/NAME.pdf and .html).

    The facet filters (--doelgroep, --partij, ...: one per facet of the codebook)
    or --combine make one brief over a selection: its themes (any of them) and,
    per facet given, any of its values.

    A brief whose inputs (corpus, templates, options, program) did not change
    since it was written is left as it is ("up to date"); --force renders it anyway.
    """
    from dataclasses import replace

    from bottleneck_briefs.basics.atomic_write import remove_stale_temporaries
    from bottleneck_briefs.briefs.run.report_plan import ReportError, ReportRequest
    from bottleneck_briefs.briefs.run.report_progress import report_progress
    from bottleneck_briefs.briefs.run.report_run import run_report

    facets = facet_filters()
    selection = combine or any(facets.values())  # one brief over a selection (requested_briefs.wants_selection)
    if not slugs and not brief_names and not selection and not overview and not all_briefs and not note_names:
        raise click.UsageError(
            "name a theme with --theme SLUG, ask for --overview, or --all for every brief "
            "(or a brief file with --brief NAME, a note with --note NAME)"
        )
    if all_briefs and (slugs or brief_names or selection or note_names):
        raise click.UsageError(
            "--all already writes every theme's and every brief file's brief and every note; "
            "leave out --theme, --brief, --note and the filters"
        )
    request = ReportRequest(
        slugs=slugs,
        briefs=brief_names,
        overview=overview,
        all_briefs=all_briefs,
        output_formats=output_formats,
        output_dir=output_dir,
        pdf_variants=pdf_variants,
        date=brief_date,
        force=force,
        language=language,
        since=since,
        notes=note_names,
        templates_dir=templates_dir or DEFAULT_TEMPLATES,
    )

    def load(corpus_dir: Path) -> Corpus:
        return load_or_exit(corpus_dir, refusal="nothing was written", templates_dir=templates_dir)

    def resolve(corpus: Corpus, request: ReportRequest) -> ReportRequest:
        """Theme titles as slugs, the command-line selection; a mistake is a usage error (exit 2)."""
        asked = resolve_briefs_or_exit(corpus, request.slugs, request.briefs, facets, combine, brief_name)
        if request.since is not None:
            require_edition(corpus, request.since)
        for name in request.notes:
            known_note_or_exit(corpus, name)
        return replace(request, slugs=asked.slugs, selection=asked.selection)

    remove_stale_temporaries(output_dir)  # what a run killed before its renames left behind
    with report_progress(quiet) as progress:
        try:
            # a command-line selection is only known once the corpus is loaded: no up-to-date answer before
            result = run_report(corpus_dir, request, load, progress, resolve, plan_first=not selection)
        except ReportError as error:
            raise click.ClickException(f"{error}\nnothing was written") from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    progress.summary(result)


# --- export: the corpus for other programs ----------------------------------------------------


@main.group()
def export() -> None:
    """Write the corpus in formats other programs read."""


@export.command(name="codebook", short_help="Write the codebook as a REFI-QDA codebook (.qdc).")
@click.argument("target", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of the code names and descriptions, where the codebook has English ones.",
)
@CORPUS_OPTION
def export_codebook(target: Path, language: str, corpus_dir: Path) -> None:
    """Write the themes and facet values as a REFI-QDA codebook (FILE.qdc) for ATLAS.ti, MAXQDA, NVivo,
    QualCoder and Taguette."""
    from bottleneck_briefs.basics.atomic_write import write_atomically
    from bottleneck_briefs.briefs.formats.office_files import UnwritableTextError
    from bottleneck_briefs.briefs.formats.refi_codebook import codebook_xml, facet_value_count

    if target.suffix.lower() != ".qdc":
        raise click.BadParameter(
            f"'{target}' does not end in .qdc, the REFI-QDA codebook's suffix", param_hint="'FILE'"
        )
    corpus = load_or_exit(corpus_dir)
    try:
        write_atomically(target, codebook_xml(corpus.codebook, language))
    except UnwritableTextError as error:
        raise click.ClickException(f"{error}; nothing was written") from None
    except OSError as error:
        raise click.ClickException(f"cannot write {target}: {error.strerror or error}; nothing was written") from None
    click.echo(
        f"{target}: {len(corpus.codebook.themes)} themes and {facet_value_count(corpus.codebook)} facet values "
        "as REFI-QDA codes"
    )


for command in (
    editor_commands.edition,
    editor_commands.editions,
    editor_commands.schema,
    editor_commands.fmt,
    editor_commands.import_statements,
    editor_commands.stats,
    editor_commands.serve,
    site_command.site,
):
    main.add_command(command)
for command in (editor_commands.import_coding, editor_commands.agreement):
    main.add_command(command)
export.add_command(editor_commands.export_coding_sheet)


def run(**options: Any) -> None:
    """Run the command line as a program (`python -m`): it ends with the command's own exit status."""
    from bottleneck_briefs.basics.interrupts import forget_interrupt_ended_exec

    try:
        main(**options)
    finally:
        forget_interrupt_ended_exec()
