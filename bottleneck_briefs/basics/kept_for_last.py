"""A value kept for the last object it was made for, as long as that object lives.

For work that depends on one frozen object alone and is asked for again right
after: a brief's XLSX and ODS lay out the same sheet, and every brief of one
corpus builds its statement entries from the same corpus. The object is held
weakly, so a large value goes with it; a new object replaces the old one.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


class KeptForLast(Generic[Key, Value]):
    def __init__(self) -> None:
        self._kept: tuple[weakref.ref[Key], Value] | None = None

    def get(self, key: Key, make: Callable[[Key], Value]) -> Value:
        """The value for `key`: the kept one when `key` is the very object it was made for, else make(key)."""
        kept = self._kept  # read once: another thread may change it meanwhile
        if kept is not None and kept[0]() is key:
            return kept[1]
        value = make(key)
        self._kept = (weakref.ref(key, self._forget), value)
        return value

    @property
    def empty(self) -> bool:
        """Nothing is kept (the object it was made for is gone, or none was asked for yet)."""
        return self._kept is None

    def _forget(self, gone: weakref.ref) -> None:
        kept = self._kept
        if kept is not None and kept[0] is gone:
            self._kept = None
