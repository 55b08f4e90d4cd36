"""The Jinja environment the briefs are rendered with, and its errors in plain words.

Autoescape is on for every template, so statement text is always data, never
markup. StrictUndefined makes a misspelt variable fail loudly instead of
printing nothing, and a failure names the template and the line. Templates
are looked up in the user's `--templates` folder first, then in the bundled
ones (template_folders), and run in Jinja's sandbox: a template from
elsewhere can use what docs/templates.md lists, but cannot reach Python's
internals (`cycler.__init__.__globals__`) to run a command or read a file.

One environment serves every render with the same templates and language:
Jinja compiles each template once per run instead of once per brief and
medium (`report --all` renders some twenty documents). It is looked up by
the content of the templates folder, so an edited template (the live
preview) gets a fresh environment, never a stale compiled one.
"""

from __future__ import annotations

import traceback
import types
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, DEFAULT_TEMPLATES
from bottleneck_briefs.briefs.content.translations import number_label, translations
from bottleneck_briefs.briefs.render.template_code_cache import template_code_cache
from bottleneck_briefs.briefs.render.template_folders import (
    TemplateFileError,
    folders_digest,
    relative_name,
    template_folders,
)


class FolderBoundLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, except that a template whose file is a link out of its folder is refused, never
    read (Jinja follows links: `{% include "brief.css" %}` would inline whatever a link points to)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.is_file():
                if not path.resolve().is_relative_to(Path(folder).resolve()):
                    raise TemplateFileError(
                        f"{path} is a link to a file outside the templates folder {folder}, which "
                        "is never read; copy the file into the folder instead"
                    )
                break
        return super().get_source(environment, template)


_METHODS = (types.MethodType, types.BuiltinMethodType)  # what the sandbox looks at more closely (str.format)


class DecidedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, each of its attribute decisions made once per class and name.

    The sandbox decides whether a template may read an attribute from the object's class and the attribute's name
    alone (a name with an underscore, or one of the internals of a function, method, class, frame or generator);
    a brief of 5,000 statements asks it some 100,000 times for the same few fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decided: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        decided = self._decided.get(key)
        if decided is None:
            decided = self._decided[key] = super().is_safe_attribute(obj, attr, value)
        return decided

    def getattr(self, obj: Any, attribute: str) -> Any:
        """An attribute already allowed whose value is no method (the sandbox wraps a string's `format`) is
        returned at once; anything else takes Jinja's own path."""
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)
        if self._decided.get((type(obj), attribute)) and not isinstance(value, _METHODS):
            return value
        return super().getattr(obj, attribute)


def environment(templates_dir: Path = DEFAULT_TEMPLATES, language: str = DEFAULT_LANGUAGE) -> jinja2.Environment:
    """Templates write Dutch message ids inside _() and {% trans %}; `language` picks the catalogue."""
    env = DecidedSandbox(
        # the user's folder first, then the bundled templates: a folder may hold just the files it changes
        loader=FolderBoundLoader([str(folder) for folder in template_folders(templates_dir)]),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,  # for .css templates too: they only ever interpolate our own values
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_code_cache(),  # compiled once per user and program, not once per run
    )
    # newstyle: %(name)s placeholders are filled after escaping, so a translation cannot inject markup
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["number"] = lambda value: number_label(value, language)
    env.globals["lang"] = language
    return env


@lru_cache(maxsize=8)
def _shared_environment(templates_dir: str, language: str, templates_digest: str) -> jinja2.Environment:
    """One environment per templates folder, its content and language (the digest is only part of the key)."""
    return environment(Path(templates_dir), language)


def _template_location(error: BaseException, templates_dir: Path) -> str | None:
    """'brief.html.j2, line 12' from the deepest traceback frame that belongs to a template."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.lineno:
        name = error.filename or error.name
        return f"{_short(name, templates_dir)}, line {error.lineno}"
    location = None
    # Jinja rewrites the traceback so that template frames carry the template's file and line.
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if filename and not filename.startswith("<") and relative_name(Path(filename), templates_dir):
            location = f"{_short(filename, templates_dir)}, line {lineno}"
    return location


def _short(name: str | None, templates_dir: Path) -> str:
    """A template's file as 'templates/brief.html.j2': its folder's name and its name inside."""
    if not name:
        return "<template>"
    resolved = Path(name).resolve()
    for folder in template_folders(templates_dir):
        if resolved.is_relative_to(Path(folder).resolve()):
            return str(resolved.relative_to(Path(folder).resolve().parent))
    return str(name)


def render(templates_dir: Path, name: str, language: str = DEFAULT_LANGUAGE, **context: object) -> str:
    """Render one template; any template failure becomes a TemplateFileError."""
    return renderer(templates_dir, language)(name, **context)


def renderer(templates_dir: Path, language: str = DEFAULT_LANGUAGE) -> Callable[..., str]:
    """`render` for many documents of one run (the site's thousands of pages): the templates folder is hashed
    once here, not once per document."""
    try:
        digest = folders_digest(templates_dir)
    except OSError as error:
        raise TemplateFileError(f"cannot read the templates in {templates_dir}: {error.strerror or error}") from None

    def render_one(name: str, **context: object) -> str:
        return _render(_shared_environment(str(templates_dir), language, digest), templates_dir, name, context)

    return render_one


def _render(env: jinja2.Environment, templates_dir: Path, name: str, context: dict) -> str:
    try:
        return env.get_template(name).render(**context)
    except TemplateFileError:
        raise
    except jinja2.TemplateNotFound as error:
        looked_in = " and ".join(str(folder) for folder in template_folders(templates_dir))
        raise TemplateFileError(f"template not found: {error.name} (looked in {looked_in})") from None
    except jinja2.TemplateError as error:
        where = _template_location(error, templates_dir) or name
        raise TemplateFileError(f"{where}: {type(error).__name__}: {error.message or error}") from None
    except Exception as error:  # e.g. a filter given the wrong kind of value
        where = _template_location(error, templates_dir) or name
        raise TemplateFileError(f"{where}: {type(error).__name__}: {error}") from None
