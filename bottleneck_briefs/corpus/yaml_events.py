"""Build plain data from PyYAML's event stream, keeping the place of every key and value.

PyYAML's own loaders lose the line of each value, silently keep the last of two
duplicate keys and expand aliases without bound. Building the data from the
parser's events instead gives exact locations, reports duplicate keys and
refuses aliases; only YAML 1.2's core schema is read (see yaml_scalars).
"""

from __future__ import annotations

import yaml

from bottleneck_briefs.basics.names import MAX_DEPTH
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import Path_, ScalarSpan, YamlFile, format_path
from bottleneck_briefs.corpus.yaml_scalars import (
    DROPPED,
    TAG_PREFIX,
    Mark,
    mark_position,
    scalar_value,
    tag_problem,
)
from bottleneck_briefs.corpus.yaml_syntax_errors import syntax_problem


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("container", "flow", "key_mark", "keys_seen", "path", "pending_key", "start_mark")

    def __init__(self, container: list | dict, path: Path_, start_mark: Mark, flow: bool) -> None:
        self.container = container
        self.path = path
        self.start_mark = start_mark
        self.flow = flow  # written inline, [..] or {..}
        self.pending_key = _NO_KEY  # in a mapping: the key whose value comes next
        self.keys_seen: dict = {}  # key -> (line, column) where it was first given
        self.key_mark: tuple[int, int] = (1, 1)  # where the pending key stands; set with it

    def child_path(self) -> Path_:
        if isinstance(self.container, list):
            return (*self.path, len(self.container))
        return (*self.path, self.pending_key)


_NO_KEY = object()

_FAST_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _LibyamlDepthError(Exception):
    """libyaml gave up on deep flow nesting before our own, lower limit could report where it starts."""


def build(text: str, result: YamlFile) -> list[Problem]:
    """Fill `result` with the data of `text`; the problems found are returned."""
    try:
        return _build_with(text, result, _FAST_LOADER)
    except _LibyamlDepthError:
        # libyaml scans flow collections ahead and stops at its own limit (1000 levels), far past
        # the line and column an editor needs. The pure-Python parser streams them: start over with it.
        result.data = None
        result.value_positions.clear()
        result.key_positions.clear()
        result.scalars.clear()
        return _build_with(text, result, yaml.SafeLoader)


