"""Reading ``.xlsx`` workbooks with a streaming XML parser and hard limits.

An ``.xlsx`` file is a zip of XML parts. This reader opens the zip, reads the
workbook's sheet list, the number formats and the shared strings, and then
streams one sheet's XML through expat, yielding its rows as lists of text.
It never trusts what the file says about itself: the declared sheet size
(``<dimension>``) is ignored, row numbers only name rows that are really in
the file (a row numbered 99,999,999,999 is refused, not reached by counting),
and every quantity is capped (:mod:`coalition_map.limits`): the bytes read
from the zip, sheets, rows, columns, cells and characters per cell. A DTD
(and so any entity expansion) is refused: Excel never writes one. Reading
therefore takes time in proportion to the capped input, whatever the file
holds.

Any damage (not a zip, a broken XML part, a reference to a shared string
that does not exist, an impossible cell reference) raises
:class:`XlsxError` with a Dutch message; :mod:`coalition_map.reading` adds
the file name.

Cells come out as text, as :func:`coalition_map.reading.cell_text` writes
them: whole numbers without ``.0``, dates (cells with a date format) as
ISO dates, booleans as ja/nee. A number in a percentage format (Excel's
``0%``) comes out as the percentage Excel shows with a ``%`` sign (the
stored 0.482 becomes ``48.2%``), so a percentage column reads 48.2, not
0.482.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import posixpath
import re
import zipfile
import zlib
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from . import limits
from .limits import dutch_bytes, dutch_int, shorten

#: Excel's own sheet size.
EXCEL_MAX_ROW = 1_048_576
EXCEL_MAX_COLUMN = 16_384

_CHUNK = 64 * 1024
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})?$")
_INT_TEXT = re.compile(r"^[+-]?\d+$")
_REL_OFFICE_DOCUMENT = "/officeDocument"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class XlsxError(ValueError):
    """A workbook that cannot be read; ``message`` is Dutch (without the file name).

    ``sheet`` and ``row`` say where, when the damage is in one place.
    """

    def __init__(self, message: str, sheet: str | None = None, row: int | None = None):
        where = ", ".join(x for x in (f"blad '{sheet}'" if sheet else "",
                                      f"rij {row}" if row else "") if x)
        super().__init__(f"{where}: {message}" if where else message)
        self.message = message
        self.sheet = sheet
        self.row = row


def column_index(letters: str) -> int:
    """``A`` -> 1, ``Z`` -> 26, ``AA`` -> 27, ``XFD`` -> 16384.

    >>> column_index("A"), column_index("AA"), column_index("XFD")
    (1, 27, 16384)
    """
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(index: int) -> str:
    """The inverse of :func:`column_index`.

    >>> column_letters(1), column_letters(27), column_letters(16384)
    ('A', 'AA', 'XFD')
    """
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _local(name: str) -> str:
    """The local part of an expat name ``namespace}local``."""
    return name[name.rfind("}") + 1:]


def _attr(attrs: dict, local: str, namespaced: bool = False):
    """An attribute by local name; ``namespaced`` wants a prefixed one (``r:id``)."""
    if not namespaced:
        return attrs.get(local)
    for key, value in attrs.items():
        if "}" in key and _local(key) == local:
            return value
    return None


# --- number formats -------------------------------------------------------------------

DATE, PERCENT = "date", "percent"
_BUILTIN_PERCENT = {9, 10}


def _format_kind(code: str | None) -> str | None:
    """``"date"``, ``"percent"`` or None for a number format code."""
    if not code:
        return None
    from openpyxl.styles.numbers import is_date_format
    # A % outside quotes and brackets makes a percentage format.
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)
    if "%" in bare:
        return PERCENT
    try:
        if is_date_format(code):
            return DATE
    except Exception:  # noqa: BLE001 - a format code we do not understand: a plain number
        return None
    return None


def _builtin_kind(fmt_id: int) -> str | None:
    if fmt_id in _BUILTIN_PERCENT:
        return PERCENT
    if 14 <= fmt_id <= 22 or 45 <= fmt_id <= 47:
        return DATE
    return None


# --- the reader ------------------------------------------------------------------------


class Workbook:
    """An open ``.xlsx``: :attr:`sheetnames` and :meth:`rows` per sheet.

    ``data`` is the file's bytes (already checked against
    :data:`~coalition_map.limits.MAX_FILE_BYTES` by the caller, or here).
    """

    def __init__(self, data: bytes):
        if len(data) > limits.MAX_FILE_BYTES:
            raise XlsxError(f"het bestand is {dutch_bytes(len(data))}; de grens is "
                            f"{dutch_bytes(limits.MAX_FILE_BYTES)} per bestand")
        if data.startswith(_OLE_SIGNATURE):
            raise XlsxError("dit is geen .xlsx-werkmap maar een ouder Excel-bestand (.xls) of "
                            "een werkmap met een wachtwoord; sla het in Excel op als "
                            "'Excel-werkmap (.xlsx)' zonder wachtwoord")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                NotImplementedError, RuntimeError, zlib.error, KeyError, IndexError,
                UnicodeDecodeError, OverflowError) as exc:
            raise XlsxError("dit is geen leesbaar Excel-bestand (.xlsx): het is geen "
                            "geldige zip of het is beschadigd") from exc
        if len(infos) > 10_000:
            raise XlsxError("de werkmap bevat te veel onderdelen (meer dan 10.000); "
                            "is dit wel een Excel-werkmap?")
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self._members.setdefault(info.filename.replace("\\", "/").lstrip("/").lower(), info)
        self._budget = limits.MAX_UNPACKED_BYTES
        self._shared: list[str] | None = None
        self._read_workbook()

    # --- parts ----------------------------------------------------------------------

    def _member(self, path: str):
        return self._members.get(path.lstrip("/").lower())

    def _feed(self, path: str, parser, what: str, sheet: str | None = None, after_chunk=None):
        """Stream one part through ``parser`` (expat), counting the unpacked bytes."""
        info = self._member(path)
        if info is None:
            raise XlsxError(f"het onderdeel {what} ontbreekt; de werkmap is beschadigd",
                            sheet)
        if info.flag_bits & 0x1:
            raise XlsxError("de werkmap is versleuteld; sla haar op zonder wachtwoord")
        try:
            with self.zip.open(info) as handle:
                while True:
                    chunk = handle.read(_CHUNK)
                    if not chunk:
                        break
                    self._budget -= len(chunk)
                    if self._budget < 0:
                        raise XlsxError(
                            f"de werkmap is uitgepakt groter dan "
                            f"{dutch_bytes(limits.MAX_UNPACKED_BYTES)}; dat is de grens "
                            "(is het een 'zip-bom', of horen er minder gegevens in?)", sheet)
                    parser.Parse(chunk, False)
                    if after_chunk is not None:
                        yield from after_chunk()
                parser.Parse(b"", True)
                if after_chunk is not None:
                    yield from after_chunk()
        except XlsxError:
            raise
        except expat.ExpatError as exc:
            raise XlsxError(f"het onderdeel {what} is beschadigd (geen geldige XML, regel "
                            f"{exc.lineno})", sheet) from exc
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError,
                NotImplementedError, RuntimeError, OverflowError, UnicodeDecodeError,
                RecursionError, MemoryError) as exc:
            raise XlsxError(f"het onderdeel {what} is beschadigd en kan niet worden "
                            "uitgepakt", sheet) from exc

    def _parse(self, path: str, start, what: str, end=None, text=None,
               sheet: str | None = None) -> None:
        parser = _parser(start, end, text)
        for _ in self._feed(path, parser, what, sheet):
            pass

    # --- workbook, relationships, styles, shared strings --------------------------------

    def _relationships(self, rels_path: str, base_dir: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, resolved part path) of a ``.rels`` part (empty when absent)."""
        if self._member(rels_path) is None:
            return {}
        rels = {}

        def start(name, attrs):
            if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target") or ""
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    path = posixpath.normpath(posixpath.join(base_dir, target))
                rels[attrs.get("Id") or ""] = (attrs.get("Type") or "", path)
        self._parse(rels_path, start, rels_path)
        return rels

    def _read_workbook(self) -> None:
        root = self._relationships("_rels/.rels", "")
        book_path = next((path for kind, path in root.values()
                          if kind.endswith(_REL_OFFICE_DOCUMENT)), "xl/workbook.xml")
        if self._member(book_path) is None:
            raise XlsxError("dit is geen Excel-werkmap (.xlsx): het werkboek ontbreekt")
        base = posixpath.dirname(book_path)
        rels = self._relationships(posixpath.join(base, "_rels",
                                                  posixpath.basename(book_path) + ".rels"), base)
        sheets: list[tuple[str, str | None]] = []
        self.date1904 = False

        def start(name, attrs):
            local = _local(name)
            if local == "sheet":
                if len(sheets) >= limits.MAX_SHEETS:
                    raise XlsxError(f"de werkmap heeft meer dan {limits.MAX_SHEETS} bladen; "
                                    "dat is de grens")
                sheets.append((attrs.get("name") or f"blad {len(sheets) + 1}",
                               _attr(attrs, "id", namespaced=True)))
            elif local == "workbookPr":
                self.date1904 = (attrs.get("date1904") or "").lower() in ("1", "true")
        self._parse(book_path, start, "werkboek (workbook.xml)")
        self._sheet_paths: dict[str, str | None] = {}
        for index, (name, rid) in enumerate(sheets, start=1):
            rel = rels.get(rid or "")
            path = rel[1] if rel else None
            if path is None and self._member(f"{base}/worksheets/sheet{index}.xml"):
                path = f"{base}/worksheets/sheet{index}.xml"
            self._sheet_paths.setdefault(name, path)
        self.sheetnames = list(self._sheet_paths)
        self._shared_path = next((p for k, p in rels.values() if k.endswith("/sharedStrings")),
                                 f"{base}/sharedStrings.xml")
        self._styles_path = next((p for k, p in rels.values() if k.endswith("/styles")),
                                 f"{base}/styles.xml")
        self._formats: list[str | None] | None = None

    def _read_styles(self) -> list[str | None]:
        """Per cell style (``s`` index): ``"date"``, ``"percent"`` or None."""
        if self._formats is not None:
            return self._formats
        codes: dict[int, str] = {}
        xf_ids: list[int] = []
        state = {"cellXfs": False}

        def start(name, attrs):
            local = _local(name)
            if local == "numFmt":
                with contextlib.suppress(ValueError):
                    codes[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode") or ""
            elif local == "cellXfs":
                state["cellXfs"] = True
            elif local == "xf" and state["cellXfs"]:
                try:
                    xf_ids.append(int(attrs.get("numFmtId") or 0))
                except ValueError:
                    xf_ids.append(0)

        def end(name):
            if _local(name) == "cellXfs":
                state["cellXfs"] = False
        if self._member(self._styles_path) is not None:
            self._parse(self._styles_path, start, "opmaak (styles.xml)", end)
        kinds = {}
        for fmt_id in set(xf_ids):
            kinds[fmt_id] = _format_kind(codes[fmt_id]) if fmt_id in codes \
                else _builtin_kind(fmt_id)
        self._formats = [kinds[i] for i in xf_ids]
        return self._formats

    def _read_shared(self) -> list[str]:
        """The shared strings (text cells refer to them by number)."""
        if self._shared is not None:
            return self._shared
        strings: list[str] = []
        parts: list[str] = []
        state = {"si": False, "t": False, "rph": 0, "size": 0}
        cap = limits.MAX_CELL_CHARS + 1

        def start(name, attrs):
            local = _local(name)
            if local == "si":
                state["si"] = True
                parts.clear()
                state["size"] = 0
            elif local == "t" and state["si"] and not state["rph"]:
                state["t"] = True
            elif local == "rPh":
                state["rph"] += 1

        def end(name):
            local = _local(name)
            if local == "si":
                state["si"] = False
                strings.append("".join(parts))
                if len(strings) > limits.MAX_CELLS:
                    raise XlsxError(f"de werkmap heeft meer dan {dutch_int(limits.MAX_CELLS)} "
                                    "teksten; dat is de grens")
            elif local == "t":
                state["t"] = False
            elif local == "rPh":
                state["rph"] -= 1

        def text(data):
            if state["t"] and state["size"] < cap:
                parts.append(data[:cap - state["size"]])
                state["size"] += len(data)
        if self._member(self._shared_path) is not None:
            self._parse(self._shared_path, start, "gedeelde teksten (sharedStrings.xml)", end,
                        text)
        self._shared = strings
        return strings

    # --- a sheet ------------------------------------------------------------------------

    def rows(self, sheet: str):
        """Yield ``(row_number, cells)`` for every non-empty row of ``sheet``.

        ``cells`` is a list of text, one per column up to the last non-empty
        cell of the row. Raises :class:`XlsxError` on damage or over a limit.
        """
        path = self._sheet_paths.get(sheet)
        if path is None:
            raise XlsxError("het blad ontbreekt in de werkmap; de werkmap is beschadigd", sheet)
        shared = self._read_shared()
        formats = self._read_styles()
        reader = _SheetReader(sheet, shared, formats, self.date1904)
        parser = _parser(reader.start, reader.end, reader.text)
        yield from self._feed(path, parser, "met de gegevens van dit blad", sheet, reader.take)

    def close(self) -> None:
        self.zip.close()


def _parser(start, end=None, text=None):
    """An expat parser that refuses any DTD (so no entities, no external references)."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def refuse(*_args):
        raise XlsxError("de werkmap bevat een DTD (<!DOCTYPE>); dat schrijft Excel nooit, "
                        "dus het bestand wordt niet gelezen")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


class _SheetReader:
    """The expat handlers for one sheet: rows of text, with every limit checked."""

    def __init__(self, sheet: str, shared: list[str], formats: list, date1904: bool):
        self.sheet = sheet
        self.shared = shared
        self.formats = formats
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.in_data = False
        self.row = None            # current row number, or None outside a row
        self.last_row = 0
        self.cells: dict[int, str] = {}
        self.col = 0
        self.ref = ""
        self.ctype = "n"
        self.style = None
        self.collect = False       # inside <v> or an inline <t>
        self.in_is = False
        self.rph = 0
        self.parts: list[str] = []
        self.size = 0
        self.value = None
        self.rows_out: list = []
        self.n_cells = 0

    def error(self, message: str):
        raise XlsxError(message, self.sheet, self.row)

    def take(self):
        out, self.rows_out = self.rows_out, []
        return out

    def start(self, name, attrs):
        local = name[name.rfind("}") + 1:]
        if local == "c":
            if self.row is None:
                return
            ref = attrs.get("r")
            if ref is not None:
                m = _CELL_REF.match(ref)
                col = column_index(m.group(1)) if m else 0
                if not m or col > EXCEL_MAX_COLUMN:
                    self.error(f"ongeldige celverwijzing '{shorten(ref, 20)}'; de werkmap is "
                               "beschadigd")
            else:
                col = self.col + 1
            if col <= self.col:
                self.error(f"cel {column_letters(col)}{self.row} staat dubbel of niet op "
                           "volgorde; de werkmap is beschadigd")
            self.col = col
            self.ref = ref or f"{column_letters(col)}{self.row}"
            self.ctype = attrs.get("t") or "n"
            self.style = attrs.get("s")
            self.value = None
            self.parts = []
            self.size = 0
        elif local == "v" or (local == "t" and self.in_is and not self.rph):
            if self.row is not None:
                self.collect = True
        elif local == "is":
            self.in_is = True
        elif local == "rPh":
            self.rph += 1
        elif local == "row":
            if not self.in_data:
                return
            r = attrs.get("r")
            if r is None:
                number = self.last_row + 1
            else:
                if not r.isdigit() or len(r) > 7 or not 1 <= int(r) <= EXCEL_MAX_ROW:
                    raise XlsxError(f"ongeldig rijnummer '{shorten(r, 20)}' (Excel telt rijen "
                                    f"1 tot en met {dutch_int(EXCEL_MAX_ROW)}); de werkmap is "
                                    "beschadigd", self.sheet)
                number = int(r)
            if number <= self.last_row:
                raise XlsxError(f"rij {number} staat dubbel of niet op volgorde; de werkmap is "
                                "beschadigd", self.sheet)
            self.row = number
            self.last_row = number
            self.cells = {}
            self.col = 0
        elif local == "sheetData":
            self.in_data = True

    def text(self, data):
        if self.collect and self.size <= limits.MAX_CELL_CHARS:
            self.parts.append(data[:limits.MAX_CELL_CHARS + 1 - self.size])
            self.size += len(data)

    def end(self, name):
        local = name[name.rfind("}") + 1:]
        if local == "v" or local == "t":
            self.collect = False
        elif local == "is":
            self.in_is = False
        elif local == "rPh":
            self.rph -= 1
        elif local == "c":
            if self.row is None:
                return
            text = self.cell_value("".join(self.parts))
            if text:
                if self.col > limits.MAX_COLUMNS:
                    self.error(f"cel {shorten(self.ref, 20)} ligt voorbij kolom "
                               f"{limits.MAX_COLUMNS} ({column_letters(limits.MAX_COLUMNS)}); "
                               f"dat is de grens. Haal de gegevens rechts daarvan weg")
                self.n_cells += 1
                if self.n_cells > limits.MAX_CELLS:
                    self.error(f"meer dan {dutch_int(limits.MAX_CELLS)} gevulde cellen; dat "
                               "is de grens per blad")
                self.cells[self.col] = text
        elif local == "row":
            if self.row is None:
                return
            if self.cells:
                # The row limit is checked by reading._make_table as the rows come in;
                # rows are handed over per chunk, so reading stops right after it.
                width = max(self.cells)
                row = [""] * width
                for col, text in self.cells.items():
                    row[col - 1] = text
                self.rows_out.append((self.row, row))
            self.row = None
        elif local == "sheetData":
            self.in_data = False

    def cell_value(self, raw: str) -> str:
        t = self.ctype
        if t == "s":
            index = raw.strip()
            if not index.isdigit() or len(index) > 9 or int(index) >= len(self.shared):
                self.error(f"cel {shorten(self.ref, 20)} verwijst naar gedeelde tekst nr. "
                           f"'{shorten(index, 20)}', die niet bestaat (de werkmap heeft er "
                           f"{dutch_int(len(self.shared))}); de werkmap is beschadigd")
            return self.shared[int(index)]
        if t in ("inlineStr", "str", "e"):
            return raw
        if t == "b":
            return {"1": "ja", "0": "nee", "true": "ja", "false": "nee"}.get(raw.strip(), raw)
        if t == "d":
            return _iso_date_text(raw)
        return self.number_text(raw.strip())

    def number_text(self, raw: str) -> str:
        """A number cell as text (see the module doc); unreadable numbers stay as written."""
        if not raw or len(raw) > limits.MAX_NUMBER_CHARS:
            return raw
        kind = None
        if self.style is not None and self.style.isdigit() and len(self.style) < 7:
            index = int(self.style)
            if index < len(self.formats):
                kind = self.formats[index]
        try:
            value = float(raw)
        except ValueError:
            return raw
        if not math.isfinite(value):
            return raw
        if kind == PERCENT:
            try:
                shifted = Decimal(raw).scaleb(2).normalize()
            except InvalidOperation:
                return raw
            return f"{shifted:f}%"
        if kind == DATE:
            from openpyxl.utils.datetime import from_excel
            try:
                return _date_text(from_excel(value, self.epoch))
            except (ValueError, OverflowError, ArithmeticError):
                return raw
        if _INT_TEXT.match(raw):
            return str(int(raw))
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)


def _date_text(value) -> str:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    return value.isoformat()


def _iso_date_text(raw: str) -> str:
    """A ``t="d"`` cell (ISO 8601 text) as :func:`_date_text` writes it."""
    text = raw.strip()
    try:
        return _date_text(dt.datetime.fromisoformat(text.replace("Z", "")))
    except ValueError:
        return text
