"""A WeasyPrint URL fetcher that serves files under the templates folder and nothing else.

Rendering must never reach the network or read a file the brief's author did
not put in `templates/`: no http(s), no data from elsewhere on disk, no
symlink or `..` escaping the folder. WeasyPrint is imported inside the
factory so that importing this module stays cheap.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit


class RefusedURL(ValueError):
    pass


def resolve_template_url(url: str, templates_dir: Path) -> Path:
    """The file a `file:` URL names, if it lies inside the templates folder; else RefusedURL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise RefusedURL(f"refused {url!r}: only files under {templates_dir} may be used")
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"refused {url!r}: a file on another host")
    root = Path(templates_dir).resolve()
    path = Path(unquote(parts.path)).resolve()  # resolves `..` and symlinks before the check
    if not path.is_relative_to(root):
        raise RefusedURL(f"refused {url!r}: outside the templates folder {root}")
    if not path.is_file():
        raise RefusedURL(f"refused {url!r}: no such file in the templates folder")
    return path


def templates_only_fetcher(templates_dir: Path, decoded_fonts: dict[Path, bytes] | None = None):
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

        def fetch(self, url, headers=None):
            path = resolve_template_url(url, templates_dir)
            if path in served:
                return URLFetcherResponse(path.as_uri(), served[path], {"Content-Type": "font/ttf"})
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})

    return TemplatesOnlyFetcher()
