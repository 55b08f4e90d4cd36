"""A net under every command: generated corpora full of hostile values (hostile_values), run through check,
report in every format, export, import, edition and fmt.

Whatever the corpus holds, each command ends with exit status 0, 1 or 2 and
never a traceback; a run that refuses writes nothing; and what a run writes
holds nothing the privacy guard refuses (scanned with the guard itself, so
this net tightens whenever the guard learns more). Bounded and derandomized:
the same examples in every run and in CI.
"""

from __future__ import annotations

import csv
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import cli
from bottleneck_briefs.corpus.privacy import find_in_texts
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file
from hostile_values import hostile_corpus, hostile_rows, write_corpus

# no shrinking: a failure is reported as found, in bounded time (each example runs every command)
SETTINGS = dict(
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DATE = ["--date", "2026-01-01"]
OFFICE_FORMATS = "html,csv,xlsx,docx"


def run(*args: object):
    """One command in this process; whatever happens, it is an exit status of 0, 1 or 2 and no traceback."""
    result = CliRunner().invoke(cli.main, [str(arg) for arg in args])
    shown = f"bottlenecks {' '.join(map(str, args))}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{type(result.exception).__name__}: {result.exception}"
    )
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    return result


class _Text(HTMLParser):
    """The text a reader sees in an HTML brief (not its stylesheet)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag) -> None:
        self._skip -= tag in ("style", "script") and self._skip > 0

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def published_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.html")):
        reader = _Text()
        reader.feed(path.read_text(encoding="utf-8"))
        texts.append(" ".join(reader.parts))
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as source:
            texts += [cell for row in csv.reader(source, delimiter=";") for cell in row]
    return texts


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def assert_refusal_wrote_nothing(result, before: dict[str, bytes], folder: Path) -> None:
    if result.exit_code != 0:
        assert snapshot(folder) == before, result.output


@settings(max_examples=20, **SETTINGS)
@given(files=hostile_corpus(), rows=hostile_rows())
def test_every_command_survives_a_hostile_corpus(files, rows):
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        corpus = base / "corpus"
        write_corpus(corpus, files)
        clean = run("check", "--no-cache", "--corpus", corpus).exit_code == 0

        out = base / "out"
        written = run("report", "--all", "--format", OFFICE_FORMATS, *DATE, "--corpus", corpus, "--output-dir", out)
        if written.exit_code != 0:
            assert not out.exists() or not any(out.iterdir()), written.output
        else:
            assert clean, written.output  # a report only from a corpus that checks clean
            found = [finding for findings in find_in_texts(published_texts(out)) for finding in findings]
            assert not found, found

        target = base / "codes.qdc"
        if run("export", "codebook", target, "--corpus", corpus).exit_code != 0:
            assert not target.exists()

        before = snapshot(corpus)
        sheet = base / "nieuw.csv"
        with sheet.open("w", encoding="utf-8", newline="", errors="surrogatepass") as out_file:
            csv.writer(out_file).writerows(rows)
        imported = run("import", sheet, "--corpus", corpus)
        assert_refusal_wrote_nothing(imported, before, corpus)
        if imported.exit_code == 0 and clean:
            again = run("check", "--no-cache", "--corpus", corpus)
            assert again.exit_code == 0, again.output  # an import keeps the corpus clean

        before = snapshot(corpus)
        recorded = run("edition", "2026-1", *DATE, "--corpus", corpus)
        assert_refusal_wrote_nothing(recorded, before, corpus)
        if recorded.exit_code == 0:
            again = run("check", "--no-cache", "--corpus", corpus)
            assert again.exit_code == 0, again.output  # the edition reads back

        data_before = _data(corpus)
        run("fmt", "--corpus", corpus)
        assert _data(corpus) == data_before  # fmt changes the layout, never the data


def _data(corpus: Path) -> dict[str, object]:
    """Every YAML file's data as the corpus reads it (YAML 1.2's core schema: `no` is a text)."""
    return {
        path.relative_to(corpus).as_posix(): read_yaml_file(path, path.name)[0].data
        for path in sorted(corpus.rglob("*.yaml"))
    }


@settings(max_examples=2, **SETTINGS)
@given(files=hostile_corpus(), english=st.booleans())
def test_a_pdf_of_a_hostile_corpus_is_written_whole_or_not_at_all(files, english):
    """The PDF takes seconds per brief: a few examples only."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus, out = Path(scratch) / "corpus", Path(scratch) / "out"
        write_corpus(corpus, files)
        result = run(
            "report",
            "--theme",
            "financiering",
            "--format",
            "pdf",
            "--lang",
            "en" if english else "nl",
            *DATE,
            "--corpus",
            corpus,
            "--output-dir",
            out,
        )
        if result.exit_code != 0:
            assert not out.exists() or not any(out.glob("*.pdf")), result.output
        else:
            assert (out / ("financiering.en.pdf" if english else "financiering.pdf")).stat().st_size > 0
