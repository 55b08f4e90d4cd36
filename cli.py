"""The `bottlenecks` command line: it parses arguments and delegates."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bottleneck_briefs import __version__
from bottleneck_briefs.basics.names import DEFAULT_CORPUS, DEFAULT_OUTPUT_DIR, DEFAULT_PDF_VARIANT, PDF_VARIANTS
from bottleneck_briefs.briefs.output_formats import (
    ALIASES,
    FORMATS,
    UnknownFormat,
    parse_formats,
)

CORPUS_OPTION = click.option(
    "--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path(DEFAULT_CORPUS), show_default=True,
    help="Folder with the codebook and the statement files.",
)


def load_or_exit(corpus_dir: Path):
    """Load the corpus; on errors print them (file:line:col) and exit 1."""
    from bottleneck_briefs.corpus.loading import load_corpus
    from bottleneck_briefs.editing.terminal import problem_report

    result = load_corpus(corpus_dir)
    if result.corpus is None:
        click.echo(problem_report(result.problems, result.file_count), err=True)
        sys.exit(1)
    for problem in result.problems:
        click.echo(problem.format(), err=True)
    return result.corpus


def shown_path(path: Path) -> Path:
    """A path as a user would type it here: relative to the working folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return Path(path)


def require_theme(corpus, slug: str) -> None:
    if corpus.theme(slug) is None:
        from bottleneck_briefs.corpus.schema_errors import did_you_mean

        known = [theme.slug for theme in corpus.codebook.themes]
        raise click.BadParameter(
            f"unknown theme '{slug}'{did_you_mean(slug, known)}\nAvailable themes: {', '.join(known)}",
            param_hint="'--theme'",
        )


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
@click.option("--theme", "slug", required=True, help="Theme slug, e.g. financiering.")
@CORPUS_OPTION
def list_statements(slug: str, corpus_dir: Path) -> None:
    """Show the statements of one theme."""
    from bottleneck_briefs.editing.terminal import statement_list

    corpus = load_or_exit(corpus_dir)
    require_theme(corpus, slug)
    click.echo(statement_list(corpus, slug))


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
              help="Theme slug, e.g. financiering; repeat for several briefs.")
@click.option("--overview", is_flag=True,
              help="Also write the overview of all themes, with figures: reports/overzicht.pdf and .html.")
@click.option("--all", "all_briefs", is_flag=True,
              help="Every theme's brief and the overview, in one run with the PDFs rendered in parallel.")
@click.option("--format", "output_formats", multiple=True, callback=_formats, metavar="FORMAT[,FORMAT...]",
              help=f"Which files to write: {', '.join(FORMAT_NAMES)} (default: pdf,html); repeat or separate by commas.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), default=Path(DEFAULT_OUTPUT_DIR),
              show_default=True, help="Folder for the briefs (created if missing).")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=DEFAULT_PDF_VARIANT,
              show_default=True, help="pdf/ua-1: tagged for accessibility; pdf/a-3b: for archiving (also tagged).")
@click.option("--lang", "language", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the brief's labels, dates and numbers; en writes SLUG.en.pdf and .html. "
                   "Statements stay verbatim Dutch.")
@click.option("--date", "brief_date", metavar="YYYY-MM-DD", default=None,
              help="Date on the brief (default: SOURCE_DATE_EPOCH, else the corpus's last commit or change).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              callback=_templates_folder, help=TEMPLATES_HELP)
@click.option("--force", is_flag=True, help="Render every brief, also those that are up to date.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@CORPUS_OPTION
def report(slugs: tuple[str, ...], overview: bool, all_briefs: bool, output_formats: tuple[str, ...], output_dir: Path, pdf_variant: str,
           language: str, brief_date: str | None, templates_dir: Path | None, force: bool, quiet: bool, corpus_dir: Path) -> None:
    """Write the brief of each theme: reports/SLUG.pdf and reports/SLUG.html.

    A brief whose inputs (corpus, templates, options, program) did not change
    since it was written is left as it is ("up to date"); --force renders it anyway.
    """
    from bottleneck_briefs.briefs.report_plan import ReportProblem, ReportRequest
    from bottleneck_briefs.briefs.report_progress import report_progress
    from bottleneck_briefs.briefs.report_run import run_report

    if not slugs and not overview and not all_briefs:
        raise click.UsageError("name a theme with --theme SLUG, ask for --overview, or --all for every brief")
    if all_briefs and slugs:
        raise click.UsageError("--all already writes every theme's brief; leave out --theme")
    request = ReportRequest(slugs=slugs, overview=overview, all_briefs=all_briefs, output_formats=output_formats,
                            output_dir=output_dir, pdf_variant=pdf_variant, date=brief_date, force=force,
                            language=language,
                            **({"templates_dir": templates_dir} if templates_dir else {}))

    def load(corpus_dir: Path):
        corpus = load_or_exit(corpus_dir)
        for slug in slugs:
            require_theme(corpus, slug)
        return corpus

    with report_progress(quiet) as progress:
        try:
            result = run_report(corpus_dir, request, load, progress)
        except ReportProblem as error:
            raise click.ClickException(f"{error}\nnothing was written") from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    progress.summary(result)


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
    from bottleneck_briefs.editing.spreadsheet_import import (
        apply_plan,
        plan_import,
        statement_preview,
    )

    corpus = load_or_exit(corpus_dir)
    plan = plan_import(spreadsheet, corpus, corpus_dir, allow_duplicates=allow_duplicates, sheet=sheet)
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
    from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
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
