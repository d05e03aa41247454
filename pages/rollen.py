"""Rollen: who may do what once the app runs with login (beheerder only). See docs/login.md."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coalition_map import access
from coalition_map.access import ROLES, RoleEntry
from coalition_map.service import ServiceError
from coalition_map.ui import auth, sidebar, state

P = "rl_"

sidebar.render("pages/rollen.py", "Rollen")
st.title("Rollen")
state.show_remembered(P)
actor = auth.current_actor()
service = state.service()
coalition = state.coalition()

if actor is not None and not access.allowed(actor, access.MANAGE_ROLES):
    st.info("Alleen een beheerder kent rollen toe.")
    st.stop()
if actor is None:
    st.info("De app draait nu zonder inloggen (lokale modus). De rollen hieronder gelden "
            "zodra inloggen is ingesteld (zie 'Inloggen en rollen' in de README).")

st.markdown("\n".join(f"- **{label}**: {text}" for label, text in ROLES.values()))
st.caption("Wie niet in de tabel staat, krijgt de rol die het inlogsysteem meestuurt, en "
           "anders kijker.")
table = service.role_table()
partners = {p.id: p.name for p in coalition.partners}
if table:
    st.dataframe(pd.DataFrame([
        {"Inlognaam": login, "Naam": entry.name, "Rol": ROLES[entry.role][0],
         "Organisatie": partners.get(entry.partner_id, entry.partner_id)}
        for login, (entry, _version) in table.items()]), hide_index=True, width="stretch")
else:
    st.caption("De rollentabel is nog leeg.")

author = state.author()
st.subheader("Rol toekennen of wijzigen")
with st.form(P + "form", border=True):
    login = st.text_input("Inlognaam (e-mailadres of 'sub' van het inlogsysteem)")
    name = st.text_input("Naam (optioneel)")
    role = st.selectbox("Rol", list(ROLES), format_func=lambda r: ROLES[r][0], index=None,
                        placeholder="Kies een rol")
    partner = st.selectbox("Organisatie (alleen bij de rol partner)", list(partners),
                           format_func=lambda p: f"{partners[p]} ({p})", index=None,
                           placeholder="Kies een organisatie")
    if st.form_submit_button("Opslaan", disabled=not author, type="primary"):
        key = (login or "").strip().lower()
        current = table.get(key)
        try:
            if role is None:
                raise ServiceError("Niet opgeslagen: kies een rol.")
            service.set_role(RoleEntry(key, role, partner or "", name),
                             actor=author, expected_version=current[1] if current else 0)
        except ServiceError as exc:
            st.error(state.md_message(exc))
        else:
            state.remember(P, "success", f"{state.md(key)} heeft nu de rol "
                                         f"{ROLES[role][0].lower()}.")
            st.rerun()

if table:
    st.subheader("Rol intrekken")
    chosen = st.selectbox("Inlognaam", list(table), key=P + "weg", index=None,
                          placeholder="Kies een inlognaam")
    if st.button("Rol intrekken", key=P + "weg_knop", disabled=not (author and chosen)):
        try:
            service.remove_role(chosen, actor=author, expected_version=table[chosen][1])
        except ServiceError as exc:
            st.error(state.md_message(exc))
        else:
            state.remember(P, "success", f"De rol van {state.md(chosen)} is ingetrokken.")
            st.rerun()

log = service.role_log(limit=20)
if log:
    st.subheader("Laatste wijzigingen van rollen")
    st.dataframe(pd.DataFrame([
        {"Wanneer": state.local_time(c.at) if hasattr(state, "local_time")
         else f"{c.at:%d-%m-%Y %H:%M}", "Door": c.author, "Inlognaam": c.login,
         "Was": ROLES.get(c.old_role, ("-",))[0], "Wordt": ROLES.get(c.new_role, ("-",))[0]}
        for c in log]), hide_index=True, width="stretch")
