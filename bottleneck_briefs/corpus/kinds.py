"""Which kind of corpus file a path is, told by its place in the corpus folder.

An editor's file is recognised by where it lives, never by what it happens to
contain: a publication file with a typo stays a publication file, and its
errors are told against the publication's fields, not a statement file's.
"""

from __future__ import annotations

from pathlib import PurePosixPath

CODEBOOK = "codebook"
STATEMENTS = "statements"
BRIEFS = "briefs"
PUBLICATION = "publication"
EDITION = "edition"
CODING = "coding"
NOTES = "notes"

# relative path (a file name, or a folder and "*") -> kind; new kinds of file add one line
PLACES = {
    "codebook.yaml": CODEBOOK,
    "statements/*": STATEMENTS,
    "briefs/*": BRIEFS,
    "publication.yaml": PUBLICATION,
    "editions/*": EDITION,
    "codings/*": CODING,
    "notes/*": NOTES,
}
# Kinds of file whose texts are not guarded for personal data: an edition is written by `edition` only from
# a corpus that passed `check`, and records texts that were guarded (and acknowledged) then.
NOT_PUBLISHED_KINDS = frozenset({EDITION})


def kind_of(relative: PurePosixPath | str) -> str | None:
    """The kind of the corpus file at `relative` (POSIX, relative to the corpus folder); None: no known place."""
    relative = PurePosixPath(relative)
    if str(relative) in PLACES:
        return PLACES[str(relative)]
    top = relative.parts[0] if len(relative.parts) > 1 else None
    return PLACES.get(f"{top}/*") if top else None


def places_in_words() -> str:
    """For a message about a file in no known place: where each kind of file belongs."""
    return "; ".join(f"{kind}: {place.replace('/*', '/')}" for place, kind in PLACES.items())
