"""Wijzigingen: the latest changes, the history of one record, and undo."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coalition_map import access, schema
from coalition_map.service import ACTION_LABELS, ServiceError
from coalition_map.ui import auth, records, sidebar, state
from coalition_map.timefmt import shown

P = "wz_"

sidebar.render("pages/wijzigingen.py", "Wijzigingen")
st.title("Wijzigingen")
service = state.service()
coalition = state.coalition()
meeting = state.meeting_mode()

state.show_remembered(P)


NAMES = {"partners": {p.id: p.name for p in coalition.partners},
         "offers": {o.id: o.name for o in coalition.offers},
         "wijken": {w.code: w.name for w in coalition.wijken}}


def record_text(change) -> str:
    """The record's name where it has one, with its key."""
    key = change.key_label
    if change.kind == "referrals":
        names = NAMES["partners"]
        k = change.key
        return (f"{names.get(k.get('from_partner'), k.get('from_partner'))} → "
                f"{names.get(k.get('to_partner'), k.get('to_partner'))}")
    name = NAMES.get(change.kind, {}).get(key)
    if name is None and change.new:
        name = records.name_of(change.new)
    if not name and change.old:
        name = records.name_of(change.old)
    return name or key


def change_line(change) -> str:
    """One Dutch line with the record's name instead of its code (Amsterdam time)."""
    noun = (schema.FILES[change.kind].label.lower() if change.kind in schema.FILES
            else change.kind)
    text = (f"{shown(change.at)}, {change.author}: {noun} {record_text(change)} "
            f"{ACTION_LABELS.get(change.action, change.action)}")
    if change.effect == "update":
        text += ": " + "; ".join(f.describe() for f in change.fields)
    return text + (" [ongedaan gemaakt]" if change.undone else "")


def changes_frame(changes) -> pd.DataFrame:
    rows = [{"Nr": c.id,
             "Wanneer": shown(c.at),
             "Door": c.author,
             "Soort": schema.FILES[c.kind].label if c.kind in schema.FILES else c.kind,
             "Betreft": record_text(c),
             "Actie": ACTION_LABELS.get(c.action, c.action),
             "Wat": "; ".join(f.describe() for f in c.fields) if c.effect == "update" else "",
             "Ongedaan": "ja" if c.undone else ""} for c in changes]
    return pd.DataFrame(rows, columns=["Nr", "Wanneer", "Door", "Soort", "Betreft", "Actie",
                                       "Wat", "Ongedaan"])


with state.guard("de wijzigingen"):
    st.subheader("Laatste wijzigingen")
    limit = st.columns([1, 4])[0].selectbox("Aantal", [20, 50, 200], key=P + "aantal")
    latest = state.history(limit=limit)      # cached per data version
    if not latest:
        st.info("Nog geen wijzigingen.")
    else:
        st.dataframe(changes_frame(latest), hide_index=True, width="stretch",
                     column_config={"Wat": st.column_config.TextColumn(width="large")})

    st.subheader("Geschiedenis van één partner, aanbod, wijk of verwijsroute")
    c1, c2 = st.columns([1, 3])
    kind = c1.selectbox("Soort", list(records.EDITABLE_KINDS), key=P + "soort",
                        format_func=lambda k: schema.FILES[k].label)
    choices = state.record_choices(kind)     # key → (title, store key), cached
    if choices:
        chosen_key = c2.selectbox("Welke", list(choices), key=P + "record",
                                  format_func=lambda k: choices[k][0])
        history = state.history(kind, choices[chosen_key][1], limit=None)
        if history:
            st.dataframe(changes_frame(history), hide_index=True, width="stretch")
        else:
            st.caption("Hiervoor is nog niets vastgelegd.")
    else:
        st.caption("Hiervan is nog niets ingevoerd.")

    actor = auth.current_actor()          # None: local mode (all rights)
    imports = {} if meeting or (actor is not None and
                                not access.allowed(actor, access.UNDO_IMPORT)) else \
        state.open_imports(limit=20)
    author = state.author() if not meeting and (latest or imports) else None

    if not meeting and latest:
        st.subheader("Ongedaan maken")
        # options are change numbers (a widget deep-copies object options on every run)
        undoable = {c.id: c for c in latest if not c.undone
                    and (actor is None or access.may_edit_kind(actor, c.kind))}
        if undoable:
            change = undoable[st.selectbox(
                "Wijziging", list(undoable), key=P + "ongedaan",
                format_func=lambda i: f"{i}: {change_line(undoable[i])}")]
            if st.button("Deze wijziging ongedaan maken", disabled=not author,
                         key=P + "ongedaan_knop"):
                try:
                    done = service.undo(change.id, actor=author)
                except ServiceError as exc:
                    st.error(state.md_message(exc))
                else:
                    state.remember(
                        P, "success", f"Ongedaan gemaakt: {state.md(change_line(done))}")
                    st.rerun()

    if imports:
        st.subheader("Hele import ongedaan maken")
        st.caption("Een import (een ingelezen bestand of werkmap) is één stap: hier maakt u "
                   "al haar wijzigingen in één keer ongedaan, of niets als een gegeven daarna "
                   "nog is gewijzigd (dan ziet u welke latere wijzigingen eerst terug moeten).")
        chosen = imports[st.selectbox("Import", list(imports), key=P + "import",
                                      format_func=lambda i: f"{i}: {imports[i].describe()}")]
        sure = st.checkbox(f"Ja, maak alle {len(chosen.changes)} wijzigingen van deze import "
                           "ongedaan", key=P + "import_zeker")
        if st.button("Hele import ongedaan maken", disabled=not (author and sure),
                     key=P + "import_knop"):
            try:
                done = service.undo_changeset(chosen.id, actor=author)
            except ServiceError as exc:
                st.error(state.md_message(exc))
            else:
                state.remember(
                    P, "success", f"Import ongedaan gemaakt ({len(done.changes)} wijzigingen "
                                f"teruggedraaid): {state.md(chosen.note)}.")
                st.session_state.pop(P + "import_zeker", None)
                st.rerun()
