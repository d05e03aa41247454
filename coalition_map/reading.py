"""Reading exchange files into plain tables of text.

:func:`read_table` turns a CSV file or one sheet of an ``.xlsx`` workbook
into a :class:`Table`: the header and the data rows as lists of strings,
each row with the number the coordinator sees in Excel (header = row 1,
first data row = row 2). Nothing is interpreted here; converting cells to
model values is :mod:`coalition_map.validation`'s job.

CSV files may use ``,`` or ``;`` as delimiter (Dutch Excel writes ``;``)
and UTF-8 (with or without BOM) or Windows-1252 (what Dutch Excel writes).

>>> t = read_table("id;naam\\r\\nP01;Café de Hoek\\r\\n".encode("cp1252"), filename="p.csv")
>>> t.header, t.rows, t.row_numbers, t.delimiter, t.encoding
(['id', 'naam'], [['P01', 'Café de Hoek']], [2], ';', 'cp1252')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from .vocab import normalize

#: Encodings tried in order. ``utf-8-sig`` reads UTF-8 with and without BOM.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
DELIMITERS = (",", ";", "\t")


class ReadError(ValueError):
    """A file that cannot be read at all; the message is Dutch and names the file.

    ``row`` is the row (as Excel numbers it) the problem is in, when known.
    """

    def __init__(self, filename: str, message: str, row: int | None = None):
        super().__init__(f"{filename}{'' if row is None else f', rij {row}'}: {message}")
        self.filename = filename
        self.message = message
        self.row = row


@dataclass
class Table:
    """The text of one CSV file or one sheet.

    ``rows[i]`` is Excel row ``row_numbers[i]``. Completely empty rows are
    left out (their numbers are skipped). ``header`` is empty for an empty
    file.
    """

    filename: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None

    def __iter__(self):
        """Yield ``(row_number, cells)`` pairs."""
        return iter(zip(self.row_numbers, self.rows))

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def empty(self) -> bool:
        """True when the file has not even a header."""
        return not any(h.strip() for h in self.header)

    @property
    def source(self) -> str:
        """How to name this table in a message: the file, plus the sheet for workbooks.

        >>> Table("kaart.xlsx", sheet="partners").source
        "kaart.xlsx, blad 'partners'"
        """
        return f"{self.filename}, blad '{self.sheet}'" if self.sheet else self.filename


def _is_blank(cells) -> bool:
    return all(not str(c).strip() for c in cells)


def _make_table(filename: str, records, **kw) -> Table:
    """Build a Table from ``(row_number, cells)`` records: first non-blank one is the header."""
    table = Table(filename, **kw)
    have_header = False
    for number, cells in records:
        cells = ["" if c is None else str(c) for c in cells]
        if _is_blank(cells):
            continue
        if not have_header:
            # Trailing empty header cells (Excel leaves them) do not count.
            while cells and not cells[-1].strip():
                cells.pop()
            table.header = [c.strip() for c in cells]
            have_header = True
            continue
        table.rows.append(cells)
        table.row_numbers.append(number)
    return table


# --- CSV -------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (± BOM) first, then Windows-1252.

    >>> decode("é".encode("utf-8"))
    ('é', 'utf-8')
    >>> decode("\\ufeffé".encode("utf-8"))
    ('é', 'utf-8-sig')
    >>> decode("é".encode("cp1252"))
    ('é', 'cp1252')
    >>> decode("é".encode("utf-16"))
    ('é', 'utf-16')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):    # Excel's "Unicode-tekst"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab: whichever occurs most (outside quotes) in the header line.

    >>> sniff_delimiter('id;naam;"a,b"\\n')
    ';'
    >>> sniff_delimiter("id,naam\\n")
    ','
    >>> sniff_delimiter("id\\tnaam\\n")
    '\\t'
    """
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def ends_inside_quotes(text: str, delimiter: str = ",") -> bool:
    """True when CSV text ends inside a quoted field (as :mod:`csv` reads it).

    A file cut off there (not completely saved or copied) would otherwise
    be read as if the field simply ended.

    >>> ends_inside_quotes('id,naam\\nP01,"Café ""De Hoek"", Noord"\\n')
    False
    >>> ends_inside_quotes('id,naam\\nP01,"Café de')
    True
    >>> ends_inside_quotes('id,maat\\nP01,5" scherm\\n')    # a quote inside a field
    False
    """
    parts = text.split('"')
    last = len(parts) - 1          # parts[k] for k < last is followed by a quote
    quoted, at_start = False, True
    k = 0
    while k < last:
        segment = parts[k]
        if quoted:
            if k + 1 < last and parts[k + 1] == "":     # "" inside a quoted field
                k += 2
                continue
            quoted, at_start = False, False
        elif (segment == "" and at_start) or segment[-1:] in (delimiter, "\r", "\n"):
            quoted = True                               # a quote opens a field
        else:
            at_start = False                            # a quote inside a field
        k += 1
    return quoted


