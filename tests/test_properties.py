"""Properties over generated corpora: every statement of a theme in its brief exactly once, ids stable under fmt,
and no byte sequence makes `check` or `fmt` raise."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bottleneck_briefs.briefs.run.report_plan import ReportRequest
from bottleneck_briefs.briefs.run.report_run import run_report
from bottleneck_briefs.corpus.loading import load_corpus
from bottleneck_briefs.corpus.privacy_guard import findings_as_published
from bottleneck_briefs.editing.canonical_format import format_corpus, write_result
from check_cases import MINIMAL
from conftest import squash
from test_report import StatementTexts

THEMES = ("financiering", "capaciteit")
FACET_VALUES = {"doelgroep": ["minderjarigen"], "partijen": ["politie", "gemeenten"], "uitbuitingsvorm": ["seksueel"]}
# Characters the bundled fonts and the installed fallbacks (DejaVu, Noto Color Emoji) can all draw;
# markup and quotes on purpose. Right-to-left script is in the fault suite: pdftotext reorders it.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "àáâäçèéêëíïñóöúüßøåæœÉÖ€§–—‘’“”…°½αβγΩжзДЖ<>&\"'/=;:,.!?()[]{}#*%+-_🚨📱😟🤝"
)
WORDS = st.text(alphabet=ALPHABET, min_size=1, max_size=14)
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@st.composite
def statements(draw):
    """1-6 valid statements; each text starts and ends with a marker naming its number, so matching is exact."""
    count = draw(st.integers(1, 6))
    result = []
    for number in range(count):
        words = draw(st.lists(WORDS, min_size=1, max_size=25))
        statement = {
            "id": f"KP-{100 + number}",
            "text": f"QQ{number}START " + " ".join(words) + f" QQ{number}END",
            "source": {"document": "bloemlezing", "section": "2.16", "page": draw(st.integers(1, 400))},
            "themes": draw(st.lists(st.sampled_from(THEMES), min_size=1, max_size=2, unique=True)),
        }
        for facet, values in FACET_VALUES.items():
            chosen = draw(st.lists(st.sampled_from(values), max_size=len(values), unique=True))
            if chosen:
                statement[facet] = chosen
        if draw(st.booleans()):
            statement["note"] = "Noot " + " ".join(draw(st.lists(WORDS, min_size=1, max_size=5)))
        # random words can form what the privacy check rightly refuses ("RECHERCHEUR Aa": a detective's
        # name); these properties are about valid corpora
        assume(not any(findings_as_published(text) for text in (statement["text"], statement.get("note", ""))))
        result.append(statement)
    return result


def write_corpus(folder, items, files: int = 1, block_style: bool = False):
    """The minimal corpus's codebook and the statements spread over `files` files, as JSON-style YAML."""
    shutil.copytree(MINIMAL, folder)
    for old in (folder / "statements").iterdir():
        old.unlink()
    for index in range(files):
        chunk = items[index::files]
        if not chunk:
            continue
        if block_style:  # a hand-written look: keys one per line, lists in flow style
            lines = ["statements:"]
            for item in chunk:
                lines.append(f"  - id: {item['id']}")
                for key, value in item.items():
                    if key != "id":
                        lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)}")
            text = "\n".join(lines) + "\n"
        else:
            text = json.dumps({"statements": chunk}, ensure_ascii=False, indent=1) + "\n"
        (folder / "statements" / f"s{index}.yaml").write_text(text, encoding="utf-8")


