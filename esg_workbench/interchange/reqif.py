"""Requirements exchanged with requirement tools (DOORS, Polarion, Jama, ReqView...) in ReqIF 1.2 (OMG).

Export: one specification holding a spec object per requirement, with the attributes
``ReqIF.ForeignID`` (the requirement's id), ``ReqIF.Text``, ``MoSCoW`` (an enumeration: Must, Should,
Could, Won't), ``ReqIF.Category``, ``Criteria`` (linked criterion ids), ``Source`` and ``Notes``.

Import: the spec objects of any ReqIF file, their attributes found by long name (the names above, or
the ones a mapping gives, e.g. ``priority=Priority``), string, XHTML, enumeration, integer and real
values alike; without a ForeignID a spec object's IDENTIFIER is its id. Merged as any requirement list
(``requirements.merge_requirements``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element as XmlElement

from ..domain import Assessment, Problem
from ..domain.fields import Priority
from ..domain.problem_codes import Code
from .plan import ImportRefused
from .requirements import MAX_REQUIREMENTS, Incoming, incoming_from
from .xml_input import child, children, local, parse_xml

NS = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"
XHTML = "http://www.w3.org/1999/xhtml"
# field -> attribute long names looked for (case does not matter); the first is what export writes.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "id": ("ReqIF.ForeignID", "ID", "Identifier", "Object Identifier"),
    "text": ("ReqIF.Text", "Text", "Object Text", "Description", "ReqIF.Name"),
    "priority": ("MoSCoW", "Priority", "Prioritet"),
    "category": ("ReqIF.Category", "Category", "Type"),
    "criteria": ("Criteria", "Linked criteria"),
    "source": ("Source", "ReqIF.ChapterName"),
    "notes": ("Notes", "Comment"),
}
_ENUM_NAMES = {Priority.MUST: "Must", Priority.SHOULD: "Should", Priority.COULD: "Could", Priority.WONT: "Won't"}
_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.\-]")
_ID_START = re.compile(r"^[^A-Za-z0-9]+")


# --- export --------------------------------------------------------------------------------------------


def export_reqif(assessment: Assessment, *, now: datetime | None = None) -> bytes:
    """The assessment's requirements as a ReqIF 1.2 document (UTF-8)."""
    stamp = (now or datetime.now(UTC)).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    ET.register_namespace("", NS)
    ET.register_namespace("xhtml", XHTML)

    def el(parent: XmlElement | None, tag: str, text: str | None = None, **attrs: str) -> XmlElement:
        attrs = {k.replace("_", "-"): v for k, v in attrs.items()}
        node = ET.Element(f"{{{NS}}}{tag}", attrs) if parent is None else ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    def ident(tag: str, parent: XmlElement, identifier: str, name: str | None = None, **attrs: str) -> XmlElement:
        extra = {"LONG_NAME": name} if name else {}
        return el(parent, tag, IDENTIFIER=identifier, LAST_CHANGE=stamp, **extra, **attrs)

    root = el(None, "REQ-IF")
    header = ident("REQ-IF-HEADER", el(root, "THE-HEADER"), f"header-{_ncname(assessment.id)}")
    el(header, "CREATION-TIME", stamp)
    el(header, "REQ-IF-TOOL-ID", "ESG Architecture Workbench")
    el(header, "REQ-IF-VERSION", "1.0")
    el(header, "SOURCE-TOOL-ID", "esg-workbench")
    el(header, "TITLE", assessment.title)
    content = el(el(root, "CORE-CONTENT"), "REQ-IF-CONTENT")
    types = el(content, "DATATYPES")
    ident("DATATYPE-DEFINITION-STRING", types, "dt-string", "String", MAX_LENGTH="32767")
    moscow = ident("DATATYPE-DEFINITION-ENUMERATION", types, "dt-moscow", "MoSCoW")
    values = el(moscow, "SPECIFIED-VALUES")
    for key, (p, label) in enumerate(_ENUM_NAMES.items()):
        enum = ident("ENUM-VALUE", values, f"ev-{p.value}", label)
        el(el(enum, "PROPERTIES"), "EMBEDDED-VALUE", KEY=str(key), OTHER_CONTENT=p.value)
    spec_types = el(content, "SPEC-TYPES")
    object_type = ident("SPEC-OBJECT-TYPE", spec_types, "st-requirement", "Requirement")
    attributes = el(object_type, "SPEC-ATTRIBUTES")
    for field_name, names in ATTRIBUTES.items():
        enum = field_name == "priority"
        kind = "ENUMERATION" if enum else "STRING"
        extra = {"MULTI_VALUED": "false"} if enum else {}
        definition = ident(f"ATTRIBUTE-DEFINITION-{kind}", attributes, f"ad-{field_name}", names[0], **extra)
        el(el(definition, "TYPE"), f"DATATYPE-DEFINITION-{kind}-REF", "dt-moscow" if enum else "dt-string")
    ident("SPECIFICATION-TYPE", spec_types, "st-specification", "Requirements specification")
    objects = el(content, "SPEC-OBJECTS")
    for r in assessment.requirements:
        obj = ident("SPEC-OBJECT", objects, f"req-{_ncname(r.id)}")
        vals = el(obj, "VALUES")
        strings = {
            "id": r.id,
            "text": r.text,
            "category": r.category,
            "criteria": ", ".join(r.criterion_ids),
            "source": r.source,
            "notes": r.notes,
        }
        for field_name, value in strings.items():
            if value:
                av = el(vals, "ATTRIBUTE-VALUE-STRING", THE_VALUE=value)
                el(el(av, "DEFINITION"), "ATTRIBUTE-DEFINITION-STRING-REF", f"ad-{field_name}")
        av = el(vals, "ATTRIBUTE-VALUE-ENUMERATION")
        el(el(av, "DEFINITION"), "ATTRIBUTE-DEFINITION-ENUMERATION-REF", "ad-priority")
        el(el(av, "VALUES"), "ENUM-VALUE-REF", f"ev-{r.priority.value}")
        el(el(obj, "TYPE"), "SPEC-OBJECT-TYPE-REF", "st-requirement")
    el(content, "SPEC-RELATIONS")
    specs = el(content, "SPECIFICATIONS")
    spec = ident("SPECIFICATION", specs, f"spec-{_ncname(assessment.id)}", assessment.title)
    el(el(spec, "TYPE"), "SPECIFICATION-TYPE-REF", "st-specification")
    tree = el(spec, "CHILDREN")
    for r in assessment.requirements:
        node = ident("SPEC-HIERARCHY", tree, f"sh-{_ncname(r.id)}")
        el(el(node, "OBJECT"), "SPEC-OBJECT-REF", f"req-{_ncname(r.id)}")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _ncname(value: str) -> str:
    return _NOT_NCNAME.sub("_", value)


