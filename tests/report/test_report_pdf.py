"""The decision report as PDF: A4 pages numbered "Page n of N", the text (read back with pypdf) carries
the ranking, totals and recommended option that ``score()`` gives, every page rendered to an image
(pypdfium2) has something on it, the Danish PDF has no English labels, and user text is drawn as typed
without any resource being fetched."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from click.testing import CliRunner
from report_helpers import english_leftovers

import esg_workbench as ew
from esg_workbench.cli import cli
from esg_workbench.formats import format_number
from esg_workbench.frameworks import load_framework
from esg_workbench.messages import translate
from esg_workbench.report import SECTIONS, report_html, report_pdf
from esg_workbench.report.pdf import InlineOnly, html_to_pdf
from esg_workbench.scoring import score

SAMPLES = Path(__file__).parents[2] / "sample_data"
A4 = (595.3, 841.9)  # points
HOSTILE_TITLE = "<b>x</b> [x](http://a.invalid)"


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def english(manufacturer: ew.Assessment) -> bytes:
    return report_pdf(manufacturer, "en")


def test_pages_are_a4_and_numbered(english: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(english))
    n = len(reader.pages)
    assert n >= 10
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == A4
        assert f"Page {number} of {n}" in page.extract_text()


def test_the_text_carries_the_ranking_totals_and_recommendation_of_score(
    manufacturer: ew.Assessment, english: bytes
) -> None:
    result = score(manufacturer, framework=load_framework("esg-architecture"))
    pages = [_flat(t) for t in _text(english)]
    ranking_page = next(p for p in pages if p.startswith("6. Ranking and contributions"))
    # each option's row: rank, name, total, in the ranking's order
    at = 0
    for option_id in result.ranking:
        row = f"{result.ranks[option_id]} {result.option_names[option_id]} {result.totals[option_id]:.1f}"
        found = ranking_page.find(row, at)
        assert found > at, row
        at = found
    recommended = result.option_names[result.recommended]
    assert f"Recommended option {recommended}" in pages[1]
    assert f"Total {result.totals[result.recommended]:.1f} (Weighted sum)" in pages[1]
    # the contents give the page each section starts on
    for n, (key, _) in enumerate(SECTIONS, start=1):
        title = f"{n}. {translate(f'report.section.{key}', 'en')}"
        number = next(i for i, page in enumerate(pages, start=1) if page.startswith(title))
        assert re.search(re.escape(title) + r" \.+ ?" + str(number) + r"\b", pages[0]), title


def test_every_page_has_something_drawn_on_it(english: bytes) -> None:
    document = pypdfium2.PdfDocument(english)
    for index in range(len(document)):
        image = document[index].render(scale=0.5).to_pil().convert("L")
        width, height = image.size
        body = image.crop((0, 0, width, int(height * 0.9)))  # above the footer
        inked = sum(body.histogram()[:200])  # pixels darker than light grey
        assert inked > 0.005 * body.width * body.height, f"page {index + 1} is blank"


def test_the_danish_pdf_has_danish_numbers_and_no_english_labels(municipality: ew.Assessment) -> None:
    pages = [_flat(t) for t in _text(report_pdf(municipality, "da"))]
    text = " ".join(pages)
    assert english_leftovers(text, municipality, load_framework("esg-architecture")) == []
    result = score(municipality, framework=load_framework("esg-architecture"))
    top = result.recommended
    assert f"{result.option_names[top]} {format_number(result.totals[top], 'da', 1)}" in text
    assert pages[0].startswith("Beslutningsrapport") and f"Side 1 af {len(pages)}" in pages[0]


def test_hostile_text_is_drawn_as_typed_and_nothing_is_fetched(manufacturer: ew.Assessment) -> None:
    hostile = manufacturer.model_copy(update={"title": HOSTILE_TITLE})
    fetcher = InlineOnly()
    pdf = html_to_pdf(report_html(hostile, "en"), fetcher=fetcher)
    assert HOSTILE_TITLE in _flat(_text(pdf)[0])
    assert fetcher.refused == []
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    links = [a.get_object().get("/A", {}).get("/URI") for p in reader.pages for a in p.get("/Annots", []) or []]
    assert [uri for uri in links if uri] == []  # the contents link inside the document, never out


def test_the_fetcher_refuses_an_outside_address() -> None:
    """The check above can fail: a report that asked for an image elsewhere would be caught."""
    fetcher = InlineOnly()
    html_to_pdf('<p>x</p><img src="http://a.invalid/x.png"><img src="file:///etc/hostname">', fetcher=fetcher)
    assert fetcher.refused == ["http://a.invalid/x.png", "file:///etc/hostname"]


def test_the_cli_writes_the_pdf_and_keeps_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "fjordby.pdf"
    runner = CliRunner()
    done = runner.invoke(cli, ["report", str(SAMPLES / "municipality.json"), "-o", str(out), "--lang", "da"])
    assert done.exit_code == 0, done.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Beslutningsrapport" in _text(out.read_bytes())[0]
    again = runner.invoke(cli, ["report", str(SAMPLES / "municipality.json"), "-o", str(out)])
    assert again.exit_code == 2 and "exists; use --force" in again.output
