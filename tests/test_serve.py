"""`bottlenecks serve`, for real: a subprocess on a free loopback port, a YAML change, the new text served."""

import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

DEADLINE = 20  # seconds for any one thing to happen
OLD = "Capaciteitstekort politie."
NEW = "Capaciteitstekort politie & <KMar>."


def fetch(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(check, what: str):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        try:
            result = check()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def server(corpus_copy, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    # --port 0: the system picks a free port and the server says which; a port probed here first
    # could be taken by another test's server (pytest-xdist) before this one binds it
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "serve",
            "--port",
            "0",
            "--corpus",
            str(corpus_copy),
            "--templates",
            str(templates),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = []
        while not (lines and lines[-1].startswith("Preview on ")):
            line = process.stdout.readline()
            assert line, "the server stopped before it listened:\n" + "".join(lines)
            lines.append(line)
        base = re.match(r"Preview on (http://127\.0\.0\.1:\d+)/", lines[-1]).group(1)
        wait_for(lambda: fetch(base + "/_version")[0] == 200, "the server to start")
        yield base, corpus_copy, process, templates
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=DEADLINE)
        process.stdout.close()


def test_serves_the_brief_and_follows_a_yaml_change(server):
    base, corpus, _, _ = server
    status, page = fetch(base + "/capaciteit.html")
    assert status == 200
    assert OLD in page
    assert "fetch('/_version'" in page  # the reload script, added in serve mode only

    version = fetch(base + "/_version")[1]
    path = corpus / "statements" / "bloemlezing-2.16.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(f"text: {OLD}") == 1
    path.write_text(text.replace(f"text: {OLD}", f"text: '{NEW}'"), encoding="utf-8")

    wait_for(lambda: fetch(base + "/_version")[1] != version, "the watcher to see the change")
    page = wait_for(lambda: (lambda p: p if "KMar" in p else None)(fetch(base + "/capaciteit.html")[1]), "the new text")
    assert "Capaciteitstekort politie &amp; &lt;KMar&gt;." in page  # escaped: text is data, never markup
    assert OLD not in page


def edit_template(templates: Path, inserted: str) -> int:
    """Put a line before </body> of the base layout the briefs extend; returns its line number."""
    template = templates / "_layout.html.j2"
    text = template.read_text(encoding="utf-8")
    index = text.rindex("</body>")
    template.write_text(text[:index] + inserted + "\n" + text[index:], encoding="utf-8")
    return text[:index].count("\n") + 1


def test_serves_the_report_brief_and_follows_a_template_change(server):
    base, _, _, templates = server
    page = fetch(base + "/financiering.html")[1]
    assert "<title>Knelpunten: Financiering" in page  # the brief of `report --format html`, not a stand-in
    assert "Proefwijziging" not in page

    version = fetch(base + "/_version")[1]
    edit_template(templates, "<p>Proefwijziging</p>")
    wait_for(lambda: fetch(base + "/_version")[1] != version, "the watcher to see the template change")
    assert "<p>Proefwijziging</p>" in fetch(base + "/financiering.html")[1]


def test_shows_a_template_error_in_the_page(server):
    base, _, process, templates = server
    version = fetch(base + "/_version")[1]
    line = edit_template(templates, "{{ brief.titel }}")
    wait_for(lambda: fetch(base + "/_version")[1] != version, "the watcher to see the template change")
    status, page = fetch(base + "/financiering.html")
    assert status == 200
    assert f"_layout.html.j2, line {line}" in page
    assert "titel" in page
    assert process.poll() is None


def test_shows_validation_errors_instead_of_dying(server):
    base, corpus, process, _ = server
    path = corpus / "statements" / "bloemlezing-2.16.yaml"
    version = fetch(base + "/_version")[1]
    path.write_text(path.read_text(encoding="utf-8").replace("themes: [zorg]", "themes: [zorgg]", 1), encoding="utf-8")
    wait_for(lambda: fetch(base + "/_version")[1] != version, "the watcher to see the change")
    status, page = fetch(base + "/zorg.html")
    assert status == 200
    assert "unknown theme &#x27;zorgg&#x27; — did you mean &#x27;zorg&#x27;?" in page
    assert "bloemlezing-2.16.yaml:" in page
    assert process.poll() is None


def test_serves_only_the_briefs(server):
    base, _, _, _ = server
    assert fetch(base + "/")[0] == 200
    assert fetch(base + "/onbekend.html")[0] == 404
    for path in ("/codebook.yaml", "/statements/bloemlezing-2.16.yaml", "/../setup.cfg", "/schema/x.json"):
        assert fetch(base + path)[0] == 404, path
    assert fetch(base + "/", host="evil.example")[0] == 403


def test_binds_loopback_and_stops_cleanly_on_ctrl_c(server):
    base, _, process, _ = server
    port = int(base.rsplit(":", 1)[1])
    with socket.socket() as other:  # not listening on other addresses of this machine
        other.settimeout(2)
        address = socket.gethostbyname(socket.gethostname())
        if not address.startswith("127."):
            assert other.connect_ex((address, port)) != 0
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=DEADLINE) == 0
    output = process.stdout.read()  # after the "Preview on http://127.0.0.1:PORT/" line the fixture read
    assert output.rstrip().endswith("stopped")
    assert "Traceback" not in output


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def read_event(stream) -> str:
    """The data of the next Server-Sent Event (comments and retry lines skipped)."""
    data = None
    while True:
        line = stream.readline()
        if not line:
            raise AssertionError("the event stream ended")
        line = line.decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            data = line[len("data: ") :]
        elif line == "" and data is not None:
            return data


