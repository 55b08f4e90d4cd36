"""`--help` reads well: a whole short help per command, `report`'s options in groups, the same metavars everywhere."""

from __future__ import annotations

import click
import pytest

import cli
from bottleneck_briefs.briefs.formats.output_formats import parse_formats
from conftest import invoke

# what an option's value is, written the same way in every command
METAVARS = {
    "SLUG",
    "NAME",
    "DIR",
    "FILE",
    "YYYY-MM-DD",
    "EDITION",
    "URL",
    "PORT",
    "ADDRESS",
    "ROLE",
    "VALUE",
    "FORMAT[,FORMAT...]",
}


def commands(group: click.Group = cli.main, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = dict(commands())


def test_the_command_list_cuts_no_summary_short():
    result = invoke("--help")
    assert result.exit_code == 0
    listing = result.output.split("Commands:\n", 1)[1]
    assert "..." not in listing and "…" not in listing
    for line in listing.splitlines():
        assert line.rstrip().endswith("."), line  # one whole sentence on one line


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_value_has_one_of_the_shared_metavars(path):
    command = COMMANDS[path]
    # as a real run makes it: under the group's context, whose -h/--help the command inherits (click keeps the
    # help option a command made first, so a context of its own would leave later --help output without -h)
    context = click.Context(
        command,
        info_name=path[-1],
        parent=click.Context(cli.main, info_name="bottlenecks", **cli.main.context_settings),
    )
    for param in command.get_params(context):
        if isinstance(param, click.Option) and param.is_flag:
            continue
        metavar = param.make_metavar(context)
        choice = metavar.startswith("[") and metavar.endswith("]")  # a click.Choice lists its values
        assert choice or metavar.removesuffix("...") in METAVARS, (path, param.opts, metavar)


def test_report_shows_its_options_in_groups():
    help_text = invoke("report", "--help").output
    titles = ["What to render:", "Formats:", "Output:", "Framing:", "Other options:"]
    positions = [help_text.index(f"\n{title}\n") for title in titles]
    assert positions == sorted(positions)
    other = help_text.split("Other options:\n", 1)[1]
    # only what every command has is left over; the facet filters are among what to render
    # (click keeps the help option of the first context it made: `-h, --help`, or `--help` after another test)
    assert [line.split()[0] for line in other.splitlines() if line.startswith("  -")] in (
        ["--corpus", "-h,"],
        ["--corpus", "--help"],
    )
    assert help_text.index("--doelgroep") < help_text.index("Formats:")


def test_both_is_no_listed_format_but_still_accepted():
    format_help = invoke("report", "--help").output.split("--format", 1)[1].split("--pdf-variant", 1)[0]
    assert "pdf, html, docx" in format_help and "both" not in format_help
    assert parse_formats(("both",)) == ("pdf", "html")
