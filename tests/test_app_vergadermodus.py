"""AppTest: meeting mode -- no editing, stepping through saved views.

Streamlit's AppTest (1.67) keeps the elements the main script draws before
``navigation.run()`` (our shared sidebar) only in the first run's tree; every
sidebar step therefore starts from a fresh AppTest with the session state the
previous step left. The browser test clicks through the real thing.
"""

from __future__ import annotations

from app_helpers import APP, assert_clean, by_key, db  # noqa: F401 (db is a fixture)
from streamlit.testing.v1 import AppTest

from coalition_map.ui import meeting


def _fresh(session: dict):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    assert_clean(at)
    return at


def test_meeting_mode_steps_through_views(db):
    at = _fresh({"vergadermodus": True})
    views = at.session_state[meeting.VIEWS_KEY]
    assert [v.page for v in views][:3] == ["pages/overzicht.py", "pages/overzicht.py",
                                           "pages/dekking.py"]
    assert any(c.value.startswith(f"Weergave 1 van {len(views)}") for c in at.sidebar.caption)
    # Large type: the meeting CSS is on the page.
    assert any("font-size: 21px" in h.proto.body for h in at.get("html"))
    by_key(at.button, "_vergader_volgende").click().run()
    assert_clean(at)
    assert at.session_state[meeting.INDEX_KEY] == 1
    # View 2: only the top gaps on the overview.
    assert [t.value for t in at.title] == ["Overzicht"]
    assert not [m for m in at.metric if m.label == "Partners"]
    assert [s.value for s in at.subheader] == ["Grootste gaten"]

    at = _fresh({"vergadermodus": True, meeting.VIEWS_KEY: views, meeting.INDEX_KEY: 1})
    assert any(c.value.startswith(f"Weergave 2 van {len(views)}") for c in at.sidebar.caption)
    by_key(at.button, "_vergader_volgende").click().run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Dekking per wijk"]
    # No editing controls in meeting mode: no form for planned offers.
    assert not [b for b in at.button if b.label == "Toevoegen aan de wat-als"]

    at = _fresh({"vergadermodus": True, meeting.VIEWS_KEY: views, meeting.INDEX_KEY: 0})
    by_key(at.button, "_vergader_vorige").click().run()
    assert at.session_state[meeting.INDEX_KEY] == len(views) - 1
    assert views[-1].page == "pages/netwerk.py"
    assert [t.value for t in at.title] == ["Netwerk"]


def test_a_view_opens_its_page_with_its_filters(db):
    wijk = db.load_coalition().wijken[1].code
    view = meeting.View("Netwerk van mijn wijk", "pages/netwerk.py", {"net_wijken": [wijk]})
    at = _fresh({"vergadermodus": True, meeting.VIEWS_KEY: [view]})
    by_key(at.button, "_vergader_ga_0").click().run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Netwerk"]
    assert by_key(at.multiselect, "net_wijken").value == [wijk]


def test_saving_the_current_view_keeps_the_page_filters():
    def script():
        import streamlit as st

        from coalition_map.ui import meeting
        st.session_state["net_wijken"] = ["W2"]
        st.session_state["ov_mix"] = "gelijk"
        view = meeting.save_current("pages/netwerk.py", "Mijn weergave")
        st.write(repr((view.title, view.page, view.settings)))

    at = AppTest.from_function(script).run()
    assert at.markdown[0].value == repr(("Mijn weergave", "pages/netwerk.py",
                                         {"net_wijken": ["W2"]}))


def test_meeting_mode_stays_on_across_pages(db):
    at = _fresh({})
    by_key(at.toggle, "_vergadermodus_schakelaar").set_value(True).run()
    assert_clean(at)
    assert at.session_state["vergadermodus"] is True
    at.switch_page("pages/partners_aanbod.py").run()
    assert_clean(at)
    assert by_key(at.toggle, "_vergadermodus_schakelaar").value is True
    assert not [b for b in at.button if b.label == "Opslaan"]
    by_key(at.toggle, "_vergadermodus_schakelaar").set_value(False).run()
    assert at.session_state["vergadermodus"] is False
    assert [b for b in at.button if b.label == "Opslaan"]
