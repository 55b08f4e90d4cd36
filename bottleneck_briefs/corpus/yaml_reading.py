"""Read one hand-written YAML file into plain data, remembering where every value stands.

PyYAML's own loaders lose the line of each value, silently keep the last of two
duplicate keys and expand aliases without bound. Editors need exact locations
and must never lose data, so this module builds the data from the parser's event
stream itself: YAML 1.2 core schema only, no aliases, duplicate keys reported.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bottleneck_briefs.basics.names import MAX_DEPTH, MAX_FILE_BYTES
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.writer_agreement import tabs_the_writer_refuses

_TAG_PREFIX = "tag:yaml.org,2002:"
CORE_TAGS = {_TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)

Path_ = tuple  # a path into the data: keys and list indexes, e.g. ("statements", 3, "text")


@dataclass
class YamlFile:
    """The data of one file plus the 1-based (line, column) of every value and key."""

    display_name: str
    data: object = None
    digest: str = ""  # sha256 of the file's bytes
    source: str = ""  # the decoded text, to place a finding inside a value (e.g. a folded block scalar)
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """Where the value at `path` stands, or its nearest enclosing value that exists."""
        path = tuple(path)
        while path:
            if path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return self.value_positions.get((), (1, 1))

    def key_position(self, path: Path_) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.position(path)

    def problem(self, path: Path_, message: str, *, at_key: bool = False, severity: str = "error") -> Problem:
        line, column = self.key_position(path) if at_key else self.position(path)
        return Problem(self.display_name, line, column, format_path(path), message, severity)


def format_path(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml_file(path: Path, display_name: str) -> tuple[YamlFile, list[Problem]]:
    """Read and parse `path`; problems are returned, never raised."""
    result = YamlFile(display_name)

    def whole_file(message: str) -> tuple[YamlFile, list[Problem]]:
        return result, [Problem(display_name, None, None, "", message)]

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return whole_file(
                f"file is too large ({size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB): split it into smaller files"
            )
        raw = path.read_bytes()
    except OSError as error:
        return whole_file(f"cannot read file: {error.strerror or error}")
    result.digest = hashlib.sha256(raw).hexdigest()
    text, problems = decode_text(raw, display_name)
    if text is None:
        return result, problems
    result.source = text
    problems = find_tab_indentation(text, display_name) + find_control_characters(text, display_name)
    problems = problems or tabs_the_writer_refuses(text, display_name)
    if problems:
        return result, problems
    return result, _build(text, result)


def decode_text(raw: bytes, display_name: str) -> tuple[str | None, list[Problem]]:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        return None, [Problem(display_name, line, column, "", "file contains a NUL byte: is it a binary file?")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        offset = error.start
        line, column = _byte_position(raw, offset)
        return None, [
            Problem(
                display_name, line, column, "",
                f"file is not valid UTF-8 (byte 0x{raw[offset]:02X}); save it with UTF-8 encoding",
            )
        ]


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def find_tab_indentation(text: str, display_name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indentation and line.strip():
            problems.append(
                Problem(display_name, number, indentation.index("\t") + 1, "",
                        "tab used for indentation; YAML needs spaces")
            )
    return problems


# What YAML 1.2 accepts in a stream (its c-printable production), NUL is refused earlier.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def find_control_characters(text: str, display_name: str) -> list[Problem]:
    problems = []
    for match in _NOT_PRINTABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(display_name, line, column, "",
                                f"control character U+{ord(match.group()):04X} is not allowed in YAML"))
    return problems


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("container", "path", "start_mark", "pending_key", "keys_seen", "key_mark")

    def __init__(self, container, path, start_mark):
        self.container = container
        self.path = path
        self.start_mark = start_mark
        self.pending_key = _NO_KEY  # in a mapping: the key whose value comes next
        self.keys_seen: dict = {}  # key -> (line, column) where it was first given
        self.key_mark: tuple[int, int] = (0, 0)  # set with pending_key, read only after it

    def child_path(self):
        if isinstance(self.container, list):
            return self.path + (len(self.container),)
        return self.path + (self.pending_key,)


_NO_KEY = object()
_DROPPED = object()  # a value that could not be used; its problem is already reported


def _mark(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_FAST_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _LibyamlDepthLimit(Exception):
    """libyaml gave up on deep flow nesting before our own, lower limit could report where it starts."""


def _build(text: str, result: YamlFile) -> list[Problem]:
    try:
        return _build_with(text, result, _FAST_LOADER)
    except _LibyamlDepthLimit:
        # libyaml scans flow collections ahead and stops at its own limit (1000 levels), far past
        # the line and column an editor needs. The pure-Python parser streams them: start over with it.
        result.data = None
        result.value_positions.clear()
        result.key_positions.clear()
        return _build_with(text, result, yaml.SafeLoader)


def _build_with(text: str, result: YamlFile, loader) -> list[Problem]:
    problems: list[Problem] = []
    name = result.display_name
    stack: list[_Frame] = []
    documents = 0

    def place(value, start_mark) -> None:
        """Attach a finished value (scalar or collection) to its parent."""
        if not stack:
            result.data = None if value is _DROPPED else value
            return
        frame = stack[-1]
        if isinstance(frame.container, list):
            if value is not _DROPPED:
                frame.container.append(value)
            return
        if frame.pending_key is _NO_KEY:  # this value is a key
            if isinstance(value, (dict, list)):
                problems.append(Problem(name, *_mark(start_mark), format_path(frame.path),
                                        "a key must be a plain word, not a list or mapping"))
                value = _DROPPED
            frame.pending_key = value
            frame.key_mark = _mark(start_mark)
            return
        key, frame.pending_key = frame.pending_key, _NO_KEY
        if key is _DROPPED:
            return
        path = frame.path + (key,)
        if key in frame.keys_seen:
            first_line = frame.keys_seen[key][0]
            problems.append(Problem(name, *frame.key_mark, format_path(path),
                                    f"duplicate key '{key}' (first given on line {first_line}); "
                                    "the second value would silently replace the first"))
            return
        frame.keys_seen[key] = frame.key_mark
        result.key_positions[path] = frame.key_mark
        if value is not _DROPPED:
            frame.container[key] = value

    def value_path() -> Path_ | None:
        """The path of the value about to be read; None when it is a key or belongs to a dropped key."""
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, dict) and frame.pending_key in (_NO_KEY, _DROPPED):
            return None
        return frame.child_path()

    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(Problem(name, *_mark(event.start_mark), "",
                                            "more than one YAML document ('---') in one file"))
                    break
                continue
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(name, *_mark(event.start_mark), _current_field(stack),
                                        f"aliases (*{event.anchor}) are not supported: write the value out in full"))
                place(_DROPPED, event.start_mark)
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(name, *_mark(event.start_mark), _current_field(stack),
                                            f"nested more than {MAX_DEPTH} levels deep"))
                    return problems
                is_map = isinstance(event, yaml.MappingStartEvent)
                expected = _TAG_PREFIX + ("map" if is_map else "seq")
                if event.tag not in (None, "!", expected):
                    problems.append(_tag_problem(name, event, stack))
                path = value_path()
                if path is not None:
                    result.value_positions[path] = _mark(event.start_mark)
                stack.append(_Frame({} if is_map else [], path if path is not None else (), event.start_mark))
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                place(frame.container, frame.start_mark)
                continue
            if isinstance(event, yaml.ScalarEvent):
                path = value_path()
                if path is not None:
                    result.value_positions[path] = _mark(event.start_mark)
                value = _scalar_value(event, name, stack, problems)
                place(value, event.start_mark)
    except yaml.MarkedYAMLError as error:
        if loader is not yaml.SafeLoader and error.problem == "exceeded maximum nesting depth":
            raise _LibyamlDepthLimit from None
        mark = error.problem_mark or error.context_mark
        line, column = _mark(mark) if mark else (None, None)
        detail = error.problem or "invalid YAML"
        if error.context:
            started = error.context_mark
            where = f" that starts on line {started.line + 1}" if started and mark and started.line != mark.line else ""
            detail = f"{detail} ({error.context}{where})"
        problems.append(Problem(name, line, column, "", f"YAML syntax error: {detail}"))
    except yaml.YAMLError as error:
        problems.append(Problem(name, None, None, "", f"YAML error: {error}"))
    return problems


def _current_field(stack: list[_Frame]) -> str:
    if not stack:
        return ""
    frame = stack[-1]
    if isinstance(frame.container, dict) and frame.pending_key not in (_NO_KEY, _DROPPED):
        return format_path(frame.path + (frame.pending_key,))
    return format_path(frame.child_path() if isinstance(frame.container, list) else frame.path)


def _tag_problem(name: str, event, stack) -> Problem:
    tag = event.tag.replace(_TAG_PREFIX, "!!")
    return Problem(name, *_mark(event.start_mark), _current_field(stack),
                   f"tag '{tag}' is not allowed: only YAML's core schema (text, numbers, true/false, null, "
                   "lists, mappings) is read")


def _scalar_value(event, name: str, stack, problems: list[Problem]):
    tag, value = event.tag, event.value
    if tag in (None, "!"):
        if event.style or tag == "!":  # quoted or block scalar (libyaml says '' for plain)
            return value
        return _resolve_plain(value)
    if tag not in CORE_TAGS:
        problems.append(_tag_problem(name, event, stack))
        return _DROPPED
    kind = tag[len(_TAG_PREFIX):]
    if kind == "str":
        return value
    resolved = _resolve_plain(value)
    wanted = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(kind)
    if kind == "float" and isinstance(resolved, int) and not isinstance(resolved, bool):
        resolved = float(resolved)
    if wanted is None or type(resolved) is not wanted:
        problems.append(Problem(name, *_mark(event.start_mark), _current_field(stack),
                                f"'{value}' is not a valid !!{kind}"))
        return _DROPPED
    return resolved


def _resolve_plain(value: str):
    """YAML 1.2 core schema: no 'yes'/'no' booleans, no dates, no sexagesimal numbers."""
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value[0] in "tT"
    if _INT.match(value):
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if _FLOAT.match(value):
        lowered = value.lower()
        if lowered.endswith(".nan"):
            return math.nan
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        return float(value)
    return value
