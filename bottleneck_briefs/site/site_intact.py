"""Whether the site in the output folder is already the one this run would build: then nothing is built or written.

A site is made from the corpus (its digest covers every file's name and
bytes), the templates, this program, Pagefind and the options; the build
cache's manifest records the digest of them all (`inputs_key`) and the
sha256 of every file of the site. When the key is this run's and the
folder holds exactly those files, each a plain file inside it with those
bytes (no symbolic link, no file added or edited by hand), a build would
write the same bytes: the run stops there. Anything else, or a manifest
that cannot be read, means a build as usual, which makes the folder whole
again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.briefs.render.template_folders import folders_digest
from bottleneck_briefs.site.old_site import old_files


@dataclass(frozen=True)
class IntactSite:
    page_count: int
    file_count: int


def inputs_key(
    corpus_digest: str,
    templates_dir: Path,
    languages: tuple[str, ...],
    base_url: str | None,
    day: str,
    search: bool,
    pdf: bool,
) -> str:
    """Everything a site is made from, as one digest."""
    try:
        pagefind = metadata.version("pagefind") if search else "-"
    except metadata.PackageNotFoundError:
        pagefind = "-"
    return cache_key(
        program_digest(),
        folders_digest(templates_dir),
        corpus_digest,
        ",".join(languages),
        base_url or "",
        day,
        f"search={search}",
        f"pdf={pdf}",
        f"pagefind={pagefind}",
    )


def intact_site(output: Path, manifest_name: str, key: str) -> IntactSite | None:
    """The site in `output` when it was built from inputs with this key and is exactly as built; else None."""
    output = Path(output)
    if output.is_symlink() or not output.is_dir():
        return None
    root = Path(os.path.realpath(output))
    try:
        manifest = json.loads((root / manifest_name).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("inputs") != key:
        return None
    contents, pages = manifest.get("contents"), manifest.get("pages")
    if not isinstance(contents, dict) or not isinstance(pages, int):
        return None
    found = old_files(root)
    if not found.clean or found.sizes.keys() != {*contents, manifest_name}:
        return None
    for path, sha256 in contents.items():
        try:
            if hashlib.sha256((root / path).read_bytes()).hexdigest() != sha256:
                return None
        except OSError:
            return None
    return IntactSite(pages, len(found.sizes))
