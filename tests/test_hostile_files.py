"""File names and links an adversary (or an accident) puts in the corpus: never a crash, never read, never raw."""

import os
import shutil
from pathlib import Path

import pytest

from bottleneck_briefs.basics.printable import printable
from conftest import bottlenecks


def run(*args: str, cwd: Path):
    """The command in its own process; its output must decode as UTF-8 (text=True), whatever the names."""
    return bottlenecks(*args, cwd=cwd, SOURCE_DATE_EPOCH="1735689600")


def latin1_name(folder: Path) -> Path:
    """café.yaml with its name in Latin-1 bytes (é = 0xE9), as an old Windows share may write it."""
    path = Path(os.fsdecode(os.fsencode(str(folder)) + b"/caf\xe9.yaml"))
    return path


@pytest.mark.parametrize("command", [["check"], ["themes"], ["report", "--theme", "capaciteit", "--format", "html"]])
def test_a_file_name_that_is_not_utf8_is_named_escaped(corpus_copy, tmp_path, command):
    shutil.copyfile(corpus_copy / "statements" / "bloemlezing-2.15.yaml", latin1_name(corpus_copy / "statements"))
    result = run(*command, "--corpus", str(corpus_copy), cwd=tmp_path)
    stderr = result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1, stderr
    assert "statements/caf\\xe9.yaml:" in stderr  # the same statements twice: duplicate ids, named in this file
    assert "is already used at" in stderr


@pytest.mark.parametrize("name", ["new\nline.yaml", "esc\x1b[31mred.yaml"])
def test_control_characters_in_a_file_name_never_reach_the_terminal(corpus_copy, tmp_path, name):
    (corpus_copy / "statements" / name).write_text("statements: 1\n", encoding="utf-8")
    result = run("check", "--corpus", str(corpus_copy), cwd=tmp_path)
    assert result.returncode == 1
    stderr = result.stderr
    assert "\x1b" not in stderr and printable(name) in stderr
    assert stderr.splitlines()[0].startswith(f"bottlenecks/statements/{printable(name)}:1:")
    assert len(stderr.splitlines()) == 2  # the problem and the summary: the name broke no line


def test_printable_escapes_what_a_terminal_would_act_on():
    assert printable("café.yaml") == "café.yaml"
    assert printable(os.fsdecode(b"caf\xe9.yaml")) == "caf\\xe9.yaml"
    assert printable("a\nb\x1b[2J\u202ec.yaml") == "a\\nb\\x1b[2J\\u202ec.yaml"


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/status"])
def test_a_link_to_a_file_outside_the_corpus_is_refused_unread(corpus_copy, tmp_path, target):
    (corpus_copy / "statements" / "leak.yaml").symlink_to(target)
    result = run("check", "--corpus", str(corpus_copy), cwd=tmp_path)
    stderr = result.stderr
    assert result.returncode == 1
    assert "bottlenecks/statements/leak.yaml: refused: this name leads to a file outside the corpus folder" in stderr
    assert "root" not in stderr and "Pid" not in stderr and target not in stderr


def test_a_linked_outside_yaml_file_is_not_part_of_the_briefs(corpus_copy, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    shutil.copyfile(corpus_copy / "statements" / "bloemlezing-2.15.yaml", outside)
    (corpus_copy / "statements" / "bloemlezing-2.15.yaml").unlink()
    (corpus_copy / "statements" / "bloemlezing-2.15.yaml").symlink_to(outside)
    result = run(
        "report",
        "--theme",
        "capaciteit",
        "--format",
        "html",
        "--corpus",
        str(corpus_copy),
        "--output-dir",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "refused" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_link_inside_the_corpus_is_read(corpus_copy, tmp_path):
    (corpus_copy / "statements" / "bloemlezing-2.15.yaml").rename(corpus_copy / "kept.yaml.txt")
    (corpus_copy / "statements" / "bloemlezing-2.15.yaml").symlink_to(corpus_copy / "kept.yaml.txt")
    result = run("check", "--no-cache", "--corpus", str(corpus_copy), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_check_cache_never_confirms_a_corpus_with_a_refused_link(corpus_copy, tmp_path):
    assert run("check", "--corpus", str(corpus_copy), cwd=tmp_path).returncode == 0  # remembered as clean
    (corpus_copy / "statements" / "leak.yaml").symlink_to("/etc/passwd")
    assert run("check", "--corpus", str(corpus_copy), cwd=tmp_path).returncode == 1
