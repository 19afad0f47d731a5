"""``app`` command: seed an empty store with the sample assessments, then start the Streamlit app on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from ..config import DEFAULT_DB_RULE, settings
from . import DbOption, cli, handle_errors

MAIN_SCRIPT = Path(__file__).resolve().parent.parent / "app" / "main.py"


def streamlit_command(*, port: int, host: str, max_upload_mb: int, python: str = sys.executable) -> list[str]:
    """The ``streamlit run`` command line with the workbench's server settings."""
    return [
        python,
        "-m",
        "streamlit",
        "run",
        str(MAIN_SCRIPT),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--server.maxUploadSize",
        str(max_upload_mb),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--client.showErrorDetails",
        "none",  # users see a message, the traceback goes to the log
        "--client.toolbarMode",
        "minimal",
        "--theme.primaryColor",
        "#1b5e20",
        "--theme.base",
        "light",
    ]


def seed_if_empty(db: str | None) -> list[str]:
    """Add the sample assessments when the store holds no assessment at all (deleted ones count)."""
    from ..samples import seed_samples
    from ..store import Store

    with Store(db) as store:
        if store.list_assessments(include_deleted=True):
            return []
        return seed_samples(store, settings().sample_dir)


@cli.command()
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535), help="TCP port to serve on.")
@click.option("--host", default="localhost", show_default=True, help="Address to listen on (0.0.0.0 for all).")
@click.option(
    "--db",
    "db_option",
    cls=DbOption,
    default=None,
    metavar="PATH|URL",
    help=f"Store to use (overrides the main --db option and ESG_WORKBENCH_DB). Default: {DEFAULT_DB_RULE}.",
)
@click.option("--no-samples", is_flag=True, help="Do not add the sample assessments to an empty store.")
@click.option("--dry-run", is_flag=True, help="Prepare the store and print the server command without starting it.")
@click.pass_context
@handle_errors
def app(ctx: click.Context, port: int, host: str, db_option: str | None, no_samples: bool, dry_run: bool) -> None:
    """Start the web app (Streamlit) on the store; an empty store first gets the sample assessments.

    \b
    Example:
        esg-workbench app                       # http://localhost:8501, the default store
        esg-workbench app --port 8600 --db /tmp/try.db
    """
    db = db_option or (ctx.obj or {}).get("db") or settings().db
    if "://" not in db:
        Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
    if not no_samples:
        added = seed_if_empty(db)
        if added:
            click.echo(f"added {len(added)} sample assessment(s): {', '.join(added)}")
    command = streamlit_command(port=port, host=host, max_upload_mb=settings().max_upload_mb)
    if dry_run:
        click.echo(" ".join(command))
        return
    env = {**os.environ, "ESG_WORKBENCH_DB": db}
    click.echo(f"ESG Architecture Workbench on http://{host}:{port} (store: {db}); stop with Ctrl+C", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        # Become the server process, so a signal to this command (Ctrl+C, a supervisor's SIGTERM) reaches
        # the server itself and never leaves an orphaned server behind.
        os.execve(command[0], command, env)
    try:  # pragma: no cover - Windows has no exec that keeps the console
        code = subprocess.call(command, env=env)
    except KeyboardInterrupt:  # pragma: no cover
        code = 0
    sys.exit(code)  # pragma: no cover
