"""Sociale kaart: export the map of offers, and the verwijswijzer.

Only arrangement: what is on the map comes from
:func:`coalition_map.kaart.kaart_entries`, which offers fit a profile from
:func:`coalition_map.kaart.fitting_offers` (both read through ``state``, cached per
data version); the files from the writers in :mod:`coalition_map.kaart`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from coalition_map.kaart.verwijswijzer import TYPING_NOTE, profiles_from_answers
from coalition_map.kaart.selection import AUDIENCE_LABELS, GROUPING_LABELS
from coalition_map.typology import PROFILES, THREE_QUESTIONS
from coalition_map.ui import meeting, state
from coalition_map.vocab import DELIVERY, OFFER_KINDS

PAGE = "pages/sociale_kaart.py"
P = "sk_"
ALL_WIJKEN = "__alle__"

meeting.apply_pending(PAGE)
state.keep_widgets(P)

st.title("Sociale kaart")
coalition = state.coalition()
today = dt.date.today()
wijk_names = {w.code: w.name for w in coalition.wijken}

FORMATS = {
    "html": ("HTML (één bestand, werkt offline, met verwijswijzer)", "text/html", "html"),
    "pdf": ("PDF (A4)", "application/pdf", "pdf"),
    "xlsx": ("Excel (XLSX)",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("CSV", "text/csv", "csv"),
    "hsds": ("Open Referral HSDS 3.0 (ZIP met CSV's en datapackage.json)", "application/zip",
             "zip"),
    "graphml": ("Netwerk als GraphML (Gephi, yEd)", "application/graphml+xml", "graphml"),
    "gexf": ("Netwerk als GEXF (Gephi)", "application/gexf+xml", "gexf"),
}


@st.cache_data(show_spinner="Het bestand wordt gemaakt…", max_entries=16)
def export_file(data_version, fmt: str, wijk: str | None, audience: str, group_by: str,
                day: dt.date) -> bytes:
    """The export as bytes (cached per data version and choice)."""
    c = state.coalition()
    if fmt == "hsds":
        from coalition_map.kaart.hsds import hsds_zip
        return hsds_zip(c, wijk=wijk, today=day)
    if fmt in ("graphml", "gexf"):
        from coalition_map.kaart.network import gexf_bytes, graphml_bytes
        return (graphml_bytes if fmt == "graphml" else gexf_bytes)(c, day)
    kaart = state.kaart(wijk, audience, group_by)[0]
    if fmt == "html":
        from coalition_map.kaart.html import render_html
        return render_html(kaart, c).encode("utf-8")
    if fmt == "pdf":
        from coalition_map.kaart.pdf import render_pdf
        return render_pdf(kaart, c)[0]
    from coalition_map.kaart.tables import kaart_csv, kaart_xlsx
    return kaart_xlsx(kaart) if fmt == "xlsx" else kaart_csv(kaart)


tab_export, tab_wijzer = st.tabs(["Kaart exporteren", "Verwijswijzer"],
                                 key="_tab_sociale_kaart", on_change="rerun")

with tab_export, state.guard("de sociale kaart"):
    st.caption("Het lopende aanbod van de partners, per wijk of voor de hele gemeente, om "
               "uit te delen aan verwijzers of inwoners.")
    c1, c2, c3 = st.columns(3)
    wijk_choice = c1.selectbox("Gebied", [ALL_WIJKEN] + list(wijk_names), key=P + "wijk",
                               format_func=lambda c: "Hele gemeente" if c == ALL_WIJKEN
                               else wijk_names[c])
    audience = c2.radio("Voor wie", ["professionals", "residents"], key=P + "publiek",
                        format_func=lambda a: AUDIENCE_LABELS[a].capitalize(), horizontal=True)
    group_by = c3.radio("Groeperen naar", ["kind", "profile"], key=P + "groepering",
                        format_func=lambda g: GROUPING_LABELS[g], horizontal=True,
                        disabled=audience == "residents",
                        help="De versie voor inwoners is altijd gegroepeerd naar soort "
                             "aanbod, zonder de termen van de typologie.")
    wijk = None if wijk_choice == ALL_WIJKEN else wijk_choice
    kaart, previews = state.kaart(wijk, audience, group_by)   # cached per data version
    st.metric("Aanbod op de kaart", len(kaart.entries),
              help="Actief aanbod van actieve partners dat nu loopt en in dit gebied "
                   "beschikbaar is; aanbod met een wachtlijst staat erop met 'wachtlijst'.")
    if kaart.contacts:
        st.markdown(f"**Bovenaan de kaart: meldpunt en intake** ({len(kaart.contacts)})")
        st.dataframe(pd.DataFrame([{"Naam": c.name, "Rol": c.roles, "Telefoon": c.phone,
                                    "E-mail": c.email, "Bereikbaar": c.hours}
                                   for c in kaart.contacts]), hide_index=True, width="stretch")
    fmt = st.selectbox("Bestandsvorm", list(FORMATS), key=P + "vorm",
                       format_func=lambda f: FORMATS[f][0])
    label, mime, ext = FORMATS[fmt]
    from coalition_map.filenames import kaart_file
    data = export_file(state.version(), fmt, wijk, audience, kaart.group_by, today)
    st.download_button(f"Downloaden: {label}", data,
                       file_name=kaart_file(kaart.wijk_name if wijk else None, audience, ext),
                       mime=mime,
                       key="download_sk", type="primary")
    if fmt in ("graphml", "gexf"):
        st.caption("Het netwerk bevat alle partners, aanbod, wijken en profielen; de keuze "
                   "voor gebied en publiek geldt hier niet.")
    st.subheader("Voorbeeld")
    if not kaart.groups:
        st.info("Er is geen lopend aanbod in dit gebied.")
    else:
        # one group at a time: a whole region is thousands of rows in dozens of tables
        shown_group = st.selectbox(
            "Groep", range(len(kaart.groups)), key=P + "groep",
            format_func=lambda i: f"{kaart.groups[i].title} ({len(kaart.groups[i].entries)})",
            help="Het voorbeeld toont één groep tegelijk; het bestand bevat ze allemaal.")
        if shown_group is None or shown_group >= len(kaart.groups):
            shown_group = 0
        st.dataframe(previews[shown_group], hide_index=True, width="stretch")

UNKNOWN = "weet ik (nog) niet"

with tab_wijzer, state.guard("de verwijswijzer"):
    st.caption("Beantwoord de drie vragen over de persoon (ook 'weet ik (nog) niet' mag), of "
               "kies direct een profiel, en kies een wijk. U ziet de mogelijke profielen, het "
               "aanbod dat past, wat ten dele past, en welk aanbod volgens de typologie niet "
               "past, met de reden. Er worden geen persoonsgegevens bewaard.")
    mode = st.radio("Hoe bepaalt u het profiel?", ["vragen", "profiel"], horizontal=True,
                    key=P + "vw_manier",
                    format_func={"vragen": "Via de drie vragen",
                                 "profiel": "Ik kies zelf een profiel"}.get)
    profile_codes: list[str] = []
    if mode == "vragen":
        answers = []
        for name, question in THREE_QUESTIONS:
            answer = st.radio(question, ["ja", "nee", UNKNOWN], index=2, horizontal=True,
                              key=P + "vw_" + name)
            answers.append(None if answer == UNKNOWN else answer == "ja")
        profile_codes = [p.code for p in profiles_from_answers(*answers)]
        if len(profile_codes) > 1:
            st.info(f"Mogelijke profielen: {', '.join(PROFILES[c].name for c in profile_codes)}. "
                    + TYPING_NOTE)
    else:
        profile_codes = [st.selectbox("Profiel", list(PROFILES), key=P + "vw_profiel",
                                      format_func=lambda c: PROFILES[c].name)]
    vw_wijk = st.selectbox("Wijk", list(wijk_names), key=P + "vw_wijk",
                           format_func=lambda c: wijk_names[c])
    partner_of = {p.id: p for p in coalition.partners}
    for profile_code in profile_codes if vw_wijk else ():
        profile = PROFILES[profile_code]
        result = state.fitting(vw_wijk, profile_code)             # cached per data version
        st.subheader(f"{profile.name} in {state.md(wijk_names[vw_wijk])}")
        st.markdown(f"{profile.description} Hulp: {profile.intensity}.")
        if result.fitting:
            st.markdown(f"**{len(result.fitting)} passend aanbod**")
            st.dataframe(pd.DataFrame([{
                "Aanbod": o.name, "Aanbieder": partner_of[o.partner_id].name,
                "Soort": OFFER_KINDS.label_of(o.kind),
                "Uitgevoerd door": DELIVERY.label_of(o.delivered_by),
                "Aanmelden": o.how_to_refer, "Telefoon": partner_of[o.partner_id].phone}
                for o in result.fitting]), hide_index=True, width="stretch")
        if result.limited:
            st.markdown(f"**Past ten dele bij {profile.name}**")
            st.dataframe(pd.DataFrame([{
                "Aanbod": x.offer.name, "Aanbieder": partner_of[x.offer.partner_id].name,
                "Waarom ten dele": "; ".join(x.reasons)} for x in result.limited]),
                hide_index=True, width="stretch")
        if not (result.fitting or result.limited):
            st.warning("Geen passend aanbod in deze wijk. Dit is een gat: bespreek het op "
                       "de pagina Dekking of in het Stappenplan.")
        if result.excluded:
            st.markdown(f"**Niet passend voor {profile.name}** (volgens de typologie)")
            st.dataframe(pd.DataFrame([{"Aanbod": e.offer.name, "Waarom niet":
                                        "; ".join(e.reasons)} for e in result.excluded]),
                         hide_index=True, width="stretch")
