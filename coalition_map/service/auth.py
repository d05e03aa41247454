"""Who may do what: the one hook every write passes through.

:func:`authorize` is called by every write of :class:`~coalition_map.service.Service`
before anything is read or written, with the actor (today the author's name;
with the login issue a signed-in user with a role), the action (one of
:data:`ACTIONS`) and the record it concerns (a model object, a key, or
None). Today it allows everything a named actor does. The role checks of the
login issue go here, so that a hidden button is never the only guard; they
raise :class:`~coalition_map.errors.NotAllowed` with a Dutch message.

>>> authorize("Anna", "save", None)
>>> authorize("", "save", None)
Traceback (most recent call last):
coalition_map.errors.NotAllowed: Vul eerst uw naam in: wijzigingen worden onder een naam bewaard.
>>> authorize("Anna", "fly", None)
Traceback (most recent call last):
ValueError: unknown action 'fly'
"""

from __future__ import annotations

from typing import Any

from ..errors import NotAllowed

#: Every write the service knows; ``authorize`` refuses a name not in this list
#: (a typo in a new write should fail in its test, not allow silently).
ACTIONS = frozenset({
    "save", "deactivate", "delete",          # one record
    "import", "restore",                     # many records in one changeset
    "undo", "undo_changeset",                # history
    "create_action_for_gap", "record_decision", "save_planned_offers",
})


def authorize(actor: Any, action: str, record: Any = None) -> None:
    """Refuse (``NotAllowed``) when ``actor`` may not do ``action`` on ``record``.

    Today: every named actor may do everything; an empty actor is refused
    (the history needs a name).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not str(actor or "").strip():
        raise NotAllowed("Vul eerst uw naam in: wijzigingen worden onder een naam bewaard.")
