"""Making exported files safe to open.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (CSV/formula injection). Every CSV and XLSX the product writes
passes its text cells through :func:`neutralize_cell`; the importer passes
them through :func:`restore_cell`, so that an export read back gives the
same data. HTML escaping is left to the template engine and
:func:`html.escape`.

>>> neutralize_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> restore_cell(neutralize_cell("+31 20 123 4567"))
'+31 20 123 4567'
>>> neutralize_cell("gewoon tekst")
'gewoon tekst'
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_cell(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS + ("'",)):
        # A text that already starts with an apostrophe gets one more, so that
        # restore_cell can strip exactly one.
        return "'" + value
    return value


def restore_cell(value):
    """Undo :func:`neutralize_cell` on a cell read from a file."""
    if isinstance(value, str) and value.startswith("'") and len(value) > 1 \
            and value[1] in FORMULA_STARTS + ("'",):
        return value[1:]
    return value
