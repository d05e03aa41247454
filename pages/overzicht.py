"""Overzicht: the coalition at a glance, each figure linking to the page that explains it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coalition_map import stappenplan
from coalition_map.freshness import confirmation_text, unconfirmed_offers
from coalition_map.typology import PROFILES
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
    st.caption("U kijkt naar **voorbeelddata** van een fictieve gemeente. Vervang ze via "
               "Partners en aanbod door de gegevens van uw eigen coalitie.")

def wijk_map_section() -> None:
    """The wijken on a map: open cells per wijk, or one profile's state; a click opens
    the wijk's cells on Dekking per wijk."""
    st.subheader("Kaart van de wijken")
    choices = ["open"] + list(PROFILES)
    colour = st.selectbox(
        "Kleur de wijken naar", choices, key=P + "kaart_kleur",
        format_func=lambda c: "aantal open cellen (niet of deels gedekt, niet bereikbaar)"
        if c == "open" else f"dekking van profiel {PROFILES[c].name}")
    located = sum(1 for p in coalition.partners
                  if p.active and p.latitude is not None and p.longitude is not None)
    points = bool(located) and st.checkbox(
        f"Partners als punten ({located} met coördinaten)", key=P + "kaart_partners",
        help="Coördinaten komen uit een postcodetabel die u zelf levert "
             "(coalition-map coordinaten); er wordt niets online opgezocht.")
    width = 1400 if state.meeting_mode() else 800
    svg = state.wijk_map(mix, custom, None if colour == "open" else colour, width, points)
    if not svg:
        st.info("Er zijn nog geen wijkgrenzen. Zet een bestand wijken.geojson (bijv. de "
                "CBS wijk- en buurtkaart, zie de handleiding) naast wijken.csv en importeer "
                "de map.")
        return
    with st.container(key="wijkkaart"):
        st.markdown(svg, unsafe_allow_html=True)
    have = {b.code for b in coalition.boundaries}
    without = [w.name for w in coalition.wijken if w.code not in have]
    st.caption("Klik op een wijk voor haar cellen op Dekking per wijk; wijs een wijk aan "
               "voor naam en cijfers. Elk vlak draagt zijn getal of teken, dus de kaart is "
               "ook in grijstinten te lezen."
               + (f" Zonder grens (niet op de kaart): {', '.join(state.md(n) for n in without)}."
                  if without
                  else ""))


with state.guard("het overzicht"):
    # The first screen answers "where are our gaps"; the profile mix is a setting below.
    first = st.container()
    rest = st.container()
    top_gaps = st.container()
    settings = st.expander("Instellingen: verdeling over de profielen (schatting van aantallen)")
    mix, custom = state.mix_choice(P, settings)
    analysis = state.analysis(mix, custom)
    gap_count = analysis.gap_count()
    critical = analysis.fragility.critical_partners() if analysis.fragility else []
    only_gaps = st.session_state.get(P + "alleen_gaten", False)
    if st.session_state.get(P + "alleen_kaart", False):     # a meeting view: the map alone
        wijk_map_section()
        st.stop()

    with first:
        st.markdown(f"### Waar zitten onze gaten? {gap_count.gaps} van {gap_count.cells} cellen")
        definition = (f"Een gat is een cel wijk × profiel die niet helemaal gedekt is: "
                      f"{gap_count.text()}. Per wijk staat het aantal gaten naast de naam.")
        if not state.meeting_mode():    # in meeting type it goes below, so ten wijken fit 768 px
            st.caption(definition)
        from coalition_map.stappenplan import gaps_with_actions
        from coalition_map.ui.heatmap import heatmap_html
        marked = tables.gaps_with_action_cells(analysis.cells, gaps_with_actions(state.plan()))
        st.html(legend_html(with_action_mark=True, glyph_only=True) +
                heatmap_html(analysis.cells, coalition, analysis.gaps_per_wijk(), marked,
                             large=state.meeting_mode()))
        if state.meeting_mode():
            st.caption(definition)
        state.link("pages/dekking.py", "Uitleg per cel (Dekking per wijk)", ":material/grid_on:")

    if not only_gaps:
        with rest:
            active_partners = sum(1 for p in coalition.partners if p.active)
            running = sum(1 for state_ in analysis.engine.index.offer_states.values()
                          if state_ == "current")
            c1, c2, c3, c4, c5 = st.columns(5)
            c1.metric("Partners", active_partners,
                      help=f"Actieve partners; {len(coalition.partners) - active_partners} "
                           "inactief.")
            state.link("pages/netwerk.py", "Netwerk", ":material/hub:", c1)
            c2.metric("Aanbod dat loopt", running,
                      help=f"Van {len(coalition.offers)} aanbod in totaal; de rest is inactief, "
                           "afgelopen of zonder capaciteit.")
            state.link("pages/partners_aanbod.py", "Aanbod", ":material/edit_note:", c2)
            c3.metric("Gaten", f"{gap_count.gaps} van {gap_count.cells}",
                      help="Cellen wijk × profiel die niet helemaal gedekt zijn: "
                           f"{gap_count.text()}.")
            state.link("pages/dekking.py", "Welke cellen?", ":material/grid_on:", c3)
            c4.metric("Conflicten met de typologie", len(analysis.conflicts))
            c4.caption("Zie hieronder")
            c5.metric("Partners die veel alleen dragen", len(critical),
                      help="Partners zonder wie minstens één cel slechter wordt.")
            state.link("pages/dekking.py", "Wat als een partner stopt?", ":material/warning:",
                       c5)
            wijk_map_section()

    with top_gaps:
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
                             column_config=tables.pinned("Wijk", "Profiel"))
        state.link("pages/dekking.py", "Naar de heatmap en de uitleg per cel", ":material/grid_on:")

        if not only_gaps:
            left, right = st.columns(2)
            with left:
                st.subheader("Partners die veel alleen dragen")
                frame = tables.fragility_frame(analysis.fragility, coalition, limit=10)
                if frame.empty:
                    st.success("Geen partner draagt cellen alleen.")
                else:
                    st.dataframe(frame, hide_index=True, width="stretch",
                                 column_config=tables.pinned("Partner"))
                state.link("pages/dekking.py", "Wat als een partner stopt? (Dekking per wijk)",
                           ":material/warning:")
            with right:
                st.subheader("Makelaars in het verwijsnetwerk")
                frame = tables.brokers_frame(analysis.brokers, coalition)
                if frame.empty:
                    st.info("Geen partner verbindt delen van het netwerk die anders los staan.")
                else:
                    st.dataframe(frame.head(10), hide_index=True, width="stretch",
                                 column_config=tables.pinned("Partner"))
                state.link("pages/netwerk.py", "Naar het netwerk", ":material/hub:")

            st.subheader("Conflicten met de typologie")
            if analysis.conflicts:
                st.caption("Aanbod dat een profiel noemt waarvoor het volgens de typologie niet "
                           "geschikt is. Het telt voor dat profiel niet mee.")
                st.dataframe(tables.conflicts_frame(analysis.conflicts, coalition), hide_index=True,
                             width="stretch", column_config=tables.pinned("Aanbod"))
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
