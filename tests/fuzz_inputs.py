"""Seeded malformed inputs for the fuzz test: mutations of the example data in ``data/``.

:func:`cases` gives a reproducible list of :class:`Case` objects, each a data
folder (CSV files, sometimes one kind as ``.xlsx``) or one ``.xlsx`` workbook,
made by mutating the bundled example coalition: bit flips, truncations, long
digit runs, huge numbers, control characters and NUL bytes, other and mixed
encodings, over-long cells, absurd workbook dimensions and row numbers, bad
cell references, broken shared strings, garbage and entity-laden sheet XML.
The same seed gives the same cases (``random.Random(seed)``, no hash order).

Used by ``tests/test_fuzz_inputs.py``; the categories follow the tester's of
issue 16 so that a rerun of them is the same list.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

#: Categories of CSV-folder mutations and of workbook mutations.
CSV_CATEGORIES = ("bitflip", "truncate", "long_digits", "huge_number", "control_chars", "nul",
                  "encoding", "long_cell", "payload")
XLSX_CATEGORIES = ("xlsx_bitflip", "xlsx_truncate", "xlsx_garbage_xml", "xlsx_shared_strings",
                   "xlsx_bad_refs", "xlsx_dimensions", "xlsx_numbers", "xlsx_entities",
                   "xlsx_in_folder")


@dataclass
class Case:
    """One malformed input: ``files`` (relative path -> bytes) written into a folder;
    ``data`` is what ``--data`` names inside it (``"."`` for the folder itself)."""

    name: str
    category: str
    files: dict
    data: str = "."

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in self.files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return folder / self.data if self.data != "." else folder


def base_files() -> dict[str, bytes]:
    """The example coalition's CSV files as bytes, by file name (sorted)."""
    return {p.name: p.read_bytes() for p in sorted(DATA.glob("*.csv"))}


_WORKBOOKS: dict[str, bytes] = {}


def base_workbook(shared: bool = False) -> bytes:
    """The example coalition as one workbook (what ``write_workbook`` writes: inline
    strings); ``shared=True`` moves the text into shared strings, as Excel stores it."""
    key = "shared" if shared else "inline"
    if key not in _WORKBOOKS:
        from coalition_map.loading import load_folder
        from coalition_map.writing import _kinds, objects_of, workbook_bytes
        result = load_folder(DATA)
        sheets = [(fk, objects_of(fk.kind, result.coalition, result.plan)) for fk in _kinds()]
        book = workbook_bytes(sheets)
        _WORKBOOKS[key] = to_shared_strings(book) if shared else book
    return _WORKBOOKS[key]


_INLINE = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>',
                     re.S)


def to_shared_strings(book: bytes) -> bytes:
    """A workbook with its inline strings moved into ``xl/sharedStrings.xml``."""
    names = zipfile.ZipFile(io.BytesIO(book)).namelist()
    strings: dict[str, int] = {}
    changes: dict[str, bytes] = {}

    def shared(m):
        index = strings.setdefault(m.group(3), len(strings))
        return f'<c {m.group(1)}t="s"{m.group(2)}><v>{index}</v></c>'
    for name in names:
        if name.startswith("xl/worksheets/"):
            changes[name] = _INLINE.sub(shared, member(book, name).decode("utf-8")).encode()
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in strings) + "</sst>")
    changes["xl/sharedStrings.xml"] = sst.encode("utf-8")
    rels = member(book, "xl/_rels/workbook.xml.rels").decode("utf-8")
    changes["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", '<Relationship Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml" '
        'Id="rIdSst" /></Relationships>').encode("utf-8")
    types = member(book, "[Content_Types].xml").decode("utf-8")
    changes["[Content_Types].xml"] = types.replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ).encode("utf-8")
    return rezip(book, changes)


def single_kind_workbook(kind: str) -> bytes:
    """One kind's example data as a workbook with one sheet named after the kind."""
    from coalition_map.loading import load_folder
    from coalition_map.writing import objects_of, workbook_bytes
    from coalition_map.schema import FILES
    result = load_folder(DATA)
    return workbook_bytes([(FILES[kind], objects_of(kind, result.coalition, result.plan))])


# --- helpers ----------------------------------------------------------------------


