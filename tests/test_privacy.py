"""The personal-data guard: each kind found and placed at file:line:col, ordinary text left alone,
a recorded acknowledgement silences exactly its finding, and check, report, import and serve all apply it."""

from pathlib import Path

import pytest

from bottleneck_briefs.corpus.loading import load_corpus
from bottleneck_briefs.corpus.privacy import find_personal_data, mask
from bottleneck_briefs.corpus.privacy_guard import privacy_problems
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file
from bottleneck_briefs.editing.preview_server import PreviewState
from conftest import invoke
from privacy_cases import FOUND, NOT_FOUND

FILE_216 = Path("statements") / "bloemlezing-2.16.yaml"
SOURCE = '{document: bloemlezing-stm, section: "2.16", page: 26}'


@pytest.mark.parametrize(("text", "kind", "exact"), FOUND, ids=[case[2] for case in FOUND])
def test_each_kind_is_found_exactly(text, kind, exact):
    assert [(finding.kind, finding.text) for finding in find_personal_data(text)] == [(kind, exact)]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ordinary_text_gives_no_finding(text):
    assert find_personal_data(text) == []


def test_the_shipped_corpus_is_clean(shipped_corpus_dir):
    result = load_corpus(shipped_corpus_dir)
    assert result.corpus is not None and result.problems == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("06-12345678", "06-1…78"),
        ("jan.jansen@example.nl", "jan.…nl"),
        ("1012 AB", "10…B"),
        ("Kees", "K…"),
    ],
)
def test_findings_are_shown_partly_masked(text, masked):
    assert mask(text) == masked


def add_statements(corpus: Path, *blocks: str) -> None:
    path = corpus / FILE_216
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"\n{block}" for block in blocks), encoding="utf-8")


def statement(number: int, text_lines: str, *extra: str) -> str:
    return (
        "\n".join(
            [f"  - id: KP-{number:03d}", text_lines, f"    source: {SOURCE}", "    themes: [financiering]", *extra]
        )
        + "\n"
    )


