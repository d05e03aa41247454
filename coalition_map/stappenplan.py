"""The stappenplan: six steps, their checklists, actions and the meeting overview.

The six steps follow 003 L358-800 (DOMAIN.md §7); the checklists are our own
wording of what each step asks. A :class:`~coalition_map.model.Plan` holds
the coalition's progress (one :class:`PlanStep` per step), its choices,
decisions and actions. This module turns that into what a planning meeting
needs: progress per step, open and overdue actions per owner, and the gaps
of the coverage analysis that nobody has taken up yet.

>>> [s.title for s in STEPS][:2]
['Initiatief nemen', 'Feiten en cijfers verzamelen']
>>> [p.status for p in progress(default_plan())] == ["niet_gestart"] * 6
True
>>> next_action_id(Plan(actions=[Action("ACT-007", "x")]))
'ACT-008'
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from .ids import propose_id
from .model import ALL, Action, Coalition, Plan, PlanChoices, PlanStep
from .states import GAP_STATES
from .typology import INTERVENTION_TYPES, PROFILES
from .vocab import ACTION_STATUS, STEP_STATUS


@dataclass(frozen=True)
class StepDefinition:
    """One of the six steps: what it is and what to tick off."""

    number: int
    title: str
    summary: str
    checklist: tuple[str, ...]
    source: str                    # lines in seed 003


STEPS: tuple[StepDefinition, ...] = (
    StepDefinition(
        1, "Initiatief nemen",
        "Iemand brengt eenzaamheid ter sprake en zoekt medestanders; wie dat is, maakt "
        "niet uit, als de urgentie maar gevoeld wordt.",
        ("Eenzaamheid ter sprake gebracht bij collega's, bewoners en bestuurders",
         "De eerste trekkers zijn bekend en weten waarom zij dit willen",
         "De aanleiding is opgeschreven (eigen ervaring, media, verkiezingen, "
         "tekort in het huidige beleid)",
         "Er is één aanspreekpunt voor wie wil aansluiten"),
        "003 L358-421"),
    StepDefinition(
        2, "Feiten en cijfers verzamelen",
        "Breng in beeld hoeveel mensen eenzaam zijn, in welke groepen en in welke wijken.",
        ("Cijfers uit de Gezondheidsmonitor van de GGD opgevraagd",
         "Aantallen per doelgroep bekend (bijvoorbeeld ouderen, jongeren, mantelzorgers, "
         "alleenstaanden, mensen in armoede)",
         "Per wijk het percentage (ernstig) eenzamen ingevuld",
         "Eerder onderzoek van gemeente en partners verzameld"),
        "003 L422-476"),
    StepDefinition(
        3, "Beginnen met organiseren",
        "Nodig partijen uit, bijvoorbeeld op een startbijeenkomst, en vorm een eerste "
        "werkgroep.",
        ("Startbijeenkomst georganiseerd",
         "Werkgroep eenzaamheid gevormd",
         "Ervaringsdeskundigen en betrokken bewoners doen mee",
         "Gemeente (beleid en Wmo-loket), wijkteams, welzijn, thuiszorg en "
         "vrijwilligersorganisaties zijn uitgenodigd",
         "Verwachting afgestemd: tot hier duurt het vaak een half jaar"),
        "003 L477-519"),
    StepDefinition(
        4, "Plan maken",
        "Inventariseer wat er al is en maak daarna keuzes: prioriteiten, wie, wanneer, "
        "geld en organisatie.",
        ("Gemeentelijk beleid en aanknopingspunten daarin op een rij",
         "Actieve organisaties en hun aanbod in kaart (partners en aanbod in deze app)",
         "Nagegaan wat eerder is geprobeerd en wat dat opleverde",
         "Bestaande netwerken en samenwerkingsverbanden benoemd",
         "Beoordeeld hoe dekkend en gevarieerd het aanbod is (dekkingsanalyse)",
         "Prioriteiten gekozen en op haalbaarheid getoetst",
         "Vastgelegd wie wat doet en wanneer",
         "Begroting gemaakt en financiering gezocht (subsidie, fondsen, sponsoring)",
         "Gekozen hoe de samenwerking wordt georganiseerd en hoe besluiten vallen",
         "Afgesproken hoe voortgang en kwaliteit worden gevolgd"),
        "003 L520-657"),
    StepDefinition(
        5, "Plan uitvoeren",
        "Voer de acties uit, houd samen bij hoe het gaat en stel het plan bij; reken op "
        "minstens twee jaar voor stap 4 en 5 samen.",
        ("Acties hebben een trekker en een deadline",
         "Voortgang wordt in elk overleg besproken",
         "Wat goed en minder goed gaat wordt vastgelegd",
         "Het plan is bijgesteld op grond van de ervaringen"),
        "003 L658-711"),
    StepDefinition(
        6, "Zorgen voor permanente aandacht",
        "Werk toe naar blijvende aandacht: een passende organisatievorm, verankering in "
        "gemeentelijk beleid en gemotiveerde partners.",
        ("Organisatievorm gekozen die de samenwerking duurzaam maakt",
         "Eenzaamheid opgenomen in gemeentelijk beleid en regels",
         "Aansluiting gezocht bij Wmo-uitgangspunten en wijkgericht werken",
         "Ruimte gemaakt voor nieuwe projecten en initiatieven van bewoners",
         "Deelnemers kennen elkaar en blijven betrokken",
         "Heldere afspraken gemaakt en verwachtingen besproken"),
        "003 L712-830"),
)

STEP_BY_NUMBER = {s.number: s for s in STEPS}

#: Action statuses that still need work.
OPEN_STATUSES = ("open", "bezig")
#: Gap states of the coverage analysis that need an action (``states.GAP_STATES``).
GAP_STATUSES = GAP_STATES


def step_title(number: int | None) -> str:
    if number in STEP_BY_NUMBER:
        return f"{number}. {STEP_BY_NUMBER[number].title}"
    return ""


def default_plan() -> Plan:
    """A plan with the six steps, none started."""
    return Plan(steps=[PlanStep(s.number) for s in STEPS], choices=PlanChoices())


def step_of(plan: Plan, number: int) -> PlanStep:
    """The plan's record for step ``number`` (a not-started one when missing)."""
    for step in plan.steps:
        if step.number == number:
            return step
    return PlanStep(number)


