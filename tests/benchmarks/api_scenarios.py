"""What the API benchmark asks: parameters picked from the data, and the requests built from them.

Parameters come from SQL on the benchmark database, so that every request finds something (a
speaker's date window is centred on one of its statements) and the mix is realistic: a frequent,
a medium and a rare speaker, common and rare words, busy and quiet country pairs. Dyad's requests
are built from what its OpenAPI document offers, so endpoints that do not exist yet are skipped
with a note. Each Datasette request is the nearest equivalent of a Dyad one, under the same key.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import Engine, text

STATEMENTS = "/v1/statements"
FILTERED_LIST = "list: speaker + 3 months"
WINDOW = dt.timedelta(days=45)  # each side of the centre: three months in all
WORD_SAMPLE = 20_000
GUESSED_FACETS = ("speaker", "speaker_country", "country", "topic", "kind")


@dataclass(frozen=True)
class SpeakerPick:
    id: int
    name: str
    statements: int
    date_from: dt.date
    date_to: dt.date


@dataclass(frozen=True)
class Params:
    """Request parameters drawn from one database."""

    total: int
    speakers: dict[str, list[SpeakerPick]]  # "frequent" / "medium" / "rare"
    pairs: list[tuple[str, str, int]]  # (a, b, statements), a < b, busy to quiet
    countries: list[tuple[str, int]]  # the busiest countries, with their statements
    topics: list[tuple[int, str, int]]  # (id, slug, statements)
    words: dict[str, list[str]]  # "common" / "medium" / "rare"
    phrases: list[str]  # two words that occur next to each other
    statement_ids: list[int]
    name_fragments: list[str]

    def describe(self) -> list[str]:
        lines = [f"statements {self.total:,}"]
        for level, picks in self.speakers.items():
            shown = ", ".join(f"{p.name} (id {p.id}, {p.statements:,})" for p in picks)
            lines.append(f"{level} speakers: {shown}")
        lines.append("pairs: " + ", ".join(f"{a}-{b} ({n:,})" for a, b, n in self.pairs))
        lines.append("countries: " + ", ".join(f"{c} ({n:,})" for c, n in self.countries))
        lines.append("topics: " + ", ".join(f"{slug} ({n:,})" for _, slug, n in self.topics))
        for level, words in self.words.items():
            lines.append(f"{level} words: {', '.join(words)}")
        lines.append(f"phrases: {', '.join(self.phrases)}")
        return lines


def _date(value: object) -> dt.date:
    # SQLite hands dates back as text, PostgreSQL as dates.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _by_size(rows: Sequence[Any], *, smallest: int) -> list[Any]:
    """Rows (``.n`` descending) with about 1, 1/10, 1/100, ... of the largest ``n``, down to ``smallest``."""
    if not rows:
        return []
    chosen: list[Any] = []
    size = float(rows[0].n)
    while True:
        wanted = max(size, smallest)
        nearest = min(rows, key=lambda row: (abs(math.log(max(row.n, 1) / wanted)), -row.n))
        if nearest not in chosen:
            chosen.append(nearest)
        if wanted <= smallest:
            return chosen
        size /= 10


def _spread(items: Sequence[Any], count: int) -> list[Any]:
    """``count`` items spread evenly over ``items`` (all of them when there are fewer)."""
    if len(items) <= count:
        return list(items)
    step = (len(items) - 1) / (count - 1) if count > 1 else 0
    return [items[round(i * step)] for i in range(count)]


def pick_parameters(engine: Engine, *, seed: int) -> Params:
    """Realistic request parameters for the data in ``engine``, the same for the same data and seed."""
    rng = random.Random(seed)
    with engine.connect() as db:
        total = db.execute(text("SELECT count(*) FROM statement")).scalar_one()
        step = max(1, total // WORD_SAMPLE)
        ranked = db.execute(
            text("SELECT speaker_id, count(*) AS n FROM statement GROUP BY speaker_id ORDER BY n DESC, speaker_id")
        ).all()
        enough = [row for row in ranked if row.n >= 3] or list(ranked)
        levels = {
            "frequent": enough[:3],
            "medium": enough[len(enough) // 20 : len(enough) // 20 + 3],
            "rare": enough[-3:],
        }
        speakers: dict[str, list[SpeakerPick]] = {}
        for level, rows in levels.items():
            speakers[level] = []
            for row in rows:
                name = db.execute(text("SELECT name FROM speaker WHERE id = :id"), {"id": row.speaker_id}).scalar_one()
                centre = _date(
                    db.execute(
                        text(
                            "SELECT sort_date FROM statement WHERE speaker_id = :id "
                            "ORDER BY sort_date LIMIT 1 OFFSET :k"
                        ),
                        {"id": row.speaker_id, "k": row.n // 2},
                    ).scalar_one()
                )
                speakers[level].append(SpeakerPick(row.speaker_id, name, row.n, centre - WINDOW, centre + WINDOW))
        pairs = db.execute(
            text(
                "SELECT country_a, country_b, count(*) AS n FROM statement_pair "
                "GROUP BY country_a, country_b ORDER BY n DESC, country_a, country_b"
            )
        ).all()
        pair_levels = _by_size(pairs, smallest=5)
        countries = db.execute(
            text(
                "SELECT country_code, count(*) AS n FROM statement_country "
                "GROUP BY country_code ORDER BY n DESC, country_code LIMIT 3"
            )
        ).all()
        topics = db.execute(
            text(
                "SELECT t.id, t.slug, count(*) AS n FROM statement_topic st JOIN topic t ON t.id = st.topic_id "
                "GROUP BY t.id, t.slug ORDER BY n DESC, t.slug"
            )
        ).all()
        texts = db.execute(
            text("SELECT text FROM statement WHERE id % :step = 0 ORDER BY id LIMIT :n"),
            {"step": step, "n": WORD_SAMPLE},
        ).scalars()
        words, phrases = _vocabulary(texts)
        ids = list(
            db.execute(text("SELECT id FROM statement WHERE id % :step = 0 ORDER BY id LIMIT 200"), {"step": step})
            .scalars()
            .all()
        )
    names = [p.name for picks in speakers.values() for p in picks]
    fragments = [name.split()[-1][:4].lower() for name in names[:6]] + [names[0], names[-1]]
    rng.shuffle(ids)
    return Params(
        total=total,
        speakers=speakers,
        pairs=[(a, b, n) for a, b, n in pair_levels],
        countries=[(c, n) for c, n in countries],
        topics=[(i, slug, n) for i, slug, n in _spread(list(topics), 4)],
        words=words,
        phrases=phrases,
        statement_ids=ids[:50],
        name_fragments=fragments,
    )


def _vocabulary(texts: Iterable[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Common, medium and rare words (by the share of texts holding them), and frequent phrases."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    sampled = 0
    for body in texts:
        sampled += 1
        # Whole words only: "barthélemy" must not give "barth", which a word index would not find.
        tokens = [t for t in re.findall(r"\w+", body.lower()) if t.isascii() and t.isalpha()]
        words.update({t for t in tokens if len(t) >= 5})
        pairs.update({f"{a} {b}" for a, b in itertools.pairwise(tokens) if len(a) >= 4 and len(b) >= 4})
    by_share = sorted(words.items(), key=lambda item: (-item[1], item[0]))
    medium = sorted(by_share, key=lambda item: (abs(item[1] - sampled * 0.02), item[0]))
    rare: list[str] = []
    seen: set[int] = set()
    # Words of one name ("falkland", "malvinas") occur together: take rare words of distinct frequencies.
    for word, count in sorted(by_share, key=lambda item: (item[1], item[0])):
        if count >= 2 and count not in seen:
            rare.append(word)
            seen.add(count)
    top_pairs = [p for p, _ in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))]
    phrases = [top_pairs[0], top_pairs[len(top_pairs) // 4]] if top_pairs else []
    return (
        {
            "common": [w for w, _ in by_share[:2]],
            "medium": [w for w, _ in medium[:2]],
            "rare": rare[:2] or [w for w, _ in by_share[-2:]],
        },
        phrases,
    )


def qs(**params: object) -> str:
    """A query string; list values repeat their parameter, ``None`` values are left out."""
    return urlencode({k: v for k, v in params.items() if v is not None}, doseq=True, quote_via=quote)


@dataclass(frozen=True)
class Scenario:
    """Requests made in rotation and measured together; ``key`` pairs a Dyad scenario with Datasette's."""

    key: str
    targets: list[str]
    group: str
    follow: int = 0
    note: str = ""


