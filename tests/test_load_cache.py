"""Commands reuse a validated load of an unchanged corpus (corpus/load_cache), and never a stale or foreign one."""

import hashlib
import os
import pickle
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from bottleneck_briefs.corpus import load_cache, loading
from bottleneck_briefs.corpus.facet_models import corpus_models
from bottleneck_briefs.corpus.load_cache import load_corpus_remembered, load_folder
from conftest import ROOT, calls_to, invoke


def stored() -> list[Path]:
    """The stored loads: named by their 64-digit key (a temporary file being written beside them is not one)."""
    folder = load_folder()
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*") if len(path.name) == 64 and path.is_file())


@pytest.fixture
def counted_loads(monkeypatch):
    """How many times the corpus was read and validated in full."""
    return calls_to(monkeypatch, loading, "load_corpus")


def test_an_unchanged_corpus_is_read_back_with_its_facet_models(corpus_copy, counted_loads):
    first = load_corpus_remembered(corpus_copy)
    second = load_corpus_remembered(corpus_copy)
    assert len(counted_loads) == 1 and len(stored()) == 1
    assert first.corpus is not None and second.corpus is not None
    assert second.corpus == first.corpus
    models = corpus_models(first.corpus.codebook.facet_slugs)
    statement = second.corpus.statements[0]
    assert type(statement) is models.statement  # the codebook's own model, facets and methods included
    assert statement.facet_values("partijen") == first.corpus.statements[0].facet_values("partijen")


def test_a_large_load_is_stored_by_a_detached_process_and_read_back(corpus_copy, counted_loads, monkeypatch):
    from bottleneck_briefs.basics import beside

    monkeypatch.setattr(load_cache, "STORE_DETACHED_STATEMENTS", 0)  # the shipped corpus counts as large
    monkeypatch.setattr(beside, "available_cores", lambda: 2)
    started = []
    real = beside.os.fork
    monkeypatch.setattr(beside.os, "fork", lambda: started.append(1) or real())
    first = load_corpus_remembered(corpus_copy)
    assert started, "the load was not stored by a process of its own"
    for _ in range(600):  # nobody waits for that process: look until its file is there (at most a minute)
        if stored():
            break
        time.sleep(0.1)
    assert len(stored()) == 1
    second = load_corpus_remembered(corpus_copy)
    assert len(counted_loads) == 1
    assert second.corpus == first.corpus


def test_an_edited_file_is_loaded_afresh(corpus_copy, counted_loads):
    before = load_corpus_remembered(corpus_copy).corpus
    statement_file = sorted((corpus_copy / "statements").glob("*.yaml"))[0]
    text = statement_file.read_text(encoding="utf-8")
    first_text = before.statements[0].text
    first_word = first_text.split()[0]
    statement_file.write_text(text.replace(first_word, first_word + "x", 1), encoding="utf-8")
    after = load_corpus_remembered(corpus_copy).corpus
    assert len(counted_loads) == 2
    assert after.statements[0].text == first_text.replace(first_word, first_word + "x", 1)
    assert after.digest != before.digest


def test_a_load_with_a_problem_is_not_stored(corpus_copy):
    statement_file = sorted((corpus_copy / "statements").glob("*.yaml"))[0]
    text = statement_file.read_text(encoding="utf-8")
    statement_file.write_text(text.replace("themes: [", "themes: [capacitet, ", 1), encoding="utf-8")
    for _ in range(2):
        result = load_corpus_remembered(corpus_copy)
        assert result.corpus is None
        assert any("unknown theme 'capacitet'" in problem.format() for problem in result.problems)
    assert stored() == []


