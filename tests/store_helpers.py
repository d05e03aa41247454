"""Store helpers for tests: an import applied the way the CLI does it with ``--ja``."""

from __future__ import annotations


def import_all(store, coalition, plan=None, *, author: str = "Anna", note: str = "import",
               kinds=None):
    """Preview (:meth:`Store.diff`) and apply that preview, removals confirmed."""
    preview = store.diff(coalition, plan, kinds=kinds)
    return store.replace_all(coalition, plan, author=author, note=note, based_on=preview,
                             remove=True)
