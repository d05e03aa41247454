"""Dekking per wijk: heatmap wijk × profiel, cell details, chain, fragility and what-if."""

from __future__ import annotations

import streamlit as st

from coalition_map import stappenplan
from coalition_map.analysis import summarize_changes
from coalition_map.analysis.priority import people_range
from coalition_map.model import ALL, Offer
from coalition_map.service import ServiceError
from coalition_map.sources import line_ref, readable
from coalition_map.states import rank
from coalition_map.typology import INTERVENTION_TYPES, PROFILES
from coalition_map.ui import meeting, sidebar, state, tables
from coalition_map.ui.heatmap import heatmap_html
from coalition_map.ui.style import (ACTION_MARK, ACTION_MARK_EXPLANATION, STATUSES,
                                    display_status, legend_html, status_text)
from coalition_map.vocab import DELIVERY, EVIDENCE, OFFER_KINDS

PAGE = "pages/dekking.py"
P = "dek_"
PLANNED = "_dek_gepland"      # planned offers of the what-if panel (not saved)
CREATED = "_dek_actie_gemaakt"  # title of the action just created from a gap (shown once)



def reset_what_if() -> None:
    st.session_state[P + "wi_partners"] = []
    st.session_state[P + "wi_aanbod"] = []
    st.session_state[PLANNED] = []


def what_if_inputs():
    """The what-if choices (read before the heatmap is drawn, so that it shows the effect):
    ``(planned offers, partners that stop, offers that stop, on, changed cells)``."""
    planned: list[Offer] = st.session_state.setdefault(PLANNED, [])
    remove_partners = st.session_state.get(P + "wi_partners", []) or []
    remove_offers = st.session_state.get(P + "wi_aanbod", []) or []
    whatif_on = bool(remove_partners or remove_offers or planned)
    changes = state.what_if(remove_partners, remove_offers, planned) if whatif_on else []
    return planned, remove_partners, remove_offers, whatif_on, changes


def heatmap_section(planned, remove_partners, remove_offers, whatif_on, changes) -> None:
    """The heatmap wijk × profiel (after the what-if when it is on); a click picks a cell."""
    if whatif_on:
        st.warning(f"**Wat-als** staat aan: de heatmap en de uitleg per cel tonen de situatie "
                   f"ná de wijziging ({summary.text()}; veranderde cellen omlijnd, met “was” en "
                   "de dekking van nu). Niets is opgeslagen.")
    else:
        st.markdown(f"**{gap_count.gaps} gaten van {gap_count.cells} cellen** "
                    f"({gap_count.text()})")
    if state.meeting_mode():
        # Meeting type: the compact heatmap of the Overzicht (glyphs, every profile column
        # within 1366 px); a what-if shows "✗ was ◐" in outlined cells.
        analysis = state.analysis()
        marked = tables.gaps_with_action_cells(analysis.cells,
                                               stappenplan.gaps_with_actions(state.plan()))
        st.html(legend_html(with_action_mark=True, glyph_only=True)
                + heatmap_html(analysis.cells, state.coalition(), analysis.gaps_per_wijk(),
                               marked, large=True, changes=changes))
        event = None
    else:
        st.html(legend_html(with_action_mark=True))
        frame, styler = state.heatmap((tuple(remove_partners), tuple(remove_offers),
                                       tuple(planned)), changes)
        event = st.dataframe(styler, width="stretch",
                             height=38 + 35 * len(frame), on_select="rerun",
                             selection_mode="single-cell", key="dekx_heatmap")
    st.caption(("Kies hieronder een wijk en profiel voor de uitleg. " if state.meeting_mode()
                else "Klik op een cel voor de uitleg, of kies hieronder een wijk en profiel. ")
               + " · ".join(f"{status_text(code)}: {s.explanation.lower()}"
                            for code, s in STATUSES.items())
               + f" · {ACTION_MARK}: {ACTION_MARK_EXPLANATION}.")
    cells_sel = getattr(getattr(event, "selection", None), "cells", None) or []
    if cells_sel:
        row, col = cells_sel[0]
        picked = (wijk_codes[row] if isinstance(row, int) and row < len(wijk_codes) else None,
                  next((c for c in profile_codes if PROFILES[c].name == col), None))
        if all(picked) and st.session_state.get("_dek_laatste_klik") != picked:
            st.session_state["_dek_laatste_klik"] = picked
            st.session_state[P + "wijk"], st.session_state[P + "profiel"] = picked