@dataclass(frozen=True)
class Export:
    key: str
    target: str
    header_lines: int  # lines that are not rows (a CSV header)
    whole_table: bool


class OpenApi:
    """What the running service's OpenAPI document says about its GET operations."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.paths: Mapping[str, Any] = spec.get("paths", {})

    def has(self, path: str) -> bool:
        return "get" in self.paths.get(path, {})

    def find(self, prefix: str) -> str | None:
        """The first GET path under ``prefix`` that takes a path parameter."""
        return next((p for p in self.paths if p.startswith(prefix) and "{" in p and self.has(p)), None)

    def parameters(self, path: str) -> dict[str, Any]:
        operation = self.paths.get(path, {}).get("get", {})
        return {p["name"]: self._resolve(p.get("schema", {})) for p in operation.get("parameters", [])}

    def enum(self, path: str, name: str) -> list[str]:
        """The values an enumerated parameter accepts ([] when it is free or absent)."""
        schema = self.parameters(path).get(name)
        return self._values(schema) if schema is not None else []

    def _resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            node: Any = self.spec
            for part in ref[2:].split("/"):
                node = node.get(part, {})
            return self._resolve(node)
        return schema

    def _values(self, schema: Mapping[str, Any]) -> list[str]:
        schema = self._resolve(schema)
        if "enum" in schema:
            return [str(v) for v in schema["enum"]]
        if "const" in schema:
            return [str(schema["const"])]
        values: list[str] = []
        for key in ("anyOf", "oneOf", "allOf"):
            for member in schema.get(key, []):
                values.extend(v for v in self._values(member) if v not in values)
        if "items" in schema:
            values.extend(v for v in self._values(schema["items"]) if v not in values)
        return values


def dyad_plan(api: OpenApi, p: Params) -> tuple[list[Scenario], list[Export], list[str]]:
    """Dyad's scenarios and exports for what the service offers, and notes on what was skipped."""
    notes: list[str] = []
    scenarios: list[Scenario] = []
    picks = [pick for level in p.speakers.values() for pick in level]
    pairs = [(a, b) for a, b, _ in p.pairs]
    country = p.countries[0][0]
    words = p.words

    def add(key: str, group: str, targets: list[str], **extra: Any) -> None:
        scenarios.append(Scenario(key, targets, group, **extra))

    def stmts(**params: object) -> str:
        return f"{STATEMENTS}?{qs(**params)}"

    add("list: newest 50", "list", [stmts(limit=50)])
    add(
        FILTERED_LIST,
        "list",
        [stmts(speaker_id=s.id, date_from=s.date_from, date_to=s.date_to, limit=50) for s in picks],
        note="frequent, medium and rare speakers, 90-day windows",
    )
    add("list: speaker name", "list", [stmts(speaker=s.name, limit=50) for s in picks])
    add("list: country dyad", "list", [stmts(country=[a, b], limit=50) for a, b in pairs])
    add("list: topic", "list", [stmts(topic=slug, limit=50) for _, slug, _ in p.topics])
    add(
        "list: keyset, 5 pages",
        "list",
        [stmts(country=c, limit=50) for c, _ in p.countries] + [stmts(topic=p.topics[0][1], limit=50)],
        follow=4,
    )
    add("get one statement", "get", [f"{STATEMENTS}/{i}" for i in p.statement_ids])
    add("speakers: search", "speakers", [f"/v1/speakers?{qs(q=f)}" for f in p.name_fragments])

    search = api.parameters(STATEMENTS)
    if "q" not in search:
        notes.append("no q parameter on /v1/statements: search skipped")
    else:
        add("q: common word", "search", [stmts(q=w) for w in words["common"]])
        add("q: medium word", "search", [stmts(q=w) for w in words["medium"]])
        add("q: rare word", "search", [stmts(q=w) for w in words["rare"]])
        add(
            "q: two words",
            "search",
            [stmts(q=f"{a} {b}") for a, b in zip(words["common"], words["rare"], strict=False)],
        )
        add("q: phrase", "search", [stmts(q=f'"{phrase}"') for phrase in p.phrases])
        add(
            "q: OR",
            "search",
            [
                stmts(q=f"{words['rare'][0]} OR {words['rare'][-1]}"),
                stmts(q=f"{words['medium'][0]} OR {words['rare'][0]}"),
            ],
        )
        mixed = [w for level in words.values() for w in level]
        if "relevance" in api.enum(STATEMENTS, "sort"):
            add("q: words, sort=relevance", "search", [stmts(q=w, sort="relevance") for w in mixed])
        else:
            notes.append("no sort=relevance on /v1/statements: skipped")

    facets = f"{STATEMENTS}/facets"
    if not api.has(facets):
        notes.append(f"no {facets}: facets skipped")
    else:
        fields = api.enum(facets, "field")
        if not fields:
            fields = list(GUESSED_FACETS)
            notes.append(f"{facets}: field is not enumerated; trying {', '.join(fields)}")
        for name in fields:
            add(f"facets: {name}", "facets", [f"{facets}?{qs(field=name)}"])
            add(
                f"facets: {name}, one country",
                "facets-filtered",
                [f"{facets}?{qs(field=name, country=c)}" for c, _ in p.countries],
            )

    timeline = f"{STATEMENTS}/timeline"
    if not api.has(timeline):
        notes.append(f"no {timeline}: timeline skipped")
    else:
        intervals = api.enum(timeline, "interval") or ["month", "year"]
        for interval in intervals:
            add(f"timeline: {interval}", "timeline", [f"{timeline}?{qs(interval=interval)}"])
        for group in api.enum(timeline, "group_by"):
            add(f"timeline: year by {group}", "timeline", [f"{timeline}?{qs(interval='year', group_by=group)}"])

    if not api.has("/v1/relations"):
        notes.append("no /v1/relations: relations skipped")
    else:
        add("relations: list", "relations", ["/v1/relations"])
    pair_path = api.find("/v1/relations/")
    if pair_path is None:
        notes.append("no /v1/relations/{A}-{B}: pair summary skipped")
    else:
        add("relations: pair summary", "relations", [_fill_pair(pair_path, a, b) for a, b in pairs])

    exports: list[Export] = []
    export = f"{STATEMENTS}/export"
    if not api.has(export):
        notes.append(f"no {export}: exports skipped")
    else:
        for fmt in api.enum(export, "format") or ["csv", "ndjson"]:
            header = 1 if fmt == "csv" else 0
            exports.append(
                Export(f"export {fmt}: country {country}", f"{export}?{qs(format=fmt, country=country)}", header, False)
            )
            exports.append(Export(f"export {fmt}: whole table", f"{export}?{qs(format=fmt)}", header, True))
    return scenarios, exports, notes


