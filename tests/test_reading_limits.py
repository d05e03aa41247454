"""Reading is bounded: file size, rows, columns, cells, workbook damage, encodings.

Each limit of :mod:`coalition_map.limits` is tested by lowering it
(monkeypatch) or by an input just over it; each damaged workbook gets a
Dutch :class:`ReadError`, never another exception. Time bounds here are
generous hang detectors, not speed claims (those are in benchmarks/).
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from coalition_map import limits
from coalition_map.reading import ReadError, read_table, read_workbook, sheet_names

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
STYLES_PERCENT = (f'<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" '
                  'formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
                  '<xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>'
                  '</styleSheet>')


def raw_xlsx(sheet_data: str, *, shared: list[str] | None = None, styles: str | None = None,
             before: str = "", name: str = "partners", prolog: str = "") -> bytes:
    """A minimal workbook with one sheet whose ``<sheetData>`` content is given as XML."""
    rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>']
    parts = {
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       'relationships"><Relationship Id="rId1" Type="http://schemas.'
                       'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {NS} {REL_NS}><sheets><sheet name="{name}" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>',
        "xl/worksheets/sheet1.xml": f"{prolog}<worksheet {NS}>{before}<sheetData>{sheet_data}"
                                    "</sheetData></worksheet>",
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = f'<sst {NS}>' + "".join(
            f"<si><t>{s}</t></si>" for s in shared) + "</sst>"
        rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    if styles is not None:
        parts["xl/styles.xml"] = styles
        rels.append('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    parts["xl/_rels/workbook.xml.rels"] = ('<Relationships xmlns="http://schemas.openxmlformats.'
                                           'org/package/2006/relationships">' + "".join(rels)
                                           + "</Relationships>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in parts.items():
            z.writestr(path, text)
    return buffer.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = f'<row r="1">{inline("A1", "id")}{inline("B1", "name")}</row>'


def read_error(data: bytes, filename: str = "kaart.xlsx") -> ReadError:
    with pytest.raises(ReadError) as info:
        read_table(data, filename=filename)
    return info.value


# --- workbooks: values --------------------------------------------------------------------


def test_values_shared_inline_numbers_dates_booleans_and_percentages():
    data = raw_xlsx(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
        '<c r="F1" t="s"><v>5</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" s="1"><v>0.482</v></c>'
        '<c r="C3" s="2"><v>45717</v></c><c r="D3" t="b"><v>1</v></c>'
        '<c r="E3" s="3"><v>0.1234</v></c><c r="F3"><v>12400</v></c></row>',
        shared=["id", "pct", "datum", "actief", "pct2", "inwoners", "WK01"],
        styles=STYLES_PERCENT)
    t = read_table(data, filename="wijken.xlsx")
    assert t.header == ["id", "pct", "datum", "actief", "pct2", "inwoners"]
    # Excel's 48,2% is stored as 0.482: read as the percentage Excel shows.
    assert list(t) == [(3, ["WK01", "48.2%", "2025-03-01", "ja", "12.34%", "12400"])]


def test_percent_cell_loads_as_percentage_not_fraction(tmp_path):
    from coalition_map.loading import load_folder
    from helpers_io import MINIMAL, write_files
    files = dict(MINIMAL)
    del files["wijken.csv"]
    files["wijken.xlsx"] = raw_xlsx(
        f'<row r="1">{inline("A1", "code")}{inline("B1", "name")}{inline("C1", "pct_lonely")}'
        f'</row><row r="2">{inline("A2", "WK01")}{inline("B2", "Noord")}'
        '<c r="C2" s="1"><v>0.482</v></c></row>'
        f'<row r="3">{inline("A3", "WK02")}{inline("B3", "Zuid")}<c r="C3"><v>12.5</v></c></row>',
        styles=STYLES_PERCENT, name="wijken")
    result = load_folder(write_files(tmp_path, files))
    assert result.ok, result.problems
    assert [w.pct_lonely for w in result.coalition.wijken] == [48.2, 12.5]


# --- workbooks: limits and damage -----------------------------------------------------------


def test_declared_dimension_is_ignored_and_a_row_at_excels_last_row_is_fine():
    data = raw_xlsx(HEADER + f'<row r="1048576">{inline("A1048576", "P01")}'
                    f'{inline("B1048576", "x")}</row>',
                    before='<dimension ref="A1:XFD1048576"/>')
    start = time.perf_counter()
    t = read_table(data, filename="kaart.xlsx")
    assert time.perf_counter() - start < 10      # a hang detector, not a speed claim
    assert list(t) == [(1048576, ["P01", "x"])]


@pytest.mark.parametrize("row", ["99999999999", "1048577", "0", "-5", "abc"])
def test_row_number_beyond_excel_is_refused_at_once(row):
    data = raw_xlsx(HEADER + f'<row r="{row}"><c r="A1"><v>1</v></c></row>')
    start = time.perf_counter()
    error = read_error(data)
    assert time.perf_counter() - start < 10
    assert "ongeldig rijnummer" in error.message and "1.048.576" in error.message
    assert str(error).startswith("kaart.xlsx, blad 'partners'")


def test_rows_out_of_order_are_refused():
    data = raw_xlsx(HEADER + f'<row r="5">{inline("A5", "a")}</row>'
                    f'<row r="3">{inline("A3", "b")}</row>')
    assert "rij 3 staat dubbel of niet op volgorde" in read_error(data).message


def test_row_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    rows = "".join(f'<row r="{i}">{inline(f"A{i}", f"P{i}")}</row>' for i in range(2, 6))
    assert read_table(raw_xlsx(HEADER + rows[:rows.index('<row r="5"')]),
                      filename="k.xlsx").row_numbers == [2, 3, 4]
    error = read_error(raw_xlsx(HEADER + rows))
    assert "meer dan 3 rijen met gegevens; dat is de grens" in error.message
    assert error.row == 5


def test_empty_rows_do_not_count_against_the_row_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    rows = "".join(f'<row r="{i}"/>' for i in range(2, 500))
    t = read_table(raw_xlsx(HEADER + rows + f'<row r="600">{inline("A600", "P")}</row>'),
                   filename="k.xlsx")
    assert t.row_numbers == [600]


def test_column_limit_names_the_cell(monkeypatch):
    assert "voorbij kolom 200 (GR)" in read_error(raw_xlsx(
        HEADER + f'<row r="2">{inline("XFD2", "ver weg")}</row>')).message
    # An empty (styled) cell far to the right is no problem.
    t = read_table(raw_xlsx(HEADER + f'<row r="2">{inline("A2", "P01")}<c r="XFD2" s="0"/>'
                            '</row>'), filename="k.xlsx")
    assert t.rows == [["P01"]]


def test_cell_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 5)
    rows = "".join(f'<row r="{i}">{inline(f"A{i}", "a")}{inline(f"B{i}", "b")}</row>'
                   for i in range(2, 5))
    assert "meer dan 5 gevulde cellen" in read_error(raw_xlsx(HEADER + rows)).message


def test_unpacked_size_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 2000)
    rows = "".join(f'<row r="{i}">{inline(f"A{i}", "x" * 50)}</row>' for i in range(2, 100))
    error = read_error(raw_xlsx(HEADER + rows))
    assert "uitgepakt groter dan" in error.message and "grens" in error.message


def test_file_size_is_checked_before_reading(monkeypatch, tmp_path):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    path = tmp_path / "partners.csv"
    path.write_bytes(b"id,name\n" + b"P01,x\n" * 50)
    with pytest.raises(ReadError, match=r"het bestand is 1 KB; de grens is 1 KB per bestand"):
        read_table(path)
    with pytest.raises(ReadError, match="de grens is"):
        read_table(path.read_bytes(), filename="partners.csv")
    big_book = raw_xlsx(HEADER)
    with pytest.raises(ReadError, match="de grens is"):
        sheet_names(big_book, filename="k.xlsx")


def test_cell_longer_than_the_cell_limit_is_cut_at_the_limit_plus_one():
    data = raw_xlsx(HEADER + f'<row r="2">{inline("A2", "P01")}'
                    f'{inline("B2", "x" * (limits.MAX_CELL_CHARS + 500))}</row>')
    (row,) = read_table(data, filename="k.xlsx").rows
    assert len(row[1]) == limits.MAX_CELL_CHARS + 1   # validation reports "te lang"


@pytest.mark.parametrize("sheet_data,expected", [
    (HEADER + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>', "gedeelde tekst nr. '7'"),
    (HEADER + '<row r="2"><c r="A2" t="s"><v>abc</v></c></row>', "gedeelde tekst nr. 'abc'"),
    (HEADER + '<row r="2"><c r="ZZZZ2"><v>1</v></c></row>', "ongeldige celverwijzing 'ZZZZ2'"),
    (HEADER + '<row r="2"><c r="XFE2"><v>1</v></c></row>', "ongeldige celverwijzing 'XFE2'"),
    (HEADER + '<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>1</v></c></row>',
     "cel A2 staat dubbel of niet op volgorde"),
    (HEADER + '<row r="2"><c r="A2"><v>1</v></row>', "geen geldige XML"),
])
def test_damaged_sheets_give_dutch_messages(sheet_data, expected):
    assert expected in read_error(raw_xlsx(sheet_data, shared=["a"])).message


def test_entities_and_doctype_are_refused():
    laughs = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">'
                        for i in range(9)) + "]>")
    data = raw_xlsx(HEADER + f'<row r="2">{inline("A2", "&j;")}</row>', prolog=laughs)
    start = time.perf_counter()
    assert "DTD" in read_error(data).message
    assert time.perf_counter() - start < 10
    external = '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    assert "DTD" in read_error(raw_xlsx(HEADER, prolog=external)).message


@pytest.mark.parametrize("data,expected", [
    (b"dit is geen zip", "geen leesbaar Excel-bestand"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "ouder Excel-bestand (.xls)"),
    (b"", "geen leesbaar Excel-bestand"),
])
def test_not_a_workbook(data, expected):
    assert expected in read_error(data).message


def test_truncated_and_bit_flipped_workbooks_give_read_errors_only():
    import random
    data = raw_xlsx(HEADER + "".join(f'<row r="{i}">{inline(f"A{i}", f"P{i}")}'
                                     f'{inline(f"B{i}", "naam")}</row>' for i in range(2, 40)))
    rng = random.Random(7)
    for i in range(200):
        broken = bytearray(data)
        if i % 2:
            broken = broken[:rng.randrange(len(broken))]
        else:
            for _ in range(rng.choice((1, 3, 8))):
                broken[rng.randrange(len(broken))] ^= 1 << rng.randrange(8)
        try:
            read_workbook(bytes(broken), filename="k.xlsx")
        except ReadError as exc:
            assert exc.message and "k.xlsx" in str(exc)


def test_missing_workbook_parts():
    data = raw_xlsx(HEADER)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
    error = read_error(buffer.getvalue())
    assert "gegevens van dit blad ontbreekt" in error.message and "blad 'partners'" in str(error)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_row_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    assert len(read_table(b"id\n1\n2\n", filename="p.csv")) == 2
    with pytest.raises(ReadError) as info:
        read_table(b"id\n1\n\n2\n3\n", filename="p.csv")
    assert info.value.row == 5 and "meer dan 2 rijen met gegevens" in info.value.message


def test_csv_column_and_cell_limits(monkeypatch):
    monkeypatch.setattr(limits, "MAX_COLUMNS", 3)
    assert read_table(b"a,b,c,,,\n1,2,3,,,\n", filename="p.csv").rows == [["1", "2", "3"]]
    with pytest.raises(ReadError, match="voorbij kolom 3") as info:
        read_table(b"a,b,c\n1,2,3\n1,2,3,4\n", filename="p.csv")
    assert info.value.row == 3
    monkeypatch.setattr(limits, "MAX_COLUMNS", 200)
    monkeypatch.setattr(limits, "MAX_CELLS", 4)
    with pytest.raises(ReadError, match="meer dan 4 cellen"):
        read_table(b"a,b\n1,2\n3,4\n", filename="p.csv")


def test_csv_cell_over_the_csv_modules_limit_names_the_row():
    import csv
    # The csv module's limit is process-wide (frictionless raises it): at the
    # default a huge cell stops reading, above it validation refuses the cell.
    old = csv.field_size_limit(131072)
    try:
        with pytest.raises(ReadError) as info:
            read_table(b'id,name\nP01,x\nP02,"' + b"y" * 200_000 + b'"\n', filename="p.csv")
    finally:
        csv.field_size_limit(old)
    assert info.value.row == 3 and "langer dan 131.072" in info.value.message


def test_csv_cell_over_the_cell_limit_is_refused_by_validation():
    import csv

    from coalition_map.validation import parse_file
    old = csv.field_size_limit(10 ** 7)        # as frictionless sets it
    try:
        table = read_table(b'id,name,sector\nP01,"' + b"y" * 200_000 + b'",ggd\n',
                           filename="partners.csv")
    finally:
        csv.field_size_limit(old)
    (error,) = parse_file("partners", table).problems
    assert (error.row, error.column) == (2, "name") and "de grens is 32.767" in error.message


def test_nul_bytes_are_refused_with_the_row():
    with pytest.raises(ReadError) as info:
        read_table(b'id,name\nP01,"a\nb"\nP02,a\x00b\n', filename="p.csv")
    assert info.value.row == 3 and "NUL" in info.value.message


def test_utf16_without_bom_is_read():
    t = read_table("id\tnaam\r\nP01\tCafé\r\n".encode("utf-16-le"), filename="p.csv")
    assert t.encoding == "utf-16-le" and t.rows == [["P01", "Café"]]


def test_mixed_encodings_are_read_line_by_line_with_a_warning_naming_the_rows():
    data = ("id,naam\nP01,Café\n".encode() + 'P02,"Cafë\nHoek"\n'.encode("cp1252")
            + "P03,Ça\n".encode())
    t = read_table(data, filename="p.csv")
    assert t.encoding == "utf-8+cp1252"
    assert t.rows == [["P01", "Café"], ["P02", "Cafë\nHoek"], ["P03", "Ça"]]
    ((row, note),) = t.notes
    assert "rij 3 in Windows-1252" in note


def test_a_line_in_no_known_encoding_is_refused_with_its_row():
    with pytest.raises(ReadError) as info:
        read_table(b'id,naam\nP01,"a\nb"\nP02,\x81\xe9\n', filename="p.csv")
    assert info.value.row == 3 and "byte 81" in info.value.message


def test_sheet_limit(monkeypatch):
    from helpers_io import xlsx_bytes
    data = xlsx_bytes({"a": [["id"]], "b": [["id"]], "c": [["id"]]})
    assert sheet_names(data, filename="k.xlsx") == ["a", "b", "c"]
    monkeypatch.setattr(limits, "MAX_SHEETS", 2)
    assert "meer dan 2 bladen; dat is de grens" in read_error(data).message
