"""Widgets several pages share: a link to another page, the choice of profile mix."""

from __future__ import annotations

import streamlit as st

from .session import meeting_mode


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
