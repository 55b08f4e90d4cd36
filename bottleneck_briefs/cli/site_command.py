"""`bottlenecks site`: the static website of the collection (the work is done in bottleneck_briefs/site/)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bottleneck_briefs.basics.names import LANGUAGES
from bottleneck_briefs.cli.options import (
    CORPUS_OPTION,
    load_or_exit,
    templates_option,
    valid_date,
)

DEFAULT_SITE_DIR = "site"


def base_url_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise click.BadParameter(f"'{value}' is not an address starting with https:// (or http://)")
    return value.rstrip("/") + "/" if value else None


@click.command(short_help="Write the static website of the collection.")
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(DEFAULT_SITE_DIR),
    metavar="DIR",
    show_default=True,
    help="Folder for the site; replaced whole, and only when the new site is complete.",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    callback=base_url_option,
    help="The site's address, e.g. https://example.org/knelpunten/, for canonical links and the dataset "
    "description (default: the publication's website). Links stay relative.",
)
@click.option(
    "--lang",
    "languages",
    type=click.Choice(LANGUAGES),
    multiple=True,
    default=("nl",),
    show_default=True,
    help="Languages of the site's labels; repeat for both. Dutch at the root, English under en/.",
)
@click.option(
    "--date",
    "site_date",
    metavar="YYYY-MM-DD",
    default=None,
    callback=valid_date,
    help="Date on the site (default: SOURCE_DATE_EPOCH, else the corpus's last commit or change).",
)
@templates_option()
@click.option("--no-search", is_flag=True, help="Leave out the search index (Pagefind).")
@click.option(
    "--pdf",
    "with_pdf",
    is_flag=True,
    help="Offer every brief's and note's PDF (tagged, PDF/UA) on its page too; WeasyPrint lays out every page, "
    "which takes minutes for thousands of statements.",
)
@CORPUS_OPTION
def site(
    output_dir: Path,
    base_url: str | None,
    languages: tuple[str, ...],
    site_date: str | None,
    templates_dir: Path | None,
    no_search: bool,
    with_pdf: bool,
    corpus_dir: Path,
) -> None:
    """Write the static website of the collection: a page per theme, brief and statement, the map, search and
    open data. Works from any folder and any static host."""
    from bottleneck_briefs.basics.interrupts import terminate_like_interrupt
    from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, DEFAULT_TEMPLATES
    from bottleneck_briefs.briefs.content.brief_date import BriefDateError, brief_date
    from bottleneck_briefs.site.page_cache import MANIFEST
    from bottleneck_briefs.site.search_index import SearchIndexError
    from bottleneck_briefs.site.site_build import SiteError, SiteRequest, build_site, site_inputs_key
    from bottleneck_briefs.site.site_intact import intact_site
    from bottleneck_briefs.site.site_requirements import site_requirements
    from bottleneck_briefs.site.site_writing import SiteWriteError, remove_stale_staging, write_site

    # the personal-data guard and every other error refuse here, before anything is built or written
    corpus = load_or_exit(corpus_dir, refusal="nothing was written")
    for problem in site_requirements(corpus_dir, corpus, base_url):
        click.echo(problem.format(), err=True)
    ordered = tuple(sorted(set(languages), key=lambda language: language != DEFAULT_LANGUAGE))
    try:
        day = brief_date(corpus_dir, site_date)
        request = SiteRequest(
            output_dir=output_dir,
            day=day,
            languages=ordered,
            base_url=base_url,
            templates_dir=templates_dir or DEFAULT_TEMPLATES,
            search=not no_search,
            pdf=with_pdf,
        )
        remove_stale_staging(output_dir)  # a killed run's leftovers, even when there is nothing to write
        intact = intact_site(output_dir, MANIFEST, site_inputs_key(corpus, request))
        if intact is not None:  # made from these very inputs and untouched since: nothing to build or write
            click.echo(
                f"{output_dir}: {intact.page_count} pages, {intact.file_count} files (0 written, "
                f"{intact.file_count} unchanged; {intact.page_count} pages not rendered anew, their inputs unchanged)"
            )
            return
        terminate_like_interrupt()  # a kill ends the workers and Pagefind and removes the scratch, as Ctrl-C does
        files = build_site(corpus, request)
        result = write_site(output_dir, files.files, files.taken, files.old_site)
    except (BriefDateError, SiteError, SearchIndexError, SiteWriteError) as error:
        click.echo(f"Error: {error}\nnothing was written", err=True)
        sys.exit(1)
    click.echo(
        f"{output_dir}: {files.page_count} pages, {len(files.files)} files "
        f"({result.written} written, {result.unchanged} unchanged; "
        f"{files.pages_reused} pages not rendered anew, their inputs unchanged; "
        f"{files.brief_files_reused} of {files.brief_file_count} brief files taken from the last build)"
    )


def serve_site(port: int, host: str, templates_dir: Path | None, corpus_dir: Path) -> None:
    """`bottlenecks serve --site`: the site built into a private folder, served, rebuilt on every save."""
    import signal

    from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
    from bottleneck_briefs.briefs.content.brief_date import BriefDateError, brief_date
    from bottleneck_briefs.editing.preview_server import LOOPBACK_HOSTS
    from bottleneck_briefs.site.site_preview import SitePreview

    templates = templates_dir or DEFAULT_TEMPLATES
    # the guard and every error refuse before a build; the load is stored now, for the preview's first build
    load_or_exit(corpus_dir, refusal="nothing is served", templates_dir=templates, serving=True)
    try:
        day = brief_date(corpus_dir, None)
    except BriefDateError as error:
        raise click.ClickException(str(error)) from None
    preview = SitePreview(corpus_dir, templates, day, ("nl",), say=lambda text: click.echo(text, err=True))
    try:
        server = preview.start(host, port)
    except OSError as error:
        preview.stop_building()
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    if host not in LOOPBACK_HOSTS:
        click.echo(f"warning: listening on {host}: other computers can see the preview", err=True)
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(
        f"Site preview on http://{shown_host}:{server.server_address[1]}/ (rebuilt when {corpus_dir} or the "
        "templates change); stop with Ctrl-C"
    )

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    click.echo("stopped")
