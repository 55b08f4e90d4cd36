"""How long from saving a statement file to a browser having the new text, with `bottlenecks serve`.

A synthetic corpus of N statements (default 500) is served; an SSE client
listens on /_events as the reload script does. Each round changes one
statement's text, saves the file, waits for the pushed event, fetches the brief
and checks the new text is in it. Prints each time and the median (target:
at most 0.3 s at 500 statements).

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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as folder:
        corpus = generate(count, Path(folder) / "corpus")
        statement_file = sorted((corpus / "statements").glob("*.yaml"))[0]
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port), "--corpus", str(corpus)],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1735689600"})
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    fetch(base + "/_version")
                    break
                except OSError:
                    time.sleep(0.1)
            first = statement_file.read_text(encoding="utf-8")
            slug = first.split("themes: [", 1)[1].split("]", 1)[0].split(",")[0]  # the first statement's theme
            fetch(f"{base}/{slug}.html")  # a browser shows it: the server renders it ahead from now on
            with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                connection.sendall(b"GET /_events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                stream = connection.makefile("rb")
                next_event(stream)
                times = []
                for round_ in range(saves):
                    original = statement_file.read_text(encoding="utf-8")
                    marker = f"Meetpunt{round_}x"
                    # the first statement's text gets a new first word (its text is a folded block)
                    changed = original.replace("    text: >-\n      ", f"    text: >-\n      {marker} ", 1)
                    time.sleep(0.3)  # let the previous round settle
                    started = time.perf_counter()
                    statement_file.write_text(changed, encoding="utf-8")
                    next_event(stream)
                    page = fetch(f"{base}/{slug}.html")
                    elapsed = time.perf_counter() - started
                    if marker not in page and marker not in fetch(f"{base}/{slug}.html"):
                        raise SystemExit(f"round {round_}: the new text is not in the page")
                    times.append(elapsed)
                    statement_file.write_text(original, encoding="utf-8")
                    next_event(stream)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"serve, {count} statements, {saves} saves: save -> pushed reload -> new text fetched")
    print("  each:   " + " ".join(f"{seconds:.3f}" for seconds in times))
    print(f"  median: {statistics.median(times):.3f} s (target <= 0.3 s)")


if __name__ == "__main__":
    main()
