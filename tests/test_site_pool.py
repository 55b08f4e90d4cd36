"""The site's brief workers and the cycle collector: the heap they are forked from is frozen while they work and
let back after, unless the command had frozen something before; each job runs with the collector paused."""

from __future__ import annotations

import gc

from bottleneck_briefs.site import site_build


def test_the_heap_is_frozen_while_the_workers_run_and_let_back_after():
    was_frozen = gc.get_freeze_count()
    gc.unfreeze()  # as in a preview, which freezes nothing itself
    try:
        with site_build._heap_frozen():
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() == 0
    finally:
        if was_frozen:
            gc.freeze()


def test_what_a_command_froze_before_stays_frozen():
    gc.freeze()  # as a command does with its corpus (cli/options)
    before = gc.get_freeze_count()
    with site_build._heap_frozen():
        pass
    assert gc.get_freeze_count() >= before


def test_a_job_runs_with_the_collector_paused(monkeypatch):
    seen: list[bool] = []

    def job(context, only):
        seen.append(gc.isenabled())
        return []

    monkeypatch.setattr(site_build, "_brief_files", job)
    monkeypatch.setitem(site_build._FORKED, "nl", None)
    assert gc.isenabled()
    assert site_build._brief_files_of("nl", 0, ("docx", "odt")) == []
    assert seen == [False] and gc.isenabled()
