"""Landscape imports from EA tools (ArchiMate exchange format, LeanIX, Ardoq) as dry-run plans: what is
added, changed, unchanged and in conflict, external ids kept so a second import updates, nothing
applied when the file is bad, and every bad file said with its element id or row."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import esg_workbench as ew
from esg_workbench.domain.problem_codes import Code
from esg_workbench.interchange import ImportPlan, plan_landscape_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interchange"
ARCHISURANCE = FIXTURES / "archisurance.xml"


@pytest.fixture(scope="module")
def framework():
    return ew.load_framework("esg-architecture")


@pytest.fixture
def municipality() -> ew.Assessment:
    return ew.load_assessment("sample_data/municipality.json")


def _archimate(elements: str, relationships: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">'
        f"<name>m</name><elements>{elements}</elements><relationships>{relationships}</relationships></model>"
    ).encode()


def _component(ident: str, name: str, kind: str = "ApplicationComponent") -> str:
    return f'<element identifier="{ident}" xsi:type="{kind}"><name xml:lang="en">{name}</name></element>'


def _by_external_id(a: ew.Assessment) -> dict:
    return {i.external_id: i for i in (*a.systems, *a.data_sources, *a.data_flows) if i.external_id}


def _codes(plan: ImportPlan) -> list[str]:
    return [p.code for p in plan.problems]


# --- ArchiMate -------------------------------------------------------------------------------------------


def test_archisurance_components_data_objects_and_relations_become_the_landscape(municipality, framework):
    plan = plan_landscape_import(municipality, ARCHISURANCE, format="archimate", framework=framework)
    assert plan.ok, plan.problems
    a = plan.assessment
    systems = {s.external_id: s for s in a.systems if s.external_id}
    sources = {d.external_id: d for d in a.data_sources if d.external_id}
    flows = {f.external_id: f for f in a.data_flows if f.external_id}
    assert len(systems) == 7 and len(sources) == 4 and len(flows) == 9
    finance = systems["archimate:id-ha-finance"]
    assert (finance.name, finance.vendor, finance.product) == (
        "Home & Away Financial Application",
        "SAP",
        "SAP S/4HANA Finance",
    )
    assert systems["archimate:id-ha-policy"].name == "Home & Away Policy Administration"  # the English name
    # Read access: data moves from the data object to the component; write: the other way
    read = flows["archimate:id-r-car-reads-policy"]
    assert (read.from_id, read.to_id) == (
        sources["archimate:id-policy-data"].id,
        systems["archimate:id-car-app"].id,
    )
    # the component that writes a data object holds it
    assert sources["archimate:id-policy-data"].system_id == systems["archimate:id-ha-policy"].id
    assert sources["archimate:id-customer-data"].description.startswith("Customer records")
    # what the file does not say gets cautious values, never good ones, and is said
    assert {d.quality for d in sources.values()} == {"unknown"}
    assert {f.method for f in flows.values()} == {"manual_entry"} and not any(f.automated for f in flows.values())
    assert {n.key for n in plan.notices} >= {"assumed_data_sources", "assumed_data_flows", "skipped_relations"}
    assert plan.counts() == {"added": 20, "changed": 0, "unchanged": 0, "conflicts": 0}
    # the existing landscape is untouched
    assert [s.id for s in a.systems[: len(municipality.systems)]] == [s.id for s in municipality.systems]
    assert a.data_sources[: len(municipality.data_sources)] == municipality.data_sources


def test_a_second_import_updates_instead_of_duplicating(municipality, framework):
    first = plan_landscape_import(municipality, ARCHISURANCE, format="archimate", framework=framework)
    again = plan_landscape_import(first.assessment, ARCHISURANCE, format="archimate", framework=framework)
    assert again.counts() == {"added": 0, "changed": 0, "unchanged": 20, "conflicts": 0}
    assert again.changes == []
    renamed = ARCHISURANCE.read_bytes().replace(b">Web Portal<", b">Customer Web Portal<")
    plan = plan_landscape_import(first.assessment, renamed, format="archimate", name="v2.xml", framework=framework)
    assert plan.counts()["changed"] == 1 and plan.counts()["added"] == 0
    (change,) = plan.changes
    assert change.path.endswith(".name") and change.new == "Customer Web Portal"
    assert len(plan.assessment.systems) == len(first.assessment.systems)


def test_what_the_user_typed_is_kept_and_a_removed_element_is_kept_and_said(municipality, framework):
    first = plan_landscape_import(municipality, ARCHISURANCE, format="archimate", framework=framework).assessment
    crm = next(s for s in first.systems if s.external_id == "archimate:id-crm")
    crm_notes = "Owned by customer service; replaced in 2027"
    edited = first.model_copy(
        update={"systems": [s.model_copy(update={"notes": crm_notes}) if s is crm else s for s in first.systems]}
    )
    without_portal = re.sub(
        rb'<element identifier="id-web-portal".*?</element>'
        rb'|<relationship identifier="id-r-portal-crm".*?</relationship>',
        b"",
        ARCHISURANCE.read_bytes(),
        flags=re.DOTALL,
    )
    plan = plan_landscape_import(edited, without_portal, format="archimate", name="v3.xml", framework=framework)
    assert plan.ok, plan.problems
    kinds = {(c.kind, c.where) for c in plan.conflicts}
    assert ("kept_text", "id-crm") in kinds
    assert ("missing", "id-web-portal") in kinds and ("missing", "id-r-portal-crm") in kinds
    assert next(s for s in plan.assessment.systems if s.id == crm.id).notes == crm_notes
    assert any(s.external_id == "archimate:id-web-portal" for s in plan.assessment.systems)  # not deleted
    assert plan.changes == []


def test_a_hand_keyed_system_of_the_same_name_is_linked_not_doubled(municipality, framework):
    own = municipality.systems[0]
    xml = _archimate(_component("id-1", own.name.upper()))
    plan = plan_landscape_import(municipality, xml, format="archimate", name="m.xml", framework=framework)
    assert plan.ok, plan.problems
    assert [c.kind for c in plan.conflicts] == ["name_match"]
    assert len(plan.assessment.systems) == len(municipality.systems)
    assert plan.assessment.systems[0].external_id == "archimate:id-1"


def test_an_element_imported_as_another_kind_before_is_left_out_and_said(municipality, framework):
    first = plan_landscape_import(
        municipality,
        _archimate(_component("id-1", "Fleet data")),
        format="archimate",
        name="a.xml",
        framework=framework,
    ).assessment
    plan = plan_landscape_import(
        first,
        _archimate(_component("id-1", "Fleet data", "DataObject")),
        format="archimate",
        name="b.xml",
        framework=framework,
    )
    assert [c.kind for c in plan.conflicts] == ["other_kind"]
    assert plan.changes == []


@pytest.mark.parametrize(
    ("xml", "code", "where"),
    [
        (b"<model><elements></model>", Code.XML_MALFORMED, "line 1, column 20"),
        (
            b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><model>&x;</model>',
            Code.XML_DTD,
            "",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b"<model>&lol2;</model>",
            Code.XML_DTD,
            "",
        ),
        (b'<!DOCTYPE model SYSTEM "http://example.com/archimate.dtd"><model/>', Code.XML_DTD, ""),
        (b"<REQ-IF/>", Code.XML_NOT_FORMAT, ""),
        (
            _archimate(_component("id-1", "A") + _component("id-1", "B")),
            Code.IMPORT_DUPLICATE_ID,
            "element 'id-1'",
        ),
        (
            _archimate(
                _component("id-1", "A"), '<relationship identifier="r-1" source="id-1" target="id-9" xsi:type="Flow"/>'
            ),
            Code.IMPORT_UNKNOWN_END,
            "relationship 'r-1'",
        ),
        (
            _archimate('<element identifier="id-1" xsi:type="ApplicationComponent"/>'),
            Code.IMPORT_VALUE_MISSING,
            "element 'id-1'",
        ),
    ],
    ids=[
        "malformed",
        "external-entity",
        "billion-laughs",
        "external-dtd",
        "not-archimate",
        "duplicate",
        "dangling",
        "no-name",
    ],
)
def test_a_bad_file_is_refused_with_where_and_nothing_applied(municipality, framework, xml, code, where):
    before = municipality.model_dump()
    plan = plan_landscape_import(municipality, xml, format="archimate", name="bad.xml", framework=framework)
    assert not plan.ok and plan.assessment is None
    assert code in _codes(plan), plan.problems
    problem = next(p for p in plan.problems if p.code == code)
    assert problem.path.startswith("bad.xml")
    assert where in problem.path
    assert problem.text("da") != problem.message  # worded in Danish too
    assert municipality.model_dump() == before


def test_an_oversized_or_empty_file_is_refused_before_it_is_parsed(municipality):
    big = plan_landscape_import(
        municipality, b"<model>" + b" " * 2048 + b"</model>", format="archimate", max_bytes=1024
    )
    assert _codes(big) == [Code.WORKBOOK_TOO_LARGE]
    assert _codes(plan_landscape_import(municipality, b"", format="archimate")) == [Code.WORKBOOK_EMPTY]


# --- LeanIX and Ardoq ------------------------------------------------------------------------------------


def test_leanix_inventory_applications_data_objects_and_interfaces(municipality, framework):
    plan = plan_landscape_import(municipality, FIXTURES / "leanix_inventory.csv", format="leanix", framework=framework)
    assert plan.ok, plan.problems
    by_ext = _by_external_id(plan.assessment)
    sap = by_ext["leanix:28fe4aa2-6e46-41a1-a131-72afb3acf256"]
    bi = by_ext["leanix:b7e2c1d4-3a5f-4e6b-9c8d-7f6e5d4c3b2a"]
    odata = by_ext["leanix:9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"]
    assert (odata.from_id, odata.to_id) == (sap.id, bi.id)
    assert by_ext["leanix:2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"].system_id == sap.id
    assert {n.key: n.params for n in plan.notices}["skipped_rows"] == {"count": 3}  # IT component, capability...
    # the municipality keyed in its Power BI by hand: linked (said), its own notes kept (said)
    assert plan.counts() == {"added": 8, "changed": 1, "unchanged": 0, "conflicts": 2}
    assert bi.id == "sys-powerbi" and [c.kind for c in plan.conflicts] == ["name_match", "kept_text"]


def test_leanix_columns_that_differ_are_mapped(municipality, framework):
    renamed = (FIXTURES / "leanix_inventory.csv").read_text().replace("name;description", "Full Name;Description", 1)
    refused = plan_landscape_import(municipality, renamed.encode(), format="leanix", name="lx.csv", framework=framework)
    assert _codes(refused) == [Code.IMPORT_NO_COLUMN]
    assert "'Full Name'" in refused.problems[0].message  # the file's columns are named
    plan = plan_landscape_import(
        municipality,
        renamed.encode(),
        format="leanix",
        name="lx.csv",
        mapping={"name": "full name"},
        framework=framework,
    )
    assert plan.ok and plan.counts()["added"] == 8
    wrong = plan_landscape_import(municipality, renamed.encode(), format="leanix", mapping={"name": "Label"})
    assert _codes(wrong) == [Code.IMPORT_MAP_COLUMN]
    unknown = plan_landscape_import(municipality, renamed.encode(), format="leanix", mapping={"colour": "Name"})
    assert Code.IMPORT_MAP_FIELD in _codes(unknown)


def test_leanix_duplicate_ids_and_unknown_interface_ends_are_said_with_their_rows(municipality, framework):
    text = (
        "id,type,name,relInterfaceToProviderApplication,relInterfaceToConsumerApplication\n"
        "a1,Application,ERP,,\n"
        "a1,Application,ERP again,,\n"
        "i1,Interface,ERP to BI,a1,zz-not-there\n"
    )
    plan = plan_landscape_import(municipality, text.encode(), format="leanix", name="lx.csv", framework=framework)
    assert [(p.code, p.path) for p in plan.problems] == [(Code.IMPORT_DUPLICATE_ID, "lx.csv row 3")]
    assert "lx.csv row 2" in plan.problems[0].message
    dangling = text.replace("a1,Application,ERP again,,\n", "")
    plan = plan_landscape_import(municipality, dangling.encode(), format="leanix", name="lx.csv", framework=framework)
    assert [(p.code, p.path) for p in plan.problems] == [(Code.IMPORT_UNKNOWN_END, "lx.csv row 3")]
    assert "zz-not-there" in plan.problems[0].message


def test_leanix_excel_export(municipality, framework, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Inventory"
    for line in (FIXTURES / "leanix_inventory.csv").read_text().splitlines():
        sheet.append(line.split(";"))
    book.save(tmp_path / "inventory.xlsx")
    plan = plan_landscape_import(municipality, tmp_path / "inventory.xlsx", format="leanix", framework=framework)
    assert plan.ok, plan.problems
    assert plan.counts()["added"] == 8
    missing = plan_landscape_import(municipality, tmp_path / "inventory.xlsx", format="leanix", sheet="Fact Sheets")
    assert _codes(missing) == [Code.IMPORT_NO_SHEET] and "Inventory" in missing.problems[0].message


def test_ardoq_components_and_references(municipality, framework):
    plan = plan_landscape_import(municipality, FIXTURES / "ardoq_export.xlsx", format="ardoq", framework=framework)
    assert plan.ok, plan.problems
    by_ext = _by_external_id(plan.assessment)
    fuel = by_ext["ardoq:5f1a9c0e2b3d4e0012a1b004"]
    erp = by_ext["ardoq:5f1a9c0e2b3d4e0012a1b001"]
    flow = by_ext["ardoq:6a2b8d1f3c4e5f0013b2c003"]
    assert (flow.from_id, flow.to_id) == (fuel.id, erp.id)
    assert fuel.name == "Fuel consumption" and erp.notes == "ERP for the group"
    assert plan.counts() == {"added": 8, "changed": 0, "unchanged": 0, "conflicts": 0}
    csv_refused = plan_landscape_import(municipality, b"Name,Type\nx,Application\n", format="ardoq", name="a.csv")
    assert _codes(csv_refused) == [Code.IMPORT_FILE_TYPE]


def test_a_100000_row_inventory_is_streamed(municipality, framework):
    header = "id,type,name,description\n"
    rows = [f"it-{i},ITComponent,Component {i},Server {i}\n" for i in range(98_000)]
    rows += [f"app-{i},Application,Application {i},\n" for i in range(2_000)]
    data = (header + "".join(rows)).encode()
    started = time.perf_counter()
    plan = plan_landscape_import(municipality, data, format="leanix", name="big.csv", framework=framework)
    assert plan.ok, plan.problems[:3]
    assert plan.counts()["added"] == 2_000
    assert {n.key: n.params for n in plan.notices}["skipped_rows"] == {"count": 98_000}
    assert time.perf_counter() - started < 60
    # an inventory of 100,000 applications is more than a landscape: refused at the row past the limit
    apps = header + "".join(f"app-{i},Application,Application {i},\n" for i in range(100_000))
    plan = plan_landscape_import(municipality, apps.encode(), format="leanix", name="apps.csv", framework=framework)
    assert [(p.code, p.path) for p in plan.problems] == [(Code.IMPORT_TOO_MANY, "apps.csv row 20002")]


def test_an_xlsx_with_a_damaged_sheet_is_refused_with_a_message(municipality, tmp_path):
    import io
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "type", "name"])
    book.active.append(["a1", "Application", "ERP"])
    buffer = io.BytesIO()
    book.save(buffer)
    damaged = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row><c></sheetData>")
            target.writestr(info, data)
    plan = plan_landscape_import(municipality, damaged.getvalue(), format="leanix", name="inv.xlsx")
    assert plan.assessment is None
    assert [p.code for p in plan.problems] == [Code.WORKBOOK_REFUSED]
    assert plan.problems[0].path.startswith("inv.xlsx")


def test_the_archimate_2_1_exchange_format(municipality, framework):
    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       identifier="m">
  <name xml:lang="en">Archisurance 2.1</name>
  <elements>
    <element identifier="a" xsi:type="ApplicationComponent"><label xml:lang="en">CRM</label>
      <properties><property identifierref="p1"><value xml:lang="en">Salesforce</value></property></properties>
    </element>
    <element identifier="b" xsi:type="ApplicationComponent"><label xml:lang="en">Portal</label></element>
  </elements>
  <relationships>
    <relationship identifier="note" source="b" target="r" xsi:type="Association"/>
    <relationship identifier="r" source="a" target="b" xsi:type="UsedBy"/>
  </relationships>
  <propertydefs><propertydef identifier="p1" name="Vendor" type="string"/></propertydefs>
</model>"""
    plan = plan_landscape_import(municipality, xml, format="archimate", name="m21.xml", framework=framework)
    assert plan.ok, plan.problems
    by_ext = _by_external_id(plan.assessment)
    assert (by_ext["archimate:a"].name, by_ext["archimate:a"].vendor) == ("CRM", "Salesforce")
    flow = by_ext["archimate:r"]
    assert (flow.from_id, flow.to_id) == (by_ext["archimate:a"].id, by_ext["archimate:b"].id)
    assert {n.key: n.params for n in plan.notices}["skipped_relations"] == {"count": 1}  # the association


