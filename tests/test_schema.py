"""The exchange format is one source of truth: schema columns == model fields."""

from dataclasses import fields

import pytest

from coalition_map import schema
from coalition_map.vocab import normalize


@pytest.mark.parametrize("kind", list(schema.FILES))
def test_columns_are_exactly_the_model_fields(kind):
    fk = schema.FILES[kind]
    assert [c.name for c in fk.columns] == [f.name for f in fields(fk.model)]


@pytest.mark.parametrize("kind", list(schema.FILES))
def test_headers_and_aliases_are_unambiguous(kind):
    seen = {}
    for column in schema.FILES[kind].columns:
        assert column.type in schema.TYPES
        assert (column.vocab is not None) == (column.type in ("code", "codes"))
        assert (column.ref is not None) == (column.type == "ref")
        for header in (column.name, *column.aliases):
            key = normalize(header)
            assert seen.setdefault(key, column.name) == column.name, header


def test_references_point_to_earlier_files():
    order = list(schema.FILES)
    for kind, fk in schema.FILES.items():
        for column in fk.columns:
            if column.ref:
                assert order.index(column.ref) < order.index(kind)
