"""Build plain data from PyYAML's event stream, keeping the place of every key and value.

PyYAML's own loaders lose the line of each value, silently keep the last of two
duplicate keys and expand aliases without bound. Building the data from the
parser's events instead gives exact locations, reports duplicate keys and
refuses aliases; only YAML 1.2's core schema is read (see yaml_scalars).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from bottleneck_briefs.basics.names import MAX_DEPTH
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.yaml_document import Path_, YamlFile, format_path, new_span
from bottleneck_briefs.corpus.yaml_scalars import (
    DROPPED,
    TAG_PREFIX,
    Mark,
    mark_position,
    resolve_plain,
    scalar_value,
    tag_problem,
)
from bottleneck_briefs.corpus.yaml_syntax_errors import syntax_problem


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("container", "flow", "is_map", "key_mark", "keys_seen", "path", "pending_key", "start_mark")

    # container: a dict when is_map, else a list (Any: the hot loop indexes it without narrowing the type)
    def __init__(self, container: Any, path: Path_, start_mark: Mark, flow: bool, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.start_mark = start_mark
        self.flow = flow  # written inline, [..] or {..}
        self.is_map = is_map
        self.pending_key = _NO_KEY  # in a mapping: the key whose value comes next
        self.keys_seen: dict = {}  # key -> (line, column) where it was first given
        self.key_mark: tuple[int, int] = (1, 1)  # where the pending key stands; set with it

    def child_path(self) -> Path_:
        if self.is_map:
            return self.path + (self.pending_key,)
        return self.path + (len(self.container),)


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
    # The hot loop of every corpus load: one pass over some 20 events per statement. Dispatch is by the event's
    # class and the common case (a plain or block scalar without a tag) is written out inline; the rare ones
    # (tags, aliases, a key that is a list) go through the helpers.
    problems: list[Problem] = []
    name = result.display_name
    value_positions, key_positions, scalars = result.value_positions, result.key_positions, result.scalars
    stack: list[_Frame] = []
    documents = 0
    last_quoted = None  # the last quoted scalar read: a missing closing quote ends far after it
    parser = None
    try:
        parser = loader(text)  # the pure-Python reader refuses some characters already here
        # Any: the stubs allow None where the parser always gives an event (and marks on every event)
        get_event: Callable[[], Any] = parser.get_event
        while True:
            event = get_event()
            kind = event.__class__
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                # where the value goes: its path (None: it is a key, or belongs to a dropped key)
                frame = stack[-1] if stack else None
                if frame is None:
                    path: Path_ | None = ()
                elif frame.is_map:
                    key = frame.pending_key
                    path = None if key is _NO_KEY or key is DROPPED else frame.path + (key,)
                else:
                    path = frame.path + (len(frame.container),)
                start = event.start_mark
                if kind is ScalarEvent:
                    style, value = event.style, event.value
                    if path is not None:
                        value_positions[path] = (start.line + 1, start.column + 1)
                        scalars[path] = new_span((style or "", start.index, event.end_mark.index, value))
                    last_quoted = event if style == '"' or style == "'" else None
                    if event.tag is None:
                        value = value if style else resolve_plain(value)
                    else:
                        value = scalar_value(event, name, lambda: _current_field(stack), problems)
                    if frame is None:
                        result.data = None if value is DROPPED else value
                    elif not frame.is_map:
                        if value is not DROPPED:
                            frame.container.append(value)
                    elif frame.pending_key is _NO_KEY:  # a key: its value comes next
                        frame.pending_key = value
                        frame.key_mark = (start.line + 1, start.column + 1)
                    else:
                        _place(frame, value, name, problems, key_positions)
                    continue
                if len(stack) >= MAX_DEPTH:
                    problems.append(
                        Problem(
                            name,
                            *mark_position(start),
                            _current_field(stack),
                            f"nested more than {MAX_DEPTH} levels deep",
                        )
                    )
                    return problems
                is_map = kind is MappingStartEvent
                if (
                    event.tag is not None
                    and event.tag != "!"
                    and event.tag != TAG_PREFIX + ("map" if is_map else "seq")
                ):
                    problems.append(tag_problem(name, event, _current_field(stack)))
                if path is not None:
                    value_positions[path] = (start.line + 1, start.column + 1)
                stack.append(
                    _Frame(
                        {} if is_map else [], path if path is not None else (), start, bool(event.flow_style), is_map
                    )
                )
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if not stack:
                    result.data = frame.container
                else:
                    _place_collection(stack[-1], frame, name, problems, key_positions)
            elif kind is AliasEvent:
                problems.append(
                    Problem(
                        name,
                        *mark_position(event.start_mark),
                        _current_field(stack),
                        f"aliases (*{event.anchor}) are not supported: write the value out in full",
                    )
                )
                if not stack:
                    result.data = None
                elif stack[-1].is_map and stack[-1].pending_key is _NO_KEY:
                    stack[-1].pending_key = DROPPED
                    stack[-1].key_mark = mark_position(event.start_mark)
                else:
                    _place(stack[-1], DROPPED, name, problems, key_positions)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(
                        Problem(
                            name,
                            *mark_position(event.start_mark),
                            "",
                            "more than one YAML document ('---') in one file",
                        )
                    )
                    break
            elif kind is StreamEndEvent:
                break
    except yaml.MarkedYAMLError as error:
        if loader is not yaml.SafeLoader and error.problem == "exceeded maximum nesting depth":
            raise _LibyamlDepthError from None
        problems.append(
            syntax_problem(name, text, error, _unclosed_flow(stack, error), last_quoted, _current_field(stack))
        )
        _keep_complete_items(stack, result)
    except yaml.YAMLError as error:
        problems.append(Problem(name, None, None, "", f"YAML error: {error}"))
    finally:
        if parser is not None:
            parser.dispose()
    return problems


def _place_collection(parent: _Frame, frame: _Frame, name: str, problems: list[Problem], key_positions: dict) -> None:
    """Attach a finished mapping or list to its parent; as a key it is refused."""
    if parent.is_map and parent.pending_key is _NO_KEY:
        problems.append(
            Problem(
                name,
                *mark_position(frame.start_mark),
                format_path(parent.path),
                "a key must be a plain word, not a list or mapping",
            )
        )
        parent.pending_key = DROPPED
        parent.key_mark = mark_position(frame.start_mark)
        return
    _place(parent, frame.container, name, problems, key_positions)


def _place(frame: _Frame, value: object, name: str, problems: list[Problem], key_positions: dict) -> None:
    """Attach a finished value to its parent: the next item of a list, or the value of the pending key."""
    if not frame.is_map:
        if value is not DROPPED:
            frame.container.append(value)
        return
    key, frame.pending_key = frame.pending_key, _NO_KEY
    if key is DROPPED:
        return
    keys_seen = frame.keys_seen
    if key in keys_seen:
        problems.append(
            Problem(
                name,
                *frame.key_mark,
                format_path(frame.path + (key,)),
                f"duplicate key '{key}' (first given on line {keys_seen[key][0]}); "
                "the second value would silently replace the first",
            )
        )
        return
    keys_seen[key] = frame.key_mark
    key_positions[frame.path + (key,)] = frame.key_mark
    if value is not DROPPED:
        frame.container[key] = value


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
