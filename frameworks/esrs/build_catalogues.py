"""Build the shipped disclosure-requirement catalogues from the reference tables.

Usage (from the repository root):

    python frameworks/esrs/build_catalogues.py ../shared/reference [-o frameworks/esrs]

writes ``esrs-set1.yaml`` (ESRS Set 1, 2023), ``esrs-amended.yaml`` (the amended ESRS, 2026) and
``vsme.yaml`` (the voluntary standard for SMEs). The English titles and codes come from the reference
CSVs (``SOURCES.md`` beside them says where those come from); the Danish titles from
``frameworks/esrs/sources/<catalogue>.da.csv`` in this repository. Each DR keeps the provenance of both
titles. Only the disclosure-requirement level is written: EFRAG's datapoint list (ids with names) must
never be shipped; the workbench imports it from the user's own copy instead.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FORMAT = "esg-workbench/esrs-catalogue"
FORMAT_VERSION = 2
HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

# Danish standard names as in the Danish version of Delegated Regulation (EU) 2023/2772; the English
# names come from the CSV where it has them. A standard not listed here fails the build loudly.
SET1_STANDARDS: dict[str, tuple[str, str, str]] = {  # code -> (English, Danish, pillar)
    "ESRS 2": ("General disclosures", "Generelle oplysninger", "cross_cutting"),
    "E1": ("Climate change", "Klimaændringer", "environment"),
    "E2": ("Pollution", "Forurening", "environment"),
    "E3": ("Water and marine resources", "Vand- og havressourcer", "environment"),
    "E4": ("Biodiversity and ecosystems", "Biodiversitet og økosystemer", "environment"),
    "E5": ("Resource use and circular economy", "Ressourceanvendelse og cirkulær økonomi", "environment"),
    "S1": ("Own workforce", "Egen arbejdsstyrke", "social"),
    "S2": ("Workers in the value chain", "Arbejdstagere i værdikæden", "social"),
    "S3": ("Affected communities", "Berørte lokalsamfund", "social"),
    "S4": ("Consumers and end-users", "Forbrugere og slutbrugere", "social"),
    "G1": ("Business conduct", "Virksomhedsadfærd", "governance"),
}
# The amended ESRS keep the standards and their codes; E3 is about water only (SOURCES.md section 3).
AMENDED_STANDARDS = {**SET1_STANDARDS, "E3": ("Water", "Vand", "environment")}
VSME_MODULES: dict[str, tuple[str, str, str, str]] = {  # module in the CSV -> (code, English, Danish, pillar)
    "Basic": ("B", "Basic module", "Basismodul", "cross_cutting"),
    "Comprehensive": ("C", "Comprehensive module", "Udvidet modul", "cross_cutting"),
}

SET1_TITLE_SOURCES = {
    "efrag_xbrl_taxonomy_role": "role definition of the EFRAG ESRS Set 1 XBRL taxonomy (2023-12-22)",
    "manual_from_esrs_text_unverified": "typed in from the ESRS text (not machine-verified)",
}


@dataclass(frozen=True)
class Spec:
    """How one catalogue is made from its reference CSV."""

    id: str
    version: str
    kind: str
    csv_name: str
    header: dict[str, Any]

    def standard_of(self, row: dict[str, str]) -> str:
        if self.kind == "vsme":
            return VSME_MODULES[row["module"].strip()][0]
        return (row.get("esrs") or row.get("standard") or "").strip()

    def code_of(self, row: dict[str, str]) -> str:
        return (row.get("disclosure_requirement") or row.get("code") or "").strip()

    def count_of(self, row: dict[str, str]) -> int | None:
        return int(row["datapoint_count"]) if "datapoint_count" in row else None

    def title_provenance(self, row: dict[str, str]) -> str:
        if "title_source" in row:
            return SET1_TITLE_SOURCES[row["title_source"]]
        if "provenance" in row:
            return row["provenance"].strip()
        return self.header.get("default_title_provenance", f"as in {self.csv_name}")

    def standards(self) -> list[dict[str, Any]]:
        if self.kind == "vsme":
            return [
                {"code": code, "name": {"en": en, "da": da}, "pillar": pillar}
                for code, en, da, pillar in VSME_MODULES.values()
            ]
        table = AMENDED_STANDARDS if self.id == "esrs-amended" else SET1_STANDARDS
        return [{"code": c, "name": {"en": en, "da": da}, "pillar": p} for c, (en, da, p) in table.items()]


SPECS: tuple[Spec, ...] = (
    Spec(
        "esrs-set1",
        "2023",
        "esrs",
        "esrs_disclosure_requirements.csv",
        {
            "title": {
                "en": "ESRS Set 1: standards and disclosure requirements",
                "da": "ESRS sæt 1: standarder og oplysningskrav",
            },
            "short_name": "ESRS 2023",
            "effective_from": "2024-01-01",
            "effective_to": "2026-12-31",
            "legal_basis": "Commission Delegated Regulation (EU) 2023/2772 (ESRS Set 1)",
            "source": (
                "ESRS Set 1, Commission Delegated Regulation (EU) 2023/2772. Disclosure requirement titles from "
                "the role definitions of the EFRAG ESRS Set 1 XBRL taxonomy (2023-12-22); datapoint counts "
                "computed from EFRAG IG 3 List of ESRS Data Points (MDR reference rows not counted). Mandatory "
                "for financial years starting in 2024-2026; replaced by the amended ESRS from 2027."
            ),
            "always_reported": ["ESRS 2"],
        },
    ),
    Spec(
        "esrs-amended",
        "2026",
        "esrs",
        "esrs_2026_disclosure_requirements.csv",
        {
            "title": {
                "en": "Amended ESRS (2026): standards and disclosure requirements",
                "da": "Ændrede ESRS (2026): standarder og oplysningskrav",
            },
            "short_name": "ESRS 2026",
            "effective_from": "2027-01-01",
            "effective_to": None,
            "legal_basis": "Commission Delegated Regulation amending Delegated Regulation (EU) 2023/2772, C(2026) 5010",
            "source": (
                "Amended ESRS adopted by the Commission on 3 July 2026, C(2026) 5010; mandatory for financial "
                "years starting on or after 1 January 2027 (optional for 2026). Topical disclosure requirement "
                "headings extracted from the adopted Annex I (public transcription); ESRS 2 headings from a "
                "community transcription of the draft, marked unconfirmed per row. No datapoint-level list is "
                "shipped: import the user's copy of EFRAG's list."
            ),
            "always_reported": ["ESRS 2"],
        },
    ),
    Spec(
        "vsme",
        "2025",
        "vsme",
        "vsme_disclosures.csv",
        {
            "title": {
                "en": "VSME: voluntary sustainability reporting standard for SMEs",
                "da": "VSME: frivillig standard for bæredygtighedsrapportering for SMV'er",
            },
            "short_name": "VSME",
            "effective_from": "2025-07-30",
            "effective_to": None,
            "legal_basis": "Commission Recommendation (EU) 2025/1710 of 30 July 2025",
            "source": (
                "Voluntary standard for SMEs, Commission Recommendation (EU) 2025/1710 (30 July 2025): Basic "
                "module B1-B11 (a prerequisite) and Comprehensive module C1-C9. Titles cross-checked across "
                "several public copies; the delegated act adopted beside the amended ESRS in July 2026 may word "
                "them slightly differently."
            ),
            "always_reported": ["B"],
            "default_title_provenance": "Commission Recommendation (EU) 2025/1710, Annex (public copies)",
        },
    ),
)

HEADER_COMMENT = (
    "# Generated by frameworks/esrs/build_catalogues.py from {csv} and sources/{id}.da.csv.\n"
    "# Do not edit by hand: change the script or the CSVs and regenerate.\n"
)


class CatalogueInputError(ValueError):
    """A reference table does not have the expected shape; the message names the file, line and column."""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def danish_titles(spec: Spec, sources: Path = SOURCES) -> dict[str, tuple[str, str]]:
    """code -> (Danish title, provenance) from ``sources/<id>.da.csv``."""
    path = sources / f"{spec.id}.da.csv"
    titles: dict[str, tuple[str, str]] = {}
    for line, row in enumerate(read_csv(path), start=2):
        code, title = (row.get("code") or "").strip(), (row.get("title_da") or "").strip()
        if not code or not title or not (row.get("provenance") or "").strip():
            raise CatalogueInputError(f"{path.name} line {line}: code, title_da and provenance must not be empty")
        if code in titles:
            raise CatalogueInputError(f"{path.name} line {line}, column code: duplicate '{code}'")
        titles[code] = (title, row["provenance"].strip())
    return titles


def build_catalogue(spec: Spec, rows: list[dict[str, str]], danish: dict[str, tuple[str, str]]) -> dict:
    """The catalogue as plain data, header first, in the CSV's row order."""
    standards = spec.standards()
    known = {s["code"] for s in standards}
    requirements = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        where = f"{spec.csv_name} line {line}"
        try:
            standard = spec.standard_of(row)
        except KeyError:
            raise CatalogueInputError(f"{where}, column module: unknown module '{row.get('module')}'") from None
        code, title = spec.code_of(row), (row.get("title") or "").strip()
        if standard not in known:
            raise CatalogueInputError(f"{where}: unknown standard '{standard}'")
        if not code or not title:
            raise CatalogueInputError(f"{where}: code and title must not be empty")
        if code in seen:
            raise CatalogueInputError(f"{where}: duplicate code '{code}'")
        if code not in danish:
            raise CatalogueInputError(f"sources/{spec.id}.da.csv: no Danish title for '{code}'")
        try:
            count = spec.count_of(row)
        except ValueError:
            raise CatalogueInputError(f"{where}, column datapoint_count: not a whole number") from None
        seen.add(code)
        title_da, provenance_da = danish[code]
        entry: dict[str, Any] = {"code": code, "standard": standard, "title": {"en": title, "da": title_da}}
        if count is not None:
            entry["datapoint_count"] = count
        entry["provenance"] = {"title_en": spec.title_provenance(row), "title_da": provenance_da}
        requirements.append(entry)
    if extra := sorted(set(danish) - seen):
        raise CatalogueInputError(f"sources/{spec.id}.da.csv: codes not in {spec.csv_name}: {', '.join(extra)}")
    empty = [s["code"] for s in standards if s["code"] not in {r["standard"] for r in requirements}]
    if empty:
        raise CatalogueInputError(f"{spec.csv_name}: no disclosure requirements for {', '.join(empty)}")
    header = {k: v for k, v in spec.header.items() if k != "default_title_provenance"}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": spec.id,
        "version": spec.version,
        "kind": spec.kind,
        **header,
        "standards": standards,
        "disclosure_requirements": requirements,
    }


def render(spec: Spec, catalogue: dict) -> str:
    body = yaml.safe_dump(catalogue, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
    return HEADER_COMMENT.format(csv=spec.csv_name, id=spec.id) + body


def build_all(reference: Path, sources: Path = SOURCES) -> dict[str, str]:
    """file name -> YAML text of every catalogue."""
    return {
        f"{spec.id}.yaml": render(
            spec, build_catalogue(spec, read_csv(reference / spec.csv_name), danish_titles(spec, sources))
        )
        for spec in SPECS
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="folder with the reference CSVs (../shared/reference)")
    parser.add_argument("-o", "--output", type=Path, default=HERE, help="folder to write the YAML files into")
    args = parser.parse_args(argv)
    try:
        files = build_all(args.reference)
    except (OSError, KeyError, CatalogueInputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, text in files.items():
        (args.output / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
