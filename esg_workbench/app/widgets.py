"""Shared components: empty states, sub-view switches, the option picker, form fields bound to a path
of the open assessment that store every change at once and show their problem right under the field,
and the one place that locks every control that would change the assessment for a viewer (team mode)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from typing import Any, ParamSpec

import streamlit as st
from pydantic import BaseModel, ValidationError

from ..domain import Assessment
from . import state
from .display import option_name
from .editing import Issue, issues_from_validation_error
from .i18n import LANGUAGE_NAMES, LANGUAGES, current_language, t
from .literal import md
from .navigation import goto, view_key
from .problem_text import issue_of, issue_text
from .table_editor import Ctx

P = ParamSpec("P")
ISSUES = "field.issues"


def show_notice() -> None:
    notice = state.pop_notice()
    if notice:
        kind, text = notice
        getattr(st, kind, st.info)(md(text))


def empty_state(title_key: str, body_key: str, icon: str = ":material/inbox:") -> None:
    with st.container(border=True):
        st.markdown(f"#### {t(title_key)}")
        st.caption(t(body_key))


def require_assessment() -> Assessment | None:
    """The open assessment (with a read-only banner for a viewer), or an empty state that leads to the
    assessment list."""
    assessment = state.current()
    if assessment is None:
        show_notice()  # e.g. why the assessment was closed (access removed meanwhile)
        empty_state("empty.no_assessment.title", "empty.no_assessment.body")
        if st.button(t("empty.no_assessment.action"), icon=":material/folder_open:", key="empty.go_list"):
            goto("assessments")
    elif state.read_only():
        st.info(t("state.read_only_banner"), icon=":material/visibility:")
    return assessment


def view_switch(page_id: str, options: Sequence[tuple[str, str, str]]) -> str:
    """A row of sub-view buttons; the choice survives page switches. options: (id, label key, icon)."""
    ss = st.session_state
    persist, widget = view_key(page_id), view_key(page_id) + ".w"
    ids = [o[0] for o in options]
    if ss.get(persist) not in ids:  # first time in this session: the URL says which view (a refresh)
        ss[persist] = st.query_params.get("view") if st.query_params.get("view") in ids else ids[0]
    if ss.get(widget) not in ids:
        ss[widget] = ss[persist]
    labels = {o[0]: f"{o[2]} {t(o[1])}" for o in options}
    choice = st.segmented_control(
        t("common.view"), ids, format_func=labels.__getitem__, key=widget, label_visibility="collapsed"
    )
    ss[persist] = choice or ss[persist]
    if st.query_params.get("view") != ss[persist]:
        st.query_params["view"] = ss[persist]
    return ss[persist]


def pick_option(ctx: Ctx, key: str, label: str = "scenarios.pick_option") -> str | None:
    """A drop-down of the options by name; the choice is kept while the page is used."""
    options = ctx.assessment.options
    if not options:
        st.info(t("scenarios.no_options"), icon=":material/info:")
        return None
    ids = [o.id for o in options]
    names = {o.id: option_name(o, ctx.framework, ctx.lang) for o in options}
    widget = f"{key}.w"
    if st.session_state.get(widget) not in ids:
        st.session_state[widget] = st.session_state.get(key) if st.session_state.get(key) in ids else ids[0]
    choice = st.selectbox(t(label), ids, key=widget, format_func=names.__getitem__)
    st.session_state[key] = choice
    return choice


# --- read-only screens ----------------------------------------------------------------------------
# A viewer sees every control that would change the open assessment disabled (or, for a section that
# only adds or imports, not at all). The store refuses their saves as well; this is the first line.


def language_choice(label: str, *, key: str) -> str:
    """The language of a document to download (workbook, report): the screen's language to begin with."""
    return st.radio(
        t(label),
        LANGUAGES,
        index=LANGUAGES.index(current_language()),
        horizontal=True,
        key=key,
        format_func=LANGUAGE_NAMES.__getitem__,
    )


def locked(*also: bool) -> bool:
    """Whether an editing control must be disabled: for a viewer, or when any of ``also`` holds."""
    return any(also) or state.read_only()


def action_button(label: str, *, key: str, disabled: bool = False, help: str | None = None, **kwargs: Any) -> bool:
    """A button that changes the open assessment (add, apply, accept): disabled for a viewer, whose
    tooltip then says why."""
    viewer = state.read_only()
    return st.button(
        label,
        key=key,
        disabled=disabled or viewer,
        help=t("readonly.action_help") if viewer else help,
        **kwargs,
    )


