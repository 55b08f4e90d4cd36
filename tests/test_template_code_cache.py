"""Compiled templates kept between runs (briefs/render/template_code_cache): reused, renewed, never trusted blindly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bottleneck_briefs.briefs.render import template_code_cache
from bottleneck_briefs.briefs.render.template_environment import environment
from conftest import calls_to

TEMPLATE = "page.html.j2"


@pytest.fixture
def templates(tmp_path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / TEMPLATE).write_text("{% for word in words %}<b>{{ word }}</b>{% endfor %}", encoding="utf-8")
    return folder


@pytest.fixture
def compiled(monkeypatch) -> list[tuple]:
    """Every compiling of a template by Jinja (rather than reading it back): (environment, source, name, ...)."""
    return calls_to(monkeypatch, template_code_cache.jinja2.Environment, "compile")


def _names(compiled: list[tuple]) -> list[str]:
    return [arguments[2] for arguments in compiled]


def _render(templates: Path) -> str:
    return environment(templates).get_template(TEMPLATE).render(words=["a", "<b>"])


def _stored() -> list[Path]:
    return sorted((Path(os.environ["XDG_CACHE_HOME"]) / "bottlenecks" / "templates").glob("*.jinja"))


def test_a_template_is_compiled_once_and_read_back_after(templates, compiled):
    first = _render(templates)
    second = _render(templates)  # a new environment: as a new run has
    assert first == second == "<b>a</b><b>&lt;b&gt;</b>"
    assert _names(compiled) == [TEMPLATE] and len(_stored()) == 1


def test_an_edited_template_is_compiled_again(templates, compiled):
    _render(templates)
    (templates / TEMPLATE).write_text("{{ words | join(', ') }}", encoding="utf-8")
    assert _render(templates) == "a, &lt;b&gt;"
    assert _names(compiled) == [TEMPLATE, TEMPLATE]


@pytest.mark.parametrize("mode", [0o666, 0o620])
def test_a_file_others_could_have_written_is_never_read(templates, compiled, mode):
    _render(templates)
    [stored] = _stored()
    stored.chmod(mode)
    assert _render(templates) == "<b>a</b><b>&lt;b&gt;</b>"
    assert _names(compiled) == [TEMPLATE, TEMPLATE]


def test_a_fifo_in_place_of_a_stored_template_does_not_hang_the_run(templates, compiled):
    _render(templates)
    [stored] = _stored()
    stored.unlink()
    os.mkfifo(stored)
    assert _render(templates) == "<b>a</b><b>&lt;b&gt;</b>"
    assert _names(compiled) == [TEMPLATE, TEMPLATE]


def test_without_a_cache_folder_every_run_compiles(templates, compiled, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _render(templates) == _render(templates) == "<b>a</b><b>&lt;b&gt;</b>"
    assert _names(compiled) == [TEMPLATE, TEMPLATE]


def test_only_the_newest_compiled_templates_are_kept(templates, monkeypatch):
    monkeypatch.setattr(template_code_cache, "KEPT", 3)
    for number in range(5):
        (templates / f"page{number}.html.j2").write_text(f"{number}", encoding="utf-8")
        assert environment(templates).get_template(f"page{number}.html.j2").render() == f"{number}"
    assert len(_stored()) == 3


def test_a_link_in_place_of_a_stored_template_is_not_followed(templates, compiled, tmp_path):
    _render(templates)
    [stored] = _stored()
    elsewhere = tmp_path / "elsewhere.jinja"
    stored.rename(elsewhere)
    stored.symlink_to(elsewhere)
    assert _render(templates) == "<b>a</b><b>&lt;b&gt;</b>"
    assert _names(compiled) == [TEMPLATE, TEMPLATE]
