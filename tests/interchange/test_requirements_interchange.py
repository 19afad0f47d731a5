"""Requirement lists in (CSV in any common encoding and delimiter, Excel, ReqIF 1.2) and out (ReqIF, CSV),
with the same dry-run plan as the landscape imports; bad rows said with their row, nothing applied."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

import pytest
from openpyxl import Workbook

import esg_workbench as ew
from esg_workbench.domain.problem_codes import Code
from esg_workbench.interchange import export_requirements, plan_requirements_import
from esg_workbench.interchange.reqif import NS
from esg_workbench.messages import translate

HEADER = "ID;Requirement;MoSCoW;Category;Linked criteria;Source\n"


@pytest.fixture(scope="module")
def framework():
    return ew.load_framework("esg-architecture")


@pytest.fixture
def manufacturer() -> ew.Assessment:
    return ew.load_assessment("sample_data/manufacturer.json")


def test_a_csv_list_adds_and_updates_by_id(manufacturer, framework):
    existing = manufacturer.requirements[0]
    criterion = manufacturer.criteria[0]
    text = HEADER + (
        f"{existing.id};{existing.text};Won't have;{existing.category};{criterion.name};Workshop 3\n"
        f"R-100;Scope 3 category 1 from supplier spend;Must;Data management;{criterion.id}, {criterion.id};\n"
        "R-101;Danish and English user interface;C;user_interface;;\n"
    )
    plan = plan_requirements_import(manufacturer, text.encode(), name="reqs.csv", framework=framework)
    assert plan.ok, plan.problems
    assert plan.counts() == {"added": 2, "changed": 1, "unchanged": 0, "conflicts": 0}
    by_id = {r.id: r for r in plan.assessment.requirements}
    assert by_id[existing.id].priority == "wont" and by_id[existing.id].source == "Workshop 3"
    assert by_id[existing.id].criterion_ids == [criterion.id]  # linked by the criterion's name
    assert by_id[existing.id].notes == existing.notes  # no column: kept
    new = by_id["R-100"]
    assert (new.priority, new.category, new.criterion_ids) == ("must", "data_management", [criterion.id])
    assert by_id["R-101"].priority == "could"
    paths = {c.path for c in plan.changes}
    assert f"requirements[{existing.id}].priority" in paths and "requirements[R-100]" in paths


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ";"), ("utf-8-sig", ","), ("cp1252", "\t"), ("utf-16", ";")],
)
def test_encodings_and_delimiters(manufacturer, framework, encoding, delimiter):
    text = (
        HEADER.replace(";", delimiter)
        + delimiter.join(["R-1", "Målinger fra værker og ø-anlæg", "Should", "business", "", ""])
        + "\n"
    )
    plan = plan_requirements_import(manufacturer, text.encode(encoding), name="r.csv", framework=framework)
    assert plan.ok, plan.problems
    added = next(r for r in plan.assessment.requirements if r.id == "R-1")
    assert added.text == "Målinger fra værker og ø-anlæg"
    notices = [n for n in plan.notices if n.key == "encoding"]
    if encoding == "cp1252":
        assert notices and notices[0].params["encoding"] == "Windows-1252"
        assert "Windows-1252" in notices[0].text("en") and "Windows-1252" in notices[0].text("da")
    else:
        assert notices == []


def test_bad_rows_are_said_with_their_rows_and_nothing_is_applied(manufacturer, framework):
    text = HEADER + (
        "R-1;A requirement;Maybe;business;;\n"
        "R-2;;Must;business;;\n"
        "R-3;Linked to nothing;Must;business;no-such-criterion;\n"
        "R-3;Twice;Must;business;;\n"
        "R-4;No such category;Could;colour;;\n"
    )
    plan = plan_requirements_import(manufacturer, text.encode(), name="r.csv", framework=framework)
    assert plan.assessment is None
    assert [(p.path, p.code) for p in plan.problems] == [
        ("r.csv row 2", Code.IMPORT_PRIORITY),
        ("r.csv row 3", Code.IMPORT_VALUE_MISSING),
    ]
    fixed = text.replace("Maybe", "Must").replace("R-2;;", "R-2;Text;")
    plan = plan_requirements_import(manufacturer, fixed.encode(), name="r.csv", framework=framework)
    assert [(p.path, p.code) for p in plan.problems] == [("r.csv row 5", Code.IMPORT_DUPLICATE_ID)]
    fixed = fixed.replace("R-3;Twice", "R-5;Twice")
    plan = plan_requirements_import(manufacturer, fixed.encode(), name="r.csv", framework=framework)
    assert {(p.path, p.code) for p in plan.problems} == {
        ("r.csv row 4: criterion_ids[0]", Code.UNKNOWN_REF),
        ("r.csv row 6: category", Code.UNKNOWN_VOCAB),
    }


def test_a_row_without_an_id_is_added_and_an_id_of_another_item_is_not_taken(manufacturer, framework):
    criterion = manufacturer.criteria[0].id
    text = HEADER + f";Without an id;Should;;;\n{criterion};Has a criterion's id;Should;;;\n"
    plan = plan_requirements_import(manufacturer, text.encode(), name="r.csv", framework=framework)
    assert plan.ok, plan.problems
    assert plan.counts()["added"] == 2
    assert [c.kind for c in plan.conflicts] == ["id_taken"]
    assert {n.key for n in plan.notices} == {"requirement_category"}


def test_an_excel_sheet_with_the_apps_danish_column_titles(manufacturer, framework, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Id", translate("col.requirement", "da"), translate("col.priority", "da"), "Kilde"])
    sheet.append(["K-1", "Data om affald pr. anlæg", translate("priority.must", "da"), "Workshop"])
    sheet.append([None, None, None, None])
    sheet.append(["K-2", "Leverandørdata", translate("priority.wont", "da"), None])
    book.save(tmp_path / "krav.xlsx")
    plan = plan_requirements_import(manufacturer, tmp_path / "krav.xlsx", framework=framework)
    assert plan.ok, plan.problems
    by_id = {r.id: r for r in plan.assessment.requirements}
    assert (by_id["K-1"].priority, by_id["K-2"].priority) == ("must", "wont")


def test_reqif_export_imports_again_unchanged(manufacturer, framework):
    data = export_requirements(manufacturer, "reqif")
    root = fromstring(data)
    assert root.tag == f"{{{NS}}}REQ-IF"
    objects = root.findall(f".//{{{NS}}}SPEC-OBJECT")
    assert len(objects) == len(manufacturer.requirements)
    moscow = root.find(f".//{{{NS}}}DATATYPE-DEFINITION-ENUMERATION")
    assert moscow.get("LONG-NAME") == "MoSCoW"
    assert [v.get("LONG-NAME") for v in moscow.iter(f"{{{NS}}}ENUM-VALUE")] == ["Must", "Should", "Could", "Won't"]
    plan = plan_requirements_import(manufacturer, data, name="export.reqif", framework=framework)
    assert plan.ok and plan.changes == []
    assert plan.counts()["unchanged"] == len(manufacturer.requirements)
    empty = manufacturer.model_copy(
        update={"requirements": [], "must_have_checks": [], "weighting": manufacturer.weighting.model_copy()}
    )
    plan = plan_requirements_import(empty, data, name="export.reqif", framework=framework)
    assert plan.ok, plan.problems
    assert plan.assessment.requirements == manufacturer.requirements


def test_csv_export_imports_again_unchanged(manufacturer, framework):
    data = export_requirements(manufacturer, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the mark
    plan = plan_requirements_import(manufacturer, data, name="export.csv", framework=framework)
    assert plan.ok and plan.changes == [], plan.problems


FOREIGN_REQIF = b"""<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><CREATION-TIME>2026-01-05T10:00:00Z</CREATION-TIME>
    <REQ-IF-TOOL-ID>ReqView</REQ-IF-TOOL-ID><REQ-IF-VERSION>1.0</REQ-IF-VERSION>
    <SOURCE-TOOL-ID>ReqView</SOURCE-TOOL-ID><TITLE>ESG platform</TITLE></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <DATATYPES>
      <DATATYPE-DEFINITION-XHTML IDENTIFIER="T_XHTML" LAST-CHANGE="2026-01-05T10:00:00Z"/>
      <DATATYPE-DEFINITION-STRING IDENTIFIER="T_STR" LAST-CHANGE="2026-01-05T10:00:00Z" MAX-LENGTH="100"/>
      <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="T_PRIO" LAST-CHANGE="2026-01-05T10:00:00Z">
        <SPECIFIED-VALUES>
          <ENUM-VALUE IDENTIFIER="P_HIGH" LONG-NAME="Must have" LAST-CHANGE="2026-01-05T10:00:00Z"/>
          <ENUM-VALUE IDENTIFIER="P_LOW" LONG-NAME="Could have" LAST-CHANGE="2026-01-05T10:00:00Z"/>
        </SPECIFIED-VALUES>
      </DATATYPE-DEFINITION-ENUMERATION>
    </DATATYPES>
    <SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="T_REQ" LAST-CHANGE="2026-01-05T10:00:00Z"><SPEC-ATTRIBUTES>
      <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="A_ID" LONG-NAME="ID" LAST-CHANGE="2026-01-05T10:00:00Z">
        <TYPE><DATATYPE-DEFINITION-STRING-REF>T_STR</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
      <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="A_TEXT" LONG-NAME="ReqIF.Text" LAST-CHANGE="2026-01-05T10:00:00Z">
        <TYPE><DATATYPE-DEFINITION-XHTML-REF>T_XHTML</DATATYPE-DEFINITION-XHTML-REF></TYPE></ATTRIBUTE-DEFINITION-XHTML>
      <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="A_PRIO" LONG-NAME="Importance" LAST-CHANGE="2026-01-05T10:00:00Z"
        MULTI-VALUED="false">
        <TYPE><DATATYPE-DEFINITION-ENUMERATION-REF>T_PRIO</DATATYPE-DEFINITION-ENUMERATION-REF></TYPE>
      </ATTRIBUTE-DEFINITION-ENUMERATION>
    </SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE></SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="_5f2c" LAST-CHANGE="2026-01-05T10:00:00Z"><VALUES>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="ESG-7"><DEFINITION>
          <ATTRIBUTE-DEFINITION-STRING-REF>A_ID</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>A_TEXT</ATTRIBUTE-DEFINITION-XHTML-REF>
          </DEFINITION><THE-VALUE><xhtml:div>The platform <xhtml:b>must</xhtml:b> keep an audit trail</xhtml:div>
          </THE-VALUE></ATTRIBUTE-VALUE-XHTML>
        <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION>
          <ATTRIBUTE-DEFINITION-ENUMERATION-REF>A_PRIO</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>
          <VALUES><ENUM-VALUE-REF>P_HIGH</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
      </VALUES><TYPE><SPEC-OBJECT-TYPE-REF>T_REQ</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
    </SPEC-OBJECTS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
