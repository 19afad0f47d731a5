"""ESG Architecture Workbench: assess an organisation's ESG data architecture in four steps (as-is,
to-be, requirements, outcome scenarios) and choose how to digitalise CSRD reporting.

The public API: the assessment model and its files, frameworks, the store, the decision engine and the
decision workbook. Everything here is plain Python; the Streamlit app lives in ``esg_workbench.app``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .assessment_files import load_assessment, save_assessment
from .domain import Assessment, AssessmentInvalid, Problem, validate_assessment, validate_data

if TYPE_CHECKING:  # pragma: no cover
    from .frameworks import load_framework as load_framework
    from .store import Store as Store

__version__ = "0.1.0"

# Heavier adapters are imported on first use, so ``import esg_workbench`` stays fast for the CLI.
_LAZY = {
    "load_framework": ("esg_workbench.frameworks", "load_framework"),
    "list_frameworks": ("esg_workbench.frameworks", "list_frameworks"),
    "new_assessment": ("esg_workbench.new_assessment", "new_assessment"),
    "Store": ("esg_workbench.store", "Store"),
    "ConflictError": ("esg_workbench.store", "ConflictError"),
    "score": ("esg_workbench.scoring", "score"),
    "export_workbook": ("esg_workbench.workbook", "export_workbook"),
    "import_workbook": ("esg_workbench.workbook", "import_workbook"),
    "read_ig3_workbook": ("esg_workbench.esrs_import", "read_ig3_workbook"),
}


def __getattr__(name: str):
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'esg_workbench' has no attribute '{name}'") from None
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Assessment",
    "AssessmentInvalid",
    "Problem",
    "load_assessment",
    "save_assessment",
    "validate_assessment",
    "validate_data",
    *_LAZY,
]
