"""User text shown literally: the one way to put text that comes from people (assessment data, names,
e-mails, file names, messages carrying those) on screen, so it never becomes a link, an image, an icon,
a formula, a colour or a style.

Streamlit renders markdown in bodies, headings, captions, alerts, toasts and widget labels, and plotly
renders a subset of HTML in chart labels and hover text. Backslash escapes alone are not enough for
Streamlit: its plugins find bare URLs, ``www.``, e-mail addresses and ``:material/…:`` or ``:emoji:``
shortcodes in the text *after* the escapes are resolved, so those patterns are also broken with an
invisible word joiner. Tables (``st.dataframe``) and ``st.text``/``st.code`` are literal already.
"""

from __future__ import annotations

import html
import re
from typing import Any

import plotly.graph_objects as go

WORD_JOINER = "\u2060"  # invisible, no line break, no width: breaks a pattern without changing what is seen
# Every character with a meaning in markdown, GFM, Streamlit's directives (:red[...]) or LaTeX ($).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:=^&])")
# Run over the escaped text, so a ``:`` or ``.`` here is preceded by its backslash.
_AUTOLINK_AND_SHORTCODE = re.compile(
    r"(?ix)"
    r"(\\:)(?=\S)"  # scheme://, mailto:, :material/x:, :smile:, :streamlit:, :red[...]
    r"|(@)(?=\S)"  # e-mail addresses
    r"|(www)(?=\\\.)"  # www.example.com
)
_LEADING_BLANKS = re.compile(r"(?m)^[ \t]+")  # four spaces would start a code block


def md(text: Any) -> str:
    """``text`` made inert for Streamlit markdown: shown exactly as typed (bar invisible word joiners),
    with no formatting, heading, list, link, autolink, image, HTML, LaTeX, colour or icon. For
    st.markdown/caption/subheader/title/info/warning/error/success/toast and widget, tab, expander and
    metric labels. A line break stays a line break."""
    escaped = _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    escaped = _AUTOLINK_AND_SHORTCODE.sub(lambda m: m.group(0) + WORD_JOINER, escaped)
    escaped = _LEADING_BLANKS.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), escaped)
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def shown(text: str) -> str:
    """What a person sees of :func:`md` output (for tests): the escapes resolved, joiners dropped."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "").replace("\u00a0", " ").replace("  \n", "\n")


def plot_text(text: Any) -> Any:
    """``text`` made literal for plotly labels and hover text (which render ``<a>``, ``<span style>``,
    ``<br>``… and entities): ``&``, ``<`` and ``>`` as entities. Anything but a string stays as it is."""
    return html.escape(text, quote=False) if isinstance(text, str) else text


# Text-bearing attributes of the traces this app draws; x/y/theta hold category names (options, criteria,
# data sources...) shown as tick labels and in hover text.
_TRACE_TEXT = ("name", "x", "y", "theta", "text", "customdata", "labels", "hovertext", "meta")
_AXIS_TEXT = ("ticktext", "tickvals", "categoryarray")


def _literal_values(value: Any) -> Any:
    if isinstance(value, str):
        return plot_text(value)
    if isinstance(value, tuple | list):
        return [_literal_values(v) for v in value]
    if getattr(value, "dtype", None) is not None and value.dtype.kind in "OU":  # a numpy array of text
        return [_literal_values(v) for v in value.tolist()]
    return value


def _literal_axis(axis: Any) -> None:
    for attribute in _AXIS_TEXT:
        if axis[attribute] is not None:
            axis[attribute] = _literal_values(axis[attribute])
    if "title" in axis and axis.title.text:
        axis.title.text = plot_text(axis.title.text)


def literal_figure(fig: go.Figure) -> go.Figure:
    """Every piece of text in ``fig`` made literal, once, when it is complete. Hover and text templates
    are the chart's own (they refer to values with ``%{…}`` and never embed user text), so they stay as
    they are; category values are escaped alike in the data and in the axes' ``tickvals``, so they
    still match."""
    for trace in fig.data:
        for attribute in _TRACE_TEXT:
            if attribute in trace and trace[attribute] is not None:
                trace[attribute] = _literal_values(trace[attribute])
        if "legendgrouptitle" in trace and trace.legendgrouptitle.text:
            trace.legendgrouptitle.text = plot_text(trace.legendgrouptitle.text)
    fig.for_each_xaxis(_literal_axis)
    fig.for_each_yaxis(_literal_axis)
    fig.for_each_polar(lambda polar: _literal_axis(polar.angularaxis))
    if fig.layout.title.text:
        fig.layout.title.text = plot_text(fig.layout.title.text)
    for annotation in fig.layout.annotations:
        annotation.text = plot_text(annotation.text)
    return fig