def test_a_file_edited_during_the_load_is_not_stored_under_its_old_content(corpus_copy, monkeypatch):
    statement_file = sorted((corpus_copy / "statements").glob("*.yaml"))[0]
    real = loading.load_corpus

    def edited_meanwhile(*arguments, **options):
        statement_file.write_text(statement_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        return real(*arguments, **options)

    monkeypatch.setattr(loading, "load_corpus", edited_meanwhile)
    assert load_corpus_remembered(corpus_copy).corpus is not None
    assert stored() == []


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "empty", "other users may write"])
def test_a_damaged_cache_file_is_ignored(corpus_copy, counted_loads, damage):
    expected = load_corpus_remembered(corpus_copy).corpus
    [path] = stored()
    content = path.read_bytes()
    if damage == "flipped byte":
        middle = len(content) // 2
        path.write_bytes(content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1 :])
    elif damage == "truncated":
        path.write_bytes(content[: len(content) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.chmod(0o666)
    result = load_corpus_remembered(corpus_copy)
    assert len(counted_loads) == 2
    assert result.corpus == expected


def forged(payload: bytes) -> bytes:
    """A cache file whose checksum fits its payload: only the unpickler stands between it and the program."""
    return b"bottlenecks-load-1\n" + hashlib.sha256(payload).hexdigest().encode() + payload


class _RunsACommand:
    def __reduce__(self):
        return (os.system, ("echo forged > forged.txt",))


@pytest.mark.parametrize(
    "payload",
    [
        pickle.dumps(_RunsACommand()),
        b"cbottleneck_briefs.corpus.files\nos.sep\n.",  # an attribute reached through a module of this program
        b"cbottleneck_briefs.corpus.files\nhashlib\n.",  # a module's attribute that is no class of this program
    ],
)
def test_a_cache_file_that_names_anything_but_the_programs_classes_is_refused(
    corpus_copy, counted_loads, tmp_path, monkeypatch, payload
):
    monkeypatch.chdir(tmp_path)
    load_corpus_remembered(corpus_copy)
    [path] = stored()
    path.write_bytes(forged(payload))
    result = load_corpus_remembered(corpus_copy)
    assert len(counted_loads) == 2 and result.corpus is not None
    assert not (tmp_path / "forged.txt").exists()


def test_only_the_newest_loads_are_kept(tmp_path, corpus_copy):
    statement_file = sorted((corpus_copy / "statements").glob("*.yaml"))[0]
    text = statement_file.read_text(encoding="utf-8")
    for number in range(load_cache._KEPT + 2):
        statement_file.write_text(text + f"\n# version {number}\n", encoding="utf-8")
        assert load_corpus_remembered(corpus_copy).corpus is not None
    assert len(stored()) == load_cache._KEPT


def test_commands_started_at_once_share_the_cache_safely(corpus_copy, tmp_path):
    """Two `themes` runs at once on an empty cache both store the load; a third reads it back, same output."""

    def themes() -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "cli", "themes", "--corpus", str(corpus_copy)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    together = [themes(), themes()]
    outputs = [process.communicate(timeout=120) for process in together]
    assert [process.returncode for process in together] == [0, 0]
    assert len(stored()) == 1
    third = themes()
    stdout, stderr = third.communicate(timeout=120)
    assert third.returncode == 0 and stderr == ""
    assert outputs[0] == outputs[1] == (stdout, "")


def test_a_clean_check_stores_its_load_for_the_next_command_and_no_cache_stores_nothing(corpus_copy, counted_loads):
    assert invoke("check", "--no-cache", "--corpus", corpus_copy).exit_code == 0
    assert stored() == []
    assert invoke("check", "--corpus", corpus_copy).exit_code == 0
    assert len(stored()) == 1 and len(counted_loads) == 2
    themes = invoke("themes", "--corpus", corpus_copy)
    assert themes.exit_code == 0 and len(counted_loads) == 2  # read back, not loaded again
    assert themes.output.count("\n") > 5


def test_a_load_is_stored_when_the_caller_says_so(corpus_copy, counted_loads):
    """`store_later` gets the storing (the command line runs it once the command's own work is done)."""
    later = []
    assert load_corpus_remembered(corpus_copy, store_later=later.append).corpus is not None
    assert stored() == [] and len(later) == 1
    later[0]()
    assert len(stored()) == 1
    assert load_corpus_remembered(corpus_copy).corpus is not None
    assert len(counted_loads) == 1  # the second load was read back


def test_a_preview_reloading_an_unchanged_corpus_reads_the_stored_load(corpus_copy, counted_loads):
    from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
    from bottleneck_briefs.briefs.run.brief_report import html_brief
    from bottleneck_briefs.editing.preview_state import PreviewState

    state = PreviewState(corpus_copy, DEFAULT_TEMPLATES, html_brief)
    state.prepare()
    state.changed()  # a template saved: the corpus's files are as they were
    state.prepare()
    assert len(counted_loads) == 1


def test_the_site_preview_builds_from_the_load_serve_site_stored(corpus_copy, counted_loads):
    import click

    from bottleneck_briefs.basics.names import DEFAULT_TEMPLATES
    from bottleneck_briefs.cli.options import load_or_exit
    from bottleneck_briefs.site.site_preview import SitePreview

    told: list[str] = []
    with click.Context(click.Command("serve")):  # a command's own load is stored when it ends: a preview's, at once
        load_or_exit(corpus_copy, templates_dir=DEFAULT_TEMPLATES, serving=True)
        preview = SitePreview(corpus_copy, DEFAULT_TEMPLATES, date(2026, 4, 2), ("nl",), say=told.append)
        try:
            assert preview.build(), told
        finally:
            preview.stop_building()
    assert len(counted_loads) == 1
