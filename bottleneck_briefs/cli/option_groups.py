"""`--help` with the options in named groups, for a command with many of them (`report`).

A command lists its groups as (title, parameter names). The facet filters the codebook declares are
only known when the command runs (parameters named facet_...): they go to the command's facet_group.
Any other option in no group (--corpus, --help) is listed last, under "Other options".
"""

from __future__ import annotations

import click

OTHER = "Other options"
COLUMN_MAX = 30  # click's own: a longer option name gets its help on the next line


class GroupedOptionsCommand(click.Command):
    """A click command whose help shows its options under headings instead of one long list."""

    option_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    facet_group: str = OTHER  # where the codebook's facet filters (parameters named facet_...) are listed

    def group_of(self, param: click.Parameter) -> str:
        for title, names in self.option_groups:
            if param.name in names:
                return title
        return self.facet_group if (param.name or "").startswith("facet_") else OTHER

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        grouped: dict[str, list[tuple[str, str]]] = {title: [] for title, _ in self.option_groups}
        grouped[OTHER] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                grouped[self.group_of(param)].append(record)
        # one column of option names for all groups, as one list would have it
        widest = min(max((len(name) for records in grouped.values() for name, _ in records), default=0), COLUMN_MAX)
        for title, records in grouped.items():
            if records:
                own = min(max(len(name) for name, _ in records), COLUMN_MAX)
                with formatter.section(title):
                    formatter.write_dl(records, col_max=COLUMN_MAX, col_spacing=2 + widest - own)
