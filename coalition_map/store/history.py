"""Records of the store's history, import diffs and the store's errors.

Plain dataclasses; the store fills them, the app and the CLI show them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .. import schema
from ..errors import ServiceError
from .codec import changed_fields, format_value, key_label, key_of, record_label, to_json

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


class StoreError(ServiceError):
    """A write the store refuses; ``str(error)`` is a Dutch message for the user.

    A :class:`~coalition_map.errors.ServiceError`: pages catch that one type.
    """


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


def _by_whom(changes: list[Change]) -> str:
    """`` door Anna (op 01-05-2026 14:03 UTC)`` for changes (newest first); empty without any."""
    if not changes:
        return ""
    authors = list(dict.fromkeys(c.author for c in changes))
    from ..timefmt import shown
    when = f"{'laatst ' if len(changes) > 1 else ''}op {shown(changes[0].at)}"
    return f" door {', '.join(authors)} ({when})"


#: Kinds whose record is named with a plural noun ("plankeuzes zijn ...").
PLURAL_KINDS = ("coalition", "plan_choices")

RELOAD_HINT = ("Je wijziging is niet opgeslagen en er is niets overschreven. Laad de gegevens "
               "opnieuw en breng je wijziging daarna opnieuw aan.")


class StaleRecordError(StoreError):
    """A save refused because someone else changed the record since it was read.

    ``differences`` are the fields that changed meanwhile (value at the version
    the editor started from → current value); ``current`` is the record as it
    is now (None when it was deleted); ``changes_since`` the changes in
    between, newest first (who and when).

    >>> print(StaleRecordError("wijken", {"code": "WK03"}, 0, 1, object(), [], []))
    Niet opgeslagen: wijk WK03 is intussen aangemaakt.
    Je wijziging is niet opgeslagen en er is niets overschreven. Laad de gegevens opnieuw en breng je wijziging daarna opnieuw aan.
    """

    def __init__(self, kind: str, key: dict, expected_version: int,
                 current_version: int | None, current, differences: list[FieldChange],
                 changes_since: list[Change]):
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
        who = _by_whom(self.changes_since)
        verb = "zijn" if self.kind in PLURAL_KINDS else "is"
        if self.current is None:
            done = "verwijderd"
        elif self.expected_version == 0:
            done = "aangemaakt"
        else:
            done = "gewijzigd"
        head = f"Niet opgeslagen: {what} {verb} intussen {done}{who}."
        lines = [head]
        if self.differences:
            lines.append("Wat er intussen veranderde:")
            lines.extend(f"- {d.describe()}" for d in self.differences)
        lines.append(RELOAD_HINT)
        return "\n".join(lines)


class StaleImportError(StoreError):
    """An import refused because the store changed after its preview was made.

    ``changes_since`` are the changes to the imported kinds since the preview
    (:attr:`ImportDiff.as_of`), newest first.
    """

    def __init__(self, changes_since: list[Change]):
        self.changes_since = changes_since
        lines = ["Import niet toegepast: de gegevens zijn na de voorvertoning intussen "
                 f"gewijzigd{_by_whom(changes_since)}.", "Wat er intussen veranderde:"]
        lines += [f"- {c.describe()}" for c in changes_since[:10]]
        if len(changes_since) > 10:
            lines.append(f"- en nog {len(changes_since) - 10} wijzigingen")
        lines.append("Er is niets gewijzigd. Bekijk de verschillen opnieuw (lees het bestand "
                     "opnieuw in) en pas de import daarna toe.")
        super().__init__("\n".join(lines), changes_since)


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
        """One Dutch line: ``12-05-2026 16:03, Anna: partner P01 gewijzigd (Naam, ...)``
        (Amsterdam time, ``timefmt.shown``)."""
        from ..timefmt import shown
        action = ACTION_LABELS.get(self.action, self.action)
        if self.action in ("import", "undo"):
            action += f" ({EFFECT_LABELS[self.effect]})"
        text = (f"{shown(self.at)}, {self.author}: "
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
            "at": self.at.astimezone(dt.UTC).isoformat(), "author": self.author,
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
    #: a tuple, or for a large import a :class:`LoadedOnUse` (read when first used)
    changes: Sequence[Change] = ()

    def describe(self) -> str:
        from ..timefmt import shown
        return (f"{shown(self.at)}, {self.author}: "
                f"{self.note} ({len(self.changes)} wijzigingen)"
                + (" [ongedaan gemaakt]" if self.undone else ""))

    def as_row(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.astimezone(dt.UTC).isoformat(),
                "author": self.author, "kind": self.kind, "note": self.note,
                "undone": "ja" if self.undone else "nee"}


class LoadedOnUse(Sequence):
    """The changes of a large import, read from the store when first used.

    Its length is known at once (what the command line and the app show); the
    changes themselves (hundreds of thousands at national scale) are read only
    when a caller looks at them, as they are then in the store (so a change
    undone meanwhile shows ``undone``). Compares equal to the tuple it loads.
    """

    def __init__(self, load: Callable[[], Sequence[Change]], count: int):
        self._load = load
        self._count = count
        self._items: tuple[Change, ...] | None = None

    def _loaded(self) -> tuple[Change, ...]:
        if self._items is None:
            self._items = tuple(self._load())
        return self._items

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self._loaded()[index]

    def __iter__(self) -> Iterator[Change]:
        return iter(self._loaded())

    def __eq__(self, other) -> bool:
        if isinstance(other, LoadedOnUse):
            other = other._loaded()
        return isinstance(other, (tuple, list)) and self._loaded() == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LoadedOnUse({self._count} wijzigingen)"


HISTORY_COLUMNS = ("id", "changeset_id", "at", "author", "kind", "record_key", "action",
                   "old", "new", "version", "undone", "undo_of", "position")
CHANGESET_COLUMNS = ("id", "at", "author", "kind", "note", "undone")


@functools.cache
def column_defaults(kind: str) -> dict[str, Any]:
    """The model's default value per column of a kind (columns without one are left out)."""
    out = {}
    for f in dataclasses.fields(schema.FILES[kind].model):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return out


