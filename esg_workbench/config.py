"""The one place settings come from: environment variables prefixed ``ESG_WORKBENCH_`` (or Streamlit
secrets, applied by the app), with defaults that run the workbench locally with no set-up."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the checkout, when the package runs from one
DISTRIBUTION = "esg-workbench"
DEFAULT_DB_RULE = (
    "var/workbench.db in the checkout when run from one (the working directory, else the package's), "
    "otherwise workbench.db in the user's data folder"
)


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is a source checkout of the workbench: it holds the pyproject.toml naming it."""
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(project, dict) and project.get("name") == DISTRIBUTION


def checkout_root() -> Path | None:
    """The checkout the workbench runs from: the working directory when it is one, else the folder the
    package was imported from when that is one; None for an installed package run elsewhere."""
    return next((folder for folder in (Path.cwd(), PROJECT_ROOT) if is_checkout(folder)), None)


def default_db() -> str:
    """Where the store lives unless ``ESG_WORKBENCH_DB`` says otherwise (see DEFAULT_DB_RULE)."""
    root = checkout_root()
    if root is not None:
        return str(root / "var" / "workbench.db")
    import platformdirs  # only an installed workbench run outside a checkout needs it

    return str(Path(platformdirs.user_data_dir(DISTRIBUTION, appauthor=False)) / "workbench.db")


def bundled_dir(name: str) -> Path:
    """A folder that ships with the workbench (``frameworks``, ``sample_data``): the top-level source
    folder when the package runs from a checkout, else the copy inside the installed package (setup.py
    puts it in the wheel as ``esg_workbench/_data/<name>``; pip installs a wheel as plain files)."""
    if is_checkout(PROJECT_ROOT):
        return PROJECT_ROOT / name
    return Path(str(resources.files(__package__).joinpath("_data", name)))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ESG_WORKBENCH_", extra="ignore")

    db: str = Field(
        default_factory=default_db,
        description="SQLite file path or SQLAlchemy URL (postgresql+psycopg://...)",
    )
    frameworks_dir: Path = Field(default_factory=lambda: bundled_dir("frameworks"))
    sample_dir: Path = Field(default_factory=lambda: bundled_dir("sample_data"))
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
