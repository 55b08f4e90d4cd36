"""The search bundle's CBOR files read and written byte for byte, and the bundle read back from Pagefind's folder."""

from __future__ import annotations

import gzip
import os

import pytest

from bottleneck_briefs.site.search_canonical import MAGIC, decode, encode, read_bundle

# examples from the CBOR standard (RFC 8949, appendix A), and the integer sizes a filter's page numbers take
EXAMPLES = [
    (0, "00"),
    (23, "17"),
    (24, "1818"),
    (100, "1864"),
    (255, "18ff"),
    (256, "190100"),
    (1000, "1903e8"),
    (65535, "19ffff"),
    (65536, "1a00010000"),
    (1000000, "1a000f4240"),
    (1000000000000, "1b000000e8d4a51000"),
    (-1, "20"),
    (-1000, "3903e7"),
    (1.1, "fb3ff199999999999a"),
    (False, "f4"),
    (True, "f5"),
    (None, "f6"),
    (b"\x01\x02\x03\x04", "4401020304"),
    ("IETF", "6449455446"),
    ("\u00fc", "62c3bc"),
    ([], "80"),
    ([1, [2, 3], [4, 5]], "8301820203820405"),
    (list(range(1, 26)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
    ({"a": 1, "b": [2, 3]}, "a26161016162820203"),
    (["a", {"b": "c"}], "826161a161626163"),
    ([0, 23, 24, 255, 256, 65535, 65536, -1, True, None], "8a00171818 18ff 190100 19ffff 1a00010000 20 f5 f6"),
    (["nl", [["Capaciteit", [5079, 3, 300]]]], "82 626e6c 81 82 6a43617061636974656974 83 1913d7 03 19012c"),
]


@pytest.mark.parametrize(("value", "cbor"), EXAMPLES)
def test_each_value_is_written_and_read_as_the_standard_says(value, cbor):
    raw = bytes.fromhex(cbor.replace(" ", ""))
    assert gzip.decompress(encode(value)) == MAGIC + raw
    assert decode(gzip.compress(MAGIC + raw)) == value


def test_a_file_cut_short_is_an_error_not_a_shorter_list():
    raw = bytes.fromhex("83 01 1913")  # three items announced; the second's two bytes cut to one
    with pytest.raises(IndexError):
        decode(gzip.compress(MAGIC + raw))


def test_the_bundle_is_read_by_its_paths_in_the_site_without_the_files_left_out_or_links_followed(tmp_path):
    folder = tmp_path / "pagefind"
    (folder / "fragment").mkdir(parents=True)
    (folder / "pagefind-entry.json").write_bytes(b"{}")
    (folder / "fragment" / "nl_1.pf_fragment").write_bytes(b"\x1f\x8b one")
    (folder / "fragment" / "pagefind-ui.js").write_bytes(b"left out")
    (folder / "pagefind-ui.js").write_bytes(b"left out")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_bytes(b"not the bundle's")
    os.symlink(outside, folder / "linked-folder")
    os.symlink(outside / "secret", folder / "linked-file")
    files = read_bundle(folder, "pagefind", {"pagefind-ui.js"})
    assert files == {"pagefind/fragment/nl_1.pf_fragment": b"\x1f\x8b one", "pagefind/pagefind-entry.json": b"{}"}
    assert list(files) == sorted(files)
