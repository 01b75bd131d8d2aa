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

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        """Accept the URLs other tools print (postgres://, postgresql://) and pick psycopg 3."""
        value = value.strip()
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read on first use."""
    return Settings()