def flip_bits(data: bytes, rng: random.Random, n: int) -> bytes:
    out = bytearray(data)
    for _ in range(n):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def rezip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The zip ``data`` with some members replaced (or removed with None)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in changes:
                if changes[info.filename] is not None:
                    dst.writestr(info.filename, changes[info.filename])
            else:
                dst.writestr(info.filename, src.read(info.filename))
        for name, content in changes.items():
            if name not in src.namelist() and content is not None:
                dst.writestr(name, content)
    return buffer.getvalue()


def member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def replace_one(xml: str, pattern: str, group: int, value: str, rng: random.Random) -> str:
    """``xml`` with ``group`` of one random match of ``pattern`` replaced by ``value``."""
    matches = list(re.finditer(pattern, xml))
    if not matches:
        return xml
    m = rng.choice(matches)
    return xml[:m.start(group)] + value + xml[m.end(group):]


def _csv_lines(text: str) -> list[str]:
    return text.split("\r\n") if "\r\n" in text else text.split("\n")


def replace_cell(text: str, rng: random.Random, value: str, columns=None) -> str:
    """Replace one cell of a random data row (in ``columns`` if given) by ``value``."""
    import csv
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) < 2:
        return text
    header = rows[0]
    choices = [i for i, h in enumerate(header) if columns is None or h in columns]
    if not choices:
        return text
    r = rng.randrange(1, len(rows))
    c = rng.choice(choices)
    while len(rows[r]) <= c:
        rows[r].append("")
    rows[r][c] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


NUMERIC_COLUMNS = ("inhabitants", "inhabitants_65plus", "pct_lonely", "pct_severely_lonely",
                   "year", "capacity", "budget", "number", "step", "checked")
TEXT_COLUMNS = ("name", "description", "notes", "title", "expertise", "source", "text",
                "contact_person", "id", "code")

HUGE_NUMBERS = ("1e308", "-1e308", "1e309", "inf", "-inf", "nan", "NaN", "Infinity",
                str(2 ** 31), str(2 ** 31 - 1), str(-2 ** 31 - 1), str(2 ** 63), str(2 ** 64),
                "9" * 4301, "9" * 4300, "1" * 20000, "1" * 20000 + ",5", "1." * 5000,
                "1.000.000.000.000.000.000", "0," + "0" * 5000 + "1", "1e-400", "-0",
                "1e2147483648", "12" + " " * 10000 + "3", "€ 1e308", "99999999999%")
CONTROL_CHARS = [chr(c) for c in range(0x20) if c not in (9, 10, 13)] + \
    ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\u200b"]
PAYLOADS = ("![x](http://evil.invalid/x.png)", "<img src=x onerror=alert(1)>",
            "javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", " JaVaScRiPt:alert(1)", "=HYPERLINK(\"http://x\")",
            "**vet** _schuin_ [link](http://evil.invalid)", "{{7*7}}", "'; DROP TABLE partners;--",
            "\\\" } ]]></x>", "http://ok.example/pad?q=1", "www.bieb.example")


def _pick(files: dict, rng: random.Random) -> str:
    return rng.choice(sorted(files))


# --- CSV folder cases -----------------------------------------------------------------