def _fill_pair(template: str, a: str, b: str) -> str:
    slots = re.findall(r"\{[^}]+\}", template)
    if len(slots) == 1:
        return template.replace(slots[0], f"{a}-{b}")
    return template.replace(slots[0], a, 1).replace(slots[1], b, 1)


# Datasette: the same questions, asked through its table filters where it has them, else SQL.
# ``_nocount`` and ``_nosuggest`` spare it the row count and facet suggestions Dyad does not make;
# ``_labels=on`` resolves speaker and document ids to names and titles, as Dyad's rows carry them.
TABLE_DEFAULTS = {"_nocount": "1", "_nosuggest": "1"}


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def datasette_plan(db: str, p: Params, *, fts: str | None) -> tuple[list[Scenario], list[Export]]:
    """Datasette's equivalents of Dyad's scenarios on database ``db`` (``fts``: an FTS table over statement)."""
    picks = [pick for level in p.speakers.values() for pick in level]
    country = p.countries[0][0]

    def table(name: str, **params: object) -> str:
        return f"/{db}/{name}.json?{qs(**TABLE_DEFAULTS, **params)}"

    def rows(**params: object) -> str:
        return table("statement", _sort_desc="sort_date", _size=50, _labels="on", **params)

    def sql(query: str) -> str:
        return f"/{db}.json?{qs(sql=query, _shape='array')}"

    def in_country(c: str, column: str = "id") -> str:
        return f"{column} in (select statement_id from statement_country where country_code = {_sql_literal(c)})"

    def matching(expression: str) -> str:
        if fts is not None:
            return f"id in (select rowid from {fts} where {fts} match {_sql_literal(expression)})"
        terms = expression.replace('"', "").split(" OR ")
        return " or ".join(f"text like {_sql_literal('%' + t + '%')}" for t in terms)

    how = "FTS MATCH" if fts else "LIKE (no FTS table)"
    scenarios = [
        Scenario("list: newest 50", [rows()], "list"),
        Scenario(
            FILTERED_LIST,
            [
                rows(speaker_id=s.id, sort_date__gte=s.date_from, sort_date__lte=s.date_to, date__notnull=1)
                for s in picks
            ],
            "list",
            note="table filters",
        ),
        Scenario(
            "list: country dyad",
            [
                rows(
                    _where=f"id in (select statement_id from statement_pair where country_a = {_sql_literal(a)} "
                    f"and country_b = {_sql_literal(b)})"
                )
                for a, b, _ in p.pairs
            ],
            "list",
            note="_where on statement_pair",
        ),
        Scenario(
            "list: topic",
            [
                rows(_where=f"id in (select statement_id from statement_topic where topic_id = {i})")
                for i, _, _ in p.topics
            ],
            "list",
            note="_where on statement_topic",
        ),
        Scenario("get one statement", [f"/{db}/statement/{i}.json?_labels=on" for i in p.statement_ids], "get"),
        Scenario(
            "speakers: search",
            [table("speaker", name__contains=f, _sort="name", _size=50) for f in p.name_fragments],
            "speakers",
            note="name only (Dyad also matches aliases and counts statements)",
        ),
        Scenario("q: common word", [rows(_where=matching(w)) for w in p.words["common"]], "search", note=how),
        Scenario("q: rare word", [rows(_where=matching(w)) for w in p.words["rare"]], "search", note=how),
        Scenario("q: phrase", [rows(_where=matching(f'"{ph}"')) for ph in p.phrases], "search", note=how),
        Scenario(
            "q: OR",
            [rows(_where=matching(f"{p.words['rare'][0]} OR {p.words['rare'][-1]}"))],
            "search",
            note=how,
        ),
    ]
    for field, (name, column, ident) in {
        "speaker": ("statement", "speaker_id", "id"),
        "kind": ("statement", "kind", "id"),
        "country": ("statement_country", "country_code", "statement_id"),
        "topic": ("statement_topic", "topic_id", "statement_id"),
    }.items():
        scenarios.append(Scenario(f"facets: {field}", [table(name, _facet=column, _size=0)], "facets", note="_facet"))
        scenarios.append(
            Scenario(
                f"facets: {field}, one country",
                [table(name, _facet=column, _size=0, _where=in_country(c, ident)) for c, _ in p.countries],
                "facets-filtered",
                note="_facet + _where",
            )
        )
    speaker_country = (
        "select sp.country_code as value, count(*) as count from statement s join speaker sp on sp.id = s.speaker_id "
        "group by sp.country_code order by count desc limit 31"
    )
    scenarios.append(Scenario("facets: speaker_country", [sql(speaker_country)], "facets", note="SQL"))
    for interval, width in (("month", 7), ("year", 4)):
        period = (
            f"select substr(sort_date, 1, {width}) as period, count(*) as statements from statement "
            "where date is not null group by period order by period"
        )
        scenarios.append(Scenario(f"timeline: {interval}", [sql(period)], "timeline", note="SQL"))
    relations = (
        "select country_a, country_b, count(*) as statements from statement_pair "
        "group by country_a, country_b order by statements desc limit 50"
    )
    scenarios.append(Scenario("relations: list", [sql(relations)], "relations", note="SQL"))
    stream = {"_stream": "on", "_size": "max", "_labels": "on"}
    exports = [
        Export(
            f"export csv: country {country}",
            f"/{db}/statement.csv?{qs(**stream, _where=in_country(country))}",
            1,
            False,
        ),
        Export("export csv: whole table", f"/{db}/statement.csv?{qs(**stream)}", 1, True),
    ]
    return scenarios, exports
