"""Peilmomenten: a named, dated picture of the coalition, and what changed between two.

A peilmoment holds the coalition's data (every record, as the exchange
format's columns) and the result of the gap analysis on that day (each cell
wijk × profile with its state and its reasons as kind + Dutch text, the
referral routes per wijk, network density and brokers). It is serialised as
versioned, self-describing JSON (:data:`FORMAT`, :data:`FORMAT_VERSION`):
labels and column names travel with it, so a peilmoment stays readable after
later imports, migrations or changes of the rules. :func:`read` accepts
every format version this code knows (upgrading older ones) and refuses a
newer one with a Dutch message.

:func:`compare` puts two peilmomenten side by side (either may be the live
data, "nu": :func:`build` without storing): cells that closed or opened,
offers and partners added or ended, routes gained or lost per wijk, density
and brokers. Cell states and gaps are those of :mod:`coalition_map.states`;
the analysis is :func:`coalition_map.analysis.analyze` -- nothing is
re-derived here.

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W", "Noord", inhabitants=8000, pct_severely_lonely=10)],
...     partners=[Partner("p", "Woonstad", "woningcorporatie", roles=("signaleren",))])
>>> before = build(c, name="Start", today=dt.date(2025, 1, 1))
>>> c.offers.append(Offer("o", "p", "Huismeester helpt", "praktische_hulp", "professional",
...                       intervention_types=("praktische_problemen",)))
>>> after = build(c, name="nu", today=dt.date(2026, 1, 1))
>>> diff = compare(read(before), read(after))
>>> [o.id for o in diff.offers_added]
['o']
>>> [(c.before, c.after, c.change) for c in diff.cells_changed if c.profile == "compenseerders"]
[('uncovered', 'partial', 'better')]
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from .states import GAP_STATES, STATES, label as state_label, worse

#: What the JSON is, written in every payload.
FORMAT = "coalition-map/peilmoment"
#: The version of the payload's layout; :func:`read` upgrades older ones.
FORMAT_VERSION = 1
#: The name that stands for the live data in :func:`compare` and the CLI.
LIVE = "nu"


class SnapshotFormatError(ValueError):
    """A payload this code cannot read; the message is Dutch."""


# --- building ------------------------------------------------------------------


def build(coalition, plan=None, analysis=None, *, name: str, today: dt.date | None = None,
          taken_at: dt.datetime | None = None, author: str = "") -> dict:
    """The payload of a peilmoment: data and analysis result as plain JSON values.

    ``analysis`` is :func:`coalition_map.analysis.analyze` of ``coalition`` on
    ``today`` (computed when not given).
    """
    from . import schema
    from .analysis import analyze
    from .analysis.index import Index
    from .graph import network_summary, referral_graph
    from .typology import PROFILES
    from .writing import objects_of
    if analysis is None:
        analysis = analyze(coalition, today=today)
    today = analysis.today
    index = analysis.engine.index if analysis.engine is not None else Index(coalition, today=today)
    data, columns = {}, {}
    for kind, fk in schema.FILES.items():
        columns[kind] = [c.name for c in fk.columns]
        data[kind] = [record_json(fk, obj) for obj in objects_of(kind, coalition, plan)]
    cells = []
    for cell in analysis.cells.values():
        cells.append({
            "wijk": cell.wijk, "profile": cell.profile, "state": cell.state,
            "reasons": [r.to_dict() | {"label": r.label} for r in cell.reasons],
            "offers": list(cell.offers), "limited_offers": list(cell.limited_offers),
            "partners": list(cell.partners), "route": list(cell.route),
            "estimated_people": cell.estimated_people})
    routes = {}
    for code in index.wijken:
        present = set(index.present_partners(code))
        routes[code] = sorted([r.from_partner, r.to_partner, r.kind] for r in coalition.referrals
                              if r.from_partner in present and r.to_partner in present)
    summary = network_summary(referral_graph(coalition))
    taken_at = taken_at or dt.datetime.now(dt.UTC)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": name,
        "taken_at": taken_at.isoformat(),
        "author": author,
        "today": today.isoformat(),
        "columns": columns,
        "data": data,
        "labels": {
            "wijken": {w.code: w.name for w in coalition.wijken},
            "partners": {p.id: p.name for p in coalition.partners},
            "offers": {o.id: o.name for o in coalition.offers},
            "profiles": {code: p.name for code, p in PROFILES.items()},
            "states": {code: s.label for code, s in STATES.items()},
        },
        "analysis": {
            "mix": analysis.mix.code,
            "counts": analysis.counts(),
            "cells": cells,
            "gaps": [[g.wijk, g.profile] for g in analysis.gaps],
            "offer_states": dict(index.offer_states),
            "partners_active": sorted(p.id for p in coalition.partners if p.active),
            "routes": routes,
            "network": {"partners": summary["partners"], "routes": summary["routes"],
                        "density": summary["density"], "brokers": list(summary["brokers"])},
        },
        "verankering": {},
    }


def record_json(fk, obj) -> dict:
    """A record as JSON values by the exchange format's columns (dates as ISO text,
    multi-valued as lists): the form the store's history uses too (``store.codec.to_json``;
    a test keeps the two equal)."""
    out = {}
    for col in fk.columns:
        value = getattr(obj, col.name)
        if col.multi:
            value = list(value or ())
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[col.name] = value
    return out


# --- reading -------------------------------------------------------------------


@dataclass(frozen=True)
class CellView:
    wijk: str
    profile: str
    state: str
    reasons: tuple                 # dicts {kind, label, text, source}
    route: tuple = ()


@dataclass
class Peilmoment:
    """A payload read back: what :func:`compare` and the pages use."""

    name: str
    taken_at: str
    today: dt.date
    author: str
    data: dict                     # kind -> list of dicts (exchange-format columns)
    labels: dict
    cells: dict                    # (wijk, profile) -> CellView
    counts: dict
    offer_states: dict             # offer id -> current / full / ended / inactive
    partners_active: set
    routes: dict                   # wijk -> set of (from, to, kind)
    network: dict
    verankering: dict
    format_version: int = FORMAT_VERSION

    def label(self, what: str, code: str) -> str:
        return self.labels.get(what, {}).get(code, code)

    def records(self, kind: str) -> list[dict]:
        return list(self.data.get(kind, ()))

    def state_of(self, wijk: str, profile: str) -> str | None:
        cell = self.cells.get((wijk, profile))
        return cell.state if cell else None

    def cells_as_states(self) -> dict:
        """(wijk, profile) -> {"state": ...}, as the stappenplan reads an analysis."""
        return {k: {"state": c.state} for k, c in self.cells.items()}

    def model_objects(self, kind: str) -> list:
        """The records of ``kind`` as today's model objects (columns added later: defaults;
        columns no longer known: left out)."""
        from .schema import FILES
        fk = FILES.get(kind)
        out: list = []
        if fk is None:
            return out
        for record in self.records(kind):
            values = {}
            for col in fk.columns:
                if col.name not in record:
                    continue
                value = record[col.name]
                if col.multi:
                    value = tuple(value or ())
                elif col.type == "date" and value:
                    value = dt.date.fromisoformat(value)
                values[col.name] = value
            try:
                out.append(fk.model(**values))
            except (TypeError, ValueError):
                continue
        return out


def _upgrade(payload: dict) -> dict:
    """Bring an older payload to :data:`FORMAT_VERSION` (one step per version)."""
    version = payload.get("format_version")
    # Version 1 is the first; a future version 2 adds a step here:
    # if version == 1: payload = {...}; version = 2
    return dict(payload, format_version=version)


def read(payload) -> Peilmoment:
    """A payload (dict or JSON text) as a :class:`Peilmoment`.

    >>> read({"format": "iets anders"})
    Traceback (most recent call last):
    coalition_map.peilmomenten.SnapshotFormatError: Dit is geen peilmoment van de coalitiekaart (formaat 'iets anders').
    """
    if isinstance(payload, (str, bytes)):
        try:
            payload = json.loads(payload)
        except ValueError:
            raise SnapshotFormatError("Dit peilmoment is geen geldige JSON.") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        what = payload.get("format") if isinstance(payload, dict) else type(payload).__name__
        raise SnapshotFormatError(f"Dit is geen peilmoment van de coalitiekaart (formaat "
                                  f"'{what}').")
    version = payload.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise SnapshotFormatError("Dit peilmoment heeft geen geldige formaatversie.")
    if version > FORMAT_VERSION:
        raise SnapshotFormatError(
            f"Het peilmoment '{payload.get('name', '')}' is gemaakt met een nieuwere versie van "
            f"de app (formaat {version}; deze versie leest tot en met {FORMAT_VERSION}). "
            "Werk de app bij.")
    payload = _upgrade(payload)
    analysis = payload.get("analysis") or {}
    cells = {}
    for c in analysis.get("cells", ()):
        state = c.get("state", "")
        cells[c["wijk"], c["profile"]] = CellView(
            c["wijk"], c["profile"], state,
            tuple(dict(r) for r in c.get("reasons", ())), tuple(c.get("route", ())))
    try:
        today = dt.date.fromisoformat(payload.get("today", ""))
    except ValueError:
        today = dt.date.min
    return Peilmoment(
        name=payload.get("name", ""), taken_at=payload.get("taken_at", ""), today=today,
        author=payload.get("author", ""), data=payload.get("data") or {},
        labels=payload.get("labels") or {}, cells=cells, counts=analysis.get("counts") or {},
        offer_states=analysis.get("offer_states") or {},
        partners_active=set(analysis.get("partners_active") or ()),
        routes={w: {tuple(r) for r in rs} for w, rs in (analysis.get("routes") or {}).items()},
        network=analysis.get("network") or {},
        verankering=payload.get("verankering") or {}, format_version=version)


# --- comparing -----------------------------------------------------------------


@dataclass(frozen=True)
class CellChange:
    """A cell whose state differs between the two peilmomenten."""

    wijk: str
    wijk_name: str
    profile: str
    profile_name: str
    before: str | None             # state code (None: the cell did not exist)
    after: str | None
    change: str                    # closed / opened / better / worse
    reasons: tuple                 # the reasons that explain it: {kind, label, text, source}

    def to_dict(self) -> dict:
        return {"wijk": self.wijk, "wijk_name": self.wijk_name, "profile": self.profile,
                "profile_name": self.profile_name, "before": self.before, "after": self.after,
                "change": self.change, "reasons": [dict(r) for r in self.reasons]}


#: Dutch words for a cell change.
CHANGE_LABELS = {"closed": "gat gesloten", "opened": "nieuw gat", "better": "beter",
                 "worse": "slechter"}


@dataclass(frozen=True)
class ItemChange:
    """An offer or partner that was added or ended."""

    id: str
    name: str
    change: str                    # added / ended
    wijken: tuple = ()

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "change": self.change,
                "wijken": list(self.wijken)}


@dataclass(frozen=True)
class RouteChange:
    wijk: str
    wijk_name: str
    from_partner: str
    from_name: str
    to_partner: str
    to_name: str
    kind: str
    change: str                    # gained / lost

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("wijk", "wijk_name", "from_partner", "from_name",
                                             "to_partner", "to_name", "kind", "change")}


@dataclass
class Comparison:
    before: Peilmoment
    after: Peilmoment
    cells_changed: list[CellChange] = field(default_factory=list)
    offers_added: list[ItemChange] = field(default_factory=list)
    offers_ended: list[ItemChange] = field(default_factory=list)
    partners_added: list[ItemChange] = field(default_factory=list)
    partners_ended: list[ItemChange] = field(default_factory=list)
    routes: list[RouteChange] = field(default_factory=list)
    network: dict = field(default_factory=dict)

    @property
    def closed(self) -> list[CellChange]:
        return [c for c in self.cells_changed if c.change == "closed"]

    @property
    def opened(self) -> list[CellChange]:
        return [c for c in self.cells_changed if c.change == "opened"]

    @property
    def routes_gained(self) -> list[RouteChange]:
        return [r for r in self.routes if r.change == "gained"]

    @property
    def routes_lost(self) -> list[RouteChange]:
        return [r for r in self.routes if r.change == "lost"]

    def wijken(self) -> list[str]:
        """Wijk codes with a cell or route change, in the after-side's order."""
        order = list(self.after.labels.get("wijken", {})) + list(
            self.before.labels.get("wijken", {}))
        touched = {c.wijk for c in self.cells_changed} | {r.wijk for r in self.routes}
        return [w for w in dict.fromkeys(order) if w in touched] + sorted(
            touched - set(order))

    def is_empty(self) -> bool:
        return not (self.cells_changed or self.offers_added or self.offers_ended
                    or self.partners_added or self.partners_ended or self.routes)

    def to_dict(self) -> dict:
        return {
            "before": {"name": self.before.name, "today": self.before.today.isoformat(),
                       "taken_at": self.before.taken_at, "counts": self.before.counts},
            "after": {"name": self.after.name, "today": self.after.today.isoformat(),
                      "taken_at": self.after.taken_at, "counts": self.after.counts},
            "cells": [c.to_dict() for c in self.cells_changed],
            "offers_added": [o.to_dict() for o in self.offers_added],
            "offers_ended": [o.to_dict() for o in self.offers_ended],
            "partners_added": [p.to_dict() for p in self.partners_added],
            "partners_ended": [p.to_dict() for p in self.partners_ended],
            "routes": [r.to_dict() for r in self.routes],
            "network": self.network,
        }