def test_leanix_exports_one_fact_sheet_type_at_a_time(municipality, framework):
    """LeanIX exports one fact sheet type per table view: the interfaces' file refers to applications
    imported before, by id or by name."""
    apps = b"id;type;name\na1;Application;Navision\na2;Application;Energy portal\n"
    first = plan_landscape_import(municipality, apps, format="leanix", name="apps.csv", framework=framework)
    interfaces = (
        b"id;type;name;relInterfaceToProviderApplication;relInterfaceToConsumerApplication\n"
        b"i1;Interface;Meter readings;a2;a1\n"
        b"i2;Interface;Invoices;Navision;Energy portal\n"
    )
    plan = plan_landscape_import(first.assessment, interfaces, format="leanix", name="if.csv", framework=framework)
    assert plan.ok, plan.problems
    by_ext = _by_external_id(plan.assessment)
    navision, portal = by_ext["leanix:a1"].id, by_ext["leanix:a2"].id
    assert (by_ext["leanix:i1"].from_id, by_ext["leanix:i1"].to_id) == (portal, navision)
    assert (by_ext["leanix:i2"].from_id, by_ext["leanix:i2"].to_id) == (navision, portal)
    assert plan.counts() == {"added": 2, "changed": 0, "unchanged": 0, "conflicts": 0}


