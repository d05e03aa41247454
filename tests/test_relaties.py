"""The relationship round (relatiemeting): scores hand-computed on a small round, the
template, and an import with Dutch messages and history."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import coalition, partner
from coalition_map import relaties as rel
from coalition_map.model import RelationshipAnswer as R
from coalition_map.errors import ServiceError
from store_helpers import import_all

D1, D2 = dt.date(2025, 11, 1), dt.date(2026, 11, 1)

#: Round 2025. A, B and C answer; D (invited, active) does not: response 3/4 = 0.75.
#:   A→B  know work refer  trust 4,3,4 -> 11/3 = 3.6667   value 2,3,4 -> 3.0
#:   A→C  know work        trust 2,2,3 ->  7/3 = 2.3333   value 1,1,1 -> 1.0
#:   B→A  know work        trust 3,3,3 -> 3.0             value 4,4,4 -> 4.0
#:   B→C  know             (no scores)
#:   C→A  know             trust 4,4,4 -> 4.0             value 3,-,3 -> 3.0
#:   C→B  know work        trust 1,2,- -> 1.5             (no value)
#:   A→D  know work        (no scores; D did not answer, so no one-sided tie)
#: Trust per partner: A (3.0 + 4.0)/2 = 3.5; B (3.6667 + 1.5)/2 = 2.5833; C 2.3333; D none.
#: Value per partner: A (4.0 + 3.0)/2 = 3.5; B 3.0; C 1.0.
#: Network trust: (11/3 + 7/3 + 3 + 4 + 1.5)/5 = 14.5/5 = 2.9 -> 72.5 %.
#: Network value: (3 + 1 + 4 + 3)/4 = 2.75 -> 68.75 %.
#: Work together one-sided: A says it works with C, C does not; C says it works with B,
#: B does not. "Know" is mutual everywhere. D answered nothing: no one-sided tie with D.
ROUND_2025 = [
    R("2025", "A", "B", D1, True, True, True, 4, 3, 4, 2, 3, 4),
    R("2025", "A", "C", D1, True, True, False, 2, 2, 3, 1, 1, 1),
    R("2025", "B", "A", D1, True, True, False, 3, 3, 3, 4, 4, 4),
    R("2025", "B", "C", D1, True, False, False),
    R("2025", "C", "A", D1, True, False, False, 4, 4, 4, 3, None, 3),
    R("2025", "C", "B", D1, True, True, False, 1, 2, None),
    R("2025", "A", "D", D1, True, True, False),
]
#: Round 2026: A→B trust 4,4,4 value 4,4,4; B→A trust 2,2,2 value 2,2,2; D→A know only.
#: Respondents A, B, D: 3/4. Network trust (4 + 2)/2 = 3.0 (+0.1), value 3.0 (+0.25).
#: A's trust 2.0 (from 3.5: -1.5); B's trust 4.0 (from 2.5833: +1.4167).
ROUND_2026 = [
    R("2026", "A", "B", D2, True, True, True, 4, 4, 4, 4, 4, 4),
    R("2026", "B", "A", D2, True, True, False, 2, 2, 2, 2, 2, 2),
    R("2026", "D", "A", D2, True),
]
PARTNERS = ["A", "B", "C", "D"]


def test_scores_of_a_small_round_hand_computed():
    s = rel.round_summary(ROUND_2025, PARTNERS, "2025")
    assert s.response_rate == 0.75 and s.respondents == ["A", "B", "C"] and s.invited == 4
    assert s.trust == {"A": 3.5, "B": pytest.approx(2.5833, abs=1e-4),
                       "C": pytest.approx(2.3333, abs=1e-4)}
    assert s.value == {"A": 3.5, "B": 3.0, "C": 1.0}
    assert "D" not in s.trust and s.raters == {"A": 2, "B": 2, "C": 1}
    assert s.network_trust == pytest.approx(2.9) and rel.pct(s.network_trust) == 72.5
    assert s.network_value == pytest.approx(2.75) and rel.pct(s.network_value) == 68.75
    assert [(t.kind, t.reported_by, t.about) for t in s.one_sided] == [
        ("work_together", "A", "C"), ("work_together", "C", "B")]
    assert s.ties == {"know": 7, "work_together": 5, "refer": 1}
    assert s.date == D1


def test_change_between_rounds_hand_computed():
    answers = ROUND_2026 + ROUND_2025                  # file order does not matter
    assert rel.rounds(answers) == ["2025", "2026"]
    before = rel.round_summary(answers, PARTNERS, "2025")
    after = rel.round_summary(answers, PARTNERS, "2026")
    assert after.response_rate == 0.75 and after.respondents == ["A", "B", "D"]
    changes = {c.partner: c for c in rel.change(before, after)}
    assert changes[""].trust_delta == pytest.approx(0.1)
    assert changes[""].value_delta == pytest.approx(0.25)
    assert changes["A"].trust_delta == -1.5
    assert changes["B"].trust_delta == pytest.approx(1.4167, abs=1e-4)
    assert changes["C"].trust_after is None and changes["C"].trust_delta is None


def test_summaries_use_the_active_partners_as_invited():
    c = coalition(partners=[partner(p) for p in PARTNERS] + [partner("E", active=False)])
    c.relationships.extend(ROUND_2025 + ROUND_2026)
    assert [(s.round, s.invited, s.response_rate) for s in rel.summaries(c)] == [
        ("2025", 4, 0.75), ("2026", 4, 0.75)]


def test_the_round_template_has_one_row_per_respondent_and_partner():
    c = coalition(partners=[partner(p) for p in ("A", "B", "C")] + [partner("X", active=False)])
    rows = rel.round_template(c, "2027", D2)
    assert [(r.respondent, r.partner) for r in rows] == [
        ("A", "B"), ("A", "C"), ("B", "A"), ("B", "C"), ("C", "A"), ("C", "B")]
    assert {r.round for r in rows} == {"2027"} and {r.date for r in rows} == {D2}
    text = rel.template_bytes(c, "2027", "csv", D2).decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("round,respondent,partner,date,know,work_together,refer,")
    assert len(text.splitlines()) == 7
    assert rel.template_bytes(c, "2027", "xlsx", D2)[:2] == b"PK"


CSV_HEAD = ("ronde,respondent,over partner,datum,kennen elkaar,werken samen,verwijzen,"
            "open communicatie,betrouwbaarheid,gedeelde missie,invloed,middelen,betrokkenheid\n")


def test_import_a_round_with_history_other_rounds_kept(store):
    import_all(store, coalition(partners=[partner(p) for p in PARTNERS]))
    first = (CSV_HEAD + "2025,A,B,2025-11-01,ja,ja,ja,4,3,4,2,3,4\n"
             "2025,B,A,2025-11-01,ja,ja,nee,3,3,3,4,4,4\n").encode()
    done = rel.import_round(store, "ronde-2025.csv", first, author="Anna")
    assert done.ok and done.changeset is not None and len(done.answers) == 2
    second = (CSV_HEAD + "2026,A,B,2026-11-01,ja,ja,ja,4,4,4,4,4,4\n").encode()
    rel.import_round(store, "ronde-2026.csv", second, author="Anna")
    stored = store.load_coalition().relationships
    assert sorted((a.round, a.respondent, a.partner) for a in stored) == [
        ("2025", "A", "B"), ("2025", "B", "A"), ("2026", "A", "B")]
    assert {c.action for c in store.history("relationships", limit=None)} == {"import"}
    # the same round again with fewer rows removes answers: only when confirmed
    with pytest.raises(ServiceError, match="verwijdert antwoorden"):
        rel.import_round(store, "ronde-2025.csv", (CSV_HEAD + "2025,A,B,,ja,ja,ja,4,3,4,2,3,4\n")
                         .encode(), author="Anna")
    assert len(store.load_coalition().relationships) == 3
    # and undo takes a round's import back
    store.undo_changeset(done.changeset.id, author="Anna")
    assert sorted(a.round for a in store.load_coalition().relationships) == ["2026"]


def test_a_bad_round_file_names_file_row_and_field_and_stores_nothing(store):
    import_all(store, coalition(partners=[partner(p) for p in PARTNERS]))
    bad = (CSV_HEAD + "2025,A,B,2025-11-01,ja,ja,ja,5,3,4,2,3,4\n"
           "2025,A,Z,2025-11-01,ja,,,,,,,,\n"
           "2025,C,C,2025-11-01,ja,,,,,,,,\n").encode()
    done = rel.import_round(store, "ronde.csv", bad, author="Anna")
    assert not done.ok and done.changeset is None
    messages = [str(p) for p in done.problems]
    assert any(m.startswith("ronde.csv, rij 2, kolom 'open_communication', waarde '5'")
               for m in messages), messages
    assert any(m.startswith("ronde.csv, rij 3, kolom 'partner', waarde 'Z'") for m in messages)
    assert any("rij 4" in m and "zichzelf" in m for m in messages)
    assert store.load_coalition().relationships == []
