"""Partners en aanbod: browse, search, add, edit and deactivate records; import and templates."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from coalition_map import access, schema
from coalition_map.service import ServiceError, imported_files
from coalition_map.ui import auth, editing, records, sidebar, state

PAGE = "pages/partners_aanbod.py"
PICKER_LIMIT = 500     # records in the edit picker; search to narrow down
P = "pa_"

sidebar.render("pages/partners_aanbod.py", "Partners en aanbod")
st.title("Partners en aanbod")
meeting = state.meeting_mode()
actor = auth.current_actor()        # None: local mode, all rights
service = state.service()
coalition = state.coalition()

if meeting:
    st.info("Vergadermodus: bewerken staat uit. Zet de vergadermodus in de zijbalk uit om "
            "gegevens te wijzigen.")
    author = None
else:
    author = state.author(st.columns([2, 3])[0])

# Messages from the previous run (after a save the page reruns).
state.show_remembered(P)


def remember(level: str, text: str) -> None:
    state.remember(P, level, text)


def show_refusal(exc: ServiceError) -> None:
    st.error(state.md_message(exc))


# --- one tab per kind ---------------------------------------------------------------

def filters(kind: str, items: list) -> list:
    c1, c2, c3 = st.columns([3, 2, 2])
    text = c1.text_input("Zoeken", key=f"{P}{kind}_zoek",
                         placeholder="naam, code, sector, wijk, …")
    items = records.search(kind, items, text, coalition, texts=state.records_view(kind)[1])
    if kind == "partners":
        col = schema.FILES[kind].column("sector")
        picked = c2.multiselect("Sector", list(col.vocab.codes), key=f"{P}{kind}_sector",
                                format_func=col.vocab.label_of, placeholder="alle sectoren")
        if picked:
            items = [o for o in items if o.sector in picked]
    if kind == "offers":
        col = schema.FILES[kind].column("kind")
        picked = c2.multiselect("Soort aanbod", list(col.vocab.codes), key=f"{P}{kind}_soort",
                                format_func=col.vocab.label_of, placeholder="alle soorten")
        if picked:
            items = [o for o in items if o.kind in picked]
    if kind in records.DEACTIVATABLE:
        show = c3.radio("Tonen", ["actief", "alle", "inactief"], horizontal=True,
                        key=f"{P}{kind}_actief")
        if show == "actief":
            items = [o for o in items if o.active]
        elif show == "inactief":
            items = [o for o in items if not o.active]
    return items


def editor(kind: str, items: list) -> None:
    fk = schema.FILES[kind]
    all_items = records.objects(coalition, kind)
    if actor is not None:   # a partner picks only its own records (the service checks too)
        items = [o for o in items if access.allowed(actor, access.SAVE, kind, o)]
    shown = items[:PICKER_LIMIT]
    may_add = actor is None or actor.role != "partner" or kind == "offers"
    choices = (["__nieuw__"] if may_add else []) + [records.key_of(kind, o) for o in shown]
    if not choices:
        st.caption("Er is hier niets dat u met uw rol kunt wijzigen.")
        return
    titles = {records.key_of(kind, o): records.record_title(kind, o, coalition)
              for o in shown}
    if len(items) > PICKER_LIMIT:
        st.caption(f"De keuzelijst toont de eerste {PICKER_LIMIT} van {len(items)}; zoek "
                   "hierboven om te verfijnen.")
    picked = st.selectbox(
        f"{fk.label}: kies wat u wilt bewerken, of ‘+ Nieuw’", choices,
        key=f"{P}{kind}_kies",
        format_func=lambda k: f"+ Nieuw ({fk.label.lower()})" if k == "__nieuw__"
        else titles.get(k, " / ".join(map(str, k))))
    key = None
    if picked != "__nieuw__":
        found = next((o for o in all_items if records.key_of(kind, o) == picked), None)
        if found is None:
            st.warning("Dit bestaat niet meer; het is intussen verwijderd.")
            return
        key = records.key_arg(kind, found)
    form_key = f"{P}{kind}_form_{'nieuw' if key is None else '_'.join(map(str, picked))}"
    # The form edits the record as it was when first drawn; the store refuses a save,
    # deactivation or deletion when someone else saved it in between.
    obj, _version = editing.start(form_key, kind, key)
    if key is not None and obj is None:
        st.warning("Dit bestaat niet meer; het is intussen verwijderd.")
        editing.reload_button(form_key)
        return
    editing.notice(form_key, kind, key)
    with st.form(form_key, clear_on_submit=False, border=True):
        # A new partner or offer gets the next id (P37, A090) proposed; users never invent one.
        proposed = ({"id": service.propose_id(kind)}
                    if obj is None and kind in ("partners", "offers") else None)
        texts = records.form_fields(kind, obj, coalition, prefix=form_key,
                                    editing=obj is not None, proposed=proposed)
        st.caption("Velden met * zijn verplicht.")
        submitted = st.form_submit_button("Opslaan", type="primary",
                                          disabled=not author)
    if submitted and author:
        new, problems = records.parse_form(kind, texts)
        if new is not None:
            problems = list(problems) + list(service.validate_record(kind, new))
        errors = [p for p in problems if p.is_error]
        for p in problems:
            (st.error if p.is_error else st.warning)(state.md(records.problem_text(p, kind)))
        if new is not None and not errors:
            if obj is None and any(records.key_of(kind, o) == records.key_of(kind, new)
                                   for o in all_items):
                st.error(f"Dit bestaat al (sleutel "
                         f"{state.md(' / '.join(map(str, records.key_of(kind, new))))}). "
                         "Kies het in de lijst om het te bewerken.")
                return
            with st.spinner("Opslaan…"):
                saved = editing.save(form_key, kind, new, author=author)
            if not saved:
                return
            remember("success",
                     f"Opgeslagen: {state.md(records.record_title(kind, new, coalition))}.")
            st.rerun()
    if obj is None or not author:
        return
    left, right = st.columns(2)
    if kind in records.DEACTIVATABLE and obj.active and left.button(
            "Op inactief zetten", key=f"{form_key}_inactief",
            help="Blijft bewaard (met geschiedenis) maar telt niet meer mee."):
            try:
                service.deactivate(kind, key, actor=author,
                                   expected_version=editing.seen_version(form_key))
            except ServiceError as exc:
                show_refusal(exc)
                return
            editing.forget(form_key)
            remember("success", "Op inactief gezet: "
                     f"{state.md(records.record_title(kind, obj, coalition))}.")
            st.rerun()
    if kind not in records.DEACTIVATABLE:
        confirm = right.checkbox("Ja, verwijderen", key=f"{form_key}_zeker")
        if right.button("Verwijderen", key=f"{form_key}_weg", disabled=not confirm):
            try:
                service.delete(kind, key, actor=author,
                               expected_version=editing.seen_version(form_key))
            except ServiceError as exc:
                show_refusal(exc)
                return
            editing.forget(form_key)
            remember("success",
                     f"Verwijderd: {state.md(records.record_title(kind, obj, coalition))}.")
            st.rerun()


def kind_tab(kind: str) -> None:
    everything = records.objects(coalition, kind)
    items = filters(kind, everything)
    position = {id(o): i for i, o in enumerate(everything)}
    table = state.records_view(kind)[0].iloc[[position[id(o)] for o in items]]
    st.caption(f"{len(items)} van {len(everything)} getoond")
    st.dataframe(table, hide_index=True, width="stretch",
                 height=min(420, 38 + 35 * max(1, len(items))))
    if meeting:
        return
    if actor is not None and not access.may_edit_kind(actor, kind):
        st.caption(f"Als {actor.role_label.lower()} kunt u "
                   f"{schema.FILES[kind].label.lower()} bekijken, niet wijzigen.")
        return
    st.subheader("Bewerken")
    editor(kind, items)


# --- import and templates ---------------------------------------------------------------

def import_tab() -> None:
    st.markdown("Lees een ingevuld bestand in. U ziet eerst wat er verandert; pas daarna "
                "wordt het toegepast. Eén bestandssoort vervangt alleen die gegevens "
                "(bijvoorbeeld alle partners); een volledige werkmap vervangt alles.")
    kinds = {"__werkmap__": "Volledige werkmap (.xlsx, alle bladen)"}
    kinds.update({k: schema.FILES[k].label for k in ("wijken", "partners", "offers",
                                                     "referrals")})
    kind = st.selectbox("Wat leest u in?", list(kinds), format_func=kinds.get,
                        key=P + "import_soort")
    upload = st.file_uploader("Bestand (CSV of XLSX)", type=["csv", "xlsx"],
                              key=P + "import_bestand")
    if upload is None:
        return
    from coalition_map.limits import MAX_FILE_BYTES, dutch_bytes
    if upload.size > MAX_FILE_BYTES:    # checked before anything is read or parsed
        st.error(f"{state.md(upload.name)} is {dutch_bytes(upload.size)}; de grens is "
                 f"{dutch_bytes(MAX_FILE_BYTES)} per bestand. Splits de gegevens over meer "
                 "bestanden.")
        return
    data = upload.getvalue()
    with st.status("Bestand wordt gelezen en gecontroleerd…", expanded=False) as status:
        if kind == "__werkmap__":
            from coalition_map.loading import load_workbook
            if not upload.name.lower().endswith(".xlsx"):
                status.update(label="Een volledige werkmap moet een .xlsx-bestand zijn.",
                              state="error")
                return
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(upload.name).name
                path.write_bytes(data)
                result = load_workbook(path)
            new_coalition, new_plan, problems = result.coalition, result.plan, result.problems
            sources = imported_files(result)
            kinds_in = set(sources)   # absent sheets stay as they are
        else:
            from coalition_map.loading import load_upload
            items, problems = load_upload(kind, upload.name, data, coalition=coalition)
            new_coalition = records.replace_kind(coalition, kind, items)
            new_plan = state.plan()
            kinds_in = {kind}
            sources = {kind: upload.name}
        errors = [p for p in problems if p.is_error]
        status.update(label=f"Gecontroleerd: {len(errors)} fouten, "
                      f"{len(problems) - len(errors)} waarschuwingen.",
                      state="error" if errors else "complete")
    if problems:
        st.dataframe(_problems_frame(problems), hide_index=True, width="stretch")
    if errors:
        st.error("Het bestand heeft fouten en wordt niet ingelezen. Verbeter de rijen hierboven "
                 "en lees het opnieuw in.")
        return
    if kind == "__werkmap__" and not new_coalition.info.name:
        new_coalition = records.replace_kind(new_coalition, "coalition", [coalition.info])
    # The preview the user sees is kept for this upload; applying it is refused when
    # the store changed after the preview was made (or the data no longer give it).
    preview_key = f"_{P}import_voorvertoning"
    upload_id = (upload.file_id, kind)
    kept_preview = st.session_state.get(preview_key)
    if kept_preview is not None and kept_preview[0] == upload_id:
        diff = kept_preview[1]
    else:
        try:
            diff = service.preview_import(new_coalition, new_plan, kinds=kinds_in)
        except ServiceError as exc:
            show_refusal(exc)
            return
        st.session_state[preview_key] = (upload_id, diff)
    st.subheader("Wat verandert er")
    kept = [fk.label for k, fk in schema.FILES.items() if k not in kinds_in]
    if kept:
        st.caption("Niet in het bestand, dus blijft zoals het is: " + ", ".join(kept) + ".")
    st.text(diff.summary())
    if diff.is_empty:
        return
    for k, d in diff.kinds.items():
        if d.is_empty:
            continue
        with st.expander(f"{schema.FILES[k].label}: {len(d.new)} nieuw, {len(d.changed)} "
                         f"gewijzigd, {len(d.removed)} verwijderd"):
            if d.new:
                st.markdown("**Nieuw**")
                st.dataframe(records.records_frame(k, d.new, new_coalition), hide_index=True)
            if d.changed:
                st.markdown("**Gewijzigd**")
                for obj, changes in d.changed_fields():
                    st.markdown("- " + state.md(records.record_title(k, obj, new_coalition)) + ": "
                                + state.md("; ".join(c.describe() for c in changes)))
            if d.removed:
                st.markdown("**Verwijderd**")
                st.dataframe(records.records_frame(k, d.removed, coalition), hide_index=True)
    removals = diff.removals()
    if removals:
        state.say("warning", diff.removal_report(sources))
    st.caption("Na het toepassen kunt u de hele import in één keer ongedaan maken op de "
               "pagina Wijzigingen.")
    if meeting:
        return
    confirmed = False
    if removals:
        confirmed = st.checkbox(
            state.md("Ja, deze import mag dit verwijderen: "
                     + "; ".join(r.short() for r in removals) + "."),
            key=f"_{P}import_verwijderen_{upload.file_id}_{kind}")
    if st.button("Wijzigingen toepassen", type="primary",
                 disabled=not author or (bool(removals) and not confirmed),
                 help="Eerst bevestigen wat er verwijderd wordt." if removals and not confirmed
                 else None, key=P + "import_toepassen"):
        try:
            with st.status("Import wordt toegepast…") as status:
                changeset = service.apply_import(new_coalition, new_plan, actor=author,
                                                 note=f"import {upload.name}", based_on=diff,
                                                 remove=confirmed)
                status.update(label="Import toegepast.", state="complete")
        except ServiceError as exc:
            state.say("error", str(exc))
            st.button("Verschillen opnieuw bekijken", key=f"_{P}import_opnieuw",
                      on_click=st.session_state.pop, args=(preview_key, None))
            return
        st.session_state.pop(preview_key, None)
        remember("success", f"Ingelezen uit {state.md(upload.name)}: {len(changeset.changes)} "
                 "wijzigingen opgeslagen.")
        st.rerun()


def _problems_frame(problems):
    import pandas as pd
    return pd.DataFrame([{"Soort": "fout" if p.is_error else "waarschuwing",
                          "Bestand": p.file, "Rij": "" if p.row is None else str(p.row),
                          "Kolom": p.column or "", "Waarde": p.value or "",
                          "Melding": p.message} for p in problems])


def templates_tab() -> None:
    st.markdown("Lege sjablonen om in Excel of een ander rekenprogramma in te vullen. De "
                "werkmap heeft per blad een toelichting bij elke kolom.")
    st.download_button("Volledige werkmap (.xlsx)", state.template(None, "xlsx"),
                       file_name="coalitiekaart-sjabloon.xlsx", key=P + "sjabloon_alles",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    for kind in ("wijken", "partners", "offers", "referrals"):
        fk = schema.FILES[kind]
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.markdown(f"**{fk.label}** — {fk.description}")
        c2.download_button("CSV", state.template(kind, "csv"), file_name=fk.filename,
                           mime="text/csv", key=f"{P}sjabloon_{kind}_csv")
        c3.download_button("XLSX", state.template(kind, "xlsx"),
                           file_name=fk.filename.replace(".csv", ".xlsx"),
                           key=f"{P}sjabloon_{kind}_xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml"
                                ".sheet")
    st.subheader("Huidige gegevens downloaden")
    if st.button("Werkmap met alle huidige gegevens maken", key=P + "export"):
        from coalition_map.writing import write_workbook
        with st.spinner("Werkmap wordt gemaakt…"), tempfile.TemporaryDirectory() as tmp:
            path = write_workbook(coalition, state.plan(), Path(tmp) / "coalitiekaart.xlsx")
            st.session_state[P + "export_data"] = Path(path).read_bytes()
    if st.session_state.get(P + "export_data"):
        st.download_button("Download coalitiekaart.xlsx", st.session_state[P + "export_data"],
                           file_name="coalitiekaart.xlsx", key=P + "export_download",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml"
                                ".sheet")


labels = [schema.FILES[k].label for k in records.EDITABLE_KINDS]
may_import = actor is None or access.allowed(actor, access.IMPORT)
tab_names = labels + ([] if meeting else
                      (["Inlezen"] if may_import else []) + ["Sjablonen en export"])
tabs = st.tabs(tab_names)
for tab, kind in zip(tabs, records.EDITABLE_KINDS):
    with tab, state.guard(f"de tab {schema.FILES[kind].label}"):
        kind_tab(kind)
if not meeting:
    if may_import:
        with tabs[len(records.EDITABLE_KINDS)], state.guard("het inlezen"):
            import_tab()
    with tabs[-1], state.guard("de sjablonen"):
        templates_tab()
