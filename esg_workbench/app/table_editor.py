"""Editable tables (``st.data_editor``) that store every change as a revision at once.

A table is described by an adapter (which rows it shows, how edited rows go back into the assessment)
and typed columns. The editor keeps the table it was built from in session state, so that a row that
cannot be saved yet (a missing name, an end before its start) stays on screen with its message while
every valid change around it is stored. The table is rebuilt only when the assessment changed from
elsewhere (another widget, a reload), when the language changes, or when its drop-down lists change.

The editor reports what the user did relative to the table it was first given, and drops an edit that
sets a cell back to that first value. So every change of its report (an empty one too) is turned into
the table as shown, compared cell by cell with the rows built from the assessment as stored NOW, and
only the cells that differ are written back: a cell the user did not change is never re-applied (a
name shown in another form, a rounded number), and a cell set back to its first value is stored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ValidationError

from ..domain import Assessment, Problem
from ..domain.framework import Framework
from ..formats import MISSING
from ..ids import all_ids, new_id
from . import state
from .editing import Issue, clean_cell, issues_from_validation_error
from .i18n import current_language, t
from .problem_text import issue_of, issue_text, problem_text


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


class RowValues(dict):
    """The cells of one table row as an adapter gets them: the row as built from the stored item with
    the user's changes on top; ``changed`` names the cells that differ from the stored row (every cell
    of a new row). An adapter writes back only those, so what it shows in another form stays as stored."""

    def __init__(self, values: dict[str, Any], changed: set[str] | frozenset[str]) -> None:
        super().__init__(values)
        self.changed = frozenset(changed)


def changed_cells(values: dict[str, Any]) -> frozenset[str]:
    """The cells of ``values`` the user changed (all of them for a plain dict)."""
    return values.changed if isinstance(values, RowValues) else frozenset(values)


class Adapter(Protocol):
    """Where a table's rows come from and how edited rows go back (see ``ListAdapter``)."""

    name: str
    dynamic: bool

    def cols(self, ctx: Ctx) -> tuple[Col, ...]: ...

    def rows(self, ctx: Ctx) -> tuple[list[dict[str, Any]], Any]:
        """The rows to show and the source: for each row what it stands for (an item, a key)."""
        ...

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
        return [self._row(ctx, item) for item in items], items

    def _row(self, ctx: Ctx, item: BaseModel) -> dict[str, Any]:
        fields = [c.field for c in self.columns]
        row = self.to_row(ctx, item) if self.to_row else item.model_dump(include=set(fields))
        return {f: row.get(f) for f in fields}

    def stored_rows(self, ctx: Ctx, source: list[BaseModel], memory: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows of ``source`` (the items the table was built from) as they are stored now: an item
        this editor saved since is in its memory (the table is rebuilt when the list changes elsewhere)."""
        saved = memory.get("saved", {})
        return [self._row(ctx, saved.get(("base", p), item)) for p, item in enumerate(source)]

    def apply(self, ctx, source, rows, skip, memory):
        """The assessment with this list rebuilt from ``rows``; a row's changed cells are written into
        its item as stored now, every other field of it is kept.

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
            stored = saved.get(key, base)
            item = None
            if number not in skip:
                data = self._merge(
                    stored if base is not None else None,
                    values,
                    defaults,
                    taken,
                    ids.get(key[1]) if base is None else None,
                )
                if base is None and self.id_field:
                    ids[key[1]] = data[self.id_field]
                try:
                    item = self.model.model_validate(data)
                except ValidationError as exc:
                    issues += issues_from_validation_error(exc, row=number)
            if item is not None:
                pending[key] = item
            item = item or stored  # an invalid row keeps its last stored version until it is fixed
            if item is not None:
                items.append(item)
                index_rows.append(number)
        memory["pending"] = pending
        return self.put(ctx.assessment, items), issues, index_rows

    def _merge(
        self, stored: BaseModel | None, values: dict[str, Any], defaults: dict, taken: set[str], given_id: str | None
    ) -> dict:
        data = stored.model_dump() if stored is not None else dict(defaults)
        changed = changed_cells(values) if stored is not None else frozenset(values)
        for name, value in values.items():
            if name not in changed:
                continue  # shown, not changed: the stored value stays exactly as it is
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
# A computed figure that does not exist (no time to first report, no sampling), in a read-only table:
# the same mark the core's number formats write for a missing value.
NO_VALUE = MISSING


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
    delta = _delta(st.session_state.get(es.widget_key))
    signature = digest(delta)
    if signature != es.processed:  # an empty report too: the user set a cell back to its first value
        es.processed = signature
        now = Ctx(state.require(), ctx.framework, ctx.lang)
        saved = _process(adapter, now, es, shown_rows(es, delta, columns, rows_as_stored(adapter, now, es, columns)))
        if saved and (delta["added_rows"] or delta["deleted_rows"]) and not es.issues:
            es.build_key = ()  # rows came or went: start again from the stored list
        if saved or state.conflict() is not None:
            st.rerun()  # a conflict shows its panel at once, not with the next edit
    _show_issues(es, columns)
    return es


def howto() -> None:
    """How to edit the table above; a viewer, who cannot, is not told."""
    if not state.read_only():
        st.caption(t("table.howto"))


# Room for the grid's horizontal scrollbar, which is drawn over the last row when the columns are wider
# than the page (most tables are).
SCROLLBAR_PX = 16


def _height(rows: int, dynamic: bool) -> int:
    """Tall enough for the rows (and the empty row for adding one) above the horizontal scrollbar, at most
    about 15 rows."""
    return min(38 + 35 * (rows + (1 if dynamic else 0)) + SCROLLBAR_PX, 565 + SCROLLBAR_PX)


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
        processed=digest(_delta(None)),  # the first, empty report of the new editor changes nothing
    )
    ss[state_key(key)] = es
    return es


