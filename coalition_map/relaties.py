"""The relationship round (relatiemeting): how the partners see each other, per round.

Each partner organisation (the *respondent*) answers for every other partner:
do we know each other, do we work together, do we refer to them; and on a
scale of 1 to 4 three **trust** items (open communicatie, betrouwbaarheid,
gedeelde missie) and three **value** items (invloed, middelen,
betrokkenheid). These are the six sub-indicators of the trust and value
scores of the PARTNER tool's community partner survey (Varda e.a.,
Visible Network Labs); the wording of the questions is our own. One row per
respondent → partner, round and date (``relationships.csv``, see
:data:`coalition_map.schema.RELATIONSHIPS`). Organisations only: there is no
column for a person.

Scores (all on the 1..4 scale, None without answers):

* an answer's **trust** is the mean of its answered trust items, its **value**
  the mean of its answered value items;
* a partner's trust (value) is the mean over the partners that rated it;
* the network's trust (value) is the mean over every answer that has one;
  ``pct`` gives it as a share of the maximum (4 = 100 %);
* **response rate**: respondents / active partners;
* a **one-sided tie**: of two partners that both answered in the round, one
  says "we know each other" (or "we work together") and the other does not.
  Refer is one-way by nature and is not compared.

>>> from coalition_map.model import RelationshipAnswer as R
>>> r = round_summary([R("1", "a", "b", know=True, work_together=True, open_communication=4,
...                      reliability=3, shared_mission=2, influence=1),
...                    R("1", "b", "a", know=True)], ["a", "b", "c"])
>>> r.response_rate, r.trust["b"], r.value["b"], r.trust.get("a")
(0.6667, 3.0, 1.0, None)
>>> [(t.kind, t.reported_by, t.about) for t in r.one_sided]
[('work_together', 'a', 'b')]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TRUST_ITEMS = ("open_communication", "reliability", "shared_mission")
VALUE_ITEMS = ("influence", "resources", "commitment")
TIE_KINDS = ("know", "work_together")
#: Dutch names of the tie kinds.
TIE_LABELS = {"know": "kennen elkaar", "work_together": "werken samen", "refer": "verwijzen"}
SCALE_MAX = 4


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _r(value: float | None) -> float | None:
    """Rounded for showing (4 decimals); the means are taken of unrounded values."""
    return None if value is None else round(value, 4)


def answer_trust(answer) -> float | None:
    """Mean of the answered trust items (1..4), None when none is answered."""
    return _mean(getattr(answer, k) for k in TRUST_ITEMS)


def answer_value(answer) -> float | None:
    return _mean(getattr(answer, k) for k in VALUE_ITEMS)


def pct(score: float | None) -> float | None:
    """A 1..4 score as a share of the maximum, in percent (PARTNER reports it so).

    >>> pct(2.9)
    72.5
    """
    return None if score is None else round(score / SCALE_MAX * 100, 2)


@dataclass(frozen=True)
class OneSidedTie:
    kind: str                  # know / work_together
    reported_by: str           # the partner that reports the tie
    about: str                 # the partner that does not


@dataclass
class RoundSummary:
    round: str
    date: dt.date | None                       # the latest answer's date
    invited: int                               # active partners
    respondents: list[str]
    response_rate: float | None                # 0..1
    trust: dict = field(default_factory=dict)  # partner id -> 1..4 (rated partners only)
    value: dict = field(default_factory=dict)
    raters: dict = field(default_factory=dict)  # partner id -> number of partners rating it
    network_trust: float | None = None
    network_value: float | None = None
    one_sided: list[OneSidedTie] = field(default_factory=list)
    ties: dict = field(default_factory=dict)   # tie kind -> number of answers reporting it


def rounds(answers) -> list[str]:
    """The rounds in time order (earliest answer date, then name)."""
    first: dict[str, dt.date] = {}
    for a in answers:
        day = a.date or dt.date.max
        first[a.round] = min(first.get(a.round, dt.date.max), day)
    return sorted(first, key=lambda r: (first[r], r))


def round_summary(answers, partner_ids, round_name: str | None = None) -> RoundSummary:
    """The scores of one round; ``partner_ids`` are the partners invited (the active ones).

    With ``round_name`` only that round's answers count; else all of ``answers``.
    """
    answers = [a for a in answers if round_name is None or a.round == round_name]
    invited = list(dict.fromkeys(partner_ids))
    respondents = list(dict.fromkeys(a.respondent for a in answers))
    name = round_name if round_name is not None else (answers[0].round if answers else "")
    dates = [a.date for a in answers if a.date]
    result = RoundSummary(name, max(dates) if dates else None, len(invited), respondents,
                          round(len(set(respondents) & set(invited)) / len(invited), 4)
                          if invited else None)
    trust_by: dict[str, list] = {}
    value_by: dict[str, list] = {}
    for a in answers:
        t, v = answer_trust(a), answer_value(a)
        if t is not None:
            trust_by.setdefault(a.partner, []).append(t)
        if v is not None:
            value_by.setdefault(a.partner, []).append(v)
    result.trust = {p: _r(_mean(vs)) for p, vs in trust_by.items()}
    result.value = {p: _r(_mean(vs)) for p, vs in value_by.items()}
    result.raters = {p: len({a.respondent for a in answers if a.partner == p
                             and (answer_trust(a) is not None or answer_value(a) is not None)})
                     for p in set(trust_by) | set(value_by)}
    result.network_trust = _r(_mean(answer_trust(a) for a in answers))
    result.network_value = _r(_mean(answer_value(a) for a in answers))
    result.ties = {k: sum(bool(getattr(a, k)) for a in answers) for k in (*TIE_KINDS, "refer")}
    said = {(a.respondent, a.partner): a for a in answers}
    answered = set(respondents)
    for kind in TIE_KINDS:
        for (frm, to), a in said.items():
            if not getattr(a, kind) or to not in answered:
                continue
            back = said.get((to, frm))
            if back is None or not getattr(back, kind):
                result.one_sided.append(OneSidedTie(kind, frm, to))
    result.one_sided.sort(key=lambda t: (TIE_KINDS.index(t.kind), t.reported_by, t.about))
    return result


def summaries(coalition) -> list[RoundSummary]:
    """Every round of the coalition's relationship answers, in time order; invited are
    the partners active now."""
    invited = [p.id for p in coalition.partners if p.active]
    return [round_summary(coalition.relationships, invited, r)
            for r in rounds(coalition.relationships)]


@dataclass(frozen=True)
class Change:
    partner: str               # partner id, or "" for the network
    trust_before: float | None
    trust_after: float | None
    value_before: float | None
    value_after: float | None

    @property
    def trust_delta(self) -> float | None:
        if self.trust_before is None or self.trust_after is None:
            return None
        return round(self.trust_after - self.trust_before, 4)

    @property
    def value_delta(self) -> float | None:
        if self.value_before is None or self.value_after is None:
            return None
        return round(self.value_after - self.value_before, 4)


def change(before: RoundSummary, after: RoundSummary) -> list[Change]:
    """Trust and value per partner and for the network ("" first) from one round to the next."""
    out = [Change("", before.network_trust, after.network_trust, before.network_value,
                  after.network_value)]
    partners = list(dict.fromkeys([*before.trust, *before.value, *after.trust, *after.value]))
    for p in sorted(partners):
        out.append(Change(p, before.trust.get(p), after.trust.get(p), before.value.get(p),
                          after.value.get(p)))
    return out


# --- collecting a round ---------------------------------------------------------------


def round_template(coalition, round_name: str, day: dt.date | None = None) -> list:
    """Empty answers for a new round: one per active partner → every other active partner,
    with round and date filled in (for the XLSX/CSV the partners fill in)."""
    from .model import RelationshipAnswer
    active = [p.id for p in coalition.partners if p.active]
    return [RelationshipAnswer(round_name, a, b, day) for a in active for b in active if a != b]


def template_bytes(coalition, round_name: str, fmt: str = "xlsx",
                   day: dt.date | None = None) -> bytes:
    """The round's template as XLSX (with an explanation sheet) or CSV."""
    from .schema import FILES
    from .writing import csv_bytes, workbook_bytes
    rows = round_template(coalition, round_name, day)
    fk = FILES["relationships"]
    if fmt == "csv":
        return csv_bytes(fk, rows, bom=True)
    return workbook_bytes([(fk, rows)], notes=True)


