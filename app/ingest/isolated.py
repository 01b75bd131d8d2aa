"""Extraction of one untrusted article in a child process, with a time limit and a way to stop it.

A thread cannot be stopped, and an article crafted against the extractor could keep a core
busy for minutes. The API therefore extracts each upload in a child process that is killed when
the time budget runs out or the client goes away. Children come from a fork server started once
with the extractor imported and its tables built (``app.ingest.warm``), so each costs a fork, not
an interpreter start, and none inherits the server's threads or connections.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from app.ingest.extract import ExtractedStatement, Taxonomy, extract
from app.ingest.read import Article

POLL_S = 0.05
ExtractFunction = Callable[[Article, Taxonomy], list[ExtractedStatement]]
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["app.ingest.warm"])


class ExtractionTimeoutError(Exception):
    """Extraction ran past its time budget; the child was killed."""


class ExtractionCancelledError(Exception):
    """Extraction was stopped from outside (the client went away); the child was killed."""


class ExtractionFailedError(Exception):
    """The extractor raised; carries its message."""


def _child(channel: Connection, extractor: ExtractFunction, article: Article, keywords: dict[str, list[str]]) -> None:
    try:
        result: tuple[str, Any] = ("ok", extractor(article, Taxonomy.from_keywords(keywords)))
    except Exception as exc:  # reported to the parent, which decides what the client hears
        result = ("error", f"{type(exc).__name__}: {exc}")
    channel.send(result)
    channel.close()


def extract_in_child(
    article: Article,
    *,
    keywords: dict[str, list[str]],
    timeout_s: float,
    cancelled: threading.Event | None = None,
) -> list[ExtractedStatement]:
    """The statements of ``article``, extracted in a child process within ``timeout_s`` seconds.

    Blocks the calling thread (run it off the event loop). Raises
    :class:`ExtractionTimeoutError`, :class:`ExtractionCancelledError` (once ``cancelled`` is set)
    or :class:`ExtractionFailedError`.
    """
    receiver, sender = _context.Pipe(duplex=False)
    # ``extract`` is looked up now and sent by name, so the child runs what this module names
    process = _context.Process(target=_child, args=(sender, extract, article, keywords), daemon=True)
    process.start()
    sender.close()
    deadline = time.monotonic() + timeout_s
    try:
        while not receiver.poll(POLL_S):
            if cancelled is not None and cancelled.is_set():
                raise ExtractionCancelledError
            if time.monotonic() > deadline:
                raise ExtractionTimeoutError
            if not process.is_alive() and not receiver.poll(0):
                raise ExtractionFailedError(f"the extraction process died (exit code {process.exitcode})")
        try:
            status, value = receiver.recv()
        except EOFError:
            raise ExtractionFailedError("the extraction process ended without an answer") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status != "ok":
        raise ExtractionFailedError(str(value))
    items: list[ExtractedStatement] = value
    return items
