"""The ArchiMate Model Exchange File Format (The Open Group; versions 2.1 and 3.x) as a landscape.

Application components become systems, data objects data sources; flow, serving (2.1: used-by) and
access relationships between them become data flows. An access relationship reads as data moving from
the data object to the component (``accessType`` Read) or from the component to it (Write, ReadWrite,
Access; Write is the format's default); the first component writing a data object is the system that
holds it. Relationships touching other element types (nodes, business processes...) are left out and
counted; a relationship whose end is no element of the file is refused. Properties named *Vendor* or
*Product* fill those fields of a system.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element as XmlElement

from ..domain import Problem
from ..domain.problem_codes import Code
from .landscape import Element
from .plan import ImportRefused, Notice
from .xml_input import XSI_TYPE, child, children, local, parse_xml, text_of

TOOL = "archimate"
_KINDS = {"ApplicationComponent": "systems", "DataObject": "data_sources"}
_FLOWS = {"Flow", "Serving", "UsedBy", "Access"}
_SYSTEM_PROPERTIES = ("vendor", "product")


def read_archimate(data: bytes, label: str) -> tuple[list[Element], list[Notice]]:
    """The landscape elements of an exchange file, and notices on what was left out."""
    root = parse_xml(data, label)
    if local(root.tag) != "model" or "opengroup.org/xsd/archimate" not in str(root.tag):
        raise ImportRefused(
            [Problem.of("", Code.XML_NOT_FORMAT, root=local(root.tag), format="ArchiMate exchange")], label
        )
    properties = _property_names(root)
    types: dict[str, str] = {}
    elements: list[Element] = []
    problems: list[Problem] = []
    for node in children(child(root, "elements"), "element"):
        ident = node.get("identifier", "")
        kind = node.get(XSI_TYPE, "")
        where = f"{label} element '{ident}'"
        if not ident:
            problems.append(
                Problem.of(f"{label} element {len(types) + 1}", Code.IMPORT_VALUE_MISSING, field="identifier")
            )
            continue
        if ident in types:
            problems.append(Problem.of(where, Code.IMPORT_DUPLICATE_ID, value=ident, other=where))
            continue
        types[ident] = kind
        if kind in _KINDS:
            element = _element(node, _KINDS[kind], ident, where, properties)
            if not element.values["name"]:
                problems.append(Problem.of(where, Code.IMPORT_VALUE_MISSING, field="name"))
            elements.append(element)
    flows, skipped = _relationships(root, types, problems, label)
    if problems:
        raise ImportRefused(problems, label)
    _holders(elements, flows)
    notices = [Notice("skipped_relations", {"count": skipped})] if skipped else []
    return elements + [f for f, _ in flows], notices


def _property_names(root: XmlElement) -> dict[str, str]:
    names = {}
    for node in children(child(root, "propertyDefinitions"), "propertyDefinition"):  # 3.x
        names[node.get("identifier", "")] = text_of(node, "name").casefold()
    for node in children(child(root, "propertydefs"), "propertydef"):  # 2.1
        names[node.get("identifier", "")] = node.get("name", "").casefold()
    return names


def _element(node: XmlElement, kind: str, ident: str, where: str, properties: dict[str, str]) -> Element:
    values: dict[str, Any] = {"name": text_of(node, "name") or text_of(node, "label")}
    documentation = text_of(node, "documentation")
    if documentation:
        values["notes" if kind == "systems" else "description"] = documentation
    if kind == "systems":
        for prop in children(child(node, "properties"), "property"):
            name = properties.get(prop.get("propertyDefinitionRef") or prop.get("identifierref") or "", "")
            if name in _SYSTEM_PROPERTIES:
                values[name] = text_of(prop, "value")
    return Element(kind, f"{TOOL}:{ident}", where, values)


def _relationships(
    root: XmlElement, types: dict[str, str], problems: list[Problem], label: str
) -> tuple[list[tuple[Element, str]], int]:
    """(data flow element, access type or '') for every mapped relationship, and how many were left out."""
    flows: list[tuple[Element, str]] = []
    seen: set[str] = set()
    nodes = children(child(root, "relationships"), "relationship")
    # a relationship may connect to another relationship (an association to a flow), declared anywhere
    relationships = {node.get("identifier", "") for node in nodes}
    skipped = 0
    for node in nodes:
        ident, kind = node.get("identifier", ""), node.get(XSI_TYPE, "")
        where = f"{label} relationship '{ident}'"
        if ident in seen or ident in types:
            problems.append(Problem.of(where, Code.IMPORT_DUPLICATE_ID, value=ident, other=where))
            continue
        seen.add(ident)
        ends = node.get("source", ""), node.get("target", "")
        missing = [end for end in ends if end not in types and end not in relationships]
        if missing:
            problems.append(Problem.of(where, Code.IMPORT_UNKNOWN_END, value=missing[0]))
            continue
        if kind not in _FLOWS or any(types.get(end) not in _KINDS for end in ends):
            skipped += 1
            continue
        access = (node.get("accessType") or "Write") if kind == "Access" else ""
        start, end = ends[::-1] if access == "Read" else ends
        values = {"notes": text_of(node, "documentation") or text_of(node, "name")}
        flows.append(
            (Element("data_flows", f"{TOOL}:{ident}", where, values, (f"{TOOL}:{start}", f"{TOOL}:{end}")), access)
        )
    return flows, skipped


def _holders(elements: list[Element], flows: list[tuple[Element, str]]) -> None:
    """A data object's system: the first component that writes it, else the first that reads it."""
    sources = {e.key: e for e in elements if e.kind == "data_sources"}
    systems = {e.key for e in elements if e.kind == "systems"}
    for wanted in (("Write", "ReadWrite", "Access"), ("Read",)):
        for flow, access in flows:
            if access not in wanted or flow.ends is None:
                continue
            component, data_object = (flow.ends[1], flow.ends[0]) if access == "Read" else flow.ends
            source = sources.get(data_object)
            if source is not None and source.system is None and component in systems:
                source.system = component
