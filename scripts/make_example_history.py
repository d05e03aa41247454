"""Write the example coalition's history: two relationship rounds and two peilmomenten.

    .venv/bin/python scripts/make_example_history.py

* ``data/relationships.csv``: rounds "2025" (November 2025) and "2026" (November
  2026). The core partners answer about the partners they have a referral route
  with (both ways) and about a few others; in 2026 more partners answer and the
  scores of partners that work together went up. Deterministic (a fixed seed).
* ``data/peilmomenten/*.json``: "Nulmeting november 2025", the coalition as it
  was a year earlier (fewer offers and routes, two partners not yet in, the
  2025 round only), and "Peilmoment november 2026", the example as it is.

Everything is fictional, like the rest of ``data/`` (see data/README.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coalition_map import peilmomenten as pm  # noqa: E402
from coalition_map.loading import load_folder  # noqa: E402
from coalition_map.model import RelationshipAnswer  # noqa: E402
from coalition_map.schema import FILES  # noqa: E402
from coalition_map.verankering import clean_answers  # noqa: E402
from coalition_map.writing import csv_bytes  # noqa: E402

DATA = ROOT / "data"
R1, R2 = dt.date(2025, 11, 14), dt.date(2026, 11, 13)
#: Partners that answer in 2025; in 2026 these and the second list.
RESPOND_2025 = ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P09", "P14", "P15", "P17",
                "P20", "P24", "P25"]
RESPOND_2026 = RESPOND_2025 + ["P08", "P10", "P16", "P19", "P22", "P26", "P29", "P36"]
#: The self-assessment for anchoring (step 6) at each peilmoment: point -> (score 2025,
#: score 2026); wenselijk and mogelijk where the coalition wants to and can improve.
VERANKERING = {"1": (5, 6), "2": (4, 6), "3": (4, 5), "4": (5, 6), "5": (4, 5), "6": (6, 6),
               "7": (5, 5), "8": (6, 7), "9": (3, 5), "10": (5, 6), "11": (6, 6),
               "12": (3, 4), "13": (4, 6), "14": (3, 4), "15": (5, 6)}
IMPROVE = {"2", "3", "9", "12", "14"}
#: Not yet in the coalition a year earlier.
JOINED_2026 = ("P35", "P36")
#: Offers that started in the past year (their cells were gaps then): chosen by
#: :func:`started_offers`, the offers that alone make a few cells covered now.
STARTED_2026: tuple = ()


def started_offers(coalition, day, cells_wanted: int = 3) -> tuple:
    """Offers whose absence turns a few covered cells into gaps (fewest offers first)."""
    from coalition_map.analysis import analyze
    now = analyze(coalition, today=day, with_fragility=False).cells
    chosen: list[str] = []
    for cell in sorted((c for c in now.values() if c.state == "covered"),
                       key=lambda c: (len(c.offers), c.wijk, c.profile)):
        if len(cell.offers) > 2 or set(cell.offers) & set(chosen):
            continue
        trial = dataclasses.replace(coalition, offers=[o for o in coalition.offers
                                                       if o.id not in set(cell.offers)])
        if analyze(trial, today=day, with_fragility=False).cells[cell.key].state != "covered":
            chosen.extend(cell.offers)
            cells_wanted -= 1
            if not cells_wanted:
                break
    return tuple(chosen)


def _score(rng, base: float) -> int:
    return max(1, min(4, round(base + rng.uniform(-0.8, 0.8))))


def _answers(coalition, round_name: str, day: dt.date, respondents, lift: float, rng,
             exclude=()):
    linked = {}
    for r in coalition.referrals:
        linked.setdefault(r.from_partner, set()).add(r.to_partner)
        linked.setdefault(r.to_partner, set()).add(r.from_partner)
    ids = [p.id for p in coalition.partners if p.active and p.id not in exclude]
    out = []
    for a in respondents:
        if a in exclude:
            continue
        others = sorted(linked.get(a, set()) & set(ids) - {a})
        extra = [p for p in ids if p != a and p not in others]
        others += rng.sample(extra, 2)
        for b in others:
            works = b in linked.get(a, set())
            # a few ties only one side names (the other side did not tick it)
            if works and rng.random() < 0.12:
                works = False
            base = (2.9 if works else 2.2) + lift
            scored = works or rng.random() < 0.5
            out.append(RelationshipAnswer(
                round_name, a, b, day, know=True, work_together=works,
                refer=works and any(r.from_partner == a and r.to_partner == b
                                    for r in coalition.referrals),
                open_communication=_score(rng, base) if scored else None,
                reliability=_score(rng, base) if scored else None,
                shared_mission=_score(rng, base + 0.3) if scored else None,
                influence=_score(rng, base - 0.3) if scored else None,
                resources=_score(rng, base - 0.5) if scored else None,
                commitment=_score(rng, base) if scored else None))
    return out


def earlier(coalition):
    """The example as it was in November 2025."""
    partners = [p for p in coalition.partners if p.id not in JOINED_2026]
    offers = [o for o in coalition.offers
              if o.id not in STARTED_2026 and o.partner_id not in JOINED_2026]
    referrals = [r for i, r in enumerate(coalition.referrals)
                 if r.from_partner not in JOINED_2026 and r.to_partner not in JOINED_2026
                 and i % 17 != 4]
    return dataclasses.replace(coalition, partners=partners, offers=offers,
                               referrals=referrals,
                               relationships=[a for a in coalition.relationships
                                              if a.round == "2025"])


def main() -> int:
    result = load_folder(DATA)
    assert result.ok, result.problems
    coalition, plan = result.coalition, result.plan
    global STARTED_2026
    STARTED_2026 = started_offers(dataclasses.replace(coalition, relationships=[]), R2)
    print("aanbod dat in het afgelopen jaar begon:", ", ".join(STARTED_2026))
    rng = random.Random(14)
    then = earlier(dataclasses.replace(coalition, relationships=[]))
    answers = (_answers(then, "2025", R1, RESPOND_2025, 0.0, rng)
               + _answers(coalition, "2026", R2, RESPOND_2026, 0.35, rng))
    (DATA / "relationships.csv").write_bytes(csv_bytes(FILES["relationships"], answers))
    coalition = dataclasses.replace(coalition, relationships=answers)
    folder = DATA / "peilmomenten"
    folder.mkdir(exist_ok=True)
    for i, (name, data, day) in enumerate((
            ("Nulmeting november 2025", earlier(coalition), R1),
            ("Peilmoment november 2026", coalition, R2))):
        payload = pm.build(data, plan, name=name, today=day, author="voorbeelddata",
                           taken_at=dt.datetime.combine(day, dt.time(16, 0),
                                                        tzinfo=dt.UTC))
        payload["verankering"] = clean_answers({
            code: {"score": scores[i], "wenselijk": code in IMPROVE, "mogelijk": code in IMPROVE}
            for code, scores in VERANKERING.items()})
        path = folder / (day.strftime("%Y-%m") + ".json")
        path.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n",
                        encoding="utf-8")
        print(path.relative_to(ROOT), payload["analysis"]["counts"])
    print(f"data/relationships.csv: {len(answers)} antwoorden")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
