"""How long from saving a statement file to a browser having the new text, with `bottlenecks serve`.

A synthetic corpus of N statements (default 500) is served; an SSE client
listens on /_events as the reload script does. Each round changes one
statement's text, saves the file, waits for the pushed event, fetches the brief
and checks the new text is in it. Then the same for a note (notes/proef.md,
which quotes that statement and counts its theme): each round changes a word
of the writer's text and saves the note. Prints each time and the medians
(target: at most 0.3 s at 500 statements, for a brief and for a note).

    python benchmarks/serve_reload.py [STATEMENTS] [SAVES]
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def next_event(stream: IO[bytes]) -> str:
    data = None
    while True:
        line = stream.readline().decode("utf-8")
        if not line:
            raise SystemExit("the event stream ended")
        line = line.rstrip("\n")
        if line.startswith("data: "):
            data = line[6:]
        elif line == "" and data is not None:
            return data


NOTE = """---
title: Proefnotitie
kind: notitie
to: Gemeenteraad Voorbeeldstad
from: Afdeling Zorg en Veiligheid
status: concept
---

## Aanleiding

Professionals noemen [[count themes={slug}]] knelpunten over dit thema, onder meer [[{first}]]:

[[{first}]]
"""


def timed_saves(stream: IO[bytes], path: Path, old: str, url: str, saves: int, word: str) -> list[float]:
    """Each round: `old` in the file becomes a new word, saved; the time until the page fetched holds it."""
    times = []
    for round_ in range(saves):
        original = path.read_text(encoding="utf-8")
        marker = f"{word}{round_}x"
        changed = original.replace(old, f"{old}{marker} ", 1)
        time.sleep(0.3)  # let the previous round settle
        started = time.perf_counter()
        path.write_text(changed, encoding="utf-8")
        next_event(stream)
        page = fetch(url)
        elapsed = time.perf_counter() - started
        if marker not in page and marker not in fetch(url):
            raise SystemExit(f"round {round_}: the new text is not in {url}")
        times.append(elapsed)
        path.write_text(original, encoding="utf-8")
        next_event(stream)
    return times


def report(what: str, times: list[float]) -> None:
    print(f"  {what}, each:   " + " ".join(f"{seconds:.3f}" for seconds in times))
    print(f"  {what}, median: {statistics.median(times):.3f} s (target <= 0.3 s)")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as folder:
        corpus = generate(count, Path(folder) / "corpus")
        statement_file = sorted((corpus / "statements").glob("*.yaml"))[0]
        first = statement_file.read_text(encoding="utf-8")
        slug = first.split("themes: [", 1)[1].split("]", 1)[0].split(",")[0]  # the first statement's theme
        first_id = first.split("  - id: ", 1)[1].split("\n", 1)[0]
        note_file = corpus / "notes" / "proef.md"
        note_file.parent.mkdir(exist_ok=True)
        note_file.write_text(NOTE.format(slug=slug, first=first_id), encoding="utf-8")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port), "--corpus", str(corpus)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1735689600"},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    fetch(base + "/_version")
                    break
                except OSError:
                    time.sleep(0.1)
            fetch(f"{base}/{slug}.html")  # a browser shows it: the server renders it ahead from now on
            with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                connection.sendall(b"GET /_events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                stream = connection.makefile("rb")
                next_event(stream)
                # the first statement's text gets a new first word (its text is a folded block)
                brief_times = timed_saves(
                    stream, statement_file, "    text: >-\n      ", f"{base}/{slug}.html", saves, "Meetpunt"
                )
                fetch(f"{base}/proef.html")  # the note is shown too: rendered ahead from now on
                note_times = timed_saves(
                    stream, note_file, "Professionals noemen ", f"{base}/proef.html", saves, "Meetwoord"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"serve, {count} statements, {saves} saves: save -> pushed reload -> new text fetched")
    report("brief, a statement saved", brief_times)
    report("note, the note saved", note_times)


if __name__ == "__main__":
    main()