def test_pushes_the_reload_when_the_new_page_is_ready(server):
    base, corpus, _, _ = server
    assert OLD in fetch(base + "/capaciteit.html")[1]  # a browser shows this brief
    assert "new EventSource('/_events')" in fetch(base + "/capaciteit.html")[1]
    with socket.create_connection(("127.0.0.1", _port(base)), timeout=DEADLINE) as connection:
        connection.sendall(b"GET /_events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        stream = connection.makefile("rb")
        assert stream.readline().startswith(b"HTTP/1.0 200")
        headers = []
        while (line := stream.readline()) not in (b"\r\n", b""):
            headers.append(line.decode().strip())
        assert "Content-Type: text/event-stream" in headers
        first = int(read_event(stream))
        path = corpus / "statements" / "bloemlezing-2.16.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(f"text: {OLD}", f"text: '{NEW}'"), encoding="utf-8")
        assert int(read_event(stream)) > first  # pushed, not asked for
    page = fetch(base + "/capaciteit.html")[1]  # already rendered: the new text at once
    assert "Capaciteitstekort politie &amp; &lt;KMar&gt;." in page


def test_head_is_answered_like_get(server):
    base, _, _, _ = server
    for path in ("/", "/capaciteit.html", "/_version", "/onbekend.html"):
        get = (
            urllib.request.urlopen(urllib.request.Request(base + path), timeout=5) if path != "/onbekend.html" else None
        )
        request = urllib.request.Request(base + path, method="HEAD")
        try:
            response = urllib.request.urlopen(request, timeout=5)
            status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        assert body == b""
        if get is None:
            assert status == 404
            continue
        assert status == 200 and headers["Content-Type"] == get.headers["Content-Type"]
        assert int(headers["Content-Length"]) == len(get.read())


def test_a_request_that_never_ends_is_dropped(server):
    base, _, _, _ = server
    with socket.create_connection(("127.0.0.1", _port(base)), timeout=DEADLINE + 15) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0")  # and nothing more
        assert connection.recv(1024) == b""  # closed by the server after its request timeout


def test_many_clients_at_once_and_clients_that_go_away(server):
    base, _, process, _ = server
    port = _port(base)
    results = []

    def one_request():
        results.append(fetch(base + "/_version")[0])

    threads = [threading.Thread(target=one_request) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE)
    assert results.count(200) == 200
    for _ in range(50):  # ask for a large page and hang up at once (a reset, not a clean close)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            connection.sendall(b"GET /financiering.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert fetch(base + "/_version")[0] == 200
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=DEADLINE) == 0
    output = process.stdout.read()
    assert "Traceback" not in output and "BrokenPipeError" not in output and "ConnectionResetError" not in output