def is_empty_value(value) -> bool:
    """None, an empty text or an empty list: nothing filled in."""
    return value is None or value == "" or value == () or value == []


@dataclass(frozen=True)
class Removal:
    """Data an import would remove: whole records, or the values of one column.

    ``column`` is None for removed records. ``records`` are the key labels of
    the records concerned; ``stored`` how many records of the kind the store
    holds now. ``whole`` means the import has no record of the kind at all
    (records), or that the column is empty or at its default in every
    imported record (a column left out of the file, or a typo in its header).

    >>> print(Removal("decisions", None, ("B01", "B02"), 2, whole=True).describe())
    decisions.csv (Besluiten): alle 2 records worden verwijderd (B01, B02); het bestand heeft geen rijen met gegevens.
    """

    kind: str
    column: str | None
    records: tuple[str, ...]
    stored: int
    whole: bool = False

    def short(self) -> str:
        """A few Dutch words: ``Besluiten: 4 records`` or ``Partners, kolom 'email': 36 waarden``.

        >>> Removal("partners", "email", ("P01", "P02"), 36).short()
        "Partners, kolom 'email': 2 waarden"
        """
        n = len(self.records)
        label = schema.FILES[self.kind].label
        if self.column is None:
            return f"{label}: {n} {'record' if n == 1 else 'records'}"
        return f"{label}, kolom '{self.column}': {n} {'waarde' if n == 1 else 'waarden'}"

    def describe(self, source: str | None = None) -> str:
        """One Dutch line naming the file (``source``, default the schema's file name)."""
        fk = schema.FILES[self.kind]
        where = f"{source or fk.filename} ({fk.label})"
        n = len(self.records)
        shown = "" if not fk.key else \
            " (" + ", ".join(self.records[:5]) + (", …" if n > 5 else "") + ")"
        if self.column is None:
            if n == self.stored:
                count = "het enige record wordt" if n == 1 else f"alle {n} records worden"
            else:
                count = f"{n} van de {self.stored} records " + ("wordt" if n == 1 else "worden")
            text = f"{where}: {count} verwijderd{shown}"
            if self.whole:
                text += "; het bestand heeft geen rijen met gegevens"
            return text + "."
        col = fk.column(self.column)
        default = column_defaults(self.kind).get(self.column)
        records = "het record" if self.stored == 1 else f"{n} van de {self.stored} records"
        text = (f"{where}, kolom '{col.name}' ({col.label}): bij {records} gaat de waarde "
                f"verloren{shown}")
        if not is_empty_value(default):
            text += f"; ze krijgen de standaardwaarde {format_value(_jsonable(default))}"
        if self.whole:
            text += "; in het bestand is deze kolom overal leeg of ontbreekt ze"
        return text + "."


