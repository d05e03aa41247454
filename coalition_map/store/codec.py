"""Converting model objects to table rows and JSON (history) and back.

Everything is driven by the column types in :mod:`coalition_map.schema`, so a
new column in the exchange format needs no change here.

>>> from coalition_map import model
>>> p = model.Partner("P1", "Bieb", "bibliotheek", roles=("signaleren",))
>>> row = to_row("partners", p)
>>> row["roles"], row["wijken"]
('["signaleren"]', '["alle"]')
>>> from_row("partners", row) == p
True
>>> from_json("partners", to_json("partners", p)) == p
True
>>> key_of("referrals", model.Referral("P1", "P2"))
{'from_partner': 'P1', 'to_partner': 'P2', 'kind': 'verwijst'}
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

from .. import schema


def file_kind(kind: str) -> schema.FileKind:
    try:
        return schema.FILES[kind]
    except KeyError:
        raise KeyError(f"onbekende soort gegevens: {kind!r}") from None


def _multi_to_list(value) -> list:
    return list(value or ())


#: ``json.dumps(value, ensure_ascii=False)`` and the same with ``sort_keys=True``, made
#: once: ``json.dumps`` with any argument builds a new encoder on every call, which costs
#: more than the encoding of a small record. Same text.
#: (No check for circular references: records hold none, and the text is the same.)
_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_dumps_sorted = json.JSONEncoder(ensure_ascii=False, sort_keys=True,
                                 check_circular=False).encode


@functools.cache
def _columns(kind: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """(column names, multi-valued?) of a kind, in schema order."""
    columns = file_kind(kind).columns
    return tuple(c.name for c in columns), tuple(c.multi for c in columns)


#: JSON text of multi-valued values seen (most repeat: roles, types, profiles, "alle").
_MULTI_TEXT: dict[Any, str] = {}


def _multi_text(value) -> str:
    """``json.dumps(list(value or ()), ensure_ascii=False)``, remembered per value."""
    try:
        return _MULTI_TEXT[value]
    except KeyError:
        text = _dumps(_multi_to_list(value))
    except TypeError:   # not hashable (a list given instead of a tuple)
        return _dumps(_multi_to_list(value))
    if value.__class__ is not tuple or any(v.__class__ is not str for v in value):
        return text     # remember texts only: 1 == 1.0 == True, but their JSON differs
    if len(_MULTI_TEXT) >= 50_000:
        _MULTI_TEXT.clear()
    _MULTI_TEXT[value] = text
    return text


def to_row(kind: str, obj) -> dict[str, Any]:
    """Column values for the record table (multi-valued fields as JSON text)."""
    names, multi = _columns(kind)
    row = {}
    for name, is_multi, value in zip(names, multi, _getter(kind)(obj)):
        row[name] = _multi_text(value) if is_multi else value
    return row


def to_row_and_json(kind: str, obj) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(to_row(kind, obj), to_json(kind, obj))``; see :func:`row_and_json_maker`."""
    return row_and_json_maker(kind)(obj)


@functools.cache
def row_and_json_maker(kind: str):
    """A function giving ``(to_row(kind, obj), to_json(kind, obj))`` of an object, made
    once per kind (an import calls it for every record).

    >>> from coalition_map import model
    >>> p = model.Partner("P1", "Bieb", "bibliotheek", roles=("signaleren",))
    >>> row_and_json_maker("partners")(p) == (to_row("partners", p), to_json("partners", p))
    True
    """
    names, multi = _columns(kind)
    get = _getter(kind)
    multi_at = tuple((i, name) for i, (name, is_multi) in enumerate(zip(names, multi))
                     if is_multi)
    # to_json turns dates into ISO text; only a date column holds one
    types = {c.name: c.type for c in file_kind(kind).columns}
    single_at = tuple((i, name) for i, (name, is_multi) in enumerate(zip(names, multi))
                      if not is_multi and types[name] == "date")
    date = dt.date

    def make(obj) -> tuple[dict[str, Any], dict[str, Any]]:
        values = get(obj)
        row = dict(zip(names, values))
        out = row.copy()
        for i, name in multi_at:
            value = values[i]
            row[name] = _multi_text(value)
            out[name] = _multi_to_list(value)
        for i, name in single_at:
            value = values[i]
            if isinstance(value, date):
                out[name] = value.isoformat()
        return row, out

    return make


