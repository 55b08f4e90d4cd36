"""No traceback, no wrong output: the defects of the third robustness round, each reproduced on a copy of the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import invoke

STATEMENTS = Path("statements") / "bloemlezing-2.15.yaml"
FIRST_TEXT = (
    "    text: >-\n      B8 is bij politie gekoppeld aan aangifte; biedt niet automatisch\n      slachtofferschap.\n"
)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def record(corpus: Path, name: str = "2026-1"):
    return invoke("edition", name, "--date", "2026-03-01", "--corpus", corpus)


def editions_listing(corpus: Path) -> str:
    result = invoke("editions", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    return result.output


# --- item 7: an edition of a text with a no-break space, a double space and an emoji --------------


def test_an_edition_records_a_text_with_an_emoji_and_odd_spaces(corpus_copy):
    text = "B8 is bij politie gekoppeld aan\u00a0aangifte;  biedt niet 😀 automatisch slachtofferschap."
    edit(corpus_copy / STATEMENTS, FIRST_TEXT, f'    text: "{text}"\n')
    result = record(corpus_copy)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    recorded = (corpus_copy / "editions" / "2026-1.yaml").read_text(encoding="utf-8")
    assert "niet 😀 automatisch" in recorded  # readable, not as surrogate escapes
    assert yaml.safe_load(recorded)["statements"][0]["text"] == text
    assert editions_listing(corpus_copy).endswith("the corpus equals edition 2026-1\n")


# --- item 9: equality with an edition does not depend on files or order ----------------------------


def test_moving_renaming_and_reordering_statements_leaves_the_corpus_equal_to_its_edition(corpus_copy):
    assert record(corpus_copy).exit_code == 0
    statements = corpus_copy / "statements"
    (statements / "bloemlezing-2.16.yaml").rename(statements / "a-hernoemd.yaml")  # read first now
    first = corpus_copy / STATEMENTS
    text = first.read_text(encoding="utf-8")
    head, _, items = text.partition("statements:\n")
    entries = items.strip("\n").split("\n\n")
    moved, kept = entries[0], entries[1:]  # KP-001 moves to the other file, the rest reverses order
    first.write_text(head + "statements:\n" + "\n\n".join(reversed(kept)) + "\n", encoding="utf-8")
    other = statements / "a-hernoemd.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "\n" + moved + "\n", encoding="utf-8")
    assert invoke("check", "--corpus", corpus_copy).exit_code == 0
    assert editions_listing(corpus_copy).endswith("the corpus equals edition 2026-1\n")
    # the themes of a statement in another order are not a change either, as the appendix says
    edit(other, "    themes: [opvang, financiering]\n", "    themes: [financiering, opvang]\n")
    assert editions_listing(corpus_copy).endswith("the corpus equals edition 2026-1\n")
    edit(other, FIRST_TEXT, FIRST_TEXT.replace("B8 is", "B9 is"))
    assert editions_listing(corpus_copy).endswith("the corpus has changed since edition 2026-1\n")


# --- item 10: one edition name, whatever the suffix ----------------------------------------------------


def test_an_edition_name_is_taken_whatever_the_suffix(corpus_copy):
    assert record(corpus_copy).exit_code == 0
    editions = corpus_copy / "editions"
    (editions / "2026-1.yaml").rename(editions / "2026-1.yml")
    again = record(corpus_copy)
    assert again.exit_code == 1
    assert "2026-1.yml: edition 2026-1 already exists" in again.output
    assert sorted(path.name for path in editions.iterdir()) == ["2026-1.yml"]
    (editions / "2026-1.yaml").write_bytes((editions / "2026-1.yml").read_bytes())  # as on main, both recorded
    checked = invoke("check", "--corpus", corpus_copy)
    assert checked.exit_code == 1
    assert re.search(
        r"editions/2026-1\.yml:\d+:\d+: edition: edition 2026-1 is recorded twice: also in "
        r"\S*editions/2026-1\.yaml",
        checked.output,
    ), checked.output


# --- item 14: strict dates, formulas, spacing that is no rewording --------------------------------------


@pytest.mark.parametrize("day", ["2026W011", "20260101", "2026-01-01T00:00", "2108-01-01"])
def test_a_date_is_strictly_yyyy_mm_dd_and_fits_an_office_file(corpus_copy, tmp_path, day):
    result = invoke(
        "report",
        "--theme",
        "beleid",
        "--format",
        "docx",
        "--date",
        day,
        "--corpus",
        corpus_copy,
        "--output-dir",
        tmp_path / "out",
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Invalid value for '--date'" in result.output
    assert not (tmp_path / "out").exists()
    edition = invoke("edition", "2026-1", "--date", day, "--corpus", corpus_copy)
    assert edition.exit_code != 0 and not (corpus_copy / "editions").exists()


@pytest.mark.parametrize(
    "epoch, message", [("4386556800", "is after 2107-12-31"), ("99999999999999", "must be a whole number of seconds")]
)
def test_a_source_date_epoch_beyond_what_a_zip_holds_is_refused(corpus_copy, tmp_path, epoch, message):
    result = invoke(
        "report",
        "--theme",
        "beleid",
        "--format",
        "xlsx",
        "--corpus",
        corpus_copy,
        "--output-dir",
        tmp_path / "out",
        env={"SOURCE_DATE_EPOCH": epoch},
    )
    assert result.exit_code == 1 and message in result.output, result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_formula_cell_is_refused_with_its_row_and_column(corpus_copy, tmp_path):
    import xlsxwriter

    sheet_path = tmp_path / "nieuw.xlsx"
    book = xlsxwriter.Workbook(str(sheet_path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["text", "themes", "section", "page"])
    sheet.write_row(1, 0, ["Een nieuwe uitspraak over de opvang van slachtoffers.", "opvang", "2.16", 27])
    sheet.write_formula(2, 0, '=CONCAT("Te weinig ","bedden.")')  # XlsxWriter stores 0 as its result
    sheet.write_row(2, 1, ["opvang", "2.16", 27])
    book.close()
    before = sorted((path.name, path.read_bytes()) for path in (corpus_copy / "statements").iterdir())
    result = invoke("import", sheet_path, "--corpus", corpus_copy)
    assert result.exit_code == 1, result.output
    assert re.search(r"nieuw\.xlsx:3: A: a formula \(=CONCAT\(.*\), not a value", result.output), result.output
    assert sorted((path.name, path.read_bytes()) for path in (corpus_copy / "statements").iterdir()) == before


def test_a_change_of_spacing_alone_is_no_rewording(corpus_copy, tmp_path):
    assert record(corpus_copy).exit_code == 0
    edit(
        corpus_copy / STATEMENTS,
        FIRST_TEXT,
        '    text: "B8 is bij politie gekoppeld aan\\u00a0aangifte;  biedt niet automatisch slachtofferschap."\n',
    )
    assert editions_listing(corpus_copy).endswith("the corpus equals edition 2026-1\n")
    result = invoke(
        "report",
        "--theme",
        "beleid",
        "--format",
        "html",
        "--since",
        "2026-1",
        "--date",
        "2026-03-02",
        "--corpus",
        corpus_copy,
        "--output-dir",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "beleid.html").read_text(encoding="utf-8")
    assert "anders verwoord: 0," in page and "Concept na editie" not in page


# --- item 8: limits of the office files, the reference document, page numbers -----------------------------


def test_a_note_is_as_long_as_a_text_may_be_at_most(corpus_copy):
    from bottleneck_briefs.basics.names import MAX_TEXT_CHARACTERS

    edit(
        corpus_copy / STATEMENTS,
        "    themes: [beleid]\n    partijen: [politie]\n\n  - id: KP-003",
        f"    themes: [beleid]\n    partijen: [politie]\n    note: {'a' * (MAX_TEXT_CHARACTERS + 1)}\n\n  - id: KP-003",
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1 and "note" in result.output, result.output
    assert "statements[0].note: is too long (5001 characters; the limit is 5000)" in result.output, result.output


def test_a_page_number_beyond_any_document_is_refused(corpus_copy):
    edit(
        corpus_copy / STATEMENTS,
        FIRST_TEXT + '    source: {document: bloemlezing-stm, section: "2.15", page: 26}',
        FIRST_TEXT + '    source: {document: bloemlezing-stm, section: "2.15", page: 100000000000000000000000000}',
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1 and "statements[0].source.page" in result.output, result.output
    from bottleneck_briefs.corpus.json_schema import statements_schema
    from bottleneck_briefs.corpus.loading import load_corpus
    from conftest import CORPUS

    schema = statements_schema(load_corpus(CORPUS).corpus.codebook)
    assert '"maximum": 99999' in json.dumps(schema)  # the editors' schema says the same


def test_an_excel_cell_never_takes_more_than_excel_holds():
    import io

    from xlsxwriter import Workbook

    from bottleneck_briefs.briefs.formats.office_files import UnwritableTextError
    from bottleneck_briefs.briefs.formats.xlsx import _put, _Styles

    book = Workbook(io.BytesIO(), {"in_memory": True})
    sheet = book.add_worksheet()
    _put(sheet, _Styles(book), 1, 1, "a" * 32_767)
    with pytest.raises(UnwritableTextError, match=r"cell Sheet1!C2 would hold 32,768 characters"):
        _put(sheet, _Styles(book), 1, 2, "a" * 32_768)


def _reference_docx(folder: Path, edit_document) -> Path:
    import zipfile

    from conftest import TEMPLATES

    folder.mkdir()
    with (
        zipfile.ZipFile(TEMPLATES / "reference.docx") as source,
        zipfile.ZipFile(folder / "reference.docx", "w") as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            target.writestr(member, edit_document(data) if member.filename == "word/document.xml" else data)
    return folder


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda xml: xml[:-40], "AttValue|expected|Premature end"),
        (lambda xml: re.sub(rb"<w:sectPr.*</w:sectPr>", b"", xml, flags=re.S), "no section properties"),
    ],
)
def test_a_broken_reference_document_is_one_line_naming_it_and_nothing_is_written(
    corpus_copy, tmp_path, damage, message
):
    templates = _reference_docx(tmp_path / "huisstijl", damage)
    out = tmp_path / "out"
    result = invoke(
        "report",
        "--theme",
        "beleid",
        "--format",
        "docx,html",
        "--templates",
        templates,
        "--date",
        "2026-01-01",
        "--corpus",
        corpus_copy,
        "--output-dir",
        out,
    )
    assert result.exit_code == 1, result.output
    error = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and "huisstijl/reference.docx: cannot be used as the Word reference document" in error[0]
    assert re.search(message, error[0]), error[0]
    assert "nothing was written" in result.output and not out.exists()


# --- item 2, in the writers: a control character never becomes a traceback ----------------------------------


def test_a_control_character_in_a_text_is_a_one_line_refusal_of_the_word_file(corpus_copy, tmp_path):
    edit(corpus_copy / STATEMENTS, FIRST_TEXT, '    text: "B8 is bij politie gekoppeld aan\\x01aangifte."\n')
    out = tmp_path / "out"
    result = invoke(
        "report",
        "--theme",
        "beleid",
        "--format",
        "docx",
        "--date",
        "2026-01-01",
        "--corpus",
        corpus_copy,
        "--output-dir",
        out,
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not out.exists()
    # check refuses it at its place in the file; the writers' own refusal is the next test
    assert re.search(r"bloemlezing-2\.15\.yaml:\d+:\d+: .*control character U\+0001", result.output), result.output


def test_the_writers_refuse_a_control_character_that_got_past_the_corpus(corpus):
    """Defence in depth, whatever check refuses: a text with U+0001 handed to the Word and codebook writers."""
    from dataclasses import replace
    from datetime import date

    from bottleneck_briefs.briefs.content.brief_data import build_brief
    from bottleneck_briefs.briefs.content.publication_data import framed
    from bottleneck_briefs.briefs.formats import docx
    from bottleneck_briefs.briefs.formats.office_files import UnwritableTextError
    from bottleneck_briefs.briefs.formats.refi_codebook import codebook_xml
    from bottleneck_briefs.briefs.run.brief_jobs import theme_job
    from bottleneck_briefs.briefs.run.report_plan import ReportRequest

    first = corpus.statements[0]
    broken = replace(corpus, statements=(first.model_copy(update={"text": "aan\x01aangifte"}), *corpus.statements[1:]))
    brief = framed(build_brief(broken, first.themes[0], date(2026, 1, 1)), broken)
    with pytest.raises(UnwritableTextError, match=r"text holds U\+0001, .* in 'aan\\x01aangifte'"):
        docx.render(theme_job(first.themes[0]), brief, ReportRequest())
    theme = corpus.codebook.themes[0].model_copy(update={"definition": "Geld\x02."})
    codebook = corpus.codebook.model_copy(update={"themes": [theme, *corpus.codebook.themes[1:]]})
    with pytest.raises(UnwritableTextError, match=r"themes\[0\]\.definition holds U\+0002"):
        codebook_xml(codebook, "nl")


def test_a_control_character_in_a_definition_is_a_one_line_refusal_of_the_codebook(corpus_copy, tmp_path):
    edit(
        corpus_copy / "codebook.yaml",
        "    definition: >-\n      Geld: budgetten, financieringsstromen, kosten, tarieven en bedprijzen.\n",
        '    definition: "Geld:\\x02 budgetten \\e[2J."\n',
    )
    target = tmp_path / "codes.qdc"
    result = invoke("export", "codebook", target, "--corpus", corpus_copy)
    assert result.exit_code == 1 and "Traceback" not in result.output and not target.exists()
    assert "holds U+0002" in result.output or "codebook.yaml:" in result.output, result.output


# --- item 2, on the terminal: one filter for every line a command prints ---------------------------------------

HOSTILE_TITLE = "Financiering\\e[2J\\e]0;titel\\a\\u202e"
RAW = ("\x1b", "\x07", "\u202e")


def escaped_run(*args):
    from click.testing import CliRunner

    import cli

    # color=True: click leaves ANSI sequences in, as on a terminal; only the filter stands between them and it
    return CliRunner().invoke(cli.main, [str(arg) for arg in args], color=True)


def test_a_title_with_terminal_escapes_is_shown_escaped_by_every_command(corpus_copy):
    edit(corpus_copy / "codebook.yaml", "    title: Financiering\n", f'    title: "{HOSTILE_TITLE}"\n')
    edit(
        corpus_copy / STATEMENTS,
        "    themes: [beleid]\n    partijen: [politie]\n\n  - id: KP-003",
        '    themes: [beleid, "x\\e[2J"]\n    partijen: [politie]\n\n  - id: KP-003',
    )
    checked = escaped_run("check", "--corpus", corpus_copy)
    assert checked.exit_code == 1 and r"x\x1b[2J" in checked.output, checked.output
    edit(corpus_copy / STATEMENTS, '    themes: [beleid, "x\\e[2J"]\n', "    themes: [beleid]\n")
    for args in (["themes"], ["list", "--theme", "financiering"], ["report", "--theme", "y\x1b[2J\x1b]0;t\x07"]):
        result = escaped_run(*args, "--corpus", corpus_copy)
        assert not any(character in result.output for character in RAW), (args, result.output)
        assert "Traceback" not in result.output
    # check refuses such a title where it is written; its message shows the escapes as the file writes them
    listed = escaped_run("themes", "--corpus", corpus_copy)
    assert listed.exit_code == 1, listed.output
    assert re.search(
        r"codebook\.yaml:\d+:\d+: themes\[0\]\.title: control character U\+001B, written \\e", listed.output
    ), listed.output


def test_the_filter_keeps_lines_tabs_emoji_sequences_and_persian():
    from bottleneck_briefs.basics.printable import terminal_text

    family, persian = "👨\u200d👩\u200d👧", "می\u200cخواهم"
    assert terminal_text(f"a\tb\n{family} {persian}\u00a0.") == f"a\tb\n{family} {persian}\u00a0."
    assert terminal_text("a\rb\x1b[2J\u2028\udcff") == r"a\x0db\x1b[2J\u2028\xff"


# --- item 11: a summary is never cut short at markdown-it's nesting limit ---------------------------------------

BRIEF = Path("briefs") / "opvang-en-zorg.yaml"
LAST_SUMMARY_LINE = "    verloop bij organisaties kan het vertrouwen doen afnemen (KP-049, KP-022).\n"


def nested_list(levels: int) -> str:
    return "".join(f"  {'  ' * level}- niveau {level + 1}\n" for level in range(levels)) + "\n  Slotalinea.\n"


def test_a_list_nested_nine_levels_is_shown_whole(corpus_copy, tmp_path):
    edit(corpus_copy / BRIEF, LAST_SUMMARY_LINE, LAST_SUMMARY_LINE + "\n" + nested_list(9))
    result = invoke(
        "report",
        "--brief",
        "opvang-en-zorg",
        "--format",
        "html",
        "--date",
        "2026-01-01",
        "--corpus",
        corpus_copy,
        "--output-dir",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "opvang-en-zorg.html").read_text(encoding="utf-8")
    assert "niveau 9" in page and "Slotalinea." in page


def test_a_list_nested_ten_levels_is_refused_at_the_line_where_the_text_would_vanish(corpus_copy, tmp_path):
    edit(corpus_copy / BRIEF, LAST_SUMMARY_LINE, LAST_SUMMARY_LINE + "\n" + nested_list(10))
    line = next(
        number
        for number, text in enumerate((corpus_copy / BRIEF).read_text().splitlines(), 1)
        if text.endswith("- niveau 10")
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1
    assert f"opvang-en-zorg.yaml:{line}:21: summary: the lists are nested too deeply" in result.output, result.output
    written = invoke(
        "report",
        "--brief",
        "opvang-en-zorg",
        "--format",
        "html,docx",
        "--date",
        "2026-01-01",
        "--corpus",
        corpus_copy,
        "--output-dir",
        tmp_path / "out",
    )
    assert written.exit_code == 1 and not (tmp_path / "out").exists()


def test_a_theme_summary_on_one_line_is_refused_too(corpus_copy):
    edit(
        corpus_copy / "codebook.yaml",
        "    title: Financiering\n",
        '    title: Financiering\n    summary: "' + "- " * 12 + 'diep"\n',
    )
    result = invoke("check", "--corpus", corpus_copy)
    assert result.exit_code == 1 and "themes[0].summary: the lists are nested too deeply" in result.output, (
        result.output
    )


# --- item 12: no link out of a --templates folder is followed --------------------------------------------------

SECRET = "geheim-buiten-de-map"


def _templates_with_link(tmp_path: Path, name: str, target: Path) -> Path:
    templates = tmp_path / "huisstijl"
    templates.mkdir()
    (templates / "brief-narrow.css").write_text("/* mine */\n", encoding="utf-8")
    (templates / name).symlink_to(target)
    return templates


def test_a_stylesheet_linked_from_outside_is_refused_and_never_inlined(corpus_copy, tmp_path):
    outside = tmp_path / "elders.css"
    outside.write_text(f"/* {SECRET} */\n", encoding="utf-8")
    templates = _templates_with_link(tmp_path, "brief.css", outside)
    out = tmp_path / "out"
    result = invoke(
        "report",
        "--theme",
        "beleid",
        "--format",
        "html",
        "--templates",
        templates,
        "--date",
        "2026-01-01",
        "--corpus",
        corpus_copy,
        "--output-dir",
        out,
    )
    assert result.exit_code == 2, result.output
    assert "brief.css is a link to a file or folder outside the templates folder" in result.output
    assert not out.exists()


def test_a_linked_folder_outside_is_refused(corpus_copy, tmp_path):
    outside = tmp_path / "andere-fonts"
    outside.mkdir()
    (outside / "x.woff2").write_bytes(b"wOF2")
    templates = _templates_with_link(tmp_path, "fonts", outside)
    result = invoke(
        "report",
        "--theme",
        "beleid",
        "--format",
        "html",
        "--templates",
        templates,
        "--date",
        "2026-01-01",
        "--corpus",
        corpus_copy,
        "--output-dir",
        tmp_path / "out",
    )
    assert result.exit_code == 2 and "fonts is a link to a file or folder outside" in result.output, result.output


def test_the_template_loader_refuses_a_link_made_after_the_check(tmp_path):
    from bottleneck_briefs.briefs.render.template_environment import render
    from bottleneck_briefs.briefs.render.template_folders import TemplateFileError

    outside = tmp_path / "elders.css"
    outside.write_text(f"/* {SECRET} */\n", encoding="utf-8")
    templates = _templates_with_link(tmp_path, "brief.css", outside)
    with pytest.raises(TemplateFileError, match=r"brief\.css is a link to a file outside the templates folder"):
        render(templates, "brief.css")
    (templates / "brief.css").unlink()
    (templates / "eigen").mkdir()
    (templates / "eigen" / "brief.css").write_text(f"/* {SECRET} */\n", encoding="utf-8")
    (templates / "brief.css").symlink_to(Path("eigen") / "brief.css")  # a link inside the folder is fine
    assert SECRET in render(templates, "brief.css")


# --- item 13: a request that trickles in is dropped at its deadline ---------------------------------------------


def test_a_client_that_sends_a_byte_now_and_then_is_dropped_at_the_request_deadline(monkeypatch):
    import socket
    import threading
    import time

    from bottleneck_briefs.editing import preview_server

    monkeypatch.setattr(preview_server, "REQUEST_DEADLINE_SECONDS", 1.5, raising=False)
    stopping = threading.Event()
    server = preview_server.PreviewHTTPServer(("127.0.0.1", 0), preview_server._handler(None, None, stopping))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        with socket.create_connection(server.server_address, timeout=10) as client:
            started = time.monotonic()
            closed_after = None
            for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trickle: " + b"a" * 100:
                try:
                    client.sendall(bytes([byte]))
                    client.settimeout(0.4)  # one byte every 0.4 s: far within the 10 s each read may take
                    if client.recv(1024) == b"":
                        closed_after = time.monotonic() - started
                        break
                except TimeoutError:
                    continue  # still open, as it should be until the deadline
                except OSError:  # reset by the server
                    closed_after = time.monotonic() - started
                    break
                if time.monotonic() - started > 8:
                    break
            assert closed_after is not None, "the server kept reading a request that trickled in for 8 s"
            assert 1.0 < closed_after < 5, closed_after
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
