"""What the decision report tests read from a report: its visible text, the tables of one section, the
English-only words of the report's catalogue section, and the text a user typed (allowed in any language)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from esg_workbench.domain import Assessment
from esg_workbench.domain.framework import Framework
from esg_workbench.messages import strings

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.sections: dict[str, list[list[list[str]]]] = {}
        self.attributes: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self._skip = 0
        self._section: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.attributes += [(tag, k, v or "") for k, v in attrs]
        if tag in ("style", "title"):
            self._skip += 1
        if tag == "section":
            self._section = dict(attrs).get("id", "").removeprefix("s-")
            self.sections[self._section] = []
        if tag == "table" and self._section is not None:
            self.sections[self._section].append([])
        if tag == "tr" and self._section is not None and self.sections[self._section]:
            self.sections[self._section][-1].append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        if tag in ("td", "th") and self._cell is not None:
            if self._section is not None and self.sections[self._section]:
                self.sections[self._section][-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "text", "tr"):
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def visible_text(html: str) -> str:
    return "".join(read(html).text)


def english_only_labels() -> dict[str, list[str]]:
    """Catalogue key -> the English text's literal pieces (4 letters or more) of every ``report`` key whose
    Danish text differs: words that have no place in a Danish report."""
    en, da = strings("en"), strings("da")
    out = {}
    for key, text in en.items():
        if key.startswith("report.") and da.get(key) != text:
            pieces = [p.strip(" .,:;()·") for p in PLACEHOLDER.split(text)]
            pieces = [p for p in pieces if len(re.sub(r"\W", "", p)) >= 4]
            if pieces:
                out[key] = pieces
    return out


def allowed_in_any_language(assessment: Assessment, framework: Framework) -> str:
    """Text that may stand in a Danish report as it is: what the user typed, the ESRS titles (English in
    the catalogue by design) and every Danish text of the catalogue."""
    return "\n".join(
        [
            assessment.model_dump_json(),
            *(d.title.da for d in framework.esrs.disclosure_requirements),
            *strings("da").values(),
        ]
    )


def english_leftovers(text: str, assessment: Assessment, framework: Framework) -> list[tuple[str, str]]:
    """(key, piece) of each English-only label found in ``text`` (a Danish report) as whole words."""
    allowed = allowed_in_any_language(assessment, framework)
    flat = " ".join(text.split())
    found = []
    for key, pieces in english_only_labels().items():
        for piece in pieces:
            pattern = r"(?<!\w)" + re.escape(" ".join(piece.split())) + r"(?!\w)"
            if re.search(pattern, flat) and not re.search(pattern, allowed):
                found.append((key, piece))
    return found
