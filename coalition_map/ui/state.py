"""The app's state: the store, cached data and analyses, the author, meeting mode.

Everything expensive is cached and keyed on ``store.data_version()``, which
changes on every write, so a save in one tab shows in every page on the next
run. The store itself is a shared resource (one per database); the derived
objects (coalition, analysis, graph, metrics) are cached as resources too,
because they are large and read-only: pages never mutate them.

Errors never reach the page as a traceback: :func:`fail` shows a Dutch
message and stops the page, :func:`guard` turns any unexpected exception in a
page body into a Dutch message (the traceback goes to the server log).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import time

import streamlit as st

from .. import paths

log = logging.getLogger("coalition_map.ui")
# Messages and tracebacks in the server log never show a database password.
if not any(isinstance(f, paths.MaskSecretsFilter) for f in log.filters):
    log.addFilter(paths.MaskSecretsFilter())

AUTHOR_KEY = "auteur"
MEETING_KEY = "vergadermodus"
TIMINGS_KEY = "_timings"


# --- errors -------------------------------------------------------------------

def fail(message: str, details: str | None = None):
    """Show a Dutch error and stop the page (no traceback)."""
    st.error(message)
    if details:
        st.caption(details)
    st.stop()


@contextlib.contextmanager
def guard(what: str = "deze pagina"):
    """Turn an unexpected error in a page body into a Dutch message."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the page must never show a traceback
        log.exception("Fout bij het tonen van %s", what)
        st.error(f"Er ging iets mis bij het tonen van {md(what)}. De gegevens zijn niet "
                 f"gewijzigd. Technische melding: {md(technical(exc))}")


def technical(exc: BaseException) -> str:
    """An exception as one short line for a message: type and text, password masked.
    A :class:`~coalition_map.store.StoreError` is Dutch already: only its text."""
    from ..limits import shorten
    from ..store.history import StoreError
    if isinstance(exc, StoreError):
        return paths.mask_secrets(str(exc))
    return paths.mask_secrets(f"{type(exc).__name__}: {shorten(str(exc), 300)}")


# --- the store ------------------------------------------------------------------

def db_key() -> str:
    """What identifies the store: ``COALITION_MAP_DB`` or empty (the default file)."""
    return os.environ.get(paths.DB_ENV, "")


@st.cache_resource(show_spinner="De gegevens worden geopend…")
def _open_store(key: str):
    from ..store import open_store
    return open_store(key or None)


def store():
    """The store for this app (opened once per database, seeded on first open).

    A store that cannot be opened (corrupt, 0 bytes, newer schema, server
    down, URL with a typo) stops the page with the store's Dutch message; it
    is not cached, so the next run tries again.
    """
    from ..store.history import StoreError
    try:
        return _open_store(db_key())
    except ImportError:
        fail("De gegevensopslag is in deze versie van de app nog niet beschikbaar.")
    except StoreError as exc:
        log.warning("Opslag kon niet worden geopend: %s", exc)
        fail("De gegevensopslag kon niet worden geopend.", md(technical(exc)))
    except Exception as exc:  # noqa: BLE001
        log.exception("Opslag kon niet worden geopend")
        fail("De gegevensopslag kon niet worden geopend. Controleer de instelling "
             f"{paths.DB_ENV} of het bestand.", f"Technische melding: {md(technical(exc))}")


def version():
    """The store's data version; every cache below is keyed on it."""
    try:
        return store().data_version()
    except Exception as exc:  # noqa: BLE001
        log.warning("Opslag niet bereikbaar: %s", exc)
        fail("De gegevensopslag is niet bereikbaar.", md(technical(exc)))


@st.cache_resource(show_spinner="De coalitie wordt geladen…", max_entries=4)
def _coalition(key: str, data_version):
    return _open_store(key).load_coalition()


@st.cache_resource(show_spinner=False, max_entries=4)
def _plan(key: str, data_version):
    return _open_store(key).load_plan()


def coalition():
    """The coalition as stored now (cached per data version)."""
    v = version()
    try:
        return _coalition(db_key(), v)
    except Exception as exc:  # noqa: BLE001
        log.exception("Coalitie kon niet worden geladen")
        fail("De gegevens van de coalitie konden niet worden geladen.",
             f"Technische melding: {md(technical(exc))}")


@st.cache_resource(show_spinner=False, max_entries=16)
def _versions(key: str, data_version, kind: str) -> dict[str, int]:
    from ..store import codec
    return {codec.key_json(codec.key_of(kind, obj)): v
            for obj, v in _open_store(key).records(kind)}


