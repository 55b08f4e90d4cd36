"""A WeasyPrint URL fetcher that serves files of the templates folders and nothing else.

Rendering must never reach the network or read a file the brief's author did
not put in a templates folder: no http(s), no data from elsewhere on disk, no
symlink or `..` escaping a folder. A URL names a file by its place in one of
the folders (the PDF's base URL is the first); the file served is the one
template_folders.find gives for that name, the user's folder first, then the
bundled templates, just as the Jinja loader finds templates. WeasyPrint is
imported inside the factory so that importing this module stays cheap.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from bottleneck_briefs.briefs.render.template_folders import find, relative_name, template_folders

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURLError(ValueError):
    pass


def resolve_template_url(url: str, templates_dir: Path) -> Path:
    """The file a `file:` URL names, if it lies inside a templates folder; else RefusedURLError."""
    parts = urlsplit(url)
    folders = " or ".join(str(folder) for folder in template_folders(templates_dir))
    if parts.scheme.lower() != "file":
        raise RefusedURLError(f"refused {url!r}: only files under {folders} may be used")
    if parts.netloc not in ("", "localhost"):
        raise RefusedURLError(f"refused {url!r}: a file on another host")
    # resolves `..` and symlinks before the check
    name = relative_name(Path(unquote(parts.path)), templates_dir)
    if name is None:
        raise RefusedURLError(f"refused {url!r}: outside the templates folder {Path(templates_dir).resolve()}")
    path = find(templates_dir, name)
    if path is None:
        raise RefusedURLError(f"refused {url!r}: no such file in the templates folder")
    return path


def templates_only_fetcher(templates_dir: Path, decoded_fonts: dict[Path, bytes] | None = None) -> URLFetcher:
    """A URLFetcher for WeasyPrint; refused URLs stop the rendering with a clear error.

    `decoded_fonts`: TrueType bytes to serve in place of some WOFF2 font files, by resolved
    path (see pdf_output.decompressed_fonts); a URL must pass the same checks to get them.
    """
    served = decoded_fonts or {}
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class TemplatesOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            # fail_on_errors: a missing font must not silently become a different-looking brief
            super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            path = resolve_template_url(url, templates_dir)
            if path in served:
                return URLFetcherResponse(path.as_uri(), served[path], {"Content-Type": "font/ttf"})
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})

    return TemplatesOnlyFetcher()
