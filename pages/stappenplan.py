"""Stappenplan: the six steps, the plan's choices, actions, and the meeting overview.

Only arrangement: progress, overdue actions and gaps come from
:mod:`coalition_map.stappenplan`; exports from :mod:`coalition_map.plan_export`.
Editing controls are hidden in meeting mode.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from coalition_map import plan_export
from coalition_map.model import ALL, Action, Decision, PlanChoices, PlanStep
from coalition_map.service import ServiceError
from coalition_map.stappenplan import (STEPS, is_overdue, meeting_overview,
                                       next_action_id, step_of)
from coalition_map.typology import PROFILES
from coalition_map.ui import editing, meeting, state
from coalition_map.vocab import ACTION_STATUS, APPROACH, ONDERDELEN, STEP_STATUS

PAGE = "pages/stappenplan.py"
P = "sp_"

meeting.apply_pending(PAGE)
state.keep_widgets(P)

st.title("Stappenplan")
meeting_mode = state.meeting_mode()
service = state.service()
coalition = state.coalition()
plan = state.plan()
today = dt.date.today()

if meeting_mode:
    author = None
    st.info("Vergadermodus: bewerken staat uit.")
else:
    author = state.author(st.columns([2, 3])[0],
                          kinds=("plan_steps", "plan_choices", "decisions", "actions"))

state.show_remembered(P)


def remember(level: str, text: str) -> None:
    state.remember(P, level, text)


def store_error(exc: ServiceError) -> None:
    st.error("Niet opgeslagen: " + state.md_message(exc))


partner_names = {p.id: p.name for p in coalition.partners}
wijk_names = {w.code: w.name for w in coalition.wijken}


def partner_label(pid: str) -> str:
    return partner_names.get(pid, pid) if pid else "(geen)"


def wijk_label(code: str) -> str:
    return wijk_names.get(code, code) if code else "(geen)"


def profile_label(code: str) -> str:
    return PROFILES[code].name if code in PROFILES else "(geen)"


@st.cache_data(show_spinner="Het bestand wordt gemaakt…", max_entries=8)
def plan_file(data_version, fmt: str, day: dt.date) -> bytes:
    """The plan export as bytes (cached per data version, format and day)."""
    writer = {"pdf": plan_export.plan_pdf, "html": plan_export.plan_html,
              "xlsx": plan_export.plan_xlsx}[fmt]
    return writer(state.plan(), state.coalition(), analysis, day)


analysis = None
with state.guard("de dekkingsanalyse"):
    analysis = state.analysis()
overview = meeting_overview(plan, coalition, analysis, today)

tab_overview, tab_steps, tab_choices, tab_actions, tab_decisions, tab_export = st.tabs(
    ["Overzicht voor het overleg", "Zes stappen", "Keuzes", "Acties", "Besluiten",
     "Exporteren"])

# --- overview -------------------------------------------------------------------------
with tab_overview, state.guard("het overzicht"):
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Open acties", overview.open_count)
    c2.metric("Te laat", overview.overdue_count)
    c3.metric("Afgerond", overview.done_count)
    c4.metric("Gaten zonder actie", len(overview.gaps_without_action),
              help="Cellen wijk × profiel die niet of deels gedekt zijn en waar nog geen "
                   "actie voor is.")
    st.subheader("Voortgang per stap")
    for s in overview.steps:
        st.progress(s.fraction, text=f"{s.number}. {s.title} – {s.status_label} "
                                     f"({s.checked}/{s.total} punten, {s.open_actions} open "
                                     "acties)")
    st.subheader("Open en te late acties per trekker")
    if overview.owners:
        st.dataframe(pd.DataFrame([{
            "Trekker": o.owner_name, "Open": len(o.open), "Te laat": len(o.overdue),
            "Te late acties": "; ".join(f"{a.title} ({a.deadline:%d-%m-%Y})"
                                        for a in o.overdue)} for o in overview.owners]),
            hide_index=True, width="stretch")
    else:
        st.success("Geen open acties.")
    st.subheader("Gaten zonder actie")
    if analysis is None:
        st.caption("De dekkingsanalyse is niet beschikbaar.")
    elif not overview.gaps_without_action:
        st.success("Elk gat heeft een actie.")
    else:
        st.caption("Zwaarste gaten eerst (volgorde van de dekkingsanalyse).")
        st.dataframe(pd.DataFrame([{"Wijk": g.wijk_name, "Profiel": g.profile_name,
                                    "Dekking": plan_export.gap_label(g.status)}
                                   for g in overview.gaps_without_action]),
                     hide_index=True, width="stretch")
        if author:
            gaps = overview.gaps_without_action
            choice = st.selectbox(
                "Maak een actie voor dit gat", range(len(gaps)), key=P + "gat",
                format_func=lambda i: f"{gaps[i].profile_name} in {gaps[i].wijk_name}")
            if st.button("Actie aanmaken", key="knop_sp_gat_actie", type="primary"):
                gap = gaps[choice]
                cell = analysis.cells.get((gap.wijk, gap.profile)) if analysis else None
                try:
                    action = service.create_action_for_gap(coalition, gap.wijk, gap.profile,
                                                           cell, actor=author, today=today)
                except ServiceError as exc:
                    store_error(exc)
                else:
                    remember("success", f"Actie {state.md(action.id)} aangemaakt: "
                                        f"{state.md(action.title)}. Vul de details aan op het "
                                        "tabblad Acties.")
                    st.rerun()

# --- steps ----------------------------------------------------------------------------
with tab_steps, state.guard("de stappen"):
    for d in STEPS:
        current = step_of(plan, d.number)
        label = STEP_STATUS.label_of(current.status)
        with st.expander(f"{d.number}. {d.title} – {label}",
                         expanded=current.status == "bezig"):
            st.caption(d.summary)
            if not author:
                for i, item in enumerate(d.checklist):
                    st.markdown(f"{'☑' if i in current.checked else '☐'} {item}")
                dates = " – ".join(x.strftime("%d-%m-%Y") for x in
                                   (current.start_date, current.end_date) if x)
                if dates:
                    st.caption(f"Periode: {dates}")
                if current.notes:
                    st.markdown(f"**Notities:** {state.md(current.notes)}")
                continue
            # The form edits the step as it was when the form was first drawn; the
            # store refuses the save when someone else saved the step in between.
            form = P + f"stap{d.number}"
            base, _ = editing.start(form, "plan_steps", d.number, default=PlanStep(d.number))
            editing.notice(form, "plan_steps", d.number)
            with st.form(form):
                ticks = [st.checkbox(item, value=i in base.checked, key=f"{form}_punt{i}")
                         for i, item in enumerate(d.checklist)]
                cols = st.columns(3)
                status = cols[0].selectbox(
                    "Status", STEP_STATUS.codes, index=STEP_STATUS.codes.index(base.status)
                    if base.status in STEP_STATUS.codes else 0,
                    format_func=STEP_STATUS.label_of, key=f"{form}_status")
                start = cols[1].date_input("Start", value=base.start_date, format="DD-MM-YYYY",
                                           key=f"{form}_start")
                end = cols[2].date_input("Eind", value=base.end_date, format="DD-MM-YYYY",
                                         key=f"{form}_eind")
                notes = st.text_area("Notities", value=base.notes, key=f"{form}_notities")
                submitted = st.form_submit_button("Stap opslaan", type="primary")
            if submitted:
                new = PlanStep(d.number, status, tuple(i for i, t in enumerate(ticks) if t),
                               start or None, end or None, notes.strip())
                if editing.save(form, "plan_steps", new, author=author):
                    remember("success", f"Stap {d.number} opgeslagen.")
                    st.rerun()

# --- choices --------------------------------------------------------------------------
with tab_choices, state.guard("de keuzes"):
    ch = plan.choices
    if not author:
        for label, value in plan_export.choices_rows(plan, coalition):
            st.markdown(f"**{label}:** {state.md(value) if value else '–'}")
    else:
        wijk_options = [ALL] + [w.code for w in coalition.wijken]
        form = P + "keuzes"
        ch, _ = editing.start(form, "plan_choices")
        editing.notice(form, "plan_choices")
        with st.form(form):
            onderdelen = st.multiselect(
                "Onderdelen waar de coalitie aan werkt", ONDERDELEN.codes,
                default=[o for o in ch.onderdelen if o in ONDERDELEN.codes],
                format_func=ONDERDELEN.label_of, key=form + "_onderdelen")
            groups = st.text_input("Doelgroepen (gescheiden door komma's)",
                                   value=", ".join(ch.target_groups), key=form + "_doelgroepen")
            focus = st.multiselect(
                "Focuswijken", wijk_options, default=[w for w in ch.focus_wijken
                                                      if w in wijk_options],
                format_func=lambda c: "hele gemeente" if c == ALL else wijk_label(c),
                key=form + "_focuswijken")
            approach_options = [""] + list(APPROACH.codes)
            approach = st.selectbox(
                "Insteek", approach_options,
                index=approach_options.index(ch.approach) if ch.approach in approach_options
                else 0, format_func=lambda c: APPROACH.label_of(c) if c else "(nog niet gekozen)",
                key=form + "_insteek")
            organisation = st.text_input("Organisatievorm", value=ch.organisation_form,
                                         key=form + "_organisatievorm",
                                         help="Bijvoorbeeld een stichting, een informeel "
                                              "netwerk of ondergebracht bij een bestaande "
                                              "organisatie.")
            funding = st.text_input("Financieringsbronnen (gescheiden door komma's)",
                                    value=", ".join(ch.funding_sources),
                                    key=form + "_financiering")
            notes = st.text_area("Notities", value=ch.notes, key=form + "_notities")
            submitted = st.form_submit_button("Keuzes opslaan", type="primary")
        if submitted:
            new = PlanChoices(
                tuple(onderdelen), tuple(x.strip() for x in groups.split(",") if x.strip()),
                (ALL,) if ALL in focus else tuple(focus), approach, organisation.strip(),
                tuple(x.strip() for x in funding.split(",") if x.strip()), notes.strip())
            if editing.save(form, "plan_choices", new, author=author):
                remember("success", "Keuzes opgeslagen.")
                st.rerun()

# --- actions --------------------------------------------------------------------------
with tab_actions, state.guard("de acties"):
    statuses = st.multiselect("Toon acties met status", ACTION_STATUS.codes,
                              default=["open", "bezig"], format_func=ACTION_STATUS.label_of,
                              key=P + "filter_status")
    shown = [a for a in plan.actions if a.status in statuses]
    if shown:
        st.dataframe(pd.DataFrame([{
            "Id": a.id, "Actie": a.title,
            "Stap": f"{a.step}. {STEPS[a.step - 1].title}" if a.step in range(1, 7) else "",
            "Onderdeel": ONDERDELEN.label_of(a.onderdeel) if a.onderdeel else "",
            "Wijk": wijk_label(a.wijk) if a.wijk else "",
            "Profiel": profile_label(a.profile) if a.profile else "",
            "Trekker": partner_label(a.owner_partner), "Deadline": a.deadline,
            "Status": ACTION_STATUS.label_of(a.status),
            "Te laat": "ja" if is_overdue(a, today) else "",
            "Budget (€)": a.budget, "Financiering": a.funding_source}
            for a in shown]), hide_index=True, width="stretch",
            column_config={"Deadline": st.column_config.DateColumn(format="DD-MM-YYYY")})
    else:
        st.caption("Geen acties met deze status.")
    if author:
        st.subheader("Actie toevoegen of bewerken")
        ids = ["__nieuw__"] + [a.id for a in plan.actions]
        by_id = {a.id: a for a in plan.actions}
        pick = st.selectbox("Actie", ids, key=P + "actie_kies",
                            format_func=lambda i: "Nieuwe actie" if i == "__nieuw__"
                            else f"{i}: {by_id[i].title}")
        # The form edits the action as it was when first drawn (a new one keeps its
        # number); the store refuses the save when someone else saved it meanwhile.
        form = P + ("actie_nieuw" if pick == "__nieuw__" else f"actie_{pick}")
        a, _ = editing.start(form, "actions", None if pick == "__nieuw__" else pick,
                             default=Action(next_action_id(plan), "", step=5, status="open")
                             if pick == "__nieuw__" else None)
        if a is None:
            st.warning(f"Actie {pick} bestaat niet meer; ze is intussen verwijderd.")
            editing.reload_button(form)
        else:
            editing.notice(form, "actions", a.id)
            with st.form(P + "actie_form"):
                title = st.text_input("Titel *", value=a.title, key=f"{form}_titel")
                c1, c2, c3 = st.columns(3)
                step_opts = [None, 1, 2, 3, 4, 5, 6]
                step = c1.selectbox("Stap", step_opts, index=step_opts.index(a.step)
                                    if a.step in step_opts else 0,
                                    format_func=lambda n: f"{n}. {STEPS[n - 1].title}" if n
                                    else "(geen)", key=f"{form}_stap")
                ond_opts = [""] + list(ONDERDELEN.codes)
                onderdeel = c2.selectbox("Onderdeel", ond_opts, index=ond_opts.index(a.onderdeel)
                                         if a.onderdeel in ond_opts else 0,
                                         format_func=lambda c: ONDERDELEN.label_of(c) if c
                                         else "(geen)", key=f"{form}_onderdeel")
                status = c3.selectbox("Status", ACTION_STATUS.codes,
                                      index=ACTION_STATUS.codes.index(a.status)
                                      if a.status in ACTION_STATUS.codes else 0,
                                      format_func=ACTION_STATUS.label_of, key=f"{form}_status")
                c4, c5, c6 = st.columns(3)
                wijk_opts = [""] + [w.code for w in coalition.wijken]
                wijk = c4.selectbox("Wijk van het gat", wijk_opts, index=wijk_opts.index(a.wijk)
                                    if a.wijk in wijk_opts else 0, format_func=wijk_label,
                                    key=f"{form}_wijk")
                prof_opts = [""] + list(PROFILES)
                profile = c5.selectbox("Profiel van het gat", prof_opts,
                                       index=prof_opts.index(a.profile)
                                       if a.profile in prof_opts else 0,
                                       format_func=profile_label, key=f"{form}_profiel")
                owner_opts = [""] + [p.id for p in coalition.partners if p.active or
                                     p.id == a.owner_partner]
                owner = c6.selectbox("Trekker", owner_opts, index=owner_opts.index(a.owner_partner)
                                     if a.owner_partner in owner_opts else 0,
                                     format_func=partner_label, key=f"{form}_trekker")
                c7, c8, c9 = st.columns(3)
                deadline = c7.date_input("Deadline", value=a.deadline, format="DD-MM-YYYY",
                                         key=f"{form}_deadline")
                budget = c8.number_input("Budget (€)", min_value=0.0, value=a.budget, step=100.0,
                                         key=f"{form}_budget")
                funding = c9.text_input("Financieringsbron", value=a.funding_source,
                                        key=f"{form}_financiering")
                notes = st.text_area("Notities", value=a.notes, key=f"{form}_notities")
                submitted = st.form_submit_button("Actie opslaan", type="primary")
            if submitted:
                if not title.strip():
                    st.error("Geef de actie een titel.")
                else:
                    new = Action(a.id, title.strip(), step, onderdeel, wijk, profile, owner,
                                 deadline or None, status, budget, funding.strip(),
                                 notes.strip())
                    if editing.save(form, "actions", new, author=author):
                        remember("success", f"Actie {state.md(new.id)} opgeslagen.")
                        st.rerun()

# --- decisions ------------------------------------------------------------------------
with tab_decisions, state.guard("de besluiten"):
    if plan.decisions:
        st.dataframe(pd.DataFrame([{
            "Datum": d.date, "Stap": f"{d.step}. {STEPS[d.step - 1].title}"
            if d.step in range(1, 7) else "", "Besluit": d.text, "Genomen door": d.decided_by}
            for d in sorted(plan.decisions, key=lambda d: (d.date or dt.date.min, d.id),
                            reverse=True)]),
            hide_index=True, width="stretch",
            column_config={"Datum": st.column_config.DateColumn(format="DD-MM-YYYY"),
                           "Besluit": st.column_config.TextColumn(width="large")})
    else:
        st.caption("Nog geen besluiten vastgelegd.")
    if author:
        taken = {d.id for d in plan.decisions}
        number = len(plan.decisions) + 1
        while f"B-{number:03d}" in taken:
            number += 1
        # A new decision (version 0): refused if its number was taken meanwhile.
        form = P + "besluit"
        editing.start(form, "decisions")
        with st.form(P + "besluit_form"):
            st.markdown("**Besluit vastleggen**")
            c1, c2, c3 = st.columns(3)
            when = c1.date_input("Datum", value=today, format="DD-MM-YYYY", key=form + "_datum")
            step_opts = [None, 1, 2, 3, 4, 5, 6]
            step = c2.selectbox("Stap", step_opts, format_func=lambda n: f"{n}. "
                                f"{STEPS[n - 1].title}" if n else "(geen)", key=form + "_stap")
            by = c3.text_input("Genomen door", key=form + "_door",
                               help="Bijvoorbeeld: coalitieoverleg of stuurgroep.")
            text = st.text_area("Besluit *", key=form + "_tekst")
            submitted = st.form_submit_button("Besluit opslaan", type="primary")
        if submitted:
            if not text.strip():
                st.error("Schrijf op wat er besloten is.")
            else:
                new = Decision(f"B-{number:03d}", when, step, text.strip(), by.strip())
                if editing.save(form, "decisions", new, author=author):
                    remember("success", f"Besluit {state.md(new.id)} opgeslagen.")
                    st.rerun()

# --- export ---------------------------------------------------------------------------
with tab_export, state.guard("de export"):
    st.caption("Het plan voor het verslag van het overleg: voortgang, keuzes, acties per "
               "trekker, gaten zonder actie en de checklists.")
    fmt = st.radio("Bestandsvorm", ["pdf", "html", "xlsx"], horizontal=True,
                   key=P + "export_vorm",
                   format_func={"pdf": "PDF (afdrukken)", "html": "HTML (één bestand)",
                                "xlsx": "Excel (XLSX)"}.get)
    mime = {"pdf": "application/pdf", "html": "text/html",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt]
    data = plan_file(state.version(), fmt, today)
    st.download_button(f"Plan downloaden ({fmt.upper()})", data,
                       file_name=f"plan-{today:%Y%m%d}.{fmt}", mime=mime, key="download_sp",
                       type="primary")
