"""A parsed YAML file sent to another process with only the places of its top two levels.

The places of every key and value (YamlFile's value_positions, key_positions
and scalars) are most of what a parsed file weighs, and a clean load asks
only for those of the top two levels: where each statement of a statement
file stands. A ShallowYamlFile crosses to another process (parallel_reading)
in a tenth of the time; the first time anything else is asked of it, it
parses its source again and has every place, the same as before.
"""

from __future__ import annotations

from typing import Any

from bottleneck_briefs.corpus.yaml_document import Path_, YamlFile
from bottleneck_briefs.corpus.yaml_events import build

_PLACES = ("value_positions", "key_positions", "scalars")
_KEPT_LEVELS = 2  # ("statements", 3)


class ShallowYamlFile(YamlFile):
    """A YamlFile whose deeper places are found again when first asked for."""

    _shallow: dict[Path_, tuple[int, int]]

    def __getattr__(self, name: str) -> Any:
        # only called for a missing attribute: the places, until they are found again
        if name not in _PLACES or "_shallow" not in self.__dict__:
            raise AttributeError(name)
        found = YamlFile(self.display_name)
        build(self.source, found)  # the source as it was parsed: the same places
        self.value_positions, self.key_positions, self.scalars = (
            found.value_positions,
            found.key_positions,
            found.scalars,
        )
        return self.__dict__[name]

    def position(self, path: Path_) -> tuple[int, int]:
        path = tuple(path)
        if "value_positions" not in self.__dict__ and len(path) <= _KEPT_LEVELS:
            return self._position_in(self._shallow, path)  # a path this short only looks at shorter ones
        return super().position(path)


def shallow(document: YamlFile) -> ShallowYamlFile:
    """`document` with only the places of its top two levels."""
    sent = ShallowYamlFile.__new__(ShallowYamlFile)
    sent.__dict__.update(
        {name: value for name, value in document.__dict__.items() if name not in _PLACES},
        _shallow={path: place for path, place in document.value_positions.items() if len(path) <= _KEPT_LEVELS},
    )
    return sent
