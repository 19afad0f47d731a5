"""Parsing an imported XML file (ArchiMate exchange, ReqIF) safely: through defusedxml, with any DTD,
entity declaration or external reference refused before it is expanded or fetched, and a malformed
file said with its line and column."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..domain import Problem
from ..domain.problem_codes import Code
from .plan import ImportRefused

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_xml(data: bytes, label: str) -> Element:
    """The document's root element; ImportRefused for a DTD or entities, or XML that is not well-formed."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImportRefused([Problem.of("", Code.XML_DTD)], label) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))  # expat counts columns from 0
        detail = str(exc).split(":", 1)[0]
        raise ImportRefused(
            [Problem.of(f"line {line}, column {column + 1}", Code.XML_MALFORMED, detail=detail)], label
        ) from None
    except LookupError as exc:  # an XML declaration naming an encoding Python does not know
        raise ImportRefused([Problem.of("line 1", Code.XML_MALFORMED, detail=str(exc))], label) from None


def local(tag: Any) -> str:
    """An element's name without its namespace: ``{http://…}element`` -> ``element``."""
    return str(tag).rsplit("}", 1)[-1]


def children(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else [c for c in parent if local(c.tag) == name]


def child(parent: Element | None, name: str) -> Element | None:
    return next(iter(children(parent, name)), None)


def text_of(parent: Element | None, name: str, lang: str = "en") -> str:
    """The text of ``parent``'s child ``name`` in ``lang`` (a multilingual model has one per language),
    else the first; whitespace at the ends is not part of a name."""
    options = children(parent, name)
    chosen = next((o for o in options if o.get(XML_LANG, "").lower().startswith(lang)), options[0] if options else None)
    return "" if chosen is None else "".join(chosen.itertext()).strip()