def _cell_change(before: str | None, after: str | None) -> str | None:
    if before == after:
        return None
    if before in GAP_STATES and after == "covered":
        return "closed"
    if (before is None or before == "covered") and after in GAP_STATES:
        return "opened"
    if before is None or after is None:
        return None
    return "worse" if worse(after, before) else "better"


def _running_offers(p: Peilmoment) -> set[str]:
    return {oid for oid, state in p.offer_states.items() if state == "current"}


def _wijken_by_id(p: Peilmoment, kind: str) -> dict:
    """Record id -> its wijken, for one kind (one pass over the records)."""
    return {r.get("id"): tuple(r.get("wijken") or ()) for r in p.records(kind)}


def compare(before: Peilmoment, after: Peilmoment) -> Comparison:
    """What changed from ``before`` to ``after`` (see the module docstring)."""
    from .typology import PROFILES
    result = Comparison(before, after)

    def wijk_name(code):
        return after.label("wijken", code) if code in after.labels.get("wijken", {}) \
            else before.label("wijken", code)

    profile_order = list(PROFILES)
    keys = list(dict.fromkeys([*before.cells, *after.cells]))
    for wijk, profile in keys:
        b, a = before.state_of(wijk, profile), after.state_of(wijk, profile)
        change = _cell_change(b, a)
        if change is None:
            continue
        # closed / better: why it was a gap; opened / worse: why it is one now
        source = before if change in ("closed", "better") else after
        cell = source.cells.get((wijk, profile))
        reasons = tuple(r for r in (cell.reasons if cell else ())
                        if r.get("kind") not in ("single_partner", "weak_route")
                        or change in ("opened", "worse"))
        result.cells_changed.append(CellChange(
            wijk, wijk_name(wijk), profile,
            after.label("profiles", profile) if profile in after.labels.get("profiles", {})
            else before.label("profiles", profile), b, a, change, reasons))
    wijk_order = list(dict.fromkeys([*after.labels.get("wijken", {}),
                                     *before.labels.get("wijken", {})]))
    wijk_rank = {w: i for i, w in enumerate(wijk_order)}
    profile_rank = {p: i for i, p in enumerate(profile_order)}
    rank = {"closed": 0, "opened": 1, "better": 2, "worse": 3}
    result.cells_changed.sort(key=lambda c: (
        rank[c.change], wijk_rank.get(c.wijk, len(wijk_order)), profile_rank.get(c.profile, 99)))

    run_b, run_a = _running_offers(before), _running_offers(after)
    act_b, act_a = before.partners_active, after.partners_active
    for kind, target, ids, side, change in (
            ("offers", result.offers_added, run_a - run_b, after, "added"),
            ("offers", result.offers_ended, run_b - run_a, before, "ended"),
            ("partners", result.partners_added, act_a - act_b, after, "added"),
            ("partners", result.partners_ended, act_b - act_a, before, "ended")):
        if not ids:
            continue
        wijken = _wijken_by_id(side, kind)
        target.extend(ItemChange(i, side.label(kind, i), change, wijken.get(i, ()))
                      for i in sorted(ids))

    def pname(pid):
        return after.label("partners", pid) if pid in after.labels.get("partners", {}) \
            else before.label("partners", pid)

    for wijk in wijk_order:
        rb, ra = before.routes.get(wijk, set()), after.routes.get(wijk, set())
        for change, routes in (("gained", ra - rb), ("lost", rb - ra)):
            for f, t, kind in sorted(routes):
                result.routes.append(RouteChange(wijk, wijk_name(wijk), f, pname(f), t,
                                                 pname(t), kind, change))
    nb, na = before.network, after.network
    result.network = {
        "density_before": nb.get("density"), "density_after": na.get("density"),
        "routes_before": nb.get("routes"), "routes_after": na.get("routes"),
        "brokers_before": list(nb.get("brokers", ())), "brokers_after": list(na.get("brokers", ())),
        "brokers_new": [b for b in na.get("brokers", ()) if b not in nb.get("brokers", ())],
        "brokers_gone": [b for b in nb.get("brokers", ()) if b not in na.get("brokers", ())],
    }
    return result


