"""Import the user's own copy of EFRAG's "IG 3 List of ESRS Data Points" workbook (or a later list in
the same layout) into a versioned DatapointCatalogue. EFRAG's list is never shipped with the product.

The layout: an Index sheet plus one sheet per standard ("ESRS 2", "ESRS 2 MDR", "ESRS E1" ... "ESRS G1");
on each, instruction rows, then a header row (ID, ESRS, DR, Paragraph, Related AR, Name, Data Type, ...).
Columns are found by their header text, so their order may change. Cleaning follows
reference/SOURCES.md section 1.
"""

from .layout import IG3_SHEETS, REQUIRED_COLUMNS
from .problems import CellProblem, DatapointListInvalid, ImportNote
from .workbook import (
    MAX_COLUMNS,
    MAX_ROWS_PER_SHEET,
    Ig3Import,
    check_catalogue_ref,
    import_ig3_workbook,
    read_ig3_workbook,
)

__all__ = [
    "IG3_SHEETS",
    "MAX_COLUMNS",
    "MAX_ROWS_PER_SHEET",
    "REQUIRED_COLUMNS",
    "CellProblem",
    "DatapointListInvalid",
    "Ig3Import",
    "ImportNote",
    "check_catalogue_ref",
    "import_ig3_workbook",
    "read_ig3_workbook",
]
