"""Loading folders and workbooks: cross-file checks, all-or-nothing, the report."""



from coalition_map import model
from coalition_map.loading import (LoadResult, format_report, load_folder, load_path,
                                   load_upload, load_workbook)
from coalition_map.validation import WARNING, Problem
from helpers_io import MINIMAL, minimal_folder, write_files, xlsx_bytes

OFFERS_HEAD = "id,partner_id,name,kind,delivered_by,wijken\n"


def test_minimal_folder_loads_clean(tmp_path):
    result = load_folder(minimal_folder(tmp_path))
    assert result.ok and result.problems == []
    c = result.coalition
    assert [w.code for w in c.wijken] == ["WK01", "WK02"]
    assert c.partner("P01").roles == ("signaleren", "toeleiden")
    assert c.offer("A02").wijken == (model.ALL,)
    assert c.referrals == [model.Referral("P02", "P01", "meldt")]
    assert result.plan == model.Plan()               # plan files may be absent
    assert c.info == model.CoalitionInfo()


def test_semicolon_cp1252_folder(tmp_path):
    files = dict(MINIMAL)
    files["partners.csv"] = ("id,name,sector,roles,wijken\n"
                             "P01,Café Ërnst,wijkteam,signaleren,WK01\n"
                             "P02,Woonstad,Woningcorporatie,signaleren,alle\n")
    write_files(tmp_path, files, encoding="cp1252", delimiter=";")
    result = load_folder(tmp_path)
    assert result.ok, format_report(result)
    assert result.coalition.partner("P01").name == "Café Ërnst"


def test_offer_unknown_partner_and_wijk(tmp_path):
    offers = OFFERS_HEAD + "A01,P01,a,ontmoeting,professional,WK01\n" \
                           "A02,P99,b,ontmoeting,professional,WK01|WK9\n"
    result = load_folder(minimal_folder(tmp_path, offers=offers))
    assert not result.ok
    assert [(p.file, p.row, p.column, p.value) for p in result.errors] == [
        ("offers.csv", 3, "partner_id", "P99"), ("offers.csv", 3, "wijken", "WK9")]
    assert [p.message for p in result.errors] == [
        "onbekende partner: 'P99' staat niet in partners.csv",
        "onbekende wijk: 'WK9' staat niet in wijken.csv"]


def test_reference_suggests_case_variant(tmp_path):
    offers = OFFERS_HEAD + "A01,p01,a,ontmoeting,professional,wk01\n"
    result = load_folder(minimal_folder(tmp_path, offers=offers))
    assert [p.message for p in result.errors] == [
        "onbekende partner: 'p01' staat niet in partners.csv; bedoelt u 'P01'?",
        "onbekende wijk: 'wk01' staat niet in wijken.csv; bedoelt u 'WK01'?"]


def test_referral_unknown_partner(tmp_path):
    referrals = "from_partner,to_partner,kind\nP02,P01,meldt\nP01,P77,verwijst\n"
    result = load_folder(minimal_folder(tmp_path, referrals=referrals))
    (p,) = result.errors
    assert (p.file, p.row, p.column, p.value) == ("referrals.csv", 3, "to_partner", "P77")
    assert p.message.startswith("onbekende partner: 'P77' staat niet in partners.csv")


def test_self_referral_is_a_warning(tmp_path):
    referrals = "from_partner,to_partner,kind\nP01,P01,verwijst\n"
    result = load_folder(minimal_folder(tmp_path, referrals=referrals))
    assert result.ok
    assert [p.message for p in result.warnings] == ["partner verwijst naar zichzelf"]


def test_reference_to_row_with_error_is_not_reported_twice(tmp_path):
    partners = "id,name,sector,wijken\nP01,a,welzijn,alle\nP02,b,onbekend-ding,alle\n"
    result = load_folder(minimal_folder(tmp_path, partners=partners))
    assert [(p.file, p.column) for p in result.errors] == [("partners.csv", "sector")]


def test_missing_required_file_and_all_or_nothing(tmp_path):
    result = load_folder(minimal_folder(tmp_path, referrals=None))
    assert not result.ok
    (p,) = result.errors
    assert (p.file, p.row, p.column, p.value) == ("referrals.csv", None, None, None)
    assert p.message == "bestand referrals.csv ontbreekt; dit bestand is verplicht (Verwijsroutes)"
    # No data is applied when there is any error.
    assert result.coalition == model.Coalition() and result.plan == model.Plan()


