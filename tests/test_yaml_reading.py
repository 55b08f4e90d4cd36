"""The YAML reader: YAML 1.2 core schema, exact positions, no silent data loss."""

from bottleneck_briefs.corpus.yaml_reading import read_yaml_file


def read(tmp_path, text):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml_file(path, "f.yaml")


def test_core_schema_keeps_norway_and_reads_numbers(tmp_path):
    document, problems = read(tmp_path, "a: no\nb: 2.16\nc: '27'\nd: 27\ne: ~\nf: 2024-01-01\ng: True\n")
    assert problems == []
    assert document.data == {"a": "no", "b": 2.16, "c": "27", "d": 27, "e": None, "f": "2024-01-01", "g": True}


def test_positions_of_values_and_keys(tmp_path):
    document, _ = read(tmp_path, "statements:\n  - id: KP-001\n    text: >-\n      Twee\n      regels.\n")
    assert document.data == {"statements": [{"id": "KP-001", "text": "Twee regels."}]}
    assert document.position(("statements", 0, "text")) == (3, 11)
    assert document.key_position(("statements", 0, "text")) == (3, 5)
    # a path that does not exist falls back to its nearest parent
    assert document.position(("statements", 0, "themes")) == (2, 5)


def test_duplicate_key_keeps_the_first_value_and_reports_the_second(tmp_path):
    document, problems = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert document.data == {"a": 1, "b": 2}
    assert [problem.format() for problem in problems] == [
        "f.yaml:3:1: a: duplicate key 'a' (first given on line 1); the second value would silently replace the first"
    ]


def test_explicit_core_tags_are_checked(tmp_path):
    document, problems = read(tmp_path, "a: !!str 12\nb: !!int x\n")
    assert document.data == {"a": "12"}
    assert [problem.format() for problem in problems] == ["f.yaml:2:4: b: 'x' is not a valid !!int"]


def test_second_document_is_an_error(tmp_path):
    _, problems = read(tmp_path, "a: 1\n---\nb: 2\n")
    assert [problem.format() for problem in problems] == ["f.yaml:2:1: more than one YAML document ('---') in one file"]


def test_nul_byte(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: \x00\n")
    _, problems = read_yaml_file(path, "f.yaml")
    assert [problem.format() for problem in problems] == ["f.yaml:2:4: file contains a NUL byte: is it a binary file?"]


def test_control_character_is_located_by_character_not_byte(tmp_path):
    _, problems = read(tmp_path, 'ééé: 1\nb: "x\x01"\n')
    assert [problem.format() for problem in problems] == ["f.yaml:2:6: control character U+0001 is not allowed in YAML"]
