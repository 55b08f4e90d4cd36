"""Plain-text views of the corpus for the terminal."""

from __future__ import annotations

import shutil
import textwrap

from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Statement
from bottleneck_briefs.corpus.problems import Problem, count


def themes_table(corpus: Corpus) -> str:
    width = max(len(theme.slug) for theme in corpus.codebook.themes)
    title_width = max(len(theme.title) for theme in corpus.codebook.themes)
    return "\n".join(
        f"{theme.slug:<{width}}  {theme.title:<{title_width}}  {corpus.count_for(theme.slug):>3}"
        for theme in corpus.codebook.themes
    )


def statement_block(corpus: Corpus, statement: Statement, width: int) -> str:
    section = statement.source.section
    header = f"{statement.id}  §{section}, p. {statement.source.page}  [{', '.join(statement.themes)}]"
    body = textwrap.fill(statement.text, width=width, initial_indent="    ", subsequent_indent="    ")
    lines = [header, body]
    if statement.note:
        lines.append(textwrap.fill("noot: " + statement.note, width=width,
                                   initial_indent="    ", subsequent_indent="          "))
    return "\n".join(lines)


def statement_list(corpus: Corpus, slug: str) -> str:
    theme = corpus.theme(slug)
    if theme is None:
        raise ValueError(f"unknown theme '{slug}'")
    statements = corpus.statements_for(slug)
    width = min(shutil.get_terminal_size((88, 24)).columns, 100) - 1
    heading = f"{theme.title} ({slug}): {len(statements)} knelpunten"
    return "\n\n".join([heading] + [statement_block(corpus, statement, width) for statement in statements])


def problem_report(problems: list[Problem], file_count: int) -> str:
    errors, warnings = count(problems)
    lines = [problem.format() for problem in problems]
    summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    lines.append(f"{summary} in {file_count} file{'s' if file_count != 1 else ''}")
    return "\n".join(lines)
