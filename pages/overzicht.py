"""Overzicht: the coalition at a glance, each figure linking to the page that explains it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coalition_map import stappenplan
from coalition_map.freshness import confirmation_text, unconfirmed_offers
from coalition_map.ui import meeting, sidebar, state, tables
from coalition_map.ui.style import legend_html

PAGE = "pages/overzicht.py"
P = "ov_"

sidebar.render(PAGE, "Overzicht")
meeting.apply_pending(PAGE)
state.keep_widgets(P)

coalition = state.coalition()
st.title("Overzicht")
if coalition.is_example:
    st.info("U kijkt naar **voorbeelddata** van een fictieve gemeente. Vervang ze via "
            "Partners en aanbod door de gegevens van uw eigen coalitie.")

with state.guard("het overzicht"):
    mix, custom = state.mix_choice(P)
    analysis = state.analysis(mix, custom)
    counts = tables.state_counts(analysis.cells)
    total = len(analysis.cells)
    not_reached = counts["uncovered"] + counts["unreachable"]
    critical = analysis.fragility.critical_partners() if analysis.fragility else []
    only_gaps = st.session_state.get(P + "alleen_gaten", False)

    if not only_gaps:
        active_partners = sum(1 for p in coalition.partners if p.active)
        running = sum(1 for state_ in analysis.engine.index.offer_states.values()
                      if state_ == "current")
        c1, c2, c3 = st.columns(3)
        c4, c5, c6 = st.columns(3)
        c1.metric("Partners", active_partners,
                  help=f"Actieve partners; {len(coalition.partners) - active_partners} inactief.")
        state.link("pages/netwerk.py", "Netwerk bekijken", ":material/hub:", c1)
        c2.metric("Aanbod dat loopt", running,
                  help=f"Van {len(coalition.offers)} aanbod in totaal; de rest is inactief, "
                       "afgelopen of zonder capaciteit.")
        state.link("pages/partners_aanbod.py", "Aanbod bekijken", ":material/edit_note:", c2)
        c3.metric("Wijken", len(coalition.wijken))
        state.link("pages/dekking.py", "Dekking per wijk", ":material/grid_on:", c3)
        c4.metric("Cellen niet gedekt of niet bereikbaar", f"{not_reached} van {total}",
                  help="Cellen wijk × profiel zonder passend aanbod, of met aanbod dat "
                       "niemand bereikt.")
        state.link("pages/dekking.py", "Welke cellen?", ":material/grid_on:", c4)
        c5.metric("Conflicten met de typologie", len(analysis.conflicts))
        c5.caption("Zie hieronder")
        c6.metric("Partners die veel alleen dragen", len(critical),
                  help="Partners zonder wie minstens één cel niet meer gedekt of bereikbaar is.")
        state.link("pages/dekking.py", "Wat als een partner stopt?", ":material/warning:", c6)

        st.markdown("**Dekking van alle cellen wijk × profiel**")
        st.html(legend_html())
        cols = st.columns(4)
        for col, code in zip(cols, ("covered", "partial", "uncovered", "unreachable")):
            from coalition_map.ui.style import STATUSES
            col.metric(f"{STATUSES[code].glyph} {STATUSES[code].label}", counts[code])

    st.subheader("Grootste gaten")
    st.caption(f"Gerangschikt naar geschatte onvervulde behoefte (ernstig eenzame inwoners × "
               f"{analysis.mix.label}). Een schatting, geen telling. Acties: of het stappenplan al "
               "een actie voor het gat heeft (aantal); maak er een aan op Dekking per wijk.")
    limit = 10 if not only_gaps else 15
    gaps = tables.gaps_frame(analysis.gaps, coalition, limit=limit,
                             actions_by_gap=stappenplan.gaps_with_actions(state.plan()))
    if gaps.empty:
        st.success("Geen gaten: elk profiel is in elke wijk gedekt en bereikbaar.")
    else:
        if state.meeting_mode():   # an HTML table grows with the meeting type size
            st.table(state.md_frame(gaps.set_index("Wijk")))
        else:
            st.dataframe(gaps, hide_index=True, width="stretch",
                         column_config={"Waarom": st.column_config.TextColumn(width="large")})
    state.link("pages/dekking.py", "Naar de heatmap en de uitleg per cel", ":material/grid_on:")

    if not only_gaps:
        left, right = st.columns(2)
        with left:
            st.subheader("Partners die veel alleen dragen")
            frame = tables.fragility_frame(analysis.fragility, coalition, limit=10)
            if frame.empty:
                st.success("Geen partner draagt cellen alleen.")
            else:
                st.dataframe(frame, hide_index=True, width="stretch")
            state.link("pages/dekking.py", "Wat als een partner stopt? (Dekking per wijk)",
                       ":material/warning:")
        with right:
            st.subheader("Makelaars in het verwijsnetwerk")
            frame = tables.brokers_frame(analysis.brokers, coalition)
            if frame.empty:
                st.info("Geen partner verbindt delen van het netwerk die anders los staan.")
            else:
                st.dataframe(frame.head(10), hide_index=True, width="stretch")
            state.link("pages/netwerk.py", "Naar het netwerk", ":material/hub:")

        st.subheader("Conflicten met de typologie")
        if analysis.conflicts:
            st.caption("Aanbod dat een profiel noemt waarvoor het volgens de typologie niet "
                       "geschikt is. Het telt voor dat profiel niet mee.")
            st.dataframe(tables.conflicts_frame(analysis.conflicts, coalition), hide_index=True,
                         width="stretch")
        else:
            st.success("Geen conflicten: geen aanbod noemt een profiel waarvoor het niet past.")

        with st.expander("Tegenstrijdigheden in de bronnen zelf (referentiepalet)"):
            st.caption("De tabel van BVWO/Zet (2012) koppelt sommige interventies aan profielen "
                       "waarvoor de typologie van Machielse (000, 001) ze uitsluit, bijvoorbeeld "
                       "vrijwilligersprojecten aan Compenseerders en Buitenstaanders. De app "
                       "volgt de regels van de typologie en laat de tegenspraak hier zien.")
            st.dataframe(tables.palette_conflicts_frame(), hide_index=True, width="stretch")

        st.subheader("Actueel")
        stale = unconfirmed_offers(coalition.offers)
        names = {p.id: p.name for p in coalition.partners}
        if stale:
            st.warning(f"{len(stale)} aanbod is langer dan een jaar (of nooit) door de partner "
                       "bevestigd. Verouderde gegevens op de sociale kaart sturen mensen de "
                       "verkeerde kant op.")
            st.dataframe(pd.DataFrame([
                {"Aanbod": o.name, "Partner": names.get(o.partner_id, o.partner_id),
                 "Bevestigd": confirmation_text(o)} for o in stale[:15]]),
                hide_index=True, width="stretch")
            state.link("pages/actueel.py", "Naar Actueel houden", ":material/fact_check:")
        else:
            st.success("Al het lopende aanbod is het afgelopen jaar door de partners bevestigd.")