def _jsonable(value):
    return list(value) if isinstance(value, tuple) else value


@dataclass
class KindDiff:
    """New, changed and removed records of one kind.

    ``incoming`` and ``stored`` count the records in the import and in the
    store; ``defaulted`` names the columns that are empty or at their default
    in every imported record.
    """

    kind: str
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)      # (old_obj, new_obj)
    removed: list = field(default_factory=list)
    incoming: int = 0
    stored: int = 0
    defaulted: frozenset = frozenset()
    #: the key text (:func:`~coalition_map.store.codec.key_json`) of each imported
    #: record, in the import's order (so an import does not make them twice)
    keys: list = field(default_factory=list, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.changed or self.removed)

    def changed_fields(self) -> list[tuple[Any, list[FieldChange]]]:
        """(new object, field changes) for each changed record."""
        return [(new, field_changes(self.kind, to_json(self.kind, old), to_json(self.kind, new)))
                for old, new in self.changed]

    def removals(self) -> list[Removal]:
        """What this import removes of the kind: records, and filled values per column.

        A value is removed when it was filled in and becomes empty, or when it
        goes back to the model's default in a column that is at its default in
        every imported record (e.g. ``active`` left out: every partner active).
        """
        kind = self.kind
        fk = schema.FILES[kind]
        out = []
        if self.removed:
            out.append(Removal(kind, None, tuple(key_label(kind, key_of(kind, o))
                                                 for o in self.removed),
                               self.stored, whole=self.incoming == 0))
        defaults = column_defaults(kind)
        for col in fk.columns:
            if col.name in fk.key:
                continue
            lost = []
            for old, new in self.changed:
                before, after = getattr(old, col.name), getattr(new, col.name)
                if before == after:
                    continue
                emptied = not is_empty_value(before) and is_empty_value(after)
                defaulted = (col.name in self.defaulted and col.name in defaults
                             and after == defaults[col.name])
                if emptied or defaulted:
                    lost.append(key_label(kind, key_of(kind, new)))
            if lost:
                out.append(Removal(kind, col.name, tuple(lost), self.stored,
                                   whole=col.name in self.defaulted))
        return out


@dataclass
class ImportDiff:
    """What an import would change, per kind (for the preview before applying).

    Pass it to :meth:`Store.replace_all` as ``based_on``: the import is then
    refused when the store changed after this preview (``as_of`` is the last
    change it saw; ``scope`` the kinds the import covers, None for all), and
    when it removes data (:meth:`removals`) without ``remove=True``.
    """

    kinds: dict[str, KindDiff]
    scope: frozenset | None = None
    as_of: int = 0
    #: the store's data version the preview saw (every write raises it)
    data_version: int = field(default=0, compare=False)
    #: what the preview was made of (per kind: the objects given, and the records
    #: the import writes): :meth:`Store.replace_all` uses them when nothing was
    #: written since and the same objects are given again, instead of redoing the diff
    given: dict | None = field(default=None, compare=False, repr=False)
    records: dict | None = field(default=None, compare=False, repr=False)

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

    def removals(self) -> list[Removal]:
        """Records and values this import would remove, per kind and column."""
        return [r for d in self.kinds.values() for r in d.removals()]

    @property
    def removes_data(self) -> bool:
        """True when the import removes records or empties filled-in values."""
        return bool(self.removals())

    def removal_report(self, sources: dict[str, str] | None = None) -> str:
        """Dutch lines naming per file and column what would be removed (empty: nothing).

        ``sources`` maps a kind to the file or sheet it came from (default:
        the schema's file name, e.g. ``partners.csv``).
        """
        removals = self.removals()
        if not removals:
            return ""
        sources = sources or {}
        return "\n".join(["Deze import verwijdert gegevens:"]
                         + [f"- {r.describe(sources.get(r.kind))}" for r in removals])
