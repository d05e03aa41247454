"""Validating one record the way an import validates a file.

The app edits one record at a time; it must get the same Dutch messages as
an import. So a record is written out as one row of text
(:func:`coalition_map.writing.rows_for`) and parsed back with the importer's
:func:`coalition_map.validation.parse_file` and
:func:`coalition_map.validation.check_references`, with the keys of the
partners and wijken that exist in the store.
"""

from __future__ import annotations

import dataclasses

from .. import schema
from ..reading import Table
from ..references import targets
from ..validation import ParsedFile, Problem, check_references, parse_file
from ..writing import rows_for


def record_problems(kind: str, obj, existing_keys: dict[str, set] | None = None
                    ) -> list[Problem]:
    """Problems (errors and warnings) with one record.

    ``existing_keys`` maps the kinds the record refers to (``partners``,
    ``wijken``) to the keys present in the store; when a kind is missing from
    it, references to that kind are not checked.
    """
    fk = schema.FILES[kind]
    row = rows_for(fk, [obj])[0]
    names = [c.name for c in fk.columns]
    table = Table(fk.label, names, [[row[n] for n in names]], [2])
    parsed = parse_file(fk, table)
    problems = list(parsed.problems)
    if parsed.objects and existing_keys:
        pfs = {kind: parsed}
        for target in targets(kind):
            if target in existing_keys and target != kind:
                pfs[target] = ParsedFile(schema.FILES[target], schema.FILES[target].filename,
                                         keys=set(existing_keys[target]))
        problems.extend(check_references(pfs))
    # One record in the app has no row number; name the kind instead of a file.
    return [dataclasses.replace(p, file=fk.label, row=None) for p in problems]



