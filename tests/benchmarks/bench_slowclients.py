"""How long a slow or silent client can hold a connection of ``dyad serve``, with its default timeouts.

    python -m tests.benchmarks.bench_slowclients [--db-dir DIR]

Starts ``dyad serve`` on a fresh SQLite database with the configured (default) header, body and
keep-alive timeouts and open writes (without a key, a body is answered 401 before it is read),
then opens one connection per case and prints how long the server kept it, and what it
answered: headers sent one byte a second; a body sent one byte a second; a body shorter than its
``Content-Length``, then silence; a connection that sends nothing; a kept-alive connection left
idle after one answer.
"""

from __future__ import annotations

import argparse
import os
import select
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.config import Settings
from tests.benchmarks.bench_api import free_port
from tests.benchmarks.serverproc import Server

BIN = Path(sys.executable).parent
LIMIT_S = 180.0
POST_HEAD = b"POST /v1/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"


def held(port: int, pieces: list[bytes], pause: float) -> tuple[float, str]:
    """Send ``pieces`` ``pause`` seconds apart until the server answers; seconds until it closed
    the connection, and the first status line it sent."""
    began = time.monotonic()
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=LIMIT_S) as connection:
        try:
            for piece in pieces:
                connection.sendall(piece)
                if select.select([connection], [], [], pause)[0]:
                    break
            while chunk := connection.recv(65536):
                answer += chunk
        except OSError:
            pass
    status = answer.split(b"\r\n", 1)[0].decode("latin-1") or "(closed without an answer)"
    return time.monotonic() - began, status


CASES: dict[str, tuple[list[bytes], float]] = {
    "headers at 1 byte/s": ([bytes([b]) for b in b"GET /v1/topics HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 200], 1.0),
    "body at 1 byte/s": ([POST_HEAD] + [b" "] * 1000, 1.0),
    "body shorter than Content-Length": ([POST_HEAD + b'{"title": "'], 0.0),
    "connection that sends nothing": ([], 0.0),
    "kept alive and idle after an answer": ([b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"], 0.0),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db-dir", type=Path, default=Path(tempfile.mkdtemp(prefix="dyad-slow-")))
    args = parser.parse_args()
    url = f"sqlite:///{args.db_dir / 'slow.db'}"
    # writes open: a body is read only once the writer is let in
    env = {**os.environ, "DYAD_DATABASE_URL": url, "DYAD_LOG_LEVEL": "warning", "DYAD_OPEN_WRITES": "true"}
    subprocess.run([str(BIN / "dyad"), "db", "upgrade"], env=env, check=True, capture_output=True)
    settings = Settings(database_url=url)
    print(
        f"timeouts: headers {settings.header_timeout_s:g} s, body {settings.body_timeout_s:g} s, "
        f"keep-alive {settings.keepalive_timeout_s:g} s"
    )
    port = free_port()
    server = Server(
        [str(BIN / "dyad"), "serve", "--port", str(port)],
        port=port,
        env=env,
        log=args.db_dir / "serve.log",
        name="dyad serve",
    )
    server.start(health="/healthz")
    try:
        for name, (pieces, pause) in CASES.items():
            seconds, status = held(port, pieces, pause)
            print(f"{name:38} held {seconds:6.1f} s, answered {status}", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
