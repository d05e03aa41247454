"""Who may do what: the four roles and the one check every write passes.

A coalition runs one app for many partners. Who someone is comes from the
login (OpenID Connect, see docs/login.md); what they may do comes from their
role. The check lives here, in plain Python, and the service layer calls it
before every write, so a hidden button is never the only guard.

The roles (``ROLES``):

* ``kijker`` reads everything (the meeting wall) and changes nothing;
* ``partner`` edits only its own organisation: its partner record and its
  offers, and stamps them "nog steeds juist"; it sees what others changed;
* ``redacteur`` edits all partners, offers, referrals and the plan (steps,
  choices, decisions, actions, planned offers), and undoes single changes
  to those;
* ``beheerder`` may do everything: also the coalition's own data (wijken,
  coalitiegegevens), imports, undo of whole imports, backups, and the role
  table.

>>> anna = Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P01")
>>> from coalition_map.model import Offer
>>> own = Offer("A01", "P01", "Koffie", "ontmoeting", "vrijwilliger")
>>> other = Offer("A02", "P02", "Maatje", "maatje", "vrijwilliger")
>>> refusal(anna, SAVE, "offers", own) is None
True
>>> print(refusal(anna, SAVE, "offers", other))
Niet toegestaan: als partner wijzigt u alleen de gegevens van uw eigen organisatie (P01); aanbod A02 hoort bij P02.
>>> print(refusal(Actor("wand", "Vergaderscherm", "kijker"), SAVE, "offers", own))
Niet toegestaan: u bent ingelogd als kijker en kunt niets wijzigen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: role code → (Dutch label, what it may do), in order of increasing rights.
ROLES: dict[str, tuple[str, str]] = {
    "kijker": ("Kijker", "bekijkt alles, wijzigt niets (bijv. het scherm in de vergadering)"),
    "partner": ("Partner", "houdt de eigen organisatie en het eigen aanbod bij"),
    "redacteur": ("Redacteur", "wijzigt alle partners, aanbod, verwijsroutes en het plan"),
    "beheerder": ("Beheerder", "ook wijken, coalitiegegevens, imports, back-ups en rollen"),
}

# --- the actions the service layer asks about -------------------------------
SAVE = "save"                 #: create or update a record (also deactivate)
DELETE = "delete"             #: remove a record
CONFIRM = "confirm"           #: stamp an offer or partner "nog steeds juist"
UNDO = "undo"                 #: undo one change of a record
UNDO_IMPORT = "undo_import"   #: undo a whole changeset (an import)
IMPORT = "import"             #: preview/apply an import of files
BACKUP = "backup"             #: write or restore a backup
MANAGE_ROLES = "manage_roles"  #: edit the role table

#: kinds a partner keeps for its own organisation (its answers to a relationship round
#: are its own too: the respondent is the partner)
PARTNER_KINDS = frozenset({"partners", "offers", "relationships"})
#: kinds a redacteur edits (everything about the network and the plan)
EDITOR_KINDS = frozenset({"partners", "offers", "referrals", "plan_steps", "plan_choices",
                          "decisions", "actions", "relationships"})

_ACTION_TEXT = {
    IMPORT: "bestanden importeren", UNDO_IMPORT: "een hele import ongedaan maken",
    BACKUP: "back-ups maken of terugzetten", MANAGE_ROLES: "rollen toekennen",
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: the login (``sub`` or e-mail), a display name, a role.

    ``partner_id`` is the organisation a ``partner`` acts for. ``local`` is the
    one-person mode without login (see :func:`local_actor`).
    """

    login: str
    name: str
    role: str
    partner_id: str = ""
    local: bool = False

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"onbekende rol {self.role!r}; kies uit {', '.join(ROLES)}")

    @property
    def author(self) -> str:
        """What the history records: the login, with the name when it differs.

        >>> Actor("anna@welzijn.nl", "Anna de Vries", "redacteur").author
        'Anna de Vries <anna@welzijn.nl>'
        >>> Actor("lokaal", "Piet", "beheerder", local=True).author
        'Piet'
        """
        if self.local or not self.login or self.name == self.login:
            return self.name or self.login
        return f"{self.name} <{self.login}>" if self.name else self.login

    def __str__(self) -> str:
        return self.author

    @property
    def role_label(self) -> str:
        return ROLES[self.role][0]


def local_actor(name: str) -> Actor:
    """The one person working without login on their own machine: all rights.

    >>> local_actor("Piet").role
    'beheerder'
    """
    return Actor("lokaal", name, "beheerder", local=True)


def _key(record) -> str:
    return getattr(record, "id", "") or getattr(record, "respondent", "") or ""


def _owner(kind: str, record) -> str:
    """The partner a record belongs to ('' for records of no single partner)."""
    if record is None:
        return ""
    if kind == "partners":
        return record.id
    if kind == "offers":
        return record.partner_id
    if kind == "relationships":
        return record.respondent
    return ""


_RECORD_LABEL = {"partners": "partner", "offers": "aanbod",
                 "relationships": "het antwoord van"}


