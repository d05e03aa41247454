"""Step 6: the self-assessment for anchoring the approach, with a score per peilmoment.

The fifteen points follow the *Strategiekaart verankering aanpak sociaal
isolement* (Kees Penninx, 2009) in 001 Bijlage IX (seed 001 L10583-10723),
in our own words and for a coalition rather than one organisation. Per
point the coalition gives an oordeel from 1 to 10 and says whether
improving it is *wenselijk* and *mogelijk* (as the card does); the card's
"Actie" column (wat, wie, wanneer) becomes an action of the plan.

The answers are kept with a peilmoment (``payload["verankering"]``), so
every peilmoment has its own score and the scores can be followed over time.

>>> len(ITEMS), [g.code for g in GROUPS]
(15, ['organisatie', 'keten', 'bestuur'])
>>> s = score({"1": {"score": 6}, "2": {"score": 8}, "9": {"score": 4}})
>>> s.total, s.by_group["organisatie"], s.by_group["keten"], s.by_group["bestuur"], s.answered
(6.0, 7.0, 4.0, None, 3)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    code: str
    title: str
    source: str


@dataclass(frozen=True)
class Item:
    number: int
    group: str
    title: str          # the card's heading
    statement: str      # our own words
    source: str         # seed lines

    @property
    def code(self) -> str:
        return str(self.number)


GROUPS = (
    Group("organisatie", "Verankering binnen de organisaties", "001 L10599"),
    Group("keten", "Verankering in de samenwerking (keten)", "001 L10671"),
    Group("bestuur", "Politiek-bestuurlijke verankering", "001 L10700"),
)
GROUP_BY_CODE = {g.code: g for g in GROUPS}

ITEMS = (
    Item(1, "organisatie", "Missie",
         "Het voorkomen en verminderen van eenzaamheid staat als kerntaak in de missie van "
         "de partners.", "001 L10601-10606"),
    Item(2, "organisatie", "Visie",
         "We hebben een duidelijk beeld van hoe groot eenzaamheid in ons gebied is, hoe het "
         "zich voordoet en hoe we het aanpakken.", "001 L10608-10613"),
    Item(3, "organisatie", "Bereik",
         "We kennen de doelgroep, ook de profielen, en weten hoe we hen bereiken.",
         "001 L10615-10619"),
    Item(4, "organisatie", "Interventiepraktijk",
         "Er is een voldoende palet van werkzame interventies, en de houding, kennis, middelen "
         "en ruimte om ze uit te voeren blijven ook na een project bestaan.",
         "001 L10621-10627"),
    Item(5, "organisatie", "Intern draagvlak",
         "Binnen de organisaties weten alle betrokken mensen en afdelingen wat zij bijdragen, "
         "en zij zijn daarop aanspreekbaar.", "001 L10629-10634"),
    Item(6, "organisatie", "Interne samenwerking",
         "Afdelingen en disciplines binnen de organisaties werken bij deze aanpak goed samen.",
         "001 L10636-10641"),
    Item(7, "organisatie", "Innovatieklimaat",
         "De organisaties, ook in hun personeelsbeleid, zijn gericht op leren en vernieuwen.",
         "001 L10643-10648"),
    Item(8, "organisatie", "Maatschappelijke inzet",
         "Rol, verwachtingen en ondersteuning van vrijwilligers zijn helder; buurtbewoners en "
         "ondernemers doen actief mee.", "001 L10650-10656"),
    Item(9, "keten", "Leiderschap",
         "In de samenwerking neemt de coalitie de leiding: zij inspireert en stuurt de aanpak.",
         "001 L10673-10678"),
    Item(10, "keten", "Vertrouwen",
         "De rollen zijn geaccepteerd, afspraken zijn bindend en de partners respecteren "
         "elkaar.", "001 L10680-10685"),
    Item(11, "keten", "Concurrentiepositie",
         "We weten wie op hetzelfde terrein werkt en hoe we ons tot hen verhouden.",
         "001 L10687-10691"),
    Item(12, "keten", "Bekendheid",
         "We maken het aanbod en de aanpak doorlopend bekend, persoonlijk en via bredere "
         "media.", "001 L10693-10698"),
    Item(13, "bestuur", "Positionering",
         "We weten wat we willen en kunnen bijdragen en maken dat duidelijk aan "
         "beleidsmakers.", "001 L10702-10707"),
    Item(14, "bestuur", "Betekenis",
         "We kunnen laten zien wat de inzet maatschappelijk oplevert en leggen helder "
         "verantwoording af over resultaten.", "001 L10709-10714"),
    Item(15, "bestuur", "Publiek issue",
         "We zorgen dat eenzaamheid blijvend in beeld is bij ambtenaren, politiek en "
         "samenleving.", "001 L10716-10721"),
)
ITEM_BY_CODE = {i.code: i for i in ITEMS}

#: The card's scale for the oordeel (001 L10606: "1 2 3 4 5 6 7 8 9 10").
SCALE = (1, 10)


@dataclass(frozen=True)
class Score:
    total: float | None                 # mean of the answered items (1..10)
    by_group: dict                      # group code -> mean or None
    answered: int
    #: items with a low score (< 6) where improving is wenselijk and mogelijk: candidates
    #: for an action
    to_act: tuple = ()


def _value(answer) -> int | None:
    if isinstance(answer, dict):
        answer = answer.get("score")
    if answer in (None, ""):
        return None
    return int(answer)


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 2) if values else None


def score(answers: dict) -> Score:
    """The self-assessment's score: the mean oordeel overall and per group.

    ``answers`` maps item code ("1".."15") to ``{"score": 1..10, "wenselijk": bool,
    "mogelijk": bool}`` (unanswered items are left out of the means).
    """
    answers = answers or {}
    values = {i.code: _value(answers.get(i.code)) for i in ITEMS}
    by_group = {g.code: _mean(values[i.code] for i in ITEMS if i.group == g.code)
                for g in GROUPS}
    to_act = tuple(i.code for i in ITEMS
                   if (score := values[i.code]) is not None and score < 6
                   and isinstance(answers.get(i.code), dict)
                   and answers[i.code].get("wenselijk") and answers[i.code].get("mogelijk"))
    return Score(_mean(values.values()), by_group,
                 sum(v is not None for v in values.values()), to_act)


def clean_answers(answers: dict) -> dict:
    """Answers as stored; a ValueError with a Dutch message for a score outside 1..10
    or an unknown point.

    >>> clean_answers({"3": {"score": "7", "wenselijk": True}})
    {'3': {'score': 7, 'wenselijk': True, 'mogelijk': False}}
    >>> clean_answers({"3": {"score": 11}})
    Traceback (most recent call last):
    ValueError: Punt 3 (Bereik): het oordeel is een heel getal van 1 tot en met 10, niet '11'.
    """
    out = {}
    for code, answer in (answers or {}).items():
        item = ITEM_BY_CODE.get(str(code))
        if item is None:
            raise ValueError(f"Onbekend punt van de zelfevaluatie: '{code}' (1 tot en met 15).")
        if not isinstance(answer, dict):
            answer = {"score": answer}
        raw = answer.get("score")
        value = None
        if raw not in (None, ""):
            try:
                value = int(str(raw).strip())
            except ValueError:
                value = None
            if value is None or not SCALE[0] <= value <= SCALE[1] or str(raw).strip() in ("",):
                raise ValueError(f"Punt {item.number} ({item.title}): het oordeel is een heel "
                                 f"getal van 1 tot en met 10, niet '{raw}'.")
        out[item.code] = {"score": value, "wenselijk": bool(answer.get("wenselijk")),
                          "mogelijk": bool(answer.get("mogelijk"))}
    return out
