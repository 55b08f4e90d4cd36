"""Remember validated corpus loads, so that commands on an unchanged corpus skip parsing and validating it.

`agreement`, `report`, `export` and the other commands load the whole corpus
first; at thousands of statements reading and validating it is most of their
time. The previews (`serve`, `serve --site`) load through it too, so a saved
template does not read the unchanged corpus again. A load without a single problem is stored in the user's cache
folder under a key made of everything its result depends on: this program's
digest (its code and the versions of what it uses), the corpus digest (every
byte of every corpus file, hashed afresh at every run), the kinds of note the
templates declare, the working folder and the corpus folder as given (messages
name files relative to where the user stands). A later run with the same key
is the same computation, so it reads the stored result instead. A load that
found any problem is never stored: its messages are always made fresh (as
`check` does, whose clean runs store their load here too).

The store is never trusted blindly:
- a result is stored only when the bytes it was read from are those the key
  was made of (a file edited during the load would otherwise be stored under
  its old content);
- files are written whole to a temporary file and renamed (two processes at
  once each write a complete file; one of them stays);
- a file that is not the user's own or that others may write, whose checksum
  does not match, or that fails to read back in any way is ignored (and the
  corpus is loaded in full);
- reading back builds only the classes of the corpus's data and a few plain
  standard types: anything else in a file refuses it.
Only the newest few results are kept, so the folder does not grow with every
edit of the corpus. A large load is stored by a detached process
(basics/beside), so the command that made it does not wait for the writing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bottleneck_briefs.basics.beside import detached
from bottleneck_briefs.corpus.check_cache import cache_folder
from bottleneck_briefs.corpus.parallel_reading import reading_begun

if TYPE_CHECKING:
    from bottleneck_briefs.corpus.loading import LoadResult

STORE_DETACHED_STATEMENTS = 1000
_KEPT = 4  # results kept: a few corpora or branches an editor switches between
_MAGIC = b"bottlenecks-load-1\n"
_STANDARD_TYPES = {
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PosixPath"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


def load_folder() -> Path:
    return cache_folder().parent / "loads"


def load_key(corpus_dir: Path, templates_dir: Path | None) -> tuple[str, str] | None:
    """(the key of a load of this corpus here, the corpus digest it holds); None when the files cannot be read."""
    from bottleneck_briefs.basics.digests import cache_key, program_digest
    from bottleneck_briefs.corpus.files import corpus_digest
    from bottleneck_briefs.corpus.note_kind_files import kinds_digest

    try:
        digest = corpus_digest(corpus_dir)
        return cache_key(
            "load",
            program_digest(),
            digest,
            kinds_digest(templates_dir),
            str(Path.cwd().resolve()),
            str(corpus_dir),
            str(templates_dir),
        ), digest
    except OSError:
        return None


def load_corpus_remembered(
    corpus_dir: Path,
    templates_dir: Path | None = None,
    *,
    read: bool = True,
    store_later: Callable[[Callable[[], None]], object] | None = None,
) -> LoadResult:
    """load_corpus's result, from the cache when this very load was done before; stored when it found nothing.

    `read=False`: load in full (and store the result for the next run). `store_later`: is given the storing, to
    run it once the command's own work is done (a command's close: click's `call_on_close`); else it runs now."""
    keyed = load_key(corpus_dir, templates_dir)
    if keyed is not None and read:
        remembered = _remembered(keyed[0])
        if remembered is not None:
            return remembered
    with contextlib.ExitStack() as stack:
        # Begun before the data model is imported: a second process reads while this one imports (a corpus over
        # the size limits, keyed None, is refused by load_corpus before anything is read).
        reading = reading_begun(Path(corpus_dir), stack) if keyed is not None else None
        from bottleneck_briefs.corpus.loading import load_corpus

        result = load_corpus(corpus_dir, templates_dir, reading)
    if keyed is None or result.corpus is None or result.problems or result.corpus.digest != keyed[1]:
        return result
    (store_later or _now)(partial(_store, keyed[0], result))
    return result


def _now(work: Callable[[], None]) -> None:
    work()


def _store(key: str, result: LoadResult) -> None:
    # A large load is stored by a process of its own (some 0.2 s at 5,000 statements), so the command does not
    # wait for it. Forked once the command's work is done, the command no longer copies every page it writes
    # while the store still shares them.
    if len(result.corpus.statements if result.corpus else ()) < STORE_DETACHED_STATEMENTS or not detached(
        _remember, key, result
    ):
        _remember(key, result)


def _remembered(key: str) -> LoadResult | None:
    path = load_folder() / key
    try:
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            if status.st_uid != os.getuid() or status.st_mode & 0o022:
                return None  # another user could have written it
            content = stream.read()
    except OSError:
        return None
    header, payload = content[: len(_MAGIC) + 64], content[len(_MAGIC) + 64 :]
    if header != _MAGIC + hashlib.sha256(payload).hexdigest().encode():
        return None
    from bottleneck_briefs.corpus.loading import LoadResult  # the data model: only once a stored load is found

    try:
        result = _Unpickler(io.BytesIO(payload)).load()
    except Exception:
        return None
    return result if isinstance(result, LoadResult) and result.corpus is not None else None


def _remember(key: str, result: LoadResult) -> None:
    """Store a load; failing to store it only costs the next run a full load."""
    from bottleneck_briefs.basics.atomic_write import write_atomically

    if result.corpus is None:  # a load that found errors is never stored
        return
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, result.corpus.codebook.facet_slugs).dump(result)
        payload = buffer.getvalue()
        folder = load_folder()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(folder / key, _MAGIC + hashlib.sha256(payload).hexdigest().encode() + payload)
        _forget_all_but_newest(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def _forget_all_but_newest(folder: Path) -> None:
    entries = []
    for path in folder.iterdir():
        try:
            if len(path.name) == 64 and path.is_file():
                entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[_KEPT:]:
        with contextlib.suppress(OSError):  # another run removed it first
            path.unlink()


def _facet_model(facets: tuple[str, ...], model: str) -> type:
    """A model of the codebook's facets (facet_models.corpus_models), found again by its facets and name."""
    from bottleneck_briefs.corpus.facet_models import corpus_models

    return getattr(corpus_models(facets), model)


class _Pickler(pickle.Pickler):
    """Pickles the facet models by facets and name: they are made at run time, so pickle cannot name them."""

    def __init__(self, stream: io.BytesIO, facets: tuple[str, ...]) -> None:
        from bottleneck_briefs.corpus.facet_models import corpus_models

        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        models = corpus_models(facets)
        self.facets = facets
        self.models = {getattr(models, field.name): field.name for field in dataclasses.fields(models)}

    def reducer_override(self, obj: Any) -> Any:
        # the class itself is named by facets and name (once: pickle remembers it); its instances then
        # pickle as any pydantic model's
        model = self.models.get(obj) if isinstance(obj, type) else None
        if model is None:
            return NotImplemented
        return _facet_model, (self.facets, model)


class _Unpickler(pickle.Unpickler):
    """Builds only the classes of the corpus's data (and _facet_model) and a few standard types."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _STANDARD_TYPES:
            return super().find_class(module, name)
        if "." in name or not module.startswith("bottleneck_briefs.corpus."):  # the corpus's own data
            raise pickle.UnpicklingError(f"{module}.{name} is not read from a cache")
        found = super().find_class(module, name)
        if found is _facet_model or (isinstance(found, type) and found.__module__ == module):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not read from a cache")