# --- progress ----------------------------------------------------------------


@dataclass(frozen=True)
class StepProgress:
    number: int
    title: str
    status: str
    status_label: str
    checked: int
    total: int
    open_actions: int
    start_date: dt.date | None = None
    end_date: dt.date | None = None

    @property
    def fraction(self) -> float:
        """Share of ticked checklist items; an afgerond step counts as complete."""
        if self.status == "afgerond":
            return 1.0
        return self.checked / self.total if self.total else 0.0


def progress(plan: Plan) -> list[StepProgress]:
    """Progress on each of the six steps, in order."""
    result = []
    for definition in STEPS:
        step = step_of(plan, definition.number)
        ticked = {i for i in step.checked if 0 <= i < len(definition.checklist)}
        open_actions = sum(1 for a in plan.actions
                           if a.step == definition.number and a.status in OPEN_STATUSES)
        result.append(StepProgress(
            definition.number, definition.title, step.status,
            STEP_STATUS.label_of(step.status), len(ticked), len(definition.checklist),
            open_actions, step.start_date, step.end_date))
    return result


# --- actions -----------------------------------------------------------------

def next_action_id(plan: Plan) -> str:
    """A new action id, continuing the plan's numbering (:func:`coalition_map.ids.propose_id`)."""
    return propose_id((a.id for a in plan.actions), "actions")


def _cell_attr(cell, name, default=()):
    if cell is None:
        return default
    if isinstance(cell, dict):
        return cell.get(name, default)
    return getattr(cell, name, default)


def _volunteer_only_partner_excluded(profile_code: str, partner) -> bool:
    """True when the profile's rules forbid volunteers and the partner is not a
    professional organisation (no volunteer organisation owns help for
    Compenseerders, Buitenstaanders, Hoopvollen or Overlevers)."""
    from .fit import sector_is_volunteer
    from .typology import rules_excluding

    class _Volunteer:
        kind, delivered_by = "een_op_een", "vrijwilliger"
    return bool(rules_excluding(_Volunteer, profile_code)) and sector_is_volunteer(partner.sector)


