"""Break each rule of the gap analysis once and check that a test fails.

A test that cannot fail is worth nothing. For every rule the sources give
(issue 9), this script copies the repository to a temporary folder, applies
one small mutation that breaks the rule, runs the domain tests there, and
reports whether some test failed ("gedood") or all passed ("overleefd").

    .venv/bin/python scripts/mutation_check.py            # all mutations
    .venv/bin/python scripts/mutation_check.py route vangnet_overlevers
    .venv/bin/python scripts/mutation_check.py --voorbeeld

With ``--voorbeeld`` it does not run the tests but the gap analysis of the
bundled example data, and prints per rule how many of the 80 cells would
have another state without that rule (and which transitions): what each rule
decides in the example.

Exit status 1 when a mutation survives. Not part of the test suite (it runs
the domain tests once per mutation, a few minutes in all).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The tests that hold the domain rules (fast; no browser, no app).
TESTS = ["tests/test_typology.py", "tests/test_analysis_coverage.py",
         "tests/test_analysis_chain.py", "tests/test_analysis_fragility.py",
         "tests/test_analysis_suggestions.py", "tests/test_analysis_priority.py",
         "tests/test_kaart_verwijswijzer.py", "tests/test_kaart_exports.py",
         "tests/test_stappenplan.py", "tests/test_palette.py", "tests/test_example_data.py",
         "tests/test_graph.py", "coalition_map"]


@dataclass(frozen=True)
class Mutation:
    name: str
    rule: str               # Dutch/English: what the rule is, with its seed line
    path: str
    old: str
    new: str
    extra: tuple = ()       # more (old, new) pairs in the same file



MUTATIONS = (
    Mutation("route_one_hop", "routes longer than one hop are found (issue 9)",
             "coalition_map/analysis/chain.py",
             "                pred[nxt] = node\n                queue.append(nxt)",
             "                pred[nxt] = node"),
    Mutation("vangnet_overlevers", "Overlevers need a professional vangnet (000 L971-973)",
             "coalition_map/typology.py",
             '        (*OUTREACH_SECTORS, "huisarts", "thuiszorg"), _COMPLEX_SIGNAL_SOURCE, True,\n'
             '        "000 L971-973, L1016-1019"),',
             '        (*OUTREACH_SECTORS, "huisarts", "thuiszorg"), _COMPLEX_SIGNAL_SOURCE, False,\n'
             '        "000 L971-973, L1016-1019"),'),
    Mutation("vangnet_hoopvollen", "Hoopvollen need a vangnet (001 L2810, L3120)",
             "coalition_map/typology.py",
             '        (*OUTREACH_SECTORS, "huisarts", "thuiszorg"), _COMPLEX_SIGNAL_SOURCE, True,\n'
             '        "001 L2809-2810, L3120; 000 L1128-1130"),',
             '        (*OUTREACH_SECTORS, "huisarts", "thuiszorg"), _COMPLEX_SIGNAL_SOURCE, False,\n'
             '        "001 L2809-2810, L3120; 000 L1128-1130"),'),
    Mutation("vangnet_unreachable", "a missing vangnet is 'niet gedekt', not 'niet bereikbaar'",
             "coalition_map/analysis/coverage.py",
             '            if not vangnet:\n                state = "uncovered"',
             '            if not vangnet:\n                state = "unreachable"'),
    Mutation("vangnet_volunteers", "only professional monitoring is a vangnet (000 L765-766)",
             "coalition_map/analysis/index.py",
             "                and delivery_has_professional(o.delivered_by)\n"
             "                and o.partner_id in self.professional_ids)",
             "                )"),
    Mutation("named_only", "an offer that names profiles counts only for those (issue 9)",
             "coalition_map/fit.py", "    candidates = named or tuple(PROFILES)",
             "    candidates = tuple(dict.fromkeys(named + tuple(PROFILES)))"),
    Mutation("achterblijvers_rouw", "Achterblijvers: rouwverwerking is core (000 L458-461)",
             "coalition_map/typology.py",
             '         _need("rouwverwerking", "000 L458-461; 001 L2391-2392"),',
             '         _need("rouwverwerking", "000 L458-461; 001 L2391-2392", core=False),'),
    Mutation("afhankelijken_emotionele_steun", "Afhankelijken: emotionele steun fits (001 L2384)",
             "coalition_map/typology.py",
             '         _need("emotionele_steun", "001 L2384-2385", core=False),\n', ""),
    Mutation("geborgenen_toeleiding", "Geborgenen: toeleiding counts (000 L1065-1066)",
             "coalition_map/typology.py",
             '         _need("toeleiding_activiteiten", "000 L1065-1066; 000 L313-319; '
             '001 L3068-3070"),\n', ""),
    Mutation("compenseerders_begeleiding",
             "Compenseerders: individuele begeleiding fits (001 L3095-3096)",
             "coalition_map/typology.py",
             '         _need("individuele_begeleiding", "001 L3095-3096", core=False),\n'
             '         _need("toeleiding_activiteiten", "000 L660-662", core=False)),',
             '         _need("toeleiding_activiteiten", "000 L660-662", core=False)),'),
    Mutation("overlevers_specialised_volunteer",
             "Overlevers can have a specialised volunteer (001 L2884-2891)",
             "coalition_map/typology.py",
             '         _need("gespecialiseerde_vrijwilliger", "001 L2884-2891; 000 L1125-1127", '
             'core=False),\n', ""),
    Mutation("rouw_as_preventie", "rouwverwerking is its own type, not only preventie "
             "(000 L458-461, L1061-1063)", "coalition_map/typology.py",
             '    Term("rouwverwerking", "hulp bij rouwverwerking",\n'
             '         ("rouwverwerking", "rouw",',
             '    Term("rouw", "hulp bij rouw",\n         ("rouw",',
             (('("preventie", "preventief", "preventieve interventies"),',
               '("preventie", "preventief", "preventieve interventies", "rouwverwerking"),'),)),
    Mutation("practical_help_light", "praktische hulp removes barriers (000 L290-292)",
             "coalition_map/typology.py",
             '    (_need("belemmeringen", "000 L1058-1059; praktische hulp: 000 L290-292, '
             '001 L3067",\n               also=("praktische_problemen",)),',
             '    (_need("belemmeringen", "000 L1058-1059; praktische hulp: 000 L290-292, '
             '001 L3067"),'),
    Mutation("trajectory", "duration/intensity must match the row (002 L748-784)",
             "coalition_map/fit.py", "        mismatch = trajectory_mismatch(probe, code)",
             "        mismatch = []"),
    Mutation("outreach_absolute", "outreach is a matter of degree (001 L7137-7142)",
             "coalition_map/analysis/coverage.py",
             '                if level == "limited" and not prof.signal_sectors:',
             '                if level == "limited":'),
    Mutation("huisarts_for_hoopvollen", "the huisarts finds Hoopvollen (001 L2799-2802)",
             "coalition_map/typology.py",
             '        (*OUTREACH_SECTORS, "huisarts", "thuiszorg"), _COMPLEX_SIGNAL_SOURCE, True,\n'
             '        "001 L2809-2810, L3120; 000 L1128-1130"),',
             '        OUTREACH_SECTORS, _COMPLEX_SIGNAL_SOURCE, True,\n'
             '        "001 L2809-2810, L3120; 000 L1128-1130"),'),
    Mutation("beside_professional", "a specialised volunteer counts beside a professional "
             "elsewhere (001 L2884-2887)", "coalition_map/typology.py",
             '        "001 L2884-2887, L3117", verdict="niet mogelijk bij", '
             'lifted_beside_professional=True),',
             '        "001 L2884-2887, L3117", verdict="niet mogelijk bij"),'),
    Mutation("meeting_later_achterblijvers", "meeting offers make Achterblijvers partial, "
             "not excluded (001 L2402-2403)", "coalition_map/typology.py",
             '        "activiteiten_op_termijn", frozenset({"achterblijvers"}), "kind", '
             '_MEETING_KINDS,\n        "limit",',
             '        "activiteiten_op_termijn", frozenset({"achterblijvers"}), "kind", '
             '_MEETING_KINDS,\n        "exclude",'),
    Mutation("courses_achterblijvers", "courses stay excluded for Achterblijvers "
             "(001 L2392-2396)", "coalition_map/typology.py",
             '        _GROUP_KINDS - _MEETING_KINDS, "exclude",',
             '        _GROUP_KINDS - _MEETING_KINDS, "limit",'),
    Mutation("no_volunteers_cb", "no volunteers for Compenseerders and Buitenstaanders "
             "(000 L669, L765)", "coalition_map/typology.py",
             '        "geen_vrijwilligers", frozenset({"compenseerders", "buitenstaanders"}), '
             '"delivered_by",',
             '        "geen_vrijwilligers", frozenset({"compenseerders"}), "delivered_by",'),
    Mutation("weak_routes", "referral routes without agreement or follow-up are reported "
             "(001 L8164-8174)", "coalition_map/analysis/chain.py",
             "            lacks = weak_link(data)\n            if lacks:",
             "            lacks = weak_link(data)\n            if False:"),
    Mutation("suggest_volunteer_org", "no volunteer organisation suggested for "
             "Compenseerders", "coalition_map/analysis/suggestions.py",
             "            if professionals_only and sector_is_volunteer(p.sector):",
             "            if False:"),
    Mutation("suggest_fragile_partner", "a fragile cell never suggests its own partner",
             "coalition_map/analysis/suggestions.py",
             "        if pid in avoid:\n            continue\n        p = index.partners[pid]",
             "        p = index.partners[pid]"),
    Mutation("reach_action", "a reach gap is filed under herkennen en vinden",
             "coalition_map/stappenplan.py",
             '    "reach": ("{profile} in {wijk} vinden: signalering en verwijsroute", 5, '
             '"herkennen"),',
             '    "reach": ("Aanbod voor {profile} in {wijk}", 5, "ondersteunen"),'),
    Mutation("regional_availability", "a partner without municipality works everywhere",
             "coalition_map/availability.py",
             "            p.id: _mun(p.municipality) for p in coalition.partners}",
             "            p.id: _mun(p.municipality) or default for p in coalition.partners}"),
    Mutation("kaart_contacts", "meldpunt and intake on top of every kaart",
             "coalition_map/kaart/selection.py",
             "                 coalition.name, coalition.is_example, "
             "kaart_contacts(coalition, wijk, av))",
             "                 coalition.name, coalition.is_example, [])"),
    Mutation("kaart_waiting_list", "offers with a waiting list stay on the kaart",
             "coalition_map/kaart/selection.py",
             "    offers = offers_in(coalition, wijk, today, include_full=True, availability=av)",
             "    offers = offers_in(coalition, wijk, today, availability=av)"),
    Mutation("training_no_profile", "a training for professionals helps no profile itself "
             "(003 L1020-1045)", "coalition_map/fit.py",
             "    if not _for_residents(kind):", "    if False:"),
    Mutation("open_answers", "'weet ik (nog) niet' leaves every candidate profile",
             "coalition_map/typology.py",
             "        if wants_contacts is not None and profile.wants_contacts != wants_contacts:",
             "        if profile.wants_contacts != bool(wants_contacts):"),
)


def _mutated_copy(mutation: Mutation, tmp: str) -> Path:
    copy = Path(tmp) / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "instance", "test-output", "__pycache__", "*.egg-info"))
    if mutation is None:
        return copy
    target = copy / mutation.path
    text = target.read_text(encoding="utf-8")
    if text.count(mutation.old) != 1:
        raise SystemExit(f"{mutation.name}: de te muteren tekst staat niet precies "
                         f"één keer in {mutation.path}")
    text = text.replace(mutation.old, mutation.new)
    for old, new in mutation.extra:
        if text.count(old) != 1:
            raise SystemExit(f"{mutation.name}: '{old[:40]}' niet precies één keer")
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return copy


#: The day the example's figures in data/README.md refer to.
EXAMPLE_DAY = "2026-12-02"


def example_states(mutation: Mutation | None, python: str) -> dict[tuple[str, str], str]:
    """State per (wijk, profile) of the example data, with the mutation applied."""
    import csv
    import io
    with tempfile.TemporaryDirectory(prefix="mutatie-") as tmp:
        copy = _mutated_copy(mutation, tmp)
        env = dict(os.environ, PYTHONPATH=str(copy))
        proc = subprocess.run([python, "-m", "coalition_map.cli", "gaps", "--data",
                               str(copy / "data"), "--format", "csv", "--datum", EXAMPLE_DAY],
                              cwd=copy, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            return {}
        return {(r["wijk"], r["profile"]): r["state"]
                for r in csv.DictReader(io.StringIO(proc.stdout))}


def example_effects(chosen, python: str) -> None:
    from collections import Counter
    base = example_states(None, python)
    print(f"Voorbeelddata op {EXAMPLE_DAY}: {dict(Counter(base.values()))}")
    for m in chosen:
        states = example_states(m, python)
        if not states:
            print(f"{m.name:<34} (analyse faalt met deze mutatie)")
            continue
        moves = Counter((states[k], base[k]) for k in base if states.get(k) != base[k])
        text = ", ".join(f"{n}× zonder regel {a}, met regel {b}"
                         for (a, b), n in sorted(moves.items()))
        print(f"{m.name:<34} {sum(moves.values()):3d} cellen  {text}")


def run(mutation: Mutation, python: str) -> tuple[bool, float]:
    with tempfile.TemporaryDirectory(prefix="mutatie-") as tmp:
        copy = _mutated_copy(mutation, tmp)
        env = dict(os.environ, PYTHONPATH=str(copy))
        start = time.monotonic()
        proc = subprocess.run([python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                               *TESTS], cwd=copy, env=env, capture_output=True, text=True)
        return proc.returncode != 0, time.monotonic() - start


def main(argv: list[str]) -> int:
    example = "--voorbeeld" in argv
    wanted = set(argv) - {"--voorbeeld"}
    chosen = [m for m in MUTATIONS if not wanted or m.name in wanted]
    if example:
        example_effects(chosen, sys.executable)
        return 0
    survivors = []
    for m in chosen:
        killed, seconds = run(m, sys.executable)
        print(f"{'gedood   ' if killed else 'OVERLEEFD'} {m.name:<34} {seconds:5.1f} s  {m.rule}",
              flush=True)
        if not killed:
            survivors.append(m.name)
    print(f"{len(chosen) - len(survivors)} van {len(chosen)} mutaties gedood")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
