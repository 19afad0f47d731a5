"""Editable tables (``st.data_editor``) that store every change as a revision at once.

A table is described by an adapter (which rows it shows, how edited rows go back into the assessment)
and typed columns. The editor keeps the table it was built from in session state, so that a row that
cannot be saved yet (a missing name, an end before its start) stays on screen with its message while
every valid change around it is stored. The table is rebuilt only when the assessment changed from
elsewhere (another widget, a reload), when the language changes, or when its drop-down lists change.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ValidationError

from ..domain import Assessment, Problem
from ..domain.framework import Framework
from . import state
from .editing import Issue, all_ids, clean_cell, issues_from_validation_error, new_id
from .i18n import current_language, t
from .problem_text import issue_text, problem_text


@dataclass(frozen=True)
class Ctx:
    """What a table needs to build its rows and drop-downs."""

    assessment: Assessment
    framework: Framework
    lang: str


@dataclass(frozen=True)
class Col:
    """A typed column. ``kind``: text, int, float, bool, select, multiselect, date."""

    field: str
    label: str  # locale key
    kind: str = "text"
    required: bool = False
    options: Callable[[Ctx], Sequence[Any]] | None = None
    fmt: Callable[[Ctx], Callable[[Any], str]] | None = None
    min: float | None = None
    max: float | None = None
    step: float | None = None
    number_format: str | None = None
    width: str | int | None = None
    help: str | None = None  # locale key
    disabled: bool = False
    default: Any = None
    raw_label: bool = False  # ``label`` is the text itself (e.g. an option's name), not a locale key


class Adapter(Protocol):
    """Where a table's rows come from and how edited rows go back (see ``ListAdapter``)."""

    name: str
    dynamic: bool

    def cols(self, ctx: Ctx) -> tuple[Col, ...]: ...

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]: ...

    def apply(
        self,
        ctx: Ctx,
        source: Any,
        rows: list[tuple[int | None, dict[str, Any]]],
        skip: set[int],
        memory: dict[str, Any],
    ) -> tuple[Assessment, list[Issue], list[int]]: ...

    def signature(self, ctx: Ctx) -> str: ...


# --- the adapter for lists of models --------------------------------------------------------------


@dataclass(frozen=True)
class ListAdapter:
    """A list of models (a top-level collection, or a list inside one item): one row per model.

    Fields not shown as columns are kept from the stored item. New rows get an id from their name.
    ``path`` is the list's path in problem messages (``data_sources``, ``to_be.goals``).
    """

    name: str
    model: type[BaseModel]
    columns: tuple[Col, ...]
    path: str
    get: Callable[[Assessment], list[BaseModel]]
    put: Callable[[Assessment, list[BaseModel]], Assessment]
    id_field: str | None = "id"
    name_field: str = "name"
    defaults: Callable[[Ctx], dict[str, Any]] | None = None
    to_row: Callable[[Ctx, BaseModel], dict[str, Any]] | None = None
    dynamic: bool = True
    id_prefix: str = "item"

    def cols(self, ctx: Ctx) -> tuple[Col, ...]:
        return self.columns

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]:
        items = list(self.get(ctx.assessment))
        fields = [c.field for c in self.columns]
        out = []
        for item in items:
            row = self.to_row(ctx, item) if self.to_row else item.model_dump(include=set(fields))
            out.append({f: row.get(f) for f in fields})
        return out, items

    def apply(self, ctx, source, rows, skip, memory):
        """The assessment with this list rebuilt from ``rows``.

        ``memory`` belongs to the editor: the ids given to new rows (so a new row keeps its id while it
        is edited) and the last stored version of every row (which a row that is invalid now keeps).
        """
        ids: dict[int, str] = memory.setdefault("ids", {})
        saved: dict[tuple, BaseModel] = memory.setdefault("saved", {})
        pending: dict[tuple, BaseModel] = {}
        taken = all_ids(ctx.assessment) | set(ids.values())
        items: list[BaseModel] = []
        index_rows: list[int] = []
        issues: list[Issue] = []
        defaults = self.defaults(ctx) if self.defaults else {}
        added = 0
        for number, (position, values) in enumerate(rows):
            base = source[position] if position is not None and position < len(source) else None
            key = ("base", position) if base is not None else ("new", added)
            added += base is None
            fallback = saved.get(key, base)
            item = None
            if number not in skip:
                data = self._merge(base, values, defaults, taken, ids.get(key[1]) if base is None else None)
                if base is None and self.id_field:
                    ids[key[1]] = data[self.id_field]
                try:
                    item = self.model.model_validate(data)
                except ValidationError as exc:
                    issues += issues_from_validation_error(exc, row=number)
            if item is not None:
                pending[key] = item
            item = item or fallback  # an invalid row keeps its last stored version until it is fixed
            if item is not None:
                items.append(item)
                index_rows.append(number)
        memory["pending"] = pending
        return self.put(ctx.assessment, items), issues, index_rows

    def _merge(
        self, stored: BaseModel | None, values: dict[str, Any], defaults: dict, taken: set[str], given_id: str | None
    ) -> dict:
        data = stored.model_dump() if stored is not None else dict(defaults)
        for name, value in values.items():
            if value is None and name in self.model.model_fields and stored is None:
                continue  # let the model's default apply to an empty cell in a new row
            data[name] = value
        if self.id_field and not data.get(self.id_field):
            data[self.id_field] = given_id or new_id(str(data.get(self.name_field) or ""), taken, prefix=self.id_prefix)
        return {k: v for k, v in data.items() if not (v is None and _has_default(self.model, k))}

    def signature(self, ctx: Ctx) -> str:
        dumped = [item.model_dump(mode="json") for item in self.get(ctx.assessment)]
        return digest(dumped)


