"""The editors' commands: edition, editions, schema, fmt, import, stats and serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
from bottleneck_briefs.cli.options import (
    CORPUS_OPTION,
    TEMPLATES_HELP,
    hold_corpus_lock,
    load_or_exit,
    shown_path,
    templates_option,
    valid_date,
)

# --- editions: edition, editions ---------------------------------------------------------------


@click.command(short_help="Record the corpus as an edition (editions/NAME.yaml).")
@click.argument("name")
@click.option(
    "--date",
    "edition_day",
    metavar="YYYY-MM-DD",
    default=None,
    callback=valid_date,
    help="Date of the edition (default: SOURCE_DATE_EPOCH, else today).",
)
@CORPUS_OPTION
def edition(name: str, edition_day: str | None, corpus_dir: Path) -> None:
    """Record the corpus as edition NAME (bottlenecks/editions/NAME.yaml); never overwrites one."""
    import os

    from bottleneck_briefs.editing.edition_recording import (
        EditionError,
        edition_date,
        is_edition_name,
        record_edition,
    )

    if not is_edition_name(name):
        raise click.BadParameter(
            f"'{name}' is not an edition name: use lowercase letters, digits and hyphens, e.g. 2026-1",
            param_hint="'NAME'",
        )
    try:
        day = edition_date(edition_day, dict(os.environ))
    except EditionError as error:
        raise click.BadParameter(str(error), param_hint="'--date'") from None
    try:
        recorded = record_edition(corpus_dir, name, day, load_or_exit)
    except EditionError as error:
        click.echo(f"{error}\nnothing was written", err=True)
        sys.exit(1)
    click.echo(
        f"{shown_path(recorded.path)}: edition {name} of {day.isoformat()}, "
        f"{len(recorded.edition.statements)} statements"
    )


@click.command(short_help="List the recorded editions, oldest first.")
@CORPUS_OPTION
def editions(corpus_dir: Path) -> None:
    """List the recorded editions, oldest first, and whether the corpus still equals the newest."""
    from bottleneck_briefs.editing.terminal_editions import editions_table

    click.echo(editions_table(load_or_exit(corpus_dir)))


# --- editors' workflow: schema, fmt, import, stats, serve -------------------------------------


@click.command(short_help="Write the JSON Schemas editors' YAML extensions use.")
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
                click.echo(
                    f"{schema_file.path}: cannot write: {error.strerror or error}; the file is unchanged", err=True
                )
                sys.exit(1)
            click.echo(f"{schema_file.path}: written")
    sys.exit(1 if stale else 0)


@click.command(short_help="Put the YAML files in the canonical layout.")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 and name the files that are not in canonical layout.",
)
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
    click.echo(
        f"{len(results)} files: {differs} {verb}, {len(results) - differs - failed} unchanged"
        + (f", {failed} could not be formatted" if failed else ""),
        err=bool(failed or (check_only and differs)),
    )
    sys.exit(1 if failed or (check_only and differs) else 0)


@click.command(name="import", short_help="Add statements from a spreadsheet (.csv, .xlsx or .ods).")
@click.argument("spreadsheet", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.option("--allow-duplicates", is_flag=True, help="Also import texts very similar to existing ones.")
@click.option("--sheet", default=None, metavar="NAME", help="Worksheet of an .xlsx file (default: the first).")
@CORPUS_OPTION
def import_statements(
    spreadsheet: Path, dry_run: bool, allow_duplicates: bool, sheet: str | None, corpus_dir: Path
) -> None:
    """Add statements from a spreadsheet (.csv or .xlsx), one per row.

    Columns (English or Dutch): text/tekst, themes/thema's, section/paragraaf,
    page/pagina, and optionally facets/facetten, note/noot, document/bron,
    and a column per facet of the codebook (its slug or label, e.g. doelgroep,
    partijen). Nothing is written if any row is wrong.
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
        plan = plan_import(
            spreadsheet, corpus, corpus_dir, allow_duplicates=allow_duplicates, sheet=sheet, progress=progress
        )
    for problem in plan.problems + plan.skipped:
        click.echo(problem.format(), err=True)
    if plan.problems:
        click.echo(
            f"{len(plan.problems)} error{'s' if len(plan.problems) != 1 else ''}: nothing was imported", err=True
        )
        sys.exit(1)
    if not dry_run and plan.additions:
        failures = apply_plan(plan, corpus_dir)
        if failures:
            click.echo("\n".join([*failures, "nothing was imported"]), err=True)
            sys.exit(1)
    for addition in plan.additions:
        click.echo(
            f"{'would add' if dry_run else 'added'} {addition.statement['id']} (row {addition.row}) "
            f"to {addition.target}: {statement_preview(addition.statement)}"
        )
    skipped = f", {len(plan.skipped)} skipped as duplicates" if plan.skipped else ""
    click.echo(
        f"{len(plan.additions)} statement{'s' if len(plan.additions) != 1 else ''} "
        f"{'would be ' if dry_run else ''}imported{skipped}"
    )


