"""Reading exchange files into plain tables of text.

:func:`read_table` turns a CSV file or one sheet of an ``.xlsx`` workbook
into a :class:`Table`: the header and the data rows as lists of strings,
each row with the number the coordinator sees in Excel (header = row 1,
first data row = row 2). Nothing is interpreted here; converting cells to
model values is :mod:`coalition_map.validation`'s job.

CSV files may use ``,`` or ``;`` as delimiter (Dutch Excel writes ``;``)
and UTF-8 (with or without BOM), Windows-1252 (what Dutch Excel writes) or
UTF-16 (Excel's "Unicode-tekst"). A file that mixes UTF-8 and Windows-1252
lines (two exports pasted together) is read line by line, each line in its
own encoding, with a warning naming the rows; a line that fits neither, or
a NUL byte, is refused with the row.

Every input is bounded (:mod:`coalition_map.limits`): the file size is
checked before anything is read, and the rows, columns and cells while
reading, so reading takes time in proportion to those limits whatever the
file holds. Workbooks are read by :mod:`coalition_map.xlsx` (a streaming
parser with caps; the declared sheet size is ignored).

>>> t = read_table("id;naam\\r\\nP01;Café de Hoek\\r\\n".encode("cp1252"), filename="p.csv")
>>> t.header, t.rows, t.row_numbers, t.delimiter, t.encoding
(['id', 'naam'], [['P01', 'Café de Hoek']], [2], ';', 'cp1252')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import limits
from .limits import dutch_bytes, dutch_int
from .vocab import normalize

#: Encodings of a CSV file, in the order they are tried (:func:`decode`).
ENCODINGS = ("utf-16", "utf-8-sig", "cp1252")
DELIMITERS = (",", ";", "\t")


class ReadError(ValueError):
    """A file that cannot be read at all; the message is Dutch and names the file.

    ``row`` is the row (Excel numbering) where reading stopped, when known.
    """

    def __init__(self, filename: str, message: str, row: int | None = None):
        where = f"{filename}, rij {row}" if row else filename
        super().__init__(f"{where}: {message}")
        self.filename = filename
        self.message = message
        self.row = row


@dataclass
class Table:
    """The text of one CSV file or one sheet.

    ``rows[i]`` is Excel row ``row_numbers[i]``. Completely empty rows are
    left out (their numbers are skipped). ``header`` is empty for an empty
    file. ``notes`` are ``(row or None, message)`` warnings from reading
    (such as rows read in another encoding).
    """

    filename: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[tuple[int | None, str]] = field(default_factory=list)

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


def _make_table(filename: str, records, texts: bool = False, **kw) -> Table:
    """Build a Table from ``(row_number, cells)`` records: first non-blank one is the header.

    Checks the row, column and cell limits while it goes, so a file over a
    limit is refused as soon as the limit is passed. ``texts``: the cells are
    lists of ``str`` already (as :mod:`csv` gives them).
    """
    table = Table(filename, **kw)
    have_header = False
    cells_seen = 0
    name = table.source
    for number, cells in records:
        if not texts:
            cells = ["" if c is None else str(c) for c in cells]
        if not "".join(cells).strip():      # a blank row: only empty or white cells
            continue
        if len(cells) > limits.MAX_COLUMNS:
            if any(c.strip() for c in cells[limits.MAX_COLUMNS:]):
                raise ReadError(name, f"deze rij heeft gegevens voorbij kolom "
                                f"{limits.MAX_COLUMNS}; dat is de grens. Haal de gegevens "
                                "rechts daarvan weg", number)
            del cells[limits.MAX_COLUMNS:]
        cells_seen += len(cells)
        if cells_seen > limits.MAX_CELLS:
            raise ReadError(name, f"meer dan {dutch_int(limits.MAX_CELLS)} cellen; dat is de "
                            "grens per bestand", number)
        if not have_header:
            # Trailing empty header cells (Excel leaves them) do not count.
            while cells and not cells[-1].strip():
                cells.pop()
            table.header = [c.strip() for c in cells]
            have_header = True
            continue
        if len(table.rows) >= limits.MAX_ROWS:
            raise ReadError(name, f"meer dan {dutch_int(limits.MAX_ROWS)} rijen met gegevens; "
                            "dat is de grens per bestand. Splits de gegevens over meer "
                            "bestanden", number)
        table.rows.append(cells)
        table.row_numbers.append(number)
    return table


def _check_size(size: int, filename: str) -> None:
    if size > limits.MAX_FILE_BYTES:
        raise ReadError(filename, f"het bestand is {dutch_bytes(size)}; de grens is "
                        f"{dutch_bytes(limits.MAX_FILE_BYTES)} per bestand. Splits de "
                        "gegevens over meer bestanden")


# --- CSV -------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the bytes look like UTF-16 text without a BOM."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, filename: str = "bestand") -> tuple[str, str]:
    """Decode file bytes: UTF-16/32 (BOM), UTF-8 (± BOM), Windows-1252, or line by line.

    A file that is neither UTF-8 nor Windows-1252 as a whole is decoded line
    by line (UTF-8 where a line is UTF-8, otherwise Windows-1252): encoding
    ``"utf-8+cp1252"``. Raises :class:`ReadError` for a line that fits no
    encoding, or for NUL bytes in a file that is not UTF-16.

    >>> decode("é".encode("utf-8"))
    ('é', 'utf-8')
    >>> decode("\\ufeffé".encode("utf-8"))
    ('é', 'utf-8-sig')
    >>> decode("é".encode("cp1252"))
    ('é', 'cp1252')
    >>> decode("é".encode("utf-16"))
    ('é', 'utf-16')
    >>> decode("é\\n".encode("utf-8") + "é\\n".encode("cp1252"))
    ('é\\né\\n', 'utf-8+cp1252')
    """
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):       # Excel's "Unicode-tekst" is UTF-16
            try:
                return _no_nul(data.decode(encoding), filename), encoding
            except UnicodeDecodeError:
                raise ReadError(filename, f"het bestand begint als {encoding.upper()}-tekst "
                                "maar is beschadigd; sla het opnieuw op als 'CSV UTF-8'") \
                    from None
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess:
            try:
                return _no_nul(data.decode(guess), filename), guess
            except UnicodeDecodeError:
                pass
        _no_nul(data.decode("latin-1"), filename)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    if _has_utf8_lines(data):
        return _decode_lines(data, filename), "utf-8+cp1252"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return _decode_lines(data, filename), "cp1252"


def _has_utf8_lines(data: bytes) -> bool:
    """True when some line with non-ASCII bytes is valid UTF-8 (so the file mixes encodings)."""
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


def _no_nul(text: str, filename: str) -> str:
    index = text.find("\x00")
    if index >= 0:
        row = _rows_of_lines(text, [text.count("\n", 0, index) + 1])[0]
        raise ReadError(filename, "het bestand bevat NUL-tekens (nul-bytes); dat is geen "
                        "gewone tekst. Is het wel een CSV-bestand? Sla het in Excel opnieuw "
                        "op als 'CSV UTF-8 (door komma's gescheiden)'", row)
    return text


def _decode_lines(data: bytes, filename: str) -> str:
    """UTF-8 where a line is UTF-8, Windows-1252 elsewhere; ReadError for neither."""
    out = []
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    for number, line in enumerate(data[start:].split(b"\n"), start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(line.decode("cp1252"))
            except UnicodeDecodeError as exc:
                byte = line[exc.start:exc.start + 1].hex().upper()
                raise ReadError(filename, f"deze rij bevat een teken (byte {byte}) dat in geen "
                                "bekende tekenset past (UTF-8 of Windows-1252). Sla het bestand "
                                "opnieuw op als 'CSV UTF-8'",
                                _rows_of_lines(data, [number])[0]) from None
    return "\n".join(out)


def _rows_of_lines(data: bytes | str, lines: list[int]) -> list[int]:
    """The row numbers (CSV records, as Excel counts them) of physical lines."""
    # Bytes as latin-1: the same line structure, whatever the encoding.
    text = data.decode("latin-1") if isinstance(data, bytes) else data
    text = text.replace("\x00", " ")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows, wanted = [], sorted(lines)
    number = 0
    try:
        for number, _ in enumerate(reader, start=1):
            while wanted and reader.line_num >= wanted[0]:
                rows.append(number)
                wanted.pop(0)
            if not wanted:
                break
    except csv.Error:
        pass
    return rows + [number + 1] * len(wanted)


def _cp1252_lines(data: bytes) -> list[int]:
    """Physical line numbers (1-based) that are not UTF-8 (for a mixed file)."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    bad = []
    for number, line in enumerate(data[start:].split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
    return bad


def sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab: whichever occurs most (outside quotes) in the header line.

    >>> sniff_delimiter('id;naam;"a,b"\\n')
    ';'
    >>> sniff_delimiter("id,naam\\n")
    ','
    >>> sniff_delimiter("id\\tnaam\\n")
    '\\t'
    """
    line = ""
    for candidate in io.StringIO(text[:1_000_000]):
        if candidate.strip():
            line = candidate
            break
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in line[:100_000]:
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


def _cut_off(filename: str, text: str, delimiter: str, last: int | None,
             table: Table) -> None:
    """Refuse a CSV file that was cut off in its last row (a ReadError naming the row);
    ``last`` is the number of the last record read."""
    if not last:
        return
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


def _csv_records(reader, filename: str, last: list[int] | None = None):
    """``(row_number, cells)`` from a csv reader, with Dutch errors naming the row.

    ``last``, when given, holds the number of the last record read.
    """
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row
        if last is not None and number:
            last[:] = [number]
    except csv.Error as exc:
        text = str(exc)
        if "field larger than field limit" in text:
            message = (f"een cel is langer dan {dutch_int(csv.field_size_limit())} tekens; "
                       "de grens is " f"{dutch_int(limits.MAX_CELL_CHARS)} tekens per cel "
                       "(staat er ergens een aanhalingsteken (\") dat niet wordt "
                       "gesloten?)")
        else:
            message = f"dit is geen leesbaar CSV-bestand ({text})"
        raise ReadError(filename, message, number + 1) from exc


def read_csv(data: bytes, filename: str) -> Table:
    """Read CSV bytes into a Table (encoding and delimiter detected).

    A file cut off in its last row (it ends inside a quoted field, or its
    last row has fewer fields than the header and no line break) is a
    :class:`ReadError` naming the row, never a silently shorter table.
    """
    _check_size(len(data), filename)
    text, encoding = decode(data, filename)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    last: list[int] = []
    table = _make_table(filename, _csv_records(reader, filename, last), texts=True,
                        encoding=encoding, delimiter=delimiter)
    _cut_off(filename, text, delimiter, last[0] if last else None, table)
    if encoding == "utf-8+cp1252":
        rows = sorted(set(_rows_of_lines(data, _cp1252_lines(data))))
        shown = ", ".join(str(n) for n in rows[:10]) + (" …" if len(rows) > 10 else "")
        table.notes.append((None, f"het bestand mengt twee tekensets: "
                            f"{'rij' if len(rows) == 1 else 'rijen'} {shown} in Windows-1252, "
                            "de rest in UTF-8. Elke regel is in zijn eigen tekenset gelezen; "
                            "controleer de letters met accenten en sla het bestand bij voorkeur "
                            "op als 'CSV UTF-8'"))
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


def _read_bytes(source, filename: str) -> bytes:
    """The bytes of a path (size checked before reading) or of bytes given."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            _check_size(os.stat(path).st_size, filename)
            with open(path, "rb") as handle:
                data = handle.read(limits.MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise ReadError(filename, f"kan het bestand niet openen ({exc.strerror})") from exc
    else:
        data = bytes(source)
    _check_size(len(data), filename)
    return data


def open_workbook(source, filename: str):
    """An :class:`coalition_map.xlsx.Workbook` for a path or bytes; ReadError in Dutch."""
    from .xlsx import Workbook, XlsxError
    data = _read_bytes(source, filename)
    try:
        return Workbook(data)
    except XlsxError as exc:
        raise ReadError(filename, exc.message) from exc


def _sheet_table(wb, name: str, filename: str) -> Table:
    from .xlsx import XlsxError
    try:
        return _make_table(filename, wb.rows(name), sheet=name)
    except XlsxError as exc:
        raise ReadError(f"{filename}, blad '{name}'", exc.message, exc.row) from exc


def sheet_names(source, *, filename: str) -> list[str]:
    """The sheet names of a workbook, in order (ReadError when it cannot be read)."""
    wb = open_workbook(source, filename)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_workbook(source, *, filename: str) -> dict[str, Table]:
    """Every sheet of an ``.xlsx`` workbook as a Table, by sheet name (in order)."""
    wb = open_workbook(source, filename)
    try:
        return {name: _sheet_table(wb, name, filename) for name in wb.sheetnames}
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
    the file cannot be read or is over a limit (:mod:`coalition_map.limits`).
    """
    if isinstance(path_or_bytes, (str, Path)):
        filename = filename or Path(path_or_bytes).name
    else:
        filename = filename or "bestand"
    data = _read_bytes(path_or_bytes, filename)
    if not is_xlsx(filename):
        return read_csv(data, filename)
    wb = open_workbook(data, filename)
    try:
        names = wb.sheetnames
        if sheet is None:
            name = names[0] if names else None
        else:
            name = find_sheet(names, sheet)
        if name is None:
            if sheet is None:
                raise ReadError(filename, "de werkmap heeft geen bladen")
            options = [sheet] if isinstance(sheet, str) else list(sheet)
            wanted = " of ".join(f"'{s}'" for s in options)
            raise ReadError(filename, f"geen werkblad {wanted} gevonden (wel: "
                            f"{', '.join(names) or 'geen bladen'})")
        return _sheet_table(wb, name, filename)
    finally:
        wb.close()