def _has_default(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields.get(name)
    return info is not None and not info.is_required()


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


# --- column config --------------------------------------------------------------------------------


def column_config(columns: Sequence[Col], ctx: Ctx) -> dict[str, Any]:
    cc = st.column_config
    config: dict[str, Any] = {}
    for col in columns:
        common = {
            "label": col.label if col.raw_label else t(col.label),
            "help": t(col.help) if col.help else None,
            "disabled": col.disabled or None,
            "required": col.required or None,
            "width": col.width,
        }
        if col.kind in ("select", "multiselect"):
            options = list(col.options(ctx)) if col.options else []
            fmt = col.fmt(ctx) if col.fmt else None
            maker = cc.SelectboxColumn if col.kind == "select" else cc.MultiselectColumn
            config[col.field] = maker(**common, options=options, format_func=fmt, default=col.default)
        elif col.kind in ("int", "float"):
            config[col.field] = cc.NumberColumn(
                **common,
                min_value=col.min,
                max_value=col.max,
                step=col.step or (1 if col.kind == "int" else None),
                format=col.number_format,
                default=col.default,
            )
        elif col.kind == "bool":
            config[col.field] = cc.CheckboxColumn(**common, default=col.default)
        elif col.kind == "date":
            config[col.field] = cc.DateColumn(**common, format="YYYY-MM-DD", default=col.default)
        else:
            config[col.field] = cc.TextColumn(**common, default=col.default)
    return config


def _frame(rows: list[dict[str, Any]], columns: Sequence[Col]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[c.field for c in columns])
    for col in columns:
        if col.kind == "text" or col.kind == "select":
            frame[col.field] = frame[col.field].astype("object")
        elif col.kind == "int":
            frame[col.field] = (
                pd.array(frame[col.field], dtype="Int64") if len(frame) else frame[col.field].astype("Int64")
            )
        elif col.kind == "float":
            frame[col.field] = pd.to_numeric(frame[col.field], errors="coerce").astype("float64")
        elif col.kind == "bool":
            frame[col.field] = frame[col.field].fillna(False).astype(bool)
        elif col.kind == "date":
            frame[col.field] = pd.to_datetime(frame[col.field], errors="coerce").dt.date
        elif col.kind == "multiselect":
            values = [list(v) if isinstance(v, list | tuple) else [] for v in frame[col.field]]
            frame[col.field] = pd.Series(values, index=frame.index, dtype="object")
    return frame.reset_index(drop=True)


# --- the editor -----------------------------------------------------------------------------------


@dataclass
class EditorState:
    """What one table keeps between reruns (exposed so tests can seed edits on ``widget_key``)."""

    build_key: tuple
    counter: int
    base: pd.DataFrame
    source: Any
    revision: int | None
    content: str
    widget_key: str
    processed: str = ""
    memory: dict[str, Any] = field(default_factory=dict)  # the adapter's notes between edits
    issues: list[Issue] = field(default_factory=list)
    general: list[Problem] = field(default_factory=list)


# A missing value (no system, no owner yet) is an empty cell; the editor's default shows the word "None".
EMPTY_CELL = ""
# A computed figure that does not exist (no time to first report, no sampling), in a read-only table.
NO_VALUE = "—"


def state_key(key: str) -> str:
    return f"tbl.{key}"


def editable_table(adapter: Any, ctx: Ctx, *, key: str, height: int | str | None = None) -> EditorState:
    """Show ``adapter``'s rows in an editor; store every valid change at once and show the rest.
    A viewer gets the same table locked: no cell edits, no rows added or deleted."""
    columns = adapter.cols(ctx)
    config = column_config(columns, ctx)
    es = _editor_state(adapter, ctx, key, config, columns)
    viewer = state.read_only()
    rows_change = adapter.dynamic and not viewer
    st.data_editor(
        es.base,
        key=es.widget_key,
        column_config=config,
        column_order=[c.field for c in columns],
        num_rows="dynamic" if rows_change else "fixed",
        disabled=viewer,
        hide_index=True,
        width="stretch",
        height=height if height is not None else _height(len(es.base), rows_change),
        placeholder=EMPTY_CELL,
    )
    delta = st.session_state.get(es.widget_key) or {}
    signature = digest(delta)
    if signature != es.processed and _has_edits(delta):
        es.processed = signature
        if _process(adapter, ctx, es, _edited_rows(es, delta, columns)):
            if (delta.get("added_rows") or delta.get("deleted_rows")) and not es.issues:
                es.build_key = ()  # rows came or went: start again from the stored list
            st.rerun()
    es.processed = signature
    _show_issues(es, columns)
    return es


def howto() -> None:
    """How to edit the table above; a viewer, who cannot, is not told."""
    if not state.read_only():
        st.caption(t("table.howto"))


def _height(rows: int, dynamic: bool) -> int:
    """Tall enough for the rows (and the empty row for adding one), at most about 15 rows."""
    return min(38 + 35 * (rows + (1 if dynamic else 0)), 565)


def _editor_state(adapter: Any, ctx: Ctx, key: str, config: dict[str, Any], columns: Sequence[Col]) -> EditorState:
    ss = st.session_state
    build_key = (ctx.assessment.id, state.epoch(), ctx.lang, digest(str(config)))
    es: EditorState | None = ss.get(state_key(key))
    revision = state.revision()
    if es is not None and es.build_key == build_key:
        if es.revision == revision:
            return es
        if adapter.signature(ctx) == es.content:  # the change was elsewhere in the assessment
            es.revision = revision
            return es
    rows, source = adapter.rows(ctx)
    counter = es.counter + 1 if es is not None else 0
    es = EditorState(
        build_key=build_key,
        counter=counter,
        base=_frame(rows, columns),
        source=source,
        revision=revision,
        content=adapter.signature(ctx),
        widget_key=f"{key}.{counter}",
    )
    ss[state_key(key)] = es
    return es


def _has_edits(delta: dict) -> bool:
    return bool(delta.get("edited_rows") or delta.get("added_rows") or delta.get("deleted_rows"))


def _edited_rows(es: EditorState, delta: dict, columns: Sequence[Col]) -> list[tuple[int | None, dict[str, Any]]]:
    """Base rows with the editor's delta applied: (base position or None for a new row, values)."""
    kinds = {c.field: c.kind for c in columns if not c.disabled}
    names = list(es.base.columns)
    records = es.base.to_dict("records")
    rows: list[tuple[int | None, dict[str, Any]]] = [(i, dict(r)) for i, r in enumerate(records)]
    for position, changes in (delta.get("edited_rows") or {}).items():
        index = int(position)
        if 0 <= index < len(rows):
            rows[index][1].update({_column_name(k, names): v for k, v in changes.items()})
    for added in delta.get("added_rows") or []:
        rows.append((None, {_column_name(k, names): v for k, v in added.items()}))
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    rows = [row for i, row in enumerate(rows) if i not in deleted]
    return [
        (pos, {name: clean_cell(value, kinds.get(name, "text")) for name, value in values.items() if name in kinds})
        for pos, values in rows
    ]


def _column_name(key: Any, names: list[str]) -> str:
    # The editor names columns by their label in its delta; positions are used by older versions.
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit() and key not in names):
        return names[int(key)]
    return str(key)


