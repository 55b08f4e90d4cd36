"""The command line as a user meets it: help, version, themes, list."""

import cli
from bottleneck_briefs import __version__
from bottleneck_briefs.corpus.loading import load_corpus
from conftest import invoke


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"bottlenecks, version {__version__}"


def test_themes_prints_slug_title_and_count(shipped_corpus_dir):
    corpus = load_corpus(shipped_corpus_dir).corpus
    result = invoke("themes", "--corpus", str(shipped_corpus_dir))
    assert result.exit_code == 0
    themes_part, _, briefs_part = result.output.partition("\n\n")  # the brief files follow after a blank line
    lines = themes_part.splitlines()
    assert len(lines) == len(corpus.codebook.themes)
    for line, theme in zip(lines, corpus.codebook.themes, strict=True):
        assert line.split()[0] == theme.slug
        assert theme.title in line
        assert int(line.split()[-1]) == corpus.count_for(theme.slug)
    assert lines[0].split() == ["financiering", "Financiering", "13"]
    assert briefs_part.splitlines()[0] == "Brief files (report --brief NAME):"
    assert briefs_part.splitlines()[1].split() == [
        "opvang-en-zorg",
        "Opvang",
        "en",
        "zorg",
        "voor",
        "slachtoffers",
        "14",
    ]


def test_list_shows_each_statement_of_the_theme_once(shipped_corpus_dir):
    corpus = load_corpus(shipped_corpus_dir).corpus
    result = invoke("list", "--theme", "opvang", "--corpus", str(shipped_corpus_dir))
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    for statement in corpus.statements:
        assert (statement.id in flat) == ("opvang" in statement.themes)
    assert "Gemis aan bedden; vaak zijn bedden heel specifiek voor bepaalde doelgroepen." in flat


def test_unknown_theme_names_the_available_ones(shipped_corpus_dir):
    result = invoke("list", "--theme", "financering", "--corpus", str(shipped_corpus_dir))
    assert result.exit_code == 2
    assert "unknown theme 'financering' — did you mean 'financiering'?" in result.output
    assert "Available themes: financiering, capaciteit" in result.output


def test_commands_refuse_a_broken_corpus(tmp_path):
    (tmp_path / "codebook.yaml").write_text("themes: [\n")
    result = invoke("themes", "--corpus", str(tmp_path))
    assert result.exit_code == 1
    assert "codebook.yaml:1:9: themes: YAML syntax error: the list opened with '[' at line 1, column 9" in result.output


def _commands_with_date_option():
    return sorted(
        name for name, command in cli.main.commands.items() if any("--date" in param.opts for param in command.params)
    )


def test_every_date_option_is_checked_while_parsing(tmp_path):
    assert "report" in _commands_with_date_option()
    for name in _commands_with_date_option():
        args = [name, "--date", "31-01-2025", "--corpus", str(tmp_path / "nowhere")]
        if name == "report":
            args += ["--theme", "capaciteit"]
        result = invoke(*args)
        assert result.exit_code == 2, (name, result.output)  # usage: refused before the corpus is looked for
        assert "'31-01-2025' is not a date in the form YYYY-MM-DD, e.g. 2025-01-31" in result.output
        assert "corpus folder" not in result.output


def test_every_command_names_a_missing_corpus_folder_in_full(tmp_path):
    commands = sorted(
        name for name, command in cli.main.commands.items() if any("--corpus" in param.opts for param in command.params)
    )
    assert {"check", "fmt", "report", "schema", "serve", "stats", "themes"} <= set(commands)
    for name in commands:
        extra = {
            "report": ["--theme", "capaciteit"],
            "list": ["--theme", "capaciteit"],
            "import": [str(tmp_path / "rows.csv")],
        }.get(name, [])
        result = invoke(name, *extra, "--corpus", str(tmp_path / "nowhere"))
        assert result.exit_code == 1, (name, result.output)
        assert (
            f"corpus folder not found (looked for {tmp_path / 'nowhere'}); run from the folder that holds it, "
            "or name it with --corpus PATH" in result.output
        ), name
