"""Writing a coalition and its plan as exchange files.

:func:`write_folder` writes one file per kind (CSV or ``.xlsx``),
:func:`write_workbook` one workbook with a sheet per kind. Headers are the
column names in schema order; multi-valued cells are joined with ``|``, the
whole municipality is ``alle``, booleans ``ja``/``nee``, dates ISO
(YYYY-MM-DD), numbers with a decimal point. Text passes through
:func:`~coalition_map.safety.neutralize_cell`. What is written loads back as
exactly the same objects (see ``tests/test_writing.py``).

One thing cannot travel: a value of a multi-valued text column (such as
``target_groups``) that itself contains ``|`` is read back as two values.

Writing is atomic: files are written to a temporary place next to the
target and then renamed, so a failure never leaves a half-written file.

>>> from coalition_map.model import Partner
>>> rows_for("partners", [Partner("P01", "=Wijkteam", "wijkteam", roles=("signaleren",
...     "toeleiden"))])[0]["name"], rows_for("partners", [Partner("P01", "W", "wijkteam")])[0]["wijken"]
("'=Wijkteam", 'alle')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

from . import model
from .safety import neutralize_cell, xml_text
from .schema import (COALITION_KINDS, FILES, GEO_KINDS, MULTI_SEPARATOR, PLAN_KINDS, Column,
                     FileKind)

#: Sheet with notes per column in templates (ignored by the loader).
NOTES_SHEET = "toelichting"

_TEXTUAL = ("text", "texts", "ref", "url")


def _kind(file_kind) -> FileKind:
    return file_kind if isinstance(file_kind, FileKind) else FILES[file_kind]


def _number(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def format_cell(column: Column, value) -> str:
    """The text written for one value of ``column``.

    >>> from coalition_map.schema import FILES
    >>> format_cell(FILES["offers"].column("target_groups"), ("75+", "mantelzorgers"))
    '75+|mantelzorgers'
    >>> format_cell(FILES["offers"].column("target_groups"), ("ouderen, alleenstaand",))
    'ouderen, alleenstaand|'
    >>> format_cell(FILES["offers"].column("active"), False)
    'nee'
    """
    if value is None:
        return ""
    kind = column.type
    if kind == "bool":
        return "ja" if value else "nee"
    if kind == "date":
        return value.isoformat()
    if kind in ("int", "float", "step"):
        return _number(value)
    if column.multi:
        parts = [_number(v) if kind == "ints" else str(v) for v in value]
        text = MULTI_SEPARATOR.join(parts)
        # A single value with ; or , would be split on reading: a trailing | keeps it whole.
        if len(parts) == 1 and any(sep in parts[0] for sep in ";,"):
            text += MULTI_SEPARATOR
        return neutralize_cell(text) if kind == "texts" else text
    text = str(value)
    return neutralize_cell(text) if kind in _TEXTUAL else text


def rows_for(file_kind, objects) -> list[dict[str, str]]:
    """Rows of text (column name -> cell) for model objects of one kind.

    ``objects`` may be a single object for the one-row kinds (coalition,
    plan_choices).
    """
    fk = _kind(file_kind)
    if not isinstance(objects, (list, tuple)):
        objects = [objects]
    return [{c.name: format_cell(c, getattr(obj, c.name)) for c in fk.columns}
            for obj in objects]


def objects_of(kind: str, coalition: model.Coalition, plan: model.Plan | None) -> list:
    """The objects of one file kind in a coalition and plan.

    One-row kinds give ``[]`` when they hold only defaults (then no file is needed).
    """
    plan = plan or model.Plan()
    if kind == "coalition":
        return [] if coalition.info == model.CoalitionInfo() else [coalition.info]
    if kind == "plan_choices":
        return [] if plan.choices == model.PlanChoices() else [plan.choices]
    if kind == "plan_steps":
        return list(plan.steps)
    if kind in COALITION_KINDS or kind in GEO_KINDS:
        return list(getattr(coalition, kind))
    return list(getattr(plan, kind))


def _kinds() -> list[FileKind]:
    return [FILES[k] for k in (*COALITION_KINDS, *PLAN_KINDS)]


# --- CSV ---------------------------------------------------------------------


def csv_bytes(file_kind, objects, *, bom: bool = False) -> bytes:
    """A CSV file (UTF-8, ``,``, CRLF) with header and one row per object."""
    fk = _kind(file_kind)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in fk.columns])
    for row in rows_for(fk, objects):
        writer.writerow([row[c.name] for c in fk.columns])
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


# --- XLSX --------------------------------------------------------------------


def _xlsx_value(column: Column, value):
    """A cell value for a workbook: numbers and dates stay typed, the rest is text."""
    if value is None:
        return None
    if column.type in ("int", "float", "step") and not isinstance(value, bool):
        return value
    if column.type == "date" and isinstance(value, dt.date):
        return value
    return xml_text(format_cell(column, value)) or None


def _fill_sheet(ws, fk: FileKind, objects) -> None:
    """Fill a write-only sheet: bold header, typed numbers, dates shown as YYYY-MM-DD."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    bold = Font(bold=True)
    ws.freeze_panes = "A2"
    header = []
    for column in fk.columns:
        cell = WriteOnlyCell(ws, value=column.name)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    dates = [c.type == "date" for c in fk.columns]
    for obj in objects:
        row = []
        for column, is_date in zip(fk.columns, dates):
            value = _xlsx_value(column, getattr(obj, column.name))
            if is_date and value is not None:
                value = WriteOnlyCell(ws, value=value)
                value.number_format = "yyyy-mm-dd"
            row.append(value)
        ws.append(row)


