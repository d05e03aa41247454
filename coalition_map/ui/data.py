"""The data of the pages, read through the service layer and cached.

Everything expensive is cached and keyed on the store's ``data_version()``,
which changes on every write, so a save in one tab shows in every page on the
next run. The :class:`~coalition_map.service.Service` is a shared resource
(one per database); the derived objects (coalition, analysis, graph, metrics)
are cached as resources too, because they are large and read-only: pages
never mutate them. A read that fails stops the page with a Dutch message
(:func:`_computed`, the one wrapper).
"""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st

from .. import paths
from ..errors import ServiceError
from .escape import md
from .messages import fail, log, technical


def _computed(message: str, compute, *args, missing: str | None = None):
    """``compute(*args)``, or stop the page with ``message`` (Dutch) when it fails.

    The one wrapper around every cached read below: an unexpected error is
    logged with its traceback and shown as ``message`` with a short technical
    line; ``missing`` is shown instead when a part of the app is not installed.
    """
    try:
        return compute(*args)
    except ImportError:
        if missing is None:
            raise
        fail(missing)
    except Exception as exc:  # noqa: BLE001 - a read that fails must not show a traceback
        log.exception(message)
        fail(message, f"Technische melding: {md(technical(exc))}")


# --- the store, through the service layer ------------------------------------------

def db_key() -> str:
    """What identifies the store: ``COALITION_MAP_DB`` or empty (the default file)."""
    return os.environ.get(paths.DB_ENV, "")


@st.cache_resource(show_spinner="De gegevens worden geopend…")
def _open_service(key: str):
    from ..service import open_service
    return open_service(key or None)


def service():
    """The :class:`~coalition_map.service.Service` for this app (opened once per
    database, seeded on first open): every read and write of the pages.

    A store that cannot be opened (corrupt, 0 bytes, newer schema, server
    down, URL with a typo) stops the page with the store's Dutch message; it
    is not cached, so the next run tries again.
    """
    try:
        opened = _open_service(db_key())
        # with login configured only a logged-in actor may write (docs/login.md)
        from .settings import login_enabled
        opened.logins_required = login_enabled()
        return opened
    except ImportError:
        fail("De gegevensopslag is in deze versie van de app nog niet beschikbaar.")
    except ServiceError as exc:
        log.warning("Opslag kon niet worden geopend: %s", exc)
        fail("De gegevensopslag kon niet worden geopend.", md(technical(exc)))
    except Exception as exc:  # noqa: BLE001 - e.g. a driver error: Dutch message, no traceback
        log.exception("Opslag kon niet worden geopend")
        fail("De gegevensopslag kon niet worden geopend. Controleer de instelling "
             f"{paths.DB_ENV} of het bestand.", f"Technische melding: {md(technical(exc))}")


def version():
    """The store's data version; every cache below is keyed on it."""
    return _computed("De gegevensopslag is niet bereikbaar.", service().data_version)


@st.cache_resource(show_spinner="De coalitie wordt geladen…", max_entries=4)
def _coalition(key: str, data_version):
    return _open_service(key).load_coalition()


@st.cache_resource(show_spinner=False, max_entries=4)
def _plan(key: str, data_version):
    return _open_service(key).load_plan()


def coalition():
    """The coalition as stored now (cached per data version)."""
    return _computed("De gegevens van de coalitie konden niet worden geladen.",
                     _coalition, db_key(), version())


@st.cache_resource(show_spinner=False, max_entries=16)
def _versions(key: str, data_version, kind: str) -> dict[str, int]:
    return _open_service(key).versions_of(kind)


def versions(kind: str) -> dict[str, int]:
    """Stored version per record of a kind (``Service.key_json`` → version), cached per
    data version.

    Only for *showing* that a record changed (``editing.notice``); it plays no
    part in a save, which always checks the version in the store itself.
    """
    return _computed("De gegevens konden niet worden gelezen.",
                     _versions, db_key(), version(), kind)


def plan():
    return _computed("Het stappenplan kon niet worden geladen.", _plan, db_key(), version())


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


