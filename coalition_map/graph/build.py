"""Build networkx graphs from a :class:`~coalition_map.model.Coalition`.

Two graphs:

* :func:`build_graph` -- everything in one typed ``nx.MultiDiGraph``: partners,
  offers, profiles, wijken and intervention types as nodes, with the relations
  between them as edges (see ``docs/architecture.md`` for the ids).
* :func:`referral_graph` -- only partners, with an edge for each referral
  route. The chain analysis and the network metrics read this one.

"Whole municipality" (``wijken == ("alle",)``) is resolved by
:class:`coalition_map.availability.Availability`, the one definition of
"available in this wijk".

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer, Referral
>>> c = Coalition(wijken=[Wijk("W1", "Noord"), Wijk("W2", "Zuid")],
...               partners=[Partner("p1", "Welzijn", "welzijn", roles=("aanbieden",)),
...                         Partner("p2", "Huisarts", "huisarts", wijken=("W1",))],
...               offers=[Offer("o1", "p1", "Koffieochtend", "ontmoeting", "vrijwilliger",
...                             intervention_types=("toeleiding_activiteiten",))],
...               referrals=[Referral("p2", "p1")])
>>> g = build_graph(c)
>>> g.nodes["offer:o1"]["type"], g.nodes["wijk:W1"]["type"]
('offer', 'wijk')
>>> sorted(v for _, v, k in g.out_edges("offer:o1", data="kind") if k == "available_in")
['wijk:W1', 'wijk:W2']
>>> sorted(v for _, v, k in g.out_edges("partner:p2", data="kind") if k == "active_in")
['wijk:W1']
>>> list(referral_graph(c).edges())
[('p2', 'p1')]
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from ..availability import Availability
from ..fit import beside_professional, profile_fits, professionally_referred
from ..model import Coalition, Offer, Partner
from ..typology import INTERVENTION_TYPES, PROFILES
from ..vocab import AGREEMENTS, OFFER_KINDS, SECTORS

#: Referral kinds that run both ways (cooperation has no direction).
SYMMETRIC_REFERRAL_KINDS = frozenset({"werkt_samen"})


# --- small lookups shared with the analysis ----------------------------------

def sector_outreach(sector: str) -> bool:
    """True when the sector finds the structural profiles (``SECTORS`` fact).

    >>> sector_outreach("woningcorporatie"), sector_outreach("huisarts")
    (True, False)
    """
    try:
        return bool(SECTORS.get(sector).facts.get("outreach"))
    except KeyError:
        return False


def kind_is_group(kind: str) -> bool:
    """True for offer kinds that take place in a group (``OFFER_KINDS`` fact).

    >>> kind_is_group("ontmoeting"), kind_is_group("een_op_een")
    (True, False)
    """
    try:
        return bool(OFFER_KINDS.get(kind).facts.get("group"))
    except KeyError:
        return False


def claimed_profiles(offer: Offer) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """Profiles an offer serves (fully or in part): ``{profile: (named, needs it brings)}``.

    The one rule of :func:`coalition_map.fit.profile_fits`: an offer that names
    profiles serves only those; one that names none, the profiles its types fit.

    >>> o = Offer("o", "p", "Maatje", "een_op_een", "vrijwilliger",
    ...           intervention_types=("vrijwillige_inzet",), profiles=("actieven",))
    >>> claimed_profiles(o)
    {'actieven': (True, ('vrijwillige_inzet',))}
    """
    return {code: (fit.named, fit.needs) for code, fit in profile_fits(offer).items()
            if fit.serves}


# --- the typed graph -----------------------------------------------------------

def _partner_attrs(p: Partner) -> dict:
    return dict(type="partner", id=p.id, name=p.name, label=p.name, sector=p.sector,
                roles=tuple(p.roles), wijken=tuple(p.wijken), municipality=p.municipality,
                active=p.active, outreach=sector_outreach(p.sector), mandate=p.mandate)


def build_graph(coalition: Coalition, *, today: dt.date | None = None) -> nx.MultiDiGraph:
    """One typed ``MultiDiGraph`` of the coalition.

    Nodes (attribute ``type``): ``partner:<id>`` (partner), ``offer:<id>``
    (offer), ``profile:<code>`` (profile), ``wijk:<code>`` (wijk),
    ``type:<code>`` (intervention_type). Edges (attribute ``kind``):

    * partner -> offer ``provides``
    * offer -> profile ``serves``, for every profile the offer serves
      (:func:`coalition_map.fit.profile_fits`): ``explicit`` (named in the
      offer, else derived), ``types`` (the profile's needs it brings),
      ``status`` (``counts`` or ``limited``) and ``limited_by`` (rule codes)
    * offer -> profile ``claims``, for a profile the offer names but cannot
      serve: ``status`` (``excluded`` or ``no_fit``), ``excluded_by``,
      ``reasons`` (Dutch)
    * offer -> type ``has_type``
    * offer -> wijk ``available_in`` (``everywhere``: via "alle")
    * partner -> wijk ``active_in`` (``everywhere``: via "alle")
    * partner -> partner ``refers`` (``referral_kind``, ``agreement``,
      ``follow_up``), one edge per referral row; cooperation
      (``werkt_samen``) gets edges both ways.

    Offer nodes carry ``running`` (active, not ended, capacity left on
    ``today``) and ``group``; partner nodes carry ``outreach`` and ``roles``.

    >>> from coalition_map.model import Coalition, Partner, Offer
    >>> c = Coalition(partners=[Partner("p", "P", "welzijn")],
    ...               offers=[Offer("o", "p", "Bel", "telefonisch", "vrijwilliger",
    ...                             intervention_types=("telefooncirkel",))])
    >>> g = build_graph(c)
    >>> [(u, v) for u, v, k in g.edges(data="kind") if k == "serves"]
    [('offer:o', 'profile:achterblijvers'), ('offer:o', 'profile:afhankelijken')]
    """
    g = nx.MultiDiGraph(name=coalition.info.name or "coalitie")
    loc = Availability(coalition)
    referred = professionally_referred(coalition)

    for code in INTERVENTION_TYPES.codes:
        g.add_node(f"type:{code}", type="intervention_type", code=code,
                   label=INTERVENTION_TYPES.label_of(code))
    for code, prof in PROFILES.items():
        g.add_node(f"profile:{code}", type="profile", code=code, label=prof.name,
                   name=prof.name, persistence=prof.persistence, orientation=prof.orientation,
                   fitting_types=prof.fitting_types, core_types=prof.core_types,
                   needs_outreach=prof.needs_outreach, needs_vangnet=prof.needs_vangnet)
    for w in coalition.wijken:
        g.add_node(f"wijk:{w.code}", type="wijk", code=w.code, label=w.name, name=w.name,
                   municipality=loc.wijk_municipality[w.code], inhabitants=w.inhabitants,
                   inhabitants_65plus=w.inhabitants_65plus, pct_lonely=w.pct_lonely,
                   pct_severely_lonely=w.pct_severely_lonely)

    wijk_nodes = {code: f"wijk:{code}" for code in loc.wijk_municipality}
    for p in coalition.partners:
        node = f"partner:{p.id}"
        g.add_node(node, **_partner_attrs(p))
        g.add_edges_from((node, wijk_nodes[code], {"kind": "active_in",
                                                   "everywhere": p.everywhere})
                         for code in loc.wijken_of(p.wijken, p.everywhere, p.id))

    for o in coalition.offers:
        node = f"offer:{o.id}"
        g.add_node(node, type="offer", id=o.id, name=o.name, label=o.name,
                   partner_id=o.partner_id, kind=o.kind, group=kind_is_group(o.kind),
                   delivered_by=o.delivered_by, intervention_types=tuple(o.intervention_types),
                   profiles=tuple(o.profiles), wijken=tuple(o.wijken), everywhere=o.everywhere,
                   evidence=o.evidence, capacity=o.capacity, active=o.active,
                   end_date=o.end_date, running=o.running_on(today))
        pnode = f"partner:{o.partner_id}"
        if pnode in g:
            g.add_edge(pnode, node, kind="provides")
        for t in o.intervention_types:
            tnode = f"type:{t}"
            if tnode in g:
                g.add_edge(node, tnode, kind="has_type")
        fits = profile_fits(o, beside_professional=beside_professional(o, referred))
        for code, fit in fits.items():
            if fit.serves:
                g.add_edge(node, f"profile:{code}", kind="serves", explicit=fit.named,
                           types=fit.needs, status=fit.status,
                           limited_by=fit.rules if fit.status == "limited" else ())
            elif fit.named:   # named, but it does not count: a conflict, drawn apart
                g.add_edge(node, f"profile:{code}", kind="claims", explicit=True,
                           types=fit.needs, status=fit.status, excluded_by=fit.rules,
                           reasons=tuple(r.text for r in fit.reasons))
        g.add_edges_from((node, wijk_nodes[code], {"kind": "available_in",
                                                   "everywhere": o.everywhere})
                         for code in loc.wijken_of(o.wijken, o.everywhere, o.partner_id))

    for r in coalition.referrals:
        a, b = f"partner:{r.from_partner}", f"partner:{r.to_partner}"
        if a not in g or b not in g:
            continue
        attrs = dict(kind="refers", referral_kind=r.kind, agreement=r.agreement,
                     follow_up=r.follow_up)
        g.add_edge(a, b, **attrs)
        if r.kind in SYMMETRIC_REFERRAL_KINDS:
            g.add_edge(b, a, **attrs)
    return g


# --- the referral network ------------------------------------------------------

def _agreement_rank(code: str) -> int:
    codes = AGREEMENTS.codes
    return codes.index(code) if code in codes else -1


def referral_graph(coalition: Coalition, *, active_only: bool = False) -> nx.DiGraph:
    """Partners as nodes (plain partner ids), referral routes as edges.

    Node attributes: ``name``, ``sector``, ``roles``, ``wijken``,
    ``municipality``, ``active``, ``outreach``. Edge attributes: ``kind``
    (the first referral kind between the pair), ``kinds`` (all of them),
    ``agreement`` (the firmest agreement) and ``follow_up`` (anyone keeps the
    follow-up). Cooperation (``werkt_samen``) gives edges both ways. With
    ``active_only`` partners with ``active=False`` are left out.

    >>> from coalition_map.model import Coalition, Partner, Referral
    >>> c = Coalition(partners=[Partner("a", "A", "huisarts"), Partner("b", "B", "welzijn")],
    ...               referrals=[Referral("a", "b", "verwijst", "convenant", True),
    ...                          Referral("a", "b", "meldt")])
    >>> g = referral_graph(c)
    >>> g.edges["a", "b"]["kinds"], g.edges["a", "b"]["agreement"], g.edges["a", "b"]["follow_up"]
    (('verwijst', 'meldt'), 'convenant', True)
    """
    g = nx.DiGraph(name=coalition.info.name or "coalitie")
    for p in coalition.partners:
        if active_only and not p.active:
            continue
        attrs = _partner_attrs(p)
        del attrs["type"]
        g.add_node(p.id, **attrs)
    for r in coalition.referrals:
        pairs = [(r.from_partner, r.to_partner)]
        if r.kind in SYMMETRIC_REFERRAL_KINDS:
            pairs.append((r.to_partner, r.from_partner))
        for a, b in pairs:
            if a == b or a not in g or b not in g:
                continue
            if g.has_edge(a, b):
                data = g.edges[a, b]
                if r.kind not in data["kinds"]:
                    data["kinds"] = data["kinds"] + (r.kind,)
                if _agreement_rank(r.agreement) > _agreement_rank(data["agreement"]):
                    data["agreement"] = r.agreement
                data["follow_up"] = data["follow_up"] or r.follow_up
            else:
                g.add_edge(a, b, kind=r.kind, kinds=(r.kind,), agreement=r.agreement,
                           follow_up=r.follow_up)
    return g
