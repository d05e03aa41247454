"""Browsing and editing records (wijken, partners, offers, referrals) on the page.

Everything is driven by the exchange-format schema (:mod:`coalition_map.schema`):
the columns of a table, the fields of a form, their Dutch labels. A form's
values go through the *same* parser as an imported file
(:func:`coalition_map.validation.parse_file` on a one-row table), so the
coordinator gets the same checks and the same Dutch messages as on import;
references are then checked by ``store.validate_record``.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from .. import schema
from ..model import ALL, Coalition
from ..reading import Table
from ..typology import PROFILES
from ..validation import parse_file
from ..vocab import normalize
from ..writing import format_cell

#: The kinds the page edits, in tab order.
EDITABLE_KINDS = ("partners", "offers", "wijken", "referrals")

#: Kinds that are switched off rather than deleted.
DEACTIVATABLE = ("partners", "offers")


def objects(coalition: Coalition, kind: str) -> list:
    return list(getattr(coalition, kind))


def key_of(kind: str, obj) -> tuple:
    return tuple(getattr(obj, k) for k in schema.FILES[kind].key)


def key_arg(kind: str, obj):
    """The key in the form the store takes: a value, or a dict for composite keys."""
    fk = schema.FILES[kind]
    if len(fk.key) == 1:
        return getattr(obj, fk.key[0])
    return {k: getattr(obj, k) for k in fk.key}


# --- display ------------------------------------------------------------------------

def name_index(coalition: Coalition) -> dict[str, dict[str, str]]:
    """Partner and wijk names by code (pass it to :func:`record_title` for many records)."""
    return {"partners": {p.id: p.name for p in coalition.partners},
            "wijken": {w.code: w.name for w in coalition.wijken}}


def display_value(column: schema.Column, value, names: dict) -> str:
    """A value as the coordinator reads it: labels, names, ja/nee."""
    if value is None or value == () or value == "":
        return ""
    t = column.type
    if t == "bool":
        return "ja" if value else "nee"
    if t == "code" and column.vocab is not None:
        return column.vocab.label_of(value)
    if t == "codes" and column.vocab is not None:
        return ", ".join(column.vocab.label_of(v) for v in value)
    if t == "profiles":
        return ", ".join(PROFILES[v].name if v in PROFILES else v for v in value)
    if t == "profile":
        return PROFILES[value].name if value in PROFILES else value
    if t == "wijken":
        if ALL in value:
            return "hele gemeente"
        return ", ".join(names["wijken"].get(v, v) for v in value)
    if t == "ref" and column.ref in names:
        return names[column.ref].get(value, f"{value} (onbekend)")
    if t == "date":
        return value.strftime("%d-%m-%Y")
    if column.multi:
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def records_frame(kind: str, items: list, coalition: Coalition,
                  columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A table of records with Dutch column labels and readable values."""
    fk = schema.FILES[kind]
    names = name_index(coalition)
    cols = [c for c in fk.columns if columns is None or c.name in columns]
    rows = [{c.label: display_value(c, getattr(obj, c.name), names) for c in cols}
            for obj in items]
    return pd.DataFrame(rows, columns=[c.label for c in cols])


def search_texts(kind: str, items: list, coalition: Coalition) -> list[str]:
    """Per record the normalized text a search looks in (labels, names and codes)."""
    fk = schema.FILES[kind]
    names = name_index(coalition)
    return [normalize(" ".join(display_value(c, getattr(obj, c.name), names) + " " +
                               format_cell(c, getattr(obj, c.name)) for c in fk.columns))
            for obj in items]


def search(kind: str, items: list, text: str, coalition: Coalition,
           texts: list[str] | None = None) -> list:
    """Records whose displayed values contain the search text (accent-insensitive).

    ``texts`` may pass :func:`search_texts` of ``items`` computed before.
    """
    needle = normalize(text or "")
    if not needle:
        return list(items)
    texts = texts if texts is not None else search_texts(kind, items, coalition)
    return [obj for obj, hay in zip(items, texts) if needle in hay]


#: Fields that name a record, in order: partners and offers have a name, actions a
#: title, decisions only their text (shortened).
NAME_FIELDS = ("name", "title", "text")


def name_of(values) -> str:
    """The name a record is shown by (a record object or a dict of its values), or "".

    >>> name_of({"id": "B04", "text": "We kiezen voor twee nieuwe maatjesprojecten in de wijken "
    ...          "Oost en West, te starten in het voorjaar"})
    'We kiezen voor twee nieuwe maatjesprojecten in de wijken Oo…'
    >>> name_of({"id": "P01", "name": "Wmo-loket"})
    'Wmo-loket'
    """
    get = values.get if isinstance(values, dict) else (lambda f: getattr(values, f, None))
    for field_name in NAME_FIELDS:
        text = str(get(field_name) or "").strip()
        if text:
            return text if len(text) <= 60 else text[:59].rstrip() + "…"
    return ""


def record_title(kind: str, obj, coalition: Coalition,
                 names_of: dict[str, dict[str, str]] | None = None) -> str:
    """A short Dutch line naming the record (for pickers); ``names_of``: :func:`name_index`
    of the coalition, computed once for many records."""
    names = names_of if names_of is not None else name_index(coalition)
    if kind == "referrals":
        col = schema.FILES[kind].column("kind")
        return (f"{names['partners'].get(obj.from_partner, obj.from_partner)} → "
                f"{names['partners'].get(obj.to_partner, obj.to_partner)} "
                f"({display_value(col, obj.kind, names)})")
    name = name_of(obj)
    key = " / ".join(str(k) for k in key_of(kind, obj))
    suffix = "" if getattr(obj, "active", True) else " (inactief)"
    return f"{name} ({key}){suffix}" if name else key