@st.cache_resource(show_spinner="De dekking wordt berekend…", max_entries=8)
def _analysis(key: str, data_version, mix: str, custom_mix_frozen, today: dt.date):
    from ..analysis import analyze
    custom = dict(custom_mix_frozen) if custom_mix_frozen else None
    return analyze(_coalition(key, data_version), mix=mix, custom_mix=custom, today=today,
                   focus=_plan(key, data_version).choices)   # focus wijken rank first


def analysis(mix: str = "gelijk", custom_mix: dict | None = None):
    """The gap analysis of the stored coalition (cached per data version and mix)."""
    return _computed("De dekking kon niet worden berekend. Controleer de gegevens op de "
                     "pagina Partners en aanbod.", _analysis, db_key(), version(), mix,
                     _freeze(custom_mix), dt.date.today(),
                     missing="De analyse is in deze versie van de app nog niet beschikbaar.")


@st.cache_resource(show_spinner=False, max_entries=16)
def _wijk_map(key: str, data_version, mix: str, custom_mix_frozen, today: dt.date,
              profile, width: int, with_partners: bool = False) -> str:
    from ..wijkmap import partner_points, wijk_map_svg
    a = _analysis(key, data_version, mix, custom_mix_frozen, today)
    c = _coalition(key, data_version)
    # wide maps are for the projector: larger labels (the map is scaled to fit the screen)
    return wijk_map_svg(c, a, profile=profile, width=width,
                        points=partner_points(c) if with_partners else (),
                        font_px=width / 40 if width > 1000 else None)


def wijk_map(mix: str = "gelijk", custom_mix: dict | None = None, profile: str | None = None,
             width: int = 800, with_partners: bool = False) -> str:
    """The SVG map of the wijken (open cells, or one profile's state; partners with
    coordinates as points), cached per data version, mix and colouring; empty when no
    wijk has a boundary."""
    analysis(mix, custom_mix)       # a failing analysis reports itself in Dutch
    return _computed("De kaart van de wijken kon niet worden getekend.", _wijk_map, db_key(),
                     version(), mix, _freeze(custom_mix), dt.date.today(), profile, width,
                     with_partners)


@st.cache_resource(show_spinner="Het netwerk wordt opgebouwd…", max_entries=4)
def _graph(key: str, data_version):
    from ..graph import build_graph
    return build_graph(_coalition(key, data_version))


def graph():
    return _computed("Het netwerk kon niet worden opgebouwd.", _graph, db_key(), version(),
                     missing="De netwerkkaart is in deze versie van de app nog niet "
                             "beschikbaar.")


@st.cache_resource(show_spinner="Netwerkmaten worden berekend…", max_entries=4)
def _metrics(key: str, data_version):
    from ..graph import network_summary, referral_graph
    return network_summary(referral_graph(_coalition(key, data_version)))


def graph_metrics() -> dict:
    """Figures of the referral network (``graph.network_summary``), keys partner ids."""
    return _computed("De netwerkmaten konden niet worden berekend.", _metrics, db_key(),
                     version(), missing="De netwerkmaten zijn in deze versie van de app nog "
                                        "niet beschikbaar.")


@st.cache_resource(show_spinner="Het effect wordt berekend…", max_entries=16)
def _what_if(key: str, data_version, remove_partners: tuple, remove_offers: tuple,
             add_offers: tuple, today: dt.date):
    from ..analysis import cells_after, what_if
    coalition = _coalition(key, data_version)
    before = _analysis(key, data_version, "gelijk", None, today).cells
    after = cells_after(coalition, remove_partners, remove_offers, add_offers, today=today)
    return what_if(coalition, before=before, after=after, today=today), after


def _what_if_result(remove_partners, remove_offers, add_offers):
    return _computed("Het effect van de wijziging kon niet worden berekend.", _what_if,
                     db_key(), version(), tuple(sorted(remove_partners)),
                     tuple(sorted(remove_offers)), tuple(add_offers), dt.date.today())


def what_if(remove_partners=(), remove_offers=(), add_offers=()) -> list:
    """Cells that change when partners leave, offers stop or planned offers start.

    Nothing is saved: the store is only read.
    """
    return _what_if_result(remove_partners, remove_offers, add_offers)[0]