def test_partners_missing_does_not_flood_offers_with_reference_errors(tmp_path):
    result = load_folder(minimal_folder(tmp_path, partners=None))
    assert [p.file for p in result.errors] == ["partners.csv"]


def test_problems_ordered_by_file_then_row(tmp_path):
    partners = "id,name,sector,wijken\nP01,a,welzijn,alle\nP02,b,welzijn,WK7\nP03,,xx,alle\n"
    offers = OFFERS_HEAD + "A01,P01,a,ontmoeting,professional,alle\nA02,P09,b,ontmoeting,professional,alle\n"
    result = load_folder(minimal_folder(tmp_path, partners=partners, offers=offers,
                                        referrals=None))
    assert [(p.file, p.row, p.column) for p in result.errors] == [
        ("partners.csv", 3, "wijken"), ("partners.csv", 4, "name"),
        ("partners.csv", 4, "sector"), ("offers.csv", 3, "partner_id"),
        ("referrals.csv", None, None)]


def test_unknown_file_warning_and_dutch_file_names(tmp_path):
    folder = minimal_folder(tmp_path, offers=None)
    (folder / "Aanbod.CSV").write_text(MINIMAL["offers.csv"])
    (folder / "notities.csv").write_text("x\n1\n")
    (folder / "README.txt").write_text("niet voor ons")
    result = load_folder(folder)
    assert result.ok, format_report(result)
    assert len(result.coalition.offers) == 2
    (w,) = result.warnings
    assert w.file == "notities.csv" and w.message.startswith("onbekend bestand")


def test_both_csv_and_xlsx_is_an_error(tmp_path):
    folder = minimal_folder(tmp_path)
    (folder / "wijken.xlsx").write_bytes(xlsx_bytes({"wijken": [["code", "name"]]}))
    result = load_folder(folder)
    (p,) = result.errors
    assert "meerdere bestanden" in p.message and "wijken.csv en wijken.xlsx" in p.message




def _rows(csv_text: str) -> list[list]:
    return [line.split(",") for line in csv_text.strip().split("\n")]


def test_xlsx_single_file_in_folder(tmp_path):
    folder = minimal_folder(tmp_path, partners=None)
    (folder / "partners.xlsx").write_bytes(xlsx_bytes({"Blad1": _rows(MINIMAL["partners.csv"])}))
    result = load_folder(folder)
    assert result.ok, format_report(result)
    assert result.coalition.partner("P01").wijken == ("WK01",)


def test_workbook_with_dutch_sheet_names_and_row_numbers(tmp_path):
    sheets = {"Wijken": _rows(MINIMAL["wijken.csv"]),
              "Partners": _rows(MINIMAL["partners.csv"]),
              "Aanbod": _rows(MINIMAL["offers.csv"]) + [["A03", "P99", "c", "ontmoeting",
                                                         "professional", "", "alle"]],
              "Verwijsroutes": _rows(MINIMAL["referrals.csv"]),
              "toelichting": [["notities"]],
              "Blad3": [["x"]]}
    path = tmp_path / "kaart.xlsx"
    path.write_bytes(xlsx_bytes(sheets))
    result = load_workbook(path)
    (err,) = result.errors
    assert (err.file, err.row, err.column, err.value) == ("kaart.xlsx, blad 'Aanbod'", 4,
                                                          "partner_id", "P99")
    (warn,) = result.warnings
    assert warn.file == "kaart.xlsx, blad 'Blad3'"
    del sheets["Aanbod"][-1]
    path.write_bytes(xlsx_bytes(sheets))
    result = load_path(path)
    assert result.ok and len(result.coalition.offers) == 2


def test_workbook_missing_sheet_and_broken_file(tmp_path):
    path = tmp_path / "kaart.xlsx"
    path.write_bytes(xlsx_bytes({"partners": _rows(MINIMAL["partners.csv"])}))
    result = load_workbook(path)
    assert [p.message for p in result.errors] == [
        "werkblad 'wijken' ontbreekt; dit bestand is verplicht (Wijken)",
        "werkblad 'offers' ontbreekt; dit bestand is verplicht (Aanbod)",
        "werkblad 'referrals' ontbreekt; dit bestand is verplicht (Verwijsroutes)"]
    path.write_bytes(b"kapot")
    (p,) = load_workbook(path).errors
    assert p.message.startswith("dit is geen leesbaar Excel-bestand (.xlsx)")