def to_json_text(data: dict[str, Any] | None) -> str | None:
    """The text the history stores for :func:`to_json` values (None stays None)."""
    return None if data is None else _dumps(data)


def _as_date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _defaulted(model) -> frozenset[str]:
    """Fields of a model dataclass that have a default."""
    import dataclasses
    return frozenset(f.name for f in dataclasses.fields(model)
                     if f.default is not dataclasses.MISSING
                     or f.default_factory is not dataclasses.MISSING)


def from_row(kind: str, row) -> Any:
    """The model object for a row (a mapping with at least the schema columns)."""
    fk = file_kind(kind)
    values = {}
    for col in fk.columns:
        value = row[col.name]
        if value is None and not col.multi and col.name in _defaulted(fk.model):
            continue  # NULL (e.g. a column added by a later migration): the model's default
        if col.multi:
            value = tuple(json.loads(value)) if value else ()
        elif col.type == "bool":
            value = bool(value) if value is not None else value
        elif col.type == "date":
            value = _as_date(value)
        elif col.type == "float" and value is not None:
            value = float(value)
        values[col.name] = value
    return fk.model(**values)


def to_json(kind: str, obj) -> dict[str, Any]:
    """A JSON-safe dict of the object's fields (dates as ISO text, tuples as lists)."""
    names, multi = _columns(kind)
    out = {}
    for name, is_multi in zip(names, multi):
        value = getattr(obj, name)
        if is_multi:
            value = _multi_to_list(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[name] = value
    return out


def from_json(kind: str, data: dict[str, Any]) -> Any:
    fk = file_kind(kind)
    values = {}
    for col in fk.columns:
        if col.name not in data:
            continue  # a column added later: the model's default
        value = data[col.name]
        if col.multi:
            value = tuple(value or ())
        elif col.type == "date":
            value = _as_date(value)
        values[col.name] = value
    return fk.model(**values)


def without_control_chars(kind: str, obj):
    """``obj`` with control characters removed from its text values.

    The importer removes them with a warning (:mod:`coalition_map.validation`);
    the store does the same for every record it writes, so that a value typed
    or pasted in the app never puts one in the database (PostgreSQL refuses
    NUL; XLSX, GraphML and GEXF exports cannot hold most of them).

    >>> from coalition_map import model
    >>> without_control_chars("partners", model.Partner("P1", "Bieb\\x00", "bibliotheek",
    ...                                                 roles=("aanbieden\\x1b",))).name
    'Bieb'
    """
    from ..safety import CONTROL_CHARS, remove_control_chars
    texts = []
    for value in _getter(kind)(obj):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, tuple):
            texts.extend(v for v in value if isinstance(v, str))
    if not CONTROL_CHARS.search("".join(texts)):
        return obj   # the usual case: one search over all its texts (none made by joining)
    changes: dict[str, Any] = {}
    for col in file_kind(kind).columns:
        value = getattr(obj, col.name)
        cleaned: Any
        if isinstance(value, str):
            cleaned = remove_control_chars(value)[0]
        elif isinstance(value, tuple) and any(isinstance(v, str) for v in value):
            cleaned = tuple(remove_control_chars(v)[0] if isinstance(v, str) else v
                            for v in value)
        else:
            continue
        if cleaned != value:
            changes[col.name] = cleaned
    if not changes:
        return obj
    import dataclasses
    return dataclasses.replace(obj, **changes)


