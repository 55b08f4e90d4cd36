"""The site's build cache (page_cache). It describes a page's inputs as text (Describer): equal inputs must give
equal text, and any difference a page could show must give other text, or a changed page would be taken from the
last build. And it takes an old page only when the file holds exactly the bytes the last build wrote."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from bottleneck_briefs.corpus.loading import load_corpus
from bottleneck_briefs.site.page_cache import Describer, PageCache
from conftest import CORPUS


@dataclass(frozen=True)
class Inner:
    label: str


@dataclass(frozen=True)
class Outer:
    name: str
    inner: Inner
    items: tuple[Inner, ...]
    counts: dict[str, int]


class Pair(NamedTuple):
    left: str
    right: int


class Opaque:
    """Neither a dataclass nor a model: described by its repr, which names its address."""


def outer(**changes: object) -> Outer:
    fields: dict = {"name": "a", "inner": Inner("b"), "items": (Inner("c"), Inner("d")), "counts": {"e": 1}}
    return Outer(**{**fields, **changes})


def test_equal_values_are_described_alike_and_any_difference_shows():
    base = Describer()(outer())
    assert Describer()(outer()) == base
    for changed in (
        outer(name="x"),
        outer(inner=Inner("x")),
        outer(items=(Inner("c"),)),
        outer(items=(Inner("d"), Inner("c"))),
        outer(counts={"e": 2}),
        outer(counts={"x": 1}),
    ):
        assert Describer()(changed) != base, changed


def test_kinds_that_print_alike_are_told_apart():
    describe = Describer()
    assert describe("1") != describe(1) != describe(1.0)
    assert describe(True) != describe(1) and describe(None) != describe("None")
    assert describe(Markup("<b>x</b>")) != describe("<b>x</b>")  # escaped or raw: another page
    assert describe(Pair("a", 1)) == describe(("a", 1)) == describe(["a", 1])  # a named tuple is its items
    assert describe(Opaque()) != describe(Opaque())  # never equal: such a page is rendered anew, never wrongly reused


def test_an_object_met_again_is_described_once_and_the_same():
    describe = Describer()
    shared = Inner("gedeeld")
    first = describe(Outer("a", shared, (shared, shared), {}))
    assert describe(Outer("a", Inner("gedeeld"), (Inner("gedeeld"),) * 2, {})) == first
    assert sum(1 for kept, _ in describe._seen.values() if kept is shared) == 1


def test_the_shipped_corpus_statements_are_described_apart():
    corpus = load_corpus(CORPUS).corpus
    describe = Describer()
    described = [describe(statement) for statement in corpus.statements]
    assert len(set(described)) == len(described)
    assert [describe(statement) for statement in load_corpus(CORPUS).corpus.statements] == described


def test_an_old_page_is_taken_only_with_the_very_bytes_it_was_made_with(tmp_path):
    site = tmp_path / "site"
    pages = {f"knelpunten/kp-00{n}/index.html": f"<p>Knelpunt {n}.</p>".encode() for n in range(1, 6)}
    for path, data in pages.items():
        (site / path).parent.mkdir(parents=True)
        (site / path).write_bytes(data)
    outside = tmp_path / "elders.html"
    outside.write_bytes(pages["knelpunten/kp-005/index.html"])
    cache = PageCache.load(site)
    cache.entries = {path: {"key": "k", "sha256": hashlib.sha256(data).hexdigest()} for path, data in pages.items()}
    (site / "knelpunten/kp-002/index.html").write_bytes(pages["knelpunten/kp-002/index.html"] + b"<p>meer</p>")
    (site / "knelpunten/kp-003/index.html").write_bytes(b"<p>Knelpunt 9.</p>")  # the same size
    (site / "knelpunten/kp-004/index.html").unlink()
    (site / "knelpunten/kp-005/index.html").unlink()
    os.symlink(outside, site / "knelpunten/kp-005/index.html")  # the same bytes, through a link
    assert cache.reuse("knelpunten/kp-001/index.html", "k") == pages["knelpunten/kp-001/index.html"]
    assert cache.reuse("knelpunten/kp-001/index.html", "another key") is None
    for n in range(2, 6):
        assert cache.reuse(f"knelpunten/kp-00{n}/index.html", "k") is None, n
    assert list(cache.made) == ["knelpunten/kp-001/index.html"]
    assert (
        cache.made["knelpunten/kp-001/index.html"]["sha256"] == cache.entries["knelpunten/kp-001/index.html"]["sha256"]
    )