def _csv_case(category: str, rng: random.Random, index: int) -> Case:
    files = base_files()
    name = _pick(files, rng)
    data = files[name]
    text = data.decode("utf-8")
    label = f"{category}/{name}/{index}"
    if category == "bitflip":
        files[name] = flip_bits(data, rng, rng.choice((1, 1, 2, 4, 8, 32)))
    elif category == "truncate":
        files[name] = data[:rng.randrange(len(data))]
    elif category == "long_digits":
        digits = rng.choice((4299, 4300, 4301, 5000, 20000, 50000))
        value = rng.choice(("1" * digits, "1" * digits + ",5", "1" * digits + "x",
                            "-" + "9" * digits, "0," + "1" * digits))
        # Half of them in a number column (where parsing was quadratic), half anywhere.
        files[name] = replace_cell(text, rng, value, rng.choice((None, NUMERIC_COLUMNS))
                                   ).encode("utf-8")
    elif category == "huge_number":
        files[name] = replace_cell(text, rng, rng.choice(HUGE_NUMBERS),
                                   NUMERIC_COLUMNS).encode("utf-8")
    elif category == "control_chars":
        ch = rng.choice(CONTROL_CHARS)
        value = rng.choice(("Naam", "P01", "WK999901", "ja", "12")) 
        pos = rng.randrange(len(value) + 1)
        files[name] = replace_cell(text, rng, value[:pos] + ch + value[pos:],
                                   rng.choice((None, TEXT_COLUMNS))).encode("utf-8")
    elif category == "nul":
        out = bytearray(data)
        for _ in range(rng.choice((1, 3, 50))):
            out.insert(rng.randrange(len(out) + 1), 0)
        files[name] = bytes(out)
    elif category == "encoding":
        how = rng.choice(("cp1252", "utf-16", "utf-16-le", "utf-16-be", "latin-1-bom", "mixed",
                          "mixed-reverse", "invalid-utf8", "utf-32", "mac-roman", "double-utf8"))
        accented = text.replace("Voorbeeldstad", "Vóórbeeldstad—café")
        if how == "cp1252":
            files[name] = accented.encode("cp1252", "replace")
        elif how == "utf-16":
            files[name] = accented.encode("utf-16")
        elif how == "utf-16-le":
            files[name] = accented.encode("utf-16-le")
        elif how == "utf-16-be":
            files[name] = accented.encode("utf-16-be")
        elif how == "latin-1-bom":
            files[name] = b"\xef\xbb\xbf" + accented.encode("latin-1", "replace")
        elif how in ("mixed", "mixed-reverse"):
            lines = _csv_lines(accented)
            cut = rng.randrange(1, max(2, len(lines)))
            first, second = ("utf-8", "cp1252") if how == "mixed" else ("cp1252", "utf-8")
            files[name] = ("\r\n".join(lines[:cut]) + "\r\n").encode(first, "replace") + \
                "\r\n".join(lines[cut:]).encode(second, "replace")
        elif how == "invalid-utf8":
            out = bytearray(accented.encode("utf-8"))
            out.insert(rng.randrange(len(out)), rng.choice((0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xc0,
                                                            0xff)))
            files[name] = bytes(out)
        elif how == "utf-32":
            files[name] = accented.encode("utf-32")
        elif how == "mac-roman":
            files[name] = accented.encode("mac-roman", "replace")
        else:
            files[name] = accented.encode("utf-8").decode("latin-1").encode("utf-8")
        label = f"{category}-{how}/{name}/{index}"
    elif category == "long_cell":
        size = rng.choice((32767, 32768, 100000, 200000))
        files[name] = replace_cell(text, rng, "x" * size).encode("utf-8")
    elif category == "payload":
        files[name] = replace_cell(text, rng, rng.choice(PAYLOADS),
                                   rng.choice((None, ("website",), TEXT_COLUMNS))
                                   ).encode("utf-8")
    else:  # pragma: no cover
        raise ValueError(category)
    return Case(label, category, files)


# --- workbook cases -------------------------------------------------------------------

SHEET = "xl/worksheets/sheet{}.xml"


def _sheet_number(rng: random.Random) -> int:
    return rng.randrange(1, 10)


