"""Property: whatever an editor types, check answers with problems, never with an exception."""

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bottleneck_briefs.corpus.loading import load_corpus
from check_cases import MINIMAL

# Characters that matter to YAML's grammar, plus some text, so most examples get past the first line.
YAML_ALPHABET = st.sampled_from(
    list(":-[]{}#&*!|>'\"%@`,?\t\n ") + list("abcKP0123 ") + ["é", "€", "\u200f", "\x85", "\x01", "\ufeff"]
)
YAML_LIKE_TEXT = st.lists(YAML_ALPHABET, max_size=200).map("".join)
STATEMENT_LIKE_TEXT = st.builds(
    lambda head, tail: "statements:\n  - id: KP-001\n" + head + "\n" + tail,
    YAML_LIKE_TEXT,
    YAML_LIKE_TEXT,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(YAML_LIKE_TEXT, STATEMENT_LIKE_TEXT, st.binary(max_size=200)))
def test_check_never_raises(tmp_path_factory, text):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(MINIMAL, corpus, dirs_exist_ok=True)
    target = corpus / "statements" / "fuzz.yaml"
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = load_corpus(corpus)
    # Either it is a usable corpus, or every problem is located in a file and worded.
    assert (result.corpus is not None) or any(problem.is_error for problem in result.problems)
    for problem in result.problems:
        assert problem.file and problem.message
        assert problem.line is None or problem.line >= 1