@click.command(short_help="Statements per theme and facet value; themes together.")
@CORPUS_OPTION
def stats(corpus_dir: Path) -> None:
    """Statements per theme and per facet value, and which themes occur together."""
    from bottleneck_briefs.editing.statistics import statistics_report

    click.echo(statistics_report(load_or_exit(corpus_dir)))


@click.command(short_help="Live preview of the HTML briefs while you edit.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    metavar="PORT",
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDRESS",
    help="Address to bind; the default is reachable from this computer only.",
)
@templates_option(TEMPLATES_HELP + " Watched for changes.")
@click.option(
    "--site",
    "whole_site",
    is_flag=True,
    help="Preview the static website (`bottlenecks site`) instead, rebuilt on every save.",
)
@CORPUS_OPTION
def serve(port: int, host: str, templates_dir: Path | None, whole_site: bool, corpus_dir: Path) -> None:
    """Live preview of the HTML briefs: re-rendered and reloaded on every save. Stop with Ctrl-C."""
    if whole_site:
        from bottleneck_briefs.cli.site_command import serve_site

        serve_site(port, host, templates_dir, corpus_dir)
        return
    from bottleneck_briefs.briefs.run.brief_report import html_brief
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
    click.echo(
        f"Preview on http://{shown_host}:{server.server_address[1]}/ (watching {corpus_dir} and "
        f"{shown_path(state.templates_dir)}); stop with Ctrl-C"
    )
    preview.serve_until_interrupted()
    click.echo("stopped")


# --- a second coding: export coding-sheet, import-coding, agreement ----------------------------