def versions(kind: str) -> dict[str, int]:
    """Stored version per record of a kind (key JSON → version), cached per data version.

    Only for showing that a record changed (``editing.notice``); a save
    checks the version in the store itself.
    """
    v = version()
    try:
        return _versions(db_key(), v, kind)
    except Exception as exc:  # noqa: BLE001
        log.exception("Versies konden niet worden gelezen")
        fail("De gegevens konden niet worden gelezen.", f"Technische melding: {exc}")


def plan():
    v = version()
    try:
        return _plan(db_key(), v)
    except Exception as exc:  # noqa: BLE001
        log.exception("Plan kon niet worden geladen")
        fail("Het stappenplan kon niet worden geladen.",
             f"Technische melding: {md(technical(exc))}")


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


@st.cache_resource(show_spinner="De dekking wordt berekend…", max_entries=8)
def _analysis(key: str, data_version, mix: str, custom_mix_frozen, today: dt.date):
    from ..analysis import analyze
    custom = dict(custom_mix_frozen) if custom_mix_frozen else None
    return analyze(_coalition(key, data_version), mix=mix, custom_mix=custom, today=today)


def analysis(mix: str = "gelijk", custom_mix: dict | None = None):
    """The gap analysis of the stored coalition (cached per data version and mix)."""
    v = version()
    try:
        return _analysis(db_key(), v, mix, _freeze(custom_mix), dt.date.today())
    except ImportError:
        fail("De analyse is in deze versie van de app nog niet beschikbaar.")
    except Exception as exc:  # noqa: BLE001
        log.exception("Analyse mislukt")
        fail("De dekking kon niet worden berekend. Controleer de gegevens op de pagina "
             "Partners en aanbod.", f"Technische melding: {md(technical(exc))}")


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
    return _wijk_map(db_key(), version(), mix, _freeze(custom_mix), dt.date.today(), profile,
                     width, with_partners)


@st.cache_resource(show_spinner="Het netwerk wordt opgebouwd…", max_entries=4)
def _graph(key: str, data_version):
    from ..graph import build_graph
    return build_graph(_coalition(key, data_version))


def graph():
    v = version()
    try:
        return _graph(db_key(), v)
    except ImportError:
        fail("De netwerkkaart is in deze versie van de app nog niet beschikbaar.")
    except Exception as exc:  # noqa: BLE001
        log.exception("Graaf mislukt")
        fail("Het netwerk kon niet worden opgebouwd.", f"Technische melding: {md(technical(exc))}")


@st.cache_resource(show_spinner="Netwerkmaten worden berekend…", max_entries=4)
def _metrics(key: str, data_version):
    from ..graph import network_summary, referral_graph
    return network_summary(referral_graph(_coalition(key, data_version)))


def graph_metrics() -> dict:
    """Figures of the referral network (``graph.network_summary``), keys partner ids."""
    v = version()
    try:
        return _metrics(db_key(), v)
    except ImportError:
        fail("De netwerkmaten zijn in deze versie van de app nog niet beschikbaar.")
    except Exception as exc:  # noqa: BLE001
        log.exception("Netwerkmaten mislukt")
        fail("De netwerkmaten konden niet worden berekend.",
             f"Technische melding: {md(technical(exc))}")


@st.cache_resource(show_spinner="Het effect wordt berekend…", max_entries=16)
def _what_if(key: str, data_version, remove_partners: tuple, remove_offers: tuple,
             add_offers: tuple, today: dt.date):
    from ..analysis import what_if
    before = _analysis(key, data_version, "gelijk", None, today).cells
    return what_if(_coalition(key, data_version), remove_partners=remove_partners,
                   remove_offers=remove_offers, add_offers=add_offers, today=today,
                   before=before)


def what_if(remove_partners=(), remove_offers=(), add_offers=()) -> list:
    """Cells that change when partners leave, offers stop or planned offers start.

    Nothing is saved: the store is only read.
    """
    v = version()
    try:
        return _what_if(db_key(), v, tuple(sorted(remove_partners)), tuple(sorted(remove_offers)),
                        tuple(add_offers), dt.date.today())
    except Exception as exc:  # noqa: BLE001
        log.exception("Wat-als mislukt")
        fail("Het effect van de wijziging kon niet worden berekend.",
             f"Technische melding: {md(technical(exc))}")


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


