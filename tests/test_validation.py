"""Converting rows to model objects, and every kind of problem in Dutch."""

import datetime as dt

import pytest

from coalition_map import model
from coalition_map.validation import (ERROR, WARNING, CellError, Problem, parse_date,
                                      parse_float, parse_int, parse_table, split_multi)
from helpers_io import table

PARTNERS_HEAD = "id,name,sector\n"
OFFERS_HEAD = "id,partner_id,name,kind,delivered_by,profiles\n"


def only(problems, severity=ERROR) -> Problem:
    """The single problem of the given severity."""
    found = [p for p in problems if p.severity == severity]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


# --- the happy path ------------------------------------------------------------


def test_partner_row_with_defaults_and_aliases():
    t = table("ID,Naam,Sector,Ketenrollen,Werkgebied,Actief\n"
              "P01,Wijkteam,Sociaal Wijkteam,Signalering | toeleiding,WK01|WK02,\n")
    objects, problems = parse_table("partners", t)
    assert problems == []
    assert objects == [model.Partner("P01", "Wijkteam", "wijkteam",
                                     ("signaleren", "toeleiden"), ("WK01", "WK02"))]
    assert objects[0].active is True            # empty active means true


def test_headers_match_case_accents_underscores_and_labels():
    t = table("Code,NAAM,Inwoners 65+,% Eenzaam,end date\nWK01,Noord,3.100,\"12,5\",\n",
              "wijken.csv")
    objects, problems = parse_table("wijken", t)
    assert [p.message for p in problems] == ["onbekende kolom 'end date' wordt genegeerd"]
    assert objects == [model.Wijk("WK01", "Noord", inhabitants_65plus=3100, pct_lonely=12.5)]


def test_profile_name_variants():
    t = table(OFFERS_HEAD + "A01,P01,x,ontmoeting,professional,"
              "\"Buitenstaander; OVERLEVERS, actieve\"\n"
              "A02,P01,y,ontmoeting,professional,geborgene|Hoopvollen|hoopvolle\n", "offers.csv")
    objects, problems = parse_table("offers", t)
    assert problems == []
    assert objects[0].profiles == ("buitenstaanders", "overlevers", "actieven")
    assert objects[1].profiles == ("geborgenen", "hoopvollen")   # duplicate dropped


def test_quoted_multi_cell_with_semicolons_in_comma_file():
    t = table("id,name,sector,roles\nP01,x,welzijn,\"signaleren; aanbieden\"\n")
    objects, problems = parse_table("partners", t)
    assert problems == []
    assert objects[0].roles == ("signaleren", "aanbieden")


def test_wijken_all_words():
    rows = "".join(f"P0{i},x,welzijn,{word}\n"
                   for i, word in enumerate(["alle", "Heel de gemeente", "*", "ALLE"]))
    objects, problems = parse_table("partners", table("id,name,sector,wijken\n" + rows))
    assert problems == []
    assert all(p.wijken == (model.ALL,) for p in objects)


def test_text_cells_are_restored():
    t = table("id,name,sector,phone\nP01,'=SOM(A1),welzijn,'+31 20 1\n")
    objects, _ = parse_table("partners", t)
    assert objects[0].name == "=SOM(A1)"
    assert objects[0].phone == "+31 20 1"


def test_bool_variants():
    t = table("id,name,sector,active\nP1,a,welzijn,Nee\nP2,b,welzijn,JA\nP3,c,welzijn,0\n"
              "P4,d,welzijn,x\n")
    objects, problems = parse_table("partners", t)
    assert problems == []
    assert [p.active for p in objects] == [False, True, False, True]


def test_model_fields_without_default_become_none():
    t = table("id,text\nB01,Besloten\n", "decisions.csv")
    objects, problems = parse_table("decisions", t)
    assert problems == []
    assert objects == [model.Decision("B01", None, None, "Besloten")]


def test_numbers_dutch_style():
    assert parse_float("12,5") == 12.5
    assert parse_float(" 1.234,56 ") == 1234.56
    assert parse_int("12.500") == 12500
    assert parse_int("12 500") == 12500
    for bad in ("12,5", "1.2.3", "twaalf", "1.50"):
        with pytest.raises(CellError):
            parse_int(bad)
    for bad in ("abc", "1,2,3", "", "nan", "inf", "1e999"):
        with pytest.raises(CellError):
            parse_float(bad)


def test_dates():
    assert parse_date("2025-03-01") == dt.date(2025, 3, 1)
    assert parse_date("01-03-2025") == dt.date(2025, 3, 1)
    assert parse_date("2025-03-01 00:00:00") == dt.date(2025, 3, 1)
    with pytest.raises(CellError):
        parse_date("03/2025")


def test_split_multi():
    assert split_multi("a|b; c") == ["a", "b; c"]      # | wins over ; and ,
    assert split_multi(" | a ||") == ["a"]


# --- one test per kind of problem -----------------------------------------------


