"""The limits on every input: how big a file, how many rows, how long a cell.

Every file the importer reads (CSV, ``.xlsx``, an upload in the app, a
backup) is bounded by these constants, so that no input can keep the
program or the app's server busy for long: reading and checking take time
in proportion to these numbers, never more. A file over a limit gets a Dutch
message naming the limit, the file and, where there is one, the row and the
column. ``docs/grenzen.md`` explains them for coordinators.

The limits are far above a national coalition (100,000 offers, 15,000
partners; see ``docs/benchmarks.md``) and at or below what Excel and the
databases can hold.

>>> dutch_int(200_000), dutch_bytes(MAX_FILE_BYTES)
('200.000', '64 MB')
"""

from __future__ import annotations

#: Size of one CSV file or one ``.xlsx`` workbook (also an upload in the app).
#: The national benchmark's largest file (offers.csv) is about 12 MB.
MAX_FILE_BYTES = 64 * 1024 * 1024

#: XML read from one workbook, unpacked (an ``.xlsx`` is a zip of XML parts;
#: a small zip can unpack to gigabytes). A national offers sheet is about 60 MB.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024

#: Sheets in one workbook.
MAX_SHEETS = 100

#: Data rows (non-empty rows after the header) in one file or sheet.
MAX_ROWS = 200_000

#: Columns: a non-empty cell to the right of this column is refused.
MAX_COLUMNS = 200

#: Non-empty cells in one file or sheet.
MAX_CELLS = 5_000_000

#: Characters in one cell: Excel's own limit (32,767).
MAX_CELL_CHARS = 32_767

#: Characters in an id, a code or a reference to one (they are database keys;
#: PostgreSQL indexes keys of at most about 2,700 bytes).
MAX_KEY_CHARS = 100

#: Characters in a number as written (digits, separators, sign, exponent).
MAX_NUMBER_CHARS = 40

#: Whole numbers: what a PostgreSQL ``integer`` column holds (-2³¹ .. 2³¹-1).
INT_MIN = -2 ** 31
INT_MAX = 2 ** 31 - 1

#: Numbers with decimals: at most this large (beyond it a float no longer
#: holds every whole number exactly).
FLOAT_MAX = 1e15

#: Values in one multi-valued cell (wijken, ketenrollen, ... separated by |).
MAX_MULTI_VALUES = 1_000

#: Characters in a website address.
MAX_URL_CHARS = 2_000

#: Problems reported per file; after this many errors the file is not checked further.
MAX_PROBLEMS = 1_000


def dutch_int(n: int) -> str:
    """A whole number with Dutch thousands dots: ``200.000``."""
    return f"{n:,}".replace(",", ".")


def dutch_bytes(n: int) -> str:
    """A size in MB (or KB below one MB), Dutch style."""
    if n >= 1024 * 1024:
        value = n / (1024 * 1024)
        text = f"{value:.0f}" if value >= 10 or value.is_integer() else f"{value:.1f}"
        return text.replace(".", ",") + " MB"
    return f"{max(1, round(n / 1024))} KB"


def shorten(text: str, length: int = 60) -> str:
    """A value for a message: at most ``length`` characters, with … and the full length.

    >>> shorten("1" * 20000)
    '111111111111111111111111111111111111111111111111111111111111… (20.000 tekens)'
    >>> shorten("kort")
    'kort'
    """
    text = str(text)
    if len(text) <= length:
        return text
    return f"{text[:length]}… ({dutch_int(len(text))} tekens)"
