"""Loading a whole coalition: a folder of files or one workbook.

:func:`load_folder` reads every exchange file of a folder (``partners.csv``
or ``partners.xlsx``, ...), :func:`load_workbook` every sheet of one
``.xlsx`` workbook; both return a :class:`LoadResult` with the coalition,
the plan and all problems. Import is all-or-nothing: when there is any
error, the result holds an empty coalition and plan, and
:attr:`LoadResult.ok` is False. The store applies only an ``ok`` result.

:func:`load_upload` parses one uploaded file for the app's upload preview;
:func:`format_report` writes the Dutch report the ``validate`` command
prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .reading import (ReadError, find_sheet, is_xlsx, read_table, read_workbook,
                      sheet_names)
from .schema import COALITION_KINDS, FILES, PLAN_KINDS, FileKind
from .validation import (ERROR, WARNING, ParsedFile, Problem, check_references, parse_file,
                         sort_problems)
from .vocab import normalize

#: A workbook sheet with this name holds notes (templates write it); it is not data.
NOTES_SHEET = "toelichting"
_IGNORED_SHEETS = {normalize(NOTES_SHEET), "notes", "uitleg", "lees mij", "readme"}


@dataclass
class LoadResult:
    """What a load gives: the data (only when there are no errors) and every problem."""

    coalition: model.Coalition = field(default_factory=model.Coalition)
    plan: model.Plan = field(default_factory=model.Plan)
    problems: list[Problem] = field(default_factory=list)
    source: str = ""
    files: list[str] = field(default_factory=list)   # files or sheets that were read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not self.errors


# --- assembling ---------------------------------------------------------------


def _file_kinds():
    return [FILES[k] for k in (*COALITION_KINDS, *PLAN_KINDS)]


def _single(parsed: dict[str, ParsedFile], kind: str, default):
    pf = parsed.get(kind)
    return pf.objects[0] if pf is not None and pf.objects else default


def _assemble(parsed: dict[str, ParsedFile], extra: list[Problem], source: str,
              files: list[str]) -> LoadResult:
    problems = list(extra)
    for pf in parsed.values():
        problems.extend(pf.problems)
    problems.extend(check_references(parsed))
    problems = sort_problems(problems, [pf.source for pf in parsed.values()])
    result = LoadResult(problems=problems, source=source, files=files)
    if not result.ok:
        return result

    def objects(kind):
        pf = parsed.get(kind)
        return list(pf.objects) if pf is not None else []

    result.coalition = model.Coalition(
        info=_single(parsed, "coalition", model.CoalitionInfo()),
        wijken=objects("wijken"), partners=objects("partners"), offers=objects("offers"),
        referrals=objects("referrals"))
    result.plan = model.Plan(
        steps=sorted(objects("plan_steps"), key=lambda s: s.number),
        choices=_single(parsed, "plan_choices", model.PlanChoices()),
        decisions=objects("decisions"), actions=objects("actions"))
    return result


def _missing(fk: FileKind, parsed: dict[str, ParsedFile], problems: list[Problem],
             name: str, what: str) -> None:
    """Note an absent file or sheet (an error only for required kinds)."""
    pf = ParsedFile(fk, name, present=False)
    parsed[fk.kind] = pf
    if fk.required_file:
        problems.append(Problem(name, None, None, None,
                                f"{what} ontbreekt; dit bestand is verplicht ({fk.label})"))


def _read_problem(exc: ReadError) -> Problem:
    return Problem(exc.filename, exc.row, None, None, exc.message)


def _parse_or_problem(fk: FileKind, read, name: str, parsed, problems) -> None:
    try:
        table = read()
    except ReadError as exc:
        problems.append(_read_problem(exc))
        parsed[fk.kind] = ParsedFile(fk, name, present=False)
        return
    parsed[fk.kind] = parse_file(fk, table)


# --- folders -------------------------------------------------------------------


def _candidates(fk: FileKind) -> set[str]:
    """Accepted file stems for a kind: the kind and its Dutch label (normalized)."""
    return {normalize(fk.filename.rsplit(".", 1)[0]), normalize(fk.kind), normalize(fk.label)}


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith((".", "~$"))
                  and p.suffix.lower() in (".csv", ".xlsx"))


def load_folder(path) -> LoadResult:
    """Load every exchange file in a folder.

    Each kind is found as its ``FileKind.filename`` (``partners.csv``), or the
    same name with ``.xlsx`` (first sheet, or the sheet named after the
    kind), case-insensitively; the Dutch label also works (``aanbod.csv``).
    Required files that are missing are errors; plan files may be absent.
    Other CSV/XLSX files give a warning.
    """
    folder = Path(path)
    source = str(folder)
    if not folder.is_dir():
        return LoadResult(problems=[Problem(source, None, None, None,
                                            "deze map bestaat niet")], source=source)
    files = _data_files(folder)
    used: set[Path] = set()
    parsed: dict[str, ParsedFile] = {}
    problems: list[Problem] = []
    read_names: list[str] = []
    for fk in _file_kinds():
        stems = _candidates(fk)
        found = [p for p in files if normalize(p.stem) in stems]
        used.update(found)
        if not found:
            _missing(fk, parsed, problems, fk.filename, f"bestand {fk.filename}")
            continue
        if len(found) > 1:
            names = " en ".join(p.name for p in found)
            problems.append(Problem(found[0].name, None, None, None,
                                    f"er zijn meerdere bestanden voor {fk.label}: {names}; "
                                    "laat er één staan"))
            parsed[fk.kind] = ParsedFile(fk, found[0].name, present=False)
            continue
        file = found[0]
        read_names.append(file.name)
        sheet = None
        if is_xlsx(file.name):
            sheet = _sheet_for(file, fk)
        _parse_or_problem(fk, lambda f=file, s=sheet: read_table(f, filename=f.name, sheet=s),
                          file.name, parsed, problems)
    for p in files:
        if p not in used:
            problems.append(Problem(p.name, None, None, None, "onbekend bestand; het wordt "
                                    "genegeerd (verwacht: " + ", ".join(
                                        fk.filename for fk in _file_kinds()) + ")", WARNING))
    return _assemble(parsed, problems, source, read_names)


def _sheet_for(file: Path, fk: FileKind):
    """In a single-kind workbook: the sheet named after the kind, else the first sheet."""
    try:
        names = sheet_names(file, filename=file.name)
    except ReadError:   # unreadable: read_table reports it in Dutch
        return None
    return find_sheet(names, [fk.sheet_name, fk.label, fk.kind]) or None


# --- workbooks -------------------------------------------------------------------


def load_workbook(path) -> LoadResult:
    """Load a coalition from one ``.xlsx`` workbook with one sheet per file kind.

    A sheet is named after its kind (``partners``, ``offers``, ...) or its
    Dutch label (``Aanbod``), case-insensitively. A sheet named
    ``toelichting`` is ignored; other unknown sheets give a warning.
    """
    path = Path(path)
    source = str(path)
    parsed: dict[str, ParsedFile] = {}
    problems: list[Problem] = []
    try:
        if not path.is_file():
            raise ReadError(path.name, "dit bestand bestaat niet")
        tables = read_workbook(path, filename=path.name)
    except ReadError as exc:
        return LoadResult(problems=[_read_problem(exc)], source=source)
    used: set[str] = set()
    read_names: list[str] = []
    for fk in _file_kinds():
        name = find_sheet(tables, [fk.sheet_name, fk.label, fk.kind])
        if name is None:
            _missing(fk, parsed, problems, path.name,
                     f"werkblad '{fk.sheet_name}'")
            continue
        used.add(name)
        read_names.append(name)
        parsed[fk.kind] = parse_file(fk, tables[name])
    for name in tables:
        if name not in used and normalize(name) not in _IGNORED_SHEETS:
            problems.append(Problem(f"{path.name}, blad '{name}'", None, None, None,
                                    "onbekend werkblad; het wordt genegeerd", WARNING))
    return _assemble(parsed, problems, source, read_names)


def load_path(path) -> LoadResult:
    """:func:`load_folder` for a folder, :func:`load_workbook` for an ``.xlsx`` file."""
    path = Path(path)
    if path.is_dir():
        return load_folder(path)
    if not path.exists():
        return LoadResult(problems=[Problem(str(path), None, None, None,
                                            "deze map of dit bestand bestaat niet")],
                          source=str(path))
    if is_xlsx(path.name):
        return load_workbook(path)
    return LoadResult(problems=[Problem(str(path), None, None, None,
                                        "geef een map met CSV-bestanden of één "
                                        ".xlsx-werkmap op")], source=str(path))


# --- one upload --------------------------------------------------------------------


def load_upload(kind: str, filename: str, data: bytes, *,
                coalition: model.Coalition | None = None) -> tuple[list, list[Problem]]:
    """Parse one uploaded file of the given kind: ``(objects, problems)``.

    For ``.xlsx`` the sheet named after the kind (or its Dutch label) is used,
    otherwise the first sheet. When ``coalition`` is given, references to its
    partners and wijken are checked too (a partners or wijken upload replaces
    those of the coalition).
    """
    fk = FILES[kind]
    problems: list[Problem] = []
    try:
        if is_xlsx(filename):
            names = sheet_names(data, filename=filename)
            name = find_sheet(names, [fk.sheet_name, fk.label, fk.kind]) or next(iter(names))
            table = read_table(data, filename=filename, sheet=name)
        else:
            table = read_table(data, filename=filename)
    except ReadError as exc:
        return [], [_read_problem(exc)]
    except StopIteration:
        return [], [Problem(filename, None, None, None, "de werkmap heeft geen bladen")]
    pf = parse_file(fk, table)
    problems.extend(pf.problems)
    if coalition is not None:
        parsed = {kind: pf}
        for other, objects in (("partners", coalition.partners), ("wijken", coalition.wijken)):
            if other != kind:
                keyname = FILES[other].key[0]
                parsed[other] = ParsedFile(FILES[other], FILES[other].filename,
                                           keys={getattr(o, keyname) for o in objects})
        problems.extend(p for p in check_references(parsed) if p.file == pf.source)
    return pf.objects, sort_problems(problems)


# --- the report ---------------------------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(result: LoadResult) -> str:
    """What was loaded, in counts.

    >>> summary(LoadResult())
    '0 wijken, 0 partners, 0 aanbod, 0 verwijsroutes'
    """
    c = result.coalition
    return (f"{_count(len(c.wijken), 'wijk', 'wijken')}, "
            f"{_count(len(c.partners), 'partner', 'partners')}, "
            f"{len(c.offers)} aanbod, "
            f"{_count(len(c.referrals), 'verwijsroute', 'verwijsroutes')}")


def format_report(result: LoadResult, source: str | None = None) -> str:
    """The Dutch validation report: all problems, numbered and grouped per file.

    >>> print(format_report(LoadResult(source="data")))
    Geen problemen gevonden in data.
    Ingelezen: 0 wijken, 0 partners, 0 aanbod, 0 verwijsroutes.
    """
    source = source or result.source or "de gegevens"
    lines: list[str] = []
    n_err, n_warn = len(result.errors), len(result.warnings)
    if not result.problems:
        lines.append(f"Geen problemen gevonden in {source}.")
    elif not n_err:
        lines.append(f"Geen fouten gevonden in {source}; "
                     f"{_count(n_warn, 'waarschuwing', 'waarschuwingen')}:")
    else:
        lines.append(f"{_count(n_err, 'fout', 'fouten')} en "
                     f"{_count(n_warn, 'waarschuwing', 'waarschuwingen')} in {source}. "
                     "Er is niets ingelezen; verbeter de fouten en probeer het opnieuw.")
    groups: dict[str, list[Problem]] = {}
    for problem in result.problems:
        groups.setdefault(problem.file, []).append(problem)
    number = 0
    for file, problems in groups.items():
        e = sum(p.is_error for p in problems)
        w = len(problems) - e
        counts = ", ".join(x for x in (_count(e, "fout", "fouten") if e else "",
                                       _count(w, "waarschuwing", "waarschuwingen") if w else "")
                           if x)
        lines.append("")
        lines.append(f"{file} ({counts})")
        for problem in problems:
            number += 1
            where = ", ".join(
                x for x in (f"rij {problem.row}" if problem.row is not None else "",
                            f"kolom '{problem.column}'" if problem.column is not None else "",
                            f"waarde '{problem.value}'" if problem.value is not None else "")
                if x)
            label = "waarschuwing: " if not problem.is_error else ""
            lines.append(f"  {number}. {where + ': ' if where else ''}{label}{problem.message}")
    if result.ok:
        if result.problems:
            lines.append("")
        lines.append(f"Ingelezen: {summary(result)}.")
    return "\n".join(lines)
