"""The ``gaps`` subcommand: the gap analysis in the terminal, as CSV or as JSON.

``coalition-map gaps [--data MAP|--db URL] [--wijk CODE] [--format table|csv|json]
[--verdeling gelijk|pilot_rotterdam] [--eigen-verdeling PROFIEL=AANTAL,...]
[--datum JJJJ-MM-DD] [--details] [--kwetsbaarheid] [--processen N]``

Without ``--data`` the store is read (it seeds itself from the bundled
example data). JSON holds a list ``cells`` (keys ``wijk``, ``profile``,
``state``, ``reach``, ``offers``, ``limited_offers``, ``partners``,
``missing_types``, ``reasons`` -- each ``{kind, text, source}`` --,
``estimated_people`` and more) plus ``conflicts``, ``chain`` (with
``weak_routes``), ``fragility``, ``brokers``, ``gaps`` and ``suggestions``.
It is written as it is made (:func:`write_json`); long per-cell and
per-change lists only with ``--details``, the changes per departing partner
(``fragility.by_partner``) only with ``--kwetsbaarheid`` or ``--details``
(``"by_partner"`` at the top says which; see docs/benchmarks.md, "JSON").
Coverage and fragility are computed per gemeente on every core
(``--processen``; :mod:`coalition_map.analysis.pergemeente`), with the same answers.
"""

from __future__ import annotations

import csv
import io
import json
import sys

from .source import (SourceError, add_source_options, check_wijk, fail, load_source,
                     reference_date)

FORMATS = ("table", "csv", "json")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "gaps", help="gatenanalyse: dekking per wijk en profiel, keten, kwetsbaarheid",
        description="Toon per wijk en profiel of er passend en bereikbaar aanbod is, "
                    "met redenen, conflicten, de keten, kwetsbaarheid en prioriteit.")
    p.add_argument("--wijk", metavar="CODE", default=None, help="alleen deze wijk")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (leesbaar), csv (één regel per wijk en profiel) of json")
    p.add_argument("--verdeling", "--mix", dest="mix", default="gelijk",
                   choices=("gelijk", "pilot_rotterdam"),
                   help="profielverdeling voor de schatting van aantallen mensen "
                        "(pilot_rotterdam: verdeling in de Rotterdamse pilot, geen prevalentie)")
    p.add_argument("--eigen-verdeling", dest="custom_mix", metavar="PROFIEL=AANTAL,...",
                   default=None,
                   help="eigen profielverdeling met lokale cijfers, bijv. "
                        "'actieven=40,buitenstaanders=25' (niet genoemde profielen: 0)")
    p.add_argument("--details", "--volledig", dest="details", action="store_true",
                   help="json: ook per cel het uitgesloten, niet-passende en gestopte aanbod, "
                        "de bereikbare partners, en per vertrekkende partner de redenen en "
                        "partners na vertrek (veel groter)")
    p.add_argument("--kwetsbaarheid", "--by-partner", dest="by_partner", action="store_true",
                   help="json: ook per partner welke cellen veranderen als die partner "
                        "wegvalt (fragility.by_partner; kost bij landelijke gegevens de "
                        "meeste rekentijd); altijd bij --details en bij --format table")
    p.add_argument("--processen", "--workers", dest="workers", type=_positive, default=None,
                   metavar="N",
                   help="reken dekking en kwetsbaarheid per gemeente uit in N processen "
                        "(standaard: alle kernen; 1: in één proces); de uitkomst is dezelfde")
    add_source_options(p)
    p.set_defaults(func=cmd_gaps)


def _positive(text: str) -> int:
    import argparse
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen positief geheel getal")
    return value


def cmd_gaps(args) -> int:
    from ..analysis.index import gc_paused
    # One short run that builds hundreds of thousands of small acyclic objects
    # (reading, analysis, JSON): the cyclic collector's passes over the growing heap
    # cost about a quarter of the CPU at national scale and free nothing.
    with gc_paused():
        return _gaps(args)


