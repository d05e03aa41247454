"""``docs/regels.md``: every rule of the gap analysis beside its seed line.

Generated from the data in :mod:`coalition_map.typology`, :mod:`coalition_map.vocab`
and :mod:`coalition_map.reasons` (``coalition-map docs`` writes it; a test fails
when the committed file is out of date), so the document a coordinator or a
Movisie adviser reads is the rule the code applies.

>>> text = rules_markdown()
>>> "| Achterblijvers |" in text and "000 L458-461" in text
True
"""

from __future__ import annotations

from pathlib import Path

from .reasons import REASON_KINDS
from .states import STATES, STATE_ORDER
from .typology import INTERVENTION_TYPES, OFFER_RULES, PERSISTENCE, PROFILES
from .vocab import DELIVERY, OFFER_KINDS, SECTORS

REPO_ROOT = Path(__file__).resolve().parents[1]
DOC_PATH = REPO_ROOT / "docs" / "regels.md"

_INTRO = """\
# De regels van de gatenanalyse

*Gegenereerd met `coalition-map docs` uit `coalition_map/typology.py`; niet met
de hand bewerken. Regelnummers verwijzen naar de brondocumenten: 000 (Coalitie
Erbij Rotterdam, de acht interventieprofielen), 001 (onderzoek naar de
Rotterdamse pilot), 002 (BVWO/Zet 2012, *Maatwerk bij de aanpak van
eenzaamheid*), 003 (Coalitie Erbij 2017, *Handreiking lokale aanpak*).*

Per wijk en profiel beantwoordt de app drie vragen: is er hulp die past, worden
de mensen gevonden, en is er het vangnet dat het profiel nodig heeft? Hieronder
staat elke regel die daarbij telt, met de bronregel ernaast.
"""


def _types(codes) -> str:
    return ", ".join(INTERVENTION_TYPES.label_of(c) for c in codes)


