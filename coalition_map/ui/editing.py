"""Forms that edit a stored record without overwriting anyone's change.

A form edits the record *as it was when the form was first drawn*:
:func:`start` reads it (with its version) once and keeps it in the session
until the form is saved or reloaded. :func:`save` hands that version to the
store, which refuses the save when someone else saved in between, with the
Dutch "intussen gewijzigd door … (op …)"; the page then offers to reload.
A form without a remembered version gets a refusal too, never a silent save:
the decision is the service's (:meth:`coalition_map.service.Service.save`), this
module only keeps the version and shows the outcome.

Each form has an id (``form``); its widget keys start with ``form + "_"``
(or the ``widgets`` prefix given), so that reloading can drop them.

Typical use on a page::

    base, _version = editing.start(form, "plan_steps", 3, default=PlanStep(3))
    editing.notice(form, "plan_steps", 3)
    with st.form(form):
        notes = st.text_area("Notities", value=base.notes, key=form + "_notities")
        if st.form_submit_button("Opslaan"):
            if editing.save(form, "plan_steps", replace(base, notes=notes), author=author):
                st.rerun()
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ..service import ServiceError, StaleRecordError
from . import state

#: Session key prefix under which a form keeps the (record, version) it started from.
BASE = "_basis_"


def _slot(form: str) -> str:
    return BASE + form


def _warned(form: str) -> str:
    """Session key: the notice (with its reload button) is on the page in this run."""
    return "_gewaarschuwd_" + form


def start(form: str, kind: str, key=None, *, default=None) -> tuple[Any, int]:
    """``(record, version)`` the form edits: as stored when the form was first drawn.

    Read once and kept in the session until :func:`forget` (after a save, or
    when the user reloads). A record that does not exist yet gives
    ``(default, 0)``, also when ``key`` is None (a new record whose key the
    user still has to type); the one-row kinds give the stored record or the
    model's default with version 0.
    """
    slot = _slot(form)
    if slot not in st.session_state:
        st.session_state[slot] = _stored(kind, key, default)
    return st.session_state[slot]


def _stored(kind: str, key, default) -> tuple[Any, int]:
    single = not state.service().has_key(kind)
    if key is None and not single:
        return default, 0
    try:
        obj, version = state.service().get(kind, key)
    except KeyError:
        return default, 0
    return (default if version == 0 and default is not None else obj), version


def seen_version(form: str) -> int | None:
    """The version the form started from; None when it has none (the store refuses then)."""
    base = st.session_state.get(_slot(form))
    return None if base is None else base[1]


def forget(form: str, widgets: str | None = None) -> None:
    """Drop what the form remembered: its version and its field values (reload)."""
    prefix = form + "_" if widgets is None else widgets
    for name in list(st.session_state.keys()):
        if isinstance(name, str) and (name in (_slot(form), _warned(form))
                                      or name.startswith(prefix)):
            del st.session_state[name]


def reload_button(form: str, widgets: str | None = None, *, suffix: str = "herladen") -> None:
    """The button that reloads the form from the store (its unsaved input is dropped)."""
    st.button("Gegevens opnieuw laden", key=f"_{form}_{suffix}", on_click=forget,
              args=(form, widgets),
              help="Haalt de opgeslagen stand op; wat u in dit formulier nog niet had "
                   "opgeslagen, gaat verloren.")


def notice(form: str, kind: str, key=None, widgets: str | None = None) -> bool:
    """Warn, with a reload button, when the record changed since the form started.

    True when it did (a save would be refused). Nothing is shown for a new
    record whose key is not known yet.
    """
    st.session_state[_warned(form)] = False
    if key is None and state.service().has_key(kind):
        return False
    _obj, version = start(form, kind, key)
    current = state.versions(kind).get(state.service().key_json(kind, key), 0)
    if current == version:
        return False
    st.session_state[_warned(form)] = True
    last = state.service().history(kind, key, limit=1)
    who = ""
    if last:
        who = f" door {last[0].author} (op {last[0].at:%d-%m-%Y %H:%M} UTC)"
    what = "aangemaakt" if version == 0 else ("verwijderd" if current == 0 else "gewijzigd")
    state.say("warning", f"Dit is intussen {what}{who}. Opslaan wordt geweigerd zolang dit "
              "formulier van de oude stand uitgaat: laad de gegevens opnieuw en breng uw "
              "wijziging daarna opnieuw aan.")
    reload_button(form, widgets)
    return True


def save(form: str, kind: str, obj, *, author: str, widgets: str | None = None) -> bool:
    """Save ``obj`` against the version the form started from; True when saved.

    A refusal (someone else changed it meanwhile, or a check failed) is
    shown in Dutch on the page, with a reload button for a conflict; the
    form keeps its input. After a save the form forgets its version and
    values, so it is drawn from the stored record again.
    """
    try:
        state.service().save(kind, obj, actor=author, expected_version=seen_version(form))
    except StaleRecordError as exc:
        state.say("error", str(exc))
        if not st.session_state.get(_warned(form)):    # else the notice has the button
            reload_button(form, widgets, suffix="herladen_na_weigering")
        return False
    except ServiceError as exc:
        state.say("error", str(exc))
        return False
    forget(form, widgets)
    return True