def line_of(corpus: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate((corpus / FILE_216).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} is not in the file")


PLANTED = [  # (text, kind, statement index): one of each kind, in folded, plain and quoted scalars
    ("jan.jansen@example.nl", "an e-mail address", 44),
    ("06-12345678", "a phone number", 44),
    ("111222333", "a citizen service number (BSN)", 44),
    ("NL91 ABNA 0417", "a bank account number (IBAN)", 44),  # folded over two lines in the file
    ("1012 AB", "a postcode", 45),
    ("Kalverstraat 12a", "a street address", 45),
    ("mevrouw Bakker", "a person's name", 46),
]


def test_check_reports_each_planted_kind_at_its_line_and_column(corpus_copy):
    add_statements(
        corpus_copy,
        statement(
            90,
            "    text: >-\n"
            "      Mail jan.jansen@example.nl of bel 06-12345678; het BSN is\n"
            "      111222333 en de rekening NL91 ABNA 0417\n"
            "      1643 00.",
        ),
        statement(91, "    text: Ze woont in 1012 AB Amsterdam, op de Kalverstraat 12a."),
        statement(92, '    text: "Vraag het mevrouw Bakker."', "    note: Volgens mevrouw Bakker."),
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    name = corpus_copy / FILE_216
    for planted, kind, index in PLANTED:
        line, column = line_of(corpus_copy, planted)
        found = "NL91 ABNA 0417 1643 00" if planted.startswith("NL91") else planted
        assert (
            f"{name}:{line}:{column}: statements[{index}].text: looks like {kind} ('{mask(found)}'): "
            "remove it, or record in privacy_ok why it may stay"
        ) in result.output, result.output
        assert found not in result.output  # the message never repeats what it warns about
    line, column = line_of(corpus_copy, "note: Volgens mevrouw")
    assert (
        f"{name}:{line}:{column + len('note: Volgens ')}: statements[46].note: looks like a person's name ('mevr…er')"
    ) in result.output
    assert "8 errors, 0 warnings" in result.output


def test_a_finding_in_an_escaped_string_points_at_the_escape_that_wrote_it(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text('statements:\n  - text: "Mail \\u006Aan@example.nl"\n', encoding="utf-8")
    document, problems = read_yaml_file(path, "x.yaml")
    assert problems == []
    text = document.data["statements"][0]["text"]
    [problem] = privacy_problems([(document, ("statements", 0, "text"), text)])
    assert (problem.line, problem.column) == (2, 17)  # the escape \u006A that writes its first letter
    assert "('jan@…nl'): remove it" in problem.message


def test_an_acknowledgement_silences_exactly_its_finding(corpus_copy):
    add_statements(
        corpus_copy,
        statement(
            90,
            "    text: Bel de hulplijn 0800-2000 of mevrouw Bakker op 06-12345678.",
            '    privacy_ok: ["0800-2000: landelijke hulplijn"]',
        ),
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert "('080" not in result.output
    assert "looks like a person's name ('mevr…er')" in result.output
    assert "looks like a phone number ('06-1…78')" in result.output
    assert "2 errors, 0 warnings" in result.output


def test_acknowledged_findings_pass_and_a_stale_one_is_a_warning(corpus_copy):
    add_statements(
        corpus_copy,
        statement(
            90,
            "    text: Bel de landelijke hulplijn 0800-2000.",
            '    privacy_ok: ["0800-2000: landelijke hulplijn", "Kees Bakker: oud"]',
        ),
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 0, result.output
    line, column = line_of(corpus_copy, '"Kees Bakker')
    assert (
        f"{corpus_copy / FILE_216}:{line}:{column}: warning: statements[44].privacy_ok[1]: 'Kees Bakker' "
        "matches nothing the privacy check finds here; remove this acknowledgement"
    ) in result.output


def test_an_acknowledgement_needs_a_reason(corpus_copy):
    add_statements(
        corpus_copy, statement(90, "    text: Bel de landelijke hulplijn 0800-2000.", '    privacy_ok: ["0800-2000"]')
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert (
        "statements[44].privacy_ok[0]: must be 'the exact text: why it may stay', e.g. '0800-2000: landelijke hulplijn'"
    ) in result.output


def test_report_refuses_while_a_finding_stands(corpus_copy, tmp_path):
    add_statements(corpus_copy, statement(90, "    text: Bel 06-12345678 als er iets is."))
    out = tmp_path / "out"
    result = invoke(
        "report",
        "--theme",
        "financiering",
        "--format",
        "html",
        "--date",
        "2025-03-01",
        "--output-dir",
        out,
        "--corpus",
        corpus_copy,
    )
    assert result.exit_code == 1
    assert "looks like a phone number ('06-1…78')" in result.output
    assert result.output.rstrip().endswith("1 error, 0 warnings in 7 files: nothing was written")
    assert not out.exists() or not any(out.iterdir())


def test_import_names_the_row_and_imports_nothing(corpus_copy, tmp_path):
    sheet = tmp_path / "rijen.csv"
    sheet.write_text(
        "tekst;thema's;paragraaf;pagina;noot\n"
        "Er is te weinig geld voor tolken.;financiering;2.16;27;\n"
        "Bel 06-12345678 als er iets is.;financiering;2.16;27;Gesproken met mevrouw Jansen.\n",
        encoding="utf-8",
    )
    before = (corpus_copy / FILE_216).read_bytes()
    result = invoke("import", sheet, "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert ":3: tekst: looks like a phone number ('06-1…78') at character 5: remove it" in result.output
    assert ":3: noot: looks like a person's name ('mevr…en') at character 15: remove it" in result.output
    assert "2 errors: nothing was imported" in result.output
    assert (corpus_copy / FILE_216).read_bytes() == before


def test_serve_lists_the_findings_masked(corpus_copy, tmp_path):
    add_statements(corpus_copy, statement(90, "    text: Mail jan.jansen@example.nl voor meer."))
    state = PreviewState(corpus_copy, tmp_path, lambda *args: "<html></html>")
    _status, page = state.page(None)
    assert "The corpus has problems" in page
    assert "looks like an e-mail address (&#x27;jan.…nl&#x27;)" in page
    assert "jan.jansen@example.nl" not in page


def test_without_its_name_lists_the_check_fails_closed(corpus_copy, monkeypatch):
    """An incomplete installation must not let a brief out unchecked: an error, no traceback."""
    from bottleneck_briefs.corpus import privacy_names

    monkeypatch.setattr(privacy_names, "find_spec", lambda name: None)
    privacy_names.name_lists.cache_clear()
    try:
        result = invoke("check", "--no-cache", "--corpus", corpus_copy)
    finally:
        privacy_names.name_lists.cache_clear()
    assert result.exit_code == 1
    assert result.output.startswith(
        "privacy check: cannot run: the 'deduce' package, whose name lists it reads, "
        "is not installed; reinstall this program with its dependencies (pip install .)"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
