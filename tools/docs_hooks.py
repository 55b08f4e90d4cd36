"""MkDocs hooks: the corpus format page is generated from the JSON Schemas `bottlenecks schema` writes.

docs/reference/corpus-format.md holds the marker `<!-- corpus-fields -->`; at build time it becomes one
section per schema in bottlenecks/schema/ (every file of the corpus and every field, its type, whether it
is required and what it means), and the schema files themselves are published beside the page to download.

The command line reference (mkdocs-click) lists a command's options as `--help` does, in the same groups.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import click
import mkdocs_click._docs
from mkdocs.structure.files import File

from bottleneck_briefs.cli.option_groups import GroupedOptionsCommand

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "bottlenecks" / "schema"
MARKER = "<!-- corpus-fields -->"
PUBLISHED = "reference/schema"  # where the schema files are in the built site


def _type(field: dict, defs: dict) -> str:
    if "$ref" in field:
        return f"{field['$ref'].rsplit('/', 1)[1]}"
    if "anyOf" in field:
        kinds = [_type(option, defs) for option in field["anyOf"] if option.get("type") != "null"]
        return " or ".join(kinds) + (" (optional)" if len(kinds) < len(field["anyOf"]) else "")
    kind = field.get("type", "any")
    if kind == "array":
        return f"list of {_type(field.get('items', {}), defs)}"
    if "enum" in field:
        values = field["enum"]
        return f"{kind}: " + ", ".join(f"`{value}`" for value in values[:8]) + (", …" if len(values) > 8 else "")
    return str(kind)


def _table(name: str, shape: dict, defs: dict) -> list[str]:
    required = set(shape.get("required", []))
    lines = [f"**{name}**", "", '<div class="cards" markdown>', ""]
    lines += ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for field, spec in shape.get("properties", {}).items():
        meaning = " ".join((spec.get("description") or spec.get("title") or "").split()).replace("|", "\\|")
        kind = _type(spec, defs).replace("|", "\\|")
        lines.append(f"| `{field}` | {kind} | {'yes' if field in required else 'no'} | {meaning} |")
    return [*lines, "", "</div>", ""]


def corpus_fields() -> str:
    parts = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        defs = schema.get("$defs", {})
        parts += [f"## {schema.get('title', path.name)}", "", f"Schema: [`{path.name}`](schema/{path.name})", ""]
        parts += _table("the file", schema, defs)
        for name, shape in defs.items():
            if shape.get("properties"):
                parts += _table(name, shape, defs)
    return "\n".join(parts)


def on_page_markdown(markdown: str, page, config, files) -> str:
    return markdown.replace(MARKER, corpus_fields()) if MARKER in markdown else markdown


_INLINE_CODE = re.compile(r"(<code>)(.*?)(</code>)", re.S)
_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def on_page_content(html: str, page, config, files) -> str:
    """An option in inline code (`--theme`) is one word: a phone's browser must not break it after a hyphen.

    Code blocks are left alone: their <code> follows <pre>, and they scroll instead of wrapping.
    """

    def keep_options_whole(match: re.Match) -> str:
        if html[max(0, match.start() - 40) : match.start()].rstrip().endswith(">") and html.rfind(
            "<pre", 0, match.start()
        ) > html.rfind("</pre>", 0, match.start()):
            return match.group()
        return match.group(1) + _OPTION.sub(r'<span class="option">\1</span>', match.group(2)) + match.group(3)

    return _label_card_cells(_INLINE_CODE.sub(keep_options_whole, html))


_CARDS = re.compile(r'(<div class="cards">)(.*?)(</div>)', re.S)


def _label_card_cells(html: str) -> str:
    """Each cell of a table in a div.cards gets its column's header as data-label: a phone shows the row
    as a block, each value headed by what it is (docs/stylesheets/extra.css)."""

    def label(match: re.Match) -> str:
        headers = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", match.group(2))]

        def row(tr: re.Match) -> str:
            cells = iter(headers)
            return re.sub(r"<td([ >])", lambda td: f'<td data-label="{next(cells, "")}"{td.group(1)}', tr.group())

        return match.group(1) + re.sub(r"<tr>.*?</tr>", row, match.group(2), flags=re.S) + match.group(3)

    return _CARDS.sub(label, html)


def on_files(files, config):
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        files.append(File.generated(config, f"{PUBLISHED}/{path.name}", abs_src_path=str(path)))
    return files


# --- the command line reference ------------------------------------------------------------------

_plain_options = mkdocs_click._docs._make_plain_options  # mkdocs-click's: one list under "Options"


def _options_as_help_shows_them(ctx: click.Context, show_hidden: bool = False) -> Iterator[str]:
    """A command that groups its options in `--help` (`report`) gets the same groups, in the same order.

    mkdocs-click calls click's own format_options, which would list them all under "Options".
    """
    if not isinstance(ctx.command, GroupedOptionsCommand):
        yield from _plain_options(ctx, show_hidden=show_hidden)
        return
    formatter = ctx.make_formatter()
    ctx.command.format_options(ctx, formatter)
    for section in re.split(r"\n(?=\S)", formatter.getvalue().strip("\n")):
        title, _, body = section.partition("\n")
        yield from (f"**{title}**", "", "```text", *body.splitlines(), "```", "")


def on_config(config):
    mkdocs_click._docs._make_plain_options = _options_as_help_shows_them
    return config
