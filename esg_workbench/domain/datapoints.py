"""A datapoint catalogue: the ESRS datapoint level, imported from the user's own copy of EFRAG's
"IG 3 List of ESRS Data Points" workbook (or a later list in the same layout). Never shipped."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Datapoint(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1, max_length=64)]  # e.g. "E1-6_01"
    esrs: str  # standard code: "ESRS 2", "E1", ...
    disclosure_requirement: str  # "E1-6", "E1.IRO-1", "MDR-P"
    paragraph: str = ""
    related_ar: str = ""
    name: str
    data_type: str = ""  # as written in the source, e.g. "narrative", "MDR-... "
    conditional_or_alternative: str = ""  # "", "Conditional" or "Alternative"
    may_voluntary: bool = False
    appendix_b: str = ""
    phase_in: str = ""
    source_sheet: str
    source_row: Annotated[int, Field(ge=1)]


class DatapointCatalogue(BaseModel):
    """One imported version of a datapoint list, with where it came from."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]  # e.g. "efrag-ig3"
    version: Annotated[str, Field(min_length=1, max_length=64)]  # e.g. "2024-07" or the file's date
    title: str
    source_filename: str
    source_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    imported_at: datetime
    # The disclosure-requirement catalogue (standard and version) the list belongs to: EFRAG's IG 3 is the
    # list of ESRS Set 1; a later list of the amended ESRS is imported for esrs-amended 2026. Coverage at
    # datapoint level uses the list of the assessment's catalogue.
    standard_id: Annotated[str, Field(min_length=1, max_length=64)] = "esrs-set1"
    standard_version: Annotated[str, Field(min_length=1, max_length=64)] = "2023"
    datapoints: list[Datapoint]
