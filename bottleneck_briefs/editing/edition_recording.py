"""`bottlenecks edition NAME`: record what the corpus says now as edition NAME, in editions/NAME.yaml.

The file holds every statement's id, text, source, themes and facets, laid out
like a statement file so that it reads and diffs the same way. It is written
in one step and never over an existing edition: a published edition is a
record, and `report --since NAME` compares the corpus with it.
"""

from __future__ import annotations

import errno
import json
import re
import textwrap
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from bottleneck_briefs.basics.iso_dates import epoch_date, iso_date
from bottleneck_briefs.basics.names import SLUG_PATTERN
from bottleneck_briefs.corpus.edition_state import snapshot
from bottleneck_briefs.corpus.facet_models import corpus_models
from bottleneck_briefs.corpus.files import YAML_SUFFIXES
from bottleneck_briefs.corpus.json_schema import EDITION_SCHEMA, schema_comment
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.corpus.publication_loading import EDITIONS_FOLDER
from bottleneck_briefs.corpus.publication_models import Edition

WIDTH = 76  # as `fmt` wraps statement texts
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # plain, they would not be text
_FOLDABLE = re.compile(r"[^\s]+(?: [^\s]+)*")  # single spaces between words: a folded block gives it back


class EditionError(Exception):
    """The edition cannot be recorded; nothing was written."""


@dataclass(frozen=True)
class RecordedEdition:
    path: Path
    edition: Edition


def edition_path(corpus_dir: Path, name: str) -> Path:
    return Path(corpus_dir) / EDITIONS_FOLDER / f"{name}.yaml"


def is_edition_name(name: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, name) is not None


def edition_of(corpus: Corpus, name: str, day: date) -> Edition:
    facets = corpus.codebook.facet_slugs
    return corpus_models(facets).edition(
        edition=name, date=day.isoformat(), statements=[snapshot(s, facets) for s in corpus.statements]
    )


def _scalar(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return _quoted(value)


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly: every visible character (an emoji too) as
    it is, every other one (a no-break space, a joiner, a control character) as an escape, which the file's
    own checks accept and a reader can see.

    A JSON string is a YAML double-quoted scalar, but json.dumps writes an emoji as two surrogate escapes,
    which YAML reads as two broken characters; here it does only the quote, backslash and C0 controls."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    return "".join(
        character
        if character.isprintable()
        else f"\\u{ord(character):04x}"
        if ord(character) <= 0xFFFF
        else f"\\U{ord(character):08x}"
        for character in quoted
    )


def _text_lines(text: str) -> list[str]:
    # line breaks, tabs, double spaces, invisible characters: kept exactly, escaped in quotes
    if not (_FOLDABLE.fullmatch(text) and text.isprintable()):
        return [f"    text: {_quoted(text)}"]
    wrapped = textwrap.wrap(
        text, WIDTH, initial_indent="      ", subsequent_indent="      ", break_long_words=False, break_on_hyphens=False
    )
    return ["    text: >-", *wrapped]


def edition_text(edition: Edition, schema_line: str, facets: tuple[str, ...]) -> str:
    lines = [
        schema_line,
        f"# Edition {edition.edition} of the corpus, recorded by `bottlenecks edition {edition.edition}`.",
        "# A record of what the edition said: never edit it by hand (`bottlenecks check` validates it).",
        f"edition: {json.dumps(edition.edition)}",
        f"date: {json.dumps(edition.date)}",
        "statements:" if edition.statements else "statements: []",
    ]
    for statement in edition.statements:
        source = statement.source
        lines += [
            "",
            f"  - id: {statement.id}",
            *_text_lines(statement.text),
            f"    source: {{document: {_scalar(source.document)}, section: {json.dumps(source.section)}, "
            f"page: {source.page}}}",
            f"    themes: [{', '.join(map(_scalar, statement.themes))}]",
            *(
                f"    {facet}: [{', '.join(map(_scalar, statement.facet_values(facet)))}]"
                for facet in facets
                if statement.facet_values(facet)
            ),
        ]
    return "\n".join(lines) + "\n"


def _read_back(text: str, facets: tuple[str, ...]) -> Edition | None:
    """The edition as `check` will read the text, or None when it would not read at all."""
    from pydantic import ValidationError

    try:
        return corpus_models(facets).edition.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError):
        return None


def edition_date(explicit: str | None, environ: dict[str, str]) -> date:
    """--date, else SOURCE_DATE_EPOCH (reproducible runs), else today: the day the edition is recorded."""
    if explicit:
        day = iso_date(explicit)
        if day is None:
            raise EditionError(f"'{explicit}' is not a date in the form YYYY-MM-DD")
        return day
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        day = epoch_date(epoch)
        if day is None:
            raise EditionError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '{epoch}'")
        return day
    return datetime.now(UTC).date()


@contextmanager
def corpus_write_guard(corpus_dir: Path) -> Iterator[None]:
    """Hold the corpus lock (as import, fmt and schema do) while the edition reads the corpus and writes itself."""
    from bottleneck_briefs.basics.corpus_lock import CorpusLockedError, corpus_lock

    with ExitStack() as held:
        try:
            held.enter_context(corpus_lock(corpus_dir))
        except CorpusLockedError as error:
            raise EditionError(str(error)) from None
        yield


def record_edition(corpus_dir: Path, name: str, day: date, load: Callable[[Path], Corpus]) -> RecordedEdition:
    """Load the corpus with `load(corpus_dir)` and write it as edition `name`; EditionError when it cannot."""
    if not is_edition_name(name):
        raise EditionError(f"'{name}' is not an edition name: use lowercase letters, digits and hyphens, e.g. 2026-1")
    path = edition_path(corpus_dir, name)
    with corpus_write_guard(corpus_dir):
        corpus = load(corpus_dir)
        existing = [path.with_suffix(suffix) for suffix in YAML_SUFFIXES if path.with_suffix(suffix).exists()]
        if existing:  # whatever its suffix: 2026-1.yml and 2026-1.yaml would be one edition twice
            raise EditionError(
                f"{existing[0]}: edition {name} already exists; an edition is never overwritten, so choose another name"
            )
        newest = corpus.editions[-1] if corpus.editions else None
        if newest is not None and day.isoformat() < newest.date:
            raise EditionError(
                f"edition {newest.edition} is dated {newest.date}; a new edition cannot be "
                f"dated earlier ({day.isoformat()})"
            )
        edition = edition_of(corpus, name, day)
        facets = corpus.codebook.facet_slugs
        text = edition_text(edition, schema_comment(path, corpus_dir, False, EDITION_SCHEMA), facets)
        if _read_back(text, facets) != edition:  # never record what would read back otherwise
            raise EditionError(f"{path}: the edition would not read back as recorded; nothing was written")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            from bottleneck_briefs.basics.atomic_write import write_new_atomically

            write_new_atomically(path, text.encode("utf-8"))
        except FileExistsError:
            raise EditionError(f"{path}: edition {name} was recorded meanwhile; it is left as it is") from None
        except OSError as error:
            if error.errno == errno.EEXIST:
                raise EditionError(f"{path}: edition {name} already exists") from None
            raise EditionError(f"cannot write {error.filename or path}: {error.strerror or error}") from None
    return RecordedEdition(path, edition)