def test_missing_required_column():
    objects, problems = parse_table("partners", table("id,name\nP01,x\n"))
    p = only(problems)
    assert objects == []
    assert (p.file, p.row, p.column, p.value) == ("partners.csv", 1, "sector", None)
    assert p.message == "verplichte kolom 'sector' (Sector) ontbreekt"


def test_missing_column_still_checks_the_rows():
    objects, problems = parse_table("partners", table("id,name,active\nP01,x,misschien\n"))
    assert objects == []
    assert [(p.row, p.column, p.value) for p in problems] == [(1, "sector", None),
                                                              (2, "active", "misschien")]
    assert problems[1].message == "onbekende waarde 'misschien'; gebruik ja of nee"


def test_unknown_sector_with_suggestion():
    _, problems = parse_table("partners", table(PARTNERS_HEAD + "P01,x,woningcoporatie\n"))
    p = only(problems)
    assert (p.file, p.row, p.column, p.value) == ("partners.csv", 2, "sector", "woningcoporatie")
    assert p.message == "onbekende sector 'woningcoporatie'; bedoelt u 'woningcorporatie'?"


def test_unknown_code_without_near_miss_lists_options():
    _, problems = parse_table("offers", table(OFFERS_HEAD + "A1,P1,x,zwemmen,professional,\n",
                                              "offers.csv"))
    p = only(problems)
    assert (p.row, p.column, p.value) == (2, "kind", "zwemmen")
    assert p.message.startswith("onbekende soort aanbod 'zwemmen'; kies uit: ontmoeting, ")


def test_unknown_profile_with_suggestion():
    _, problems = parse_table("offers", table(
        OFFERS_HEAD + "A1,P1,x,ontmoeting,professional,actieven|buitenstaaners\n", "offers.csv"))
    p = only(problems)
    assert (p.row, p.column, p.value) == (2, "profiles", "actieven|buitenstaaners")
    assert p.message == "onbekende profiel 'buitenstaaners'; bedoelt u 'buitenstaanders'?"


def test_duplicate_id():
    _, problems = parse_table("partners", table(PARTNERS_HEAD + "P01,a,welzijn\n"
                                                "P02,b,welzijn\nP01,c,ggd\n"))
    p = only(problems)
    assert (p.file, p.row, p.column, p.value) == ("partners.csv", 4, "id", "P01")
    assert p.message == "dubbele id: komt al voor in rij 2"


def test_duplicate_composite_key_compares_codes():
    t = table("from_partner,to_partner,kind\nP1,P2,verwijst\nP1,P2,meldt\nP1,P2,Verwijzing\n",
              "referrals.csv")
    objects, problems = parse_table("referrals", t)
    p = only(problems)
    assert (p.row, p.column, p.value) == (4, "from_partner, to_partner, kind", "P1 | P2 | verwijst")
    assert p.message == "dubbele sleutel: komt al voor in rij 2"
    assert len(objects) == 2


def test_malformed_int():
    _, problems = parse_table("wijken", table("code,name,inhabitants\nWK1,a,12,5\n",
                                              "wijken.csv"))
    # The unquoted "12,5" is two cells; the row is wider than the header.
    assert any(p.severity == WARNING and p.row == 2 for p in problems)
    _, problems = parse_table("wijken", table("code,name,inhabitants\nWK1,a,\"12,5\"\n",
                                              "wijken.csv"))
    p = only(problems)
    assert (p.row, p.column, p.value, p.message) == (2, "inhabitants", "12,5", "geen geheel getal")


def test_malformed_float():
    _, problems = parse_table("wijken", table("code,name,pct_lonely\nWK1,a,veel\n", "wijken.csv"))
    p = only(problems)
    assert (p.row, p.column, p.value, p.message) == (2, "pct_lonely", "veel", "geen getal")


def test_number_out_of_range():
    _, problems = parse_table("wijken", table("code;name;pct_lonely;inhabitants\n"
                                              "WK1;a;112,5;-3\n", "wijken.csv"))
    assert [(p.column, p.value, p.message) for p in problems] == [
        ("inhabitants", "-3", "mag niet kleiner zijn dan 0"),
        ("pct_lonely", "112,5", "moet tussen 0 en 100 liggen"),
    ]


def test_duplicate_step_number_compares_numbers():
    _, problems = parse_table("plan_steps", table("number\n1\n01\n", "plan_steps.csv"))
    p = only(problems)
    assert (p.row, p.column, p.value) == (3, "number", "1")


def test_step_out_of_range():
    _, problems = parse_table("plan_steps", table("number\n7\n", "plan_steps.csv"))
    p = only(problems)
    assert (p.row, p.column, p.value, p.message) == (2, "number", "7",
                                                     "moet tussen 1 en 6 liggen")


