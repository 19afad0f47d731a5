"""Running the app under test for the browser tests: a free loopback port, a server process that is
waited for until it answers ``/_stcore/health`` (the test fails with the server's log if it dies first)
and stopped afterwards, and waiting in a page until Streamlit has finished a run.

A plain module, not conftest.py: test modules import it, and pytest keeps several modules named
``conftest`` apart only for its own use."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 15
TIMEOUT_MS = 30_000


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_command(port: int) -> list[str]:
    """``esg-workbench app`` on loopback, without the sample assessments (each test stores its own)."""
    return [sys.executable, "-m", "esg_workbench", "app", "--port", str(port), "--host", "127.0.0.1", "--no-samples"]


def oidc_secrets(url: str, provider: Any) -> str:
    """Streamlit's [auth] section for the stand-in provider (an ``OidcStandIn``), with the app at ``url``."""
    return (
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        'cookie_secret = "test-only-cookie-secret-0123456789"\n'
        f'client_id = "{provider.client_id}"\n'
        f'client_secret = "{provider.client_secret}"\n'
        f'server_metadata_url = "{provider.base}/.well-known/openid-configuration"\n'
    )


@contextlib.contextmanager
def serve_app(
    env: Mapping[str, str],
    port: int,
    log_path: Path,
    *,
    command: Sequence[str] | None = None,
    cwd: Path = ROOT,
) -> Iterator[str]:
    """Run ``command`` (default: :func:`app_command`) with ``env``, output to ``log_path``, until the
    block ends; yields the server's URL once it is healthy. This checkout's code comes first on
    PYTHONPATH, so a server started from another directory still runs it."""
    url = f"http://127.0.0.1:{port}"
    python_path = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            list(command or app_command(port)),
            cwd=cwd,
            env={**env, "PYTHONPATH": python_path},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(process, url, log_path)
            yield url
        finally:
            _stop(process)


@contextlib.contextmanager
def serve_team_app(tmp_path: Path, db: Path, command: Callable[[int], Sequence[str]]) -> Iterator[tuple[str, Any]]:
    """Team mode (sign-in from firm.dk, no administrators) on ``db`` behind a fresh local OpenID Connect
    stand-in: ``command(port)`` is served from ``tmp_path``, whose .streamlit/secrets.toml (Streamlit reads
    it from its working directory) points at the stand-in. Yields (URL, the stand-in)."""
    from oidc_standin import OidcStandIn

    port = free_port()
    provider = OidcStandIn().start()
    try:
        (tmp_path / ".streamlit").mkdir(exist_ok=True)
        (tmp_path / ".streamlit" / "secrets.toml").write_text(
            oidc_secrets(f"http://127.0.0.1:{port}", provider), encoding="utf-8"
        )
        env = {k: v for k, v in os.environ.items() if k != "ESG_WORKBENCH_ADMINS"}
        env.update(ESG_WORKBENCH_DB=str(db), ESG_WORKBENCH_MODE="team", ESG_WORKBENCH_ALLOWED_DOMAINS="firm.dk")
        with serve_app(env, port, tmp_path / "server.log", command=command(port), cwd=tmp_path) as url:
            yield url, provider
    finally:
        provider.stop()


def _wait_until_healthy(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _healthy(url):
        code = process.poll()
        if code is not None:
            pytest.fail(f"the app server for {url} exited with {code}; its log:\n{_read(log_path)}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(
                f"the app server for {url} did not answer within {START_TIMEOUT_S} s; its log:\n{_read(log_path)}",
                pytrace=False,
            )
        time.sleep(0.2)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _read(log_path: Path) -> str:
    return log_path.read_text(encoding="utf-8", errors="replace")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_idle(page) -> None:  # noqa: ANN001 - a Playwright page
    """Wait until Streamlit has finished the run an action started: the app reports it is not running
    and no element of the previous run is still shown (Streamlit marks those ``data-stale``).

    The run may not have started yet when this is called, so first wait briefly for it to start."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # the run may be over before this looks
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='running']", timeout=2_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT_MS)
    page.wait_for_function("() => !document.querySelector(\"[data-stale='true']\")", timeout=TIMEOUT_MS)


ROW_PX = 35  # st.data_editor's default row (and header) height


def edit_cell(page, editor: Callable[[], Any], row: int, column: int, text: str, *, choose: bool = False) -> None:  # noqa: ANN001
    """Select a cell of the data editor ``editor()`` finds by clicking the first cell of its row and
    moving right, open its editor, type ``text`` and commit it with Enter; or, with ``choose``, pick the
    drop-down option named ``text`` (typing would leave the cell's current option highlighted when it
    matches too).

    The grid is drawn on a canvas and takes focus on the first click once it is interactive, and a
    rerun that lands between the click and the editor opening redraws the grid and closes the editor
    (or its drop-down) again: so the selection is made again, five times at most, and the last failure
    is raised."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    cell_input = page.locator("#portal input, #portal textarea").first
    option = page.get_by_role("option", name=text, exact=True)
    for attempt in range(5):
        editor().click(position={"x": 40, "y": ROW_PX + ROW_PX * row + ROW_PX // 2})
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")  # opens the cell editor, an input in the grid's overlay portal
        try:
            (option if choose else cell_input).wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            wait_idle(page)
            if attempt == 4:
                raise
    if choose:
        option.click()
    else:
        cell_input.fill(text)
        cell_input.press("Enter")  # commits the value
    wait_idle(page)
