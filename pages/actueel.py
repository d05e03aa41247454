"""Uw gegevens / Actueel houden: is each offer still right? One click says "nog steeds juist".

A partner sees its own organisation's offers; a redacteur or beheerder (and
local mode) sees every running offer, those not confirmed for over a year
first. The rule is :mod:`coalition_map.freshness`; the write is
``Service.confirm_offer`` (which checks the role again).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from coalition_map import access
from coalition_map.freshness import confirmation_text, is_unconfirmed
from coalition_map.service import ServiceError
from coalition_map.ui import auth, sidebar, state

P = "ah_"
MAX_ROWS = 80

actor = auth.current_actor()
title = "Uw gegevens" if actor is not None and actor.role == "partner" else "Actueel houden"
sidebar.render("pages/actueel.py", title)
st.title(title)
state.show_remembered(P)
service = state.service()
coalition = state.coalition()
today = dt.date.today()

if actor is not None and actor.role == "partner":
    partner = next((p for p in coalition.partners if p.id == actor.partner_id), None)
    if partner is None:
        st.warning("Uw inlog is nog aan geen (bestaande) organisatie gekoppeld; vraag de "
                   "beheerder dat te doen.")
        st.stop()
    st.markdown(f"Het aanbod van **{state.md(partner.name)}** zoals het op de sociale kaart "
                "staat. Klopt het nog? Klik dan op *Nog steeds juist*. Wijzigen doet u onder "
                "Partners en aanbod.")
    offers = [o for o in coalition.offers if o.partner_id == partner.id]
else:
    st.markdown("Aanbod dat langer dan een jaar (of nooit) is bevestigd, staat bovenaan. "
                "Verouderde gegevens zijn de grootste klacht over sociale kaarten: vraag de "
                "partner het na te lopen, of bevestig het zelf als u het zeker weet.")
    offers = list(coalition.offers)

running = [o for o in offers if o.active and (o.end_date is None or o.end_date >= today)]
running.sort(key=lambda o: (not is_unconfirmed(o, today), o.confirmed_on or dt.date.min,
                            o.name.lower()))
stale = [o for o in running if is_unconfirmed(o, today)]
st.metric("Niet recent bevestigd", f"{len(stale)} van {len(running)}")
author = state.author(kinds=("offers",))
partners = {p.id: p.name for p in coalition.partners}

drawn = state.versions("offers")      # the versions this page showed (for the check)

for offer in running[:MAX_ROWS]:
    # the version the user saw: kept from the first drawing, so a change by someone
    # else in between is refused ("intussen gewijzigd"), not confirmed unseen
    seen_key = f"{P}v_{offer.id}"
    seen = st.session_state.setdefault(seen_key,
                                       drawn.get(service.key_json("offers", offer.id), 0))
    c1, c2, c3 = st.columns([5, 3, 2], vertical_alignment="center")
    c1.markdown(f"**{state.md(offer.name)}**  \n{state.md(partners.get(offer.partner_id, ''))}")
    text = confirmation_text(offer, today)
    (c2.warning if is_unconfirmed(offer, today) else c2.caption)(text)
    allowed = bool(author) and (actor is None or access.allowed(actor, access.CONFIRM,
                                                                "offers", offer))
    if c3.button("Nog steeds juist", key=f"{P}ok_{offer.id}", disabled=not allowed):
        try:
            service.confirm_offer(offer.id, actor=author, expected_version=seen, today=today)
        except ServiceError as exc:
            st.session_state.pop(seen_key, None)      # the next drawing shows the new state
            st.error(state.md_message(exc))
        else:
            st.session_state.pop(seen_key, None)
            state.remember(P, "success", f"Bevestigd: {state.md(offer.name)} "
                                         f"({today:%d-%m-%Y}).")
            st.rerun()
if len(running) > MAX_ROWS:
    st.caption(f"De eerste {MAX_ROWS} van {len(running)} getoond (oudste bevestiging eerst).")
