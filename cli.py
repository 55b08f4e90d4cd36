"""The `bottlenecks` command line: it parses arguments and delegates."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bottleneck_briefs import __version__
from bottleneck_briefs.basics.names import (
    DEFAULT_CORPUS,
    DEFAULT_OUTPUT_DIR,
    DEFAULT_PDF_VARIANT,
    DEFAULT_TEMPLATES,
    PDF_VARIANTS,
)
from bottleneck_briefs.briefs.output_formats import (
    ALIASES,
    FORMATS,
    UnknownFormat,
    parse_formats,
)


def existing_corpus(ctx, param, folder: Path) -> Path:
    """Every command names a missing corpus folder the same way: its full path, and --corpus (exit 1)."""
    if not folder.is_dir():
        from bottleneck_briefs.corpus.loading import missing_folder_problem

        click.echo(missing_folder_problem(folder).format(), err=True)
        ctx.exit(1)
    return folder


CORPUS_OPTION = click.option(
    "--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path(DEFAULT_CORPUS), show_default=True,
    callback=existing_corpus, help="Folder with the codebook and the statement files.",
)


def valid_date(ctx, param, value: str | None) -> str | None:
    """--date as YYYY-MM-DD, refused while parsing (exit 2) with the form it wants."""
    from bottleneck_briefs.briefs.brief_date import BriefDateError, parse_date

    try:
        return None if value is None else parse_date(value).isoformat()
    except BriefDateError as error:
        raise click.BadParameter(f"{error}, e.g. 2025-01-31 for 31 January 2025") from None


def load_or_exit(corpus_dir: Path, refusal: str = ""):
    """Load the corpus; on errors print them (file:line:col) and `refusal`, and exit 1."""
    from bottleneck_briefs.corpus.loading import load_corpus
    from bottleneck_briefs.editing.terminal import problem_report

    result = load_corpus(corpus_dir)
    if result.corpus is None:
        click.echo(problem_report(result.problems, result.file_count) + (f": {refusal}" if refusal else ""), err=True)
        sys.exit(1)
    for problem in result.problems:
        click.echo(problem.format(), err=True)
    return result.corpus


def hold_corpus_lock(corpus_dir: Path) -> None:
    """One writer of the corpus at a time (basics/corpus_lock): held until the command ends; read after this."""
    from bottleneck_briefs.basics.corpus_lock import CorpusLocked, corpus_lock

    try:
        click.get_current_context().with_resource(corpus_lock(corpus_dir))
    except CorpusLocked as error:
        raise click.ClickException(str(error)) from None


def shown_path(path: Path) -> Path:
    """A path as a user would type it here: relative to the working folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return Path(path)


def selection_options(command):
    """--doelgroep, --partij, --uitbuitingsvorm, --combine and --brief: the selections of `report` and `list`."""
    for option in reversed([
        click.option("--brief", "brief_names", multiple=True, metavar="NAME",
                     help="A brief composed in briefs/NAME.yaml; repeat for several."),
        click.option("--doelgroep", multiple=True, help="Only statements naming this target group (repeat: any)."),
        click.option("--partij", "partijen", multiple=True, help="Only statements naming this party (repeat: any)."),
        click.option("--uitbuitingsvorm", multiple=True,
                     help="Only statements on this form of exploitation (repeat: any)."),
        click.option("--combine", is_flag=True, help="One brief about all --theme options instead of one per theme."),
    ]):
        command = option(command)
    return command


def resolve_briefs_or_exit(corpus, slugs, brief_names, facets, combine, name=None, listing=False):
    """The theme slugs and the command-line selection asked for; a mistake is a usage error (exit 2)."""
    from bottleneck_briefs.briefs.command_line_briefs import UsageProblem, resolve

    try:
        return resolve(corpus, slugs, facets, combine, name, brief_names, listing=listing)
    except UsageProblem as problem:
        raise click.BadParameter(str(problem), param_hint=f"'{problem.option}'") from None