def what_if_cells(remove_partners=(), remove_offers=(), add_offers=()) -> dict:
    """The whole coverage matrix after the what-if (cell details follow it)."""
    return _what_if_result(remove_partners, remove_offers, add_offers)[1]


@st.cache_resource(show_spinner=False, max_entries=64)
def _suggestions(key: str, data_version, wijk: str, today: dt.date):
    from ..analysis.suggestions import suggestions
    cells = _analysis(key, data_version, "gelijk", None, today).cells
    return {s.profile: s for s in suggestions(_coalition(key, data_version), cells=cells,
                                              wijk=wijk, today=today)}


def suggestion(wijk: str, profile: str):
    """The palette items and candidate partners for one cell (None: nothing missing)."""
    v = version()
    try:
        return _suggestions(db_key(), v, wijk, dt.date.today()).get(profile)
    except Exception as exc:  # noqa: BLE001
        log.exception("Suggesties mislukt")
        st.warning(f"Suggesties konden niet worden berekend ({md(technical(exc))}).")
        return None


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered_graph(key: str, data_version, filter_key: tuple):
    from .network_view import NetworkFilter, filter_graph
    return filter_graph(_graph(key, data_version), _coalition(key, data_version),
                        NetworkFilter(*filter_key))


def filtered_graph(flt):
    """The part of the graph a :class:`NetworkFilter` selects (cached)."""
    v = version()
    graph()  # shows a Dutch error when the graph cannot be built
    return _filtered_graph(db_key(), v, flt.key())


@st.cache_resource(show_spinner="Het netwerk wordt geschikt…", max_entries=32)
def _network_layout(key: str, data_version, filter_key: tuple):
    from .network_view import server_layout
    return server_layout(_filtered_graph(key, data_version, filter_key))


@st.cache_resource(show_spinner="Het netwerk wordt getekend…", max_entries=16)
def _network_html(key: str, data_version, filter_key: tuple, size_by: str, height: int,
                  large_type: bool) -> str:
    from .network_view import NetworkFilter, render_html, size_values
    flt = NetworkFilter(*filter_key)
    full = _graph(key, data_version)
    sizes = size_values(size_by, full, _metrics(key, data_version))
    view = _filtered_graph(key, data_version, filter_key)
    # positions per filter, not per size or focus: the picture stays put when those change
    return render_html(view, _coalition(key, data_version), sizes=sizes, height=height,
                       large_type=large_type,
                       highlight=f"partner:{flt.focus_partner}" if flt.focus_partner else None,
                       positions=_network_layout(key, data_version, filter_key))


def network_html(flt, size_by: str, height: int, large_type: bool) -> str:
    """The self-contained HTML of the network view (cached per data version and filter)."""
    v = version()
    return _network_html(db_key(), v, flt.key(), size_by, height, large_type)


@st.cache_resource(show_spinner=False, max_entries=16)
def _heatmap(key: str, data_version, today: dt.date, what_if_key: tuple, _changes):
    from ..stappenplan import gaps_with_actions
    from .tables import gaps_with_action_cells, heatmap_frame, heatmap_styler
    cells = _analysis(key, data_version, "gelijk", None, today).cells
    marked = gaps_with_action_cells(cells, gaps_with_actions(_plan(key, data_version)))
    frame = heatmap_frame(cells, _coalition(key, data_version), _changes, marked)
    return frame, heatmap_styler(frame)


def heatmap(what_if_key: tuple = (), changes=()):
    """The heatmap table (frame, styler) of the stored data, or after a what-if.

    ``what_if_key`` identifies the what-if input the ``changes`` came from.
    Gap cells with an action in the stored plan carry the action mark.
    """
    v = version()
    return _heatmap(db_key(), v, dt.date.today(), what_if_key, tuple(changes))


@st.cache_resource(show_spinner=False, max_entries=16)
def _history(key: str, data_version, kind: str | None, record_key, limit: int | None):
    record = dict(record_key) if isinstance(record_key, tuple) else record_key
    return _open_service(key).history(kind, record, limit=limit)


