"""The documentation is checked like code.

- The site builds with `mkdocs build --strict` (no broken link, no page outside the navigation) and
  fetches nothing from another origin (no CDN, no Google fonts).
- Every `bottlenecks ...` command the docs and the README show is a real command with real options; the
  concrete ones (no placeholder such as SLUG or [--lang en]) run, page by page in the order shown, on a
  scratch copy of the corpus, and where the docs show their output (a `$ ` block) the output is compared.
- Every command and option, and every message `check` can give, has documentation; the command line
  reference shows `report`'s options in the groups its `--help` shows.

A page steers its run with an HTML comment before a block, which the site does not show:
`<!-- docs-test: setup SHELL COMMAND -->` runs a shell command in the scratch folder first ($REPO is the
repository, $PYTHON this Python), e.g. the fix the text tells the reader to make.
"""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest

import cli
from bottleneck_briefs.cli.facet_options import declared_facet_options
from check_messages import check_messages, documentation_key
from conftest import ROOT, invoke

DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]
# commands that run until they are stopped: checked as written, never run here (tests/test_serve.py runs it)
NOT_RUN = {("serve",)}
PLACEHOLDER = re.compile(r"\[|\||\.\.\.|…|(?<![\w.-])[A-Z][A-Z_]*(?![\w-])")
ANY_LINES = {"...", "…"}  # a line of shown output that stands for any number of lines


@dataclass
class Shown:
    """One `bottlenecks ...` command a page shows."""

    page: Path
    line: int
    text: str
    output: list[str] | None = None  # what the page shows it prints, in a `$ ` block
    setup: list[str] = field(default_factory=list)  # shell commands the page's comments ask for first
    status_shown: int | None = None  # the exit status a following `$ echo $?` shows

    @property
    def words(self) -> list[str]:
        return shlex.split(self.text, comments=True)

    @property
    def concrete(self) -> bool:
        return not PLACEHOLDER.search(self.text.split(" #", 1)[0])

    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}: {self.text}"


def _command_text(line: str) -> str | None:
    line = line.strip().removeprefix("$ ").removeprefix(".venv/bin/")
    return line if line.startswith("bottlenecks ") or line == "bottlenecks" else None


def shown_commands(page: Path) -> list[Shown]:
    """The commands in the page's fenced blocks, in order, with the output of those in a `$ ` block."""
    text = page.read_text(encoding="utf-8")
    found: list[Shown] = []
    previous_end = 0
    for block in re.finditer(r"^( *)```[^\n]*\n(.*?)^ *```", text, re.S | re.M):
        setup = re.findall(r"<!-- docs-test: setup (.*?) -->", text[previous_end : block.start()], re.S)
        previous_end = block.end()
        first_line = text.count("\n", 0, block.start()) + 2
        lines = [line.removeprefix(block.group(1)) for line in block.group(2).splitlines()]
        console = any(line.startswith("$ ") for line in lines)
        current: Shown | None = None
        for number, line in enumerate(lines, start=first_line):
            if console and line.startswith("$ "):
                if line == "$ echo $?" and current is not None:
                    current = None
                    continue
                command = _command_text(line)
                assert command is not None, f"{page.relative_to(ROOT)}:{number}: a `$ ` line the test cannot run"
                current = Shown(page, number, command, output=[], setup=setup)
                setup = []
                found.append(current)
            elif (
                console
                and current is None
                and found
                and found[-1].status_shown is None
                and lines[number - first_line - 1] == "$ echo $?"
            ):
                found[-1].status_shown = int(line)
            elif console and current is not None:
                assert current.output is not None
                current.output.append(line)
            elif not console and (command := _command_text(line)) is not None:
                found.append(Shown(page, number, command, setup=setup))
                setup = []
            elif not console and found and found[-1].page == page and re.match(r" +\[?--", line):
                found.append(Shown(page, number, f"{found[-1].words[0]} {found[-1].words[1]} {line.strip()}"))
    return found