@st.cache_resource(show_spinner="Het netwerk wordt getekend…", max_entries=16)
def _network_html(key: str, data_version, filter_key: tuple, size_by: str, height: int,
                  large_type: bool) -> str:
    from .network_view import NetworkFilter, render_html, size_values
    flt = NetworkFilter(*filter_key)
    full = _graph(key, data_version)
    sizes = size_values(size_by, full, _metrics(key, data_version))
    view = _filtered_graph(key, data_version, filter_key)
    return render_html(view, _coalition(key, data_version), sizes=sizes, height=height,
                       large_type=large_type,
                       highlight=f"partner:{flt.focus_partner}" if flt.focus_partner else None)


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
def _records_view(key: str, data_version, kind: str):
    from . import records
    c = _coalition(key, data_version)
    items = records.objects(c, kind)
    return records.records_frame(kind, items, c), records.search_texts(kind, items, c)


def records_view(kind: str):
    """(table of all records of a kind, their search texts), cached per data version."""
    return _records_view(db_key(), version(), kind)


# --- session ---------------------------------------------------------------------

def meeting_mode() -> bool:
    return bool(st.session_state.get(MEETING_KEY, False))


def author(container=None) -> str | None:
    """The name under which edits are saved; asked once per session."""
    name = (st.session_state.get(AUTHOR_KEY) or "").strip()
    if name:
        return name
    box = container or st
    entered = box.text_input(
        "Uw naam (voor de wijzigingsgeschiedenis)", key="_auteur_invoer",
        help="Wijzigingen worden onder deze naam bewaard. U vult dit één keer per sessie in.")
    entered = (entered or "").strip()
    if entered:
        st.session_state[AUTHOR_KEY] = entered
        return entered
    box.info("Vul eerst uw naam in om wijzigingen te kunnen bewaren.")
    return None


def keep_widgets(prefix: str) -> None:
    """Keep the values of a page's widgets (keys starting with prefix) across pages.

    Only for value widgets (select boxes, multiselects, text inputs, toggles):
    give buttons, forms, uploaders and data editors keys *without* the prefix,
    because Streamlit refuses assignments to those.
    """
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(prefix):
            st.session_state[key] = st.session_state[key]


