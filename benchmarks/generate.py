"""Seeded synthetic coalitions at three scales, for benchmarks and tests.

The data are fictional but shaped like the real thing: municipalities of
very different size (a few cities with many wijken, many small ones),
partners whose sector mix, chain roles and reach (whole municipality or a
few wijken) follow what the sources describe, offers whose kind, delivery,
intervention types and claimed profiles hang together (with a small share of
claims that break the typology's rules, as in 002's own table), some
inactive or ended offers, and referral routes that run mostly from
signallers to meldpunten and from meldpunten to providers, within a
municipality.

    python benchmarks/generate.py --scale city --out /tmp/city
    python benchmarks/generate.py --scale national --out /tmp/nl

>>> c = generate("city", seed=1)
>>> len(c.wijken), len(c.partners), len(c.offers)
(14, 80, 300)
>>> generate("city", seed=1).offers[5] == c.offers[5]
True
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coalition_map.model import ALL, Coalition, CoalitionInfo, Offer, Partner, Referral, Wijk
from coalition_map.typology import PROFILES, profiles_fitting_types, rules_excluding


@dataclass(frozen=True)
class Scale:
    name: str
    municipalities: int
    wijken: int
    partners: int
    offers: int
    referrals: int


SCALES = {
    "city": Scale("city", 1, 14, 80, 300, 240),
    "region": Scale("region", 25, 1000, 4000, 25000, 10000),
    "national": Scale("national", 342, 3300, 15000, 100000, 40000),
}

#: Synthetic sector mix (weights) and the chain roles a sector typically takes.
SECTOR_MIX = {
    "welzijn": (14, ("signaleren", "vraagverheldering", "toeleiden", "aanbieden")),
    "vrijwilligers": (14, ("signaleren", "aanbieden")),
    "huisarts": (11, ("signaleren", "toeleiden")),
    "vereniging": (9, ("aanbieden",)),
    "thuiszorg": (7, ("signaleren", "monitoren")),
    "woningcorporatie": (5, ("signaleren",)),
    "wijkteam": (5, ("meldpunt", "vraagverheldering", "toeleiden", "aanbieden", "monitoren")),
    "ggz": (4, ("aanbieden", "monitoren")),
    "levensbeschouwelijk": (4, ("signaleren", "aanbieden")),
    "politie": (3, ("signaleren",)),
    "mantelzorg": (3, ("signaleren", "aanbieden")),
    "clientondersteuning": (3, ("vraagverheldering", "toeleiden")),
    "schuldhulp": (3, ("aanbieden",)),
    "zorgnetwerk": (2, ("signaleren", "meldpunt", "monitoren")),
    "buurtbemiddeling": (2, ("signaleren",)),
    "gemeente": (2, ("meldpunt", "coordineren")),
    "bibliotheek": (2, ("aanbieden", "preventie")),
    "ggd": (1, ("monitoren", "preventie")),
    "bedrijf": (1, ("signaleren",)),
    "veilig_thuis": (1, ("meldpunt",)),
    "overig": (2, ("aanbieden",)),
}

#: Offer kinds with weights, the intervention types that go with them and who
#: usually delivers them.
KIND_MIX = {
    "ontmoeting": (28, ("toeleiding_activiteiten", "preventie", "belemmeringen"),
                   ("vrijwilliger", "professional_vrijwilliger")),
    "een_op_een": (22, ("vrijwillige_inzet", "emotionele_steun", "gespecialiseerde_vrijwilliger"),
                   ("vrijwilliger", "gespecialiseerde_vrijwilliger",
                    "professional_gespecialiseerde_vrijwilliger")),
    "cursus": (8, ("preventie", "emotionele_steun"), ("professional", "professional_vrijwilliger")),
    "praktische_hulp": (14, ("praktische_problemen", "belemmeringen"),
                        ("professional", "vrijwilliger")),
    "begeleiding": (12, ("individuele_begeleiding", "dagelijks_functioneren",
                         "specialistische_hulp", "emotionele_steun"), ("professional",)),
    "monitoring": (6, ("monitoren", "vangnet", "signaleringsnetwerk"), ("professional",)),
    "telefonisch": (4, ("telefooncirkel",), ("vrijwilliger",)),
    "informatie": (6, ("preventie", "belemmeringen"), ("professional",)),
}


@dataclass(frozen=True)
class _Probe:
    kind: str
    delivered_by: str


def _weighted(rng: random.Random, table: dict):
    keys = list(table)
    return rng.choices(keys, weights=[table[k][0] for k in keys])[0]


def _split_sizes(rng: random.Random, total: int, parts: int, minimum: int = 1) -> list[int]:
    """``total`` spread over ``parts`` with a long tail (a few big ones)."""
    if parts == 1:
        return [total]
    weights = [rng.lognormvariate(0, 1.0) for _ in range(parts)]
    spare = total - minimum * parts
    raw = [w / sum(weights) * spare for w in weights]
    sizes = [minimum + int(r) for r in raw]
    for i in sorted(range(parts), key=lambda i: raw[i] - int(raw[i]), reverse=True):
        if sum(sizes) >= total:
            break
        sizes[i] += 1
    return sizes


def generate(scale: str | Scale = "city", *, seed: int = 42) -> Coalition:
    """A synthetic coalition at ``scale`` (``city``, ``region``, ``national``)."""
    sc = SCALES[scale] if isinstance(scale, str) else scale
    rng = random.Random(seed)
    today = dt.date(2026, 6, 1)
    munis = [f"Gemeente {i:03d}" for i in range(1, sc.municipalities + 1)]
    if sc.municipalities == 1:
        munis = ["Synthetisch"]
    wijk_counts = _split_sizes(rng, sc.wijken, len(munis))
    # partners and offers follow the number of wijken, with some noise
    partner_counts = _split_sizes(rng, sc.partners, len(munis), minimum=3)
    partner_counts = sorted(partner_counts)
    order = sorted(range(len(munis)), key=lambda i: wijk_counts[i])
    pc = [0] * len(munis)
    for rank, i in enumerate(order):
        pc[i] = partner_counts[rank]

    wijken: list[Wijk] = []
    wijken_of: dict[str, list[str]] = {}
    for m_index, (muni, count) in enumerate(zip(munis, wijk_counts)):
        codes = []
        for j in range(count):
            code = f"WK{m_index + 1:04d}{j + 1:03d}"
            codes.append(code)
            wijken.append(Wijk(
                code, f"Wijk {j + 1} ({muni})", municipality=muni,
                inhabitants=int(rng.lognormvariate(8.6, 0.6)),
                inhabitants_65plus=None,
                pct_lonely=round(min(70.0, max(20.0, rng.gauss(42, 7))), 1),
                pct_severely_lonely=round(min(25.0, max(3.0, rng.gauss(11, 3))), 1),
                source="synthetisch", year=2024))
        wijken_of[muni] = codes

    partners: list[Partner] = []
    partners_of: dict[str, list[Partner]] = {}
    pid = 0
    for muni, count in zip(munis, pc):
        local = []
        for _ in range(count):
            pid += 1
            sector = _weighted(rng, SECTOR_MIX)
            roles = tuple(r for r in SECTOR_MIX[sector][1] if rng.random() < 0.85)
            codes = wijken_of[muni]
            if rng.random() < 0.3 or len(codes) <= 2:
                reach = (ALL,)
            else:
                reach = tuple(rng.sample(codes, k=min(len(codes), rng.choice((1, 1, 2, 3)))))
            p = Partner(f"P{pid:06d}", f"{sector.capitalize()} {pid}", sector, roles=roles,
                        wijken=reach, municipality=muni, active=rng.random() < 0.97)
            local.append(p)
        partners.extend(local)
        partners_of[muni] = local

    # offers: spread over partners, providers more likely
    weights = [(4.0 if "aanbieden" in p.roles else 0.6) for p in partners]
    owners = rng.choices(partners, weights=weights, k=sc.offers)
    offers: list[Offer] = []
    for n, owner in enumerate(owners, start=1):
        kind = _weighted(rng, KIND_MIX)
        _, type_pool, deliverers = KIND_MIX[kind]
        types = tuple(rng.sample(type_pool, k=rng.choice([1, 1, 2]) if len(type_pool) > 1 else 1))
        delivered_by = rng.choice(deliverers)
        profiles: tuple[str, ...] = ()
        if rng.random() < 0.5:
            fitting = profiles_fitting_types(types) or list(PROFILES)
            profiles = tuple(rng.sample(fitting, k=min(len(fitting), rng.choice((1, 2, 3)))))
            if rng.random() < 0.85:   # most claims respect the rules, some do not
                allowed = [p for p in profiles
                           if not rules_excluding(_Probe(kind, delivered_by), p)]
                profiles = tuple(allowed)
            if rng.random() < 0.03:
                profiles += (rng.choice(list(PROFILES)),)
            profiles = tuple(dict.fromkeys(profiles))
        muni_codes = wijken_of[owner.municipality]
        if owner.everywhere:
            where = (ALL,) if rng.random() < 0.3 else tuple(
                rng.sample(muni_codes, k=min(len(muni_codes), rng.choice((1, 2)))))
        else:
            where = owner.wijken if rng.random() < 0.3 else tuple(
                rng.sample(owner.wijken, k=1))
        end_date = None
        if rng.random() < 0.1:
            end_date = today + dt.timedelta(days=rng.randint(-365, 730))
        capacity = None
        if rng.random() < 0.3:
            capacity = 0 if rng.random() < 0.1 else rng.randint(5, 60)
        offers.append(Offer(
            f"O{n:07d}", owner.id, f"{kind.replace('_', ' ').capitalize()} {n}", kind,
            delivered_by, intervention_types=types, profiles=profiles, wijken=where,
            evidence=rng.choice(("onderbouwd", "kansrijk", "onbekend", "onbekend")),
            capacity=capacity, active=rng.random() < 0.95, end_date=end_date))

    # referrals within a municipality: signallers -> intake, intake -> providers
    referrals: list[Referral] = []
    seen: set[tuple[str, str, str]] = set()
    ref_counts = _split_sizes(rng, sc.referrals, len(munis), minimum=0)
    order = sorted(range(len(munis)), key=lambda i: pc[i])
    ref_sorted = sorted(ref_counts)
    for rank, i in enumerate(order):
        local = partners_of[munis[i]]
        if len(local) < 2:
            continue
        signallers = [p for p in local if "signaleren" in p.roles] or local
        intakes = [p for p in local if {"meldpunt", "vraagverheldering", "toeleiden"} & set(p.roles)] \
            or local
        providers = [p for p in local if "aanbieden" in p.roles] or local
        tries = 0
        made = 0
        target = min(ref_sorted[rank], len(local) * (len(local) - 1))
        while made < target and tries < target * 5:
            tries += 1
            r = rng.random()
            if r < 0.5:
                a, b = rng.choice(signallers), rng.choice(intakes)
            elif r < 0.85:
                a, b = rng.choice(intakes), rng.choice(providers)
            else:
                a, b = rng.choice(local), rng.choice(local)
            kind = rng.choices(("verwijst", "meldt", "werkt_samen"), weights=(6, 3, 1))[0]
            key = (a.id, b.id, kind)
            if a.id == b.id or key in seen:
                continue
            seen.add(key)
            made += 1
            referrals.append(Referral(a.id, b.id, kind,
                                      rng.choice(("geen", "informeel", "informeel", "convenant")),
                                      rng.random() < 0.4))

    info = CoalitionInfo(name=f"Synthetische coalitie ({sc.name})",
                         municipality=munis[0] if len(munis) == 1 else "",
                         is_example=True, description=f"seed {seed}")
    return Coalition(info=info, wijken=wijken, partners=partners, offers=offers,
                     referrals=referrals)


def write(coalition: Coalition, out: Path) -> Path:
    """Write the coalition as exchange files (``coalition_map.writing``)."""
    from coalition_map.writing import write_folder
    return write_folder(coalition, None, out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Maak een synthetische coalitie.")
    parser.add_argument("--scale", choices=sorted(SCALES), default="city")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    c = generate(args.scale, seed=args.seed)
    write(c, args.out)
    print(f"{args.out}: {len(c.wijken)} wijken, {len(c.partners)} partners, "
          f"{len(c.offers)} aanbod, {len(c.referrals)} verwijsroutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