@settings(max_examples=10, **SETTINGS)
@given(items=statements(), slug=st.sampled_from(THEMES))
def test_brief_holds_exactly_its_themes_statements(tmp_path_factory, items, slug):
    folder = tmp_path_factory.mktemp("generated")
    write_corpus(folder / "corpus", items, files=2)
    result = load_corpus(folder / "corpus")
    assert result.corpus is not None, [problem.format() for problem in result.problems]
    request = ReportRequest(slugs=(slug,), output_dir=folder / "out", date="2025-03-01")
    written = run_report(folder / "corpus", request, load=lambda _: result.corpus).written
    outputs = {path.suffix: path.read_bytes() for path in written}
    mine = [item for item in items if slug in item["themes"]]
    others = [item for item in items if slug not in item["themes"]]

    parser = StatementTexts()
    parser.feed(outputs[".html"].decode("utf-8"))
    assert sorted(" ".join(text.split()) for text in parser.texts) == sorted(" ".join(s["text"].split()) for s in mine)
    html = outputs[".html"].decode("utf-8")
    for item in others:
        number = item["id"][3:]
        assert f"QQ{int(number) - 100}START" not in html and item["id"] not in html

    pdf = folder / "brief.pdf"
    pdf.write_bytes(outputs[".pdf"])
    # -raw: the default mode joins a word broken after a hyphen at a line end and drops that hyphen
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squashed = squash(text)
    assert set(re.findall(r"KP-\d{3,}", text)) == {item["id"] for item in mine}
    for item in mine:
        assert squashed.count(squash(item["text"])) == 1, item
    for item in others:
        assert f"QQ{int(item['id'][3:]) - 100}START" not in squashed, item["id"]


@settings(max_examples=15, **SETTINGS)
@given(items=statements(), files=st.integers(1, 3), block_style=st.booleans())
def test_fmt_keeps_ids_texts_and_order(tmp_path_factory, items, files, block_style):
    corpus = tmp_path_factory.mktemp("fmt") / "corpus"
    write_corpus(corpus, items, files=files, block_style=block_style)
    before = load_corpus(corpus)
    assert before.corpus is not None, [problem.format() for problem in before.problems]
    for result in format_corpus(corpus):
        assert not result.problems, [problem.format() for problem in result.problems]
        if result.changed:
            write_result(result)
    after = load_corpus(corpus)
    assert after.corpus is not None, [problem.format() for problem in after.problems]
    assert after.corpus.statements == before.corpus.statements  # ids, texts, order: all unchanged
    assert {id_: origin[0] for id_, origin in after.corpus.origins.items()} == {
        id_: origin[0] for id_, origin in before.corpus.origins.items()
    }
    assert not any(result.changed for result in format_corpus(corpus))  # and fmt is then at rest


VALID_FILE = (MINIMAL / "statements" / "a.yaml").read_bytes()


@st.composite
def damaged(draw):
    """A valid statement file with a few bytes overwritten, inserted or removed: errors deep in the file."""
    data = bytearray(VALID_FILE)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        chunk = draw(st.binary(min_size=1, max_size=4))
        if kind == "insert" or position == len(data):
            data[position:position] = chunk
        elif kind == "replace":
            data[position : position + len(chunk)] = chunk
        else:
            del data[position : position + len(chunk)]
    return bytes(data)


@settings(max_examples=60, **SETTINGS)
@given(data=st.one_of(damaged(), st.binary(max_size=300)))
def test_check_and_fmt_never_raise_on_any_bytes(tmp_path_factory, data):
    corpus = tmp_path_factory.mktemp("bytes") / "corpus"
    shutil.copytree(MINIMAL, corpus)
    (corpus / "statements" / "a.yaml").write_bytes(data)
    result = load_corpus(corpus)
    assert (result.corpus is not None) or any(problem.is_error for problem in result.problems)
    for problem in result.problems:
        assert problem.file and problem.message
        assert (problem.line is None) == (problem.column is None)
        assert problem.line is None or problem.line >= 1
    for formatted in format_corpus(corpus):
        if formatted.problems:
            assert formatted.formatted is None
            continue
        # what fmt would write reads back as the same data
        reread = corpus.parent / "reread"
        shutil.rmtree(reread, ignore_errors=True)
        shutil.copytree(corpus, reread)
        (reread / formatted.path.relative_to(corpus)).write_text(formatted.formatted, encoding="utf-8")
        again = load_corpus(reread)
        assert (again.corpus is None) == (result.corpus is None)
        if result.corpus is not None:
            assert again.corpus.statements == result.corpus.statements