@contextlib.contextmanager
def timed(label: str):
    """Record server time of a block in session_state (shown in the sidebar's status)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings = st.session_state.setdefault(TIMINGS_KEY, {})
        timings[label] = time.perf_counter() - start


# --- navigation helpers -------------------------------------------------------------

def link(page: str, label: str, icon: str | None = None, container=None) -> None:
    """A link to another page; plain text when that page is not in the navigation."""
    box = container or st
    try:
        box.page_link(page, label=label, icon=icon)
    except Exception:  # noqa: BLE001 - page not registered (e.g. run without navigation)
        box.caption(label)


CUSTOM_MIX = "eigen"   # the choice "own numbers" of :func:`mix_choice` (priority.resolve_mix)


def _custom_label() -> str:
    from ..analysis.priority import custom_mix
    return custom_mix({}).label


def mix_choice(prefix: str, container=None) -> tuple[str, dict | None]:
    """Choose the profile mix used to estimate people per cell: ``(mix, custom)``.

    For :func:`analysis`. The mixes of the analysis (``PROFILE_MIXES``, with
    their own labels) and an own mix from local numbers per profile (counts
    or percentages, normalised by ``priority.custom_mix``). Widget keys start
    with ``prefix`` (``<prefix>mix``, ``<prefix>mix_eigen_<profile>``), so
    :func:`keep_widgets` keeps them across pages. In meeting mode nothing is
    drawn and the last choice is used. An own mix without any number above 0
    falls back to the equal mix, with a Dutch notice: it never fails.
    """
    from ..analysis import PROFILE_MIXES
    from ..analysis.priority import custom_mix
    from ..typology import PROFILES
    box = container or st
    key = prefix + "mix"
    number_key = (key + "_eigen_{}").format
    if meeting_mode():
        choice = st.session_state.get(key, "gelijk")
    else:
        choice = box.selectbox(
            "Verdeling over de profielen (voor de schatting van aantallen)",
            list(PROFILE_MIXES) + [CUSTOM_MIX], key=key,
            format_func=lambda code: PROFILE_MIXES[code].label if code in PROFILE_MIXES
            else _custom_label(),
            help="Geen bron geeft het aandeel van elk profiel onder eenzame inwoners; de "
                 "schatting hangt af van deze keuze. Met een eigen verdeling vult u lokale "
                 "cijfers per profiel in.")
    if choice != CUSTOM_MIX:
        return (choice if choice in PROFILE_MIXES else "gelijk"), None
    if not meeting_mode():
        with box.expander("Eigen verdeling: lokale cijfers per profiel", expanded=True):
            st.caption("Vul per profiel een aantal of een percentage in (bijvoorbeeld uit een "
                       "eigen telling). De app rekent ze om naar aandelen; een leeg profiel "
                       "telt als 0.")
            cols = st.columns(4)
            for i, code in enumerate(PROFILES):
                cols[i % 4].number_input(PROFILES[code].name, min_value=0.0, value=None,
                                         step=1.0, format="%g", key=number_key(code),
                                         placeholder="0")
    weights = {}
    for code in PROFILES:
        try:
            value = float(st.session_state.get(number_key(code)) or 0.0)
        except (TypeError, ValueError):
            value = 0.0
        if value > 0:
            weights[code] = value
    if not weights:
        box.warning("De eigen verdeling heeft nog geen cijfers: vul minstens één profiel in. "
                    "Tot dan rekent de app met de "
                    f"{PROFILE_MIXES['gelijk'].label}.")
        return "gelijk", None
    if not meeting_mode():
        shares = custom_mix(weights).shares
        box.caption("Aandelen in de schatting: " + ", ".join(
            f"{PROFILES[p].name} {shares[p] * 100:.0f}%".replace(".", ",")
            for p in PROFILES if shares[p] > 0) + ".")
    return CUSTOM_MIX, weights


def md(text) -> str:
    r"""User text made safe for st.markdown (markdown and HTML characters escaped).

    Use it for every piece of user text (names, titles, notes, file names,
    values in messages) that goes into an element Streamlit renders as
    Markdown: ``st.markdown``, ``st.caption``, ``st.info``/``warning``/
    ``error``/``success``, headers, expander, button and widget labels, radio
    options and the cells of ``st.table``. Otherwise a name such as
    ``![](http://…)`` loads an outside image on the screen.

    Streamlit also turns a bare address in text into a link (``http://…``,
    ``www.…``, ``naam@domein``), after the escapes are read; an invisible
    word joiner (U+2060) inside ``://``, ``www.`` and before ``@`` keeps an
    address in a name plain text.

    >>> md("![x](http://e.example) *b*")
    '\\!\\[x\\]\\(http\u2060\\://e\\.example\\) \\*b\\*'
    """
    text = "".join("\\" + ch if ch in MD_SPECIAL else ch for ch in str(text))
    return _LINKISH.sub(_join, text)


def _join(m) -> str:
    word, mark = m.group(1), m.group(2)
    if mark == "\\@" or (mark == "\\:" and word.lower() in ("http", "https", "ftp", "mailto")) \
            or (mark == "\\." and word.lower() == "www"):
        return word + WORD_JOINER + mark
    return m.group(0)


#: Characters :func:`md` escapes with a backslash.
MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:@&"
WORD_JOINER = "\u2060"
_LINKISH = re.compile(r"(?i)(\bhttps?|\bftp|\bmailto|\bwww|[\w+-])(\\:|\\\.|\\@)")


def md_message(text) -> str:
    r"""A multi-line Dutch message with user text in it (a StoreError, say), escaped
    line by line; its ``- `` list lines stay a list.

    >>> md_message("Niet opgeslagen:\n- Naam: ![x](http://e/x.png)")
    'Niet opgeslagen\\:\n- Naam\\: \\!\\[x\\]\\(http\u2060\\://e/x\\.png\\)'
    """
    return "\n".join("- " + md(line[2:]) if line.startswith("- ") else md(line)
                     for line in str(text).split("\n"))


def md_frame(frame):
    """A copy of a DataFrame for ``st.table`` (which renders Markdown in its cells):
    text cells, index and column labels escaped with :func:`md`."""
    import pandas as pd

    def esc(value):
        return md(value) if isinstance(value, str) else value
    out = frame.copy()
    out.index = out.index.map(esc)
    out.index.name = esc(frame.index.name) if frame.index.name else frame.index.name
    out.columns = [esc(c) for c in frame.columns]
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(esc)
    return out


def say(level: str, text: str, container=None) -> None:
    """Show a message (``level``: success/info/warning/error) as plain text, lines kept.

    For messages holding user data (names, keys, file names): nothing in
    them is read as markdown.
    """
    getattr(container or st, level)("  \n".join(md(line) for line in str(text).splitlines()))


@st.cache_data(show_spinner=False)
def template(kind: str | None, fmt: str) -> bytes:
    """An empty template file (static: built once per process)."""
    from ..writing import template_bytes
    return template_bytes(kind, fmt)


def remember(prefix: str, level: str, text: str) -> None:
    """Keep a message (``level``: success/info/warning/error) for the next run of
    the page, so that it survives the ``st.rerun()`` after a save."""
    st.session_state.setdefault(prefix + "berichten", []).append((level, text))


def show_remembered(prefix: str) -> None:
    """Show (once) the messages kept with :func:`remember` on the previous run."""
    for level, text in st.session_state.pop(prefix + "berichten", []):
        getattr(st, level)(text)
