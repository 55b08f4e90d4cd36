"""What `report` and `list` were asked for on the command line, resolved against the corpus.

`--theme` and the facet options take slugs, titles or labels in any case
("Financiering", "Zorg en hulpverlening"), as brief files do. A facet filter
or `--combine` makes one brief over the selection (named by `--name`, or by
its values); several `--theme` alone stay one brief per theme. Mistakes are
UsageProblems: the command line reports them with exit status 2, before
anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from bottleneck_briefs.briefs.content.selection_words import selection_title
from bottleneck_briefs.corpus.brief_file_rules import brief_name_problem
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.schema_errors import did_you_mean
from bottleneck_briefs.corpus.selection import BriefSpec, Selection, selection_of
from bottleneck_briefs.corpus.vocabulary_lookup import Vocabulary


class OptionUsageError(ValueError):
    def __init__(self, option: str, message: str):
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class CommandLineBriefs:
    slugs: tuple[str, ...]  # one theme brief each
    selection: BriefSpec | None  # one brief over a selection


def wants_selection(facets: dict[str, tuple[str, ...]], combine: bool) -> bool:
    return combine or any(facets.values())


def theme_slugs(corpus: Corpus, written: tuple[str, ...]) -> list[str]:
    vocabulary = Vocabulary(corpus.codebook)
    slugs = []
    for value in written:
        slug = vocabulary.theme(value)
        if slug is None:
            raise OptionUsageError(
                "--theme",
                f"unknown theme '{value}'"
                f"{did_you_mean(value.casefold(), vocabulary.theme_slugs)}\n"
                f"Available themes: {', '.join(vocabulary.theme_slugs)}",
            )
        slugs.append(slug)
    return list(dict.fromkeys(slugs))


def facet_slugs(corpus: Corpus, facet: str, written: tuple[str, ...]) -> list[str]:
    vocabulary = Vocabulary(corpus.codebook)
    slugs = []
    for value in written:
        slug = vocabulary.facet_value(facet, value)
        if slug is None:
            known = vocabulary.facet_slugs[facet]
            raise OptionUsageError(
                corpus.codebook.facet(facet).command_option,
                f"unknown {facet} value '{value}'"
                f"{did_you_mean(value.casefold(), known)}\n"
                f"Available: {', '.join(known)}",
            )
        slugs.append(slug)
    return list(dict.fromkeys(slugs))


def resolve(
    corpus: Corpus,
    themes: tuple[str, ...],
    facets: dict[str, tuple[str, ...]],
    combine: bool,
    name: str | None,
    briefs: tuple[str, ...] = (),
    listing: bool = False,
) -> CommandLineBriefs:
    """The theme briefs and the one selection brief the options ask for. Raises OptionUsageError.

    `listing`: for `list`, which writes no files, so the selection needs no name."""
    for brief in briefs:
        if brief not in corpus.briefs:
            known = sorted(corpus.briefs)
            raise OptionUsageError(
                "--brief",
                f"unknown brief '{brief}'{did_you_mean(brief, known)}\n"
                f"Brief files: {', '.join(known) or 'none'} (in briefs/NAME.yaml)",
            )
    slugs = theme_slugs(corpus, themes)
    if not wants_selection(facets, combine):
        if name is not None and not listing:
            filters = ", ".join(facet.command_option for facet in corpus.codebook.facets)
            raise OptionUsageError(
                "--name", f"--name names a combined brief: use it with --combine or a facet filter ({filters})"
            )
        return CommandLineBriefs(tuple(slugs), None)
    resolved = {facet: facet_slugs(corpus, facet, facets.get(facet, ())) for facet in corpus.codebook.facet_slugs}
    selection = selection_of(slugs, resolved)
    if not selection.has_filter:
        raise OptionUsageError("--combine", "--combine makes one brief of several themes: give them with --theme")
    name = name or "-".join([*selection.themes, *(value for _, values in selection.facets for value in values)])
    reason = None if listing else brief_name_problem(name, [theme.slug for theme in corpus.codebook.themes])
    if reason is None and not listing and name in corpus.briefs:
        reason = f"'{name}' is the name of a brief file (briefs/{name}.yaml): run it with --brief {name}"
    if reason is not None:
        raise OptionUsageError("--name", reason + "; choose the files' name with --name")
    if not selection.select(corpus.statements):
        raise OptionUsageError(
            "--theme" if not selection.facets else corpus.codebook.facet(selection.facets[-1][0]).command_option,
            "this selection matches no statement",
        )
    return CommandLineBriefs(
        tuple(),
        BriefSpec(
            name=name,
            title=_title(corpus, selection, "nl"),
            title_en=_title(corpus, selection, "en"),
            selection=selection,
        ),
    )


def _title(corpus: Corpus, selection: Selection, language: str) -> str:
    """ "Capaciteit en financiering bij gemeenten": the selection in words, for the cover."""
    return selection_title(selection, corpus.codebook, language)
