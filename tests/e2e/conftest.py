"""Browser end-to-end fixtures: Debian's Chromium driven by Playwright (never a downloaded browser) and the
real app served by ``esg-workbench app`` on a free loopback port with a fresh SQLite store.

Without Chromium or Playwright the tests are skipped locally and fail in CI (CI=true). Screenshots go to
``.ci/artifacts/screenshots/`` (git-ignored), kept as CI output."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".ci" / "artifacts" / "screenshots"
START_TIMEOUT_S = 90


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        _unavailable(f"browser tests need Debian's chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("browser tests need the playwright Python package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[str]:
    """The app on a free loopback port with an empty store; its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ESG_WORKBENCH_DB": str(tmp_path / "e2e.db")}
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "esg_workbench", "app", "--port", str(port), "--host", "127.0.0.1", "--no-samples"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(START_TIMEOUT_S * 5):
            if _healthy(url):
                break
            try:  # waits 0.2 s for the server, and notices when it died
                process.wait(timeout=0.2)
                pytest.fail(f"the app server exited: {(tmp_path / 'server.log').read_text()}")
            except subprocess.TimeoutExpired:
                continue
        else:
            pytest.fail(f"the app server did not answer within {START_TIMEOUT_S} s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest):  # noqa: ANN201 - a callable
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{request.node.name}-*.png"):  # only this run's pictures stay
        old.unlink()
    counter = iter(range(1, 100))

    def take(page, name: str) -> Path:  # noqa: ANN001 - a Playwright page
        path = SCREENSHOTS / f"{request.node.name}-{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
