"""From tables of text to model objects, with every problem in Dutch.

:func:`parse_table` converts the rows of one file (a
:class:`~coalition_map.reading.Table`) into model objects, column by column
as :mod:`coalition_map.schema` prescribes, and returns a :class:`Problem`
for every cell it cannot use: which file, which row (as Excel numbers it),
which column, which value, and what is wrong. :func:`check_references`
then checks what one file says about another (an offer's partner, a
referral's partners, wijk codes). Nothing stops at the first problem: the
coordinator gets the full list at once.

>>> from coalition_map.reading import Table
>>> t = Table("partners.csv", ["id", "naam", "sector"],
...           [["P01", "Wijkteam Noord", "wijkteam"], ["P02", "Woonstad", "woningcoporatie"]],
...           [2, 3])
>>> objects, problems = parse_table("partners", t)
>>> [p.id for p in objects]
['P01']
>>> print(problems[0])
partners.csv, rij 3, kolom 'sector', waarde 'woningcoporatie': onbekende sector 'woningcoporatie'; bedoelt u 'woningcorporatie'?
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, field

from . import limits, model
from .limits import dutch_int, shorten
from .reading import Table
from .errors import CellError
from .safety import CONTROL_CHARS, check_url, remove_control_chars, restore_cell
from .schema import FILES, MULTI_SEPARATOR, Column, FileKind
from .typology import PROFILES, find_profile, suggest_profile
from .vocab import YES_NO, normalize

ERROR = "fout"
WARNING = "waarschuwing"

#: Cell values in a wijken column that mean "the whole municipality" (model.ALL).
ALL_WORDS = (model.ALL, "alles", "heel de gemeente", "hele gemeente", "de hele gemeente",
             "gemeentebreed", "overal", "*")
_ALL_KEYS = {normalize(w) for w in ALL_WORDS}

#: Steps of the stappenplan are numbered 1..6 (schema type "step").
STEP_RANGE = (1, 6)


@dataclass(frozen=True)
class Problem:
    """One problem in the data, with everything the coordinator needs to find it.

    ``row`` is the Excel row number (header = 1) or None for a problem with
    the whole file; ``column`` is the column name (None for the whole row or
    file); ``severity`` is ``"fout"`` (blocks the import) or ``"waarschuwing"``.

    >>> print(Problem("offers.csv", 14, "partner_id", "P99", "onbekende partner"))
    offers.csv, rij 14, kolom 'partner_id', waarde 'P99': onbekende partner
    >>> print(Problem("wijken.csv", None, None, None, "het bestand ontbreekt"))
    wijken.csv: het bestand ontbreekt
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        """File, row, column and value, without the message."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column is not None:
            parts.append(f"kolom '{self.column}'")
        if self.value is not None:
            parts.append(f"waarde '{self.value}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        prefix = "waarschuwing: " if self.severity == WARNING else ""
        return f"{self.where()}: {prefix}{self.message}"


def sort_problems(problems, sources=()) -> list[Problem]:
    """Problems ordered by file (``sources`` order first, then load order of the kinds)
    and row. Problems of one row keep the order they were found in (schema order).
    """
    order = {name: i for i, name in enumerate(sources)}
    stems = [fk.filename.rsplit(".", 1)[0] for fk in FILES.values()]

    def key(problem: Problem):
        if problem.file in order:
            position = order[problem.file]
        else:
            stem = problem.file.split(",")[0].rsplit(".", 1)[0].lower()
            position = len(order) + (stems.index(stem) if stem in stems else len(stems))
        return (position, problem.row or 0)

    return sorted(problems, key=key)


# --- cell conversion ---------------------------------------------------------


_INT_RE = re.compile(r"^[+-]?\d+$")
_INT_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_INT_SPACES_RE = re.compile(r"^[+-]?\d{1,3}( \d{3})+$")


def _number_text(text: str) -> str:
    """The stripped text of a number cell; CellError when it is too long to be one.

    Checked before any pattern runs, so a cell of 20,000 digits costs no more
    than a short one (and never reaches Python's 4,300-digit limit).
    """
    text = text.strip()
    if len(text) > limits.MAX_NUMBER_CHARS:
        raise CellError(f"geen getal: {dutch_int(len(text))} tekens lang; een getal heeft er "
                        f"hoogstens {limits.MAX_NUMBER_CHARS}")
    return text


def parse_int(text: str) -> int:
    """A whole number; thousands dots are allowed.

    >>> parse_int("12"), parse_int("12.500"), parse_int("-3"), parse_int("12,0")
    (12, 12500, -3, 12)
    >>> parse_int("12,5")
    Traceback (most recent call last):
    ...
    coalition_map.errors.CellError: geen geheel getal
    """
    text = _number_text(text)
    if _INT_RE.match(text):
        return int(text)
    if _INT_THOUSANDS_RE.match(text):
        return int(text.replace(".", ""))
    if _INT_SPACES_RE.match(text):
        return int(text.replace(" ", ""))
    try:
        value = parse_float(text)
    except CellError:
        raise CellError("geen geheel getal") from None
    if value.is_integer():
        return int(value)
    raise CellError("geen geheel getal")


def parse_float(text: str) -> float:
    """A number; a Dutch decimal comma is accepted, as is a trailing ``%``.

    When both ``.`` and ``,`` occur, the last one is the decimal separator.

    >>> parse_float("12,5"), parse_float("12.5"), parse_float("1.234,5"), parse_float("7%")
    (12.5, 12.5, 1234.5, 7.0)
    """
    text = _number_text(text).replace("\u00a0", "").replace(" ", "")
    if text.startswith("€"):
        text = text[1:]
    if text.endswith("%"):
        text = text[:-1]
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    if not re.match(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", text):
        raise CellError("geen getal")
    value = float(text)
    if math.isnan(value) or math.isinf(value):     # "1e999" overflows to inf
        raise CellError("geen getal")
    return value


_DATE_RES = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "y")),
)


def parse_date(text: str) -> dt.date:
    """A date as YYYY-MM-DD or DD-MM-YYYY (also with / or .).

    >>> parse_date("2025-03-01"), parse_date("1-3-2025"), parse_date("01/03/2025")
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 1), datetime.date(2025, 3, 1))
    """
    text = text.strip()
    # Some spreadsheets give a date with a time of midnight.
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for regex, order in _DATE_RES:
        m = regex.match(text)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups())))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                raise CellError("deze datum bestaat niet") from None
    raise CellError("geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ")


def split_multi(text: str) -> list[str]:
    """Split a multi-valued cell: on ``|``, or else on ``;`` or ``,``.

    Empty parts are dropped, so a trailing ``|`` keeps a single value whole.

    >>> split_multi("a | b|c"), split_multi("a; b"), split_multi("a, b"), split_multi("a, b|")
    (['a', 'b', 'c'], ['a', 'b'], ['a', 'b'], ['a, b'])
    """
    if MULTI_SEPARATOR in text:
        parts = text.split(MULTI_SEPARATOR)
    else:
        parts = re.split(r"[;,]", text)
    return [p.strip() for p in parts if p.strip()]


def _unknown(what: str, value: str, suggestion: str | None, options=None) -> CellError:
    message = f"onbekende {what} '{shorten(value)}'"
    if suggestion:
        message += f"; bedoelt u '{suggestion}'?"
    elif options:
        message += "; kies uit: " + ", ".join(options)
    return CellError(message)


def _parse_code(column: Column, text: str) -> str:
    vocab = column.vocab
    assert vocab is not None, f"column {column.name} of type code has no vocabulary"
    term = vocab.find(text)
    if term is None:
        raise _unknown(vocab.label, text, vocab.suggest(text), vocab.codes)
    return term.code


def _parse_profile(text: str) -> str:
    profile = find_profile(text)
    if profile is None:
        raise _unknown("profiel", text, suggest_profile(text), list(PROFILES))
    return profile.code


def _parse_bool(text: str) -> bool:
    term = YES_NO.find(text)
    if term is None:
        raise CellError(f"onbekende waarde '{shorten(text)}'; gebruik ja of nee")
    return term.code == "ja"


def _check_limits(column: Column, value):
    """Whole numbers must fit the database (PostgreSQL ``integer``); other numbers
    :data:`~coalition_map.limits.FLOAT_MAX`."""
    if isinstance(value, int):
        if not limits.INT_MIN <= value <= limits.INT_MAX:
            raise CellError(f"te groot: een geheel getal ligt tussen "
                            f"{dutch_int(limits.INT_MIN)} en {dutch_int(limits.INT_MAX)} "
                            "(de grens van de database)")
    elif abs(value) > limits.FLOAT_MAX:
        raise CellError(f"te groot: een getal ligt tussen -{dutch_int(int(limits.FLOAT_MAX))} "
                        f"en {dutch_int(int(limits.FLOAT_MAX))}")
    return value


def _check_range(column: Column, value):
    _check_limits(column, value)
    lo, hi = column.minimum, column.maximum
    if column.type == "step":
        lo, hi = STEP_RANGE
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        if lo is not None and hi is not None:
            raise CellError(f"moet tussen {_num(lo)} en {_num(hi)} liggen")
        if lo is not None:
            raise CellError(f"mag niet kleiner zijn dan {_num(lo)}")
        raise CellError(f"mag niet groter zijn dan {_num(hi)}")
    return value


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")


_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}$")
_PHONE_CHARS = re.compile(r"^[0-9 +()\-./]+$")


def check_email(text: str) -> str:
    """An e-mail address (returned stripped), else :class:`CellError` in Dutch.

    >>> check_email(" info@wmo.voorbeeld.example ")
    'info@wmo.voorbeeld.example'
    >>> check_email("info at wmo")
    Traceback (most recent call last):
    ...
    coalition_map.errors.CellError: geen e-mailadres: gebruik de vorm naam@organisatie.nl
    """
    text = text.strip()
    if not _EMAIL.match(text):
        raise CellError("geen e-mailadres: gebruik de vorm naam@organisatie.nl")
    return text


def check_phone(text: str) -> str:
    """A phone number: digits with spaces, +, -, /, . or brackets; 3 to 15 digits.

    >>> check_phone("0123-45 60 07"), check_phone("+31 (0)20 123 45 67"), check_phone("112")
    ('0123-45 60 07', '+31 (0)20 123 45 67', '112')
    >>> check_phone("bel maar")
    Traceback (most recent call last):
    ...
    coalition_map.errors.CellError: geen telefoonnummer: gebruik cijfers, eventueel met spaties, +, - of haakjes (bijvoorbeeld 010 123 45 67)
    """
    text = text.strip()
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE_CHARS.match(text) or not 3 <= digits <= 15:
        raise CellError("geen telefoonnummer: gebruik cijfers, eventueel met spaties, +, - of "
                        "haakjes (bijvoorbeeld 010 123 45 67)")
    return text


#: Text columns with a form of their own (contact details), by column name.
CONTACT_CHECKS = {"email": check_email, "phone": check_phone}


def record_errors(kind: str, obj) -> list[str]:
    """Dutch errors about one whole record that no single cell shows.

    >>> from coalition_map.model import Referral
    >>> record_errors("referrals", Referral("P01", "P01"))
    ['Een verwijsroute gaat van de ene partner naar een andere; van en naar zijn hier dezelfde partner.']
    """
    if kind == "referrals" and getattr(obj, "from_partner", None) == getattr(obj, "to_partner", 0):
        return ["Een verwijsroute gaat van de ene partner naar een andere; van en naar zijn hier "
                "dezelfde partner."]
    return []


def past_date_warnings(kind: str, obj, today: dt.date) -> list[str]:
    """Dutch warnings for an end date or a deadline that has already passed
    (the record is saved anyway: an offer may have ended).

    >>> from coalition_map.model import Action
    >>> past_date_warnings("actions", Action("A1", "x", deadline=dt.date(2020, 1, 1)),
    ...                    dt.date(2026, 1, 1))
    ['De deadline (01-01-2020) ligt in het verleden.']
    """
    out = []
    for name, label in (("end_date", "einddatum"), ("deadline", "deadline")):
        value = getattr(obj, name, None)
        if isinstance(value, dt.date) and value < today:
            out.append(f"De {label} ({value:%d-%m-%Y}) ligt in het verleden.")
    return out


def convert_cell(column: Column, text: str):
    """Convert one non-empty cell to the model value for ``column``.

    Raises :class:`CellError` with a Dutch message.

    >>> from coalition_map.schema import FILES
    >>> convert_cell(FILES["offers"].column("profiles"), "Buitenstaander; overlevers")
    ('buitenstaanders', 'overlevers')
    >>> convert_cell(FILES["offers"].column("wijken"), "heel de gemeente")
    ('alle',)
    >>> convert_cell(FILES["wijken"].column("pct_lonely"), "12,5")
    12.5
    """
    kind = column.type
    if kind == "text" and column.name in CONTACT_CHECKS:
        return CONTACT_CHECKS[column.name](text)
    if kind in ("text", "ref"):
        return text
    if kind == "url":
        return check_url(text)
    if kind == "int":
        return _check_range(column, parse_int(text))
    if kind == "float":
        return _check_range(column, parse_float(text))
    if kind == "step":
        try:
            value = parse_int(text)
        except CellError:
            raise CellError("geen stapnummer; gebruik 1 tot en met 6") from None
        return _check_range(column, value)
    if kind == "bool":
        return _parse_bool(text)
    if kind == "date":
        return parse_date(text)
    if kind == "code":
        return _parse_code(column, text)
    if kind == "profile":
        return _parse_profile(text)
    parts = split_multi(text)
    if len(parts) > limits.MAX_MULTI_VALUES:
        raise CellError(f"{dutch_int(len(parts))} waarden in één cel; de grens is "
                        f"{dutch_int(limits.MAX_MULTI_VALUES)}")
    if kind == "wijken":
        long = next((p for p in parts if len(p) > limits.MAX_KEY_CHARS), None)
        if long is not None:
            raise CellError(f"wijkcode '{shorten(long)}' is te lang; een code heeft hoogstens "
                            f"{limits.MAX_KEY_CHARS} tekens")
    if kind == "texts":
        return tuple(parts)
    if kind == "ints":
        values = []
        for part in parts:
            try:
                values.append(_check_range(column, parse_int(part)))
            except CellError as exc:
                raise CellError(f"'{shorten(part)}': {exc.args[0]}") from None
        return tuple(values)
    if kind == "wijken":
        if any(normalize(p) in _ALL_KEYS for p in parts):
            if len(parts) > 1:
                raise CellError("'alle' (hele gemeente) kan niet samen met losse wijken")
            return (model.ALL,)
        return _dedupe(parts)
    if kind == "codes":
        return _convert_each(parts, lambda p: _parse_code(column, p))
    if kind == "profiles":
        return _convert_each(parts, _parse_profile)
    raise AssertionError(f"unknown column type {kind}")  # pragma: no cover


def _convert_each(parts, convert) -> tuple:
    values, messages = [], []
    for part in parts:
        try:
            values.append(convert(part))
        except CellError as exc:
            messages.append(exc.args[0])
    if messages:
        shown = messages[:5]
        if len(messages) > 5:
            shown.append(f"en nog {len(messages) - 5} andere")
        raise CellError("; ".join(shown))
    return _dedupe(values)


def _dedupe(values) -> tuple:
    return tuple(dict.fromkeys(values))


# --- headers -----------------------------------------------------------------


def _header_key(text: str) -> str:
    return normalize(str(text).replace("_", " "))


def header_map(file_kind: FileKind) -> dict[str, Column]:
    """Accepted header (normalized) -> column: names first, then aliases, then labels.

    >>> header_map(FILES["offers"])[_header_key("Uitgevoerd door")].name
    'delivered_by'
    """
    mapping: dict[str, Column] = {}
    for attr in ("name", "aliases", "label"):
        for column in file_kind.columns:
            keys = getattr(column, attr)
            for key in (keys if isinstance(keys, tuple) else (keys,)):
                mapping.setdefault(_header_key(key), column)
    return mapping


# --- one file ------------------------------------------------------------------


@dataclass
class ParsedFile:
    """The outcome of parsing one file: objects with their row numbers, and problems.

    ``keys`` holds the key values of every row that had one, including rows
    that failed, so that references to them are not reported twice.
    """

    file_kind: FileKind
    source: str
    objects: list = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    keys: set = field(default_factory=set)
    present: bool = True


def _resolve_kind(file_kind) -> FileKind:
    if isinstance(file_kind, FileKind):
        return file_kind
    try:
        return FILES[file_kind]
    except KeyError:
        raise KeyError(f"onbekende bestandssoort '{file_kind}'") from None


class _TooManyProblems(Exception):
    """Raised inside :func:`parse_file` when a file has more errors than are reported."""


def _key_columns(fk: FileKind) -> set[str]:
    """Columns holding database keys or references to them (length-limited)."""
    return {c.name for c in fk.columns if c.name in fk.key and c.type == "text"} | \
        {c.name for c in fk.columns if c.type == "ref"}


def parse_file(file_kind, table: Table) -> ParsedFile:
    """Parse one table; see :func:`parse_table`. Also keeps row numbers and keys.

    Every cell is checked against the limits (:mod:`coalition_map.limits`):
    its length, and for ids and references the key length. Invisible control
    characters (other than tab and line breaks) are removed with a warning,
    so they never reach the store or an export. After
    :data:`~coalition_map.limits.MAX_PROBLEMS` errors the file is not checked
    further (the import is refused anyway); further warnings are counted.
    """
    fk = _resolve_kind(file_kind)
    src = table.source
    out = ParsedFile(fk, src)
    problems = out.problems
    counts = {"errors": 0, "warnings_dropped": 0}

    def problem(row, column, value, message, severity=ERROR):
        if value is not None:
            value = shorten(value)
        if severity == ERROR:
            counts["errors"] += 1
            if counts["errors"] > limits.MAX_PROBLEMS:
                raise _TooManyProblems(row)
        elif len(problems) - counts["errors"] >= limits.MAX_PROBLEMS:
            counts["warnings_dropped"] += 1
            return
        problems.append(Problem(src, row, column, value, message, severity))

    for row, message in table.notes:
        problem(row, None, None, message, WARNING)
    try:
        _parse_rows(fk, table, out, problem)
    except _TooManyProblems as stop:
        problems.append(Problem(src, stop.args[0], None, None,
                                f"meer dan {dutch_int(limits.MAX_PROBLEMS)} fouten; het nakijken "
                                "is hier gestopt. Verbeter eerst deze fouten"))
        out.objects.clear()
        out.rows.clear()
    if counts["warnings_dropped"]:
        problems.append(Problem(src, None, None, None,
                                f"en nog {dutch_int(counts['warnings_dropped'])} "
                                "waarschuwingen die niet worden getoond", WARNING))
    return out


def _clean(text: str, row, column, problem) -> str:
    """``text`` without control characters; a warning names what was removed."""
    cleaned, removed = remove_control_chars(text)
    if removed:
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in removed[:3])
        problem(row, column, cleaned, f"onzichtbare stuurtekens ({codes}) verwijderd", WARNING)
    return cleaned


def _parse_rows(fk: FileKind, table: Table, out: ParsedFile, problem) -> None:
    problems = out.problems
    if table.empty:
        # An empty optional file (plan, coalition info) is harmless: only a warning.
        problem(None, None, None, f"het bestand is leeg; verwacht een kopregel met de kolommen "
                f"{', '.join(c.name for c in fk.columns)}",
                ERROR if fk.required_file else WARNING)
        return

    # Headers -> columns.
    mapping = header_map(fk)
    positions: dict[str, int] = {}
    for index, header in enumerate(table.header):
        header = _clean(header, 1, None, problem).strip()
        if not header.strip():
            if any(index < len(r) and r[index].strip() for r in table.rows):
                problem(1, None, None, f"kolom {index + 1} heeft geen kopje; de waarden erin "
                        "worden genegeerd", WARNING)
            continue
        column = mapping.get(_header_key(header))
        if column is None:
            message = f"onbekende kolom '{shorten(header)}' wordt genegeerd"
            near = difflib.get_close_matches(_header_key(header)[:200], list(mapping), n=1,
                                             cutoff=0.8)
            if near:
                message += f"; bedoelt u '{mapping[near[0]].name}'?"
            problem(1, shorten(header), None, message, WARNING)
            continue
        if column.name in positions:
            first = table.header[positions[column.name]]
            problem(1, header, None, f"kolom '{column.name}' staat twee keer in de kopregel "
                    f"(ook als '{first}')")
            continue
        positions[column.name] = index
    missing = [c for c in fk.required_columns if c.name not in positions]
    for column in missing:
        problem(1, column.name, None, f"verplichte kolom '{column.name}' ({column.label}) "
                "ontbreekt")
    # With a broken header the rows are still checked (all problems at once),
    # but no objects are made.
    header_ok = not any(p.is_error for p in problems)

    if not table.rows:
        if fk.required_file:
            problem(None, None, None, "het bestand bevat alleen een kopregel, geen gegevens",
                    WARNING)
        return
    if not fk.key and len(table.rows) > 1:
        problem(table.row_numbers[1], None, None, "dit bestand mag maar één regel met gegevens "
                f"hebben; de regels vanaf rij {table.row_numbers[1]} horen hier niet")
        return

    model_fields = {f.name: f for f in dataclasses.fields(fk.model)}
    # Fields the model has no default for and no column filled: None.
    no_default = [name for name, f in model_fields.items()
                  if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    key_columns = _key_columns(fk)
    seen_keys: dict[tuple, int] = {}
    width = len(table.header)
    # Per present column: (column, position, is a key, conversion cache). Cells
    # repeat a lot (labels, yes/no, dates, wijk lists), and conversion depends on
    # the text alone, so each distinct text is converted once per file.
    # Plain text and references need no conversion (cache None); contact fields do
    # (convert_cell checks e-mail and phone).
    plan: list[tuple[Column, int, bool, dict | None]] = [
            (column, positions[column.name], column.name in key_columns,
             None if column.type in ("text", "ref") and column.name not in CONTACT_CHECKS
             else {})
            for column in fk.columns if column.name in positions]
    max_cell = limits.MAX_CELL_CHARS
    max_key = limits.MAX_KEY_CHARS
    control = CONTROL_CHARS.search
    single_key = fk.key[0] if len(fk.key) == 1 else None
    for number, cells in table:
        row_ok = True
        if len(cells) > width:
            extra = [c for c in cells[width:] if c.strip()]
            if extra:
                problem(number, None, extra[0], "deze rij heeft meer cellen dan de kopregel; "
                        "de waarden rechts van de laatste kolom worden genegeerd", WARNING)
        # Control characters are rare: look for them once per row ("\n" is allowed).
        dirty = control("\n".join(cells)) is not None
        raw: dict[str, str] = {}
        kwargs = {}
        n_cells = len(cells)
        for column, index, is_key, cache in plan:
            text = cells[index] if index < n_cells else ""
            if len(text) > max_cell:
                problem(number, column.name, text, f"de tekst is te lang: "
                        f"{dutch_int(len(text))} tekens; de grens is "
                        f"{dutch_int(max_cell)} tekens per cel (zoals in Excel)")
                row_ok = False
                continue
            if dirty:
                text = _clean(text, number, column.name, problem)
            text = text.strip()
            if text[:1] == "'":
                text = restore_cell(text)
            raw[column.name] = text
            if not text:
                if column.required:
                    problem(number, column.name, "", f"verplichte waarde ({column.label}) "
                            "ontbreekt")
                    row_ok = False
                continue
            if is_key and len(text) > max_key:
                problem(number, column.name, text, f"te lang voor een code: "
                        f"{dutch_int(len(text))} tekens; de grens is {max_key}")
                row_ok = False
                continue
            if cache is None:
                kwargs[column.name] = text
                continue
            hit = cache.get(text)
            if hit is None:
                try:
                    hit = (True, convert_cell(column, text))
                except CellError as exc:
                    hit = (False, exc.args[0])
                if len(cache) < _CACHE_LIMIT:
                    cache[text] = hit
            if hit[0]:
                kwargs[column.name] = hit[1]
            else:
                problem(number, column.name, text, hit[1])
                row_ok = False
        if fk.key:
            # Keys compare converted values where there are any, so "Verwijst" and
            # "verwijzing" (codes) or "1" and "01" (step numbers) are the same key.
            if single_key:
                text = raw.get(single_key)
                key: tuple = (kwargs.get(single_key, text) if text else "",)
            else:
                key = tuple(kwargs.get(k, raw.get(k, "")) if raw.get(k) else "" for k in fk.key)
            if all(v != "" for v in key):
                if key in seen_keys:
                    names = ", ".join(fk.key)
                    value = " | ".join(str(v) for v in key)
                    what = "sleutel" if len(fk.key) > 1 else fk.key[0]
                    problem(number, names, value, f"dubbele {what}: komt al voor in rij "
                            f"{seen_keys[key]}")
                    row_ok = False
                else:
                    seen_keys[key] = number
                if len(key) == 1:
                    out.keys.add(key[0])
        if not row_ok or not header_ok:
            continue
        for name in no_default:
            if name not in kwargs:
                kwargs[name] = None
        out.objects.append(fk.model(**kwargs))
        out.rows.append(number)


#: Distinct texts per column whose conversion is remembered while parsing a file.
_CACHE_LIMIT = 100_000


def parse_table(file_kind, table: Table) -> tuple[list, list[Problem]]:
    """Model objects and problems for one file of the given kind.

    ``file_kind`` is a :class:`~coalition_map.schema.FileKind` or its kind
    (``"partners"``). Rows with an error give no object; all problems of all
    rows are returned. References to other files are not checked here (see
    :func:`check_references`); duplicate keys within the file are.
    """
    parsed = parse_file(file_kind, table)
    return parsed.objects, parsed.problems


# --- across files ------------------------------------------------------------


#: Fuzzy near-miss look-ups (difflib over every key) per column; beyond this
#: budget only case-insensitive matches are suggested, so that a file full of
#: wrong ids still loads in a second or two.
FUZZY_BUDGET = 200


class _Suggester:
    """Near-miss suggestions for unknown ids, computed once per distinct value."""

    def __init__(self, keys):
        self.keys = sorted(str(k) for k in keys)
        self.lowered = {k.lower(): k for k in self.keys}
        self.cache: dict[str, str | None] = {}
        self.budget = FUZZY_BUDGET

    def __call__(self, value: str) -> str | None:
        if value not in self.cache:
            match = self.lowered.get(value.lower())
            if match is None and self.budget > 0:
                self.budget -= 1
                close = difflib.get_close_matches(value, self.keys, n=1, cutoff=0.75)
                match = close[0] if close else None
            self.cache[value] = match
        return self.cache[value]


def _ref_message(what: str, value: str, target: FileKind, suggest: _Suggester) -> str:
    message = f"onbekende {what}: '{value}' staat niet in {target.filename}"
    suggestion = suggest(value)
    if suggestion:
        message += f"; bedoelt u '{suggestion}'?"
    return message


#: Dutch singular nouns for the kinds a column can point at (display words only).
_REF_NOUNS = {"partners": "partner", "wijken": "wijk", "offers": "aanbod"}


def check_references(parsed: dict[str, ParsedFile]) -> list[Problem]:
    """Problems with references between files (``ref`` and ``wijken`` columns).

    ``parsed`` maps file kinds to their :class:`ParsedFile`. References into a
    file that is absent or unreadable are not checked (that file already has
    its own problem).
    """
    problems: list[Problem] = []
    for kind, pf in parsed.items():
        fk = pf.file_kind
        for column in fk.columns:
            if column.type == "ref" and column.ref:
                target_kind = column.ref
            elif column.type == "wijken":
                target_kind = "wijken"
            else:
                continue
            target = parsed.get(target_kind)
            if target is None or not target.present or _broken(target):
                continue
            keys = target.keys
            suggest = _Suggester(keys)
            noun = _REF_NOUNS.get(target_kind, FILES[target_kind].label.lower())
            for obj, row in zip(pf.objects, pf.rows):
                value = getattr(obj, column.name)
                values = value if isinstance(value, tuple) else (value,)
                for v in values:
                    if v in ("", None) or (column.type == "wijken" and v == model.ALL):
                        continue
                    if v not in keys:
                        problems.append(Problem(pf.source, row, column.name, str(v),
                                                _ref_message(noun, str(v), FILES[target_kind],
                                                             suggest)))
        if kind == "referrals":
            for obj, row in zip(pf.objects, pf.rows):
                if obj.from_partner == obj.to_partner:
                    problems.append(Problem(pf.source, row, "to_partner", obj.to_partner,
                                            "partner verwijst naar zichzelf", WARNING))
        if kind == "relationships":
            for obj, row in zip(pf.objects, pf.rows):
                if obj.respondent == obj.partner:
                    problems.append(Problem(pf.source, row, "partner", obj.partner,
                                            "een partner beoordeelt hier zichzelf; vul alleen "
                                            "de andere partners in"))
    return problems


def _broken(pf: ParsedFile) -> bool:
    """True when the file's header could not be used (then its keys are unknown)."""
    return any(p.is_error and (p.row is None or p.row == 1) for p in pf.problems)


def errors(problems) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems) -> list[Problem]:
    return [p for p in problems if not p.is_error]