def _gaps(args) -> int:
    from ..analysis import analyze
    from ..analysis.pergemeente import workers_default
    try:
        coalition, plan = load_source(args)
        today = reference_date(args)
        check_wijk(coalition, args.wijk)
    except SourceError as exc:
        return fail(str(exc))
    try:
        custom = parse_mix(args.custom_mix) if args.custom_mix else None
        analysis = analyze(coalition, mix=args.mix, custom_mix=custom, today=today,
                           focus=plan.choices if plan is not None else None,
                           workers=args.workers or workers_default(),
                           by_partner=args.by_partner or args.details or args.format == "table")
    except ValueError as exc:
        return fail(str(exc))
    if args.format == "json":
        write_json(coalition, analysis, sys.stdout, wijk=args.wijk, details=args.details)
    elif args.format == "csv":
        sys.stdout.write(cells_csv(analysis, args.wijk))
    else:
        sys.stdout.write(table(coalition, analysis, args.wijk))
    return 0


#: Cell keys only written with ``--details``: lists that can be long at national scale
#: and that a reader rarely needs (docs/benchmarks.md, "JSON").
DETAIL_CELL_KEYS = ("excluded_offers", "unfit_offers", "inactive_offers", "reachable_partners")
#: Keys of a fragility change only written with ``--details``.
DETAIL_CHANGE_KEYS = ("after_partners", "after_reasons")


def write_json(coalition, analysis, out, *, wijk: str | None = None,
               details: bool = False) -> None:
    """Write the JSON of ``gaps --format json`` to ``out`` as it goes (streamed).

    The same keys as :func:`coalition_map.analysis.to_json_dict`, one cell,
    conflict, change or suggestion per line, built and written one at a time
    so memory does not grow with the output. Without ``details`` the per-cell
    lists in :data:`DETAIL_CELL_KEYS` and the per-change lists in
    :data:`DETAIL_CHANGE_KEYS` are left out (offers and partners are always
    there, by id).
    """
    from ..analysis.priority import Gap
    from ..analysis.report import _chain_dict
    from ..analysis.suggestions import suggestions

    # one encoder for every item: json.dumps builds a new one per call for these options
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    def write_list(key: str, items, first: bool = False) -> None:
        out.write(("" if first else ",\n") + f'"{key}": [')
        sep = "\n"
        for item in items:
            out.write(sep + dumps(item))
            sep = ",\n"
        out.write("\n]")

    from dataclasses import fields

    from ..analysis.coverage import Cell
    # Cell.to_dict without dataclasses.asdict's deep copy (tuples are JSON arrays too).
    cell_keys = [f.name for f in fields(Cell)
                 if details or f.name not in DETAIL_CELL_KEYS]

    def cell_dict(cell) -> dict:
        d = {key: getattr(cell, key) for key in cell_keys}
        d["reasons"] = [r.to_dict() for r in cell.reasons]
        if "excluded_offers" in d:
            d["excluded_offers"] = [{"offer": o, "rules": r} for o, r in cell.excluded_offers]
        d["reachable"] = cell.reachable
        return d

    def change_dict(change) -> dict:
        d = change.to_dict()
        if not details:
            for key in DETAIL_CHANGE_KEYS:
                d.pop(key, None)
        return d

    mix = analysis.mix
    mix_dict = {"code": mix.code, "label": mix.label, "source": mix.source,
                "shares": mix.shares}
    frag = analysis.fragility
    by_partner = frag is not None and frag.complete
    out.write("{\n" + f'"today": {dumps(analysis.today.isoformat())},\n'
              f'"mix": {dumps(mix_dict)},\n"details": {dumps(details)},\n'
              f'"by_partner": {dumps(by_partner)},\n')
    write_list("cells", (cell_dict(c) for c in analysis.cells.values()
                         if wijk is None or c.wijk == wijk), first=True)
    write_list("conflicts", (c.to_dict() for c in analysis.conflicts))
    out.write(',\n"chain": {')
    sep = "\n"
    for code, ch in analysis.chain.items():
        if wijk is None or code == wijk:
            out.write(f"{sep}{dumps(code)}: {dumps(_chain_dict(ch))}")
            sep = ",\n"
    out.write("\n}")
    out.write(',\n"fragility": {')
    if frag is not None:
        write_list("carriers", ({"wijk": w, "profile": p, "partners": n}
                                for (w, p), n in frag.carriers.items()
                                if wijk is None or w == wijk), first=True)
        write_list("single_carrier", ({"wijk": w, "profile": p, "partner": pid}
                                      for w, p, pid in frag.single_carrier
                                      if wijk is None or w == wijk))
        if by_partner:
            out.write(',\n"by_partner": {')
            sep = "\n"
            for pid, changes in frag.by_partner.items():
                shown = [change_dict(ch) for ch in changes if wijk is None or ch.wijk == wijk]
                out.write(f"{sep}{dumps(pid)}: {dumps(shown)}")
                sep = ",\n"
            out.write("\n}")
    out.write("}")
    write_list("brokers", (b.to_dict() for b in analysis.brokers))
    # asdict(g) without its deep copy: the reasons are replaced, the rest is flat
    gap_keys = [f.name for f in fields(Gap)]
    write_list("gaps", ({k: getattr(g, k) for k in gap_keys}
                        | {"reasons": [r.to_dict() for r in g.reasons]}
                        for g in analysis.gaps if wijk is None or g.wijk == wijk))
    write_list("suggestions", (s.to_dict() for s in suggestions(
        coalition, cells=analysis.cells,
        index=analysis.index or (analysis.engine.index if analysis.engine else None),
        wijk=wijk)))
    out.write("\n}\n")


