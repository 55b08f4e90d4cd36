"""Template lines fit a screen: no line of a template (or a script or data file beside them) is longer than 120
characters, the line length of the Python code.

A long template line is wrapped where no character of the output changes: at a space inside a {{ }} or {% %}
tag, by splitting a string literal into two adjacent ones (Jinja joins them, and the translation catalogue
sees one message), or after a block tag's %} (the environment's trim_blocks drops that newline). The
stylesheets are left out: they are included verbatim in every HTML brief, so a wrapped rule would change it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LIMIT = 120
CHECKED = ("*.j2", "*.js", "*.yaml")


def long_lines(path: Path, root: Path = TEMPLATES) -> list[str]:
    return [
        f"{path.relative_to(root)}:{number}: {len(line)} characters"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LIMIT
    ]


def test_the_check_finds_a_long_line(tmp_path):
    template = tmp_path / "x.html.j2"
    template.write_text("short\n" + "é{{ x }}" * 16 + "\n" + "é" * LIMIT + "\n", encoding="utf-8")
    assert long_lines(template, tmp_path) == ["x.html.j2:2: 128 characters"]  # characters, not bytes; 120 is allowed


@pytest.mark.parametrize("pattern", CHECKED)
def test_no_template_line_is_longer_than_120_characters(pattern):
    paths = sorted(TEMPLATES.rglob(pattern))
    assert paths or pattern != "*.j2"
    assert [line for path in paths for line in long_lines(path)] == []
