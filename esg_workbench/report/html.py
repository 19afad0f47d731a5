"""Small HTML writers for the decision report. Every text passes through :func:`esc`, so whatever a user
typed (``<b>x</b> [x](http://a.invalid)``) is shown as those characters: never markup, a link or a
request. Numbers arrive as text already formatted in the report's language."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Raw:
    """HTML the report built itself (a table, a chart): passed through unescaped."""

    markup: str

    def __str__(self) -> str:
        return self.markup


def esc(text: object) -> str:
    """Text as HTML that shows it literally (``None`` as nothing)."""
    if isinstance(text, Raw):
        return text.markup
    return "" if text is None else html.escape(str(text), quote=True)


def tag(name: str, content: object = "", *, cls: str = "", **attrs: str) -> Raw:
    """``<name class=cls attrs>content</name>``; ``content`` is escaped unless it is :class:`Raw`."""
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    klass = f' class="{esc(cls)}"' if cls else ""
    return Raw(f"<{name}{klass}{extra}>{esc(content)}</{name}>")


def join(parts: Iterable[object]) -> Raw:
    return Raw("".join(esc(p) for p in parts if p is not None and p != ""))


def para(text: object, cls: str = "") -> Raw:
    """A paragraph; line breaks in the text stay line breaks."""
    lines = str(text).split("\n") if not isinstance(text, Raw) else [text]
    return Raw(f"<p{f' class={chr(34)}{esc(cls)}{chr(34)}' if cls else ''}>{'<br>'.join(esc(x) for x in lines)}</p>")


def bullets(items: Sequence[object], cls: str = "") -> Raw:
    return tag("ul", join(tag("li", item) for item in items), cls=cls) if items else Raw("")


def table(
    head: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Sequence[int] = (),
    cls: str = "",
    widths: Sequence[str] = (),
) -> Raw:
    """A table with a header row; columns listed in ``numeric`` are right-aligned."""
    right = set(numeric)
    cols = join(Raw(f'<col style="width:{esc(w)}">') for w in widths) if widths else ""
    header = join(tag("th", h, cls="num" if i in right else "") for i, h in enumerate(head))
    body = join(
        tag("tr", join(tag("td", cell, cls="num" if i in right else "") for i, cell in enumerate(row))) for row in rows
    )
    parts = join([tag("colgroup", cols) if cols else "", tag("thead", tag("tr", header)), tag("tbody", body)])
    # Given widths, the columns keep them (an automatic layout squeezes a text column to a letter a line).
    return tag("table", parts, cls=f"{cls} fixed".strip() if widths else cls)


def facts(pairs: Iterable[tuple[object, object]]) -> Raw:
    """A two-column key / value list (the cover's and the recommendation's key figures)."""
    return tag("table", join(tag("tr", join([tag("th", k), tag("td", v)])) for k, v in pairs), cls="facts")


def swatch(colour: str) -> Raw:
    """A small coloured square for a legend (``colour`` is one of the tool's own hex colours)."""
    return Raw(f'<span class="swatch" style="background:{esc(colour)}"></span>')
