"""Fault suite for `report`: hostile text, hostile templates, unwritable folders and full disks.

Every failure must end in a clear message and a non-zero exit, never a
traceback, and must leave the earlier briefs and the corpus byte for byte as
they were, with no temporary file behind. (Faults `check` reports are cases in
tests/data/broken, run by test_check.py.)
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from check_cases import MINIMAL, build_case
from conftest import DATE, bottlenecks, copy_templates, invoke, pdf_text


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` (hidden ones too) with the sha256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def earlier_workspace(tmp_path_factory):
    """A corpus and an earlier report of 'capaciteit' in out/, made once."""
    folder = tmp_path_factory.mktemp("earlier")
    shutil.copytree(MINIMAL, folder / "corpus")
    result = bottlenecks(
        "report",
        "--theme",
        "capaciteit",
        "--corpus",
        "corpus",
        "--output-dir",
        "out",
        "--date",
        "2024-01-01",
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(folder / "out")) == [".bottlenecks-cache.json", "capaciteit.html", "capaciteit.pdf"]
    return folder


@pytest.fixture
def workspace(tmp_path, earlier_workspace):
    """A private copy of the corpus and the earlier report."""
    for name in ("corpus", "out"):
        shutil.copytree(earlier_workspace / name, tmp_path / name)
    return tmp_path


def assert_untouched(workspace: Path, before: dict) -> None:
    assert snapshot(workspace / "corpus") == before["corpus"]
    assert snapshot(workspace / "out") == before["out"]  # also: no temporary file left


def state(workspace: Path) -> dict:
    return {"corpus": snapshot(workspace / "corpus"), "out": snapshot(workspace / "out")}


class FillsUp:
    """A file whose disk is full after half of what is written to it."""

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()

    def write(self, data):
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.stream, name)


# --- hostile text renders, escaped -----------------------------------------------------------------


def test_emoji_right_to_left_script_and_markup_render_as_text(tmp_path):
    build_case("unicode-text", tmp_path / "corpus")
    result = bottlenecks(
        "report", "--theme", "capaciteit", "--corpus", "corpus", "--output-dir", "out", *DATE, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["out/capaciteit.pdf", "out/capaciteit.html"]
    html = (tmp_path / "out" / "capaciteit.html").read_text(encoding="utf-8")
    assert (
        "Signalen 🚨 via apps 📱 blijven liggen 😟; de cliënt schrijft &#34;دعم&#34; en &#34;עזרה&#34; (hulp) "
        "en de melding toont &lt;b&gt;vet&lt;/b&gt; &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt; letterlijk."
    ) in " ".join(html.split())
    assert "<b>vet" not in html and "<script>alert" not in html
    text = " ".join(pdf_text(tmp_path / "out" / "capaciteit.pdf").split())
    # pdftotext gives right-to-left runs in visual order with direction marks: look for each piece
    for piece in (
        "Signalen 🚨 via apps 📱 blijven liggen 😟; de cliënt schrijft",
        "دعم",
        "עזרה",
        "<b>vet</b> &amp; <script>alert(1)</script>",
        "letterlijk.",
    ):
        assert piece in text, piece
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "out" / "capaciteit.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "Emoji" in fonts  # drawn with an emoji font, not as empty boxes


def test_character_no_font_has_is_a_clear_error(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    statements = tmp_path / "corpus" / "statements" / "a.yaml"
    statements.write_text(
        statements.read_text(encoding="utf-8").replace(
            "Capaciteitstekort politie.", "Capaciteitstekort politie \U00013000."
        ),
        encoding="utf-8",
    )
    before = snapshot(tmp_path / "corpus")
    result = bottlenecks(
        "report", "--theme", "capaciteit", "--corpus", "corpus", "--output-dir", "out", *DATE, cwd=tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "Error: brief 'capaciteit': rendering problems:\n"
        "  .notdef glyph rendered for Unicode string unsupported by fonts: "
        '"\U00013000" (U+13000)\nnothing was written\n'
    )
    assert not (tmp_path / "out").exists()
    assert snapshot(tmp_path / "corpus") == before


# --- theme slugs that try to leave the output folder ------------------------------------------------


def test_theme_slug_with_dot_dot_in_the_codebook_stops_the_report(tmp_path):
    build_case("theme-slug-traversal", tmp_path / "corpus")
    result = bottlenecks(
        "report", "--theme", "../capaciteit", "--corpus", "corpus", "--output-dir", "out/x", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr == (
        "corpus/codebook.yaml:7:11: themes[1].slug: must be a lowercase slug like 'financiering' "
        "(letters, digits and hyphens), not '../capaciteit'\n1 error, 0 warnings in 3 files: nothing was written\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["corpus"]


def test_theme_slug_with_dot_dot_on_the_command_line(workspace):
    before = state(workspace)
    result = bottlenecks(
        "report", "--theme", "../out/capaciteit", "--corpus", "corpus", "--output-dir", "out", cwd=workspace
    )
    assert result.returncode == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--theme': unknown theme '../out/capaciteit' — did you mean 'capaciteit'?\n"
        "Available themes: financiering, capaciteit\n"
    )
    assert_untouched(workspace, before)


# --- folders that cannot be written ------------------------------------------------------------------


def test_output_folder_that_is_a_file(workspace):
    (workspace / "taken").write_bytes(b"not a folder")
    before = state(workspace)
    result = bottlenecks(
        "report", "--theme", "capaciteit", "--corpus", "corpus", "--output-dir", "taken/sub", *DATE, cwd=workspace
    )
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write taken/sub: Not a directory\nnothing was written\n"
    assert (workspace / "taken").read_bytes() == b"not a folder"
    assert_untouched(workspace, before)


def mount_tmpfs(folder: Path, options: str) -> None:
    completed = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True
    )
    if completed.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): {completed.stderr.strip()}")


def unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], check=True)


def test_unwritable_output_folder(workspace):
    """Root ignores file modes, so as root the folder is a read-only tmpfs; otherwise it is chmod 555."""
    out = workspace / "out"
    as_root = os.geteuid() == 0
    if as_root:
        earlier = {name: (out / name).read_bytes() for name in os.listdir(out)}
        shutil.rmtree(out)
        out.mkdir()
        mount_tmpfs(out, "size=8m,mode=0755")
        for name, data in earlier.items():
            (out / name).write_bytes(data)
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
    else:
        out.chmod(0o555)
    try:
        with pytest.raises(OSError):  # the test really is on a folder nobody can write to
            (out / "probe").write_bytes(b"")
        before = state(workspace)
        result = bottlenecks(
            "report", "--theme", "capaciteit", "--corpus", "corpus", "--output-dir", "out", *DATE, cwd=workspace
        )
        assert result.returncode == 1
        reason = "Read-only file system" if as_root else "Permission denied"
        assert result.stderr == f"Error: cannot write out/capaciteit.pdf: {reason}\nnothing was written\n"
        assert_untouched(workspace, before)
    finally:
        if as_root:
            unmount(out)
        else:
            out.chmod(0o755)


def test_disk_filling_up_during_the_second_file_keeps_every_earlier_brief(workspace, monkeypatch):
    """The PDF reaches the disk, the HTML does not: neither may replace its predecessor."""
    import bottleneck_briefs.basics.atomic_write as atomic_write

    real_fdopen = os.fdopen
    opened = []

    def fdopen(handle, *args, **kwargs):
        stream = real_fdopen(handle, *args, **kwargs)
        if Path(os.readlink(f"/proc/self/fd/{handle}")).parent != (workspace / "out").resolve():
            return stream  # not a brief (the validated load the cache stores)
        opened.append(handle)
        return FillsUp(stream) if len(opened) == 2 else stream

    monkeypatch.setattr(atomic_write.os, "fdopen", fdopen)
    monkeypatch.chdir(workspace)
    before = state(workspace)
    result = invoke("report", "--theme", "capaciteit", "--corpus", "corpus", "--output-dir", "out", *DATE)
    assert len(opened) == 2  # the PDF was staged completely before the HTML failed
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output == "Error: cannot write out/capaciteit.html: No space left on device\nnothing was written\n"
    assert_untouched(workspace, before)


def test_real_full_disk_keeps_every_earlier_brief(workspace):
    """A tmpfs just too small for the new briefs beside the old ones."""
    out = workspace / "out"
    earlier = {name: (out / name).read_bytes() for name in os.listdir(out)}
    shutil.rmtree(out)
    out.mkdir()
    room = sum(len(data) for data in earlier.values()) + earlier["capaciteit.pdf"].__len__() + 64 * 1024
    mount_tmpfs(out, f"size={room // 1024}k,mode=0755")
    try:
        for name, data in earlier.items():
            (out / name).write_bytes(data)
        before = state(workspace)
        result = bottlenecks(
            "report", "--theme", "capaciteit", "--corpus", "corpus", "--output-dir", "out", *DATE, cwd=workspace
        )
        assert result.returncode == 1
        assert result.stderr == (
            "Error: cannot write out/capaciteit.html: No space left on device\nnothing was written\n"
        )
        assert_untouched(workspace, before)
    finally:
        unmount(out)


# --- sealed rendering, end to end --------------------------------------------------------------------


def hostile_templates(tmp_path: Path, page_addition: str = "", css_addition: str = "") -> Path:
    templates = copy_templates(tmp_path)
    page = templates / "_layout.html.j2"  # the base layout every brief extends holds </main>
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", page_addition + "\n</main>"), encoding="utf-8")
    css = templates / "brief.css"
    css.write_text(css_addition + "\n" + css.read_text(encoding="utf-8"), encoding="utf-8")
    return templates


SECRET = "/etc/passwd"


@pytest.mark.parametrize(
    "page_addition, css_addition, refused",
    [
        ('<img src="https://127.0.0.1:9/pixel.png" alt="">', "", "'https://127.0.0.1:9/pixel.png'"),
        ('<img src="../../../../../../../../etc/passwd" alt="">', "", "'file:///etc/passwd'"),
        ('<link rel="stylesheet" href="leak.css">', "", "'{templates}/leak.css'"),
        ("", '@import url("http://127.0.0.1:9/evil.css");', "'http://127.0.0.1:9/evil.css'"),
        ("", f'.cover {{ background-image: url("file://{SECRET}"); }}', "'file:///etc/passwd'"),
    ],
    ids=["img-https", "img-dot-dot", "link-symlink-out", "css-import-http", "css-url-file"],
)
def test_hostile_template_fails_and_writes_nothing(workspace, page_addition, css_addition, refused):
    templates = hostile_templates(workspace, page_addition, css_addition)
    linked = "leak.css" in page_addition
    if linked:
        (templates / "leak.css").symlink_to(SECRET)
    before = state(workspace)
    result = bottlenecks(
        "report",
        "--theme",
        "capaciteit",
        "--corpus",
        "corpus",
        "--output-dir",
        "out",
        "--templates",
        "templates",
        *DATE,
        cwd=workspace,
    )
    assert "Traceback" not in result.stderr
    if linked:  # a link out of the templates folder is refused before anything renders
        assert result.returncode == 2, result.stderr
        assert "leak.css is a link to a file or folder outside the templates folder" in result.stderr
        assert_untouched(workspace, before)
        return
    assert result.returncode == 1
    refused = refused.format(templates="file://" + str(templates.resolve()))
    assert re.fullmatch(
        rf"Error: brief 'capaciteit': rendering stopped: refused {re.escape(refused)}: "
        r"[^\n]+\nnothing was written\n",
        result.stderr,
    ), result.stderr
    assert_untouched(workspace, before)


@pytest.mark.parametrize(
    "page_addition", ["", '<img src="https://127.0.0.1:9/pixel.png" alt="">'], ids=["written", "refused"]
)
def test_pdf_rendering_leaves_no_temporary_files(workspace, page_addition):
    """WeasyPrint keeps the decompressed fonts in a temporary folder; the PDF workers' are removed
    however the run ends."""
    temporary = workspace / "tmp"
    temporary.mkdir()
    hostile_templates(workspace, page_addition)
    result = bottlenecks(
        "report",
        "--theme",
        "capaciteit",
        "--theme",
        "financiering",
        "--format",
        "pdf",
        "--force",
        "--corpus",
        "corpus",
        "--output-dir",
        "out",
        "--templates",
        "templates",
        *DATE,
        cwd=workspace,
        TMPDIR=str(temporary),
    )
    assert result.returncode == (1 if page_addition else 0), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(temporary.rglob("*")) == []


# --- the editors' commands on a full disk ------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch, tmp_path):
    """Every file the commands write runs out of space halfway; the working folder is tmp_path."""
    import bottleneck_briefs.basics.atomic_write as atomic_write

    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic_write.os, "fdopen", lambda *args, **kwargs: FillsUp(real_fdopen(*args, **kwargs)))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    return tmp_path


def test_fmt_on_a_full_disk_leaves_the_files_alone(full_disk):
    path = full_disk / "corpus" / "statements" / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [capaciteit]", "themes:\n      - capaciteit"),
        encoding="utf-8",
    )
    before = snapshot(full_disk / "corpus")
    result = invoke("fmt", "--corpus", "corpus")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "corpus/statements/a.yaml: cannot write: No space left on device; the file is unchanged\n" in result.output
    assert result.output.endswith("3 files: 0 reformatted, 0 unchanged, 3 could not be formatted\n")
    assert snapshot(full_disk / "corpus") == before


def test_import_on_a_full_disk_imports_nothing(full_disk):
    (full_disk / "new.csv").write_text(
        "text,themes,section,page\nNieuw geld voor opvang.,financiering,2.16,27\n", encoding="utf-8"
    )
    before = snapshot(full_disk / "corpus")
    result = invoke("import", "new.csv", "--corpus", "corpus")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output == ("corpus/statements/a.yaml: cannot write: No space left on device\nnothing was imported\n")
    assert snapshot(full_disk / "corpus") == before


def test_schema_on_a_full_disk_writes_nothing(full_disk):
    result = invoke("schema", "--corpus", "corpus")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output == (
        "corpus/schema/statements.schema.json: cannot write: No space left on device; the file is unchanged\n"
    )
    assert sorted(os.listdir(full_disk / "corpus" / "schema")) == []


# --- limits ----------------------------------------------------------------------------------------


def test_total_corpus_size_is_limited(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "corpus")
    for number in range(11):  # each under the 5 MB file limit, together over 50 MB; sparse, so cheap
        with open(tmp_path / "corpus" / "statements" / f"big-{number:02}.yaml", "wb") as big:
            big.truncate(4_900_000)
    result = bottlenecks("check", "--corpus", "corpus", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "corpus: the corpus is too large (51.4 MB in 14 files; the limit is 50 MB)\n1 error, 0 warnings in 14 files\n"
    )