def inline_commands(page: Path) -> list[Shown]:
    """The `bottlenecks ...` code spans in the page's prose."""
    text = re.sub(r"^ *```.*?^ *```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    return [Shown(page, 0, span) for span in re.findall(r"`(bottlenecks [^`]+)`", text)]


def command_and_options(words: list[str]) -> tuple[tuple[str, ...], click.Command, list[str]]:
    """The command path the words name, the command, and the options they give."""
    command: click.Command = cli.main
    path: list[str] = []
    rest = words[1:]
    while isinstance(command, click.Group) and rest and rest[0] in command.commands:
        command = command.commands[rest[0]]
        path.append(rest.pop(0))
    options = [word.split("=", 1)[0] for word in rest if word.startswith("-") and word not in ("-", "--")]
    return tuple(path), command, options


FACET_OPTIONS = {facet.option for facet in declared_facet_options(ROOT / "bottlenecks")}


def known_options(command: click.Command) -> set[str]:
    options = {opt for param in command.params for opt in [*param.opts, *param.secondary_opts]}
    return options | (FACET_OPTIONS if command.name in ("report", "list") else set()) | {"--help", "-h"}


ALL_SHOWN = [shown for page in PAGES for shown in shown_commands(page) + inline_commands(page)]


def test_every_command_shown_is_a_command_with_options_it_has():
    wrong = []
    for shown in ALL_SHOWN:
        path, command, options = command_and_options(shown.text.replace("[", " ").replace("]", " ").split())
        if isinstance(command, click.Group) and not set(options) <= known_options(command):
            wrong.append(f"{shown.where()}: names no command")  # `bottlenecks --help` is fine
        elif unknown := sorted(set(options) - known_options(command)):
            wrong.append(f"{shown.where()}: {' '.join(path)} has no option {', '.join(unknown)}")
    assert wrong == []


def _commands(group: click.Group = cli.main, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def test_every_command_is_shown_in_the_guides():
    shown = {command_and_options(each.text.replace("[", " ").replace("]", " ").split())[0] for each in ALL_SHOWN}
    assert sorted(" ".join(path) for path, _ in _commands() if path not in shown) == [], (
        "commands shown nowhere in the docs (a code block, or `bottlenecks ...` in the text)"
    )


def test_every_command_and_option_has_the_help_the_reference_is_made_of():
    """docs/reference/cli.md is generated from these texts (mkdocs-click), so none may be missing."""
    assert "::: mkdocs-click" in (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for path, command in _commands():
        if not (command.help or "").strip():
            missing.append(" ".join(path))
        missing += [
            f"{' '.join(path)} {param.opts[0]}"
            for param in command.params
            if isinstance(param, click.Option) and not (param.help or "").strip()
        ]
    assert missing == []


CHECK_PAGE = DOCS / "editors" / "check-messages.md"


def test_every_check_message_is_documented():
    # in an entry's heading: an example that happens to print the message does not explain it
    page = "\n".join(line for line in CHECK_PAGE.read_text(encoding="utf-8").splitlines() if line.startswith("- `"))
    undocumented = sorted(
        {
            f"{places[0]}: {message!r}"
            for message, places in check_messages().items()
            if (key := documentation_key(message)) is not None and key not in page
        }
    )
    assert undocumented == [], f"messages of `check` that {CHECK_PAGE.name} does not explain"


def test_every_benchmark_script_is_on_the_benchmarks_page():
    page = (DOCS / "development" / "benchmarks.md").read_text(encoding="utf-8")
    scripts = sorted(path.name for path in (ROOT / "benchmarks").glob("*.py") if not path.name.startswith("_"))
    assert [name for name in scripts if f"benchmarks/{name}" not in page] == []


# --- the site ------------------------------------------------------------------------------------