"""


def test_a_reqif_file_of_another_tool_with_a_mapped_priority_attribute(manufacturer, framework):
    refused = plan_requirements_import(manufacturer, FOREIGN_REQIF, name="spec.reqif", framework=framework)
    assert [p.code for p in refused.problems] == [Code.IMPORT_NO_COLUMN]
    assert "importance" in refused.problems[0].message  # the attributes the file has are named
    plan = plan_requirements_import(
        manufacturer, FOREIGN_REQIF, name="spec.reqif", mapping={"priority": "Importance"}, framework=framework
    )
    assert plan.ok, plan.problems
    added = next(r for r in plan.assessment.requirements if r.id == "ESG-7")
    assert (added.text, added.priority) == ("The platform must keep an audit trail", "must")


def test_a_reqif_file_with_a_dtd_is_refused(manufacturer):
    evil = b'<?xml version="1.0"?><!DOCTYPE R [<!ENTITY e SYSTEM "file:///etc/passwd">]><REQ-IF>&e;</REQ-IF>'
    plan = plan_requirements_import(manufacturer, evil, name="evil.reqif")
    assert [p.code for p in plan.problems] == [Code.XML_DTD]


def test_a_file_of_unknown_type_is_refused(manufacturer):
    plan = plan_requirements_import(manufacturer, b"\x00\x01binary", name="list.bin")
    assert [p.code for p in plan.problems] == [Code.IMPORT_FILE_TYPE]
