"""Plain-text views of the corpus for the terminal."""

from __future__ import annotations

import shutil
import textwrap

from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.models import Statement
from bottleneck_briefs.corpus.note_rules import annexed_ids
from bottleneck_briefs.corpus.problems import Problem, count
from bottleneck_briefs.corpus.selection import BriefSpec


def themes_table(corpus: Corpus) -> str:
    """One line per theme; then, after a blank line, one per brief file (`report --brief NAME`)."""
    width = max(len(theme.slug) for theme in corpus.codebook.themes)
    title_width = max(len(theme.title) for theme in corpus.codebook.themes)
    table = "\n".join(
        f"{theme.slug:<{width}}  {theme.title:<{title_width}}  {corpus.count_for(theme.slug):>3}"
        for theme in corpus.codebook.themes
    )
    table += f"\n\n{brief_files_table(corpus)}" if corpus.briefs else ""
    return table + (f"\n\n{notes_table(corpus)}" if corpus.notes else "")


def notes_table(corpus: Corpus) -> str:
    """One line per note (`report --note NAME`): name, kind, title, and how many statements it annexes."""
    specs = [corpus.notes[name] for name in sorted(corpus.notes)]
    width = max(len(spec.name) for spec in specs)
    kind_width = max(len(spec.kind) for spec in specs)
    lines = [
        f"{spec.name:<{width}}  {spec.kind:<{kind_width}}  {spec.front.title}  "
        f"({len(annexed_ids(spec, corpus.statements))})"
        for spec in specs
    ]
    return "\n".join(["Notes (report --note NAME):", *lines])


def brief_files_table(corpus: Corpus) -> str:
    specs = [corpus.briefs[name] for name in sorted(corpus.briefs)]
    width = max(len(spec.name) for spec in specs)
    title_width = max(len(spec.title) for spec in specs)
    lines = [
        f"{spec.name:<{width}}  {spec.title:<{title_width}}  {len(spec.selection.select(corpus.statements)):>3}"
        for spec in specs
    ]
    return "\n".join(["Brief files (report --brief NAME):", *lines])


def statement_block(corpus: Corpus, statement: Statement, width: int) -> str:
    section = statement.source.section
    header = f"{statement.id}  §{section}, p. {statement.source.page}  [{', '.join(statement.themes)}]"
    body = textwrap.fill(statement.text, width=width, initial_indent="    ", subsequent_indent="    ")
    lines = [header, body]
    if statement.note:
        lines.append(
            textwrap.fill("noot: " + statement.note, width=width, initial_indent="    ", subsequent_indent="          ")
        )
    return "\n".join(lines)


def statement_list(corpus: Corpus, slug: str) -> str:
    theme = corpus.theme(slug)
    if theme is None:
        raise ValueError(f"unknown theme '{slug}'")
    statements = corpus.statements_for(slug)
    width = min(shutil.get_terminal_size((88, 24)).columns, 100) - 1
    heading = f"{theme.title} ({slug}): {len(statements)} knelpunten"
    return "\n\n".join([heading] + [statement_block(corpus, statement, width) for statement in statements])


def selection_list(corpus: Corpus, spec: BriefSpec) -> str:
    """The statements a composed brief (a brief file or the command line's filters) holds."""
    statements = spec.selection.select(corpus.statements)
    width = min(shutil.get_terminal_size((88, 24)).columns, 100) - 1
    where = f" ({spec.file})" if spec.file else ""
    heading = f"{spec.title}{where}: {len(statements)} knelpunten"
    return "\n\n".join([heading] + [statement_block(corpus, statement, width) for statement in statements])


def note_list(corpus: Corpus, name: str) -> str:
    """The statements a note cites (in the order of first citation) and the others it annexes as evidence."""
    spec = corpus.notes[name]
    by_id = {statement.id: statement for statement in corpus.statements}
    annexed = annexed_ids(spec, corpus.statements)
    width = min(shutil.get_terminal_size((88, 24)).columns, 100) - 1
    parts = [
        f"{spec.front.title} ({spec.file}): {len(spec.cited)} cited, {len(annexed) - len(spec.cited)} more annexed"
    ]
    parts += [statement_block(corpus, by_id[statement_id], width) for statement_id in spec.cited]
    if len(annexed) > len(spec.cited):
        parts.append("Annexed as evidence, not cited:")
        parts += [statement_block(corpus, by_id[statement_id], width) for statement_id in annexed[len(spec.cited) :]]
    return "\n\n".join(parts)


def problem_report(problems: list[Problem], file_count: int) -> str:
    errors, warnings = count(problems)
    lines = [problem.format() for problem in problems]
    summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    lines.append(f"{summary} in {file_count} file{'s' if file_count != 1 else ''}")
    return "\n".join(lines)