def test_a_link_out_of_the_corpus_is_refused_on_the_page_unread(server):
    base, corpus, _, _ = server
    assert fetch(base + "/capaciteit.html")[0] == 200  # the watcher is up by the time a brief is rendered
    version = fetch(base + "/_version")[1]
    (corpus / "statements" / "leak.yaml").symlink_to("/etc/passwd")
    wait_for(lambda: fetch(base + "/_version")[1] != version, "the watcher to see the link")
    page = fetch(base + "/capaciteit.html")[1]
    assert "leak.yaml: refused: this name leads to a file outside the corpus folder" in page
    assert "root:" not in page and "/etc/passwd" not in page


def test_a_changed_file_is_named_escaped_on_the_terminal(server):
    base, corpus, process, _ = server
    assert fetch(base + "/capaciteit.html")[0] == 200  # the watcher is up by the time a brief is rendered
    version = fetch(base + "/_version")[1]
    (corpus / "statements" / "esc\x1b[2Jnew.yaml").write_text("statements: []\n", encoding="utf-8")
    wait_for(lambda: fetch(base + "/_version")[1] != version, "the watcher to see the new file")
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=DEADLINE) == 0
    output = process.stdout.read()
    assert "changed: esc\\x1b[2Jnew.yaml; reloading" in output and "\x1b" not in output


def test_serves_a_note_and_follows_an_edit_of_its_text(server):
    base, corpus, _, _ = server
    status, page = fetch(base + "/capaciteit-beslisnota.html")
    assert status == 200 and "Capaciteit in de aanpak van mensenhandel" in page
    assert "capaciteit-beslisnota.html" in fetch(base + "/")[1]  # the index lists the notes
    version = fetch(base + "/_version")[1]
    path = corpus / "notes" / "capaciteit-beslisnota.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Daarom het tweede besluitpunt.", "Daarom het tweede besluitpunt, met spoed."
        ),
        encoding="utf-8",
    )
    wait_for(lambda: fetch(base + "/_version")[1] != version, "the watcher to see the change")
    wait_for(lambda: "met spoed" in fetch(base + "/capaciteit-beslisnota.html")[1], "the new text")


def test_serves_the_overview_the_index_lists(server):
    base, _, _, _ = server
    status, index = fetch(base + "/")
    assert status == 200 and 'href="/overzicht.html"' in index
    status, page = fetch(base + "/overzicht.html")
    assert status == 200
    assert "<title>Knelpunten: Overzicht</title>" in page


DUTCH_WORDS = (
    "Voorbeeld",
    "Fout",
    "fouten",
    "Herstel",
    "ververst",
    "Niet gevonden",
    "Geen thema",
    "melding",
    "Samengestelde",
    "kon niet",
)


def test_the_preview_pages_speak_one_language(corpus):
    from bottleneck_briefs.editing.preview_pages import (
        IndexEntry,
        index_entries,
        index_page,
        not_found_page,
        problems_page,
        render_failure_page,
    )

    entries = index_entries(corpus)
    assert [entry.name for entry in entries[:1]] == ["overzicht"]
    assert {entry.name for entry in entries} >= {theme.slug for theme in corpus.codebook.themes} | set(corpus.briefs)
    # a later kind of page is one more entry in the list: its group appears after the others
    index = index_page([*entries, IndexEntry("Notes", "memo", "Notitie", "notes/memo.md")])
    assert index.index("<h2>Overview</h2>") < index.index("<h2>Theme briefs</h2>") < index.index("<h2>Notes</h2>")
    assert '<a href="/memo.html" lang="nl">Notitie</a> (notes/memo.md)' in index
    pages = [
        index,
        problems_page(["a.yaml:1:1: unknown theme 'x'"]),
        render_failure_page("zorg", "TemplateFileError: _layout.html.j2, line 3: 'titel' is undefined"),
        not_found_page("onbekend"),
    ]
    for page in pages:
        assert '<html lang="en">' in page
        text = re.sub(r'<[^>]*lang="nl"[^>]*>[^<]*<', "<", page)  # the corpus's own titles are Dutch, marked
        assert [word for word in DUTCH_WORDS if word in text] == []
