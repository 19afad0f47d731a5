"""The report's HTML laid out on A4 pages as PDF by WeasyPrint (HTML and CSS Paged Media: page numbers,
a table of contents with page references, vector SVG). It fetches nothing: every resource of the report
is an inline ``data:`` image, and any other address is refused and recorded (none ever should be: user
text is escaped and never becomes an address)."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class InlineOnly(URLFetcher):
    """A URL fetcher for the report's own ``data:`` images only; anything else is refused (no network, no
    local files) and kept in ``refused`` so a test can say nothing was asked for."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201 - a URLFetcherResponse
        if not url.lower().startswith("data:"):
            self.refused.append(url)
            raise ValueError(f"the report loads no outside resources ({url[:80]})")
        return super().fetch(url, headers)


def html_to_pdf(
    html: str, *, title: str = "", author: str = "", lang: str = "en", fetcher: InlineOnly | None = None
) -> bytes:
    """``html`` as PDF bytes, with the document's title, author and language set."""
    document = HTML(string=html, url_fetcher=fetcher or InlineOnly(), base_url=None).render()
    document.metadata.title = title
    document.metadata.authors = [author] if author else []
    document.metadata.lang = lang
    return document.write_pdf()
