"""The `bottlenecks` command line: it parses arguments and delegates."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bottleneck_briefs import __version__

CORPUS_OPTION = click.option(
    "--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path("bottlenecks"), show_default=True,
    help="Folder with the codebook and the statement files.",
)


def load_or_exit(corpus_dir: Path):
    """Load the corpus; on errors print them (file:line:col) and exit 1."""
    from bottleneck_briefs.corpus import load_corpus
    from bottleneck_briefs.terminal import problem_report

    result = load_corpus(corpus_dir)
    if result.corpus is None:
        click.echo(problem_report(result.problems, result.file_count), err=True)
        sys.exit(1)
    for problem in result.problems:
        click.echo(problem.format(), err=True)
    return result.corpus


def require_theme(corpus, slug: str) -> None:
    if corpus.theme(slug) is None:
        from bottleneck_briefs.schema_errors import did_you_mean

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
@CORPUS_OPTION
def check(corpus_dir: Path) -> None:
    """Validate every YAML file of the corpus and report all problems."""
    from bottleneck_briefs.corpus import load_corpus
    from bottleneck_briefs.terminal import problem_report

    result = load_corpus(corpus_dir)
    if result.problems:
        click.echo(problem_report(result.problems, result.file_count), err=True)
    if result.corpus is None:
        sys.exit(1)
    corpus = result.corpus
    click.echo(f"{corpus_dir}: {len(corpus.statements)} statements, {len(corpus.codebook.themes)} themes "
               f"in {corpus.file_count} files: OK")


@main.command()
@CORPUS_OPTION
def themes(corpus_dir: Path) -> None:
    """List the themes: slug, title and number of statements."""
    from bottleneck_briefs.terminal import themes_table

    click.echo(themes_table(load_or_exit(corpus_dir)))


@main.command(name="list")
@click.option("--theme", "slug", required=True, help="Theme slug, e.g. financiering.")
@CORPUS_OPTION
def list_statements(slug: str, corpus_dir: Path) -> None:
    """Show the statements of one theme."""
    from bottleneck_briefs.terminal import statement_list

    corpus = load_or_exit(corpus_dir)
    require_theme(corpus, slug)
    click.echo(statement_list(corpus, slug))


if __name__ == "__main__":
    main()
