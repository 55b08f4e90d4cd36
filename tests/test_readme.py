"""The README's command table says what `bottlenecks --help` says: the same commands, options that exist."""

from __future__ import annotations

import re

import click

import cli
from conftest import ROOT, invoke


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, re.S | re.M).group(1)


def table_rows() -> list[list[str]]:
    """The command table's first column, split into words: ['report', '--theme', 'SLUG'], ..."""
    rows = re.findall(r"^\| `bottlenecks ([^`]+)` \|", readme_section("Commands"), re.M)
    assert rows, "the README's Commands section has no table of `bottlenecks ...` rows"
    return [row.replace("[", " ").replace("]", " ").split() for row in rows]


def help_commands() -> list[str]:
    result = invoke("--help")
    assert result.exit_code == 0, result.output
    listing = result.output.split("Commands:\n", 1)[1]
    return [line.split()[0] for line in listing.splitlines() if line.strip()]


def test_the_table_names_every_command_and_no_other():
    assert sorted({row[0] for row in table_rows()}) == help_commands()


def test_every_option_in_the_table_exists():
    for command, *words in table_rows():
        options = {option for param in cli.main.commands[command].params for option in param.opts}
        named = [word for word in words if word.startswith("-")]
        assert set(named) <= options, (command, sorted(set(named) - options))


def test_every_command_takes_corpus_and_help():
    assert "Every command takes `--corpus DIR` (default `bottlenecks`) and `--help`." in readme_section("Commands")
    for name in help_commands():
        assert invoke(name, "--help").exit_code == 0, name
        command = cli.main.commands[name]
        # a group of commands (`export`): each of its commands takes them
        commands = command.commands if isinstance(command, click.Group) else {"": command}
        for sub, each in commands.items():
            assert invoke(name, *filter(None, [sub]), "--help").exit_code == 0, (name, sub)
            corpus = next(param for param in each.params if "--corpus" in param.opts)
            assert str(corpus.default) == "bottlenecks", (name, sub)
