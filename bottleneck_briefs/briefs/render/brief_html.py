"""Render a brief to one HTML document, for the browser or as input to the PDF.

Both outputs use the same template and stylesheet; they differ only in how the
bundled fonts are referenced. The PDF refers to `fonts/...` relative to the
templates folder (served by the sealed URL fetcher). The HTML file carries the
fonts inline as data: URIs: it must be self-contained (opened from disk or a
mail attachment), and the Latin subsets are about 15 kB each, so embedding
them costs ~90 kB and gives every reader the same typography as the PDF,
where a system-font stack would look different on every machine.
"""

from __future__ import annotations

import base64
from pathlib import Path

from bottleneck_briefs import __version__
from bottleneck_briefs.briefs.content.brief_parts import BriefHeader
from bottleneck_briefs.briefs.render import palette
from bottleneck_briefs.briefs.render.charts import bar_chart, heat_map
from bottleneck_briefs.briefs.render.summary_markdown import summary_html
from bottleneck_briefs.briefs.render.template_environment import render
from bottleneck_briefs.briefs.render.template_folders import TemplateFileError, find

FONT_FOLDER = "fonts"
MEDIA = ("html", "pdf")


def _font_file(templates_dir: Path, name: str) -> Path:
    path = find(templates_dir, f"{FONT_FOLDER}/{name}") if "/" not in name else None
    if path is None:
        raise TemplateFileError(f"font not found in {Path(templates_dir) / FONT_FOLDER}: {name}")
    return path


def render_brief_html(brief: BriefHeader, templates_dir: Path, medium: str = "html") -> str:
    """A brief of any kind (a theme's, the overview): each names its own template."""
    if medium not in MEDIA:
        raise ValueError(f"medium must be one of {MEDIA}")

    def font_url(name: str) -> str:
        path = _font_file(templates_dir, name)
        if medium == "pdf":
            return f"{FONT_FOLDER}/{path.name}"
        return "data:font/woff2;base64," + base64.b64encode(path.read_bytes()).decode("ascii")

    return render(
        templates_dir,
        brief.template,
        brief.language,
        brief=brief,
        medium=medium,
        font_url=font_url,
        bar_chart=bar_chart,
        heat_map=heat_map,
        markdown=summary_html,
        palette=palette,
        colours=palette.COLOURS,
        css_properties=palette.css_properties,
        generator=f"bottlenecks {__version__}",
    )
