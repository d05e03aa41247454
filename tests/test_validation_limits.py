"""Validation refuses what the store cannot hold, in Dutch, naming file, row and column.

Numbers: length, Python's 4,300-digit limit, PostgreSQL's integer range,
1e308/inf/nan. Text: cell length, key length, control characters (removed
with a warning), multi-valued cells, websites. The problem list is capped.
"""

from __future__ import annotations

import time

import pytest

from coalition_map import limits
from coalition_map.reading import Table, read_table
from coalition_map.validation import CellError, parse_file, parse_float, parse_int


def parsed(kind: str, header: list[str], *rows: list[str]):
    return parse_file(kind, Table(f"{kind}.csv", header, [list(r) for r in rows],
                                  list(range(2, 2 + len(rows)))))


def only_error(pf):
    errors = [p for p in pf.problems if p.is_error]
    assert len(errors) == 1, pf.problems
    return errors[0]


@pytest.mark.parametrize("text", ["1" * 20000, "1" * 20000 + ",5", "1" * 20000 + "x",
                                  "9" * 4301, "0," + "1" * 50000, "1." * 10000])
def test_long_digit_runs_are_refused_at_once(text):
    start = time.perf_counter()
    for parse in (parse_int, parse_float):
        with pytest.raises(CellError, match=r"geen getal: [\d.]+ tekens lang; een getal heeft "
                                            r"er hoogstens 40"):
            parse(text)
    assert time.perf_counter() - start < 5       # was 10-75 s: a hang detector only


@pytest.mark.parametrize("value,ok", [
    (str(2 ** 31 - 1), True), (str(-2 ** 31), True), (str(2 ** 31), False),
    (str(-2 ** 31 - 1), False), ("1e308", False), ("2.147.483.648", False),
    ("99999999999%", False), ("1|" + str(2 ** 31), False)])
def test_whole_numbers_must_fit_a_postgresql_integer(value, ok):
    # plan_steps.checked: whole numbers without a range of their own.
    pf = parsed("plan_steps", ["number", "checked"], ["1", value])
    if ok:
        assert pf.objects and not pf.problems
        return
    error = only_error(pf)
    assert (error.file, error.row, error.column) == ("plan_steps.csv", 2, "checked")
    assert "2.147.483.647" in error.message and "de grens van de database" in error.message


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1e16", "1e309", "inf", "nan",
                                   "Infinity", "-inf"])
def test_huge_and_non_finite_numbers_are_refused(value):
    error = only_error(parsed("actions", ["id", "title", "budget"], ["X1", "t", value]))
    assert error.column == "budget"
    assert "te groot" in error.message or "geen getal" in error.message


def test_cell_length_limit_names_row_and_column():
    pf = parsed("partners", ["id", "name", "sector"],
                ["P01", "x" * limits.MAX_CELL_CHARS, "wijkteam"],
                ["P02", "x" * (limits.MAX_CELL_CHARS + 1), "wijkteam"])
    error = only_error(pf)
    assert (error.row, error.column) == (3, "name")
    assert "32.768 tekens; de grens is 32.767 tekens per cel" in error.message
    assert len(error.value) < 100                      # the value is shortened in messages


def test_keys_and_references_have_a_length_limit():
    long_id = "P" * (limits.MAX_KEY_CHARS + 1)
    error = only_error(parsed("partners", ["id", "name", "sector"],
                              [long_id, "x", "wijkteam"]))
    assert error.column == "id" and "te lang voor een code" in error.message
    error = only_error(parsed("offers", ["id", "partner_id", "name", "kind", "delivered_by"],
                              ["A1", long_id, "x", "ontmoeting", "vrijwilliger"]))
    assert error.column == "partner_id"
    error = only_error(parsed("partners", ["id", "name", "sector", "wijken"],
                              ["P1", "x", "wijkteam", f"WK01|{long_id}"]))
    assert error.column == "wijken" and "te lang" in error.message


def test_control_characters_are_removed_with_a_warning():
    pf = parsed("partners", ["id", "name", "sector"],
                ["P\x0001", "Wijk\x1bteam\x7f", "wijkteam"], ["P02", "gewoon\tmet tab\n", "ggd"])
    assert [(o.id, o.name) for o in pf.objects] == [("P01", "Wijkteam"),
                                                     ("P02", "gewoon\tmet tab")]
    warnings = [p for p in pf.problems if not p.is_error]
    assert [(w.row, w.column) for w in warnings] == [(2, "id"), (2, "name")]
    assert "onzichtbare stuurtekens (U+001B, U+007F) verwijderd" in warnings[1].message


def test_too_many_values_in_one_cell():
    error = only_error(parsed("offers", ["id", "partner_id", "name", "kind", "delivered_by",
                                         "target_groups"],
                              ["A1", "P1", "x", "ontmoeting", "vrijwilliger",
                               "|".join(f"g{i}" for i in range(limits.MAX_MULTI_VALUES + 1))]))
    assert "1.001 waarden in één cel; de grens is 1.000" in error.message


@pytest.mark.parametrize("website,ok", [
    ("https://bieb.example", True), ("http://bieb.example/a?b=c", True),
    ("www.bieb.example", True), ("javascript:alert(1)", False), (" JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>", False), ("vbscript:msgbox", False), ("file:///etc/passwd", False),
    ("mailto:a@b.example", False), ("http://", False), ("https://a b.example", False),
    ("//evil.example", False), ("https://" + "a" * 3000 + ".example", False)])
def test_websites_are_http_or_https(website, ok):
    pf = parsed("partners", ["id", "name", "sector", "website"],
                ["P01", "x", "wijkteam", website])
    if ok:
        assert pf.objects and not pf.problems
    else:
        error = only_error(pf)
        assert error.column == "website"
        assert "http://" in error.message or "te lang" in error.message


def test_problem_list_is_capped(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PROBLEMS", 5)
    rows = [[f"P{i}", "x", "geen-sector"] for i in range(20)]
    pf = parsed("partners", ["id", "name", "sector"], *rows)
    assert len(pf.problems) == 6 and not pf.objects
    assert "meer dan 5 fouten; het nakijken is hier gestopt" in pf.problems[-1].message
    assert pf.problems[-1].row == 7
    warned = parsed("partners", ["id", "name", "sector"],
                    *[[f"P\x01{i}", "x", "ggd"] for i in range(20)])
    assert len(warned.objects) == 20
    assert "en nog 15 waarschuwingen die niet worden getoond" in warned.problems[-1].message


def test_reading_notes_become_warnings():
    data = "id,name,sector\nP01,Café,ggd\n".encode() + "P02,Cafë,ggd\n".encode("cp1252")
    pf = parse_file("partners", read_table(data, filename="partners.csv"))
    assert [o.name for o in pf.objects] == ["Café", "Cafë"]
    (warning,) = pf.problems
    assert not warning.is_error and "rij 3 in Windows-1252" in warning.message