def gap_actions(wijk: str, profile: str, cell, code: str) -> None:
    """The stappenplan's actions for this gap, and the button that creates one."""
    if code in stappenplan.GAP_STATUSES:
        st.markdown("**Acties voor dit gat**")
        created = st.session_state.pop(CREATED, None)
        if created:
            st.success(f"Actie aangemaakt: “{state.md(created)}”. U vindt haar in het stappenplan "
                       "(stap 5), waar u trekker en deadline kunt aanpassen.")
            state.link("pages/stappenplan.py", "Naar het stappenplan", ":material/checklist:")
        existing = stappenplan.gaps_with_actions(state.plan()).get((wijk, profile), [])
        if existing and state.meeting_mode():
            st.table(state.md_frame(tables.gap_actions_frame(existing, coalition)
                                    .set_index("Actie")))
        elif existing:
            st.dataframe(tables.gap_actions_frame(existing, coalition), hide_index=True,
                         width="stretch")
        else:
            st.caption("Er is nog geen actie voor dit gat.")
        if not state.meeting_mode():
            author = state.author(st.columns([2, 3])[0], kinds=("actions",))
            label = ("Nog een actie aanmaken voor dit gat" if existing
                     else "Actie aanmaken voor dit gat")
            if st.button(label, key="_dek_actie_maken", disabled=not author,
                         help="Maakt in het stappenplan een actie aan met deze wijk en dit "
                              "profiel, een voorgestelde trekker en een deadline over drie "
                              "maanden."):
                try:
                    action = state.service().create_action_for_gap(
                        coalition, wijk, profile, cell, actor=author)
                except ServiceError as exc:
                    st.error("De actie kon niet worden aangemaakt: "
                             + state.md_message(exc))
                else:
                    st.session_state[CREATED] = action.title
                    st.rerun()


def cell_explanation(wijk: str, profile: str, cell) -> None:
    """What counts, who carries it, the route, why, and the palette's suggestions."""
    left, right = st.columns(2)
    with left:
        st.markdown("**Aanbod dat telt**")
        if cell.offers:
            for oid in cell.offers:
                offer = next((o for o in coalition.offers if o.id == oid), None)
                who = names.partner(offer.partner_id) if offer else ""
                st.markdown(f"- {state.md(names.offer(oid))} ({state.md(who)})")
        else:
            st.markdown("- geen")
        if cell.limited_offers:
            st.markdown("**Aanbod dat ten dele past**")
            for oid in cell.limited_offers:
                st.markdown(f"- {state.md(names.offer(oid))}")
        st.markdown("**Partners die het dragen**")
        st.markdown(state.md(names.partner_list(cell.partners)) or "geen")
        st.markdown("**Ontbrekende kerninterventies**")
        st.markdown(tables.types_text(cell.missing_types) or "geen")
        if cell.route:
            st.markdown("**Route van signaal naar hulp**"
                        + (" (beperkt bereik)" if cell.reach == "limited" else ""))
            st.markdown(" → ".join(state.md(names.partner(p)) for p in cell.route))
        if cell.needs_vangnet:
            st.markdown("**Professioneel vangnet**")
            st.markdown(state.md(names.partner_list(cell.vangnet)) or "geen")
    with right:
        st.markdown("**Waarom**")
        if not cell.reasons:
            st.markdown("- geen bijzonderheden")
        for reason in cell.reasons:
            st.markdown("- " + tables.reason_markdown(reason, state.md))
        st.markdown("**Suggesties uit het referentiepalet**")
        suggestion = state.suggestion(wijk, profile)
        if suggestion is None or not (suggestion.items or suggestion.partners):
            st.caption("Niets te suggereren: er ontbreekt hier geen kerninterventie, of het "
                       "palet heeft er geen passende interventie voor.")
        else:
            if suggestion.kind == "fragile":
                st.caption("Alles hangt hier op één partner: wat een tweede aanbieder "
                           "zou kunnen bieden.")
            for item in suggestion.items:
                example = "; praktijkvoorbeeld" if item.practice_example else ""
                st.markdown(f"- {state.md(item.name)} ({EVIDENCE.label_of(item.evidence)}"
                            f"{example}; brengt {state.md(tables.types_text(item.fills))}; "
                            f"bron: {line_ref(item.source, item.source_line)})")
            if suggestion.partners:
                st.markdown("**Wie zou het kunnen bieden**")
                for cand in suggestion.partners:
                    st.markdown(f"- {state.md(cand.name)}: "
                                f"{state.md('; '.join(cand.reasons))}")


