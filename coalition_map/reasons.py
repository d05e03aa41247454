"""Why a cell has its state: reasons as a kind plus Dutch text.

A :class:`Reason` is never recognised by its wording: code that needs to
know *what* a reason is reads its ``kind`` (one of :data:`REASON_KINDS`),
and shows its ``text``. ``effect`` of a kind says which cell state it brings
about (``note`` reasons explain, they do not change the state).

>>> r = Reason("no_vangnet", "geen professioneel vangnet", "000 L971-973")
>>> str(r), REASON_KINDS.get(r.kind).facts["effect"]
('geen professioneel vangnet', 'uncovered')
>>> [k.code for k in REASON_KINDS if k.facts["effect"] == "unreachable"]
['no_signaller', 'no_route']
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocab import Term, Vocabulary


def _k(code: str, label: str, effect: str, description: str) -> Term:
    return Term(code, label, (), description, {"effect": effect})


#: The kinds of reason, with the state each brings about.
REASON_KINDS = Vocabulary("reason_kind", "soort reden", [
    _k("no_offer", "geen aanbod", "uncovered",
       "Er is in de wijk geen aanbod voor dit profiel."),
    _k("excluded", "aanbod past niet", "uncovered",
       "Er is aanbod, maar een regel van de typologie sluit het uit voor dit profiel."),
    _k("no_fit", "genoemd, maar past niet", "uncovered",
       "Het aanbod noemt dit profiel, maar geen van zijn interventietypen past erbij."),
    _k("inactive", "aanbod gestopt of inactief", "uncovered",
       "Het aanbod is gestopt, niet actief, of de partner doet niet meer mee."),
    _k("full", "aanbod vol (wachtlijst)", "uncovered",
       "Het aanbod heeft geen plaats (capaciteit 0): er is een wachtlijst."),
    _k("no_vangnet", "geen professioneel vangnet", "uncovered",
       "Dit profiel heeft een professioneel vangnet nodig en dat is er in de wijk niet."),
    _k("no_signaller", "niemand signaleert", "unreachable",
       "Er is aanbod, maar in de wijk signaleert niemand."),
    _k("no_route", "geen verwijsroute", "unreachable",
       "Er is aanbod, maar geen verwijsroute van een signaleerder naar dat aanbod."),
    _k("missing_types", "ontbrekende kerninterventies", "partial",
       "Een of meer interventietypen waar de hulp aan dit profiel vooral om draait, "
       "ontbreken."),
    _k("limited_offer", "aanbod past ten dele", "partial",
       "Het aanbod past maar ten dele bij dit profiel (bijvoorbeeld alleen op termijn)."),
    _k("trajectory", "duur of intensiteit past niet", "partial",
       "Het aanbod is korter, langer, lichter of zwaarder dan wat dit profiel vraagt."),
    _k("limited_reach", "beperkt bereik", "partial",
       "Alleen signaleerders die dit profiel minder vaak zien, hebben een route naar het "
       "aanbod."),
    _k("single_partner", "hangt op één partner", "note",
       "Alle aanbod voor deze cel komt van één partner."),
    _k("weak_route", "route zonder afspraak of terugkoppeling", "note",
       "Een schakel van de route heeft geen afspraak of niemand bewaakt de terugkoppeling."),
])

#: Kinds by the state they bring about.
KINDS_BY_EFFECT: dict[str, tuple[str, ...]] = {}
for _term in REASON_KINDS:
    KINDS_BY_EFFECT.setdefault(_term.facts["effect"], ())
    KINDS_BY_EFFECT[_term.facts["effect"]] += (_term.code,)

#: The reason kinds that concern the chain from signal to help.
CHAIN_KINDS = ("no_signaller", "no_route", "limited_reach", "no_vangnet", "weak_route")


@dataclass(frozen=True)
class Reason:
    """One reason: ``kind`` (a :data:`REASON_KINDS` code), Dutch ``text``, seed lines."""

    kind: str
    text: str
    source: str = ""

    def __post_init__(self):
        if self.kind not in REASON_KINDS:
            raise ValueError(f"onbekende soort reden: {self.kind}")

    def __str__(self) -> str:
        return self.text

    @property
    def effect(self) -> str:
        return REASON_KINDS.get(self.kind).facts["effect"]

    @property
    def label(self) -> str:
        return REASON_KINDS.label_of(self.kind)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "source": self.source}


def texts(reasons) -> tuple[str, ...]:
    """The Dutch texts of reasons, in order."""
    return tuple(r.text for r in reasons)


def of_kind(reasons, *kinds: str) -> tuple[Reason, ...]:
    """The reasons of these kinds, in order."""
    return tuple(r for r in reasons if r.kind in kinds)
