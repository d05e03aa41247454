"""Peilmomenten: take a named, dated picture of the coalition and see what changed since."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from coalition_map import peilmomenten as pm
from coalition_map.states import label as state_label
from coalition_map.ui import state

PAGE = "pages/peilmomenten.py"
P = "pm_"

state.keep_widgets(P)
st.title("Peilmomenten")
st.caption("Een peilmoment legt de gegevens van de coalitie en de uitkomst van de "
           "dekkingsanalyse vast, met naam en datum. Vergelijk twee peilmomenten, of een "
           "peilmoment met nu, om te zien wat het plan heeft veranderd.")
state.show_remembered(P)
service = state.service()


@st.cache_resource(show_spinner="Het peilmoment wordt gelezen…", max_entries=16)
def _stored(key: str, name: str, version: int):
    return service.load_peilmoment(name)


@st.cache_resource(show_spinner=False, max_entries=4)
def _live(key: str, data_version, today: dt.date):
    return pm.read(pm.build(state.coalition(), state.plan(), state.analysis(), name=pm.LIVE))


def peilmoment(name: str, infos):
    if name == pm.LIVE:
        return _live(state.db_key(), state.version(), dt.date.today())
    info = next(i for i in infos if i.name == name)
    return _stored(state.db_key(), name, info.version)


def reasons_text(reasons) -> str:
    return "; ".join(pm.reason_line(r) for r in reasons)


def show_comparison(infos) -> None:
    names = [i.name for i in infos] + [pm.LIVE]
    c1, c2 = st.columns(2)
    a_name = c1.selectbox("Van", names, index=0, key=P + "van",
                          format_func=lambda n: "nu (huidige gegevens)" if n == pm.LIVE else n)
    b_name = c2.selectbox("Naar", names, index=len(names) - 1, key=P + "naar",
                          format_func=lambda n: "nu (huidige gegevens)" if n == pm.LIVE else n)
    if a_name == b_name:
        st.info("Kies twee verschillende peilmomenten (of een peilmoment en nu).")
        return
    before, after = peilmoment(a_name, infos), peilmoment(b_name, infos)
    cmp = pm.compare(before, after)

    m = st.columns(6)
    m[0].metric("Gaten gesloten", len(cmp.closed))
    m[1].metric("Nieuwe gaten", len(cmp.opened))
    m[2].metric("Aanbod erbij / gestopt", f"{len(cmp.offers_added)} / {len(cmp.offers_ended)}")
    m[3].metric("Partners erbij / gestopt",
                f"{len(cmp.partners_added)} / {len(cmp.partners_ended)}")
    gained = {(r.from_partner, r.to_partner, r.kind) for r in cmp.routes_gained}
    lost = {(r.from_partner, r.to_partner, r.kind) for r in cmp.routes_lost}
    m[4].metric("Routes erbij / weg", f"{len(gained)} / {len(lost)}",
                help="Verwijsroutes tussen partners; per wijk staan ze hieronder.")
    n = cmp.network
    if n.get("density_after") is not None and n.get("density_before") is not None:
        m[5].metric("Netwerkdichtheid", f"{n['density_after']:.3f}",
                    f"{n['density_after'] - n['density_before']:+.3f}")
    counts = pd.DataFrame([{"Stand": state_label(s), before.name: before.counts.get(s, 0),
                            after.name: after.counts.get(s, 0)}
                           for s in ("covered", "partial", "uncovered", "unreachable")])
    st.dataframe(counts, hide_index=True)

    if cmp.is_empty():
        st.success("Geen verschillen in cellen, aanbod, partners of verwijsroutes.")
    st.subheader("Per wijk")
    for wijk in cmp.wijken():
        cells = [c for c in cmp.cells_changed if c.wijk == wijk]
        routes = [r for r in cmp.routes if r.wijk == wijk]
        title = (cells[0].wijk_name if cells else routes[0].wijk_name)
        closed = sum(c.change == "closed" for c in cells)
        opened = sum(c.change == "opened" for c in cells)
        with st.expander(f"{state.md(title)}: {closed} gesloten, {opened} nieuw, "
                         f"{len(cells) - closed - opened} anders, {len(routes)} routes",
                         expanded=bool(closed or opened)):
            if cells:
                st.dataframe(pd.DataFrame([{
                    "Profiel": c.profile_name,
                    "Was": state_label(c.before) if c.before else "",
                    "Nu": state_label(c.after) if c.after else "",
                    "Verandering": pm.CHANGE_LABELS[c.change],
                    "Redenen": reasons_text(c.reasons)} for c in cells]),
                    hide_index=True, width="stretch",
                    column_config={"Redenen": st.column_config.TextColumn(width="large")})
            if routes:
                st.dataframe(pd.DataFrame([{
                    "Route": f"{r.from_name} → {r.to_name}", "Soort": r.kind,
                    "Verandering": "erbij" if r.change == "gained" else "weg"} for r in routes]),
                    hide_index=True, width="stretch")

    lists = [("Aanbod erbij", cmp.offers_added), ("Aanbod gestopt", cmp.offers_ended),
             ("Partners erbij", cmp.partners_added), ("Partners gestopt", cmp.partners_ended)]
    if any(items for _t, items in lists):
        st.subheader("Aanbod en partners")
        cols = [*st.columns(2), *st.columns(2)]
        for col, (title, items) in zip(cols, lists):
            col.markdown(f"**{title}** ({len(items)})")
            if items:
                col.dataframe(pd.DataFrame([{"Naam": i.name, "Id": i.id} for i in items]),
                              hide_index=True, width="stretch")
    if n.get("brokers_new") or n.get("brokers_gone"):
        pname = {**before.labels.get("partners", {}), **after.labels.get("partners", {})}
        st.caption("Makelaars (snijpunten) erbij: "
                   + state.md(", ".join(pname.get(b, b) for b in n["brokers_new"]) or "geen")
                   + "; weg: "
                   + state.md(", ".join(pname.get(b, b) for b in n["brokers_gone"]) or "geen"))

def show_anchoring(infos, who) -> None:
    """Step 6: the 15-point self-assessment (001 Bijlage IX), a score per peilmoment."""
    from coalition_map import verankering as vk
    st.caption("De zelfevaluatie voor verankering (stap 6) volgt de vijftien punten van de "
               "Strategiekaart verankering (001 Bijlage IX), in onze woorden. Geef per punt "
               "een oordeel van 1 tot 10 en of verbeteren wenselijk en mogelijk is. Elk "
               "peilmoment krijgt zo zijn eigen score.")
    if not infos:
        st.info("Leg eerst een peilmoment vast; de zelfevaluatie hoort bij een peilmoment.")
        return
    moments = {i.name: peilmoment(i.name, infos) for i in infos}
    scores = {name: vk.score(m.verankering) for name, m in moments.items()}
    nan = float("nan")
    st.dataframe(pd.DataFrame([{
        "Peilmoment": name, "Totaal (1-10)": sc.total if sc.total is not None else nan,
        **{g.title: sc.by_group[g.code] if sc.by_group[g.code] is not None else nan
           for g in vk.GROUPS},
        "Beantwoord": f"{sc.answered} van {len(vk.ITEMS)}"} for name, sc in scores.items()]),
        hide_index=True, width="stretch")
    rows = []
    for item in vk.ITEMS:
        row = {"Nr": item.number, "Punt": item.title, "Wat het inhoudt": item.statement,
               "Bron": item.source}
        for name, m in moments.items():
            answer = m.verankering.get(item.code) or {}
            row[name] = answer.get("score") if answer.get("score") is not None else nan
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={"Wat het inhoudt": st.column_config.TextColumn(width="large")})
    acts = [(name, code) for name, sc in scores.items() for code in sc.to_act]
    if acts:
        last = list(scores)[-1]
        todo = [vk.ITEM_BY_CODE[c].title for c in scores[last].to_act]
        if todo:
            st.warning("Lage score, verbeteren wenselijk en mogelijk (bij "
                       f"'{state.md(last)}'): " + state.md(", ".join(todo))
                       + ". Maak er een actie van in het stappenplan (stap 6).")

    if not who:
        st.caption("Vul uw naam in (bij 'Nieuw peilmoment vastleggen') om de zelfevaluatie "
                   "in te vullen.")
        return
    st.subheader("Zelfevaluatie invullen")
    name = st.selectbox("Bij peilmoment", list(moments), index=len(moments) - 1,
                        key=P + "vk_peil")
    info = next(i for i in infos if i.name == name)
    nr = [i.name for i in infos].index(name)      # widget keys by position, not by name
    drawn = st.session_state.setdefault("peil_vk_versies", {}).setdefault(name, info.version)
    if drawn != info.version:
        st.warning("Deze zelfevaluatie is intussen door iemand anders opgeslagen. Laad de "
                   "pagina opnieuw voordat u wijzigt.")
    current = moments[name].verankering
    options = ["–"] + list(range(vk.SCALE[0], vk.SCALE[1] + 1))
    with st.form(key=f"peil_vk_form_{nr}"):
        answers = {}
        for group in vk.GROUPS:
            st.markdown(f"**{group.title}**")
            for item in (i for i in vk.ITEMS if i.group == group.code):
                old = current.get(item.code) or {}
                c1, c2, c3, c4 = st.columns([5, 3, 1, 1])
                c1.markdown(f"{item.number}. **{item.title}**: {item.statement}  \n"
                            f"<small>{item.source}</small>", unsafe_allow_html=True)
                value = c2.select_slider("Oordeel", options, value=old.get("score") or "–",
                                         key=f"peil_vk_{nr}_{item.code}_score",
                                         label_visibility="collapsed")
                wenselijk = c3.checkbox("Wenselijk", value=bool(old.get("wenselijk")),
                                        key=f"peil_vk_{nr}_{item.code}_w")
                mogelijk = c4.checkbox("Mogelijk", value=bool(old.get("mogelijk")),
                                       key=f"peil_vk_{nr}_{item.code}_m")
                answers[item.code] = {"score": None if value == "–" else value,
                                      "wenselijk": wenselijk, "mogelijk": mogelijk}
        saved = st.form_submit_button("Zelfevaluatie opslaan", type="primary")
    if saved:
        try:
            version = service.save_assessment(name, answers, actor=who,
                                              expected_version=drawn)
        except Exception as exc:  # noqa: BLE001 - StoreError: Dutch message
            state.say("error", str(exc))
        else:
            st.session_state["peil_vk_versies"][name] = version
            score = vk.score(answers)
            state.remember(P, "success", f"Zelfevaluatie bij '{state.md(name)}' opgeslagen: "
                           f"totaal {score.total if score.total is not None else '–'}.")
            st.rerun()

with state.guard("de peilmomenten"):
    infos = service.snapshots()

    with st.expander("Nieuw peilmoment vastleggen", expanded=not infos):
        name = st.text_input("Naam van het peilmoment", key=P + "naam",
                             placeholder=f"bijv. Peilmoment {dt.date.today():%B %Y}")
        who = state.author()
        if st.button("Peilmoment vastleggen", type="primary", disabled=not who,
                     key="peil_vastleggen"):
            try:
                payload = service.take_snapshot(name, actor=who)
            except Exception as exc:  # noqa: BLE001 - StoreError: Dutch message
                state.say("error", str(exc))
            else:
                counts = payload["analysis"]["counts"]
                state.remember(P, "success",
                               f"Peilmoment '{state.md(payload['name'])}' vastgelegd: "
                               f"{counts['covered']} "
                               f"gedekt, {counts['partial']} deels gedekt, "
                               f"{counts['uncovered']} niet gedekt.")
                st.rerun()

    if infos:
        st.dataframe(pd.DataFrame([{
            "Peilmoment": i.name, "Vastgelegd (UTC)": i.taken_at.strftime("%d-%m-%Y %H:%M"),
            "Door": i.author, "Grootte (kB)": round(i.size / 1024)} for i in infos]),
            hide_index=True, width="stretch")
    else:
        st.info("Nog geen peilmomenten. Leg er hierboven een vast; vergelijk daarna met nu.")

    tab_compare, tab_anchor = st.tabs(["Vergelijken", "Verankering (stap 6)"])
    with tab_compare:
        show_comparison(infos)
    with tab_anchor:
        show_anchoring(infos, who)
