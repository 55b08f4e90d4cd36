"""The briefs of the shipped corpus, judged by third-party checkers.

- the W3C Nu HTML Checker (vnu.jar): every HTML brief is valid HTML5 (and CSS);
- axe-core in Debian's Chromium: no WCAG 2.1 A/AA violation and no breach of axe's best practices,
  on a desktop and a phone viewport;
- qpdf --check: every PDF is structurally sound;
- pdffonts: every PDF has fonts and every font is embedded;
- pdfua (PyPI, on pikepdf): no error in any PDF/UA file.

The briefs are the test session's shared renders (tests/conftest.py): every
theme and the overview, an English theme and overview, each as PDF/UA-1, HTML
and PDF/A-2a (SLUG.archief.pdf). The module runs in one pytest-xdist worker (its xdist_group), so
each checker starts once. The checkers come from `bash .ci/install --checkers`; when
one is missing the tests fail and say so, they never skip. A few negative tests
show each checker still catches a broken file, so a green run means something.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = ROOT / "tests" / "checkers" / "axe_check.mjs"
CHROMIUM_CANDIDATES = (Path("/usr/lib/chromium/chromium"), Path("/usr/bin/chromium"))
INSTALL_HINT = "run `bash .ci/install --checkers` first"
PHONE_VIEWPORT = "375x812"

# Whole-run bound: a hung checker fails the test instead of hanging CI.
CHECKER_TIMEOUT = 240

pytestmark = pytest.mark.xdist_group("third-party-checkers")


def _bottlenecks_command() -> list[str]:
    beside_python = Path(sys.executable).with_name("bottlenecks")
    if beside_python.exists():
        return [str(beside_python)]
    found = shutil.which("bottlenecks")
    if found:
        return [found]
    return [sys.executable, "-c", "import cli; cli.main()"]


def _theme_slugs() -> list[str]:
    """Theme slugs of the shipped corpus: the first column of `bottlenecks themes`."""
    try:
        done = subprocess.run(
            [*_bottlenecks_command(), "themes"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [f"<bottlenecks themes failed: {exc}>"]
    if done.returncode != 0:
        return [f"<bottlenecks themes exited {done.returncode}: {done.stderr.strip()}>"]
    themes_part = done.stdout.partition("\n\n")[0]  # the brief files follow after a blank line
    slugs = [line.split()[0] for line in themes_part.splitlines() if line.strip()]
    return slugs or ["<bottlenecks themes listed no theme>"]


THEMES = _theme_slugs()
# every theme's brief, the overview, and English briefs (a theme's and the overview): file names without suffix
ENGLISH_THEME = "financiering"
COMPOSED = "opvang-en-zorg"  # the shipped brief file: a composed brief, with the writer's Markdown summary
NOTES = ["geld-voor-de-aanpak", "capaciteit-beslisnota"]  # the shipped notes: a notitie and a beslisnota
BRIEFS = [*THEMES, COMPOSED, "overzicht", f"{ENGLISH_THEME}.en", f"{COMPOSED}.en", "overzicht.en", *NOTES]


def _require(condition: bool, what: str) -> None:
    if not condition:
        pytest.fail(f"{what} is missing: {INSTALL_HINT}", pytrace=False)


def _require_program(name: str) -> str:
    path = shutil.which(name)
    _require(path is not None, f"the program '{name}'")
    return path


def _chromium() -> Path:
    found = next((p for p in CHROMIUM_CANDIDATES if p.exists()), None)
    _require(found is not None, "Debian's Chromium (" + " or ".join(map(str, CHROMIUM_CANDIDATES)) + ")")
    return found


def _require_axe() -> str:
    node = _require_program("node")
    _chromium()
    _require((NODE_MODULES / "axe-core" / "axe.min.js").exists(), "the npm package axe-core")
    _require((NODE_MODULES / "playwright-core" / "package.json").exists(), "the npm package playwright-core")
    return node


def _require_vnu() -> str:
    java = _require_program("java")
    _require(VNU_JAR.exists(), f"the Nu HTML Checker ({VNU_JAR.relative_to(ROOT)}, npm package vnu-jar)")
    return java


def _run(cmd: list[str], timeout: int = CHECKER_TIMEOUT) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"timed out after {timeout} s: {' '.join(cmd)}\n{exc.stdout or ''}\n{exc.stderr or ''}")


def _valid_theme(theme: str) -> str:
    if theme.startswith("<"):
        pytest.fail(f"could not list the themes of the shipped corpus: {theme}")
    return theme


class Once:
    """A module-wide result computed on first use inside a test.

    Fixtures hand these out instead of values so that a missing checker or a
    missing brief makes every dependent test FAIL with the same message, rather
    than ERROR in fixture setup.
    """

    def __init__(self, compute):
        self._compute = compute
        self._done = False
        self._value = None
        self._error: str | None = None

    def __call__(self):
        if not self._done:
            self._done = True
            try:
                self._value = self._compute()
            except pytest.fail.Exception as exc:
                self._error = exc.msg
        if self._error is not None:
            pytest.fail(self._error, pytrace=False)
        return self._value


# --- rendering, once per module ---------------------------------------------------


@pytest.fixture(scope="module")
def briefs(shipped_briefs, english_briefs, archival_briefs) -> Once:
    """Once: brief -> {"html": ..., "pdf": ... (PDF/UA-1), "pdfa": ... (PDF/A-2a)}, from the session's renders."""

    def files() -> dict[str, dict[str, Path]]:
        folders = {
            b: english_briefs.folder if b.endswith(".en") else shipped_briefs.folder for b in map(_valid_theme, BRIEFS)
        }
        result = {
            b: {"html": folder / f"{b}.html", "pdf": folder / f"{b}.pdf", "pdfa": archival_briefs / f"{b}.archief.pdf"}
            for b, folder in folders.items()
        }
        missing = [str(p) for found in result.values() for p in found.values() if not p.is_file()]
        if missing:
            pytest.fail("bottlenecks report did not write: " + ", ".join(missing))
        return result

    return Once(files)


