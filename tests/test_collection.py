"""The cycle collector is paused while the corpus loads (basics/collection), and only then."""

from __future__ import annotations

import gc

import pytest

from bottleneck_briefs.basics.collection import collection_paused
from bottleneck_briefs.corpus import loading


def test_the_collector_is_paused_during_a_load_and_runs_again_after(corpus_copy, monkeypatch):
    seen = []
    real = loading.validate_statement_file

    def watched(*arguments, **options):
        seen.append(gc.isenabled())
        return real(*arguments, **options)

    monkeypatch.setattr(loading, "validate_statement_file", watched)
    assert gc.isenabled()
    assert loading.load_corpus(corpus_copy).corpus is not None
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_pause_keeps_a_collector_that_was_off_off_and_ends_on_an_error():
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(KeyError), collection_paused():
        raise KeyError("fails while paused")
    assert gc.isenabled()
