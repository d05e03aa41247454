"""Netwerk: the interactive graph of partners, offers, profiles and wijken (offline)."""

from __future__ import annotations

import streamlit as st

from coalition_map.typology import PROFILES
from coalition_map.ui import meeting, network_view, sidebar, state, tables
from coalition_map.ui.style import EDGE_KINDS
from coalition_map.vocab import CHAIN_ROLES, SECTORS

PAGE = "pages/netwerk.py"
P = "net_"

sidebar.render(PAGE, "Netwerk")
meeting.apply_pending(PAGE)
state.keep_widgets(P)

coalition = state.coalition()
names = tables.Names(coalition)
st.title("Netwerk")

def gap_chain_panel() -> None:
    """For one wijk × profiel: who signals, who refers, who provides, where it breaks."""
    analysis = state.analysis()
    gaps = analysis.gaps
    if P + "gat_wijk" not in st.session_state and gaps:
        st.session_state[P + "gat_wijk"] = gaps[0].wijk
        st.session_state[P + "gat_profiel"] = gaps[0].profile
    c1, c2 = st.columns(2)
    wijk = c1.selectbox("Wijk", [w.code for w in coalition.wijken], key=P + "gat_wijk",
                        format_func=names.wijk)
    profile = c2.selectbox("Profiel", list(PROFILES), key=P + "gat_profiel",
                           format_func=names.profile)
    cell = analysis.cells.get((wijk, profile))
    chain = analysis.chain.get(wijk)
    if cell is None or chain is None:
        return
    from coalition_map.states import STATES
    signal = chain.roles.get("signaleren", [])
    st.markdown(f"**{state.md(names.wijk(wijk))} × {state.md(names.profile(profile))}: "
                f"{STATES[cell.state].label}**")
    a, b, c, d = st.columns(4)
    a.markdown("**Wie signaleert**\n\n" + (state.md(names.partner_list(signal)) or "niemand"))
    b.markdown("**Route van signaal naar hulp**\n\n" + (
        " → ".join(state.md(names.partner(p)) for p in cell.route) or "geen route"))
    c.markdown("**Wie biedt passend aanbod**\n\n" + (
        state.md(names.partner_list(cell.partners)) or "niemand"))
    d.markdown("**Waar breekt de keten**\n\n" + ("\n".join(
        "- " + tables.reason_markdown(r, state.md) for r in cell.reasons) or "nergens"))
    st.session_state[P + "wijken"] = [wijk]