# --- the Nu HTML Checker -------------------------------------------------------------


def run_vnu(files: list[Path]) -> dict[str, list[dict]]:
    """Errors the Nu HTML Checker reports, by file path (every given file has a key)."""
    java = _require_vnu()
    cmd = [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, files)]
    done = _run(cmd)
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no JSON report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    by_file: dict[str, list[dict]] = {str(f.resolve()): [] for f in files}
    for message in messages:
        url = message.get("url", "")
        path = url.removeprefix("file:").removeprefix("//") if url.startswith("file:") else url
        by_file.setdefault(str(Path(path).resolve()) if path else "<no file>", []).append(message)
    if done.returncode not in (0, 1) or (done.returncode == 1 and not messages):
        pytest.fail(f"the Nu HTML Checker failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return by_file


def format_vnu(messages: list[dict]) -> str:
    lines = []
    for m in messages:
        where = f"line {m.get('lastLine', '?')}, column {m.get('firstColumn', m.get('lastColumn', '?'))}"
        lines.append(
            f"- {m.get('type')}{'/' + m['subType'] if m.get('subType') else ''} at {where}: "
            f"{m.get('message')}\n    {m.get('extract', '').strip()!r}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def vnu_report(briefs) -> Once:
    return Once(lambda: run_vnu([files["html"] for files in briefs().values()]))


@pytest.mark.parametrize("theme", BRIEFS)
def test_html_brief_is_valid_html(theme, briefs, vnu_report):
    html = briefs()[_valid_theme(theme)]["html"]
    errors = vnu_report()[str(html.resolve())]
    assert not errors, f"the Nu HTML Checker reports {len(errors)} error(s) in {html.name}:\n" + format_vnu(errors)


# --- axe-core in Chromium --------------------------------------------------------------


def run_axe(files: list[Path], viewport: str | None = None) -> tuple[int, dict | None, str]:
    """(exit status, parsed JSON report or None, stderr) of tests/checkers/axe_check.mjs."""
    node = _require_axe()
    cmd = [node, str(AXE_SCRIPT), *([f"--viewport={viewport}"] if viewport else []), *map(str, files)]
    done = _run(cmd)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = None
    return done.returncode, report, done.stderr


def axe_violations(files: list[Path], viewport: str | None = None) -> dict[str, list[dict]]:
    status, report, stderr = run_axe(files, viewport)
    if status not in (0, 1) or report is None:
        pytest.fail(f"the axe check could not run (exit {status}):\n{stderr}")
    return {str(Path(f["file"]).resolve()): f["violations"] for f in report["files"]}


def format_axe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} <{v.get('helpUrl')}>")
        for node in v.get("nodes", []):
            lines.append(f"    at {' '.join(map(str, node.get('target', [])))}: {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_desktop(briefs) -> Once:
    return Once(lambda: axe_violations([files["html"] for files in briefs().values()]))


@pytest.fixture(scope="module")
def axe_phone(briefs) -> Once:
    return Once(lambda: axe_violations([files["html"] for files in briefs().values()], PHONE_VIEWPORT))


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("theme", BRIEFS)
def test_html_brief_has_no_axe_violations(theme, viewport, briefs, request):
    html = briefs()[_valid_theme(theme)]["html"]
    violations = request.getfixturevalue(f"axe_{viewport}")()[str(html.resolve())]
    assert not violations, (
        f"axe-core (WCAG 2.1 A/AA, {viewport} viewport) reports "
        f"{len(violations)} violation(s) in {html.name}:\n" + format_axe(violations)
    )


# --- qpdf and pdffonts ------------------------------------------------------------------


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess:
    return _run([_require_program("qpdf"), "--check", str(pdf)], timeout=120)


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    """The rows of `pdffonts PDF`, each a dict keyed by the header's column names."""
    done = _run([_require_program("pdffonts"), str(pdf)], timeout=120)
    if done.returncode != 0:
        pytest.fail(f"pdffonts {pdf.name} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return parse_pdffonts(done.stdout)


def parse_pdffonts(output: str) -> list[dict[str, str]]:
    lines = output.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("---"))
    # Column spans come from the dashes under the header: names and types may hold spaces.
    spans, start = [], None
    for i, ch in enumerate(lines[rule] + " "):
        if ch == "-" and start is None:
            start = i
        elif ch != "-" and start is not None:
            spans.append((start, i))
            start = None
    # The last column ("object ID") runs to the end of the line.
    spans[-1] = (spans[-1][0], None)
    header = lines[rule - 1]
    names = [header[a:b].strip() for a, b in spans]
    return [
        {name: line[a:b].strip() for name, (a, b) in zip(names, spans, strict=True)}
        for line in lines[rule + 1 :]
        if line.strip()
    ]


PDF_KINDS = {"pdf": "PDF/UA-1", "pdfa": "PDF/A-2a"}


@pytest.mark.parametrize("kind", list(PDF_KINDS))
@pytest.mark.parametrize("theme", BRIEFS)
def test_pdf_passes_qpdf_check(theme, kind, briefs):
    pdf = briefs()[_valid_theme(theme)][kind]
    done = qpdf_check(pdf)
    assert done.returncode == 0, (
        f"qpdf --check {pdf.name} ({PDF_KINDS[kind]}) exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    )


@pytest.mark.parametrize("kind", list(PDF_KINDS))
@pytest.mark.parametrize("theme", BRIEFS)
def test_pdf_embeds_every_font(theme, kind, briefs):
    pdf = briefs()[_valid_theme(theme)][kind]
    fonts = pdffonts(pdf)
    assert fonts, f"pdffonts lists no font in {pdf.name} ({PDF_KINDS[kind]})"
    not_embedded = [f for f in fonts if f.get("emb") != "yes"]
    assert not not_embedded, f"fonts not embedded in {pdf.name} ({PDF_KINDS[kind]}): " + "; ".join(
        f"{f['name']} ({f['type']}, emb={f.get('emb')})" for f in not_embedded
    )


# --- pdfua ------------------------------------------------------------------------------


def _require_pdfua() -> str:
    beside_python = Path(sys.executable).with_name("pdfua")
    if beside_python.exists():
        return str(beside_python)
    return _require_program("pdfua")


def run_pdfua(files: list[Path]) -> dict[str, dict]:
    """pdfua's JSON report of each file (by resolved path): its findings, and the rules it skipped."""
    done = _run([_require_pdfua(), "check", "--format", "json", *map(str, files)])
    if done.returncode == 4 or done.returncode == 5 or not done.stdout.strip():
        pytest.fail(f"pdfua could not check the files (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    decoder, text, reports, position = json.JSONDecoder(), done.stdout, [], 0
    while position < len(text):  # one JSON document per file (a list when several, in newer releases)
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            break
        value, position = decoder.raw_decode(text, position)
        reports.extend(value if isinstance(value, list) else [value])
    return {str(Path(report["file"]).resolve()): report for report in reports}


def format_pdfua(findings: list[dict]) -> str:
    return "\n".join(
        f"- {f.get('rule_id')} ({f.get('severity')}) page {f.get('page')}: {f.get('message')}" for f in findings
    )


@pytest.fixture(scope="module")
def pdfua_report(briefs) -> Once:
    return Once(lambda: run_pdfua([files["pdf"] for files in briefs().values()]))


@pytest.mark.parametrize("theme", BRIEFS)
def test_pdf_passes_the_pdfua_checker(theme, briefs, pdfua_report):
    pdf = briefs()[_valid_theme(theme)]["pdf"]
    report = pdfua_report()[str(pdf.resolve())]
    errors = [f for f in report["findings"] if str(f.get("severity", "")).lower() == "error"]
    assert report["summary"]["errors"] == 0 and not errors, (
        f"pdfua reports {report['summary']['errors']} error(s) in {pdf.name}:\n" + format_pdfua(report["findings"])
    )
    assert report["summary"]["warnings"] == 0, format_pdfua(report["findings"])


# --- the checkers are live: each one catches a broken file ------------------------------

BROKEN_HTML = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Broken</title></head>
<body>
<p style="color:#ccc;background:#fff">Pale text on white</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p><div>a div inside a paragraph</div></p>
</body>
</html>
"""

# A minimal PDF that names Helvetica without embedding it (xref offsets are
# irrelevant to pdffonts, which rebuilds a broken table).
UNEMBEDDED_FONT_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]
  /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj
4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
5 0 obj << /Length 35 >> stream
BT /F1 12 Tf 20 100 Td (Hallo) Tj ET
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
"""


@pytest.fixture
def broken_html(tmp_path) -> Path:
    path = tmp_path / "broken.html"
    path.write_text(BROKEN_HTML, encoding="utf-8")
    return path


def test_vnu_catches_invalid_html(broken_html):
    errors = run_vnu([broken_html])[str(broken_html.resolve())]
    text = format_vnu(errors)
    assert "alt" in text and "“p” end tag" in text, text


def test_axe_catches_inaccessible_html(broken_html):
    status, report, stderr = run_axe([broken_html])
    assert status == 1, f"axe_check exited {status}, expected 1:\n{stderr}"
    ids = {v["id"] for v in report["files"][0]["violations"]}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids, format_axe(report["files"][0]["violations"])


def test_qpdf_catches_a_damaged_pdf(briefs, tmp_path):
    pdf = next(iter(briefs().values()))["pdf"]
    damaged = tmp_path / "damaged.pdf"
    data = pdf.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    assert qpdf_check(damaged).returncode != 0


def test_pdfua_catches_an_untagged_pdf(tmp_path):
    pdf = tmp_path / "untagged.pdf"
    pdf.write_bytes(UNEMBEDDED_FONT_PDF)
    report = run_pdfua([pdf])[str(pdf.resolve())]
    assert report["summary"]["errors"] > 0, report


def test_pdffonts_parser_sees_an_unembedded_font(tmp_path):
    pdf = tmp_path / "helvetica.pdf"
    pdf.write_bytes(UNEMBEDDED_FONT_PDF)
    fonts = pdffonts(pdf)
    assert [(f["name"], f["emb"]) for f in fonts] == [("Helvetica", "no")], fonts