def _xlsx_case(category: str, rng: random.Random, index: int) -> Case:
    shared = rng.random() < 0.5
    book = base_workbook(shared)
    n = _sheet_number(rng)
    sheet = SHEET.format(n)
    label = f"{category}/{'shared' if shared else 'inline'}/sheet{n}/{index}"
    if category == "xlsx_bitflip":
        # Flip bits in the compressed bytes, or (more often readable) in one part's XML.
        if rng.random() < 0.5:
            book = flip_bits(book, rng, rng.choice((1, 2, 8)))
        else:
            part = rng.choice((sheet, "xl/workbook.xml", "xl/styles.xml",
                               "xl/_rels/workbook.xml.rels",
                               "xl/sharedStrings.xml" if shared else sheet))
            book = rezip(book, {part: flip_bits(member(book, part), rng, rng.choice((1, 4)))})
            label += f"/{part}"
    elif category == "xlsx_truncate":
        if rng.random() < 0.5:
            book = book[:rng.randrange(len(book))]
        else:
            xml = member(book, sheet)
            book = rezip(book, {sheet: xml[:rng.randrange(len(xml))]})
    elif category == "xlsx_garbage_xml":
        garbage = rng.choice((b"", b"garbage", bytes(rng.randrange(256) for _ in range(500)),
                              b"<worksheet><sheetData><row><c><v>1</v></row></sheetData>",
                              b"<?xml version='1.0'?><a>" * 50,
                              b"<worksheet xmlns='http://schemas.openxmlformats.org/"
                              b"spreadsheetml/2006/main'><sheetData><row r='1'><c r='A1' "
                              b"t='s'><v>0</v></c></row></sheetData></worksheet>",
                              "<x>\u00e9</x>".encode("utf-16")))
        part = rng.choice((sheet, sheet, "xl/workbook.xml", "xl/styles.xml",
                           "xl/_rels/workbook.xml.rels", "[Content_Types].xml"))
        book = rezip(book, {part: garbage})
        label += f"/{part}"
    elif category == "xlsx_shared_strings":
        if not shared:
            book = base_workbook(True)
        xml = member(book, sheet).decode("utf-8")
        how = rng.choice(("index", "negative", "text", "missing", "garbage", "empty", "huge"))
        if how in ("index", "negative", "text", "huge"):
            value = {"index": "99999", "negative": "-1", "text": "abc",
                     "huge": "9" * 5000}[how]
            xml = re.sub(r'(t="s"[^>]*><v>)\d+(</v>)', lambda m: m.group(1) + value + m.group(2),
                         xml, count=rng.randrange(1, 4))
            book = rezip(book, {sheet: xml.encode("utf-8")})
        elif how == "missing":
            book = rezip(book, {"xl/sharedStrings.xml": None})
        elif how == "garbage":
            book = rezip(book, {"xl/sharedStrings.xml": b"<sst><si><t>a</t></si><si><t>"})
        else:
            book = rezip(book, {"xl/sharedStrings.xml": b"<sst xmlns='http://schemas."
                                b"openxmlformats.org/spreadsheetml/2006/main'/>"})
        label = f"{category}-{how}/sheet{n}/{index}"
    elif category == "xlsx_bad_refs":
        xml = member(book, sheet).decode("utf-8")
        bad = rng.choice(("ZZZZ1", "A0", "1", "", "A-1", "XFE1", "A99999999999", "a1", "XFD1",
                          "A1048577", "ÄA1", "A" * 1000 + "1"))
        xml = replace_one(xml, r'<c r="([A-Z]+\d+)"', 1, bad, rng)
        book = rezip(book, {sheet: xml.encode("utf-8")})
        label = f"{category}-{bad[:12]}/sheet{n}/{index}"
    elif category == "xlsx_dimensions":
        xml = member(book, sheet).decode("utf-8")
        how = rng.choice(("dimension", "row_1048576", "row_huge", "row_zero", "row_text",
                          "row_negative", "rows_backwards", "far_cell"))
        if how == "dimension":
            ref = rng.choice(("A1:XFD1048576", "A1:A99999999999", "A1:ZZZZZZ9", "garbage"))
            if "<dimension" in xml:
                xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
            else:
                xml = xml.replace("<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>', 1)
        elif how in ("row_1048576", "row_huge", "row_zero", "row_text", "row_negative"):
            r = {"row_1048576": "1048576", "row_huge": "99999999999", "row_zero": "0",
                 "row_text": "abc", "row_negative": "-5"}[how]
            last = list(re.finditer(r'<row r="(\d+)"', xml))
            if last:
                m = last[-1]
                old = m.group(1)
                end = xml.index("</row>", m.end())
                row = xml[m.start():end].replace(f'r="{old}"', f'r="{r}"', 1)
                row = re.sub(r'r="([A-Z]+)' + old + '"', lambda mm: f'r="{mm.group(1)}{r}"', row)
                xml = xml[:m.start()] + row + xml[end:]
        elif how == "rows_backwards":
            xml = xml.replace('<row r="2"', '<row r="900"', 1)
        else:
            xml = xml.replace("</row>", '<c r="XFD1" t="inlineStr"><is><t>ver weg</t></is></c>'
                              "</row>", 1)
        book = rezip(book, {sheet: xml.encode("utf-8")})
        label = f"{category}-{how}/sheet{n}/{index}"
    elif category == "xlsx_numbers":
        xml = member(book, sheet).decode("utf-8")
        value = rng.choice(("1e308", "-1e308", "1e309", "nan", "inf", "-inf", "NaN",
                            "1" * 20000, "9" * 4301, "2147483648", "0x10", "", " 12 ", "1,5",
                            "1e-400", "12abc"))
        xml = replace_one(xml, r'<c r="[A-Z]+\d+"( s="\d+")? t="n"><v>([^<]*)</v>', 2, value,
                          rng)
        book = rezip(book, {sheet: xml.encode("utf-8")})
        label = f"{category}-{value[:10]}/sheet{n}/{index}"
    elif category == "xlsx_entities":
        xml = member(book, sheet).decode("utf-8")
        how = rng.choice(("laughs", "external", "doctype"))
        if how == "laughs":
            dtd = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
                   + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">'
                             for i in range(9)) + "]>")
            xml = dtd + xml.replace("<t>", "<t>&j;", 1)
        elif how == "external":
            xml = ('<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   + xml.replace("<t>", "<t>&x;", 1))
        else:
            xml = '<!DOCTYPE worksheet>' + xml
        book = rezip(book, {sheet: xml.encode("utf-8")})
        label = f"{category}-{how}/sheet{n}/{index}"
    elif category == "xlsx_in_folder":
        files = base_files()
        kind = rng.choice(("wijken", "partners", "offers", "referrals", "actions"))
        del files[f"{kind}.csv"]
        wb = single_kind_workbook(kind)
        how = rng.choice(("bitflip", "truncate", "dimension", "numbers"))
        if how == "bitflip":
            wb = flip_bits(wb, rng, rng.choice((1, 4)))
        elif how == "truncate":
            wb = wb[:rng.randrange(len(wb))]
        elif how == "dimension":
            xml = member(wb, "xl/worksheets/sheet1.xml").decode("utf-8")
            xml = xml.replace('<row r="2"', '<row r="99999999999"', 1)
            wb = rezip(wb, {"xl/worksheets/sheet1.xml": xml.encode("utf-8")})
        else:
            xml = member(wb, "xl/worksheets/sheet1.xml").decode("utf-8")
            xml = re.sub(r"<v>[^<]*</v>", "<v>" + "1" * 20000 + "</v>", xml, count=1)
            wb = rezip(wb, {"xl/worksheets/sheet1.xml": xml.encode("utf-8")})
        files[f"{kind}.xlsx"] = wb
        return Case(f"{category}-{how}/{kind}/{index}", category, files)
    else:  # pragma: no cover
        raise ValueError(category)
    return Case(label, category, {"kaart.xlsx": book}, data="kaart.xlsx")


def cases(seed: int = 16, per_category: int = 10, categories=None) -> list[Case]:
    """``per_category`` cases of every category (or of ``categories``), reproducibly."""
    rng = random.Random(seed)
    out = []
    for category in categories or (*CSV_CATEGORIES, *XLSX_CATEGORIES):
        for i in range(per_category):
            maker = _xlsx_case if category.startswith("xlsx") else _csv_case
            out.append(maker(category, random.Random(rng.random()), i))
    return out


def many_rows_workbook(rows: int = 1_000_000) -> bytes:
    """A workbook whose partners sheet has ``rows`` data rows (the tester's 11.6 MB case)."""
    head = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>name</t></is></c>'
            '<c r="C1" t="inlineStr"><is><t>sector</t></is></c></row>')
    body = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>P{i}</t></is></c>'
                   f'<c r="B{i}" t="inlineStr"><is><t>Partner {i}</t></is></c>'
                   f'<c r="C{i}" t="inlineStr"><is><t>wijkteam</t></is></c></row>'
                   for i in range(2, rows + 2))
    xml = (head + body + "</sheetData></worksheet>").encode("utf-8")
    book = single_kind_workbook("partners")
    return rezip(book, {"xl/worksheets/sheet1.xml": xml})


def absurd_row_workbook() -> bytes:
    """The tester's 29 KB workbook: a row numbered far beyond Excel's last row."""
    book = single_kind_workbook("partners")
    xml = member(book, "xl/worksheets/sheet1.xml").decode("utf-8")
    xml = xml.replace("</sheetData>", '<row r="99999999999"><c r="A99999999999" t="n"><v>1</v>'
                      "</c></row></sheetData>")
    xml = xml.replace("<sheetViews>", '<dimension ref="A1:XFD1048576"/><sheetViews>', 1)
    return rezip(book, {"xl/worksheets/sheet1.xml": xml.encode("utf-8")})
