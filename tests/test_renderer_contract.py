"""The renderer contract: every output format's module offers render(job, brief, request), checked by mypy.

Each module under formats/ declares `_RENDER: Renderer = render` for mypy (output_formats.Renderer: the
parameters' names and types, and bytes or the HTML for the PDF workers back); this test sees that every
registered format does, so that a new format cannot slip past the type check.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from bottleneck_briefs.briefs.formats.output_formats import FORMATS


def _declares_the_contract(source: str) -> bool:
    """Whether the module holds `_RENDER: Renderer = render` inside `if TYPE_CHECKING:`."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if (
                    isinstance(statement, ast.AnnAssign)
                    and isinstance(statement.target, ast.Name)
                    and statement.target.id == "_RENDER"
                    and isinstance(statement.annotation, ast.Name)
                    and statement.annotation.id == "Renderer"
                    and isinstance(statement.value, ast.Name)
                    and statement.value.id == "render"
                ):
                    return True
    return False


def test_every_registered_format_declares_the_contract_for_mypy():
    for output in FORMATS.values():
        source = Path(importlib.import_module(output.module).__file__ or "").read_text(encoding="utf-8")
        assert _declares_the_contract(source), output.module


def test_the_check_sees_a_missing_declaration():
    assert not _declares_the_contract("def render(job, brief, request):\n    return b''\n")
    assert _declares_the_contract("if TYPE_CHECKING:\n    _RENDER: Renderer = render\n")


def test_each_renderer_takes_job_brief_and_request():
    for output in FORMATS.values():
        render = importlib.import_module(output.module).render
        assert list(inspect.signature(render).parameters) == ["job", "brief", "request"], output.module
