"""The data dictionary, generated from the schema and the vocabularies.

``docs/data-dictionary.md`` is the output of :func:`data_dictionary_markdown`
(``coalition-map docs`` rewrites it; a test checks it has not drifted).
Every file, every column: name, Dutch label, type, required, allowed
values, accepted other headers and description; then every closed list
with its codes, labels and accepted aliases.

>>> from coalition_map.schema import FILES
>>> type_label(FILES["wijken"].column("pct_lonely"))
'getal (0 t/m 100)'
>>> allowed_values(FILES["referrals"].column("agreement"), with_labels=False)
'geen, informeel, convenant'
"""

from __future__ import annotations

from pathlib import Path

from .paths import REPO_ROOT
from .schema import FILES, MULTI_SEPARATOR, Column
from .typology import PROFILES
from .validation import ALL_WORDS, STEP_RANGE
from .vocab import Vocabulary, YES_NO

#: Where the generated dictionary lives in the repository.
DOC_PATH = REPO_ROOT / "docs" / "data-dictionary.md"

_TYPE_LABELS = {
    "text": "tekst",
    "int": "geheel getal",
    "float": "getal",
    "bool": "ja/nee",
    "date": "datum",
    "code": "keuze uit een lijst",
    "codes": "meerdere keuzes uit een lijst",
    "texts": "meerdere teksten",
    "ints": "meerdere gehele getallen",
    "wijken": "wijkcodes of 'alle'",
    "profiles": "meerdere profielen",
    "profile": "profiel",
    "ref": "verwijzing",
    "step": "stapnummer",
    "url": "webadres",
}


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")


def type_label(column: Column) -> str:
    """The column's type in Dutch, with its range."""
    label = _TYPE_LABELS[column.type]
    lo, hi = column.minimum, column.maximum
    if column.type == "step":
        lo, hi = STEP_RANGE
    if lo is not None and hi is not None:
        label += f" ({_num(lo)} t/m {_num(hi)})"
    elif lo is not None:
        label += f" (vanaf {_num(lo)})"
    elif hi is not None:
        label += f" (tot en met {_num(hi)})"
    return label


def allowed_values(column: Column, *, with_labels: bool = True) -> str:
    """What a cell of the column may hold, in Dutch (codes, or a short rule)."""
    if column.vocab is not None:
        if with_labels:
            return ", ".join(f"`{t.code}` ({t.label})" if t.label != t.code else f"`{t.code}`"
                             for t in column.vocab)
        return ", ".join(column.vocab.codes)
    if column.type in ("profiles", "profile"):
        if with_labels:
            return ", ".join(f"`{p.code}` ({p.name}/{p.singular})" for p in PROFILES.values())
        return ", ".join(PROFILES)
    if column.type == "wijken":
        return "wijkcodes uit wijken.csv, of " + ", ".join(
            f"`{w}`" if with_labels else w for w in ALL_WORDS)
    if column.type == "ref" and column.ref:
        target = FILES[column.ref]
        return f"{', '.join(target.key)} uit {target.filename}"
    if column.type == "bool":
        return "ja, nee (leeg: standaardwaarde)"
    if column.type == "date":
        return "JJJJ-MM-DD of DD-MM-JJJJ"
    if column.type == "url":
        return "http://… of https://… (of zoals www.voorbeeld.nl)"
    return ""


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _vocabularies() -> list[Vocabulary]:
    seen: dict[str, Vocabulary] = {}
    for fk in FILES.values():
        for column in fk.columns:
            if column.vocab is not None and column.vocab.name not in seen:
                seen[column.vocab.name] = column.vocab
    seen.setdefault(YES_NO.name, YES_NO)
    return list(seen.values())


