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


def test_saving_the_current_view_keeps_the_page_filters(db):
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


def test_saved_views_are_in_the_database_and_survive_a_restart(db):
    """A coordinator saves a view on one PC; after a restart (new session, caches
    cleared, store reopened) another PC steps through the same sequence."""
    import streamlit as st
    from coalition_map.store import meeting_views
    from coalition_map.store import open_store
    wijk = db.load_coalition().wijken[2].code
    at = _fresh({"auteur": "Coördinator", "net_wijken": [wijk]})
    at.switch_page("pages/netwerk.py").run()
    by_key(at.text_input, "_vergader_titel").set_value("Netwerk van de Akkers")
    by_key(at.button, "_vergader_bewaar").click().run()
    assert_clean(at)
    stored, version = meeting_views.load(db)
    assert version == 1 and stored[-1]["title"] == "Netwerk van de Akkers"
    assert stored[-1]["settings"]["net_wijken"] == [wijk]
    # "restart": every cache gone, the database opened anew
    st.cache_resource.clear()
    st.cache_data.clear()
    reopened = open_store(str(db.engine.url.database))
    assert meeting_views.load(reopened) == (stored, version)
    at = _fresh({"vergadermodus": True})
    n = len(stored)
    assert any(c.value.startswith(f"Weergave 1 van {n}") for c in at.sidebar.caption)
    at = _fresh({"vergadermodus": True, meeting.INDEX_KEY: n - 2})
    by_key(at.button, "_vergader_volgende").click().run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Netwerk"]
    assert by_key(at.multiselect, "net_wijken").value == [wijk]


def test_a_stale_save_of_the_views_is_refused(db):
    import pytest
    from coalition_map.store import meeting_views
    from coalition_map.store.history import StoreError
    meeting_views.save(db, [{"title": "A", "page": "pages/overzicht.py", "settings": {}}],
                       author="Anna", expected_version=0)
    with pytest.raises(StoreError, match="intussen gewijzigd door Anna"):
        meeting_views.save(db, [], author="Bert", expected_version=0)
    assert meeting_views.save(db, [], author="Bert", expected_version=1) == 2


def test_wall_view_hides_the_chrome(db):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["muur"] = "1"
    at.run()
    assert_clean(at)
    assert at.session_state["vergadermodus"] is True
    assert any('[data-testid="stSidebar"]' in h.proto.body and "display:none" in h.proto.body
               for h in at.get("html"))
