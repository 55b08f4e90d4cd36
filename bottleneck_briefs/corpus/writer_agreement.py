"""What the corpus writer (ruamel.yaml, used by `fmt` and `import`) cannot read, told by `check`.

The checker reads with libyaml, which allows a tab wherever YAML allows
white space; ruamel.yaml's scanner refuses a tab outside quotes and block
texts ("found character '\\t' that cannot start any token"). A file that
`check` passes must be one `fmt` and `import` can rewrite, so the writer's own
scanner judges every file that holds a tab (the others cannot differ).
"""

from __future__ import annotations

from bottleneck_briefs.corpus.problems import Problem

MAX_REPORTED = 50  # tabs named in one file; the rest after those are fixed


def tabs_the_writer_refuses(text: str, display_name: str) -> list[Problem]:
    if "\t" not in text:
        return []
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    problems: list[Problem] = []
    lines = text.split("\n")
    while len(problems) < MAX_REPORTED:
        try:
            for _ in YAML(typ="rt").scan("\n".join(lines)):
                pass
            return problems
        except MarkedYAMLError as error:
            mark = error.problem_mark
            line = lines[mark.line] if mark and mark.line < len(lines) else ""
            if not mark or line[mark.column : mark.column + 1] != "\t":
                return problems  # not a tab: the checker's own reader tells what else is wrong
            problems.append(
                Problem(
                    display_name,
                    mark.line + 1,
                    mark.column + 1,
                    "",
                    "tab outside quotes: `fmt` and `import` cannot read it (YAML allows a tab "
                    "only inside quoted or block texts); write a space, or put the text in "
                    "double quotes",
                )
            )
            lines[mark.line] = line[: mark.column] + " " + line[mark.column + 1 :]  # then look for the next one
    return problems
