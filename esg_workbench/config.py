"""The one place settings come from: environment variables prefixed ``ESG_WORKBENCH_`` (or Streamlit
secrets, applied by the app), with defaults that run the workbench locally with no set-up."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ESG_WORKBENCH_", extra="ignore")

    db: str = Field(
        default=str(PROJECT_ROOT / "var" / "workbench.db"),
        description="SQLite file path or SQLAlchemy URL (postgresql+psycopg://...)",
    )
    frameworks_dir: Path = PROJECT_ROOT / "frameworks"
    sample_dir: Path = PROJECT_ROOT / "sample_data"
    language: str = "en"
    max_upload_mb: int = Field(default=25, ge=1, le=500)
    # Team mode: sign-in (OpenID Connect via Streamlit's [auth] secrets) and per-assessment roles.
    mode: Literal["local", "team"] = "local"
    auto_migrate: bool = Field(default=True, description="migrate the schema when a store opens")
    admins: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="e-mails that act as owner of every assessment (team mode)"
    )
    allowed_domains: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="e-mail domains allowed to sign in and be shared with; empty: any"
    )
    auth_provider: str | None = Field(default=None, description="[auth.NAME] provider for st.login")

    @field_validator("admins", "allowed_domains", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        # Env vars and Streamlit secrets (stringified by the app) give "a@x, b@x" or "['a@x', 'b@x']".
        if isinstance(value, str):
            return tuple(item.lower() for item in re.findall(r"[^\s,;\[\]'\"]+", value))
        if isinstance(value, list | tuple):
            return tuple(str(item).strip().lower() for item in value if str(item).strip())
        return value


@cache
def settings() -> Settings:
    return Settings()


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL; a bare path means a SQLite file."""
    value = db or settings().db
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