# --- import --------------------------------------------------------------------------------------------


def read_reqif(data: bytes, label: str, *, mapping: dict[str, str] | None = None) -> list[Incoming]:
    """The requirements (spec objects) of a ReqIF file."""
    root = parse_xml(data, label)
    if local(root.tag) != "REQ-IF":
        raise ImportRefused([Problem.of("", Code.XML_NOT_FORMAT, root=local(root.tag), format="ReqIF")], label)
    content = child(child(root, "CORE-CONTENT"), "REQ-IF-CONTENT")
    enum_names = (
        {
            v.get("IDENTIFIER", ""): v.get("LONG-NAME") or _other_content(v)
            for v in content.iter()
            if local(v.tag) == "ENUM-VALUE"
        }
        if content is not None
        else {}
    )
    definitions = _definitions(content, mapping or {}, label)
    out: list[Incoming] = []
    problems: list[Problem] = []
    for obj in children(child(content, "SPEC-OBJECTS"), "SPEC-OBJECT"):
        identifier = obj.get("IDENTIFIER", "")
        where = f"{label} spec object '{identifier}'"
        if len(out) >= MAX_REQUIREMENTS:
            raise ImportRefused([Problem.of(where, Code.IMPORT_TOO_MANY, limit=MAX_REQUIREMENTS)], label)
        values: dict[str, Any] = {}
        for value in list(child(obj, "VALUES") or []):
            ref = next((n.text or "" for n in value.iter() if local(n.tag).startswith("ATTRIBUTE-DEFINITION-")), "")
            field_name = definitions.get(ref.strip())
            if field_name:
                text = _value_text(value, enum_names)
                if text:
                    values[field_name] = text
        values.setdefault("id", _ID_START.sub("", identifier)[:64] or identifier)
        try:
            out.append(incoming_from(values, where))
        except ImportRefused as exc:
            problems += exc.problems
    if problems:
        raise ImportRefused(problems, label)
    return out


def _other_content(enum_value: XmlElement) -> str:
    embedded = next((n for n in enum_value.iter() if local(n.tag) == "EMBEDDED-VALUE"), None)
    return "" if embedded is None else embedded.get("OTHER-CONTENT", "")


def _definitions(content: XmlElement | None, mapping: dict[str, str], label: str) -> dict[str, str]:
    """Attribute definition IDENTIFIER -> field, by long name (a mapping's names first)."""
    wanted = {f: ((mapping[f],) if f in mapping else names) for f, names in ATTRIBUTES.items()}
    by_name: dict[str, list[str]] = {}
    for node in content.iter() if content is not None else ():
        if local(node.tag).startswith("ATTRIBUTE-DEFINITION-") and node.get("IDENTIFIER"):
            by_name.setdefault((node.get("LONG-NAME") or "").casefold(), []).append(node.get("IDENTIFIER", ""))
    out: dict[str, str] = {}
    for field_name, names in wanted.items():
        for name in names:
            for identifier in by_name.get(name.casefold(), []):
                out.setdefault(identifier, field_name)
            if name.casefold() in by_name:
                break
    for field_name in ("text", "priority"):
        if field_name not in out.values():
            columns = ", ".join(sorted(n for n in by_name if n))
            problem = Problem.of(
                "", Code.IMPORT_NO_COLUMN, field=field_name, looked=", ".join(wanted[field_name]), columns=columns
            )
            raise ImportRefused([problem], label)
    return out


def _value_text(value: XmlElement, enum_names: dict[str, str]) -> str:
    kind = local(value.tag)
    if kind == "ATTRIBUTE-VALUE-ENUMERATION":
        refs = [n.text.strip() for n in value.iter() if local(n.tag) == "ENUM-VALUE-REF" and n.text]
        return ", ".join(enum_names.get(r, r) for r in refs)
    if kind == "ATTRIBUTE-VALUE-XHTML":
        the_value = child(value, "THE-VALUE")
        return " ".join("".join(the_value.itertext()).split()) if the_value is not None else ""
    return (value.get("THE-VALUE") or "").strip()
