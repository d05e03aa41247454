"""Uw gegevens / Actueel houden: is each offer still right? One click says "nog steeds juist".

A partner sees its own organisation's offers; a redacteur or beheerder (and
local mode) sees every running offer, those not confirmed for over a year
first. The rule is :mod:`coalition_map.freshness`; the write is
``Service.confirm_offer`` (which checks the role again).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

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

# --- the relationship round (relatiemeting), answered in the app -------------------------

ITEM_LABELS = {"open_communication": "Open communicatie", "reliability": "Betrouwbaarheid",
               "shared_mission": "Gedeelde missie", "influence": "Invloed",
               "resources": "Middelen", "commitment": "Betrokkenheid"}
TIES = {"know": "Kennen elkaar", "work_together": "Werken samen", "refer": "Verwijzen"}

st.divider()
st.subheader("Relatiemeting invullen")
st.caption("Per andere partner: kent u elkaar, werkt u samen, verwijst u; en op een schaal van "
           "1 (laag) tot 4 (hoog) vertrouwen (open communicatie, betrouwbaarheid, gedeelde "
           "missie) en waarde (invloed, middelen, betrokkenheid), zoals de PARTNER-vragenlijst. "
           "Het gaat over organisaties, nooit over personen. Leeg laten mag.")
names = {p.id: p.name for p in coalition.partners}
if actor is not None and actor.role == "partner":
    respondent = actor.partner_id
    st.markdown(f"U antwoordt namens **{state.md(names.get(respondent, respondent))}**.")
else:
    respondent = st.selectbox("Namens partner", [p.id for p in coalition.partners if p.active],
                              format_func=lambda p: f"{names.get(p, p)} ({p})", key=P + "rm_wie",
                              index=None, placeholder="Kies de partner die antwoordt")
known_rounds = sorted({a.round for a in coalition.relationships})
round_name = st.text_input("Ronde", value=known_rounds[-1] if known_rounds else str(today.year),
                           key=P + "rm_ronde",
                           help="Een bestaande ronde vult u aan; een nieuwe naam begint een "
                                "nieuwe ronde.").strip()
if respondent and round_name and author:
    from coalition_map.model import RelationshipAnswer
    current = {a.partner: a for a in coalition.relationships
               if a.round == round_name and a.respondent == respondent}
    drawn_key = f"{P}rm_drawn_{round_name}_{respondent}"
    drawn = st.session_state.setdefault(drawn_key, list(current.values()))
    rows = []
    for p in coalition.partners:
        if not p.active or p.id == respondent:
            continue
        a = current.get(p.id) or RelationshipAnswer(round_name, respondent, p.id)
        rows.append({"id": p.id, "Partner": p.name,
                     **{label: getattr(a, code) for code, label in TIES.items()},
                     **{label: getattr(a, code) for code, label in ITEM_LABELS.items()}})
    frame = pd.DataFrame(rows)
    config = {"id": None, "Partner": st.column_config.TextColumn(disabled=True, pinned=True),
              **{label: st.column_config.CheckboxColumn(label) for label in TIES.values()},
              **{label: st.column_config.NumberColumn(label, min_value=1, max_value=4, step=1)
                 for label in ITEM_LABELS.values()}}
    edited = st.data_editor(frame, column_config=config, hide_index=True, width="stretch",
                            key=f"{P}rm_tabel_{round_name}_{respondent}")
    if st.button("Antwoorden opslaan", key=P + "rm_opslaan", type="primary"):
        answers = []
        for row in edited.to_dict("records"):
            ties = {code: bool(row[label]) for code, label in TIES.items()}
            scores = {code: (None if pd.isna(row[label]) else int(row[label]))
                      for code, label in ITEM_LABELS.items()}
            if any(ties.values()) or any(v is not None for v in scores.values()):
                answers.append(RelationshipAnswer(round_name, respondent, row["id"], today,
                                                  **ties, **scores))
        try:
            service.answer_round(round_name, respondent, answers, actor=author, drawn=drawn)
        except ServiceError as exc:
            st.session_state.pop(drawn_key, None)
            st.error(state.md_message(exc))
        else:
            st.session_state.pop(drawn_key, None)
            state.remember(P, "success", f"{len(answers)} antwoorden bewaard voor ronde "
                                         f"{state.md(round_name)}.")
            st.rerun()