def require_edition(corpus, name: str) -> None:
    known = [edition.edition for edition in corpus.editions]
    if name not in known:
        from bottleneck_briefs.corpus.schema_errors import did_you_mean

        listing = f"Recorded editions: {', '.join(known)}" if known else \
            "No edition is recorded yet: record one with `bottlenecks edition NAME`"
        raise click.BadParameter(f"unknown edition '{name}'{did_you_mean(name, known)}\n{listing}",
                                 param_hint="'--since'")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bottlenecks")
def main() -> None:
    """Themed policy briefs from the curated bottleneck statements ("knelpunten")."""


@main.command()
@click.option("--no-cache", is_flag=True, help="Validate in full even when this very corpus was found clean before.")
@CORPUS_OPTION
def check(no_cache: bool, corpus_dir: Path) -> None:
    """Validate every YAML file of the corpus and report all problems."""
    from bottleneck_briefs.corpus.check_cache import (
        check_key,
        remember_report,
        remembered_report,
    )

    key = None if no_cache else check_key(corpus_dir)
    summary = remembered_report(key)  # the same bytes were found clean by this same program
    if summary is None:
        from bottleneck_briefs.corpus.loading import load_corpus
        from bottleneck_briefs.editing.terminal import problem_report

        result = load_corpus(corpus_dir)
        if result.problems:
            click.echo(problem_report(result.problems, result.file_count), err=True)
        if result.corpus is None:
            sys.exit(1)
        corpus = result.corpus
        summary = f"{len(corpus.statements)} statements, {len(corpus.codebook.themes)} themes in {corpus.file_count} files"
        if not result.problems:  # warnings are shown fresh every time, so only a silent run is remembered
            remember_report(key, summary)
    click.echo(f"{corpus_dir}: {summary}: OK")


@main.command()
@CORPUS_OPTION
def themes(corpus_dir: Path) -> None:
    """List the themes: slug, title and number of statements."""
    from bottleneck_briefs.editing.terminal import themes_table

    click.echo(themes_table(load_or_exit(corpus_dir)))


@main.command(name="list")
@click.option("--theme", "slugs", multiple=True, help="Theme slug or title, e.g. financiering; repeat for several.")
@selection_options
@CORPUS_OPTION
def list_statements(slugs: tuple[str, ...], brief_names: tuple[str, ...], doelgroep: tuple[str, ...],
                    partijen: tuple[str, ...], uitbuitingsvorm: tuple[str, ...], combine: bool,
                    corpus_dir: Path) -> None:
    """Show the statements of a theme, a brief file or a selection (the options of `report`)."""
    from bottleneck_briefs.editing.terminal import selection_list, statement_list

    if not slugs and not brief_names and not (doelgroep or partijen or uitbuitingsvorm):
        raise click.UsageError("name a theme with --theme, a brief file with --brief, or a facet filter")
    corpus = load_or_exit(corpus_dir)
    facets = {"doelgroep": doelgroep, "partijen": partijen, "uitbuitingsvorm": uitbuitingsvorm}
    # listing several themes shows them together, as --combine does
    asked = resolve_briefs_or_exit(corpus, slugs, brief_names, facets, combine or len(slugs) > 1, listing=True)
    parts = [statement_list(corpus, slug) for slug in asked.slugs]
    parts += [selection_list(corpus, corpus.briefs[name]) for name in dict.fromkeys(brief_names)]
    parts += [selection_list(corpus, asked.selection)] if asked.selection else []
    click.echo("\n\n".join(parts))


# --- briefs: report ----------------------------------------------------------------------------

FORMAT_NAMES = [*FORMATS, *ALIASES]


