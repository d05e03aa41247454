"""The real figures per wijk: CBS Kerncijfers wijken en buurten and RIVM loneliness.

Both come as StatLine CSV exports (``;``-separated, quoted, as CBS's open data
portal writes them; ``,`` works too) that a coordinator downloads; the app
never goes online.

- **CBS Kerncijfers wijken en buurten** (e.g. 85984NED, 86165NED): one row
  per gemeente, wijk and buurt; ``WijkenEnBuurten`` holds the code padded
  with spaces (``"WK036301  "``), ``AantalInwoners_5`` and
  ``k_65JaarOfOuder_12`` the figures. The ``_NN`` suffix differs between
  years, so columns are matched on their name stem
  (:func:`column_stem`).
- **RIVM small-area estimates of loneliness** (StatLine 50120NED): rows per
  region × age group (``Leeftijd``: ``80200`` = 65 years and older, the
  adult total otherwise) × margin (``Marges``: ``MW00000`` the estimate,
  ``MOG0095`` / ``MBG0095`` the 95% interval) × period; ``Eenzaam_*`` and
  ``ErnstigZeerErnstigEenzaam_*`` in percent.

``.``, empty, and ``-99997`` (and other negative StatLine codes) mean
unknown. Codes that are not a wijk of the coalition are counted and named,
never imported; a wijk of the coalition missing from the file keeps its
figures. :func:`apply_figures` gives new :class:`~coalition_map.model.Wijk`
objects that go into the store like an import (preview, one changeset,
undo) with the source and year recorded.

>>> column_stem("k_65JaarOfOuder_12"), column_stem("AantalInwoners_5"), column_stem("ID")
('k_65JaarOfOuder', 'AantalInwoners', 'ID')
>>> number(" -99997 "), number("."), number("12.400"), number("48,2")
(None, None, 12400.0, 48.2)
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .limits import MAX_FILE_BYTES, dutch_bytes

#: StatLine's codes for unknown or secret values (negative numbers like -99997).
_UNKNOWN = {"", ".", "x", "-", "?"}


def column_stem(name: str) -> str:
    """A StatLine column name without its ``_NN`` suffix (it shifts between years)."""
    return re.sub(r"_\d+$", "", name.strip())


def number(text) -> float | None:
    """A StatLine cell as a number; None for unknown (``.``, empty, ``-99997``, ...).

    A dot between groups of three digits is a thousands separator
    (``12.400``), a comma a decimal comma.
    """
    t = str(text or "").strip()
    if t in _UNKNOWN:
        return None
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        return None
    return None if value <= -99990 else value


@dataclass
class FigureRow:
    code: str
    values: dict[str, float | None]
    row: int


@dataclass
class FiguresFile:
    """What a StatLine file gave, per wijk code, with the Dutch notes about it."""

    source: str
    year: int | None
    rows: dict[str, dict[str, float | None]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_csv(data: bytes, filename: str):
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{filename}: het bestand is groter dan {dutch_bytes(MAX_FILE_BYTES)}")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError(f"{filename}: het bestand is leeg") from None
    return [h.strip() for h in header], reader


def _columns(header, filename, wanted: dict[str, str]) -> dict[str, int]:
    """Column index per key, matched on the name stem; ValueError naming what is missing."""
    stems = {column_stem(h).lower(): i for i, h in enumerate(header)}
    out, missing = {}, []
    for key, stem in wanted.items():
        if stem.lower() in stems:
            out[key] = stems[stem.lower()]
        else:
            missing.append(stem)
    if missing:
        raise ValueError(f"{filename}: kolom {', '.join(repr(m + '_…') for m in missing)} "
                         f"ontbreekt (gevonden: {', '.join(header[:12])}"
                         f"{', …' if len(header) > 12 else ''}); is dit het juiste "
                         "StatLine-bestand?")
    return out


def _year(text: str) -> int | None:
    m = re.match(r"\s*(\d{4})", text or "")
    return int(m.group(1)) if m else None


def _wijk_rows(reader, header, code_column: int, filename: str, out):
    """(row number, cells, wijk code) of the wijk rows of a StatLine CSV: empty rows
    skipped, a row cut off reported in ``out.errors``, the gemeente's and buurten's
    rows (codes not starting with WK) left out. Shared by the CBS and RIVM readers."""
    for n, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < len(header):
            out.errors.append(f"{filename}, rij {n}: {len(row)} van de {len(header)} kolommen; "
                              "het bestand is misschien afgebroken")
            continue
        code = row[code_column].strip()
        if code.startswith("WK"):
            yield n, row, code


def read_cbs(data: bytes, filename: str, *, year: int | None = None,
             table: str = "") -> FiguresFile:
    """Inhabitants and inhabitants 65+ per wijk from a Kerncijfers wijken en buurten CSV.

    ``year``: the year of the figures when the file has no ``Perioden``
    column (each Kerncijfers table is one year: give it with ``--jaar``).
    """
    out = FiguresFile(source=f"CBS Kerncijfers wijken en buurten{' ' + table if table else ''}",
                      year=year)
    try:
        header, reader = _read_csv(data, filename)
        cols = _columns(header, filename, {"code": "WijkenEnBuurten",
                                           "inhabitants": "AantalInwoners",
                                           "inhabitants_65plus": "k_65JaarOfOuder"})
    except ValueError as exc:
        out.errors.append(str(exc))
        return out
    period = {column_stem(h).lower(): i for i, h in enumerate(header)}.get("perioden")
    years = set()
    for _n, row, code in _wijk_rows(reader, header, cols["code"], filename, out):
        if period is not None:
            years.add(_year(row[period]))
        out.rows[code] = {"inhabitants": number(row[cols["inhabitants"]]),
                          "inhabitants_65plus": number(row[cols["inhabitants_65plus"]])}
    if period is not None and years:
        out.year = max(y for y in years if y) if any(years) else out.year
    if out.year is None and not out.errors:
        out.errors.append(f"{filename}: het jaar van de cijfers staat niet in het bestand "
                          "(geen kolom Perioden); geef het op met --jaar")
    return out


#: 50120NED: age group codes.
AGE_65PLUS = "80200"
#: 50120NED: margin codes: the estimate and its 95% interval.
MARGIN_VALUE, MARGIN_LOW, MARGIN_HIGH = "MW00000", "MOG0095", "MBG0095"


def read_rivm(data: bytes, filename: str, *, age: str = "18+", table: str = "50120NED"
              ) -> FiguresFile:
    """% lonely and % severely lonely per wijk (estimate and 95% interval) from 50120NED.

    ``age``: ``"18+"`` (the adult total: every age code but 65+) or ``"65+"``
    (``80200``). With several periods, the latest is taken.
    """
    out = FiguresFile(source=f"RIVM/CBS gezondheid per wijk ({table}), "
                             f"{'65 jaar en ouder' if age == '65+' else '18 jaar en ouder'}",
                      year=None)
    try:
        header, reader = _read_csv(data, filename)
        cols = _columns(header, filename, {"code": "WijkenEnBuurten", "age": "Leeftijd",
                                           "margin": "Marges", "period": "Perioden",
                                           "lonely": "Eenzaam",
                                           "severe": "ErnstigZeerErnstigEenzaam"})
    except ValueError as exc:
        out.errors.append(str(exc))
        return out
    best: dict[str, tuple[int, dict]] = {}
    for _n, row, code in _wijk_rows(reader, header, cols["code"], filename, out):
        is_65 = row[cols["age"]].strip() == AGE_65PLUS
        if is_65 != (age == "65+"):
            continue
        year = _year(row[cols["period"]]) or 0
        margin = row[cols["margin"]].strip()
        suffix = {MARGIN_VALUE: "", MARGIN_LOW: "_low", MARGIN_HIGH: "_high"}.get(margin)
        if suffix is None:
            continue
        held = best.get(code)
        if held is not None and held[0] > year:
            continue
        if held is None or held[0] < year:
            held = best[code] = (year, {})
        held[1]["pct_lonely" + suffix] = number(row[cols["lonely"]])
        held[1]["pct_severely_lonely" + suffix] = number(row[cols["severe"]])
    out.rows = {code: values for code, (_, values) in best.items()}
    years = {y for y, _ in best.values() if y}
    out.year = max(years) if years else None
    return out


@dataclass
class FigureChanges:
    """The wijken with the file's figures applied, and what happened to each code."""

    wijken: list[model.Wijk]
    updated: list[str]
    unknown_codes: list[str]          # in the file, not a wijk of the coalition
    not_in_file: list[str]            # wijken of the coalition the file does not have
    missing_values: list[tuple[str, str]]   # (wijk code, field) unknown in the file

    def report(self, source: FiguresFile) -> str:
        lines = [f"{source.source}, {source.year or 'jaar onbekend'}: "
                 f"{len(self.updated)} wijken bijgewerkt."]
        if self.unknown_codes:
            lines.append(f"Niet in wijken.csv, niet ingelezen ({len(self.unknown_codes)}): "
                         + ", ".join(self.unknown_codes[:10])
                         + (" …" if len(self.unknown_codes) > 10 else ""))
        if self.not_in_file:
            lines.append("Niet in het bestand, cijfers blijven zoals ze waren: "
                         + ", ".join(self.not_in_file))
        if self.missing_values:
            lines.append("Onbekend in het bestand ('.' of -99997), blijft zoals het was: "
                         + ", ".join(f"{c} {f}" for c, f in self.missing_values))
        return "\n".join(lines)


