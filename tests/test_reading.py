"""Reading CSV (encodings, delimiters) and XLSX into tables."""

import datetime as dt

import pytest

from coalition_map.reading import ReadError, cell_text, read_table, read_workbook
from helpers_io import xlsx_bytes

HEADER_AND_ROW = "id;naam;sector\r\nP01;Café Ëlla;welzijn\r\n"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")])
def test_encodings(encoding, expected):
    t = read_table(HEADER_AND_ROW.encode(encoding), filename="partners.csv")
    assert t.encoding == expected
    assert t.header == ["id", "naam", "sector"]          # no BOM left in the first header
    assert t.rows == [["P01", "Café Ëlla", "welzijn"]]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_delimiters(delimiter):
    text = f'id{delimiter}name{delimiter}roles\nP01{delimiter}"A, B; C"{delimiter}x\n'
    t = read_table(text.encode(), filename="p.csv")
    assert t.delimiter == delimiter
    assert t.rows == [["P01", "A, B; C", "x"]]


def test_semicolon_wins_when_header_has_more_semicolons():
    t = read_table(b'id;"naam, lang";x\n1;2;3\n', filename="p.csv")
    assert t.delimiter == ";"
    assert t.header == ["id", "naam, lang", "x"]


def test_row_numbers_follow_excel_with_blank_lines_and_multiline_cells():
    text = 'id,name\n\nP01,"twee\nregels"\n,\nP02,b\n'
    t = read_table(text.encode(), filename="p.csv")
    # header=1, blank=2, P01=3 (one record over two lines), ","=4 (blank), P02=5
    assert list(t) == [(3, ["P01", "twee\nregels"]), (5, ["P02", "b"])]


def test_trailing_empty_header_cells_dropped():
    t = read_table(b"id;name;;\nP01;a;;\n", filename="p.csv")
    assert t.header == ["id", "name"]


def test_empty_file():
    t = read_table(b"", filename="wijken.csv")
    assert t.empty and t.rows == []
    assert read_table(b"\r\n\r\n", filename="wijken.csv").empty


def test_missing_path_gives_dutch_read_error(tmp_path):
    with pytest.raises(ReadError) as info:
        read_table(tmp_path / "nergens.csv")
    assert info.value.filename == "nergens.csv"
    assert "kan het bestand niet openen" in str(info.value)




def test_xlsx_sheet_by_name_or_label_and_values_as_text():
    data = xlsx_bytes({
        "Partners": [["id", "name"], ["P01", "x"]],
        "Aanbod": [["id", "capacity", "end_date", "pct", "active"],
                   ["A01", 12, dt.datetime(2025, 3, 1), 12.5, True],
                   [None, None, None, None, None],
                   ["A02", 3.0, dt.date(2025, 1, 2), 0.1, False]],
    })
    t = read_table(data, filename="kaart.xlsx", sheet=["offers", "aanbod"])
    assert t.sheet == "Aanbod" and t.source == "kaart.xlsx, blad 'Aanbod'"
    assert list(t) == [(2, ["A01", "12", "2025-03-01", "12.5", "ja"]),
                       (4, ["A02", "3", "2025-01-02", "0.1", "nee"])]
    first = read_table(data, filename="kaart.xlsx")
    assert first.sheet == "Partners"


def test_xlsx_missing_sheet_and_broken_file():
    data = xlsx_bytes({"partners": [["id"]]})
    with pytest.raises(ReadError, match="geen werkblad 'offers' gevonden"):
        read_table(data, filename="kaart.xlsx", sheet="offers")
    with pytest.raises(ReadError, match="geen leesbaar Excel-bestand"):
        read_table(b"dit is geen zip", filename="kaart.xlsx")


def test_read_workbook_all_sheets():
    data = xlsx_bytes({"wijken": [["code"], ["WK01"]], "partners": [["id"]]})
    tables = read_workbook(data, filename="k.xlsx")
    assert list(tables) == ["wijken", "partners"]
    assert tables["wijken"].rows == [["WK01"]]


def test_cell_text():
    assert cell_text(None) == ""
    assert cell_text(12500) == "12500"
    assert cell_text(dt.datetime(2025, 3, 1, 14, 30)) == "2025-03-01 14:30:00"
    assert cell_text("  tekst ") == "  tekst "


def test_excel_unicode_text_utf16_tabs():
    data = "id\tnaam\r\nP01\tCafé\r\n".encode("utf-16")
    t = read_table(data, filename="partners.csv")
    assert (t.encoding, t.delimiter) == ("utf-16", "\t")
    assert t.rows == [["P01", "Café"]]


# --- a file cut off in its last row ----------------------------------------------------

@pytest.mark.parametrize("text,row", [
    ('id;naam;notities\r\nP01;"Café ""De Hoek""";x\r\nP02;Bieb;"Elke dinsdag\r\nmet ko', 3),
    ('id,naam,notities\nP01,Bieb,x\nP02,"Buurthuis', 3),
    ('id,naam,notities\nP01,Bieb,x\nP02,Buurt', 3),
    ('id,naam,notities\nP01,Bi', 2),
])
def test_a_csv_cut_off_in_its_last_row_is_an_error_naming_the_row(text, row):
    with pytest.raises(ReadError) as info:
        read_table(text.encode("cp1252"), filename="partners.csv")
    assert info.value.row == row and info.value.filename == "partners.csv"
    assert "afgebroken" in info.value.message
    assert str(info.value).startswith(f"partners.csv, rij {row}: ")


@pytest.mark.parametrize("text", [
    'id,naam,notities\nP01,"Bieb, Zuid","twee\nregels"\nP02,Buurthuis,x\n',   # complete
    'id,naam,notities\nP01,Bieb,x\nP02,Buurthuis,"met ""quotes"""',           # no final \n
    'id,naam,notities\nP01,Bieb\nP02,Buurthuis\n',       # short rows, but ends with a line
    'id,maat,notities\nP01,5" scherm,x',                 # a quote inside a field
])
def test_complete_files_are_not_mistaken_for_cut_off_ones(text):
    t = read_table(text.encode(), filename="p.csv")      # no ReadError
    assert t.rows[0][0] == "P01" and t.rows[-1][0] in ("P01", "P02")
