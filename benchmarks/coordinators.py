"""Synthetic coalitions written the way coordinators write them (benchmarks only).

Independent of :mod:`benchmarks.generate` (which writes codes through the
project's own writer): this generator writes the exchange files as Dutch
Excel saves them and as coordinators fill them in --

* ``;`` as delimiter, Windows-1252, CRLF line ends;
* Dutch column headings (``Wijkcode``, ``Uitgevoerd door``, ``% eenzaam``);
* labels instead of codes (``één-op-één``, ``professional + vrijwilliger``,
  ``effect onbekend``, ``Buitenstaander``), in varying case, some aliases;
* lists separated by ``|`` or by ``, `` (quoted cells);
* Dutch dates (``3-2-2026``), decimal commas (``48,2``), thousands dots
  (``12.400``), ``Ja``/``nee``, ``hele gemeente`` for a municipality-wide reach;
* file names by Dutch label where the reader accepts one (``aanbod.csv``,
  ``verwijsroutes.csv``).

The reader does not accept month names (``3 februari 2026``), so dates are
numeric. The structure is drawn independently: municipalities of lognormal
size, partners with sector-typical chain roles and a reach of a few wijken or
the whole municipality, offers whose kind, delivery and types hang together
(with some claims that break the typology's rules), and referrals mostly
within a municipality (about 3 % to a partner in another municipality, as a
regional GGZ or Veilig Thuis would have).

    python benchmarks/coordinators.py --scale national --out /tmp/nl

Scales: ``city`` (1 gemeente, 14 wijken, 80 partners, 300 offers, 240
referrals), ``region`` (25, 250, 1,000, 6,000, 2,500), ``national`` (342,
3,300, 15,000, 100,000, 40,000) and ``national2`` (twice national).
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclass(frozen=True)
class Scale:
    name: str
    gemeenten: int
    wijken: int
    partners: int
    offers: int
    referrals: int


SCALES = {
    "city": Scale("city", 1, 14, 80, 300, 240),
    "region": Scale("region", 25, 250, 1_000, 6_000, 2_500),
    "national": Scale("national", 342, 3_300, 15_000, 100_000, 40_000),
    "national2": Scale("national2", 684, 6_600, 30_000, 200_000, 80_000),
}

# Sector label as coordinators write it (weight, roles as they write them).
SECTORS = [
    ("Welzijn", 14, ("signalering", "vraagverheldering", "toeleiden", "aanbod")),
    ("vrijwilligersorganisatie", 13, ("signaleren", "aanbieden")),
    ("Huisarts", 10, ("signaleren", "doorverwijzen")),
    ("vereniging", 8, ("aanbieden",)),
    ("Thuiszorg", 7, ("signaleren", "monitoren/vangnet")),
    ("Woningcorporatie", 5, ("signaleren",)),
    ("huismeester", 1, ("signaleren",)),
    ("Sociaal wijkteam", 6, ("melden/meldpunt", "intake", "toeleiden", "aanbieden",
                             "Monitoren/vangnet")),
    ("GGZ", 4, ("aanbieden", "monitoren/vangnet")),
    ("levensbeschouwelijke organisatie", 4, ("signaleren", "aanbieden")),
    ("wijkagent", 3, ("signaleren",)),
    ("mantelzorgondersteuning", 3, ("signaleren", "aanbieden")),
    ("cliëntondersteuning", 3, ("vraagverheldering", "toeleiden")),
    ("Schuldhulp", 3, ("aanbieden",)),
    ("lokaal zorgnetwerk", 2, ("signaleren", "meldpunt", "monitoren")),
    ("buurtbemiddeling", 2, ("signaleren",)),
    ("Gemeente", 2, ("meldpunt", "coördineren")),
    ("bibliotheek", 2, ("aanbieden", "preventie")),
    ("GGD", 1, ("monitoren", "preventie")),
    ("Veilig Thuis", 1, ("melden/meldpunt",)),
    ("overig", 2, ("aanbieden",)),
]

# Offer kind label (weight, type labels, delivery labels).
KINDS = [
    ("ontmoeting/groep", 27, ("toeleiding naar activiteiten", "preventieve interventie",
                              "belemmeringen weghalen"),
     ("vrijwilliger", "professional + vrijwilliger")),
    ("één-op-één", 22, ("inzet vrijwilliger/maatje", "emotionele en psychosociale steun",
                        "inzet gespecialiseerde vrijwilliger"),
     ("vrijwilliger", "gespecialiseerde vrijwilliger",
      "professional + gespecialiseerde vrijwilliger")),
    ("cursus/gespreksgroep", 8, ("preventieve interventie", "hulp bij rouwverwerking"),
     ("professional", "professional + vrijwilliger")),
    ("praktische hulp", 14, ("praktische problemen oplossen", "belemmeringen weghalen"),
     ("professional", "vrijwilliger")),
    ("professionele begeleiding", 12, ("individuele begeleiding door professional",
                                       "begeleiding bij dagelijks functioneren",
                                       "doorgeleiding naar specialistische hulp",
                                       "emotionele en psychosociale steun"), ("professional",)),
    ("Monitoring", 6, ("monitoren door professional", "professioneel vangnet",
                       "signaleringsnetwerk"), ("professional",)),
    ("telefonisch contact", 4, ("telefooncirkel",), ("vrijwilliger",)),
    ("informatie/advies", 5, ("preventieve interventie", "mantelzorgondersteuning"),
     ("professional",)),
    ("maatje", 2, ("inzet vrijwilliger/maatje",), ("vrijwilliger",)),
]

PROFILE_SPELLINGS = {
    "actieven": ("Actieven", "actieve"), "geborgenen": ("Geborgenen", "geborgene"),
    "achterblijvers": ("Achterblijvers", "achterblijver"),
    "afhankelijken": ("Afhankelijken", "afhankelijke"),
    "compenseerders": ("Compenseerders", "compenseerder"),
    "buitenstaanders": ("Buitenstaanders", "Buitenstaander"),
    "hoopvollen": ("Hoopvollen", "hoopvolle"), "overlevers": ("Overlevers", "overlever"),
}
PLACE_PARTS = ("Noord", "Zuid", "Oost", "West", "Centrum", "Haven", "Dorp", "Veld", "Hoven",
               "Kade", "Akkers", "Weide", "Buurt", "Meer", "Heide", "Berg")
WORDS = ("samen", "buurt", "koffie", "wandelen", "contact", "thuis", "steun", "vrienden",
         "eettafel", "maatje", "gesprek", "welkom", "ontmoeting", "praatje", "zorg", "hulp")


def _split(rng: random.Random, total: int, parts: int, minimum: int) -> list[int]:
    if parts == 1:
        return [total]
    weights = [rng.lognormvariate(0, 0.9) for _ in range(parts)]
    spare = total - minimum * parts
    sizes = [minimum + int(w / sum(weights) * spare) for w in weights]
    i = 0
    while sum(sizes) < total:
        sizes[i % parts] += 1
        i += 1
    return sizes


def _dutch_int(n: int, rng: random.Random) -> str:
    """12400 -> '12.400' (mostly) or '12400'."""
    if n >= 1000 and rng.random() < 0.8:
        return f"{n:,}".replace(",", ".")
    return str(n)


def _dutch_float(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _dutch_date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2025, 2026, 2027))
    return f"{day}-{month}-{year}" if rng.random() < 0.7 else f"{day:02d}-{month:02d}-{year}"


def _yes_no(rng: random.Random, p_yes: float) -> str:
    if rng.random() < p_yes:
        return rng.choice(("Ja", "ja", "ja", "x", ""))
    return rng.choice(("nee", "Nee", "n"))


def _join(rng: random.Random, items) -> str:
    items = list(items)
    return " | ".join(items) if rng.random() < 0.6 else ", ".join(items)


def _cell(value: str) -> str:
    if any(ch in value for ch in ';"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = [";".join(_cell(h) for h in header)]
    lines.extend(";".join(_cell(c) for c in row) for row in rows)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def _pick(rng: random.Random, table):
    return rng.choices(table, weights=[t[1] for t in table])[0]


def write_coalition(scale: str | Scale, out: Path, *, seed: int = 7) -> dict:
    """Write ``wijken.csv``, ``partners.csv``, ``aanbod.csv``, ``verwijsroutes.csv``
    (and ``coalitie.csv``) into ``out``; returns the counts."""
    sc = SCALES[scale] if isinstance(scale, str) else scale
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    names = [f"{rng.choice(('Oud', 'Nieuw', 'Groot', 'Klein', 'Hoog', 'Laag'))}"
             f"{rng.choice(PLACE_PARTS).lower()} {i}" for i in range(1, sc.gemeenten + 1)]
    wijk_counts = _split(rng, sc.wijken, sc.gemeenten, 1)
    partner_counts = _split(rng, sc.partners, sc.gemeenten, 3)
    ref_counts = _split(rng, sc.referrals, sc.gemeenten, 0)

    wijk_rows, wijken_of = [], {}
    for g, (gemeente, count) in enumerate(zip(names, wijk_counts), start=1):
        codes = []
        for j in range(1, count + 1):
            code = f"WK{g:04d}{j:02d}" if count < 100 else f"WK{g:04d}{j:03d}"
            codes.append(code)
            inhabitants = int(rng.lognormvariate(8.7, 0.6))
            wijk_rows.append([
                code, f"{rng.choice(PLACE_PARTS)} {j}", gemeente,
                _dutch_int(inhabitants, rng), _dutch_int(int(inhabitants * 0.2), rng),
                _dutch_float(min(70, max(20, rng.gauss(43, 7)))),
                _dutch_float(min(25, max(3, rng.gauss(11, 3)))),
                "GGD Gezondheidsmonitor Volwassenen en Ouderen", "2024"])
        wijken_of[gemeente] = codes
    _write(out / "wijken.csv", ["Wijkcode", "Naam", "Gemeente", "Inwoners", "Inwoners 65+",
                                "% eenzaam", "% ernstig eenzaam", "Bron", "Jaar"], wijk_rows)

    partner_rows, partners_of, roles_of, reach_of = [], {}, {}, {}
    n = 0
    for gemeente, count in zip(names, partner_counts):
        local = []
        codes = wijken_of[gemeente]
        for _ in range(count):
            n += 1
            pid = f"P{n:05d}"
            sector, _, roles = _pick(rng, SECTORS)
            chosen = [r for r in roles if rng.random() < 0.85]
            if rng.random() < 0.35 or len(codes) <= 2:
                reach = rng.choice(("hele gemeente", "alle", "Hele gemeente", "gemeentebreed"))
                reach_codes = codes
            else:
                reach_codes = rng.sample(codes, k=min(len(codes), rng.choice((1, 2, 3))))
                reach = _join(rng, reach_codes)
            roles_of[pid] = chosen
            reach_of[pid] = (reach, reach_codes, len(reach_codes) == len(codes))
            local.append(pid)
            partner_rows.append([
                pid, f"{sector.capitalize()} {rng.choice(PLACE_PARTS)} {n}", sector,
                _join(rng, chosen), reach, gemeente,
                f"{rng.choice(WORDS).capitalize()} en {rng.choice(WORDS)} in de wijk",
                rng.choice(("coördinator", "teamleider", "opbouwwerker", "")),
                f"0{rng.randint(10, 99)}-{rng.randint(100, 999)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}", f"info@p{n}.example", f"www.p{n}.example",
                f"{rng.choice(PLACE_PARTS)}straat {rng.randint(1, 200)}",
                f"{rng.randint(1000, 9999)} {rng.choice(('AB', 'CD', 'EF', 'GH'))}", gemeente,
                rng.choice(("uitvoering", "Beleid", "bestuur", "")),
                rng.choice(("ma-vr 9.00-17.00", "di en do 9.00-12.00", "")),
                _yes_no(rng, 0.97)])
        partners_of[gemeente] = local
    _write(out / "partners.csv", ["Id", "Naam", "Sector", "Ketenrollen", "Werkgebied",
                                  "Gemeente", "Kernexpertise", "Contactpersoon", "Telefoon",
                                  "E-mail", "Website", "Adres", "Postcode", "Plaats", "Mandaat",
                                  "Bereikbaar", "Actief"], partner_rows)

    all_partners = [p for g in names for p in partners_of[g]]
    weights = [4.0 if any(r.startswith("aanb") for r in roles_of[p]) else 0.7
               for p in all_partners]
    owners = rng.choices(all_partners, weights=weights, k=sc.offers)
    offer_rows = []
    for n, owner in enumerate(owners, start=1):
        kind, _, types, deliverers = _pick(rng, KINDS)
        chosen_types = rng.sample(types, k=1 if len(types) == 1 or rng.random() < 0.6 else 2)
        profiles = ""
        if rng.random() < 0.5:
            codes = rng.sample(list(PROFILE_SPELLINGS), k=rng.choice((1, 2, 3)))
            profiles = _join(rng, (rng.choice(PROFILE_SPELLINGS[c]) for c in codes))
        reach, reach_codes, whole = reach_of[owner]
        if whole and rng.random() < 0.35:
            where = rng.choice(("hele gemeente", "alle"))
        elif rng.random() < 0.3:
            where = _join(rng, reach_codes[:3])
        else:
            where = rng.choice(reach_codes)
        capacity = ""
        if rng.random() < 0.3:
            capacity = "0" if rng.random() < 0.1 else _dutch_int(rng.choice(
                (rng.randint(5, 60), rng.randint(1000, 2500))), rng)
        offer_rows.append([
            f"A{n:06d}", owner,
            f"{kind.split('/')[0].capitalize()} {rng.choice(WORDS)} {n}", kind,
            rng.choice(deliverers),
            f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}: wekelijks samen "
            f"{rng.choice(WORDS)} en {rng.choice(WORDS)} voor wie er behoefte aan heeft, "
            "laagdrempelig en dichtbij.",
            _join(rng, chosen_types), profiles,
            rng.choice(("ouderen 75+", "mantelzorgers", "nieuwkomers", "")), where,
            rng.choice(("onderbouwd", "kansrijk", "effect onbekend", "onbekend", "")),
            capacity, rng.choice(("Geen indicatie nodig", "Wmo-indicatie", "")),
            rng.choice(("Bel of mail de coördinator", "Via het wijkteam", "")),
            "", rng.choice(("Gemeente (Wmo)", "Fonds", "")), "",
            _yes_no(rng, 0.95), _dutch_date(rng) if rng.random() < 0.1 else "",
            rng.choice(("kort", "lang", "", "")), rng.choice(("licht", "intensief", "", "")),
            _yes_no(rng, 0.3) if rng.random() < 0.3 else ""])
    _write(out / "aanbod.csv", ["Id", "Partner", "Naam", "Soort", "Uitgevoerd door",
                                "Omschrijving", "Interventietypen", "Profielen", "Doelgroepen",
                                "Wijken", "Onderbouwing", "Capaciteit", "Toegang", "Aanmelden",
                                "Locatie", "Financiering", "Referentie", "Actief", "Einddatum",
                                "Duur", "Intensiteit", "Naast professional"], offer_rows)

    ref_rows, seen = [], set()
    for gemeente, target in zip(names, ref_counts):
        local = partners_of[gemeente]
        if len(local) < 2:
            continue
        signal = [p for p in local if any("signal" in r for r in roles_of[p])] or local
        intake = [p for p in local if any(r.startswith(("meld", "intake", "vraag", "toeleid",
                                                        "doorverw")) for r in roles_of[p])] \
            or local
        provide = [p for p in local if any(r.startswith("aanb") for r in roles_of[p])] or local
        made = tries = 0
        target = min(target, len(local) * (len(local) - 1))
        while made < target and tries < target * 30:
            tries += 1
            r = rng.random()
            if r < 0.5:
                a, b = rng.choice(signal), rng.choice(intake)
            elif r < 0.85:
                a, b = rng.choice(intake), rng.choice(provide)
            else:
                a, b = rng.choice(local), rng.choice(local)
            if rng.random() < 0.03:
                b = rng.choice(all_partners)
            kind = rng.choices(("verwijst", "meldt", "werkt samen", "verwijzing"),
                               weights=(5, 3, 1, 1))[0]
            key = (a, b, kind if kind != "verwijzing" else "verwijst")
            if a == b or key in seen:
                continue
            seen.add(key)
            made += 1
            ref_rows.append([a, b, kind, rng.choice(("geen", "informeel", "Informeel",
                                                     "convenant", "")),
                             _yes_no(rng, 0.4)])
    _write(out / "verwijsroutes.csv", ["Van", "Naar", "Soort", "Afspraak", "Terugkoppeling"],
           ref_rows)
    _write(out / "coalitie.csv", ["Naam", "Gemeente", "Voorbeelddata", "Omschrijving"],
           [[f"Synthetische coalitie ({sc.name}, coördinatorenspelling)",
             names[0] if sc.gemeenten == 1 else "", "ja", f"seed {seed}"]])
    return {"gemeenten": sc.gemeenten, "wijken": len(wijk_rows), "partners": len(partner_rows),
            "offers": len(offer_rows), "referrals": len(ref_rows)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Schrijf een synthetische coalitie in "
                                     "coördinatorenspelling.")
    parser.add_argument("--scale", choices=sorted(SCALES), default="city")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    counts = write_coalition(args.scale, args.out, seed=args.seed)
    print(f"{args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
