"""Render the site's pages with the briefs' Jinja environment (template_environment.render).

Every page gets the site's data, its own Page, and `link(path)`: the
relative link from this page to another (site_paths.relative), so the
templates never build a URL themselves. With a base URL a page also names
its canonical, absolute address. The briefs' figure helpers and palette are
passed as the briefs pass them, so the site reuses their macros as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bottleneck_briefs import __version__
from bottleneck_briefs.briefs.render import palette
from bottleneck_briefs.briefs.render.charts import bar_chart, heat_map
from bottleneck_briefs.briefs.render.summary_markdown import summary_html
from bottleneck_briefs.briefs.render.template_environment import render, renderer
from bottleneck_briefs.site import site_paths as paths
from bottleneck_briefs.site.page_plan import Page
from bottleneck_briefs.site.site_data import SiteData

STYLESHEET = "site.css"


def absolute(base_url: str | None, path: str) -> str | None:
    """The page's address under the base URL (its folder, without index.html), or None without one."""
    if not base_url:
        return None
    folder = path[: -len(paths.INDEX)] if path.endswith(paths.INDEX) else path
    return base_url.rstrip("/") + "/" + folder


def page_renderer(templates_dir: Path, language: str) -> Callable[..., str]:
    """One renderer for every page of a language: the templates are hashed and compiled once."""
    return renderer(templates_dir, language)


def render_page(
    page: Page,
    site: SiteData,
    render_template: Callable[..., str],
    base_url: str | None,
    languages: tuple[str, ...],
    downloads: dict[str, list],
) -> bytes:
    def link(target: str) -> str:
        return paths.relative(page.path, target)

    # the same page in the other languages of this site, when it is built in more than one
    prefix = paths.language_prefix(site.language)
    own = page.path[len(prefix) :]
    alternates = {language: paths.language_prefix(language) + own for language in languages}
    html = render_template(
        page.template,
        page=page,
        site=site,
        paths=paths,
        link=link,
        canonical=absolute(base_url, page.path),
        alternates=alternates,
        downloads=downloads,
        bar_chart=bar_chart,
        heat_map=heat_map,
        markdown=summary_html,
        palette=palette,
        colours=palette.COLOURS,
        css_properties=palette.css_properties,
        medium="html",
        generator=f"bottlenecks {__version__}",
        **page.context,
    )
    return html.encode("utf-8")


def render_stylesheet(templates_dir: Path) -> bytes:
    """The site's one stylesheet: the briefs' brief.css with the fonts beside it, and the site's own rules."""

    def font_url(name: str) -> str:
        return f"fonts/{name}"

    css = render(
        templates_dir,
        f"site/{STYLESHEET}",
        font_url=font_url,
        css_properties=palette.css_properties,
        palette=palette,
        colours=palette.COLOURS,
        medium="html",
    )
    return css.encode("utf-8")