def _process(adapter: Any, ctx: Ctx, es: EditorState, rows: list[tuple[int | None, dict[str, Any]]]) -> bool:
    """Store what can be stored; remember issues per row. True when a new revision was stored."""
    skip: set[int] = set()
    blocked: list[Issue] = []  # problems that made a row wait, from every round
    general: list[Problem] = []
    for _attempt in range(4):
        candidate, row_issues, index_rows = adapter.apply(ctx, es.source, rows, skip, es.memory)
        cleaned, problems, cleared = state.check(candidate)
        mapped, general = _map_problems(problems, adapter, index_rows)
        blocked += mapped
        new_skips = {i.row for i in mapped if i.row is not None} - skip
        if not new_skips:
            break
        skip |= new_skips
    issues = row_issues + blocked
    es.issues, es.general = issues, general
    if general or cleaned == ctx.assessment:
        return False
    result = state.save_checked(cleaned, f"edit {adapter.name}", cleared)
    if result.saved:
        es.memory.setdefault("saved", {}).update(es.memory.pop("pending", {}))
        es.revision = state.revision()
        es.content = adapter.signature(Ctx(state.require(), ctx.framework, ctx.lang))
        if result.cleared:
            st.toast(t("table.cleared", n=len(result.cleared)), icon=":material/link_off:")
        return True
    es.general = result.problems
    return False


