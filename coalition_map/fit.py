"""Which profiles an offer serves: the one definition, used everywhere.

The coverage analysis, the graph, the sociale kaart, the verwijswijzer, the
HSDS export, the suggestions and the reference palette all ask
:func:`profile_fits` how an offer relates to each profile.

* An offer that **names** profiles is considered **only for those**. A named
  profile it cannot serve is a conflict: none of its intervention types
  fits the profile (``no_fit``), or a rule of the typology forbids it
  (``excluded``).
* An offer that names **no** profile serves the profiles its intervention
  types fit ("afgeleid"), minus those a rule forbids (kept as ``excluded``,
  so the analysis can say why a profile has nothing).
* A training for professionals or volunteers (kind ``deskundigheid``) serves no
  profile itself; naming one is a conflict.
* Rules that *limit* an offer (activities only later for Achterblijvers,
  001 L2402-2403; a non-specialised volunteer beside the professional for
  Hoopvollen, 001 L2887-2891) and a trajectory that does not match the
  profile's row (002 L748-784) make the fit ``limited``: it serves, in part.

Whether a specialised volunteer works *beside a professional* (Hoopvollen
and Overlevers, 001 L2884-2887) depends on the coalition, not on the offer
alone: see :func:`beside_professional`.

>>> from coalition_map.model import Offer
>>> maatje = Offer("m", "p", "Maatje voor zorgmijders", "een_op_een", "vrijwilliger",
...                intervention_types=("vrijwillige_inzet",),
...                profiles=("compenseerders", "buitenstaanders"))
>>> fits = profile_fits(maatje)
>>> sorted(fits)              # named: only those, never Actieven
['buitenstaanders', 'compenseerders']
>>> fits["buitenstaanders"].status, [r.kind for r in fits["buitenstaanders"].reasons]
('excluded', ['excluded', 'no_fit'])
>>> club = Offer("c", "p", "Koffieochtend", "ontmoeting", "vrijwilliger",
...              intervention_types=("toeleiding_activiteiten",))
>>> {p: f.status for p, f in profile_fits(club).items()}   # doctest: +NORMALIZE_WHITESPACE
{'actieven': 'counts', 'geborgenen': 'counts', 'achterblijvers': 'limited',
 'compenseerders': 'excluded'}
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import Offer
from .reasons import Reason
from .typology import PROFILES, rules_for, trajectory_mismatch
from .vocab import DELIVERY, DURATIONS, INTENSITIES, OFFER_KINDS, SECTORS

#: Fit statuses: the offer serves the profile fully / in part / not (rule) /
#: not (it names the profile without a fitting intervention type).
FIT_STATUSES = ("counts", "limited", "excluded", "no_fit")

#: Reason kind of a named profile without a fitting type (a conflict).
NO_FIT = "no_fit"


@dataclass(frozen=True)
class Fit:
    """How one offer relates to one profile."""

    profile: str
    named: bool                     # the offer names the profile ("afgeleid" when False)
    needs: tuple[str, ...]          # the profile's needs the offer brings
    status: str                     # one of FIT_STATUSES
    rules: tuple[str, ...] = ()     # codes of the rules that exclude or limit it
    reasons: tuple[Reason, ...] = ()

    @property
    def serves(self) -> bool:
        """Counts, fully or in part."""
        return self.status in ("counts", "limited")

    @property
    def origin(self) -> str:
        """Dutch: 'genoemd' (named by the offer) or 'afgeleid' (from its types)."""
        return "genoemd" if self.named else "afgeleid"


def _trajectory_reason(offer, profile_code: str, mismatch: list[str]) -> Reason:
    prof = PROFILES[profile_code]
    facts = prof.trajectory.facts
    have = []
    if "duration" in mismatch:
        have.append(DURATIONS.label_of(offer.duration))
    if "intensity" in mismatch:
        have.append(INTENSITIES.label_of(offer.intensity))
    return Reason("trajectory",
                  f"duur of intensiteit past niet: {' en '.join(have)}, terwijl {prof.name} "
                  f"{facts['trajectory']} vragen", facts["trajectory_source"])


def _for_residents(kind: str) -> bool:
    try:
        return OFFER_KINDS.get(kind).facts.get("for_residents", True)
    except KeyError:
        return True


#: Distinct (types, profiles, kind, delivery, trajectory, beside) combinations: about
#: 34,000 at national scale (100,000 offers); a cache smaller than that thrashes.
FIT_CACHE_SIZE = 1 << 17


@lru_cache(maxsize=FIT_CACHE_SIZE)
def _fits(types: tuple, named: tuple, kind: str, delivered_by: str, duration: str,
          intensity: str, beside: bool) -> tuple:
    if not _for_residents(kind):   # a training for professionals helps no profile itself
        return tuple(Fit(code, True, (), "no_fit", (), (Reason(
            NO_FIT, "een training voor professionals of vrijwilligers helpt "
            f"{PROFILES[code].name} niet zelf", "003 L1020-1045, L1137-1139"),))
            for code in named)
    result = []
    brought = _needs_brought(types)
    for code in named or tuple(PROFILES):
        needs = brought[code]
        is_named = code in named
        if not needs and not is_named:
            continue
        result.append(_profile_fit(code, needs, is_named, kind, delivered_by, duration,
                                   intensity, beside))
    return tuple(result)


@lru_cache(maxsize=FIT_CACHE_SIZE)
def _needs_brought(types: tuple) -> dict[str, tuple[str, ...]]:
    """Per profile the needs offers with ``types`` bring (read only)."""
    return {code: prof.needs_brought_by(types) for code, prof in PROFILES.items()}


@lru_cache(maxsize=FIT_CACHE_SIZE)
def _profile_fit(code: str, needs: tuple, is_named: bool, kind: str, delivered_by: str,
                 duration: str, intensity: str, beside: bool) -> Fit:
    """One profile's :class:`Fit`; it depends on the types only through ``needs``."""
    probe = _Probe(kind, delivered_by, duration, intensity)
    prof = PROFILES[code]
    rules = rules_for(probe, code, beside)
    excluding = [r for r in rules if r.effect == "exclude"]
    no_fit = () if needs else (Reason(
        NO_FIT, f"geen van de interventietypen past bij {prof.name}", "000 L1043-1163"),)
    if excluding:
        return Fit(code, is_named, needs, "excluded", tuple(r.code for r in excluding),
                   tuple(Reason("excluded", r.text(code), r.source)
                         for r in excluding) + no_fit)
    if no_fit:
        return Fit(code, True, (), "no_fit", (), no_fit)
    limits = [Reason("limited_offer", r.text(code), r.source)
              for r in rules if r.effect == "limit"]
    mismatch = trajectory_mismatch(probe, code)
    if mismatch:
        limits.append(_trajectory_reason(probe, code, mismatch))
    return Fit(code, is_named, needs, "limited" if limits else "counts",
               tuple(r.code for r in rules if r.effect == "limit")
               + (("trajectory",) if mismatch else ()), tuple(limits))