def data_dictionary_markdown() -> str:
    """The whole data dictionary as Markdown."""
    out: list[str] = []
    add = out.append
    add("# Gegevenswoordenboek")
    add("")
    add("Dit bestand is gegenereerd uit `coalition_map/schema.py` en de keuzelijsten met "
        "`coalition-map docs`. Pas het niet met de hand aan.")
    add("")
    add("## Algemene regels")
    add("")
    add("- Een coalitie is een map met CSV-bestanden (of `.xlsx`-bestanden met dezelfde naam), "
        "of één `.xlsx`-werkmap met een werkblad per bestand (bladnaam = de soort, bijv. "
        "`partners`, of het Nederlandse label, bijv. `Aanbod`).")
    add("- CSV: scheidingsteken `,` of `;`; tekenset UTF-8 (met of zonder BOM) of Windows-1252 "
        "(wat Excel in Nederland opslaat).")
    add("- De eerste regel is de kopregel. Kolomnamen mogen ook als Nederlands label of als "
        "een van de andere kopjes hieronder; hoofdletters en accenten maken niet uit. "
        "Onbekende kolommen geven een waarschuwing en worden genegeerd.")
    add(f"- Meerdere waarden in één cel scheidt u met `{MULTI_SEPARATOR}`; staat er geen "
        f"`{MULTI_SEPARATOR}` in de cel, dan scheiden `;` en `,` de waarden.")
    add("- Getallen: een decimale komma mag (`12,5`); bij gehele getallen mogen punten als "
        "duizendtalscheiding (`12.500`).")
    add("- Datums: `JJJJ-MM-DD` of `DD-MM-JJJJ`.")
    add("- Ja/nee: " + ", ".join(f"`{a}`" for a in ("ja", *YES_NO.get("ja").aliases))
        + " of " + ", ".join(f"`{a}`" for a in ("nee", *YES_NO.get("nee").aliases))
        + "; een lege cel bij `active` betekent ja.")
    add("- Wijken: wijkcodes uit `wijken.csv`, of " + ", ".join(f"`{w}`" for w in ALL_WORDS)
        + " voor de hele gemeente.")
    add("- Keuzelijsten en profielen: de code, het label of een van de andere benamingen "
        "(hoofdletters en accenten maken niet uit); profielen in enkelvoud of meervoud.")
    add("- Een import gaat helemaal of helemaal niet: bij één fout wordt niets ingelezen en "
        "krijgt u alle problemen tegelijk, met bestand, rij (zoals in Excel: de kopregel is "
        "rij 1), kolom en waarde.")
    add("")
    add("## Bestanden")
    add("")
    add("| bestand | werkblad | inhoud | verplicht | sleutel |")
    add("| --- | --- | --- | --- | --- |")
    for fk in FILES.values():
        add(f"| `{fk.filename}` | `{fk.sheet_name}` | {_cell(fk.description)} | "
            f"{'ja' if fk.required_file else 'nee'} | "
            f"{', '.join(f'`{k}`' for k in fk.key) or '(één regel)'} |")
    for fk in FILES.values():
        add("")
        add(f"## {fk.filename}: {fk.label}")
        add("")
        add(_cell(fk.description))
        add("")
        add(f"Verplicht bestand: {'ja' if fk.required_file else 'nee'}. Werkblad: "
            f"`{fk.sheet_name}` of `{fk.label}`. Sleutel: "
            f"{', '.join(f'`{k}`' for k in fk.key) or 'geen (één regel)'}.")
        add("")
        add("| kolom | label | type | verplicht | toegestane waarden | ook als kopje | "
            "omschrijving |")
        add("| --- | --- | --- | --- | --- | --- | --- |")
        for c in fk.columns:
            values = allowed_values(c)
            if c.vocab is not None:
                values = f"zie [{c.vocab.label}](#{_anchor(c.vocab)}): " + values
            aliases = ", ".join(f"`{a}`" for a in c.aliases)
            add(f"| `{c.name}` | {_cell(c.label)} | {_cell(type_label(c))} | "
                f"{'ja' if c.required else 'nee'} | {_cell(values)} | {_cell(aliases)} | "
                f"{_cell(c.description)} |")
    add("")
    add("## Keuzelijsten")
    for vocab in _vocabularies():
        add("")
        add(f"### {vocab.label}")
        add("")
        add("| code | label | ook geaccepteerd | omschrijving |")
        add("| --- | --- | --- | --- |")
        for t in vocab:
            add(f"| `{t.code}` | {_cell(t.label)} | "
                f"{_cell(', '.join(f'`{a}`' for a in t.aliases))} | {_cell(t.description)} |")
    add("")
    add("### profielen")
    add("")
    add("| code | meervoud | enkelvoud | hardnekkigheid | oriëntatie |")
    add("| --- | --- | --- | --- | --- |")
    for p in PROFILES.values():
        add(f"| `{p.code}` | {p.name} | {p.singular} | {p.persistence} | {p.orientation} |")
    add("")
    return "\n".join(out)


def _anchor(vocab: Vocabulary) -> str:
    """GitHub's anchor for a ``### <label>`` heading."""
    import re
    text = vocab.label.lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def write_data_dictionary(path: Path | None = None) -> Path:
    """Write the dictionary to ``docs/data-dictionary.md`` (or ``path``)."""
    path = Path(path or DOC_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data_dictionary_markdown(), encoding="utf-8", newline="\n")
    return path