def _cut_off(filename: str, text: str, delimiter: str, records, table: Table) -> None:
    """Refuse a CSV file that was cut off in its last row (a ReadError naming the row)."""
    if not records:
        return
    last = records[-1][0]
    if ends_inside_quotes(text, delimiter):
        raise ReadError(filename, "het bestand houdt op midden in een veld tussen "
                        "aanhalingstekens; het lijkt afgebroken (niet helemaal opgeslagen of "
                        "gekopieerd). Sla het bestand opnieuw volledig op en lees het dan "
                        "opnieuw in.", row=last)
    if text.endswith(("\n", "\r")) or not table.rows or table.row_numbers[-1] != last:
        return
    cells = len(table.rows[-1])
    if cells < len(table.header):
        raise ReadError(filename, f"deze rij heeft {cells} van de {len(table.header)} "
                        "kolommen en het bestand houdt midden in de rij op; het lijkt "
                        "afgebroken (niet helemaal opgeslagen of gekopieerd). Sla het bestand "
                        "opnieuw volledig op, of vul de rij aan en sluit haar af met een "
                        "regeleinde.", row=last)


def read_csv(data: bytes, filename: str) -> Table:
    """Read CSV bytes into a Table (encoding and delimiter detected).

    A file cut off in its last row (it ends inside a quoted field, or its
    last row has fewer fields than the header and no line break) is a
    :class:`ReadError` naming the row, never a silently shorter table.
    """
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    try:
        records = [(i, row) for i, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise ReadError(filename, f"dit is geen leesbaar CSV-bestand ({exc})") from exc
    table = _make_table(filename, records, encoding=encoding, delimiter=delimiter)
    _cut_off(filename, text, delimiter, records, table)
    return table


# --- XLSX ------------------------------------------------------------------


def cell_text(value) -> str:
    """A spreadsheet cell value as canonical text.

    Whole numbers lose their ``.0``, dates become ISO, booleans ja/nee.

    >>> cell_text(12.0), cell_text(12.5), cell_text(dt.datetime(2025, 3, 1)), cell_text(True)
    ('12', '12.5', '2025-03-01', 'ja')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _open_workbook(source, filename: str):
    import zipfile

    import openpyxl
    try:
        if isinstance(source, (bytes, bytearray)):
            source = io.BytesIO(source)
        return openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(filename, "dit is geen leesbaar Excel-bestand (.xlsx)") from exc


def _sheet_table(ws, filename: str) -> Table:
    try:
        ws.reset_dimensions()   # some writers store a wrong sheet size
    except AttributeError:      # pragma: no cover - not a read-only sheet
        pass
    records = ((i, [cell_text(v) for v in row])
               for i, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1))
    return _make_table(filename, records, sheet=ws.title)


def read_workbook(source, *, filename: str) -> dict[str, Table]:
    """Every sheet of an ``.xlsx`` workbook as a Table, by sheet name (in order)."""
    if isinstance(source, (str, Path)):
        source = Path(source)
    wb = _open_workbook(source, filename)
    try:
        return {ws.title: _sheet_table(ws, filename) for ws in wb.worksheets}
    finally:
        wb.close()


def find_sheet(names, wanted) -> str | None:
    """The sheet name among ``names`` matching one of ``wanted`` (case/accent-insensitive).

    >>> find_sheet(["Partners", "Aanbod"], ["offers", "aanbod"])
    'Aanbod'
    """
    if isinstance(wanted, str):
        wanted = [wanted]
    keys = {normalize(w) for w in wanted}
    for name in names:
        if normalize(name) in keys:
            return name
    return None


def is_xlsx(filename: str) -> bool:
    return str(filename).lower().endswith((".xlsx", ".xlsm"))


def read_table(path_or_bytes, *, filename: str | None = None, sheet=None) -> Table:
    """Read a CSV file or one sheet of an ``.xlsx`` workbook.

    ``path_or_bytes`` is a path or the file's bytes; ``filename`` names the
    file in messages and decides the format (``.xlsx`` or CSV). ``sheet`` is a
    sheet name or a list of acceptable names (matched case-insensitively);
    ``None`` takes the first sheet. Raises :class:`ReadError` (Dutch) when
    the file cannot be read.
    """
    if isinstance(path_or_bytes, (str, Path)):
        path = Path(path_or_bytes)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(filename, f"kan het bestand niet openen ({exc.strerror})") from exc
    else:
        data = bytes(path_or_bytes)
        filename = filename or "bestand"
    if not is_xlsx(filename):
        return read_csv(data, filename)
    wb = _open_workbook(data, filename)
    try:
        names = wb.sheetnames
        if sheet is None:
            name = names[0] if names else None
        else:
            name = find_sheet(names, sheet)
        if name is None:
            options = [sheet] if isinstance(sheet, str) else list(sheet)
            wanted = " of ".join(f"'{s}'" for s in options)
            raise ReadError(filename, f"geen werkblad {wanted} gevonden (wel: "
                            f"{', '.join(names) or 'geen bladen'})")
        return _sheet_table(wb[name], filename)
    finally:
        wb.close()