def all_without_control_chars(kind: str, objs: list) -> list:
    """``[without_control_chars(kind, o) for o in objs]``: the same list when no text
    of any object holds a control character (one search over all their texts)."""
    from ..safety import CONTROL_CHARS
    get = _getter(kind)
    texts: list[str] = []
    add, extend = texts.append, texts.extend
    for obj in objs:                    # one pass over each object's values
        for v in get(obj):
            if isinstance(v, str):
                add(v)
            elif isinstance(v, tuple):
                extend(x for x in v if isinstance(x, str))
    if not CONTROL_CHARS.search("".join(texts)):
        return objs
    return [without_control_chars(kind, o) for o in objs]


def key_json_maker(kind: str):
    """A function giving ``key_json(key_of(kind, obj))`` of an object (faster)."""
    key = file_kind(kind).key
    if len(key) != 1:
        return lambda obj: key_json(key_of(kind, obj))
    (name,) = key
    prefix = "{" + _dumps(name) + ": "

    def make(obj) -> str:
        value = getattr(obj, name)
        if value.__class__ is str:
            return prefix + _dumps(value) + "}"
        return key_json({name: value})

    return make


@functools.cache
def _getter(kind: str):
    """A function giving the tuple of an object's column values, in schema order."""
    import operator
    names, _multi = _columns(kind)
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else (lambda obj: (get(obj),))


def key_of(kind: str, obj) -> dict[str, Any]:
    """The record key as a dict of the key columns (empty for one-row kinds)."""
    fk = file_kind(kind)
    return {name: getattr(obj, name) for name in fk.key}


def normalize_key(kind: str, key) -> dict[str, Any]:
    """Accept a key as a dict, a tuple in key order, or a single value."""
    fk = file_kind(kind)
    if isinstance(key, dict):
        missing = [k for k in fk.key if k not in key]
        if missing:
            raise KeyError(f"sleutel mist {', '.join(missing)}")
        return {k: key[k] for k in fk.key}
    values: tuple
    if key is None or key == ():
        values = ()
    elif isinstance(key, (tuple, list)):
        values = tuple(key)
    else:
        values = (key,)
    if len(values) != len(fk.key):
        raise KeyError(f"sleutel voor {kind} heeft {len(fk.key)} delen: {', '.join(fk.key)}")
    return dict(zip(fk.key, values))


def key_json(key: dict[str, Any]) -> str:
    """Canonical JSON text of a key (what the history table stores).

    >>> key_json({"to_partner": "P2", "from_partner": "P1", "kind": "verwijst"})
    '{"from_partner": "P1", "kind": "verwijst", "to_partner": "P2"}'
    """
    if len(key) == 1:
        ((name, value),) = key.items()
        if value.__class__ is str:   # the usual key: one text (same text, faster)
            return f"{{{_dumps(name)}: {_dumps(value)}}}"
    return _dumps_sorted(key)


def key_label(kind: str, key: dict[str, Any]) -> str:
    """Short human label of a key: ``P01`` or ``P01 → P02 (verwijst)``."""
    if not key:
        return file_kind(kind).label
    if kind == "referrals":
        return f"{key['from_partner']} → {key['to_partner']} ({key['kind']})"
    return " / ".join(str(v) for v in key.values())


from ..schema import RECORD_NOUNS  # noqa: E402  (one definition, in the schema)


def record_label(kind: str, key: dict[str, Any]) -> str:
    """``partner P01``, ``verwijsroute P01 → P02 (verwijst)``, ``coalitiegegevens``.

    >>> record_label("partners", {"id": "P01"})
    'partner P01'
    """
    noun = RECORD_NOUNS.get(kind, file_kind(kind).label.lower())
    return f"{noun} {key_label(kind, key)}" if key else noun


def changed_fields(kind: str, old: dict | None, new: dict | None) -> list[str]:
    """Names of the columns whose JSON values differ (in schema order)."""
    fk = file_kind(kind)
    old = old or {}
    new = new or {}
    return [c.name for c in fk.columns if old.get(c.name) != new.get(c.name)]


def format_value(value) -> str:
    """A value for a Dutch message: lists joined with ' | ', empty as '(leeg)'."""
    if value is None or value == "" or value == []:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    return str(value)