def cell_details(analysis) -> str:
    """The explanation of one cell wijk × profiel; returns the wijk shown."""
    # --- a wijk clicked on the map (?wijk=CODE) opens at its worst cell -------------------
    asked = st.query_params.get("wijk")
    if asked in wijk_codes and st.session_state.get("_dek_kaart_wijk") != asked:
        st.session_state["_dek_kaart_wijk"] = asked
        worst = max(analysis.cells_in(asked), key=lambda c: rank(c.state), default=None)
        st.session_state[P + "wijk"] = asked
        if worst is not None:
            st.session_state[P + "profiel"] = worst.profile
    elif asked and asked not in wijk_codes:
        st.warning(f"Wijk '{state.md(asked)}' uit de link bestaat niet (meer).")
    if P + "wijk" not in st.session_state and analysis.gaps:
        st.session_state[P + "wijk"] = analysis.gaps[0].wijk       # start at the largest gap
        st.session_state[P + "profiel"] = analysis.gaps[0].profile
    st.subheader("Uitleg per cel")
    c1, c2 = st.columns(2)
    wijk = c1.selectbox("Wijk", wijk_codes, key=P + "wijk", format_func=names.wijk)
    profile = c2.selectbox("Profiel", profile_codes, key=P + "profiel",
                           format_func=names.profile)
    with st.container(key="wijkcellen"):
        st.markdown(f"**De cellen van {state.md(names.wijk(wijk))}**")
        st.html(tables.wijk_cells_html(analysis.cells_in(wijk), profile))
    cell = (after_cells or analysis.cells).get((wijk, profile))
    if after_cells and cell is not None:
        now = analysis.cells.get((wijk, profile))
        if now is not None and now.state != cell.state:
            st.info(f"Uitleg ná de wat-als. Nu is deze cel: {status_text(now.state)}.")
        else:
            st.caption("Uitleg ná de wat-als; deze cel verandert er niet door.")
    if cell is None:
        st.info("Voor deze combinatie is geen uitkomst.")
    else:
        code = display_status(cell)
        style = STATUSES[code]
        st.markdown(f"#### {style.glyph} {state.md(names.wijk(wijk))} × "
                    f"{state.md(names.profile(profile))}: {style.label}")
        st.caption(style.explanation)
        m1, m2, m3 = st.columns(3)
        spread = people_range(coalition.wijk(wijk), profile, analysis.mix)
        m1.metric("Geschat aantal ernstig eenzamen", f"{cell.estimated_people:,.0f}"
                  .replace(",", ".") + (f" ({spread[0]:,.0f}–{spread[1]:,.0f})"
                                        .replace(",", ".") if spread else ""),
                  help=f"Verdeling: {analysis.mix.label}"
                  + ("; tussen haakjes het 95%-interval uit de RIVM-schatting van "
                     "% ernstig eenzaam" if spread else ""))
        m2.metric("Aanbod dat telt", len(cell.offers),
                  help=f"en {len(cell.limited_offers)} dat ten dele past"
                  if cell.limited_offers else None)
        m3.metric("Partners die het dragen", len(cell.partners))
        gap_actions(wijk, profile, cell, code)
        cell_explanation(wijk, profile, cell)
    return wijk


