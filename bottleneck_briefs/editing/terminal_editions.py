"""`bottlenecks editions`: the recorded editions as a terminal table."""

from __future__ import annotations

from bottleneck_briefs.corpus.edition_state import edition_state
from bottleneck_briefs.corpus.loading import Corpus


def editions_table(corpus: Corpus) -> str:
    if not corpus.editions:
        return "no edition recorded yet; record one with `bottlenecks edition NAME`"
    width = max(len(edition.edition) for edition in corpus.editions)
    lines = [
        f"{edition.edition:<{width}}  {edition.date}  {len(edition.statements):>5} statements"
        for edition in corpus.editions
    ]
    state = edition_state(corpus)
    lines.append(f"the corpus {'equals' if state.is_current else 'has changed since'} edition {state.name}")
    return "\n".join(lines)
