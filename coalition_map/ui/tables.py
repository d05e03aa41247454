"""Tables the pages show, built from the analysis with Dutch labels (no codes).

Only arrangement: every number comes from :mod:`coalition_map.analysis` or
the graph module; these functions put names and vocabulary labels beside them.
"""

from __future__ import annotations

import pandas as pd

from ..model import Coalition
from ..typology import INTERVENTION_TYPES, PROFILES
from ..vocab import CHAIN_ROLES, SECTORS
from .style import ACTION_MARK, STATUS_ORDER, STATUSES, display_status, status_text


class Names:
    """Display names of wijken, partners and offers of one coalition."""

    def __init__(self, coalition: Coalition):
        self.wijken = {w.code: w.name for w in coalition.wijken}
        self.partners = {p.id: p.name for p in coalition.partners}
        self.offers = {o.id: o.name for o in coalition.offers}

    def wijk(self, code: str) -> str:
        return self.wijken.get(code, code)

    def partner(self, pid: str) -> str:
        return self.partners.get(pid, pid)

    def offer(self, oid: str) -> str:
        return self.offers.get(oid, oid)

    @staticmethod
    def profile(code: str) -> str:
        return PROFILES[code].name if code in PROFILES else code

    def partner_list(self, ids) -> str:
        return ", ".join(self.partner(p) for p in ids)


def decimal(value: float, digits: int = 3) -> str:
    """A fraction the Dutch way: ``0,201``."""
    return f"{value:.{digits}f}".replace(".", ",")


