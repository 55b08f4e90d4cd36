"""The renderer contract: every output format's module offers render(job, brief, request), checked by mypy.

mypy checks the modules listed in output_formats._RENDERERS against the Renderer protocol; this test keeps
that list the same as the registry, so that a new format cannot slip past the type check.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from bottleneck_briefs.briefs import output_formats
from bottleneck_briefs.briefs.output_formats import FORMATS

SOURCE = Path(output_formats.__file__)


def _type_checked_modules() -> set[str]:
    """The modules the TYPE_CHECKING block imports for _RENDERERS, as full names."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "_RENDERERS":
            assert isinstance(node.value, ast.Tuple)
            listed = {element.id for element in node.value.elts if isinstance(element, ast.Name)}
            break
    else:
        raise AssertionError(f"{SOURCE.name} has no _RENDERERS for mypy to check")
    imported = {alias.asname or alias.name: f"{node.module}.{alias.name}" for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module == "bottleneck_briefs.briefs.formats"
                for alias in node.names}
    return {imported[name] for name in listed}


def test_mypy_checks_every_registered_format_against_the_contract():
    assert _type_checked_modules() == {output.module for output in FORMATS.values()}


def test_each_renderer_takes_job_brief_and_request():
    for output in FORMATS.values():
        render = importlib.import_module(output.module).render
        assert list(inspect.signature(render).parameters) == ["job", "brief", "request"], output.module
