"""User text stays text in a real browser: every page and sub-view (and the history under More, and the
conflict panel) opened on an assessment whose names, title, organisation and author are hostile strings
(markdown image and link, HTML link, style and image, Material icon and emoji shortcodes, bare URL, www.,
e-mail, LaTeX, formatting). No link, image request to another host, icon, formula or style may come from
them, and the strings themselves are visible as text."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from e2e_harness import TIMEOUT_MS, wait_idle
from hostile_text import HOSTILE, hostile_names

from esg_workbench.app.literal import WORD_JOINER
from esg_workbench.assessment_files import load_assessment
from esg_workbench.store import Store

pytestmark = pytest.mark.browser

AID = "hostile"
AUTHOR = "Mal ![p](http://attacker.invalid/author.png) :material/home: www.example.com"
SCREENS = [
    ("", None),  # the assessment list, the default page
    ("organisation", None),
    *[
        ("as-is", v)
        for v in ("data_sources", "systems", "data_flows", "roles", "processes", "coverage", "chain", "landscape")
    ],
    *[("to-be", v) for v in ("vision", "maturity", "survey")],
    *[("requirements", v) for v in ("catalogue", "criteria")],
    *[("scenarios", v) for v in ("options", "scores", "musts", "costs", "business", "ranking", "variants", "decision")],
    ("workbook", None),
]
# Anything a link, image or icon made from the hostile strings would carry.
MARKERS = ("attacker", "example.com", "x.invalid", "mailto:", "material")
FOREIGN = re.compile(r"font-size:\s*60px", re.I)

SCAN = """() => {
  const out = {links: [], images: [], icons: [], styled: [], formulas: 0};
  for (const a of document.querySelectorAll('a')) out.links.push([a.getAttribute('href') || '', a.textContent]);
  for (const img of document.querySelectorAll('img, image'))
    out.images.push(img.getAttribute('src') || img.getAttribute('href') || '');
  for (const icon of document.querySelectorAll("[data-testid='stIconMaterial'], span[role='img'][aria-label$=' icon']"))
    out.icons.push(icon.textContent);
  for (const el of document.querySelectorAll('[style]')) out.styled.push(el.getAttribute('style'));
  out.formulas = document.querySelectorAll('.katex, mjx-container').length;
  return out;
}"""


@pytest.fixture
def hostile_store(app_server: str, tmp_path: Path) -> str:
    """The app (empty store) with the hostile assessment stored in it, saved by a hostile author."""
    base = load_assessment(Path(__file__).resolve().parents[2] / "sample_data" / "manufacturer.json")
    with Store(str(tmp_path / "e2e.db")) as store:
        store.create(hostile_names(base, assessment_id=AID), author=AUTHOR, message="created")
    return app_server


def _problems(page, requests: list[str], origin: str) -> list[str]:  # noqa: ANN001 - a Playwright page
    found = page.evaluate(SCAN)
    problems = [f"request to another host: {u}" for u in requests if urlparse(u).netloc not in ("", origin)]
    for href, text in found["links"]:
        if any(m in href.lower() or m in text.lower() for m in MARKERS):
            problems.append(f"link from user text: {href!r} {text[:60]!r}")
    problems += [f"image: {src[:80]}" for src in found["images"] if not src.startswith(("data:", "/", "./", origin))]
    problems += [f"icon from user text: {icon!r}" for icon in found["icons"] if icon.strip() == "home"]
    problems += [f"style from user text: {style!r}" for style in found["styled"] if FOREIGN.search(style)]
    if found["formulas"]:
        problems.append(f"{found['formulas']} formulas rendered")
    return problems


def _visible_text(page) -> str:  # noqa: ANN001
    return page.locator("body").inner_text().replace(WORD_JOINER, "")


def _open(page, url: str, path: str, view: str | None) -> None:  # noqa: ANN001
    query = f"?a={AID}&lang=en" + (f"&view={view}" if view else "")
    page.goto(f"{url}/{path}{query}")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT_MS)
    wait_idle(page)
    if page.locator(".js-plotly-plot").count():
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT_MS)


def test_every_screen_shows_hostile_text_as_text(chromium_browser, hostile_store: str, screenshot) -> None:  # noqa: ANN001
    url = hostile_store
    origin = urlparse(url).netloc
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    problems: dict[str, list[str]] = {}
    try:
        for path, view in SCREENS:
            requests.clear()
            _open(page, url, path, view)
            found = _problems(page, requests, origin)
            if found:
                problems[f"{path}/{view}"] = found
            text = _visible_text(page)
            assert HOSTILE[0] in text, f"{path}/{view}: the title should be visible as typed"
            if (path, view) == ("scenarios", "ranking"):
                svg = " ".join(page.locator(".js-plotly-plot svg text").all_text_contents())
                assert "<span style=" in svg or "<a href=" in svg, svg[:500]  # chart labels shown as typed
        screenshot(page, "ranking-after-scan")
        assert problems == {}
    finally:
        context.close()


def test_the_history_and_the_conflict_panel_show_hostile_text_as_text(
    chromium_browser,  # noqa: ANN001
    hostile_store: str,
    tmp_path: Path,
    screenshot,  # noqa: ANN001
) -> None:
    url = hostile_store
    origin = urlparse(url).netloc
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        _open(page, url, "", None)
        page.get_by_test_id("stPopoverButton").first.click()
        page.get_by_role("button", name=re.compile("History")).click()
        wait_idle(page)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=TIMEOUT_MS)
        assert _problems(page, requests, origin) == []
        assert HOSTILE[0] in _visible_text(page)

        requests.clear()
        _open(page, url, "organisation", None)
        with Store(str(tmp_path / "e2e.db")) as store:  # someone else saves meanwhile
            stored = store.load(AID)
            theirs = stored.assessment.model_copy(update={"title": stored.assessment.title + " (theirs)"})
            store.save(theirs, base_revision=stored.revision, author=AUTHOR)
        name = page.get_by_label("Name", exact=True).first
        name.fill("Mine")
        name.press("Enter")
        wait_idle(page)
        page.get_by_role("button", name=re.compile("See the difference")).click()
        wait_idle(page)
        text = _visible_text(page)
        assert AUTHOR in text, text[:2000]
        screenshot(page, "conflict-panel")
        assert _problems(page, requests, origin) == []
    finally:
        context.close()
