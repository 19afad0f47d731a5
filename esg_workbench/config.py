"""The one place settings come from: environment variables prefixed ``ESG_WORKBENCH_`` (or Streamlit
secrets, applied by the app), with defaults that run the workbench locally with no set-up."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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


@cache
def settings() -> Settings:
    return Settings()


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL; a bare path means a SQLite file."""
    value = db or settings().db
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
