"""The as-is landscape for the report: the app's drawing (``esg_workbench.landscape``, DOT) laid out by
Graphviz's ``dot`` into SVG, so the report shows the picture the app shows, as a vector image.

Graphviz is a system program (Debian package ``graphviz``); without it the report says the drawing is
missing rather than failing. The SVG goes into the report as an image (``data:`` URI): an image can
neither run script nor fetch anything, whatever names the landscape holds.
"""

from __future__ import annotations

import base64
import shutil
import subprocess

DOT_TIMEOUT_S = 60  # a landscape of a few hundred systems lays out in a few seconds


class DrawingUnavailable(RuntimeError):
    """Graphviz's ``dot`` is missing or failed; the message says which."""


def dot_program() -> str | None:
    """The path of Graphviz's ``dot``, or None when it is not installed."""
    return shutil.which("dot")


def svg_of(dot_source: str) -> bytes:
    """``dot_source`` laid out as SVG. Raises DrawingUnavailable when ``dot`` is missing or fails."""
    program = dot_program()
    if program is None:
        raise DrawingUnavailable("Graphviz's dot program is not installed")
    try:
        done = subprocess.run(  # noqa: S603 - a fixed program; the DOT text goes in on stdin
            [program, "-Tsvg"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DrawingUnavailable(f"Graphviz's dot failed: {exc}") from None
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DrawingUnavailable(f"Graphviz's dot failed: {reason[0] if reason else done.returncode}")
    return done.stdout


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
