"""The command line as a user meets it: help, version, themes, list."""


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
    lines = result.output.splitlines()
    assert len(lines) == len(corpus.codebook.themes)
    for line, theme in zip(lines, corpus.codebook.themes, strict=True):
        assert line.split()[0] == theme.slug
        assert theme.title in line
        assert int(line.split()[-1]) == corpus.count_for(theme.slug)
    assert lines[0].split() == ["financiering", "Financiering", "13"]


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
    assert "codebook.yaml:2:1: YAML syntax error" in result.output
