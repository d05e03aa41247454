"""AppTest: names are shown as text everywhere, never as Markdown.

A partner, wijk, offer, action, decision and the coalition itself carry the
name ``![x](http://evil.invalid/x.png) **vet**``. On every page, in normal
and meeting mode, no element that Streamlit renders as Markdown (text,
captions, alerts, headers, labels of expanders, buttons and widgets, radio
options, the cells of ``st.table``) may hold that text unescaped: it would
load an outside image (or make the address a link). Plain-text elements (dataframes, the options of
select boxes, text inputs) may show it as it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from app_helpers import APP
from streamlit.testing.v1 import AppTest

from coalition_map import model
from coalition_map.store import open_store

PAYLOAD = "![x](http://evil.invalid/x.png) **vet**"


def _raw(text: str) -> bool:
    """True when the payload is not escaped: an image, or an address that becomes a link
    (Streamlit links a bare address after reading the escapes, so the address must be
    broken up, not only escaped)."""
    return "](http" in text or "http://evil" in text.replace("\\", "")

#: Elements whose content Streamlit shows as plain text: only their label is Markdown.
PLAIN = {"dataframe", "selectbox", "multiselect", "text_input", "text_area", "number_input",
         "date_input", "html", "iframe", "code", "text", "json", "download_button",
         "file_uploader", "arrow_vega_lite_chart", "table"}


@pytest.fixture
def payload_db(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("COALITION_MAP_DB", str(path))
    store = open_store(str(path))
    coalition, plan = store.load()
    store.save("coalition", dataclasses.replace(coalition.info, name=PAYLOAD,
                                                municipality=PAYLOAD), author="t",
               expected_version=store.get("coalition")[1])
    store.save("wijken", model.Wijk("WKMD", PAYLOAD, inhabitants=1000), author="t",
               expected_version=0)
    store.save("partners", model.Partner("MD1", PAYLOAD, "welzijn",
                                         roles=("signaleren", "aanbieden"),
                                         wijken=("WKMD",), contact_person=PAYLOAD),
               author="t", expected_version=0)
    store.save("offers", model.Offer("MDA", "MD1", PAYLOAD, "ontmoeting", "vrijwilliger",
                                     description=PAYLOAD, intervention_types=(
                                         "toeleiding_activiteiten",),
                                     profiles=("actieven",), wijken=("WKMD",)), author="t",
               expected_version=0)
    store.save("referrals", model.Referral("MD1", coalition.partners[0].id, "meldt"),
               author="t", expected_version=0)
    store.save("actions", model.Action("MDX", PAYLOAD, 5, wijk="WKMD", profile="overlevers",
                                       owner_partner="MD1", deadline=dt.date(2020, 1, 1),
                                       status="open", notes=PAYLOAD), author="t",
               expected_version=0)
    store.save("decisions", model.Decision("MDB", dt.date(2026, 1, 1), 2, PAYLOAD, PAYLOAD),
               author="t", expected_version=0)
    step = plan.steps[0] if plan.steps else model.PlanStep(1)
    store.save("plan_steps", dataclasses.replace(step, notes=PAYLOAD), author="t",
               expected_version=store.get("plan_steps", step.number)[1] if plan.steps else 0)
    store.save("plan_choices", dataclasses.replace(plan.choices, notes=PAYLOAD,
                                                   organisation_form=PAYLOAD), author="t",
               expected_version=store.get("plan_choices")[1])
    from coalition_map.store import snapshots as peilmomenten
    store.save("relationships", model.RelationshipAnswer(
        PAYLOAD, "MD1", coalition.partners[0].id, dt.date(2030, 1, 1), know=True,
        open_communication=3), author="t", expected_version=0)
    peilmomenten.take_snapshot(store, "Peil " + PAYLOAD, author="t")
    yield store
    store.close()


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def unescaped(at) -> list[str]:
    """Markdown-rendered elements of the last run that hold the payload unescaped."""
    hits = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None:
            continue
        if kind == "table":
            frame = node.value
            cells = [str(v) for v in frame.to_numpy().ravel()] + \
                [str(v) for v in frame.index] + [str(c) for c in frame.columns]
            hits += [f"table: {c}" for c in cells if _raw(c)]
        elif kind in PLAIN:
            label = getattr(proto, "label", "")
            if _raw(label):
                hits.append(f"{kind} label: {label}")
        elif _raw(str(proto)):
            hits.append(f"{kind}: {str(proto)[:200]}")
    return hits


def _run(page: str, session: dict):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    sidebar_hits = unescaped(at)             # the shared sidebar is only in the first tree
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at, sidebar_hits


PAGES = ["pages/overzicht.py", "pages/dekking.py", "pages/netwerk.py",
         "pages/partners_aanbod.py", "pages/stappenplan.py", "pages/sociale_kaart.py",
         "pages/wijzigingen.py", "pages/peilmomenten.py"]


@pytest.mark.parametrize("meeting", [False, True], ids=["gewoon", "vergadermodus"])
def test_names_are_text_on_every_page(payload_db, meeting):
    base = {"vergadermodus": meeting, "auteur": "Anna"}
    focused = {"dek_wijk": "WKMD", "dek_profiel": "overlevers", "dek_kwetsbaar": "MD1",
               "net_focus": "MD1", "net_wijken": ["WKMD"], "sk_vw_wijk": "WKMD",
               "ov_alleen_gaten": meeting}
    hits = {}
    for page in PAGES:
        at, sidebar_hits = _run(page, {**base, **focused})
        found = sidebar_hits + unescaped(at)
        if found:
            hits[page] = found
    assert not hits, hits


def test_the_check_sees_an_unescaped_name(payload_db):
    """The check itself: a page that shows the name raw is caught."""
    at = AppTest.from_string(f"import streamlit as st\nst.caption({PAYLOAD!r})\n"
                             f"st.table({{'a': [{PAYLOAD!r}]}})\n"
                             f"st.selectbox({PAYLOAD!r}, [{PAYLOAD!r}])\n")
    at.run()
    assert len(unescaped(at)) == 3