# --- as text ---------------------------------------------------------------------


def reason_line(reason: dict) -> str:
    """A stored reason as one Dutch line: its kind's label, then its text (the label once).

    >>> reason_line({"kind": "full", "label": "aanbod vol (wachtlijst)",
    ...              "text": "aanbod vol (wachtlijst): Schuldhulp"})
    'aanbod vol (wachtlijst): Schuldhulp'
    >>> reason_line({"kind": "no_offer", "label": "geen aanbod", "text": "niets in de wijk"})
    'geen aanbod: niets in de wijk'
    """
    label = reason.get("label") or reason.get("kind") or ""
    text = reason.get("text", "")
    return text if text.lower().startswith(label.lower()) else f"{label}: {text}"


def _reason_text(reasons) -> str:
    return "; ".join(reason_line(r) for r in reasons)


def format_table(cmp: Comparison) -> str:
    """The comparison as readable Dutch text, per wijk (for the terminal)."""
    b, a = cmp.before, cmp.after
    lines = [f"Vergelijking: '{b.name}' ({b.today.isoformat()}) → '{a.name}' "
             f"({a.today.isoformat()})", ""]
    counts = " | ".join(f"{state_label(s)}: {b.counts.get(s, 0)} → {a.counts.get(s, 0)}"
                        for s in ("covered", "partial", "uncovered", "unreachable"))
    lines += [f"Cellen: {counts}",
              f"Gaten gesloten: {len(cmp.closed)}, nieuwe gaten: {len(cmp.opened)}, "
              f"verbeterd: {sum(c.change == 'better' for c in cmp.cells_changed)}, "
              f"verslechterd: {sum(c.change == 'worse' for c in cmp.cells_changed)}", ""]
    if cmp.is_empty():
        lines.append("Geen verschillen in cellen, aanbod, partners of verwijsroutes.")
    for wijk in cmp.wijken():
        cells = [c for c in cmp.cells_changed if c.wijk == wijk]
        routes = [r for r in cmp.routes if r.wijk == wijk]
        name = cells[0].wijk_name if cells else routes[0].wijk_name
        lines.append(f"{name} ({wijk})")
        for c in cells:
            lines.append(f"  {c.profile_name}: {state_label(c.before) if c.before else '-'} → "
                         f"{state_label(c.after) if c.after else '-'} "
                         f"({CHANGE_LABELS[c.change]})")
            if c.reasons:
                lines.append(f"    {'was' if c.change in ('closed', 'better') else 'nu'}: "
                             + _reason_text(c.reasons))
        for r in routes:
            lines.append(f"  route {'erbij' if r.change == 'gained' else 'weg'}: "
                         f"{r.from_name} → {r.to_name} ({r.kind})")
        lines.append("")
    for title, items in (("Aanbod erbij", cmp.offers_added), ("Aanbod gestopt", cmp.offers_ended),
                         ("Partners erbij", cmp.partners_added),
                         ("Partners gestopt", cmp.partners_ended)):
        if items:
            lines.append(f"{title}: " + ", ".join(f"{i.name} ({i.id})" for i in items))
    n = cmp.network
    if n.get("density_before") is not None and n.get("density_after") is not None:
        lines.append(f"Netwerkdichtheid: {n['density_before']:.3f} → {n['density_after']:.3f}")
    if n.get("brokers_new") or n.get("brokers_gone"):
        def pname(pid):
            return a.labels.get("partners", {}).get(pid) or b.label("partners", pid)
        lines.append("Makelaars erbij: " + (", ".join(map(pname, n["brokers_new"])) or "-")
                     + "; weg: " + (", ".join(map(pname, n["brokers_gone"])) or "-"))
    return "\n".join(lines).rstrip() + "\n"