def _people(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def gaps_with_action_cells(cells: dict, actions_by_gap) -> set[tuple[str, str]]:
    """The gap cells (wijk, profile) that have an action (``stappenplan.gaps_with_actions``)."""
    from ..stappenplan import GAP_STATUSES
    return {key for key in actions_by_gap
            if key in cells and display_status(cells[key]) in GAP_STATUSES}


def heatmap_frame(cells: dict, coalition: Coalition, changes=(),
                  with_action=frozenset()) -> pd.DataFrame:
    """Wijken as rows, profiles as columns; each cell a glyph and a Dutch state label.

    With ``changes`` (what-if :class:`CellChange` objects) those cells show the
    state after the change as a glyph, followed by what it was: "✗ was ◐".
    Cells in ``with_action`` (see :func:`gaps_with_action_cells`) end in
    :data:`~coalition_map.ui.style.ACTION_MARK`.
    """
    names = Names(coalition)
    changed = {(c.wijk, c.profile): c for c in changes}
    rows = {}
    for w in coalition.wijken:
        row = {}
        for p in PROFILES:
            key = (w.code, p)
            if key in changed:
                ch = changed[key]
                text = (f"{STATUSES[ch.after_state].glyph} was "
                        f"{STATUSES[ch.before_state].glyph}")
            elif key in cells:
                text = status_text(display_status(cells[key]))
            else:
                continue
            row[PROFILES[p].name] = f"{text} {ACTION_MARK}" if key in with_action else text
        rows[names.wijk(w.code)] = row
    frame = pd.DataFrame.from_dict(rows, orient="index",
                                   columns=[p.name for p in PROFILES.values()])
    frame.index.name = "Wijk"
    return frame


def heatmap_styler(frame: pd.DataFrame):
    """Background and text colour per state (glyphs keep it readable in grey-scale)."""
    css = {STATUSES[code].glyph: _cell_css(code) for code in STATUS_ORDER}

    def style(value):
        text = str(value)
        base = css.get(text.split(" ")[0], "")
        if " was " in text:
            base += "; border: 3px solid #000000; font-style: italic"
        return base
    return frame.style.map(style)


def _cell_css(code: str) -> str:
    s = STATUSES[code]
    return f"background-color: {s.background}; color: {s.foreground}; font-weight: 600"


def state_counts(cells: dict) -> dict[str, int]:
    counts = {code: 0 for code in STATUS_ORDER}
    for cell in cells.values():
        counts[display_status(cell)] += 1
    return counts


def gaps_frame(gaps, coalition: Coalition, limit: int | None = 10,
               actions_by_gap=None) -> pd.DataFrame:
    """The largest gaps by estimated unmet need.

    With ``actions_by_gap`` (``stappenplan.gaps_with_actions(plan)``) a column
    says how many actions the stappenplan has for each gap.
    """
    names = Names(coalition)
    columns = ["Wijk", "Profiel", "Dekking", "Geschatte mensen", "Onvervulde behoefte"]
    if actions_by_gap is not None:
        columns.append("Acties")
    columns.append("Waarom")
    rows = []
    for g in gaps[:limit] if limit else gaps:
        row = {"Wijk": names.wijk(g.wijk), "Profiel": names.profile(g.profile),
               "Dekking": status_text(g.state),
               "Geschatte mensen": round(g.estimated_people),
               "Onvervulde behoefte": round(g.unmet),
               "Waarom": "; ".join(g.reason_texts)}
        if actions_by_gap is not None:
            count = len(actions_by_gap.get((g.wijk, g.profile), ()))
            row["Acties"] = f"ja ({count})" if count else "nee"
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def gap_actions_frame(actions, coalition: Coalition) -> pd.DataFrame:
    """Actions for one gap: title, trekker, deadline and status (Dutch labels)."""
    from ..vocab import ACTION_STATUS
    names = Names(coalition)
    rows = [{"Actie": a.title,
             "Trekker": names.partner(a.owner_partner) if a.owner_partner else "nog niemand",
             "Deadline": a.deadline.strftime("%d-%m-%Y") if a.deadline else "",
             "Status": ACTION_STATUS.label_of(a.status)} for a in actions]
    return pd.DataFrame(rows, columns=["Actie", "Trekker", "Deadline", "Status"])


def conflicts_frame(conflicts, coalition: Coalition) -> pd.DataFrame:
    names = Names(coalition)
    rows = [{"Aanbod": c.offer_name, "Partner": names.partner(c.partner),
             "Profiel": names.profile(c.profile), "Probleem": c.message,
             "Loopt": "ja" if c.running else "nee", "Bron": c.source} for c in conflicts]
    return pd.DataFrame(rows, columns=["Aanbod", "Partner", "Profiel", "Probleem", "Loopt",
                                       "Bron"])


def palette_conflicts_frame() -> pd.DataFrame:
    """Links in 002's table that 000/001's rules contradict (the palette's own conflicts)."""
    from ..palette import palette_conflicts
    from ..typology import PROFILES
    rows = [{"Interventie": item.name, "Bron": f"{item.source} L{item.source_line}",
             "Profiel volgens 002": PROFILES[code].name,
             "Waarom het volgens de typologie niet past": "; ".join(
                 r.text for r in fit.reasons),  # type: ignore[attr-defined]
             "Regel": "; ".join(r.source for r in fit.reasons  # type: ignore[attr-defined]
                                if r.source)}
            for item, code, fit in palette_conflicts()]
    return pd.DataFrame(rows, columns=["Interventie", "Bron", "Profiel volgens 002",
                                       "Waarom het volgens de typologie niet past", "Regel"])


def fragility_frame(fragility, coalition: Coalition, limit: int | None = None) -> pd.DataFrame:
    """Partners by the number of cells lost if they leave."""
    names = Names(coalition)
    if fragility is None:
        return pd.DataFrame(columns=["Partner", "Sector", "Cellen verloren als partner stopt",
                                     "Alleen gedragen"])
    single: dict[str, int] = {}
    for _, _, pid in fragility.single_carrier:
        single[pid] = single.get(pid, 0) + 1
    sectors = {p.id: SECTORS.label_of(p.sector) for p in coalition.partners}
    rows = [{"Partner": names.partner(pid), "Sector": sectors.get(pid, ""),
             "Cellen verloren als partner stopt": n,
             "Alleen gedragen": single.get(pid, 0)}
            for pid, n in fragility.critical_partners()]
    frame = pd.DataFrame(rows, columns=["Partner", "Sector", "Cellen verloren als partner stopt",
                                        "Alleen gedragen"])
    return frame.head(limit) if limit else frame


def lost_cells_frame(changes, coalition: Coalition) -> pd.DataFrame:
    """Cell changes (what-if, fragility) as before → after."""
    names = Names(coalition)
    rows = [{"Wijk": names.wijk(c.wijk), "Profiel": names.profile(c.profile),
             "Nu": status_text(c.before_state), "Daarna": status_text(c.after_state),
             "Waarom": "; ".join(c.after_reason_texts)} for c in changes]
    return pd.DataFrame(rows, columns=["Wijk", "Profiel", "Nu", "Daarna", "Waarom"])


def brokers_frame(brokers, coalition: Coalition) -> pd.DataFrame:
    names = Names(coalition)
    rows = [{"Partner": b.name or names.partner(b.partner),
             "Makelaarsrol (betweenness)": decimal(b.betweenness),
             "Snijpunt in het netwerk": "ja" if b.articulation else "nee",
             "Cellen alleen via deze partner bereikbaar": len(b.unreachable_cells)}
            for b in brokers]
    return pd.DataFrame(rows, columns=["Partner", "Makelaarsrol (betweenness)",
                                       "Snijpunt in het netwerk",
                                       "Cellen alleen via deze partner bereikbaar"])


def chain_frame(chain, coalition: Coalition) -> pd.DataFrame:
    """Per chain role: which partners fill it in this wijk."""
    names = Names(coalition)
    rows = [{"Ketenrol": CHAIN_ROLES.label_of(role),
             "Partners": names.partner_list(pids) if pids else "— niemand —"}
            for role, pids in chain.roles.items()]
    return pd.DataFrame(rows, columns=["Ketenrol", "Partners"])


def chain_routes_frame(chain, coalition: Coalition) -> pd.DataFrame:
    names = Names(coalition)
    rows = []
    for prof, info in chain.profiles.items():
        rows.append({"Profiel": names.profile(prof),
                     "Gevonden": REACH_LABELS.get(info.get("reach", "none"), ""),
                     "Route (signaal → hulp)": " → ".join(names.partner(p)
                                                        for p in info.get("route", [])),
                     "Toelichting": "; ".join(info.get("reasons", []))})
    return pd.DataFrame(rows, columns=["Profiel", "Gevonden", "Route (signaal → hulp)",
                                       "Toelichting"])


#: Dutch labels of ``Cell.reach``.
REACH_LABELS = {"full": "ja", "limited": "deels (beperkt bereik)", "none": "nee"}


def weak_routes_frame(chain, coalition: Coalition) -> pd.DataFrame:
    """Referral routes in the wijk without agreement or follow-up (001 L8164-8174)."""
    from ..vocab import AGREEMENTS
    names = Names(coalition)
    rows = [{"Van": names.partner(w.from_partner), "Naar": names.partner(w.to_partner),
             "Afspraak": AGREEMENTS.label_of(w.agreement),
             "Terugkoppeling bewaakt": "ja" if w.follow_up else "nee",
             "Op de route van": ", ".join(names.profile(p) for p in w.used_by)}
            for w in chain.weak_routes]
    return pd.DataFrame(rows, columns=["Van", "Naar", "Afspraak", "Terugkoppeling bewaakt",
                                       "Op de route van"])


def reason_markdown(reason, md) -> str:
    """'**geen professioneel vangnet**: ... (000 L971-973)' with user text escaped by ``md``;
    the kind's label is not repeated when the text starts with it."""
    label, text = reason.label, reason.text
    body = (f"**{md(text[:len(label)])}**{md(text[len(label):])}" if text.startswith(label)
            else f"**{md(label)}**: {md(text)}")
    return body + (f" ({md(reason.source)})" if reason.source else "")


def types_text(codes) -> str:
    return ", ".join(INTERVENTION_TYPES.label_of(c) for c in codes)


def metrics_frame(summary: dict, coalition: Coalition) -> pd.DataFrame:
    """Degree and betweenness per partner from ``graph.network_summary``."""
    names = Names(coalition)
    brokers = set(summary.get("brokers", []))
    rows = []
    for pid, deg in summary.get("degree", {}).items():
        rows.append({"Partner": names.partner(pid), "Verwijst naar": deg["out"],
                     "Ontvangt van": deg["in"], "Graad": deg["total"],
                     "Betweenness": summary["betweenness"].get(pid, 0.0),
                     "Makelaar": "ja" if pid in brokers else ""})
    frame = pd.DataFrame(rows, columns=["Partner", "Verwijst naar", "Ontvangt van", "Graad",
                                        "Betweenness", "Makelaar"])
    frame = frame.sort_values(["Betweenness", "Graad"], ascending=False, kind="stable")
    frame["Betweenness"] = frame["Betweenness"].map(decimal)
    return frame