def suggest_owner(coalition: Coalition, wijk_code: str, profile_code: str,
                  cell=None) -> str:
    """A partner to pull an action for a gap: '' when none fits.

    For a fragile cell (served by one partner) never that partner: the action
    looks for a second one. For a reach gap a partner that signals and finds the
    profile comes first. Otherwise: a partner that already partly serves the
    cell, then an active partner in the wijk that offers help and belongs to a
    sector that finds the profile, then any offering partner there. Never a
    volunteer organisation where the profile's rules forbid volunteers.
    """
    from .availability import Availability
    av = Availability(coalition)
    kind = _cell_attr(cell, "gap_kind", "") or ""
    profile = PROFILES.get(profile_code)
    partners = [p for p in coalition.partners
                if p.active and wijk_code in av.partner_wijken(p)
                and not (profile and _volunteer_only_partner_excluded(profile_code, p))]
    cell_partners = [getattr(pid, "id", pid) for pid in _cell_attr(cell, "partners", ()) or ()]
    if kind == "fragile":
        partners = [p for p in partners if p.id not in cell_partners]
    ids = {p.id for p in partners}
    finders = set(profile.typical_signallers) if profile else set()
    if kind == "reach":
        reach = [p for p in partners if "signaleren" in p.roles and p.sector in finders]
        if reach:
            return sorted(reach, key=lambda p: (p.everywhere, p.name))[0].id
    elif kind != "fragile":
        for pid in cell_partners:
            if pid in ids:
                return pid

    def rank(p):
        offering = "aanbieden" in p.roles
        return (not (offering and p.sector in finders), not offering,
                "coordineren" not in p.roles, p.everywhere)  # local partners first
    candidates = sorted(partners, key=rank)
    if not candidates:
        return ""
    best = candidates[0]
    r = rank(best)
    if r[0] and r[1] and r[2]:
        return ""
    return best.id


#: What an action for each kind of gap is called and where it is filed:
#: (title template, step, onderdeel of 003 L909-1130).
GAP_ACTIONS = {
    "offer": ("Aanbod voor {profile} in {wijk}", 5, "ondersteunen"),
    "vangnet": ("Professioneel vangnet voor {profile} in {wijk}", 5, "ondersteunen"),
    "reach": ("{profile} in {wijk} vinden: signalering en verwijsroute", 5, "herkennen"),
    "fragile": ("Tweede aanbieder voor {profile} in {wijk}", 5, "afstemmen"),
}


def action_for_gap(wijk_code: str, profile_code: str, cell=None, *,
                   coalition: Coalition, plan: Plan | None = None,
                   today: dt.date | None = None) -> Action:
    """A new action, pre-filled for the gap (wijk × profile) of the coverage page.

    Step 5 (plan uitvoeren); the title and onderdeel follow the kind of gap
    (``cell.gap_kind``): help that is missing ("Aanbod voor ...", ondersteunen
    en activeren), a missing professional vangnet, people who are not found
    ("... vinden: signalering en verwijsroute", herkennen en vinden), or a cell
    that hangs on one partner ("Tweede aanbieder ...", afstemmen en
    samenwerken). The gap's wijk and profile, a suggested owner and a deadline
    three months ahead. With ``plan`` the id follows the plan's numbering,
    else it is random.
    """
    try:
        wijk_name = coalition.wijk(wijk_code).name
    except KeyError:
        wijk_name = "de hele gemeente" if wijk_code == ALL else wijk_code
    profile = PROFILES.get(profile_code)
    profile_name = profile.name if profile else profile_code
    kind = _cell_attr(cell, "gap_kind", "") or "offer"
    title, step, onderdeel = GAP_ACTIONS.get(kind, GAP_ACTIONS["offer"])
    notes = []
    missing = _cell_attr(cell, "missing_types", ()) or ()
    if missing and kind == "offer":
        notes.append("Ontbrekende kerninterventies: " + ", ".join(
            INTERVENTION_TYPES.label_of(t) for t in missing))
    reasons = _cell_attr(cell, "reasons", ()) or ()
    if isinstance(reasons, str):
        reasons = (reasons,)
    if reasons:
        notes.append("Waarom een gat: " + "; ".join(str(r) for r in reasons))
    today = today or dt.date.today()
    action_id = next_action_id(plan) if plan is not None else "ACT-" + uuid.uuid4().hex[:8]
    return Action(
        id=action_id,
        title=title.format(profile=profile_name, wijk=wijk_name),
        step=step, onderdeel=onderdeel, wijk=wijk_code, profile=profile_code,
        owner_partner=suggest_owner(coalition, wijk_code, profile_code, cell),
        deadline=today + dt.timedelta(days=91), status="open",
        notes=". ".join(notes))