def _build_with(text: str, result: YamlFile, loader: type[yaml.SafeLoader | yaml.CSafeLoader]) -> list[Problem]:
    problems: list[Problem] = []
    name = result.display_name
    stack: list[_Frame] = []
    documents = 0
    last_quoted = None  # the last quoted scalar read: a missing closing quote ends far after it

    def place(value: object, start_mark: Mark) -> None:
        """Attach a finished value (scalar or collection) to its parent."""
        if not stack:
            result.data = None if value is DROPPED else value
            return
        frame = stack[-1]
        if isinstance(frame.container, list):
            if value is not DROPPED:
                frame.container.append(value)
            return
        if frame.pending_key is _NO_KEY:  # this value is a key
            if isinstance(value, (dict, list)):
                problems.append(Problem(name, *mark_position(start_mark), format_path(frame.path),
                                        "a key must be a plain word, not a list or mapping"))
                value = DROPPED
            frame.pending_key = value
            frame.key_mark = mark_position(start_mark)
            return
        key, frame.pending_key = frame.pending_key, _NO_KEY
        if key is DROPPED:
            return
        path = (*frame.path, key)
        if key in frame.keys_seen:
            first_line = frame.keys_seen[key][0]
            problems.append(Problem(name, *frame.key_mark, format_path(path),
                                    f"duplicate key '{key}' (first given on line {first_line}); "
                                    "the second value would silently replace the first"))
            return
        frame.keys_seen[key] = frame.key_mark
        result.key_positions[path] = frame.key_mark
        if value is not DROPPED:
            frame.container[key] = value

    def value_path() -> Path_ | None:
        """The path of the value about to be read; None when it is a key or belongs to a dropped key."""
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, dict) and frame.pending_key in (_NO_KEY, DROPPED):
            return None
        return frame.child_path()

    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(Problem(name, *mark_position(event.start_mark), "",
                                            "more than one YAML document ('---') in one file"))
                    break
                continue
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(name, *mark_position(event.start_mark), _current_field(stack),
                                        f"aliases (*{event.anchor}) are not supported: write the value out in full"))
                place(DROPPED, event.start_mark)
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(name, *mark_position(event.start_mark), _current_field(stack),
                                            f"nested more than {MAX_DEPTH} levels deep"))
                    return problems
                is_map = isinstance(event, yaml.MappingStartEvent)
                expected = TAG_PREFIX + ("map" if is_map else "seq")
                if event.tag not in (None, "!", expected):
                    problems.append(tag_problem(name, event, _current_field(stack)))
                path = value_path()
                if path is not None:
                    result.value_positions[path] = mark_position(event.start_mark)
                stack.append(_Frame({} if is_map else [], path if path is not None else (), event.start_mark,
                                    bool(event.flow_style)))
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                place(frame.container, frame.start_mark)
                continue
            if isinstance(event, yaml.ScalarEvent):
                path = value_path()
                if path is not None:
                    result.value_positions[path] = mark_position(event.start_mark)
                    result.scalars[path] = ScalarSpan(event.style or "", _offset(event.start_mark),
                                                      _offset(event.end_mark), event.value)
                last_quoted = event if event.style in ('"', "'") else None
                value = scalar_value(event, name, lambda: _current_field(stack), problems)
                place(value, event.start_mark)
    except yaml.MarkedYAMLError as error:
        if loader is not yaml.SafeLoader and error.problem == "exceeded maximum nesting depth":
            raise _LibyamlDepthError from None
        problems.append(syntax_problem(name, text, error, _unclosed_flow(stack, error), last_quoted,
                                       _current_field(stack)))
        _keep_complete_items(stack, result)
    except yaml.YAMLError as error:
        problems.append(Problem(name, None, None, "", f"YAML error: {error}"))
    return problems


def _offset(mark: Mark | None) -> int:
    """The character offset of a mark (the parser always gives one for a scalar)."""
    return mark.index if mark is not None else 0


def _unclosed_flow(stack: list[_Frame], error: yaml.MarkedYAMLError) -> tuple[Mark, str] | None:
    """The [ or { that most likely lacks its closer: (mark, field), or None.

    The outermost one opened on an earlier line than the error, else the innermost: a list left open on
    line 9 is noticed lines later, inside whatever the parser took for its next items."""
    flows = [frame for frame in stack if frame.flow]
    noticed = error.problem_mark or error.context_mark
    earlier = [frame for frame in flows if noticed is not None and frame.start_mark.line < noticed.line]
    frame = earlier[0] if earlier else (flows[-1] if flows else None)
    return (frame.start_mark, format_path(frame.path)) if frame else None


def _keep_complete_items(stack: list[_Frame], result: YamlFile) -> None:
    """After a syntax error: keep the items of the open top-level list that were read to their end.

    A statement file broken in its fifth statement still has four statements worth checking."""
    result.data = None
    result.complete_items = {}
    if len(stack) >= 2 and isinstance(stack[0].container, dict) and isinstance(stack[1].container, list):
        key = stack[0].pending_key
        if isinstance(key, str) and stack[1].path == (key,):
            result.data = {key: stack[1].container}
            result.complete_items = {key: len(stack[1].container)}


def _current_field(stack: list[_Frame]) -> str:
    if not stack:
        return ""
    frame = stack[-1]
    if isinstance(frame.container, dict) and frame.pending_key not in (_NO_KEY, DROPPED):
        return format_path((*frame.path, frame.pending_key))
    return format_path(frame.child_path() if isinstance(frame.container, list) else frame.path)
