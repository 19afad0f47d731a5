"""Browser end-to-end fixtures: Debian's Chromium driven by Playwright (never a downloaded browser) and the
real app served by ``esg-workbench app`` on a free loopback port with a fresh SQLite store.

Without Chromium or Playwright the tests are skipped locally and fail in CI (CI=true). Screenshots go to
``.ci/artifacts/screenshots/`` (git-ignored), kept as CI output."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_harness import ROOT, free_port, serve_app

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
SCREENSHOTS = ROOT / ".ci" / "artifacts" / "screenshots"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


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
    env = {**os.environ, "ESG_WORKBENCH_DB": str(tmp_path / "e2e.db")}
    with serve_app(env, free_port(), tmp_path / "server.log") as url:
        yield url


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