def _templates_folder(ctx, param, folder: Path | None) -> Path | None:
    """--templates: a folder with the templates the user changed (the rest are the bundled ones)."""
    from bottleneck_briefs.briefs.template_folders import TemplatesFolderProblem, check_templates_folder

    if folder is not None:
        try:
            check_templates_folder(folder)
        except TemplatesFolderProblem as error:
            raise click.BadParameter(str(error)) from None
    return folder


TEMPLATES_HELP = "Folder with the templates, stylesheets or fonts you changed; the rest are the bundled ones."


def _formats(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    try:
        return parse_formats(values)
    except UnknownFormat as error:
        raise click.BadParameter(str(error)) from None


@main.command()
@click.option("--theme", "slugs", multiple=True,
              help="Theme slug or title, e.g. financiering; repeat for several briefs (or --combine for one).")
@selection_options
@click.option("--name", "brief_name", default=None, metavar="NAME",
              help="File name of the brief made by --combine or a facet filter (default: its values, e.g. "
                   "opvang-zorg).")
@click.option("--overview", is_flag=True,
              help="Also write the overview of all themes, with figures: reports/overzicht.pdf and .html.")
@click.option("--all", "all_briefs", is_flag=True,
              help="Every theme's brief, every brief file's and the overview, in one run with the PDFs rendered "
                   "in parallel.")
@click.option("--format", "output_formats", multiple=True, callback=_formats, metavar="FORMAT[,FORMAT...]",
              help=f"Which files to write: {', '.join(FORMAT_NAMES)} (default: pdf,html); repeat or separate by commas.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), default=Path(DEFAULT_OUTPUT_DIR),
              show_default=True, help="Folder for the briefs (created if missing).")
@click.option("--pdf-variant", "pdf_variants", type=click.Choice(list(PDF_VARIANTS)), multiple=True,
              default=(DEFAULT_PDF_VARIANT,), show_default=True,
              help="pdf/ua-1: SLUG.pdf, tagged for accessibility, to publish; pdf/a-2a: SLUG.archief.pdf, "
                   "to archive (also tagged). Repeat for both.")
@click.option("--lang", "language", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the brief's labels, dates and numbers; en writes SLUG.en.pdf and .html. "
                   "Statements stay verbatim Dutch.")
@click.option("--date", "brief_date", metavar="YYYY-MM-DD", default=None, callback=valid_date,
              help="Date on the brief (default: SOURCE_DATE_EPOCH, else the corpus's last commit or change).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              callback=_templates_folder, help=TEMPLATES_HELP)
@click.option("--force", is_flag=True, help="Render every brief, also those that are up to date.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--since", "since", metavar="EDITION", default=None,
              help="Add an appendix of what changed since this recorded edition (see `bottlenecks editions`).")
@CORPUS_OPTION
def report(slugs: tuple[str, ...], brief_names: tuple[str, ...], doelgroep: tuple[str, ...], partijen: tuple[str, ...],
           uitbuitingsvorm: tuple[str, ...], combine: bool, brief_name: str | None, overview: bool, all_briefs: bool,
           output_formats: tuple[str, ...], output_dir: Path, pdf_variants: tuple[str, ...], language: str,
           brief_date: str | None, templates_dir: Path | None, force: bool, quiet: bool, since: str | None,
           corpus_dir: Path) -> None:
    """Write the brief of each theme (reports/SLUG.pdf and .html) and of each brief file (reports/NAME.pdf and .html).

    --doelgroep, --partij, --uitbuitingsvorm or --combine make one brief over a
    selection: its themes (any of them) and, per facet given, any of its values.

    A brief whose inputs (corpus, templates, options, program) did not change
    since it was written is left as it is ("up to date"); --force renders it anyway.
    """
    from dataclasses import replace

    from bottleneck_briefs.basics.atomic_write import remove_stale_temporaries
    from bottleneck_briefs.briefs.report_plan import ReportProblem, ReportRequest
    from bottleneck_briefs.briefs.report_progress import report_progress
    from bottleneck_briefs.briefs.report_run import run_report

    facets = {"doelgroep": doelgroep, "partijen": partijen, "uitbuitingsvorm": uitbuitingsvorm}
    selection = combine or any(facets.values())  # one brief over a selection (command_line_briefs.wants_selection)
    if not slugs and not brief_names and not selection and not overview and not all_briefs:
        raise click.UsageError("name a theme with --theme SLUG, ask for --overview, or --all for every brief "
                               "(or a brief file with --brief NAME)")
    if all_briefs and (slugs or brief_names or selection):
        raise click.UsageError("--all already writes every theme's and every brief file's brief; leave out --theme, "
                               "--brief and the filters")
    request = ReportRequest(slugs=slugs, briefs=brief_names, overview=overview, all_briefs=all_briefs,
                            output_formats=output_formats, output_dir=output_dir, pdf_variants=pdf_variants,
                            date=brief_date, force=force, language=language, since=since,
                            templates_dir=templates_dir or DEFAULT_TEMPLATES)

    def load(corpus_dir: Path):
        return load_or_exit(corpus_dir, refusal="nothing was written")

    def resolve(corpus, request: ReportRequest) -> ReportRequest:
        """Theme titles as slugs, the command-line selection; a mistake is a usage error (exit 2)."""
        asked = resolve_briefs_or_exit(corpus, request.slugs, request.briefs, facets, combine, brief_name)
        if request.since is not None:
            require_edition(corpus, request.since)
        return replace(request, slugs=asked.slugs, selection=asked.selection)

    remove_stale_temporaries(output_dir)  # what a run killed before its renames left behind
    with report_progress(quiet) as progress:
        try:
            # a command-line selection is only known once the corpus is loaded: no up-to-date answer before
            result = run_report(corpus_dir, request, load, progress, resolve, plan_first=not selection)
        except ReportProblem as error:
            raise click.ClickException(f"{error}\nnothing was written") from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    progress.summary(result)


# --- export: the corpus for other programs ----------------------------------------------------


@main.group()
def export() -> None:
    """Write the corpus in formats other programs read."""


@export.command(name="codebook")
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", "language", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the code names and descriptions, where the codebook has English ones.")
@CORPUS_OPTION
def export_codebook(target: Path, language: str, corpus_dir: Path) -> None:
    """Write the themes and facet values as a REFI-QDA codebook (FILE.qdc) for ATLAS.ti, MAXQDA, NVivo,
    QualCoder and Taguette."""
    from bottleneck_briefs.basics.atomic_write import write_atomically
    from bottleneck_briefs.briefs.refi_codebook import codebook_xml, facet_value_count

    if target.suffix.lower() != ".qdc":
        raise click.BadParameter(f"'{target}' does not end in .qdc, the REFI-QDA codebook's suffix",
                                 param_hint="'TARGET'")
    corpus = load_or_exit(corpus_dir)
    try:
        write_atomically(target, codebook_xml(corpus.codebook, language))
    except OSError as error:
        raise click.ClickException(f"cannot write {target}: {error.strerror or error}; nothing was written") from None
    click.echo(f"{target}: {len(corpus.codebook.themes)} themes and {facet_value_count(corpus.codebook)} facet values "
               "as REFI-QDA codes")


# --- editions: edition, editions ---------------------------------------------------------------


@main.command()
@click.argument("name")
@click.option("--date", "edition_day", metavar="YYYY-MM-DD", default=None, callback=valid_date,
              help="Date of the edition (default: SOURCE_DATE_EPOCH, else today).")
@CORPUS_OPTION
def edition(name: str, edition_day: str | None, corpus_dir: Path) -> None:
    """Record the corpus as edition NAME (bottlenecks/editions/NAME.yaml); never overwrites one."""
    import os

    from bottleneck_briefs.editing.edition_recording import (
        EditionProblem,
        edition_date,
        is_edition_name,
        record_edition,
    )

    if not is_edition_name(name):
        raise click.BadParameter(f"'{name}' is not an edition name: use lowercase letters, digits and hyphens, "
                                 "e.g. 2026-1", param_hint="'NAME'")
    try:
        day = edition_date(edition_day, dict(os.environ))
    except EditionProblem as error:
        raise click.BadParameter(str(error), param_hint="'--date'") from None
    try:
        recorded = record_edition(corpus_dir, name, day, load_or_exit)
    except EditionProblem as error:
        click.echo(f"{error}\nnothing was written", err=True)
        sys.exit(1)
    click.echo(f"{shown_path(recorded.path)}: edition {name} of {day.isoformat()}, "
               f"{len(recorded.edition.statements)} statements")


@main.command()
@CORPUS_OPTION
def editions(corpus_dir: Path) -> None:
    """List the recorded editions, oldest first, and whether the corpus still equals the newest."""
    from bottleneck_briefs.editing.terminal_editions import editions_table

    click.echo(editions_table(load_or_exit(corpus_dir)))


# --- editors' workflow: schema, fmt, import, stats, serve -------------------------------------


@main.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a schema file is missing or stale.")
@CORPUS_OPTION
def schema(check_only: bool, corpus_dir: Path) -> None:
    """Write the JSON Schemas for editors (generated from the data model and the codebook)."""
    from bottleneck_briefs.corpus.json_schema import (
        SCHEMA_FOLDER,
        load_codebook,
        schema_files,
    )
    from bottleneck_briefs.editing.terminal import problem_report

    if not check_only:
        hold_corpus_lock(corpus_dir)
    codebook, problems = load_codebook(corpus_dir)
    if codebook is None:
        click.echo(problem_report(problems, 1), err=True)
        sys.exit(1)
    stale = False
    for schema_file in schema_files(codebook, corpus_dir / SCHEMA_FOLDER):
        if schema_file.is_current():
            click.echo(f"{schema_file.path}: up to date")
        elif check_only:
            stale = True
            click.echo(f"{schema_file.path}: out of date with the codebook; run `bottlenecks schema`", err=True)
        else:
            try:
                schema_file.write()
            except OSError as error:
                click.echo(f"{schema_file.path}: cannot write: {error.strerror or error}; the file is unchanged",
                           err=True)
                sys.exit(1)
            click.echo(f"{schema_file.path}: written")
    sys.exit(1 if stale else 0)


@main.command()
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 and name the files that are not in canonical layout.")
@click.option("--diff", "show_diff", is_flag=True, help="Show what would change.")
@CORPUS_OPTION
def fmt(check_only: bool, show_diff: bool, corpus_dir: Path) -> None:
    """Rewrite the YAML files in the canonical layout, keeping comments (the data never changes)."""
    from bottleneck_briefs.editing.canonical_format import (
        format_corpus,
        unified_diff,
        write_result,
    )

    if not check_only:
        hold_corpus_lock(corpus_dir)
    results = format_corpus(corpus_dir)
    failed = differs = 0
    for result in results:
        for problem in result.problems:
            click.echo(problem.format(), err=True)
        failed += bool(result.problems)
        if not result.changed:
            continue
        differs += 1
        if show_diff:
            click.echo(unified_diff(result), nl=False)
        if check_only:
            click.echo(f"{result.name}: not in canonical layout; run `bottlenecks fmt`", err=True)
        else:
            try:
                write_result(result)
            except OSError as error:
                click.echo(f"{result.name}: cannot write: {error.strerror or error}; the file is unchanged", err=True)
                differs, failed = differs - 1, failed + 1
                continue
            click.echo(f"{result.name}: reformatted")
    verb = "would be reformatted" if check_only else "reformatted"
    click.echo(f"{len(results)} files: {differs} {verb}, {len(results) - differs - failed} unchanged"
               + (f", {failed} could not be formatted" if failed else ""), err=bool(failed or (check_only and differs)))
    sys.exit(1 if failed or (check_only and differs) else 0)


@main.command(name="import")
@click.argument("spreadsheet", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.option("--allow-duplicates", is_flag=True, help="Also import texts very similar to existing ones.")
@click.option("--sheet", default=None, help="Worksheet of an .xlsx file (default: the first).")
@CORPUS_OPTION
def import_statements(spreadsheet: Path, dry_run: bool, allow_duplicates: bool, sheet: str | None,
                      corpus_dir: Path) -> None:
    """Add statements from a spreadsheet (.csv or .xlsx), one per row.

    Columns (English or Dutch): text/tekst, themes/thema's, section/paragraaf,
    page/pagina, and optionally facets/facetten, note/noot, document/bron,
    doelgroep, partijen, uitbuitingsvorm. Nothing is written if any row is wrong.
    """
    from bottleneck_briefs.editing.import_progress import row_progress
    from bottleneck_briefs.editing.spreadsheet_import import (
        apply_plan,
        plan_import,
        statement_preview,
    )

    if not dry_run:
        hold_corpus_lock(corpus_dir)  # read, judge and write with no other writer in between
    corpus = load_or_exit(corpus_dir)
    with row_progress() as progress:
        plan = plan_import(spreadsheet, corpus, corpus_dir, allow_duplicates=allow_duplicates, sheet=sheet,
                           progress=progress)
    for problem in plan.problems + plan.skipped:
        click.echo(problem.format(), err=True)
    if plan.problems:
        click.echo(f"{len(plan.problems)} error{'s' if len(plan.problems) != 1 else ''}: nothing was imported",
                   err=True)
        sys.exit(1)
    if not dry_run and plan.additions:
        failures = apply_plan(plan, corpus_dir)
        if failures:
            click.echo("\n".join(failures + ["nothing was imported"]), err=True)
            sys.exit(1)
    for addition in plan.additions:
        click.echo(f"{'would add' if dry_run else 'added'} {addition.statement['id']} (row {addition.row}) "
                   f"to {addition.target}: {statement_preview(addition.statement)}")
    skipped = f", {len(plan.skipped)} skipped as duplicates" if plan.skipped else ""
    click.echo(f"{len(plan.additions)} statement{'s' if len(plan.additions) != 1 else ''} "
               f"{'would be ' if dry_run else ''}imported{skipped}")


@main.command()
@CORPUS_OPTION
def stats(corpus_dir: Path) -> None:
    """Statements per theme and per facet value, and which themes occur together."""
    from bottleneck_briefs.editing.statistics import statistics_report

    click.echo(statistics_report(load_or_exit(corpus_dir)))


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default is reachable from this computer only.")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              callback=_templates_folder, help=TEMPLATES_HELP + " Watched for changes.")
@CORPUS_OPTION
def serve(port: int, host: str, templates_dir: Path | None, corpus_dir: Path) -> None:
    """Live preview of the HTML briefs: re-rendered and reloaded on every save. Stop with Ctrl-C."""
    from bottleneck_briefs.briefs.brief_report import html_brief
    from bottleneck_briefs.editing.preview_server import (
        LOOPBACK_HOSTS,
        PreviewServer,
        PreviewState,
    )

    # the very renderer of `report --format html`, so the preview is the brief
    state = PreviewState(corpus_dir, templates_dir or DEFAULT_TEMPLATES, html_brief)
    preview = PreviewServer(state, host, port)
    try:
        server = preview.start(on_change=lambda names: click.echo(f"changed: {', '.join(names)}; reloading"))
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    if host not in LOOPBACK_HOSTS:
        click.echo(f"warning: listening on {host}: other computers can see the preview", err=True)
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"Preview on http://{shown_host}:{server.server_address[1]}/ (watching {corpus_dir} and "
               f"{shown_path(state.templates_dir)}); stop with Ctrl-C")
    preview.serve_until_interrupted()
    click.echo("stopped")


if __name__ == "__main__":
    main()