def gaps_with_actions(plan: Plan) -> dict[tuple[str, str], list[Action]]:
    """Actions per gap (wijk, profile) they address; cancelled actions left out."""
    result: dict[tuple[str, str], list[Action]] = {}
    for action in plan.actions:
        if action.wijk and action.profile and action.status != "vervallen":
            result.setdefault((action.wijk, action.profile), []).append(action)
    return result


def is_overdue(action: Action, today: dt.date) -> bool:
    return (action.status in OPEN_STATUSES and action.deadline is not None
            and action.deadline < today)


# --- the meeting overview ------------------------------------------------------


@dataclass(frozen=True)
class GapRef:
    wijk: str
    wijk_name: str
    profile: str
    profile_name: str
    status: str                 # uncovered / unreachable / partial


@dataclass
class OwnerActions:
    owner: str                  # partner id ('' when nobody owns it)
    owner_name: str
    open: list[Action] = field(default_factory=list)
    overdue: list[Action] = field(default_factory=list)


@dataclass
class Overview:
    today: dt.date
    steps: list[StepProgress]
    owners: list[OwnerActions]
    gaps_without_action: list[GapRef]
    gaps_with_action: list[GapRef]
    open_count: int
    overdue_count: int
    done_count: int

    @property
    def current_step(self) -> StepProgress | None:
        """The first step that is not afgerond."""
        return next((s for s in self.steps if s.status != "afgerond"), None)


def _cells(analysis):
    if analysis is None:
        return []
    cells = getattr(analysis, "cells", analysis)
    if isinstance(cells, dict):
        cells = list(cells.values())
    return list(cells)


def _gap_state(cell) -> str:
    """uncovered / partial / unreachable / covered ('' when unknown)."""
    return _cell_attr(cell, "state", "") or ""


def gap_cells(analysis) -> list:
    """The gaps of a coverage analysis, heaviest first.

    The analysis' own ranking (``analysis.gaps``: uncovered, unreachable and
    partial cells by unmet need) when it has one, else its cells that are
    not covered (uncovered first).
    """
    if analysis is None:
        return []
    ranked = getattr(analysis, "gaps", None)
    if ranked is not None:
        return [g for g in ranked if _gap_state(g) in GAP_STATUSES]
    gaps = [c for c in _cells(analysis) if _gap_state(c) in GAP_STATUSES]
    return sorted(gaps, key=lambda c: GAP_STATUSES.index(_gap_state(c)))


def _partner_name(coalition: Coalition, pid: str) -> str:
    return coalition.partner_name(pid) or "(geen trekker)"


def meeting_overview(plan: Plan, coalition: Coalition, analysis=None,
                     today: dt.date | None = None) -> Overview:
    """What the coordinator shows in the meeting."""
    today = today or dt.date.today()
    owners: dict[str, OwnerActions] = {}
    open_count = overdue_count = done_count = 0
    for action in plan.actions:
        if action.status == "afgerond":
            done_count += 1
        if action.status not in OPEN_STATUSES:
            continue
        entry = owners.setdefault(action.owner_partner, OwnerActions(
            action.owner_partner, _partner_name(coalition, action.owner_partner)))
        entry.open.append(action)
        open_count += 1
        if is_overdue(action, today):
            entry.overdue.append(action)
            overdue_count += 1
    for entry in owners.values():
        entry.open.sort(key=lambda a: (a.deadline or dt.date.max, a.id))
        entry.overdue.sort(key=lambda a: (a.deadline or dt.date.max, a.id))
    owner_list = sorted(owners.values(), key=lambda o: (-len(o.overdue), -len(o.open),
                                                         o.owner_name))
    taken = gaps_with_actions(plan)
    without: list[GapRef] = []
    with_: list[GapRef] = []
    for cell in gap_cells(analysis):
        wijk = _cell_attr(cell, "wijk", "")
        wijk = getattr(wijk, "code", wijk)
        prof = _cell_attr(cell, "profile", "")
        prof = getattr(prof, "code", prof)
        ref = GapRef(wijk, coalition.wijk_name(wijk), prof,
                     PROFILES[prof].name if prof in PROFILES else prof,
                     _gap_state(cell))
        (with_ if (wijk, prof) in taken else without).append(ref)
    return Overview(today, progress(plan), owner_list, without, with_, open_count,
                    overdue_count, done_count)


def action_status_label(code: str) -> str:
    return ACTION_STATUS.label_of(code)