def history(kind: str | None = None, key=None, limit: int | None = 50) -> list:
    """Changes, newest first (all, of a kind, or of one record), cached per data version.

    The result is shared between runs and sessions: pages only read it.
    """
    return _computed("De wijzigingen konden niet worden gelezen.", _history, db_key(),
                     version(), kind, _freeze(key), limit)


@st.cache_resource(show_spinner=False, max_entries=4)
def _open_imports(key: str, data_version, limit: int) -> dict:
    return {cs.id: cs for cs in _open_service(key).changesets(limit=limit)
            if cs.kind == "import" and not cs.undone}


def open_imports(limit: int = 20) -> dict:
    """Imports among the latest ``limit`` steps that are not undone (id → step, newest
    first), cached per data version (a step holds all its changes: thousands at region
    scale)."""
    return _computed("De wijzigingen konden niet worden gelezen.", _open_imports, db_key(),
                     version(), limit)


@st.cache_resource(show_spinner=False, max_entries=16)
def _record_choices(key: str, data_version, kind: str) -> dict:
    from . import records
    c = _coalition(key, data_version)
    names = records.name_index(c)
    return {_open_service(key).key_json(kind, obj): (records.record_title(kind, obj, c, names),
                                                      records.key_arg(kind, obj))
            for obj in records.objects(c, kind)}


def record_choices(kind: str) -> dict:
    """Every record of a kind for a picker: ``Service.key_json`` → (title, store key),
    in the coalition's order, cached per data version."""
    return _computed("De gegevens konden niet worden gelezen.", _record_choices, db_key(),
                     version(), kind)


@st.cache_resource(show_spinner="De sociale kaart wordt samengesteld…", max_entries=16)
def _kaart(key: str, data_version, wijk: str | None, audience: str, group_by: str,
           today: dt.date):
    import pandas as pd

    from ..kaart import kaart_entries
    kaart = kaart_entries(_coalition(key, data_version), wijk=wijk, audience=audience,
                          group_by=group_by, today=today)
    columns = [(n, lab) for n, lab in kaart.columns if n not in ("group", "offer_id")]
    frames = tuple(pd.DataFrame([{lab: e.value(n) for n, lab in columns}
                                 for e in group.entries], columns=[lab for _, lab in columns])
                   for group in kaart.groups)
    return kaart, frames


def kaart(wijk: str | None, audience: str, group_by: str):
    """The sociale kaart (``kaart.kaart_entries``) and per group its preview table,
    cached per data version, area, audience and grouping."""
    return _computed("De sociale kaart kon niet worden samengesteld.", _kaart, db_key(),
                     version(), wijk, audience, group_by, dt.date.today())


@st.cache_resource(show_spinner=False, max_entries=4)
def _offer_fits(key: str, data_version):
    from ..kaart.verwijswijzer import OfferFits
    return OfferFits(_coalition(key, data_version))


@st.cache_resource(show_spinner=False, max_entries=64)
def _fitting(key: str, data_version, wijk: str, profile: str, today: dt.date):
    from ..kaart import fitting_offers
    return fitting_offers(_coalition(key, data_version), wijk, profile, today,
                          fits=_offer_fits(key, data_version))


def fitting(wijk: str, profile: str):
    """The verwijswijzer's answer (``kaart.fitting_offers``) for a wijk and profile,
    cached per data version."""
    return _computed("De verwijswijzer kon het aanbod niet bepalen.", _fitting, db_key(),
                     version(), wijk, profile, dt.date.today())


@st.cache_resource(show_spinner=False, max_entries=16)
def _records_view(key: str, data_version, kind: str):
    from . import records
    c = _coalition(key, data_version)
    items = records.objects(c, kind)
    return records.records_frame(kind, items, c), records.search_texts(kind, items, c)


def records_view(kind: str):
    """(table of all records of a kind, their search texts), cached per data version."""
    return _records_view(db_key(), version(), kind)


@st.cache_data(show_spinner=False)
def template(kind: str | None, fmt: str) -> bytes:
    """An empty template file (static: built once per process)."""
    from ..writing import template_bytes
    return template_bytes(kind, fmt)