def parse_mix(text: str) -> dict[str, float]:
    """'actieven=40, Buitenstaanders=25' -> {'actieven': 40.0, 'buitenstaanders': 25.0}.

    >>> parse_mix("actieven=40, Buitenstaander=2,5")
    Traceback (most recent call last):
    ...
    ValueError: eigen verdeling: '5' is geen profiel=aantal
    >>> parse_mix("actieven=40; Buitenstaander=2.5")
    {'actieven': 40.0, 'buitenstaanders': 2.5}
    """
    from ..typology import find_profile
    result: dict[str, float] = {}
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, number = part.partition("=")
        profile = find_profile(name.strip())
        if not sep:
            raise ValueError(f"eigen verdeling: '{part}' is geen profiel=aantal")
        if profile is None:
            raise ValueError(f"eigen verdeling: onbekend profiel '{name.strip()}'")
        try:
            result[profile.code] = float(number.strip().replace(",", "."))
        except ValueError:
            raise ValueError(f"eigen verdeling: '{number.strip()}' is geen getal") from None
    return result


# --- csv ------------------------------------------------------------------------

CSV_COLUMNS = ("wijk", "profile", "state", "reach", "offers", "limited_offers", "partners",
               "missing_types", "reason_kinds", "reasons", "estimated_people", "route")


def cells_csv(analysis, wijk: str | None = None) -> str:
    """One row per wijk × profile; lists joined with ``|``; cells neutralized."""
    from ..safety import neutralize_cell
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cell in analysis.cells.values():
        if wijk is not None and cell.wijk != wijk:
            continue
        row = [cell.wijk, cell.profile, cell.state, cell.reach, "|".join(cell.offers),
               "|".join(cell.limited_offers), "|".join(cell.partners),
               "|".join(cell.missing_types), "|".join(r.kind for r in cell.reasons),
               "|".join(r.text for r in cell.reasons),
               f"{cell.estimated_people:.1f}", "|".join(cell.route)]
        writer.writerow([neutralize_cell(v) for v in row])
    return out.getvalue()


# --- table ----------------------------------------------------------------------