# --- forms ---------------------------------------------------------------------------

def _code_label(vocab):
    """The label of a code in a select box ("(leeg)" for the empty choice)."""
    return lambda code: vocab.label_of(code) if code else "(leeg)"


def form_fields(kind: str, obj, coalition: Coalition, *, prefix: str,
                editing: bool, proposed: dict | None = None) -> dict[str, str]:
    """Draw one widget per column (inside an st.form); returns the texts per column.

    ``proposed``: values a new record starts with (its id, proposed by the service).
    """
    fk = schema.FILES[kind]
    names = name_index(coalition)
    texts: dict[str, str] = {}
    cols = st.columns(2)
    for i, column in enumerate(fk.columns):
        box = cols[i % 2]
        value = getattr(obj, column.name) if obj is not None else (proposed or {}).get(
            column.name)
        label = column.label + (" *" if column.required else "")
        key = f"{prefix}_{column.name}"
        help_ = column.description
        disabled = editing and column.name in fk.key
        t = column.type
        if t == "code" and column.vocab is not None:
            options: list[str] = ([] if column.required else [""]) + list(column.vocab.codes)
            current = value if value in options else options[0]
            # A required choice of a new record starts empty: nothing is saved by accident.
            index = None if obj is None and column.required else options.index(current)
            chosen = box.selectbox(label, options, index=index, key=key,
                                   help=help_, disabled=disabled, placeholder="Kies…",
                                   format_func=lambda c, v=column.vocab: v.label_of(c) if c
                                   else "(leeg)")
            texts[column.name] = chosen or ""
        elif t == "codes" and column.vocab is not None:
            picked = box.multiselect(label, list(column.vocab.codes),
                                     default=[v for v in (value or ()) if v in column.vocab],
                                     key=key, help=help_, disabled=disabled,
                                     format_func=column.vocab.label_of, placeholder="Kies…")
            texts[column.name] = "|".join(picked)
        elif t == "profiles":
            picked = box.multiselect(label, list(PROFILES),
                                     default=[v for v in (value or ()) if v in PROFILES],
                                     key=key, help=help_, disabled=disabled,
                                     format_func=lambda c: PROFILES[c].name,
                                     placeholder="Kies…")
            texts[column.name] = "|".join(picked)
        elif t == "wijken":
            options = [ALL] + [w.code for w in coalition.wijken]
            default = list(value) if value else ([ALL] if obj is None else [])
            picked = box.multiselect(label, options, default=[v for v in default if v in options],
                                     key=key, help=help_, disabled=disabled,
                                     format_func=lambda c: "hele gemeente" if c == ALL
                                     else names['wijken'].get(c, c),
                                     placeholder="Kies…")
            texts[column.name] = "|".join(picked)
        elif t == "ref" and column.ref in names:
            options = ([] if column.required else [""]) + list(names[column.ref])
            if value and value not in options:
                options.append(value)
            current = value if value in options else (options[0] if options else None)
            index = (None if (obj is None and column.required) or current is None
                     else options.index(current))
            chosen = box.selectbox(label, options, index=index, key=key, help=help_,
                                   disabled=disabled, placeholder="Kies…",
                                   format_func=lambda c, r=column.ref: (
                                       names[r].get(c, f"onbekend ({c})") if c else "(leeg)"))
            texts[column.name] = chosen or ""
        elif t == "bool":
            checked = box.checkbox(label, value=True if value is None else bool(value), key=key,
                                   help=help_, disabled=disabled)
            texts[column.name] = "ja" if checked else "nee"
        else:
            text = "" if value is None else format_cell(column, value)
            if t in ("text",) and column.name in ("description", "entry_conditions",
                                                  "how_to_refer", "expertise"):
                texts[column.name] = box.text_area(label, value=text, key=key, help=help_,
                                                   disabled=disabled, height=90)
            else:
                texts[column.name] = box.text_input(label, value=text, key=key, help=help_,
                                                    disabled=disabled)
        if disabled and obj is not None:
            texts[column.name] = format_cell(column, value)
    return texts


def parse_form(kind: str, texts: dict[str, str]):
    """The form's texts through the importer's parser: ``(object or None, problems)``."""
    fk = schema.FILES[kind]
    header = [c.name for c in fk.columns]
    table = Table(filename=f"formulier {fk.label.lower()}", header=header,
                  rows=[[texts.get(name, "") for name in header]], row_numbers=[2])
    parsed = parse_file(fk, table)
    obj = parsed.objects[0] if parsed.objects else None
    problems = list(parsed.problems)
    if obj is not None:
        import datetime as dt
        from ..validation import WARNING, Problem, past_date_warnings, record_errors
        problems += [Problem(table.source, None, None, None, text)
                     for text in record_errors(kind, obj)]
        problems += [Problem(table.source, None, None, None, text, WARNING)
                     for text in past_date_warnings(kind, obj, dt.date.today())]
    return obj, problems


def problem_text(problem, kind: str) -> str:
    """A problem of a form field in Dutch, naming the field's label (not a file row)."""
    fk = schema.FILES[kind]
    label = None
    if problem.column:
        try:
            label = fk.column(problem.column).label
        except KeyError:
            label = problem.column
    prefix = "Waarschuwing: " if not problem.is_error else ""
    where = f"{label}: " if label else ""
    value = f" (ingevuld: '{problem.value}')" if problem.value else ""
    return f"{prefix}{where}{problem.message}{value}"


def replace_kind(coalition: Coalition, kind: str, items: list) -> Coalition:
    """A copy of the coalition in which the records of one kind are ``items``."""
    if kind == "coalition":
        return dataclasses.replace(coalition, info=items[0] if items else coalition.info)
    return dataclasses.replace(coalition, **{kind: list(items)})  # type: ignore[arg-type]
