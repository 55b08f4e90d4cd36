"""A parsed file sent with only its top two levels' places (corpus/shallow_file) tells every place as before."""

from __future__ import annotations

import pickle

from bottleneck_briefs.corpus.shallow_file import shallow
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file
from conftest import CORPUS

STATEMENTS = CORPUS / "statements" / "bloemlezing-2.16.yaml"


def test_a_statement_s_place_is_told_without_parsing_again():
    document, _ = read_yaml_file(STATEMENTS, "bloemlezing-2.16.yaml")
    sent = pickle.loads(pickle.dumps(shallow(document)))
    places = [sent.position(("statements", index)) for index in range(len(document.data["statements"]))]
    assert places == [document.position(("statements", index)) for index in range(len(document.data["statements"]))]
    assert "value_positions" not in vars(sent)  # none of those needed the source parsed again
    assert len(pickle.dumps(sent)) < len(pickle.dumps(document)) / 1.5


def test_every_other_place_is_found_again_the_same():
    document, _ = read_yaml_file(STATEMENTS, "bloemlezing-2.16.yaml")
    sent = pickle.loads(pickle.dumps(shallow(document)))
    assert sent.position(("statements", 2, "themes", 1)) == document.position(("statements", 2, "themes", 1))
    assert "value_positions" in vars(sent)
    assert sent.value_positions == document.value_positions
    assert sent.key_positions == document.key_positions
    assert sent.scalars == document.scalars
    assert sent.data == document.data and sent.source == document.source