def _map_problems(
    problems: list[Problem], adapter: Any, index_rows: list[int | None]
) -> tuple[list[Issue], list[Problem]]:
    """Problems of this table's items become row issues; the rest are general (and block the save)."""
    mapped, general = [], []
    prefix = getattr(adapter, "path", "")
    pattern = re.compile(re.escape(prefix) + r"\[(?P<index>\d+)\](?:\.(?P<field>[a-z_]+))?")
    for problem in problems:
        match = pattern.match(problem.path) if prefix else None
        index = int(match["index"]) if match else -1
        row = index_rows[index] if match and index < len(index_rows) else None
        if row is not None:
            mapped.append(Issue(match["field"], problem.message, "problem", {}, row))
        else:
            general.append(problem)
    return mapped, general


def _show_issues(es: EditorState, columns: Sequence[Col]) -> None:
    if not es.issues and not es.general:
        return
    lang = current_language()
    labels = {c.field: c.label if c.raw_label else t(c.label) for c in columns}
    if es.issues:
        st.error(t("table.row_issues", n=len({i.row for i in es.issues})), icon=":material/error:")
        frame = pd.DataFrame(
            [
                {
                    t("table.row"): (i.row or 0) + 1,
                    t("table.column"): labels.get(i.field or "", i.field or ""),
                    t("table.problem"): issue_text(i, lang),
                }
                for i in es.issues
            ]
        )
        st.dataframe(frame, hide_index=True, width="stretch")
    for problem in es.general:
        st.error(
            t("table.not_saved", problem=_plain(problem_text(problem, lang), problem.path)), icon=":material/error:"
        )


def _plain(message: str, path: str) -> str:
    from .literal import md

    return md(f"{path}: {message}" if path else message)
