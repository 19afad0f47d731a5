"""The decision report as HTML: every section in the order of its table of contents, the ranking and
totals that ``score()`` gives, user text shown literally and never a request, Danish without English
labels, and a report even when the options cannot be ranked or Graphviz is missing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hostile_text import HOSTILE, hostile_names
from report_helpers import english_leftovers, read, visible_text

import esg_workbench as ew
from esg_workbench.formats import format_number
from esg_workbench.frameworks import load_framework
from esg_workbench.messages import LANGUAGES, strings
from esg_workbench.report import SECTIONS, landscape_svg, report_html
from esg_workbench.report import document as report_document
from esg_workbench.scoring import score

SAMPLES = Path(__file__).parents[2] / "sample_data"
HOSTILE_TITLE = "<b>x</b> [x](http://a.invalid)"


@pytest.fixture(scope="module")
def english(manufacturer: ew.Assessment) -> str:
    return report_html(manufacturer, "en")


def test_every_section_is_in_the_contents_and_in_that_order(english: str) -> None:
    reader = read(english)
    links = [v for tag, attr, v in reader.attributes if tag == "a" and attr == "href"]
    assert links == [f"#s-{key}" for key, _ in SECTIONS]
    assert list(reader.sections) == [key for key, _ in SECTIONS]
    titles = [f"{n}. {strings('en')[f'report.section.{key}']}" for n, (key, _) in enumerate(SECTIONS, start=1)]
    assert re.findall(r"<h2>(.*?)</h2>", english) == ["Contents", *titles]
    assert re.findall(r'<a href="#s-[a-z_]+">(.*?)</a>', english) == titles


def test_the_ranking_table_is_the_ranking_and_totals_of_score(manufacturer: ew.Assessment, english: str) -> None:
    result = score(manufacturer, framework=load_framework("esg-architecture"))
    [ranking, *_] = read(english).sections["ranking"]
    rows = ranking[1:]
    assert [row[1] for row in rows] == [result.option_names[o] for o in result.ranking]
    assert [row[0] for row in rows] == [str(result.ranks[o]) for o in result.ranking]
    assert [row[2] for row in rows] == [f"{result.totals[o]:.1f}" for o in result.ranking]
    # and the contribution table's sums are those totals again
    contributions = read(english).sections["ranking"][1]
    assert contributions[-1][2:] == [f"{result.totals[o]:.1f}" for o in result.ranking]
    recommended = result.option_names[result.recommended]
    facts = dict(read(english).sections["recommendation"][0])
    assert facts["Recommended option"] == recommended
    assert facts["Total"].startswith(f"{result.totals[result.recommended]:.1f} ")


def test_a_danish_report_has_danish_numbers_and_no_english_labels(municipality: ew.Assessment) -> None:
    html = report_html(municipality, "da")
    result = score(municipality, framework=load_framework("esg-architecture"))
    [ranking, *_] = read(html).sections["ranking"]
    assert [row[2] for row in ranking[1:]] == [format_number(result.totals[o], "da", 1) for o in result.ranking]
    assert any("," in row[2] for row in ranking[1:])
    text = visible_text(html)
    assert english_leftovers(text, municipality, load_framework("esg-architecture")) == []
    assert "Beslutningsrapport" in text and "Side " in html  # the page numbers' words too


def test_the_english_leftover_check_finds_english_labels(municipality: ew.Assessment) -> None:
    """The check above can fail: an English report of the same assessment is full of English labels."""
    text = visible_text(report_html(municipality, "en"))
    found = {key for key, _ in english_leftovers(text, municipality, load_framework("esg-architecture"))}
    assert {"report.section.sensitivity", "report.col.rank", "report.rec.recommended"} <= found


def test_user_text_is_shown_as_typed_and_nothing_is_fetched(manufacturer: ew.Assessment) -> None:
    hostile = hostile_names(manufacturer, assessment_id="hostile").model_copy(update={"title": HOSTILE_TITLE})
    html = report_html(hostile, "en")
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt; [x](http://a.invalid)" in html
    text = visible_text(html)
    assert HOSTILE_TITLE in text
    typed = [o.name for o in hostile.options] + [c.name for c in hostile.criteria] + [hostile.organisation.name]
    assert {h for h in HOSTILE if any(name.startswith(h) for name in typed)} == set(HOSTILE)  # all are tried
    for name in typed:
        assert name in text, name
    reader = read(html)
    for tag, attr, value in reader.attributes:
        if attr in ("href", "src", "xlink:href", "style", "action", "srcset"):
            assert value.startswith(("#", "data:image/svg+xml;base64,", "width:", "background:#")), (tag, attr, value)
    assert not any(
        tag in ("script", "iframe", "object", "link", "a") and attr == "href" and "invalid" in value
        for tag, attr, value in reader.attributes
    )
    assert 'http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;' in html
    for svg in re.findall(r"<svg .*?</svg>", html, flags=re.S):  # every chart is well-formed, text escaped
        ET.fromstring(svg)


def test_a_footer_with_quotes_cannot_break_out_of_its_css_string(manufacturer: ew.Assessment) -> None:
    org = manufacturer.organisation.model_copy(update={"name": 'A"; } body { display:none } </style><b>'})
    html = report_html(manufacturer.model_copy(update={"organisation": org}), "en")
    style = html[html.index("<style>") : html.index("</style>")]
    assert "display:none" not in style and "</style><b>" not in html


def test_an_assessment_that_cannot_be_ranked_still_gets_its_report(manufacturer: ew.Assessment) -> None:
    bare = manufacturer.model_copy(update={"criteria": [], "scores": [], "decision": None, "roadmap": []})
    text = visible_text(report_html(bare, "en"))
    assert "The options cannot be ranked yet:" in text
    assert "no options or no criteria" in text
    assert "2 of 62 material disclosure requirements of ESRS 2026 not yet assessed" in text  # the rest is still there


def test_without_graphviz_the_report_says_the_drawing_is_missing(
    manufacturer: ew.Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(landscape_svg.shutil, "which", lambda name: None)
    text = visible_text(report_html(manufacturer, "en"))
    assert "The landscape drawing could not be made: Graphviz's dot program is not installed." in text


def test_the_landscape_is_graphviz_svg(english: str) -> None:
    [src] = [v for tag, attr, v in read(english).attributes if tag == "img" and attr == "src"]
    import base64

    drawing = base64.b64decode(src.removeprefix("data:image/svg+xml;base64,"))
    root = ET.fromstring(drawing)
    assert root.tag.endswith("svg")
    assert b"SAP S/4HANA" in drawing  # a system of the sample, as text in the vector drawing


# --- the catalogue: every word the report asks for exists in both languages, none is left unused ------


def _asked_for() -> set[str]:
    package = Path(report_document.__file__).parent
    keys = set()
    for path in package.glob("*.py"):
        keys |= set(re.findall(r"\bsay\(\s*[\"']([a-z0-9_.]+)[\"']", path.read_text(encoding="utf-8")))
    keys |= {f"section.{key}" for key, _ in SECTIONS}
    app = (package.parent / "app" / "report_download.py").read_text(encoding="utf-8")
    keys |= set(re.findall(r"\b(?:t|translate|language_choice)\(\s*[\"']report\.(download\.[a-z_]+)[\"']", app))
    keys |= {f"download.{fmt}" for fmt in ("pdf", "html")}
    return keys


def test_the_report_asks_only_for_worded_keys_and_every_key_is_asked_for() -> None:
    keys = _asked_for()
    assert {"rec.recommended", "coverage.heatmap", "section.method", "download.title"} <= keys
    for lang in LANGUAGES:
        present = {
            k.removeprefix("report.").removesuffix(".one").removesuffix(".other")
            for k in strings(lang)
            if k.startswith("report.")
        }
        assert present == keys, (lang, present ^ keys)
    placeholder = re.compile(r"\{([a-z_]+)\}")
    for key in strings("en"):
        if key.startswith("report."):
            assert set(placeholder.findall(strings("en")[key])) == set(placeholder.findall(strings("da")[key])), key


def test_a_topsis_result_is_reported_as_topsis_with_its_closeness(manufacturer: ew.Assessment) -> None:
    """The app hands over the result it shows, method included; the report does not score again."""
    result = score(manufacturer, "topsis", framework=load_framework("esg-architecture"), samples=200, seed=3)
    html = report_html(manufacturer, "en", result=result)
    [ranking, *_] = read(html).sections["ranking"]
    assert [row[2] for row in ranking[1:]] == [f"{result.totals[o]:.3f}" for o in result.ranking]
    assert "Scoring method: TOPSIS." in visible_text(html)
    assert "of 200 simulations" in visible_text(html)