class _Probe:
    __slots__ = ("kind", "delivered_by", "duration", "intensity")

    def __init__(self, kind, delivered_by, duration, intensity):
        self.kind, self.delivered_by = kind, delivered_by
        self.duration, self.intensity = duration, intensity


def profile_fits(offer, *, beside_professional: bool = False) -> dict[str, Fit]:
    """``{profile code: Fit}`` for every profile the offer names or is derived for.

    ``offer`` is an :class:`~coalition_map.model.Offer` or anything with the
    same attributes (a palette item). Profiles the offer has nothing to do
    with are absent.
    """
    named = tuple(dict.fromkeys(p for p in (offer.profiles or ()) if p in PROFILES))
    fits = _fits(tuple(offer.intervention_types or ()), named, offer.kind, offer.delivered_by,
                 getattr(offer, "duration", "") or "", getattr(offer, "intensity", "") or "",
                 bool(beside_professional or getattr(offer, "beside_professional", False)))
    return {f.profile: f for f in fits}


def serves(offer, profile_code: str, *, beside_professional: bool = False) -> bool:
    """True when the offer serves the profile, fully or in part."""
    fit = profile_fits(offer, beside_professional=beside_professional).get(profile_code)
    return fit is not None and fit.serves


def served_profiles(offer, *, beside_professional: bool = False) -> list[str]:
    """The profiles the offer serves (fully or in part), in typology order."""
    fits = profile_fits(offer, beside_professional=beside_professional)
    return [code for code in PROFILES if code in fits and fits[code].serves]


def delivery_has_professional(delivered_by: str) -> bool:
    try:
        return bool(DELIVERY.get(delivered_by).facts.get("professional"))
    except KeyError:
        return False


def sector_is_professional(sector: str) -> bool:
    try:
        return bool(SECTORS.get(sector).facts.get("professional"))
    except KeyError:
        return False


def sector_is_volunteer(sector: str) -> bool:
    """True for organisations whose work is done by volunteers (``SECTORS`` fact)."""
    try:
        return bool(SECTORS.get(sector).facts.get("volunteer"))
    except KeyError:
        return False


def professionally_referred(coalition) -> set[str]:
    """Partners that receive referrals, reports or cooperation from an active
    partner in a professional sector (``SECTORS`` fact ``professional``)."""
    partners = {p.id: p for p in coalition.partners}
    result = set()
    for r in coalition.referrals:
        pairs = [(r.from_partner, r.to_partner)]
        if r.kind == "werkt_samen":
            pairs.append((r.to_partner, r.from_partner))
        for a, b in pairs:
            src = partners.get(a)
            if a != b and src is not None and src.active and sector_is_professional(src.sector):
                result.add(b)
    return result


def beside_professional(offer: Offer, referred: set[str]) -> bool:
    """True when a volunteer of this offer works beside a professional: the offer
    says so (``beside_professional``), or a professional partner refers to its
    partner (``referred`` from :func:`professionally_referred`) (001 L2884-2887).
    """
    return bool(offer.beside_professional) or offer.partner_id in referred