def _notes_rows(fk: FileKind):
    from .datadict import allowed_values, type_label
    yield ["kolom", "label", "type", "verplicht", "toegestane waarden", "omschrijving"]
    for c in fk.columns:
        yield [c.name, c.label, type_label(c), "ja" if c.required else "nee",
               allowed_values(c, with_labels=False), c.description]


def workbook_bytes(sheets: list[tuple[FileKind, list]], *, notes: bool = False) -> bytes:
    """An ``.xlsx`` with one sheet per ``(file kind, objects)`` pair (write-only, fast)."""
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    for fk, objects in sheets:
        _fill_sheet(wb.create_sheet(fk.sheet_name), fk, objects)
    if notes:
        ws = wb.create_sheet(NOTES_SHEET)
        for fk, _ in sheets:
            ws.append([f"{fk.label} ({fk.sheet_name})", fk.description])
            for row in _notes_rows(fk):
                ws.append([neutralize_cell(v) for v in row])
            ws.append([])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- atomic files ---------------------------------------------------------------


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_folder(coalition: model.Coalition, plan: model.Plan | None, path, *,
                 fmt: str = "csv") -> Path:
    """Write every file kind into the folder ``path`` (created if needed).

    ``fmt`` is ``"csv"`` or ``"xlsx"`` (one workbook per kind, sheet named
    after the kind). Required kinds are always written (header only when
    empty); optional kinds only when they hold data, and a stale optional
    file from an earlier export is removed. All files are rendered first and
    written to a temporary folder next to ``path``; only then are they moved
    into place. Returns ``path``.
    """
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"onbekend formaat '{fmt}'; kies csv of xlsx")
    folder = Path(path)
    contents: dict[str, bytes] = {}
    obsolete: list[str] = []
    for fk in _kinds():
        objects = objects_of(fk.kind, coalition, plan)
        stem = fk.filename.rsplit(".", 1)[0]
        name = f"{stem}.{fmt}"
        other = f"{stem}.{'xlsx' if fmt == 'csv' else 'csv'}"
        obsolete.append(other)
        if not objects and not fk.required_file:
            obsolete.append(name)
            continue
        contents[name] = (csv_bytes(fk, objects) if fmt == "csv"
                          else workbook_bytes([(fk, objects)]))
    # Wijk boundaries travel as GeoJSON beside the table files (in both formats).
    from .geo import geojson_bytes
    geo_name = FILES["boundaries"].filename
    if coalition.boundaries:
        contents[geo_name] = geojson_bytes(coalition.boundaries, coalition.wijken)
    else:
        obsolete.append(geo_name)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        for name, data in contents.items():
            with open(tmpdir / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        if not folder.exists():
            os.replace(tmpdir, folder)
            return folder
        for name in contents:
            os.replace(tmpdir / name, folder / name)
        for name in obsolete:
            stale = folder / name
            if stale.is_file():
                stale.unlink()
    finally:
        if tmpdir.exists():
            shutil.rmtree(tmpdir, ignore_errors=True)
    return folder


def write_workbook(coalition: model.Coalition, plan: model.Plan | None, path) -> Path:
    """Write one ``.xlsx`` workbook with a sheet per file kind (all kinds, header
    only when empty). Atomic: written to a temporary file, then renamed."""
    path = Path(path)
    sheets = [(fk, objects_of(fk.kind, coalition, plan)) for fk in _kinds()]
    _atomic_write(path, workbook_bytes(sheets))
    return path


# --- templates -------------------------------------------------------------------


def template_bytes(kind: str | None, fmt: str = "csv") -> bytes:
    """An empty template to fill in: the header row (column names in schema order).

    ``fmt="csv"`` gives a UTF-8 CSV with BOM (so Excel shows accents);
    ``fmt="xlsx"`` a workbook with the sheet plus a ``toelichting`` sheet
    explaining every column. ``kind=None`` with ``"xlsx"`` gives a workbook
    with a sheet for every kind.

    >>> template_bytes("referrals", "csv")
    b'\\xef\\xbb\\xbffrom_partner,to_partner,kind,agreement,follow_up\\r\\n'
    """
    if fmt == "csv":
        if kind is None:
            raise ValueError("een CSV-sjabloon is er per bestandssoort; geef de soort op")
        return csv_bytes(kind, [], bom=True)
    if fmt == "xlsx":
        kinds = _kinds() if kind is None else [_kind(kind)]
        return workbook_bytes([(fk, []) for fk in kinds], notes=True)
    raise ValueError(f"onbekend formaat '{fmt}'; kies csv of xlsx")