def _num(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def _cells(n: int) -> str:
    return "1 cel" if n == 1 else f"{n} cellen"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def table(coalition, analysis, wijk: str | None = None) -> str:
    """A Dutch, terminal-readable report."""
    from ..states import STATE_LABELS
    from ..typology import PROFILES
    from ..vocab import CHAIN_ROLES

    names = {p.id: p.name for p in coalition.partners}
    lines: list[str] = []
    add = lines.append
    title = coalition.info.name or "Coalitie"
    add(f"Gatenanalyse {title} (peildatum {analysis.today.isoformat()})")
    add(f"Schatting aantallen: {analysis.mix.label}")
    counts = analysis.counts()
    add("Cellen: " + ", ".join(f"{STATE_LABELS[k]} {v}" for k, v in counts.items()))
    total = analysis.gap_count(wijk)
    add(f"Gaten: {total.gaps} van {total.cells} cellen ({total.text()})")
    add("")
    for w in coalition.wijken:
        if wijk is not None and w.code != wijk:
            continue
        figures = []
        if w.inhabitants is not None:
            figures.append(f"{_num(w.inhabitants)} inwoners")
        if w.pct_severely_lonely is not None:
            figures.append(f"{w.pct_severely_lonely:g}% ernstig eenzaam")
        add(f"== {w.code} {w.name}" + (f" ({', '.join(figures)})" if figures else ""))
        add(f"  {'Profiel':<16} {'Toestand':<16} {'Aanbod':>6} {'Partners':>8} "
            f"{'Geschat':>8}  Redenen")
        for cell in analysis.cells_in(w.code):
            reasons = list(cell.reason_texts) or [""]
            row = (f"  {PROFILES[cell.profile].name:<16} {STATE_LABELS[cell.state]:<16} "
                   f"{len(cell.offers):>6} {len(cell.partners):>8} "
                   f"{_num(cell.estimated_people):>8}  ")
            add(row + _cut(reasons[0], 120))
            for reason in reasons[1:]:
                add(" " * len(row) + _cut(reason, 120))
        chain = analysis.chain.get(w.code)
        if chain is not None:
            add("  Keten:")
            for role, who in chain.roles.items():
                label = CHAIN_ROLES.label_of(role)
                shown = ", ".join(names.get(p, p) for p in who[:6])
                more = f" en {len(who) - 6} meer" if len(who) > 6 else ""
                add(f"    {label:<20} {shown + more if who else '— niemand'}")
            if chain.weak_routes:
                used = [w for w in chain.weak_routes if w.used_by]
                add(f"  Verwijsroutes zonder afspraak of terugkoppeling: {len(chain.weak_routes)}"
                    f", waarvan {len(used)} op een route van signaal naar hulp (001 L8164-8174):")
                for route in used[:8]:
                    add(f"    - {route.text}; route van "
                        + ", ".join(PROFILES[p].name for p in route.used_by))
                if len(used) > 8:
                    add(f"    ... en {len(used) - 8} meer")
        add("")

    conflicts = [c for c in analysis.conflicts]
    if conflicts:
        add(f"Conflicten met de regels van de typologie ({len(conflicts)}):")
        for c in conflicts[:30]:
            add(f"  - {c.message} [{c.source}]")
        if len(conflicts) > 30:
            add(f"  ... en {len(conflicts) - 30} meer (zie --format json)")
        add("")

    frag = analysis.fragility
    if frag is not None:
        single = [s for s in frag.single_carrier if wijk is None or s[0] == wijk]
        add(f"Cellen die op één partner hangen: {len(single)}")
        for w_code, prof, pid in single[:20]:
            add(f"  - {w_code} {PROFILES[prof].name}: {names.get(pid, pid)}")
        critical = []
        for pid, _n in frag.critical_partners():
            lost = [c for c in frag.worse_by(pid) if wijk is None or c.wijk == wijk]
            if lost:
                critical.append((pid, lost))
        if critical:
            add("Als deze partner wegvalt, worden deze cellen slechter:")
            for pid, lost in critical[:15]:
                shown = ", ".join(f"{c.wijk} {PROFILES[c.profile].name}" for c in lost[:6])
                more = f" en {len(lost) - 6} meer" if len(lost) > 6 else ""
                add(f"  - {names.get(pid, pid)}: {_cells(len(lost))} ({shown}{more})")
        add("")
    brokers = [(b, [k for k in b.unreachable_cells if wijk is None or k[0] == wijk])
               for b in analysis.brokers]
    brokers = [(b, cut) for b, cut in brokers if cut or (wijk is None and b.articulation)]
    if brokers:
        add("Makelaars in het verwijsnetwerk (zonder hen raken signalen het aanbod kwijt):")
        for b, cut in brokers[:10]:
            parts = []
            if cut:
                parts.append(f"{_cells(len(cut))} niet meer bereikbaar zonder deze partner")
            if b.articulation:
                parts.append("snijpunt van het netwerk")
            add(f"  - {b.name}: " + "; ".join(parts))
        add("")
    gaps = [g for g in analysis.gaps if wijk is None or g.wijk == wijk]
    if gaps:
        add("Grootste gaten (geschatte mensen zonder passende, bereikbare hulp):")
        for g in gaps[:10]:
            add(f"  {g.wijk:<10} {PROFILES[g.profile].name:<16} {STATE_LABELS[g.state]:<16} "
                f"{_num(g.unmet):>8}")
    return "\n".join(lines) + "\n"