def chain_section(analysis, wijk: str) -> None:
    """The chain from signal to help in the wijk: roles, routes, weak routes."""
    st.subheader(f"Keten in {state.md(names.wijk(wijk))}")
    chain = analysis.chain.get(wijk)
    if chain is not None:
        if chain.missing_roles:
            from coalition_map.vocab import CHAIN_ROLES
            st.warning("Niemand vervult in deze wijk de rol: " +
                       ", ".join(CHAIN_ROLES.label_of(r) for r in chain.missing_roles) + ".")
        if not chain.outreach:
            st.warning("Geen outreachende signaleerder (woningcorporatie, politie, "
                       "zorgnetwerk, buurtbemiddeling, …) in deze wijk: structureel geïsoleerden "
                       "worden hier minder gevonden (" + readable("001 L7137-7142") + ").")
        a, b = st.columns([2, 3])
        a.dataframe(tables.chain_frame(chain, coalition), hide_index=True, width="stretch")
        b.dataframe(tables.chain_routes_frame(chain, coalition), hide_index=True,
                    width="stretch")
        if chain.weak_routes:
            on_route = sum(1 for w in chain.weak_routes if w.used_by)
            st.markdown(f"**Verwijsroutes zonder afspraak of terugkoppeling**: "
                        f"{len(chain.weak_routes)} in deze wijk, waarvan {on_route} op de route "
                        "van signaal naar hulp. Hier raken verwezen mensen makkelijk uit beeld "
                        "(" + readable("001 L8164-8174") + ").")
            with st.expander("Welke routes?", expanded=False):
                st.dataframe(tables.weak_routes_frame(chain, coalition), hide_index=True,
                             width="stretch")


def fragility_section(analysis) -> None:
    """Which cells are lost when one partner stops."""
    st.subheader("Kwetsbaarheid: wat als deze partner stopt?")
    frag = analysis.fragility
    if frag is not None:
        st.dataframe(tables.fragility_frame(frag, coalition, limit=10), hide_index=True,
                     width="stretch")
        critical = frag.critical_partners()
        if P + "kwetsbaar" not in st.session_state and critical:
            st.session_state[P + "kwetsbaar"] = critical[0][0]   # the most critical partner
        pid = st.selectbox("Partner", partner_ids, key=P + "kwetsbaar",
                           format_func=names.partner)
        worse_cells = frag.worse_by(pid)
        if worse_cells:
            partner_summary = summarize_changes(worse_cells, gap_count.gaps)
            st.markdown(f"Als **{state.md(names.partner(pid))}** stopt: "
                        f"{state.md(partner_summary.text())}. De wat-als hieronder met deze "
                        "partner geeft hetzelfde getal.")
            st.dataframe(tables.lost_cells_frame(worse_cells, coalition), hide_index=True,
                         width="stretch")
            st.button("Deze partner in de wat-als zetten", key="_dek_kw_wi",
                      on_click=lambda: st.session_state.update({P + "wi_partners": [pid]}))
        else:
            st.success(f"Zonder {state.md(names.partner(pid))} wordt geen cel slechter.")


