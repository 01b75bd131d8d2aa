"""Settings, read once from the environment (prefix ``DYAD_``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the service. Each field is documented in the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="DYAD_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///dyad.db",
        description="SQLAlchemy URL of the database: SQLite (default, a file in the working directory) "
        "or PostgreSQL (postgresql://user@host/db).",
    )
    query_timeout_ms: int = Field(
        default=5000, ge=10, description="Time limit for one API query; slower queries answer 503."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed by CORS, comma-separated (`*` for any).",
    )
    cache_max_age: int = Field(
        default=60, ge=0, description="`Cache-Control: max-age` (seconds) sent with read responses."
    )
    log_level: str = Field(default="info", description="Log level of the service.")
    fetch_timeout_s: float = Field(
        default=20.0, gt=0, description="Seconds to wait for a web server to connect or send data (pages, feeds)."
    )
    fetch_max_bytes: int = Field(
        default=10_000_000, ge=1000, description="Largest page or feed fetched, in bytes once decompressed."
    )
    user_agent: str = Field(
        default="Dyad/0.1 (news statement extraction; polite, one request at a time)",
        description="User-Agent sent with every fetch; put a contact address in it.",
    )
    watch_interval_s: int = Field(
        default=900, ge=10, description="Seconds between two polls of a feed by `dyad watch` (longer after failures)."
    )

    # Who may write, and how much anyone may ask.
    open_writes: bool = Field(
        default=False,
        description="Let anyone write without an API key (local use; `dyad quickstart` sets it).",
    )
    rate_limit_reads: str = Field(
        default="1200/minute",
        description="Requests per client address, in the `limits` notation (`N/second|minute|hour`, "
        "several separated by `;`); empty for no limit.",
    )
    rate_limit_writes: str = Field(
        default="60/minute;1000/day",
        description="Writes per API key; empty for no limit (open writes without a key count against the "
        "address's limit only).",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis URL (redis://host:6379/0) holding the rate-limit counters, shared by every "
        "worker and replica; counted in each process when unset.",
    )
    redis_prefix: str = Field(default="dyad", description="Prefix of the rate-limit keys in Redis.")

    # Capacity: sized together (README, "Capacity and load").
    max_concurrency: int = Field(
        default=4,
        ge=1,
        le=256,
        description="Requests one worker process serves at once; also its thread and connection pool size.",
    )
    max_queue: int = Field(
        default=200,
        ge=0,
        description="Requests one worker lets wait for a free slot; beyond that, a fast 503 with Retry-After.",
    )
    queue_timeout_ms: int = Field(
        default=5000, ge=1, description="How long a request may wait for a slot before it is answered 503."
    )
    extraction_timeout_s: float = Field(
        default=20.0,
        gt=0,
        description="Time budget (wall clock) of extracting one uploaded article; past it the upload answers 503 "
        "and nothing is stored.",
    )
    extraction_workers: int = Field(
        default=1, ge=1, description="Uploads one worker process extracts at once (each in a child process)."
    )

    # Slow clients.
    header_timeout_s: float = Field(
        default=10.0, gt=0, description="Time a client has to send a request's headers (then 408, closed)."
    )
    body_timeout_s: float = Field(
        default=60.0, gt=0, description="Time a client has to send a request's body (then 408, closed)."
    )
    keepalive_timeout_s: float = Field(
        default=5.0, gt=0, description="Idle time before a kept-alive connection closes."
    )

    # HTTP.
    public_url: str | None = Field(
        default=None,
        description="Public base URL (https://dyad.example.org) for absolute links; links are relative "
        "when unset. Never taken from the request's Host header.",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"],
        description="Host names the service answers to, comma-separated (`*.example.org` allowed); "
        "other Host headers get 400.",
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Addresses of reverse proxies whose X-Forwarded-For is trusted for the client address "
        "(comma-separated, `*` for any).",
    )

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        """Accept the URLs other tools print (postgres://, postgresql://) and pick psycopg 3."""
        value = value.strip()
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("cors_origins", "allowed_hosts", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read on first use."""
    return Settings()