def test_ardoq_references_by_component_name_and_a_mapped_references_sheet(municipality, framework, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    components = book.active
    components.title = "Applications"  # sheets named otherwise: the first holds components, the second references
    for row in (("Ardoq Oid", "Name", "Type"), ("c1", "Dynamics", "Application"), ("c2", "Fuel", "Data Object")):
        components.append(row)
    references = book.create_sheet("App links")
    for row in (("Oid", "From", "To"), ("r1", "Fuel", "Dynamics"), ("r2", "Fuel", "Nobody")):
        references.append(row)
    book.save(tmp_path / "ardoq.xlsx")
    mapping = {"reference.id": "Oid", "reference.source": "From", "reference.target": "To"}
    plan = plan_landscape_import(
        municipality, tmp_path / "ardoq.xlsx", format="ardoq", mapping=mapping, framework=framework
    )
    assert [(p.code, p.path) for p in plan.problems] == [
        (Code.IMPORT_UNKNOWN_END, "ardoq.xlsx sheet 'App links' row 3")
    ]
    assert "'Nobody'" in plan.problems[0].message
    references.delete_rows(3)
    book.save(tmp_path / "ardoq.xlsx")
    plan = plan_landscape_import(
        municipality, tmp_path / "ardoq.xlsx", format="ardoq", mapping=mapping, framework=framework
    )
    assert plan.ok, plan.problems
    by_ext = _by_external_id(plan.assessment)
    assert (by_ext["ardoq:r1"].from_id, by_ext["ardoq:r1"].to_id) == (by_ext["ardoq:c2"].id, by_ext["ardoq:c1"].id)