def _delta(report: Any) -> dict[str, Any]:
    """The editor's report of the user's edits in one shape (it is missing before the first run)."""
    report = report or {}
    return {
        "edited_rows": report.get("edited_rows") or {},
        "added_rows": report.get("added_rows") or [],
        "deleted_rows": report.get("deleted_rows") or [],
    }


def rows_as_stored(adapter: Any, ctx: Ctx, es: EditorState, columns: Sequence[Col]) -> list[dict[str, Any] | None]:
    """For each row of the table as built, the same row built from the assessment as stored now (None
    where that row is gone), with every cell as the editor would give it back."""
    own = getattr(adapter, "stored_rows", None)
    if own is not None:
        rows: list[dict[str, Any] | None] = own(ctx, es.source, es.memory)
    else:  # fixed rows keyed by what they stand for (a dimension, a criterion id)
        now, keys = adapter.rows(ctx)
        by_key = dict(zip(keys, now, strict=True))
        rows = [by_key.get(key) for key in es.source]
    present = [r for r in rows if r is not None]
    cleaned = iter(_cleaned(_frame(present, columns).to_dict("records"), columns)) if present else iter(())
    return [next(cleaned) if r is not None else None for r in rows]


def _cleaned(records: list[dict[str, Any]], columns: Sequence[Col]) -> list[dict[str, Any]]:
    kinds = {c.field: c.kind for c in columns if not c.disabled}
    return [{name: clean_cell(value, kinds[name]) for name, value in r.items() if name in kinds} for r in records]


def shown_rows(
    es: EditorState, delta: dict, columns: Sequence[Col], stored: list[dict[str, Any] | None]
) -> list[tuple[int | None, RowValues]]:
    """The table as the user sees it (the rows it was built from, with the editor's delta on top),
    each row compared cell by cell with ``stored`` (the same row built from the assessment as stored
    now): (position in the built table or None for a new row, the stored row with the changed cells)."""
    out: list[tuple[int | None, RowValues]] = []
    for position, values in _edited_rows(es, delta, columns):
        current = stored[position] if position is not None and position < len(stored) else None
        if current is None:
            out.append((position, RowValues(values, set(values))))
            continue
        changed = {name for name, value in values.items() if not _same(value, current.get(name))}
        out.append((position, RowValues({**current, **{n: values[n] for n in changed}}, changed)))
    return out


def _same(shown: Any, stored: Any) -> bool:
    if isinstance(shown, float) or isinstance(stored, float):  # 9 and 9.0 are one number
        try:
            return float(shown) == float(stored)
        except (TypeError, ValueError):
            return False
    return bool(shown == stored)


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
            mapped.append(replace(issue_of(problem), field=match["field"], row=row))
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