@click.command(name="coding-sheet", short_help="Write a coding sheet for a second coder.")
@click.argument("target", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@CORPUS_OPTION
def export_coding_sheet(target: Path, corpus_dir: Path) -> None:
    """Write a coding sheet for a second coder (FILE.xlsx, FILE.ods or FILE.csv): every statement, a column per theme
    and per facet to fill in, and (in .xlsx and .ods) the codebook on a second sheet."""
    from bottleneck_briefs.editing.coding_sheet import coding_sheet
    from bottleneck_briefs.editing.coding_sheet_files import SHEET_SUFFIXES, write_sheet

    if target.suffix.lower() not in SHEET_SUFFIXES:
        raise click.BadParameter(f"'{target}' does not end in {' or '.join(SHEET_SUFFIXES)}", param_hint="'FILE'")
    corpus = load_or_exit(corpus_dir)
    sheet = coding_sheet(corpus)
    try:
        write_sheet(sheet, target)
    except OSError as error:
        raise click.ClickException(f"cannot write {target}: {error.strerror or error}; nothing was written") from None
    codebook = (
        ""
        if target.suffix.lower() != ".csv"
        else "; a CSV file has one sheet: give the coder the codebook too (the .xlsx or .ods sheet carries it)"
    )
    click.echo(f"{target}: {len(sheet.rows)} statements to code, {len(corpus.codebook.themes)} theme columns{codebook}")


@click.command(name="import-coding", short_help="Read a second coder's filled-in coding sheet.")
@click.argument("sheet_file", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--name",
    "name",
    required=True,
    metavar="NAME",
    help="Name of the coding: written to codings/NAME.yaml, compared by `agreement NAME`.",
)
@click.option(
    "--coder",
    default="Tweede codeur",
    show_default=True,
    metavar="ROLE",
    help="Who coded, as a role, never a person's name.",
)
@click.option(
    "--date",
    "coding_day",
    metavar="YYYY-MM-DD",
    default=None,
    callback=valid_date,
    help="When the sheet was coded (default: SOURCE_DATE_EPOCH, else today).",
)
@click.option("--replace", is_flag=True, help="Replace an earlier coding of this name.")
@CORPUS_OPTION
def import_coding(
    sheet_file: Path, name: str, coder: str, coding_day: str | None, replace: bool, corpus_dir: Path
) -> None:
    """Read a filled-in coding sheet (.xlsx, .ods or .csv) into codings/NAME.yaml; nothing is written if any row is
    wrong."""
    import os

    from bottleneck_briefs.corpus.coding_rules import coding_name_problem
    from bottleneck_briefs.editing.coding_import import CodingImportError, sheet_coding, write_coding
    from bottleneck_briefs.editing.edition_recording import edition_date

    if (reason := coding_name_problem(name)) is not None:
        raise click.BadParameter(reason, param_hint="'--name'")
    day = coding_day or edition_date(None, dict(os.environ)).isoformat()
    hold_corpus_lock(corpus_dir)  # read, judge and write with no other writer in between
    corpus = load_or_exit(corpus_dir)
    coding, _, left_out, problems = sheet_coding(sheet_file, corpus, coder, day)
    for problem in problems:
        click.echo(problem.format(), err=True)
    errors = sum(problem.is_error for problem in problems)
    if coding is None or errors:
        click.echo(f"{errors} error{'s' if errors != 1 else ''}: nothing was imported", err=True)
        sys.exit(1)
    try:
        path = write_coding(corpus_dir, name, coding, replace)
    except CodingImportError as error:
        click.echo(f"{error}\nnothing was imported", err=True)
        sys.exit(1)
    skipped = f"; {left_out} left empty (not coded, not counted)" if left_out else ""
    click.echo(
        f"{shown_path(path)}: {len(coding.statements)} statements coded by {coder}{skipped}; "
        f"compare with `bottlenecks agreement {name}`"
    )


@click.command(short_help="Agreement of a second coding with the corpus (kappa).")
@click.argument("name")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="text: a table for the terminal; csv: one row per code; json: everything.",
)
@CORPUS_OPTION
def agreement(name: str, output_format: str, corpus_dir: Path) -> None:
    """Agreement of the second coding NAME with the corpus's coding: Cohen's kappa per theme and facet value,
    Krippendorff's alpha of the theme sets, and every statement coded differently."""
    corpus = load_or_exit(corpus_dir)  # first: it reads in a second process while this one imports the rest
    from bottleneck_briefs.corpus.coding_comparison import compare
    from bottleneck_briefs.corpus.schema_errors import did_you_mean
    from bottleneck_briefs.editing.agreement_report import agreement_report

    if name not in corpus.codings:
        known = sorted(corpus.codings)
        listing = (
            f"Recorded codings: {', '.join(known)}"
            if known
            else "No coding is recorded yet: see `bottlenecks export coding-sheet` and `bottlenecks import-coding`"
        )
        raise click.BadParameter(f"unknown coding '{name}'{did_you_mean(name, known)}\n{listing}", param_hint="'NAME'")
    comparison = compare(name, corpus.codings[name], corpus.codebook, corpus.statements)
    click.echo(agreement_report(comparison, output_format), nl=output_format == "text")
