"""A small HTTP/1.1 load generator on asyncio streams, for the API benchmark.

Keep-alive connections, ``Content-Length`` and chunked bodies, and per-request latency, in a few
dozen lines: on a two-core machine every cycle the client spends is taken from the server under
test, so the client does no more than read bytes and time them. Only ``GET`` is spoken.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

REQUEST_TIMEOUT = 120.0
# A pass stops after its duration or after this many requests, whichever comes first.
MAX_REQUESTS_PER_PASS = 200_000


class HttpError(Exception):
    """The server broke the protocol or the connection."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class Connection:
    """One keep-alive connection to ``host:port``, opened on first use and reopened when the server closes it."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    async def get(self, target: str, *, sink: Callable[[bytes], None] | None = None) -> Response:
        """``GET target``; the body is returned, or handed piece by piece to ``sink`` when one is given."""
        reused = self._writer is not None
        try:
            return await self._exchange(target, sink)
        except (ConnectionError, asyncio.IncompleteReadError, HttpError) as exc:
            await self.close()
            # A kept-alive connection the server has meanwhile closed fails before any byte of the
            # answer: one retry on a fresh connection. Anything else is the server's failure.
            if reused and isinstance(exc, _StaleError | ConnectionError):
                return await self._exchange(target, sink)
            raise

    async def _exchange(self, target: str, sink: Callable[[bytes], None] | None) -> Response:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port, limit=1 << 20)
        reader, writer = self._reader, self._writer
        assert reader is not None
        writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept-Encoding: identity\r\n\r\n".encode()
        )
        await writer.drain()
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if not exc.partial:
                raise _StaleError from exc
            raise
        status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise HttpError(f"not an HTTP response: {status_line!r}")
        status = int(parts[1])
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        pieces: list[bytes] = []
        put = sink or pieces.append
        if headers.get("transfer-encoding", "").lower() == "chunked":
            await _read_chunked(reader, put)
        elif "content-length" in headers:
            put(await reader.readexactly(int(headers["content-length"])))
        elif status not in (204, 304):
            while chunk := await reader.read(1 << 16):
                put(chunk)
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, b"".join(pieces))


class _StaleError(HttpError):
    """The server closed a kept-alive connection before answering."""


async def _read_chunked(reader: asyncio.StreamReader, put: Callable[[bytes], None]) -> None:
    while True:
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";", 1)[0], 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                pass
            return
        put(await reader.readexactly(size))
        if await reader.readexactly(2) != b"\r\n":
            raise HttpError("malformed chunked body")


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values (NaN when there are none)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class PassResult:
    """What one pass of one scenario measured: latencies of the successful requests, and failures."""

    requests: int = 0
    errors: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    # every answer's latency, whatever its status (a fast 503 counts here, not in ``latencies``)
    answered: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed if self.elapsed else math.nan

    def quantile(self, fraction: float) -> float:
        return percentile(sorted(self.latencies), fraction)


def _with_cursor(target: str, cursor: str) -> str:
    return f"{target}{'&' if '?' in target else '?'}cursor={quote(cursor, safe='')}"


async def run_pass(
    host: str,
    port: int,
    targets: Sequence[str],
    *,
    concurrency: int,
    duration: float,
    follow: int = 0,
    timeout: float = REQUEST_TIMEOUT,
    honor_retry_after: bool = False,
) -> PassResult:
    """Request ``targets`` in rotation from ``concurrency`` connections for ``duration`` seconds.

    With ``follow`` > 0, each target is a first page: its ``next_cursor`` is followed for that many
    more pages, and every page counts as one request. Each connection makes at least one request.
    With ``honor_retry_after``, a connection answered 429 or 503 waits as ``Retry-After`` says
    before its next request, as a well-behaved client does; otherwise it asks again at once.
    """
    result = PassResult()
    position = 0
    started = time.perf_counter()
    deadline = started + duration

    async def one(connection: Connection, target: str) -> Response | None:
        began = time.perf_counter()
        try:
            async with asyncio.timeout(timeout):
                response = await connection.get(target)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, HttpError, ValueError) as exc:
            await connection.close()
            result.requests += 1
            result.errors += 1
            result.statuses[type(exc).__name__] += 1
            return None
        result.requests += 1
        result.statuses[str(response.status)] += 1
        result.answered.append(time.perf_counter() - began)
        if 200 <= response.status < 300:
            result.latencies.append(time.perf_counter() - began)
        else:
            result.errors += 1
        return response

    async def worker() -> None:
        nonlocal position
        connection = Connection(host, port)
        try:
            first = True
            while first or (time.perf_counter() < deadline and result.requests < MAX_REQUESTS_PER_PASS):
                first = False
                target = targets[position % len(targets)]
                position += 1
                response = await one(connection, target)
                for _ in range(follow):
                    if response is None or not 200 <= response.status < 300:
                        break
                    try:
                        cursor = json.loads(response.body).get("next_cursor")
                    except (ValueError, AttributeError):
                        break
                    if not cursor:
                        break
                    response = await one(connection, _with_cursor(target, cursor))
                if honor_retry_after and response is not None and response.status in (429, 503):
                    wait = float(response.headers.get("retry-after", "0") or 0)
                    await asyncio.sleep(max(0.0, min(wait, deadline - time.perf_counter())))
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.elapsed = time.perf_counter() - started
    return result


@dataclass
class StreamResult:
    status: int
    lines: int
    size: int
    seconds: float
    first_byte: float


async def stream_lines(host: str, port: int, target: str) -> StreamResult:
    """Download ``target`` without keeping it, counting its lines (newline characters)."""
    lines = size = 0
    first_byte = math.nan
    started = time.perf_counter()

    def count(piece: bytes) -> None:
        nonlocal lines, size, first_byte
        if not size:
            first_byte = time.perf_counter() - started
        lines += piece.count(b"\n")
        size += len(piece)

    connection = Connection(host, port)
    try:
        async with asyncio.timeout(3600):
            response = await connection.get(target, sink=count)
    finally:
        await connection.close()
    return StreamResult(response.status, lines, size, time.perf_counter() - started, first_byte)


async def reuse_penalty(host: str, port: int, target: str, *, requests: int = 20) -> tuple[float, float]:
    """Median latency of ``target`` on one kept-alive connection, and on a new connection each time.

    A kept-alive request that is tens of milliseconds slower than a fresh one is the mark of
    Nagle's algorithm meeting delayed ACKs: the server's sockets lack ``TCP_NODELAY``.
    """
    kept: list[float] = []
    fresh: list[float] = []
    connection = Connection(host, port)
    try:
        for _ in range(requests + 1):
            began = time.perf_counter()
            await connection.get(target)
            kept.append(time.perf_counter() - began)
    finally:
        await connection.close()
    for _ in range(requests):
        single = Connection(host, port)
        try:
            began = time.perf_counter()
            await single.get(target)
            fresh.append(time.perf_counter() - began)
        finally:
            await single.close()
    return percentile(sorted(kept[1:]), 0.5), percentile(sorted(fresh), 0.5)