FOREIGN = re.compile(
    r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']?(?:https?:)?//|"""
    r"""<link\b[^>]*\bhref=["']?(?:https?:)?//|url\(["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.I,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The site as `mkdocs build --strict` makes it."""
    site = tmp_path_factory.mktemp("docs") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_site_builds_strictly_and_fetches_nothing_from_elsewhere(built):
    assert (built / "reference" / "cli" / "index.html").read_text(encoding="utf-8").count("Usage:") > 10
    fields = (built / "reference" / "corpus-format" / "index.html").read_text(encoding="utf-8")
    assert "<code>retired_ids</code>" in fields and "<code>privacy_ok</code>" in fields
    foreign = [
        f"{path.relative_to(built)}: {match.group()}"
        for path in [*built.rglob("*.html"), *built.rglob("*.css")]
        for match in FOREIGN.finditer(path.read_text(encoding="utf-8"))
    ]
    assert foreign == []
    assert not [
        path
        for path in built.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".css", ".js")
        and "fonts.googleapis" in path.read_text(encoding="utf-8")
    ]


def _option_groups(text: str) -> list[tuple[str, list[str]]]:
    """The headed option groups of a help text: each title with the options listed under it, in order."""
    groups: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if re.fullmatch(r"[A-Z][\w ]*:", line) and line != "Usage:":
            groups.append((line.removesuffix(":"), []))
        elif groups and (option := re.match(r" {2}(?:-\w, )?(--[\w-]+)", line)):
            groups[-1][1].append(option.group(1))
    return groups


