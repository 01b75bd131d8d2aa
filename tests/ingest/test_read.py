"""Article formats, and the errors that name what is wrong and where."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.ingest.read import (
    Article,
    ArticleError,
    ArticleFormatError,
    expand_paths,
    parse_text,
    read_bytes,
    read_path,
)

GOOD = " date 2024-05-02 Ministers meet\n\nThe ministers met, a spokesperson said.\n"


def test_plain_text_article() -> None:
    article = parse_text(GOOD, origin="a.txt")
    assert article.title == "Ministers meet"
    assert article.published == dt.date(2024, 5, 2)
    assert article.body == "The ministers met, a spokesperson said."


def test_body_offsets_match_the_file_after_the_first_blank_line(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    assert parse_text(raw).body == raw.partition("\n\n")[2].rstrip()


def test_windows_line_endings_are_normalised() -> None:
    assert parse_text(GOOD.replace("\n", "\r\n")).body == "The ministers met, a spokesperson said."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Ministers meet\n\nbody", "a.txt, line 1: no date line"),
        (" date 2024-02-30 Ministers meet\n\nbody", "a.txt, line 1: invalid date '2024-02-30'"),
        (" date yesterday Ministers meet\n\nbody", "a.txt, line 1: invalid date 'yesterday'"),
        (" date 2024-05-02 Ministers meet\n\n  \n", "a.txt: empty body"),
        (" date 2024-05-02 Ministers meet", "a.txt: empty body"),
    ],
)
def test_plain_text_errors(text: str, message: str) -> None:
    with pytest.raises(ArticleFormatError) as caught:
        parse_text(text, origin="a.txt")
    assert str(caught.value).startswith(message)


def test_json_object_and_list() -> None:
    one = {
        "title": "T",
        "published": "2024-05-02T09:30:00+00:00",
        "body": "B",
        "source_url": "https://x.test/1",
    }
    [article] = read_bytes(json.dumps(one).encode(), fmt="json", origin="one.json")
    assert article == Article("T", dt.date(2024, 5, 2), "B", "https://x.test/1", "one.json")
    items = list(read_bytes(json.dumps([one, {"title": "U"}, one]).encode(), fmt="json", origin="many.json"))
    assert isinstance(items[0], Article)
    assert isinstance(items[2], Article)
    assert items[1] == ArticleError("many.json, item 1", "missing field 'published'")


def test_malformed_json_names_line_and_column() -> None:
    [error] = read_bytes(b'{"title": "T",\n "published": }', fmt="json", origin="bad.json")
    assert isinstance(error, ArticleError)
    assert str(error).startswith("bad.json: malformed JSON at line 2, column 15")


def test_jsonl_bad_line_does_not_stop_the_rest() -> None:
    lines = [
        json.dumps({"title": "A", "published": "2024-01-01", "body": "first"}),
        "{not json",
        json.dumps({"title": "B", "published": "2024-13-01", "body": "x"}),
        json.dumps({"title": "C", "published": "2024-01-03", "body": ""}),
        "",
        json.dumps({"title": "D", "published": "2024-01-05", "body": "last"}),
    ]
    items = list(read_bytes("\n".join(lines).encode(), fmt="jsonl", origin="feed.jsonl"))
    assert [i.title for i in items if isinstance(i, Article)] == ["A", "D"]
    errors = [str(i) for i in items if isinstance(i, ArticleError)]
    assert errors[0].startswith("feed.jsonl, line 2: malformed JSON at column 2")
    assert errors[1].startswith("feed.jsonl, line 3: invalid date '2024-13-01' in 'published'")
    assert errors[2] == "feed.jsonl, line 4: empty body: the article has no text after its headline"


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([], "expected a JSON object, got list"),
        ({"published": "2024-01-01"}, "missing field 'body'"),
        ({"published": "2024-01-01", "body": 3}, "field 'body' must be a string, got int"),
        ({"published": 20240101, "body": "b"}, "field 'published' must be an ISO 8601 date, got 20240101"),
        (
            {"published": "2024-01-01", "body": "b", "title": ["x"]},
            "field 'title' must be a string, got list",
        ),
        (
            {"published": "2024-01-01", "body": "b", "source_url": 5},
            "field 'source_url' must be a string or null",
        ),
    ],
)
def test_json_field_errors(obj: object, message: str) -> None:
    [error] = read_bytes(json.dumps(obj).encode(), fmt="jsonl", origin="f.jsonl")
    assert error == ArticleError("f.jsonl, line 1", message)


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(" date 2024-05-02 Caf\xe9\n\nbody".encode("latin-1"))
    [error] = read_path(path)
    assert isinstance(error, ArticleError)
    assert error.origin == str(path)
    assert "not UTF-8 text: byte 0xe9 at offset 20" in error.reason


def test_folders_are_expanded_and_missing_paths_reported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text("")
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "notes.md").write_text("ignored")
    found = list(expand_paths([tmp_path, tmp_path / "missing.txt"]))
    assert found[:2] == [tmp_path / "a.txt", tmp_path / "sub" / "b.jsonl"]
    assert found[2] == ArticleError(str(tmp_path / "missing.txt"), "no such file or folder")


def test_content_hash_ignores_surrounding_whitespace_but_not_content() -> None:
    a = Article("T", dt.date(2024, 1, 1), "body")
    assert a.content_hash == Article(" T ", dt.date(2024, 1, 1), "body\n").content_hash
    assert a.content_hash != Article("T", dt.date(2024, 1, 2), "body").content_hash
    assert a.content_hash != Article("T", dt.date(2024, 1, 1), "body!").content_hash