_INT_FIELDS = {"inhabitants", "inhabitants_65plus"}


def apply_figures(wijken, figures: FiguresFile) -> FigureChanges:
    """New wijken with the known figures of ``figures`` (source and year recorded).

    An unknown value keeps what the wijk had; a code not in the coalition is
    reported, not added.
    """
    known = {w.code for w in wijken}
    out, updated, missing = [], [], []
    for w in wijken:
        values = figures.rows.get(w.code)
        if values is None:
            out.append(w)
            continue
        changes: dict[str, object] = {}
        for name, value in values.items():
            if value is None:
                missing.append((w.code, name))
                continue
            changes[name] = int(round(value)) if name in _INT_FIELDS else value
        if changes:
            changes["source"] = figures.source
            changes["year"] = figures.year
            updated.append(w.code)
        out.append(dataclasses.replace(w, **changes))
    return FigureChanges(out, updated,
                         sorted(c for c in figures.rows if c not in known),
                         [w.code for w in wijken if w.code not in figures.rows], missing)


def read_path(path, kind: str, **kw) -> FiguresFile:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        f = FiguresFile(source=kind, year=None)
        f.errors.append(f"{path.name}: kan het bestand niet lezen ({exc.strerror})")
        return f
    reader = read_cbs if kind == "cbs" else read_rivm
    return reader(data, path.name, **kw)