def editors_only(note: str | None = None) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """For a section that only changes the open assessment (a quick-add form, an import into it): a
    viewer gets the caption ``note`` (a locale key) in its place, or nothing."""

    def decorate(render: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(render)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
            if not state.read_only():
                render(*args, **kwargs)
            elif note:
                st.caption(t(note))

        return wrapper

    return decorate


# --- fields bound to the open assessment ----------------------------------------------------------


def get_path(model: BaseModel | None, path: str) -> Any:
    for part in path.split("."):
        if model is None:
            return None
        model = getattr(model, part)
    return model


def with_value(model: BaseModel, path: str, value: Any) -> BaseModel:
    """A copy of ``model`` with the value at ``path`` replaced; ValidationError if it is not allowed."""
    head, _, rest = path.partition(".")
    copy = model.model_copy()
    if rest:
        setattr(copy, head, with_value(getattr(model, head), rest, value))
    else:
        setattr(copy, head, value)
    return copy


def _issues() -> dict[str, list[Issue]]:
    return st.session_state.setdefault(ISSUES, {})


def set_issues(path: str, issues: list[Issue]) -> None:
    if issues:
        _issues()[path] = issues
    else:
        _issues().pop(path, None)


def field_issues(path: str) -> None:
    """The problems of the last edit of ``path``, right under its field."""
    lang = current_language()
    for issue in _issues().get(path, []):
        st.error(md(issue_text(issue, lang)), icon=":material/error:")


def commit_value(path: str, value: Any) -> bool:
    """Store ``value`` at ``path`` as a new revision; remember the problem when it cannot be stored."""
    try:
        candidate = with_value(state.require(), path, value)
    except ValidationError as exc:
        set_issues(path, [Issue(path, i.message, i.code, i.params) for i in issues_from_validation_error(exc)])
        return False
    result = state.commit(candidate, message=f"edit {path}")
    set_issues(path, [issue_of(p) for p in result.problems])
    return result.saved


def _on_change(path: str, key: str, convert: Callable[[Any], Any]) -> None:
    commit_value(path, convert(st.session_state[key]))


def _bound_key(path: str) -> str:
    key = state.wkey(f"field.{path}")
    if key not in st.session_state:
        _issues().pop(path, None)  # a fresh widget shows the stored value, so no stale problem
    return key


def _text_value(raw: Any) -> str:
    return "" if raw is None else str(raw)


def text_field(
    path: str,
    label: str,
    *,
    area: bool = False,
    help: str | None = None,
    optional_none: bool = False,
    height: int | None = None,
    placeholder: str | None = None,
) -> None:
    """A text input bound to ``path``; ``optional_none`` stores an empty text as None."""
    key = _bound_key(path)
    if key not in st.session_state:
        st.session_state[key] = _text_value(get_path(state.current(), path))

    def convert(raw: Any) -> Any:
        text = _text_value(raw)
        return None if optional_none and not text.strip() else text

    widget = st.text_area if area else st.text_input
    extra = {"height": height} if area and height else {}
    widget(
        t(label),
        key=key,
        help=t(help) if help else None,
        on_change=_on_change,
        args=(path, key, convert),
        placeholder=placeholder,
        disabled=locked(),
        **extra,
    )
    field_issues(path)


def select_field(
    path: str,
    label: str,
    options: Sequence[Any],
    fmt: Callable[[Any], str],
    *,
    allow_none: bool = False,
    help: str | None = None,
) -> None:
    key = _bound_key(path)
    choices = ([None] if allow_none else []) + list(options)
    if key not in st.session_state:
        value = get_path(state.current(), path)
        value = value.value if isinstance(value, Enum) else value  # plain ids, so the widget keeps no enum type
        st.session_state[key] = value if value in choices else (None if allow_none else choices[0] if choices else None)

    def label_of(value: Any) -> str:
        return t("common.not_set") if value is None else fmt(value)

    st.selectbox(
        t(label),
        choices,
        key=key,
        format_func=label_of,
        help=t(help) if help else None,
        on_change=_on_change,
        args=(path, key, lambda v: v),
        disabled=locked(),
        # Streamlit shows an unset value as no selection, with its own English "Choose an option"
        placeholder=t("common.not_set"),
    )
    field_issues(path)


def number_field(
    path: str,
    label: str,
    *,
    min_value: float | None = None,
    max_value: float | None = None,
    step: float | int | None = None,
    integer: bool = False,
    allow_none: bool = True,
    help: str | None = None,
    fmt: str | None = None,
) -> None:
    key = _bound_key(path)
    if key not in st.session_state:
        value = get_path(state.current(), path)
        st.session_state[key] = (int(value) if integer else float(value)) if value is not None else None

    def convert(raw: Any) -> Any:
        if raw is None:
            return None
        return int(raw) if integer else float(raw)

    st.number_input(
        t(label),
        key=key,
        min_value=min_value,
        max_value=max_value,
        step=step if step is not None else (1 if integer else None),
        format=fmt,
        help=t(help) if help else None,
        on_change=_on_change,
        args=(path, key, convert),
        disabled=locked(),
    )
    field_issues(path)


def date_field(path: str, label: str, *, help: str | None = None) -> None:
    key = _bound_key(path)
    if key not in st.session_state:
        st.session_state[key] = get_path(state.current(), path)
    st.date_input(
        t(label),
        key=key,
        help=t(help) if help else None,
        on_change=_on_change,
        args=(path, key, _as_date),
        disabled=locked(),
    )
    field_issues(path)


def _as_date(raw: Any) -> date | None:
    return raw if isinstance(raw, date) or raw is None else None
