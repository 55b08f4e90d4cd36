"""`bottlenecks serve --site`: the site served from a private folder on localhost and rebuilt after a save."""

from __future__ import annotations

import shutil
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from conftest import CORPUS, add_editor_note, invoke

ROOT = Path(__file__).resolve().parent.parent
WAIT_SECONDS = 180  # a rebuild on a busy machine; the test waits for it, it does not time it


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_the_site_preview_serves_the_site_and_rebuilds_it_after_a_save(tmp_path):
    from bottleneck_briefs.site.site_preview import SitePreview

    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    told: list[str] = []
    preview = SitePreview(corpus, ROOT / "templates", date(2026, 4, 2), ("nl",), say=told.append)
    server = preview.start("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert preview.builds == 1
        status, home = _get(f"{origin}/index.html")
        assert status == 200 and "Knelpunten" in home
        status, page = _get(f"{origin}/knelpunten/kp-002/index.html")
        assert status == 200 and "Een opmerking van de redactie" not in page
        assert _get(f"{origin}/zoeken/index.html")[0] == 200 and _get(f"{origin}/pagefind/pagefind.js")[0] == 200
        assert _get(f"{origin}/../../etc/passwd")[0] == 404  # nothing outside the site's folder

        statements = corpus / "statements" / "bloemlezing-2.16.yaml"
        text = statements.read_text(encoding="utf-8")
        time.sleep(1.5)  # the watcher is in place within its first second (rust_timeout)
        add_editor_note(corpus)
        deadline = time.monotonic() + WAIT_SECONDS
        while preview.builds < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert preview.builds == 2, told
        assert "Een opmerking van de redactie." in _get(f"{origin}/knelpunten/kp-002/index.html")[1]
        assert any(line.startswith("changed: bloemlezing-2.16.yaml") for line in told)

        statements.write_text(text.replace("  - id: KP-002\n", "  - id: KP-002\n    bogus: 1\n", 1), encoding="utf-8")
        deadline = time.monotonic() + WAIT_SECONDS
        while not any("keeps the last site" in line for line in told) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert any("bogus" in line for line in told), told  # the problem, at its place
        assert "Een opmerking van de redactie." in _get(f"{origin}/knelpunten/kp-002/index.html")[1]
    finally:
        server.shutdown()
        preview.stop()
    assert not preview.folder.exists()


def test_serve_site_refuses_a_corpus_with_errors_before_serving(tmp_path):
    corpus = tmp_path / "bottlenecks"
    shutil.copytree(CORPUS, corpus)
    statements = corpus / "statements" / "bloemlezing-2.16.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(text.replace("  - id: KP-002\n", "  - id: KP-002\n    bogus: 1\n", 1), encoding="utf-8")
    result = invoke("serve", "--site", "--port", "0", "--corpus", corpus)
    assert result.exit_code == 1
    assert "bloemlezing-2.16.yaml" in result.output and "bogus" in result.output
    assert "nothing is served" in result.output


def test_serve_help_names_the_site_option():
    result = invoke("serve", "--help")
    assert "--site" in result.output and "website" in result.output
