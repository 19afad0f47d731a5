"""The colours the tool draws with on screen and in the decision report: coverage statuses, data series
and roadmap phases, so a status or a phase has one colour wherever it is drawn."""

from __future__ import annotations

STATUS_COLOURS = {
    "not_assessed": "#b0bec5",
    "gap": "#c62828",
    "partial": "#ef6c00",
    "linked": "#fdd835",
    "manual": "#9ccc65",
    "automated": "#2e7d32",
}
# Readiness levels take the colours of the coverage statuses they read like; a level a changed rules
# file adds takes a series colour.
READINESS_COLOURS = {
    "ready": STATUS_COLOURS["automated"],
    "partly_ready": STATUS_COLOURS["partial"],
    "not_ready": STATUS_COLOURS["gap"],
    "not_known": STATUS_COLOURS["not_assessed"],
}
SERIES = ["#1b5e20", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#546e7a"]
PHASE_COLOURS = {"interim": "#ef6c00", "foundation": "#1565c0", "target": "#2e7d32", "improve": "#6a1b9a"}
