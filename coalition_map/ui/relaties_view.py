"""The relationship round on the Netwerk page: scores per round, and collecting a round.

Only arranging and showing; the scores come from :mod:`coalition_map.relaties`.
"""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from .. import relaties as rel
from . import state

P = "relatie_"


def _num(value, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}".replace(".", ",")


def _delta(value) -> str | None:
    return None if value is None else f"{value:+.2f}".replace(".", ",")


def render(coalition, names) -> None:
    """The section "Relatiemeting" (call inside a ``state.guard``)."""
    st.subheader("Relatiemeting")
    st.caption("Per ronde geeft elke partner voor elke andere partner aan of ze elkaar kennen, "
               "samenwerken en verwijzen, en beoordeelt vertrouwen (open communicatie, "
               "betrouwbaarheid, gedeelde missie) en waarde (invloed, middelen, betrokkenheid) "
               "op een schaal van 1 tot 4, zoals de vragenlijst van de PARTNER-tool. Alleen "
               "organisaties, nooit personen.")
    summaries = rel.summaries(coalition)
    if not summaries:
        st.info("Nog geen relatiemeting. Download hieronder het sjabloon voor een ronde, laat "
                "de partners het invullen en lees het in.")
    else:
        _round_view(summaries, names)
    _collect(coalition)


def _round_view(summaries, names) -> None:
    labels = [s.round for s in summaries]
    choice = st.selectbox("Ronde", labels, index=len(labels) - 1, key=P + "ronde")
    i = labels.index(choice)
    s = summaries[i]
    prev = summaries[i - 1] if i > 0 else None
    m = st.columns(4)
    rate_delta = None
    if prev is not None and s.response_rate is not None and prev.response_rate is not None:
        rate_delta = f"{(s.response_rate - prev.response_rate) * 100:+.0f} %-punt"
    m[0].metric("Respons", f"{len(s.respondents)} van {s.invited}", rate_delta,
                help="Partners die antwoordden, van de actieve partners.")
    m[1].metric("Vertrouwen in het netwerk (1-4)", _num(s.network_trust),
                _delta(None if prev is None or prev.network_trust is None
                       or s.network_trust is None else s.network_trust - prev.network_trust),
                help="Gemiddelde van alle beoordelingen van open communicatie, "
                     "betrouwbaarheid en gedeelde missie"
                     + (f" ({_num(rel.pct(s.network_trust), 0)} % van het maximum)."
                        if s.network_trust is not None else "."))
    m[2].metric("Waarde in het netwerk (1-4)", _num(s.network_value),
                _delta(None if prev is None or prev.network_value is None
                       or s.network_value is None else s.network_value - prev.network_value),
                help="Gemiddelde van alle beoordelingen van invloed, middelen en "
                     "betrokkenheid.")
    m[3].metric("Eenzijdige banden", len(s.one_sided),
                help="De ene partner zegt dat ze elkaar kennen of samenwerken, de andere niet "
                     "(alleen tussen partners die allebei antwoordden).")
    if prev is not None:
        st.caption(f"Verschil met de vorige ronde: {state.md(prev.round)}.")
    changes = {c.partner: c for c in rel.change(prev, s)} if prev is not None else {}
    partners = sorted(set(s.trust) | set(s.value) | set(s.respondents),
                      key=lambda p: names.partner(p))
    rows = []
    for p in partners:
        c = changes.get(p)
        rows.append({"Partner": names.partner(p),
                     "Antwoordde": "ja" if p in s.respondents else "nee",
                     "Vertrouwen (1-4)": s.trust.get(p), "Waarde (1-4)": s.value.get(p),
                     "Beoordeeld door": s.raters.get(p, 0),
                     "Δ vertrouwen": c.trust_delta if c else None,
                     "Δ waarde": c.value_delta if c else None})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={k: st.column_config.NumberColumn(format="%.2f") for k in (
                     "Vertrouwen (1-4)", "Waarde (1-4)", "Δ vertrouwen", "Δ waarde")})
    if s.one_sided:
        st.markdown("**Banden die maar één kant noemt**")
        st.dataframe(pd.DataFrame([{
            "Noemt de band": names.partner(t.reported_by), "Over": names.partner(t.about),
            "Wat": rel.TIE_LABELS[t.kind]} for t in s.one_sided]),
            hide_index=True, width="stretch")


def _collect(coalition) -> None:
    with st.expander("Een ronde verzamelen: sjabloon en inlezen"):
        c1, c2, c3 = st.columns([2, 2, 1])
        name = c1.text_input("Naam van de ronde", value=str(dt.date.today().year),
                             key=P + "nieuwe_ronde")
        day = c2.date_input("Datum", value=dt.date.today(), key=P + "datum",
                            format="DD-MM-YYYY")
        fmt = c3.selectbox("Formaat", ["xlsx", "csv"], key=P + "formaat")
        if name.strip():
            # made on click only: one row per pair of partners (a million at region scale)
            st.download_button(
                "Sjabloon voor deze ronde downloaden",
                functools.partial(rel.template_bytes, coalition, name.strip(), fmt, day),
                file_name=f"relatiemeting-{name.strip()}.{fmt}", key="relatie_sjabloon",
                help="Eén rij per partner → andere partner; ronde en datum zijn ingevuld.")
        upload = st.file_uploader("Ingevuld bestand inlezen (xlsx of csv)",
                                  type=["xlsx", "csv"], key="relatie_upload")
        who = state.author()
        if upload is None or not who:
            return
        confirm = st.checkbox("Ja, antwoorden van deze ronde die niet meer in het bestand "
                              "staan mogen weg", key="relatie_bevestig")
        if st.button("Inlezen", type="primary", key="relatie_inlezen"):
            from ..errors import ServiceError
            try:
                done = state.service().import_relationship_round(
                    upload.name, upload.getvalue(), actor=who, confirm_removal=confirm)
            except ServiceError as exc:
                state.say("error", str(exc))
                return
            if not done.ok:
                state.say("error", "Niet ingelezen, er is niets gewijzigd:\n"
                          + "\n".join(str(p) for p in done.problems if p.is_error))
                return
            state.remember("net_", "success",
                           f"{len(done.answers)} antwoorden ingelezen.")
            st.rerun()
