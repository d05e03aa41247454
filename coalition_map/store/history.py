"""Records of the store's history, import diffs and the store's errors.

Plain dataclasses; the store fills them, the app and the CLI show them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from .. import schema
from .codec import changed_fields, format_value, key_label, record_label, to_json

#: Dutch words for the actions in the history.
ACTION_LABELS = {
    "create": "aangemaakt",
    "update": "gewijzigd",
    "deactivate": "op inactief gezet",
    "delete": "verwijderd",
    "import": "geïmporteerd",
    "undo": "ongedaan gemaakt",
}

EFFECT_LABELS = {"create": "nieuw", "update": "gewijzigd", "delete": "verwijderd"}


class StoreError(Exception):
    """A write the store refuses; ``str(error)`` is a Dutch message for the user."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])


@dataclass(frozen=True)
class FieldChange:
    """One field of a record that differs: ``before`` → ``after`` (JSON values)."""

    name: str
    label: str
    before: Any
    after: Any

    def describe(self) -> str:
        return f"{self.label}: {format_value(self.before)} → {format_value(self.after)}"


def field_changes(kind: str, old: dict | None, new: dict | None) -> list[FieldChange]:
    fk = schema.FILES[kind]
    old = old or {}
    new = new or {}
    return [FieldChange(name, fk.column(name).label, old.get(name), new.get(name))
            for name in changed_fields(kind, old, new)]


class StaleRecordError(StoreError):
    """A save refused because someone else changed the record since it was read.

    ``differences`` are the fields that changed meanwhile (value at the version
    the editor started from → current value); ``current`` is the record as it
    is now (None when it was deleted).
    """

    def __init__(self, kind: str, key: dict, expected_version: int,
                 current_version: int | None, current, differences: list[FieldChange],
                 changes_since: list["Change"]):
        self.kind = kind
        self.key = key
        self.expected_version = expected_version
        self.current_version = current_version
        self.current = current
        self.differences = differences
        self.changes_since = changes_since
        super().__init__(self._message())

    def _message(self) -> str:
        what = record_label(self.kind, self.key)
        who = ""
        if self.changes_since:
            authors = sorted({c.author for c in self.changes_since})
            last = self.changes_since[0].at.astimezone(dt.timezone.utc)
            who = f" door {', '.join(authors)} (laatst om {last:%d-%m-%Y %H:%M} UTC)"
        if self.current is None:
            head = f"Niet opgeslagen: {what} is intussen verwijderd{who}."
        else:
            head = f"Niet opgeslagen: {what} is intussen gewijzigd{who}."
        lines = [head]
        if self.differences:
            lines.append("Wat er intussen veranderde:")
            lines.extend(f"- {d.describe()}" for d in self.differences)
        lines.append("Je wijziging is niet opgeslagen en er is niets overschreven. "
                     "Laad de gegevens opnieuw en breng je wijziging daarna opnieuw aan.")
        return "\n".join(lines)


@dataclass(frozen=True)
class Change:
    """One recorded change to one record."""

    id: int
    changeset_id: int | None
    at: dt.datetime
    author: str
    kind: str
    key: dict
    action: str            # create / update / deactivate / delete / import / undo
    old: dict | None       # JSON values before (None: the record did not exist)
    new: dict | None       # JSON values after (None: the record was deleted)
    version: int           # the record's version after the change
    undone: bool = False
    undo_of: int | None = None
    position: int | None = None   # the record's place in file order

    @property
    def effect(self) -> str:
        """What the change did to the record: create, update or delete."""
        if self.old is None:
            return "create"
        if self.new is None:
            return "delete"
        return "update"

    @property
    def fields(self) -> list[FieldChange]:
        return field_changes(self.kind, self.old, self.new)

    @property
    def key_label(self) -> str:
        return key_label(self.kind, self.key)

    def describe(self) -> str:
        """One Dutch line: ``12-05-2026 14:03 UTC, Anna: partner P01 gewijzigd (Naam, ...)``."""
        action = ACTION_LABELS.get(self.action, self.action)
        if self.action in ("import", "undo"):
            action += f" ({EFFECT_LABELS[self.effect]})"
        text = (f"{self.at.astimezone(dt.timezone.utc):%d-%m-%Y %H:%M} UTC, {self.author}: "
                f"{record_label(self.kind, self.key)} {action}")
        if self.effect == "update":
            text += ": " + "; ".join(f.describe() for f in self.fields)
        if self.undone:
            text += " [ongedaan gemaakt]"
        return text

    def as_row(self) -> dict[str, Any]:
        """Text columns for ``history.csv``."""
        return {
            "id": self.id, "changeset_id": "" if self.changeset_id is None else self.changeset_id,
            "at": self.at.astimezone(dt.timezone.utc).isoformat(), "author": self.author,
            "kind": self.kind, "record_key": json.dumps(self.key, ensure_ascii=False,
                                                        sort_keys=True),
            "action": self.action,
            "old": "" if self.old is None else json.dumps(self.old, ensure_ascii=False),
            "new": "" if self.new is None else json.dumps(self.new, ensure_ascii=False),
            "version": self.version, "undone": "ja" if self.undone else "nee",
            "undo_of": "" if self.undo_of is None else self.undo_of,
            "position": "" if self.position is None else self.position,
        }


@dataclass(frozen=True)
class ChangeSet:
    """A group of changes applied as one step (an import, or undoing one)."""

    id: int
    at: dt.datetime
    author: str
    kind: str              # import / undo / restore
    note: str
    undone: bool = False
    changes: tuple[Change, ...] = ()

    def describe(self) -> str:
        return (f"{self.at.astimezone(dt.timezone.utc):%d-%m-%Y %H:%M} UTC, {self.author}: "
                f"{self.note} ({len(self.changes)} wijzigingen)"
                + (" [ongedaan gemaakt]" if self.undone else ""))

    def as_row(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.astimezone(dt.timezone.utc).isoformat(),
                "author": self.author, "kind": self.kind, "note": self.note,
                "undone": "ja" if self.undone else "nee"}


HISTORY_COLUMNS = ("id", "changeset_id", "at", "author", "kind", "record_key", "action",
                   "old", "new", "version", "undone", "undo_of", "position")
CHANGESET_COLUMNS = ("id", "at", "author", "kind", "note", "undone")


@dataclass
class KindDiff:
    """New, changed and removed records of one kind."""

    kind: str
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)      # (old_obj, new_obj)
    removed: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.changed or self.removed)

    def changed_fields(self) -> list[tuple[Any, list[FieldChange]]]:
        """(new object, field changes) for each changed record."""
        return [(new, field_changes(self.kind, to_json(self.kind, old), to_json(self.kind, new)))
                for old, new in self.changed]


@dataclass
class ImportDiff:
    """What an import would change, per kind (for the preview before applying)."""

    kinds: dict[str, KindDiff]

    @property
    def is_empty(self) -> bool:
        return all(d.is_empty for d in self.kinds.values())

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """(new, changed, removed) per kind."""
        return {k: (len(d.new), len(d.changed), len(d.removed)) for k, d in self.kinds.items()}

    def summary(self) -> str:
        """Dutch lines, one per kind with changes."""
        if self.is_empty:
            return "Geen wijzigingen: de gegevens zijn gelijk aan wat er al in de store staat."
        lines = []
        for kind, d in self.kinds.items():
            if d.is_empty:
                continue
            lines.append(f"{schema.FILES[kind].label}: {len(d.new)} nieuw, "
                         f"{len(d.changed)} gewijzigd, {len(d.removed)} verwijderd")
        return "\n".join(lines)