def test_load_path_rejects_other_things(tmp_path):
    (p,) = load_path(tmp_path / "x.csv").errors
    assert p.message == "deze map of dit bestand bestaat niet"
    (tmp_path / "x.csv").write_text("id\n")
    (p,) = load_path(tmp_path / "x.csv").errors
    assert "map met CSV-bestanden" in p.message
    (p,) = load_folder(tmp_path / "nergens").errors
    assert p.message == "deze map bestaat niet"


def test_load_upload_csv_with_coalition_context(tmp_path):
    coalition = load_folder(minimal_folder(tmp_path)).coalition
    data = (OFFERS_HEAD + "A09,P01,a,ontmoeting,professional,WK01\n"
            "A10,P42,b,ontmoeting,professional,alle\n").encode("cp1252")
    objects, problems = load_upload("offers", "nieuw aanbod.csv", data, coalition=coalition)
    assert [o.id for o in objects] == ["A09", "A10"]
    (p,) = problems
    assert (p.file, p.row, p.column, p.value) == ("nieuw aanbod.csv", 3, "partner_id", "P42")
    objects, problems = load_upload("offers", "nieuw aanbod.csv", data)
    assert problems == []                        # without context: no reference checks


def test_load_upload_xlsx_picks_sheet_by_kind():
    data = xlsx_bytes({"uitleg": [["x"]], "wijken": _rows(MINIMAL["wijken.csv"])})
    objects, problems = load_upload("wijken", "w.xlsx", data)
    assert problems == [] and [w.code for w in objects] == ["WK01", "WK02"]
    objects, problems = load_upload("wijken", "w.xlsx", b"kapot")
    assert objects == [] and problems[0].message.startswith("dit is geen leesbaar")


def test_format_report_clean(tmp_path):
    result = load_folder(minimal_folder(tmp_path))
    report = format_report(result, "data")
    assert report.splitlines() == ["Geen problemen gevonden in data.",
                                   "Ingelezen: 2 wijken, 2 partners, 2 aanbod, 1 verwijsroute."]


def test_format_report_groups_and_numbers():
    result = LoadResult(problems=[
        Problem("partners.csv", 3, "sector", "x", "onbekende sector 'x'"),
        Problem("partners.csv", 1, "kleur", None, "onbekende kolom 'kleur' wordt genegeerd",
                WARNING),
        Problem("offers.csv", None, None, None, "het bestand is leeg"),
    ], source="map")
    assert format_report(result).splitlines() == [
        "2 fouten en 1 waarschuwing in map. Er is niets ingelezen; verbeter de fouten en "
        "probeer het opnieuw.",
        "",
        "partners.csv (1 fout, 1 waarschuwing)",
        "  1. rij 3, kolom 'sector', waarde 'x': onbekende sector 'x'",
        "  2. rij 1, kolom 'kleur': waarschuwing: onbekende kolom 'kleur' wordt genegeerd",
        "",
        "offers.csv (1 fout)",
        "  3. het bestand is leeg",
    ]


def test_format_report_only_warnings(tmp_path):
    folder = minimal_folder(tmp_path)
    (folder / "extra.csv").write_text("a\n")
    report = format_report(load_folder(folder), "map")
    assert report.startswith("Geen fouten gevonden in map; 1 waarschuwing:")
    assert report.endswith("Ingelezen: 2 wijken, 2 partners, 2 aanbod, 1 verwijsroute.")


def test_plan_files_are_checked_against_partners_and_wijken(tmp_path):
    folder = minimal_folder(
        tmp_path,
        actions="id,title,step,wijk,profile,owner_partner,deadline,budget\n"
                "X1,Meldpunt,4,WK01,buitenstaander,P02,30-06-2025,\"1.250,50\"\n"
                "X2,Folder,2,WK03,,P05,2025-07-01,\n",
        plan_choices="onderdelen;focus_wijken\nherkennen|bewustwording;WK02|WK04\n")
    result = load_folder(folder)
    assert [(p.file, p.row, p.column, p.value) for p in result.errors] == [
        ("plan_choices.csv", 2, "focus_wijken", "WK04"),
        ("actions.csv", 3, "wijk", "WK03"),
        ("actions.csv", 3, "owner_partner", "P05")]
    (folder / "plan_choices.csv").unlink()
    (folder / "actions.csv").write_text(
        "id,title,step,wijk,profile,owner_partner,deadline,budget\n"
        "X1,Meldpunt,4,WK01,buitenstaander,P02,30-06-2025,\"1.250,50\"\n")
    result = load_folder(folder)
    assert result.ok, format_report(result)
    (action,) = result.plan.actions
    assert (action.profile, action.deadline.isoformat(), action.budget) == (
        "buitenstaanders", "2025-06-30", 1250.5)
