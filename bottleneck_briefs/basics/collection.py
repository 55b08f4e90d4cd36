"""Pause Python's cycle collector while a large, acyclic structure is built.

Loading a corpus makes millions of small objects (parsed YAML, positions,
validated models) that refer to one another without cycles and live until the
command ends. The collector, triggered by every few hundred new objects, walks
all of them again and again for nothing: at 5,000 statements it took more time
than the loading itself. Paused, memory is still freed as usual (reference
counting); only garbage in cycles waits until the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