def test_malformed_date():
    _, problems = parse_table("offers", table(
        "id,partner_id,name,kind,delivered_by,end_date\n"
        "A1,P1,x,ontmoeting,professional,maart 2025\n"
        "A2,P1,y,ontmoeting,professional,31-02-2025\n"
        "A3,P1,z,ontmoeting,professional,31-12-2025\n", "offers.csv"))
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (2, "end_date", "maart 2025", "geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ"),
        (3, "end_date", "31-02-2025", "deze datum bestaat niet"),
    ]


def test_empty_file():
    objects, problems = parse_table("wijken", table("", "wijken.csv"))
    p = only(problems)
    assert objects == []
    assert (p.file, p.row, p.column, p.value) == ("wijken.csv", None, None, None)
    assert p.message.startswith("het bestand is leeg; verwacht een kopregel met de kolommen code,")


def test_header_only_is_a_warning_for_required_kinds():
    _, problems = parse_table("referrals", table("from_partner,to_partner,kind\n",
                                                 "referrals.csv"))
    assert only(problems, WARNING).message == "het bestand bevat alleen een kopregel, geen gegevens"
    assert parse_table("decisions", table("id,text\n", "decisions.csv"))[1] == []


def test_empty_required_cell():
    _, problems = parse_table("partners", table(PARTNERS_HEAD + "P01, ,welzijn\n"))
    p = only(problems)
    assert (p.row, p.column, p.value) == (2, "name", "")
    assert p.message == "verplichte waarde (Naam) ontbreekt"


def test_unknown_column_is_a_warning():
    objects, problems = parse_table("partners", table("id,name,sector,kleur\nP01,a,welzijn,rood\n"))
    p = only(problems, WARNING)
    assert (p.row, p.column, p.value) == (1, "kleur", None)
    assert p.message == "onbekende kolom 'kleur' wordt genegeerd"
    assert len(objects) == 1
    assert str(p) == ("partners.csv, rij 1, kolom 'kleur': waarschuwing: onbekende kolom "
                      "'kleur' wordt genegeerd")


def test_unknown_column_near_miss_suggests_the_column():
    _, problems = parse_table("partners", table("id,name,sector,ketenrolen\nP01,a,welzijn,x\n"))
    assert only(problems, WARNING).message == ("onbekende kolom 'ketenrolen' wordt genegeerd; "
                                               "bedoelt u 'roles'?")


def test_column_twice():
    _, problems = parse_table("partners", table("id,name,naam,sector\nP01,a,b,welzijn\n"))
    p = only(problems)
    assert (p.row, p.column) == (1, "naam")
    assert "staat twee keer in de kopregel" in p.message


def test_one_row_kinds_reject_more_rows():
    _, problems = parse_table("coalition", table("name\nA\nB\n", "coalition.csv"))
    p = only(problems)
    assert p.row == 3
    assert "mag maar één regel" in p.message


def test_all_problems_listed_at_once_with_excel_rows():
    t = table(OFFERS_HEAD
              + "A1,P1,ok,ontmoeting,professional,actieven\n"
              + "\n"                                                   # row 3 blank
              + "A2,P1,,ontmoeting,vrijwilliger,actieven\n"           # row 4: empty name
              + "A3,P1,z,zwemmen,robot,actieven|x-men\n"              # row 5: three problems
              + "A1,P1,dup,ontmoeting,professional,\n", "offers.csv")  # row 6: duplicate id
    objects, problems = parse_table("offers", t)
    assert [o.id for o in objects] == ["A1"]
    assert [(p.row, p.column) for p in problems] == [
        (4, "name"), (5, "kind"), (5, "delivered_by"), (5, "profiles"), (6, "id")]
    assert all(p.severity == ERROR for p in problems)


def test_problem_str():
    p = Problem("offers.csv", 14, "partner_id", "P99", "onbekende partner")
    assert str(p) == "offers.csv, rij 14, kolom 'partner_id', waarde 'P99': onbekende partner"
    assert p.is_error and p.severity == "fout"
    w = Problem("x.csv", None, None, None, "let op", WARNING)
    assert str(w) == "x.csv: waarschuwing: let op" and not w.is_error


def test_empty_optional_file_is_only_a_warning():
    objects, problems = parse_table("decisions", table("", "decisions.csv"))
    assert objects == [] and only(problems, WARNING).message.startswith("het bestand is leeg")


def test_contact_fields_are_checked_when_a_file_is_read():
    """E-mail and phone are text columns, but checked (the per-column conversion cache
    must not skip them as plain text)."""
    from coalition_map.loading import load_upload
    data = (b"id,name,sector,email,phone\n"
            b"P01,Bieb,bibliotheek,info at bieb,012-3456789\n"
            b"P02,Wijkteam,wijkteam,team@wijk.nl,bel maar\n")
    _objects, problems = load_upload("partners", "partners.csv", data)
    texts = [(p.row, p.column, p.message) for p in problems if p.is_error]
    assert any(r == 2 and c == "email" and "geen e-mailadres" in m for r, c, m in texts), texts
    assert any(r == 3 and c == "phone" for r, c, _ in texts), texts
