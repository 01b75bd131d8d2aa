"""Servers under test as child processes, and the resident memory of their process trees.

A server is started in a session of its own, waited for until its health URL answers, and
stopped by its own process id (then, if need be, each process left of its tree, by id). Memory
is the sum of ``VmRSS`` over the server process and all its descendants (uvicorn's workers),
sampled from ``/proc`` by a background thread.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


def children_map() -> dict[int, list[int]]:
    """Parent id -> ids of its children, for every process visible in ``/proc``."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children = children_map()
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, ()))
    return tree


def start_time(pid: int) -> int | None:
    """When the process started (clock ticks since boot): with the id, it names one process for good."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(root: int) -> int:
    return sum(rss_bytes(pid) for pid in process_tree(root))


@dataclass
class MemorySampler:
    """Samples the summed RSS of a process tree every ``interval`` seconds until stopped."""

    root: int
    interval: float = 0.1
    samples: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic(), tree_rss(self.root)))
            self._stop.wait(self.interval)

    def now(self) -> int:
        """A fresh reading, recorded with the others."""
        reading = (time.monotonic(), tree_rss(self.root))
        self.samples.append(reading)
        return reading[1]

    def peak(self, since: float = 0.0, until: float = float("inf")) -> int:
        return max((rss for t, rss in self.samples if since <= t <= until), default=0)


class ServerError(Exception):
    """The server did not start, or died."""


class Server:
    """A server process listening on ``127.0.0.1:port``, with its output in ``log``."""

    def __init__(self, command: Sequence[str], *, port: int, env: Mapping[str, str], log: Path, name: str) -> None:
        self.command = list(command)
        self.port = port
        self.env = dict(env)
        self.log = log
        self.name = name
        self.process: subprocess.Popen[bytes] | None = None
        self.memory: MemorySampler | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, health: str, timeout: float = 180.0) -> None:
        """Start the process and wait until ``health`` answers 200; a :class:`ServerError` otherwise."""
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise ServerError(f"{self.name} exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base + health, timeout=5) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"{self.name} did not answer {health} within {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.2)
        self.memory = MemorySampler(self.process.pid)
        self.memory.start()

    def stop(self) -> None:
        """SIGTERM to the server; what is still running of its tree after 15 s gets SIGKILL, by id."""
        if self.memory is not None:
            self.memory.stop()
        if self.process is None or self.process.poll() is not None:
            return
        tree = [(pid, start_time(pid)) for pid in process_tree(self.process.pid)[1:]]
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for pid, started in tree:
            if started is not None and start_time(pid) == started:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def workers(self) -> int:
        """How many processes the server runs (master included)."""
        return len(process_tree(self.process.pid)) if self.process else 0

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