def refusal(actor: Actor, action: str, kind: str | None = None, record=None,
            current=None) -> str | None:
    """None when ``actor`` may do ``action``; else the Dutch reason why not.

    ``record`` is the record as it will be saved (or deleted, confirmed,
    undone), ``current`` the stored version when there is one: a partner may
    neither edit another's offer nor move an offer to or from its own
    organisation.

    >>> bob = Actor("bob@ggz.nl", "Bob", "redacteur")
    >>> refusal(bob, SAVE, "referrals") is None
    True
    >>> print(refusal(bob, SAVE, "wijken"))
    Niet toegestaan: als redacteur kunt u wijk niet wijzigen; dat doet een beheerder.
    >>> print(refusal(bob, IMPORT))
    Niet toegestaan: bestanden importeren mag alleen een beheerder.
    """
    role = actor.role
    if role == "beheerder":
        return None
    if role == "kijker":
        return "Niet toegestaan: u bent ingelogd als kijker en kunt niets wijzigen."
    if action in _ACTION_TEXT:
        return f"Niet toegestaan: {_ACTION_TEXT[action]} mag alleen een beheerder."
    if kind is None:
        raise ValueError(f"actie {action!r} vraagt een soort record")
    if role == "redacteur":
        if kind in EDITOR_KINDS:
            return None
        return (f"Niet toegestaan: als redacteur kunt u {_kind_label(kind)} niet wijzigen; "
                "dat doet een beheerder.")
    # partner
    if kind not in PARTNER_KINDS:
        return (f"Niet toegestaan: als partner wijzigt u alleen uw eigen organisatie en "
                f"aanbod, niet {_kind_label(kind)}.")
    if not actor.partner_id:
        return ("Niet toegestaan: uw inlog is nog aan geen organisatie gekoppeld; vraag de "
                "beheerder dat te doen.")
    for rec in (record, current):
        owner = _owner(kind, rec)
        if rec is not None and owner != actor.partner_id:
            return (f"Niet toegestaan: als partner wijzigt u alleen de gegevens van uw eigen "
                    f"organisatie ({actor.partner_id}); {_RECORD_LABEL[kind]} {_key(rec)} "
                    f"hoort bij {owner}.")
    if kind == "partners" and action in (DELETE,):
        return "Niet toegestaan: uw eigen organisatie verwijderen doet een beheerder."
    return None


def allowed(actor: Actor, action: str, kind: str | None = None, record=None,
            current=None) -> bool:
    """Whether :func:`refusal` finds nothing against it (for hiding buttons)."""
    return refusal(actor, action, kind, record, current) is None


def may_edit_kind(actor: Actor, kind: str) -> bool:
    """Whether the actor can edit at least some records of ``kind`` (page level).

    >>> may_edit_kind(Actor("a", "A", "partner", partner_id="P01"), "referrals")
    False
    >>> may_edit_kind(Actor("a", "A", "partner", partner_id="P01"), "offers")
    True
    """
    if actor.role == "beheerder":
        return True
    if actor.role == "redacteur":
        return kind in EDITOR_KINDS
    if actor.role == "partner":
        return kind in PARTNER_KINDS and bool(actor.partner_id)
    return False


def _kind_label(kind: str) -> str:
    from .schema import RECORD_NOUNS  # the one Dutch noun per kind
    return RECORD_NOUNS.get(kind, kind)


# --- who is it: claims and the role table -----------------------------------

#: the claim the identity provider may send the role in (configurable)
DEFAULT_ROLE_CLAIM = "coalitie_rol"
#: the claim with the partner id a partner acts for
DEFAULT_PARTNER_CLAIM = "coalitie_partner"


@dataclass(frozen=True)
class RoleEntry:
    """One row of the role table a beheerder keeps: a login and its role."""

    login: str
    role: str
    partner_id: str = ""
    name: str = ""


def actor_from_claims(claims: Mapping, table: Mapping[str, RoleEntry] | None = None, *,
                      role_claim: str = DEFAULT_ROLE_CLAIM,
                      partner_claim: str = DEFAULT_PARTNER_CLAIM) -> Actor:
    """The actor for a logged-in user: the role table first, then the claim, else kijker.

    The login is the e-mail address when the provider sends one, else ``sub``
    (the table is matched case-insensitively on it). Someone the coalition
    has not given a role reads only.

    >>> actor_from_claims({"sub": "x1", "email": "Anna@Welzijn.nl", "name": "Anna"},
    ...                   {"anna@welzijn.nl": RoleEntry("anna@welzijn.nl", "partner", "P01")})
    Actor(login='anna@welzijn.nl', name='Anna', role='partner', partner_id='P01', local=False)
    >>> actor_from_claims({"sub": "x2", "coalitie_rol": "redacteur"}).role
    'redacteur'
    >>> actor_from_claims({"sub": "x3", "coalitie_rol": "keizer"}).role
    'kijker'
    """
    email = str(claims.get("email") or "").strip().lower()
    login = email or str(claims.get("sub") or "").strip()
    name = str(claims.get("name") or "").strip() or login
    entry = (table or {}).get(login.lower())
    if entry is not None and entry.role in ROLES:
        return Actor(login, entry.name or name, entry.role, entry.partner_id)
    role = claims.get(role_claim)
    if isinstance(role, (list, tuple)):  # providers send groups/roles as lists
        role = max((r for r in role if r in ROLES), key=list(ROLES).index, default=None)
    if role in ROLES:
        return Actor(login, name, role, str(claims.get(partner_claim) or "").strip())
    return Actor(login, name, "kijker")
