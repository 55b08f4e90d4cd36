"""The walk of the old site: plain files reached through plain folders, nothing else taken or followed."""

from __future__ import annotations

import os

from bottleneck_briefs.site.old_site import folder_identity, old_files


def test_the_walk_finds_each_plain_file_with_its_size_and_names_the_folder_it_walked(tmp_path):
    site = tmp_path / "site"
    (site / "knelpunten" / "kp-001").mkdir(parents=True)
    (site / "index.html").write_bytes(b"12345")
    (site / "knelpunten" / "kp-001" / "index.html").write_bytes(b"123")
    (site / "leeg").mkdir()
    found = old_files(site)
    assert found.sizes == {"index.html": 5, "knelpunten/kp-001/index.html": 3}
    assert found.clean and found.identity == folder_identity(site) is not None
    assert old_files(None).sizes == {} and old_files(None).identity is None


def test_links_pipes_and_what_they_lead_to_are_never_taken(tmp_path):
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "secret.html").write_bytes(b"not the site's")
    for odd in ("file link", "folder link", "pipe"):
        site = tmp_path / odd.replace(" ", "-")
        (site / "a").mkdir(parents=True)
        (site / "a" / "page.html").write_bytes(b"page")
        if odd == "file link":
            os.symlink(outside / "deep" / "secret.html", site / "a" / "secret.html")
        elif odd == "folder link":
            os.symlink(outside, site / "a" / "elsewhere")
        else:
            os.mkfifo(site / "a" / "pipe")
        found = old_files(site)
        assert found.sizes == {"a/page.html": 4} and not found.clean, odd