def merge_round(coalition, loaded) -> list:
    """The coalition's answers with the rounds in ``loaded`` replaced by ``loaded``
    (other rounds stay): what an import of one round's file stores."""
    new_rounds = {a.round for a in loaded}
    kept = [a for a in coalition.relationships if a.round not in new_rounds]
    return kept + list(loaded)


@dataclass
class RoundImport:
    """What :func:`import_round` did: the problems found (Dutch, file/row/field), the
    answers read and the changeset stored (None when nothing was stored)."""

    problems: list
    answers: list
    changeset: object = None

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def import_round(store, filename: str, data: bytes, *, author: str,
                 confirm_removal: bool = False) -> RoundImport:
    """Read a filled-in round file (XLSX or CSV) and store its rounds, other rounds kept.

    Checked like every import (Dutch messages naming file, row and field; partners
    must exist); stored as one recorded import (history, undo). Nothing is stored
    when there is an error. A round that comes back with fewer answers than stored
    removes answers: refused (StoreError) unless ``confirm_removal``.
    """
    import dataclasses

    from .errors import ServiceError as StoreError
    from .loading import load_upload
    from .validation import Problem
    coalition = store.load_coalition()
    answers, problems = load_upload("relationships", filename, data, coalition=coalition)
    result = RoundImport(list(problems), list(answers))
    if not result.ok:
        return result
    if not answers:
        result.problems.append(Problem(filename, None, None, None,
                                       "het bestand bevat geen antwoorden (alleen een kopregel)"))
        return result
    merged = dataclasses.replace(coalition, relationships=merge_round(coalition, answers))
    preview = store.diff(merged, kinds={"relationships"})
    if preview.removes_data and not confirm_removal:
        raise StoreError("Niet ingelezen: deze import verwijdert antwoorden van de "
                         "relatiemeting. Er is niets gewijzigd.\n" + preview.removal_report())
    rounds_in = ", ".join(sorted({a.round for a in answers}))
    result.changeset = store.replace_all(merged, None, author=author, based_on=preview,
                                         remove=confirm_removal,
                                         note=f"relatiemeting {filename}, ronde {rounds_in}")
    return result