def planned_offers_form(planned: list[Offer]) -> None:
    """Planned offers for the what-if; saved as real offers (with proposed ids) on request."""
    if not state.meeting_mode():
        with st.expander("Gepland aanbod toevoegen (alleen voor deze wat-als)",
                         expanded=bool(planned)):
            with st.form("_dek_gepland_form", clear_on_submit=True):
                f1, f2 = st.columns(2)
                name = f1.text_input("Naam van het geplande aanbod")
                partner = f2.selectbox("Partner die het gaat uitvoeren", partner_ids,
                                       format_func=names.partner)
                kind = f1.selectbox("Soort", OFFER_KINDS.codes, format_func=OFFER_KINDS.label_of)
                delivered = f2.selectbox("Uitgevoerd door", DELIVERY.codes,
                                         format_func=DELIVERY.label_of)
                types = st.multiselect("Interventietypen", INTERVENTION_TYPES.codes,
                                       format_func=INTERVENTION_TYPES.label_of,
                                       placeholder="Kies…")
                wijken = st.multiselect("Wijken", [ALL] + wijk_codes, default=[ALL],
                                        format_func=lambda c: "hele gemeente" if c == ALL
                                        else names.wijk(c))
                add = st.form_submit_button("Toevoegen aan de wat-als")
            if add:
                if not name.strip() or not types or not wijken:
                    st.error("Geef een naam, minstens één interventietype en de wijken op.")
                else:
                    new_id = f"GEPLAND-{len(planned) + 1}"
                    planned.append(Offer(new_id, partner, name.strip(), kind, delivered,
                                         intervention_types=tuple(types),
                                         wijken=tuple(wijken) if ALL not in wijken else (ALL,)))
                    st.rerun()
            if planned:
                st.markdown("**Gepland aanbod in deze wat-als**")
                for o in planned:
                    st.markdown(f"- {state.md(o.name)} ({state.md(names.partner(o.partner_id))}; "
                                f"{state.md(tables.types_text(o.intervention_types))})")
                b1, b2 = st.columns(2)
                if b1.button("Wat-als leegmaken", key="_dek_wi_leeg"):
                    st.session_state[PLANNED] = []
                    st.rerun()
                author = state.known_author(kinds=("offers",))
                if b2.button("Gepland aanbod echt opslaan", key="_dek_wi_opslaan",
                             disabled=not author,
                             help=None if author else "Vul eerst uw naam in op de pagina "
                                                      "Partners en aanbod."):
                    try:
                        saved = state.service().save_planned_offers(planned, actor=author)
                    except ServiceError as exc:
                        st.error(state.md_message(exc))
                        saved = exc.saved
                    del planned[:len(saved)]
                    if saved:
                        st.success(f"{len(saved)} gepland aanbod opgeslagen: "
                                   + ", ".join(state.md(o.id) for o in saved) + ".")
                        st.rerun()


def what_if_panel(planned, whatif_on, changes) -> None:
    """Partners or offers that stop, planned offers that start: the effect, nothing saved."""
    st.subheader("Wat als…")
    st.caption("Probeer uit wat er gebeurt als een partner stopt of als er gepland aanbod "
               "bij komt. De heatmap bovenaan verandert mee; er wordt niets opgeslagen "
               "tenzij u daarom vraagt.")
    w1, w2 = st.columns(2)
    w1.multiselect("Partners die stoppen", partner_ids, key=P + "wi_partners",
                   format_func=names.partner, placeholder="Kies partners…")
    w2.multiselect("Aanbod dat stopt", [o.id for o in coalition.offers], key=P + "wi_aanbod",
                   format_func=names.offer, placeholder="Kies aanbod…")
    if whatif_on:
        st.markdown(f"**Effect:** {state.md(summary.text())}.")
        if changes:
            st.dataframe(tables.lost_cells_frame(changes, coalition), hide_index=True,
                         width="stretch")
    planned_offers_form(planned)
    if whatif_on:
        st.button("Wat-als uitzetten", key="_dek_wi_uit", on_click=reset_what_if)


sidebar.render(PAGE, "Dekking per wijk")
meeting.apply_pending(PAGE)
state.keep_widgets(P)

coalition = state.coalition()
names = tables.Names(coalition)
st.title("Dekking per wijk")

if not coalition.wijken:
    st.warning("Er zijn nog geen wijken. Voeg ze toe op de pagina Partners en aanbod.")
    st.stop()

wijk_codes = [w.code for w in coalition.wijken]
profile_codes = list(PROFILES)
partner_ids = [p.id for p in coalition.partners]

with state.guard("de dekking"):
    mix, custom = state.mix_choice(P)
    analysis = state.analysis(mix, custom)
    planned, remove_partners, remove_offers, whatif_on, changes = what_if_inputs()
    gap_count = analysis.gap_count()
    summary = summarize_changes(changes, gap_count.gaps)
    after_cells = (state.what_if_cells(remove_partners, remove_offers, planned)
                   if whatif_on else None)
    heatmap_section(planned, remove_partners, remove_offers, whatif_on, changes)
    wijk = cell_details(analysis)
    chain_section(analysis, wijk)
    fragility_section(analysis)
    what_if_panel(planned, whatif_on, changes)
