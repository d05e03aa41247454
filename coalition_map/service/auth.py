"""Who may do what: the one hook every write passes through.

:func:`authorize` is called by every write of :class:`~coalition_map.service.Service`
before anything is written, with the actor, the action (one of
:data:`ACTIONS`), the record it concerns and, for a partner's own records,
the stored version of it. The rules are :mod:`coalition_map.access`; here
they are applied, so that a hidden button is never the only guard. A refusal
is :class:`~coalition_map.errors.NotAllowed` with a Dutch message.

The actor is either a logged-in :class:`~coalition_map.access.Actor` (with
a role), or a plain name: the command line and the app in local mode (one
person on one machine, all rights). A service opened for an app with login
(``logins_required``) refuses plain names.

>>> from coalition_map.access import Actor
>>> authorize("Anna", "save", None)
>>> authorize("", "save", None)
Traceback (most recent call last):
coalition_map.errors.NotAllowed: Vul eerst uw naam in: wijzigingen worden onder een naam bewaard.
>>> authorize(Actor("w@g.nl", "Wand", "kijker"), "save", None, kind="offers")
Traceback (most recent call last):
coalition_map.errors.NotAllowed: Niet toegestaan: u bent ingelogd als kijker en kunt niets wijzigen.
>>> authorize("Anna", "fly", None)
Traceback (most recent call last):
ValueError: unknown action 'fly'
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from .. import access
from ..errors import NotAllowed

#: Every write the service knows; ``authorize`` refuses a name not in this list
#: (a typo in a new write should fail in its test, not allow silently).
ACTIONS = frozenset({
    "save", "deactivate", "delete",          # one record
    "import", "restore",                     # many records in one changeset
    "undo", "undo_changeset",                # history
    "create_action_for_gap", "record_decision", "save_planned_offers",
    "confirm",                               # "nog steeds juist"
    "manage_roles",                          # the role table
    "take_snapshot", "save_assessment",      # peilmomenten and step 6 (issue 14)
    "import_relationships",                  # a relationship round
    "answer_round",                          # one partner's answers, in the app
})

#: service action → (access action, the kind it concerns when fixed)
_RULES: dict[str, tuple[str, str | None]] = {
    "save": (access.SAVE, None), "deactivate": (access.SAVE, None),
    "delete": (access.DELETE, None),
    "import": (access.IMPORT, None), "restore": (access.BACKUP, None),
    "undo": (access.UNDO, None), "undo_changeset": (access.UNDO_IMPORT, None),
    "create_action_for_gap": (access.SAVE, "actions"),
    "record_decision": (access.SAVE, "decisions"),
    "save_planned_offers": (access.SAVE, "offers"),
    "confirm": (access.CONFIRM, "offers"),
    "manage_roles": (access.MANAGE_ROLES, None),
    "take_snapshot": (access.SAVE, "plan_steps"),
    "save_assessment": (access.SAVE, "plan_steps"),
    "import_relationships": (access.IMPORT, None),
    "answer_round": (access.SAVE, "relationships"),
}


def author_of(actor: Any) -> str:
    """What the history records for an actor: the login, or the typed name."""
    if isinstance(actor, access.Actor):
        return actor.author
    return str(actor or "").strip()


def as_record(kind: str, values: dict | None):
    """A stored change's JSON values as something :func:`access.refusal` can read."""
    if values is None:
        return None
    return SimpleNamespace(**values)


def authorize(actor: Any, action: str, record: Any = None, *, kind: str | None = None,
              current: Any = None, logins_required: bool = False) -> None:
    """Refuse (``NotAllowed``) when ``actor`` may not do ``action`` on ``record``.

    ``kind`` is the record's kind (for the actions on one record), ``current``
    the stored record when there is one (a partner may not take over another's
    offer by changing its partner).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if isinstance(actor, access.Actor):
        what, fixed_kind = _RULES[action]
        kind = fixed_kind or kind
        needs_kind = what in (access.SAVE, access.DELETE, access.UNDO, access.CONFIRM)
        refusal = access.refusal(actor, what, kind if needs_kind else None,
                                 record if needs_kind else None,
                                 current if needs_kind else None)
        if refusal:
            raise NotAllowed(refusal)
        return
    if not str(actor or "").strip():
        raise NotAllowed("Vul eerst uw naam in: wijzigingen worden onder een naam bewaard.")
    if logins_required:
        raise NotAllowed("Niet toegestaan: log eerst in; deze coalitiekaart werkt met "
                         "inloggen.")