def test_the_reference_groups_reports_options_as_its_help_does(built):
    page = (built / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    section = page.split('id="bottlenecks-report"', 1)[1].split("<h3 ", 1)[0]
    shown = html.unescape(re.sub(r"<[^>]+>", "", section.split("Usage:", 1)[1]))
    helped = invoke("report", "--help").output.split("\n\n", 1)[1]
    # the facet filters come from the corpus a run reads: the page says so and leaves them out
    without_facets = [
        (title, [option for option in options if option not in FACET_OPTIONS])
        for title, options in _option_groups(helped)
    ]
    assert len(_option_groups(shown)) > 2
    assert _option_groups(shown) == without_facets


# Runs in node with the repository's playwright-core and Debian's Chromium (as tests/checkers/*.mjs do): for
# each width and page, the code names in a table that a line break splits, and whether a table scrolls sideways.
TABLE_LAYOUT = """
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [root, widths, ...files] = process.argv.slice(1);
const { chromium } = createRequire(root + '/package.json')('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'] });
const found = [];
for (const width of widths.split(',').map(Number)) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, offline: true });
  await context.route(/^(?!file:|data:)/, (route) => route.abort());
  const page = await context.newPage();
  for (const file of files) {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const measured = await page.evaluate(() => ({
      split: [...document.querySelectorAll('.md-content table code')]
        .filter((code) => code.getClientRects().length > 1).map((code) => code.textContent),
      cards: document.querySelectorAll('.md-content .cards table').length,
      scrolling: [...document.querySelectorAll('.md-content .cards table')]
        .filter((table) => table.scrollWidth > table.clientWidth + 1).length,
    }));
    found.push({ width, file, ...measured });
  }
  await context.close();
}
await browser.close();
process.stdout.write(JSON.stringify(found));
"""


@pytest.mark.xdist_group("third-party-checkers")
def test_no_code_name_in_a_table_breaks_mid_word_at_1280_or_390_px(built):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "playwright-core" / "package.json").exists():
        pytest.fail("node and playwright-core are missing: run `bash .ci/install --checkers` first", pytrace=False)
    pages = sorted(page for page in built.rglob("*.html") if "<table>" in page.read_text(encoding="utf-8"))
    assert built / "development" / "architecture" / "index.html" in pages
    done = subprocess.run(
        [node, "--input-type=module", "-e", TABLE_LAYOUT, str(ROOT), "1280,390", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout)
    assert len(measured) == 2 * len(pages)
    split = [f"{each['width']} px {each['file']}: {each['split']}" for each in measured if each["split"]]
    assert split == []
    # the architecture page's rooms and the corpus format's fields become one block per row on a phone, each
    # value headed by its column: nothing to scroll sideways
    carded = {(each["width"], each["file"].split("/")[-2]) for each in measured if each["cards"]}
    assert carded >= {(width, page) for width in (1280, 390) for page in ("architecture", "corpus-format")}
    for page, column in (("development/architecture", "may import"), ("reference/corpus-format", "meaning")):
        assert f'<td data-label="{column}">' in (built / page / "index.html").read_text(encoding="utf-8")
    assert [each["width"] for each in measured if each["scrolling"]] == []


# --- the check messages' examples ------------------------------------------------------------------


@dataclass
class CheckExample:
    """One message of the check messages page, with the files of its example and what `check` prints for them.

    An example is the message's list item: the files an editor would write (a fenced block with a title,
    the file's path from the folder `check` runs in), optional `<!-- docs-test: setup ... -->` commands (a file
    to remove, say), and a ```text block with the lines `check` prints (without its closing count), after
    the command when it is not `bottlenecks check` (`$ bottlenecks check --corpus ...`). In a file, ⟨U+200B⟩
    stands for a character nobody sees and ⟨0xE9⟩ for a byte that is no text. A message no file can make
    quickly says why in `<!-- docs-test: no example: REASON -->`.
    """

    line: int
    message: str  # as the page documents it, `…` for what differs each time
    files: dict[str, bytes]
    setup: list[str]
    printed: list[str]
    no_example: str | None

    def pattern(self) -> re.Pattern:
        return re.compile(".*?".join(re.escape(part) for part in self.message.split("…")))


_UNSEEN = re.compile(r"⟨U\+([0-9A-F]{4,6})⟩|⟨0x([0-9A-F]{2})⟩")


def _file_bytes(shown: str) -> bytes:
    parts = []
    position = 0
    for match in _UNSEEN.finditer(shown):
        parts.append(shown[position : match.start()].encode())
        code, byte = match.groups()
        parts.append(chr(int(code, 16)).encode() if code else bytes([int(byte, 16)]))
        position = match.end()
    return b"".join([*parts, shown[position:].encode()])


def check_examples() -> list[CheckExample]:
    text = CHECK_PAGE.read_text(encoding="utf-8")
    examples = []
    for item in re.finditer(r"^- (`+) ?(.+?) ?\1 *\n(.*?)(?=^- `|^#|\Z)", text, re.S | re.M):
        body = item.group(3)
        files, printed = {}, []
        for block in re.finditer(r'^ *```(\w*)(?: title="([^"]+)")?\n(.*?)^ *```', body, re.S | re.M):
            lines = block.group(3).splitlines()
            indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
            content = "\n".join(line[indent:] for line in lines)
            if block.group(2):
                files[block.group(2)] = _file_bytes(content + "\n")
            elif block.group(1) == "text":
                printed = content.splitlines()
        setup = re.findall(r"<!-- docs-test: setup (.*?) -->", body, re.S)
        reason = re.search(r"<!-- docs-test: no example: (.+?) -->", body, re.S)
        line = text.count("\n", 0, item.start()) + 1
        examples.append(CheckExample(line, item.group(2), files, setup, printed, reason and reason.group(1)))
    return examples


CHECK_EXAMPLES = check_examples()


def test_every_check_message_on_the_page_has_an_example():
    assert len(CHECK_EXAMPLES) > 50
    assert [
        f"{CHECK_PAGE.name}:{each.line}: {each.message}"
        for each in CHECK_EXAMPLES
        if not each.printed and not (each.no_example or "").strip()
    ] == []
    assert [each.message for each in CHECK_EXAMPLES if each.printed and each.no_example] == []
    assert len([each for each in CHECK_EXAMPLES if each.no_example]) <= 7  # examples are the rule


@pytest.mark.parametrize(
    "example", [each for each in CHECK_EXAMPLES if each.printed], ids=lambda each: f"line{each.line}"
)
def test_a_check_message_example_prints_what_the_page_shows(example, tmp_path, monkeypatch):
    """The example's files, put in a copy of the shipped corpus, make `check` print the lines the page shows."""
    shutil.copytree(ROOT / "bottlenecks", tmp_path / "bottlenecks")
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHON": sys.executable, "REPO": str(ROOT)}
    for command in example.setup:
        subprocess.run(["sh", "-c", command], cwd=tmp_path, env=environment, check=True)
    for name, content in example.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    arguments = example.printed[0].removeprefix("$ bottlenecks ").split() if example.printed[0].startswith("$ ") else []
    shown = example.printed[1:] if arguments else example.printed
    result = invoke(*(arguments or ["check"]))
    output = result.output.replace(str(tmp_path), "/home/redacteur")  # the folder it runs in, as the page shows it
    printed = [line for line in output.splitlines() if not re.fullmatch(r"\d+ errors?, \d+ warnings? in .*", line)]
    assert printed == shown, f"{CHECK_PAGE.name}:{example.line}: {example.message}"
    errors = [line for line in shown if ": warning: " not in line and not line.endswith(": OK")]
    assert result.exit_code == (1 if errors else 0), result.output
    assert any(example.pattern().search(line) for line in shown), (
        f"the example shows another message than {example.message!r}"
    )


# --- running what the docs show --------------------------------------------------------------------

RUN_PAGES = [  # the check messages page's examples run in a test of their own, above
    page
    for page in PAGES
    if page != CHECK_PAGE
    and any(
        shown.concrete and tuple(command_and_options(shown.words)[0]) not in NOT_RUN for shown in shown_commands(page)
    )
]


def _matches(shown: list[str], printed: list[str]) -> bool:
    """Shown output equals printed output, a line '...' standing for any number of lines."""
    if not shown:
        return not printed
    if shown[0].strip() in ANY_LINES:
        return any(_matches(shown[1:], printed[start:]) for start in range(len(printed) + 1))
    return bool(printed) and shown[0].rstrip() == printed[0].rstrip() and _matches(shown[1:], printed[1:])


@pytest.mark.parametrize("page", RUN_PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_the_commands_a_page_shows_run_as_shown(page, tmp_path):
    scratch = tmp_path / "scratch"
    shutil.copytree(ROOT / "bottlenecks", scratch / "bottlenecks")
    shutil.copytree(DOCS / "examples", scratch / "docs" / "examples")
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "REPO": str(ROOT),
        "PYTHON": sys.executable,
        "SOURCE_DATE_EPOCH": "1767225600",
        "COLUMNS": "80",
    }
    for shown in shown_commands(page):
        for command in shown.setup:
            subprocess.run(["sh", "-c", command], cwd=scratch, env=environment, check=True)
        path = command_and_options(shown.words)[0]
        if not shown.concrete or path in NOT_RUN:
            continue
        result = subprocess.run(
            [sys.executable, "-m", "cli", *shown.words[1:]],
            cwd=scratch,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
        )
        printed = result.stdout.splitlines()
        assert "Traceback" not in result.stdout, f"{shown.where()}\n{result.stdout}"
        expected_status = shown.status_shown if shown.status_shown is not None else 0
        assert result.returncode == expected_status, f"{shown.where()}: exit {result.returncode}\n{result.stdout}"
        expected = "\n".join(shown.output or []).strip("\n").splitlines()  # a blank line between commands
        if expected:
            assert _matches(expected, printed), (
                f"{shown.where()}: the page shows\n" + "\n".join(shown.output) + "\n\nit prints\n" + result.stdout
            )