def _row(*cells) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def rules_markdown() -> str:
    out = [_INTRO]
    out.append("## 1. Welke interventies een profiel nodig heeft\n")
    out.append(
        "**Kern** zijn de interventietypen van de rij van het profiel in de tabel van "
        "000 (L1043-1130), plus waar volgens 000 de hulp aan dit profiel *vooral* of "
        "*belangrijk* op gericht is, min wat 000 of 001 voor dit profiel alleen *soms*, "
        "*in sommige gevallen* of *op termijn* noemen. Ontbreekt een kerninterventie, "
        "dan is de cel **deels gedekt**. **Past ook** zijn de andere interventietypen "
        "die de bronnen voor het profiel noemen: aanbod met zo'n type telt mee, maar "
        "zonder is er geen gat. De kolom *telt ook via* noemt typen die ook die behoefte "
        "vervullen (bijvoorbeeld hulp bij rouwverwerking als preventieve interventie, "
        "000 L1061-1063).\n")
    out.append(_row("Profiel", "Behoefte", "Kern", "Telt ook via", "Bron"))
    out.append(_row("---", "---", "---", "---", "---"))
    for prof in PROFILES.values():
        for need in prof.needs:
            also = [t for t in need.brought_by if t != need.type]
            out.append(_row(prof.name, INTERVENTION_TYPES.label_of(need.type),
                            "kern" if need.core else "past ook", _types(also), need.source))
    out.append("")
    out.append("## 2. Duur en intensiteit per rij (002 L748-784)\n")
    out.append("Aanbod met een duur of intensiteit die afwijkt van wat de rij vraagt, telt "
               "maar **ten dele** (de cel wordt hooguit deels gedekt, met die reden). "
               "Aanbod zonder opgegeven duur of intensiteit wordt niet beoordeeld.\n")
    out.append(_row("Rij", "Profielen", "Traject", "Bron"))
    out.append(_row("---", "---", "---", "---"))
    for term in PERSISTENCE:
        names = ", ".join(p.name for p in PROFILES.values() if p.persistence == term.code)
        out.append(_row(term.label, names, term.facts["trajectory"],
                        term.facts["trajectory_source"]))
    out.append("")
    out.append("## 3. Regels die aanbod uitsluiten of beperken\n")
    out.append("Een regel die **uitsluit**: het aanbod telt niet voor het profiel; noemt het "
               "aanbod het profiel toch, dan is dat een conflict. Een regel die **beperkt**: "
               "het aanbod telt ten dele.\n")
    out.append(_row("Regel", "Profielen", "Geldt voor", "Werking", "Waarom", "Bron"))
    out.append(_row("---", "---", "---", "---", "---", "---"))
    for rule in OFFER_RULES:
        vocab = OFFER_KINDS if rule.field == "kind" else DELIVERY
        values = ", ".join(vocab.label_of(v) for v in sorted(rule.values))
        profiles = ", ".join(PROFILES[c].name for c in PROFILES if c in rule.profiles)
        effect = "sluit uit" if rule.effect == "exclude" else "beperkt"
        if rule.lifted_beside_professional:
            effect += " (niet als een professional ernaast staat)"
        out.append(_row(rule.code, profiles, values, effect,
                        rule.reason.format(profile="dit profiel"), rule.source))
    out.append("")
    out.append(
        "Aanbod dat profielen **noemt**, telt alleen voor die profielen. Aanbod dat geen "
        "profiel noemt, telt voor de profielen waar een van zijn interventietypen bij past "
        "(**afgeleid**), behalve waar een regel het uitsluit. Een genoemd profiel waar geen "
        "van de typen bij past, is een conflict. Een gespecialiseerde vrijwilliger staat "
        "*naast een professional* als het aanbod dat zegt (kolom `beside_professional`) of "
        "als een partner uit de zorg of het welzijn naar de aanbieder verwijst "
        "(001 L2884-2887). Een training voor professionals of vrijwilligers (soort "
        "*training voor professionals of vrijwilligers*) helpt zelf geen profiel "
        "(003 L1020-1045, L1137-1139).\n")
    out.append("## 4. Wie welk profiel vindt\n")
    out.append("Een cel is pas gedekt als een signaleerder in de wijk, rechtstreeks of via "
               "andere partners in de wijk, een verwijsroute heeft naar een aanbieder. "
               "Signalen van andere sectoren dan hieronder vinden het profiel maar **deels** "
               "(beperkt bereik).\n")
    out.append(_row("Profiel", "Gevonden door", "Bron"))
    out.append(_row("---", "---", "---"))
    for prof in PROFILES.values():
        who = (", ".join(SECTORS.label_of(s) for s in prof.signal_sectors)
               if prof.signal_sectors else "elke signaleerder")
        out.append(_row(prof.name, who, prof.signal_source))
    out.append("")
    out.append("## 5. Professioneel vangnet\n")
    out.append("Deze profielen zijn pas gedekt met een professioneel vangnet in de wijk: een "
               "partner uit de zorg of het welzijn met de rol monitoren/vangnet, of lopend "
               "monitoringsaanbod van zo'n partner dat door professionals wordt uitgevoerd. "
               "Vrijwilligers, huismeesters en wijkagenten vormen geen professioneel vangnet. "
               "Zonder vangnet is de cel **niet gedekt**.\n")
    out.append(_row("Profiel", "Bron"))
    out.append(_row("---", "---"))
    for prof in PROFILES.values():
        if prof.needs_vangnet:
            out.append(_row(prof.name, prof.vangnet_source))
    out.append("")
    out.append("## 6. Toestand van een cel en soorten redenen\n")
    out.append(_row("Toestand", "Betekenis"))
    out.append(_row("---", "---"))
    for code in STATE_ORDER:
        out.append(_row(STATES[code].label, STATES[code].meaning))
    out.append("")
    effects = {"uncovered": "niet gedekt", "unreachable": "niet bereikbaar",
               "partial": "deels gedekt", "note": "toelichting"}
    out.append(_row("Soort reden", "Leidt tot", "Betekenis"))
    out.append(_row("---", "---", "---"))
    for term in REASON_KINDS:
        out.append(_row(term.label, effects[term.facts["effect"]], term.description))
    out.append("")
    return "\n".join(out)


def write_rules(path: Path | None = None) -> Path:
    """Write the rules to ``docs/regels.md`` (or ``path``)."""
    path = Path(path or DOC_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rules_markdown(), encoding="utf-8", newline="\n")
    return path