with state.guard("het netwerk"):
    graph = state.graph()
    summary = state.graph_metrics()

    VIEWS = {"verwijs": "Verwijsnetwerk van partners",
             "gaten": "Laat de gaten zien (wijk × profiel)",
             "alles": "Alles: partners, aanbod, profielen en wijken"}
    with st.container(border=True):
        if st.session_state.get(P + "weergave") not in VIEWS:
            st.session_state[P + "weergave"] = "verwijs"
        view_kind = st.segmented_control("Weergave", list(VIEWS), key=P + "weergave",
                                         format_func=VIEWS.get, required=True)
        referral_view = view_kind != "alles"
        if view_kind == "gaten":
            gap_chain_panel()
        if P + "grootte" not in st.session_state:
            st.session_state[P + "grootte"] = "betweenness"   # sized by brokerage
        f1, f2, f3, f4 = st.columns(4)
        wijken = f1.multiselect("Wijk", [w.code for w in coalition.wijken], key=P + "wijken",
                                format_func=names.wijk, placeholder="alle wijken")
        profiles = f2.multiselect("Profiel", list(PROFILES), key=P + "profielen",
                                  format_func=names.profile, placeholder="alle profielen")
        sectors = f3.multiselect("Sector", list(SECTORS.codes), key=P + "sectoren",
                                 format_func=SECTORS.label_of, placeholder="alle sectoren")
        roles = f4.multiselect("Ketenrol", list(CHAIN_ROLES.codes), key=P + "rollen",
                               format_func=CHAIN_ROLES.label_of, placeholder="alle rollen")
        g1, g2, g3 = st.columns([3, 2, 2])
        if P + "randen" not in st.session_state:
            st.session_state[P + "randen"] = list(network_view.DEFAULT_EDGE_KINDS)
        if referral_view:
            edge_kinds = ["refers"]
            g1.caption("Partners en hun verwijsroutes; kleur: sector; grootte: makelaarsrol. "
                       "Kies “Alles” voor aanbod, profielen en wijken, en aanbod dat een "
                       "profiel noemt maar niet telt (gestippeld rood).")
        else:
            edge_kinds = g1.multiselect("Soorten verbindingen", list(EDGE_KINDS),
                                        key=P + "randen", format_func=EDGE_KINDS.get)
        focus = g2.selectbox("Focus op één partner", [None] + [p.id for p in coalition.partners],
                             key=P + "focus",
                             format_func=lambda pid: "— geen focus —" if pid is None
                             else names.partner(pid),
                             help="Toont de partner, zijn aanbod, wie naar hem verwijst en naar "
                                  "wie hij verwijst.")
        size_by = g3.selectbox("Grootte van de knopen naar", list(network_view.SIZE_METRICS),
                               key=P + "grootte", format_func=network_view.SIZE_METRICS.get)

    flt = network_view.NetworkFilter(wijken=tuple(wijken), profiles=tuple(profiles),
                                     sectors=tuple(sectors), roles=tuple(roles),
                                     edge_kinds=tuple(edge_kinds), focus_partner=focus,
                                     partners_only=referral_view)
    view = state.filtered_graph(flt)

    left, right = st.columns([3, 2])
    with left:
        if view.number_of_nodes() == 0:
            st.info("Geen partners, aanbod of wijken bij deze filters. Maak de filters ruimer.")
        elif view.number_of_nodes() > network_view.MAX_DRAWN_NODES:
            st.warning(f"Dit zijn {view.number_of_nodes()} knopen: te veel voor een leesbare "
                       "kaart. Kies een wijk, profiel, sector of één partner om in te zoomen. "
                       "De netwerkmaten hiernaast gelden voor alle partners.")
        else:
            counts = {}
            for _, data in view.nodes(data=True):
                counts[data.get("type")] = counts.get(data.get("type"), 0) + 1
            st.caption(f"{counts.get('partner', 0)} partners, {counts.get('offer', 0)} aanbod, "
                       f"{counts.get('profile', 0)} profielen, {counts.get('wijk', 0)} wijken, "
                       f"{view.number_of_edges()} "
                       f"{'verbinding' if view.number_of_edges() == 1 else 'verbindingen'} in beeld.")
            height = 720 if state.meeting_mode() else 600
            page = state.network_html(flt, size_by, height, state.meeting_mode())
            st.iframe(page, height=height + 140, alt="Netwerkkaart")
            st.html('<div style="font-size:.9rem"><b>Sectoren:</b> '
                    + network_view.sector_legend_html(coalition) + "</div>")
            alone = network_view.isolated_partners(view)
            if alone:
                st.warning(f"**{len(alone)} partners zonder verwijsroute** (niemand verwijst "
                           "naar hen en zij naar niemand): "
                           + state.md(", ".join(names.partner(n.split(":", 1)[1])
                                                for n in alone)))
        if focus:
            partner = next(p for p in coalition.partners if p.id == focus)
            refers_to = [r for r in coalition.referrals if r.from_partner == focus]
            referred_by = [r for r in coalition.referrals if r.to_partner == focus]
            st.markdown(f"**{state.md(partner.name)}** — {SECTORS.label_of(partner.sector)}")
            a, b, c = st.columns(3)
            a.markdown("**Aanbod**\n\n" + ("\n".join(
                f"- {state.md(o.name)}" for o in coalition.offers_of(focus)) or "geen"))
            b.markdown("**Verwijst naar**\n\n" + ("\n".join(
                f"- {state.md(names.partner(r.to_partner))}" for r in refers_to) or "niemand"))
            c.markdown("**Krijgt verwijzingen van**\n\n" + ("\n".join(
                f"- {state.md(names.partner(r.from_partner))}" for r in referred_by)
                or "niemand"))
    with right:
        st.markdown("**Verwijsnetwerk** (alle partners)")
        m1, m2 = st.columns(2)
        m1.metric("Dichtheid", f"{summary['density']:.2f}".replace(".", ","),
                  help="Aandeel van alle mogelijke verwijsroutes dat bestaat.")
        m2.metric("Losse groepen", summary["components"],
                  help="Groepen partners zonder verwijsroute naar elkaar.")
        m3, m4 = st.columns(2)
        m3.metric("Makelaars", len(summary["brokers"]),
                  help="Partners zonder wie het verwijsnetwerk uiteenvalt.")
        m4.metric("Zonder verwijsroute", len(summary["isolated"]))
        if summary["brokers"]:
            st.caption("Makelaars: " + ", ".join(state.md(names.partner(b))
                                                 for b in summary["brokers"]))
        st.dataframe(tables.metrics_frame(summary, coalition), hide_index=True,
                     width="stretch", height=420)

with state.guard("de relatiemeting"):
    from coalition_map.ui import relaties_view
    state.show_remembered(P)
    relaties_view.render(coalition, names)
