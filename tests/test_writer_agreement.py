"""The checker's and the writer's YAML readers agree: what `check` passes, `fmt` and `import` can rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke

FILE_216 = Path("statements") / "bloemlezing-2.16.yaml"
ORIGINAL = "    text: Capaciteitstekort politie.\n"
CASES = {  # what the line becomes: YAML allows these tabs, but only libyaml (check's reader) reads them
    "tab inside a plain text": "    text: Capaciteitstekort\tpolitie.\n",
    "tab after the colon": "    text:\tCapaciteitstekort politie.\n",
    "tab at the end": "    text: Capaciteitstekort politie.\t\n",
}


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output and "ruamel" not in result.output.lower(), result.output


def with_line(corpus: Path, old: str, new: str) -> int:
    path = corpus / FILE_216
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_check_names_a_tab_in_a_plain_text_at_its_line_and_column(corpus_copy):
    for case, new in CASES.items():
        line = with_line(corpus_copy, ORIGINAL, new)
        result = invoke("check", "--corpus", corpus_copy)
        assert result.exit_code == 1
        assert (
            f"bloemlezing-2.16.yaml:{line}:{new.index(chr(9)) + 1}: tab outside quotes: `fmt` and `import` "
            "cannot read it" in result.output
        ), (case, result.output)
        with_line(corpus_copy, new, ORIGINAL)


def test_check_names_every_such_tab_in_one_run(corpus_copy):
    path = corpus_copy / FILE_216
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [financiering]", "themes:\t[financiering]"), encoding="utf-8"
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert result.output.count("tab outside quotes") == path.read_text(encoding="utf-8").count(":\t[")
    assert result.output.count("tab outside quotes") > 1


@pytest.mark.parametrize("case", CASES)
def test_import_and_fmt_refuse_with_checks_message_never_a_traceback(corpus_copy, tmp_path, case):
    with_line(corpus_copy, ORIGINAL, CASES[case])
    before = (corpus_copy / FILE_216).read_bytes()
    sheet = tmp_path / "rij.csv"
    sheet.write_text("text,themes,section,page\nEen nieuwe uitspraak.,zorg,2.16,27\n", encoding="utf-8")
    for args in (["import", sheet], ["fmt"], ["fmt", "--check"]):
        result = invoke(*args, "--corpus", corpus_copy)
        assert result.exit_code == 1, (args, result.output)
        assert "tab outside quotes" in result.output, (args, result.output)
        no_traceback(result)
    assert (corpus_copy / FILE_216).read_bytes() == before


def test_what_check_passes_fmt_and_import_can_write(corpus_copy, tmp_path):
    """A tab inside double quotes (as the escape \\t) or inside an imported cell is fine for both readers."""
    with_line(corpus_copy, ORIGINAL, '    text: "Capaciteitstekort\\tpolitie."\n')
    assert invoke("check", "--corpus", corpus_copy).exit_code == 0
    sheet = tmp_path / "rij.csv"
    sheet.write_text('text,themes,section,page\n"Een nieuwe\tuitspraak met een tab.",zorg,2.16,27\n', encoding="utf-8")
    for args in (["import", sheet], ["fmt"], ["check"]):
        result = invoke(*args, "--corpus", corpus_copy)
        assert result.exit_code == 0, (args, result.output)
        no_traceback(result)
